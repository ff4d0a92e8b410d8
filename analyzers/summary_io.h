/*
 * Summaries on disk: every field of a summary (summary.h) written with
 * binio and read back, for the analysis cache. The reader checks every
 * index a summary holds against the sizes it refers to (a function's
 * parent comes before it, an event slice lies inside the events, a call
 * index is below the facts' call count...), so a summary it returns is one
 * the index can use without further checks.
 *
 * SUMMARY_IO_VERSION changes whenever what is written changes; the cache
 * stores it in its files' headers.
 */
#ifndef SF_SUMMARY_IO_H
#define SF_SUMMARY_IO_H

#include <stdbool.h>

#include "summary.h"
#include "util/binio.h"

#define SUMMARY_IO_VERSION 6

/* Writes s. Its strings are referred to, not copied, until the writer's
 * output is taken: s must not change or go meanwhile. */
void summary_io_write(struct binio_writer *w, const struct sf_summary *s);

/* Do a and b hold the same, field for field as summary_io_write writes
 * them, but for the text they were made from (hash, lines)? Then one
 * stands for the other in the index: an edit of a comment, or of code no
 * summary sees. */
bool summary_io_same(const struct sf_summary *a, const struct sf_summary *b);

/* Reads a summary written by summary_io_write. Returns it (owned by the
 * caller, summary_destroy; names indexed as summary_index_names does), or
 * NULL when the bytes are not a valid summary (r is then bad). */
struct sf_summary *summary_io_read(struct binio_reader *r);

#endif
