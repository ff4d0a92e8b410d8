/*
 * Diagnostics on disk: a list of findings written with binio and read
 * back, for the analysis cache. A finding names its rule by id; reading
 * one whose rule this build does not have, or whose severity, strings or
 * counts are out of range, fails.
 */
#ifndef SF_DIAGNOSTIC_IO_H
#define SF_DIAGNOSTIC_IO_H

#include <stdbool.h>

#include "diagnostic.h"
#include "util/binio.h"

#define DIAGNOSTIC_IO_VERSION 3

/* Writes every item of l. Strings are referred to until the writer's
 * output is taken: l must not change meanwhile. */
void diagnostic_io_write(struct binio_writer *w, const struct sf_diag_list *l);

/* Positions and spans, as the lists above write them; for other writers
 * of analyzer types (summary_io). */
void diagnostic_io_put_pos(struct binio_writer *w, struct sf_position p);
void diagnostic_io_put_span(struct binio_writer *w, struct sf_span s);
struct sf_position diagnostic_io_get_pos(struct binio_reader *r);
struct sf_span diagnostic_io_get_span(struct binio_reader *r);

/* Reads a list written by diagnostic_io_write and appends its items to
 * out (they own their strings). Returns false, appending nothing, when
 * the bytes are not such a list (r is then bad). */
bool diagnostic_io_read(struct binio_reader *r, struct sf_diag_list *out);

#endif
