/*
 * The analysis and report of `stackfit check`, apart from its command
 * line, so that the daemon answers `stackfit/check` with the very code the
 * command runs in process: the same findings, order, report and exit
 * status.
 */
#ifndef SF_CMD_CHECK_H
#define SF_CMD_CHECK_H

#include <stdbool.h>
#include <stdio.h>

#include "cmd_report.h"
#include "project.h"
#include "report.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/vec.h"
#include "workspace.h"

/* The files a check reports on. */
struct check_set {
	VEC(char *) paths; /* root-relative, in the order given; owned */
	struct strmap set; /* the same paths */
};

void cmd_check_set_init(struct check_set *ck);
/* Adds rel (copied) unless it is in the set already. */
void cmd_check_set_add(struct check_set *ck, const char *rel);
/* Frees the set. Accepts NULL. */
void cmd_check_set_finish(struct check_set *ck);

/* The note on a FILES argument skipped because it is no source stackfit
 * reads (a shell script, `.pyi` stubs, a README), to err: said by the run
 * in process and by a daemon alike. */
void cmd_check_skipped_note(FILE *err, const char *arg);

/* How to analyse and what to write; strings are borrowed. */
struct check_request {
	struct cmd_request r;
};

/* The report of ck's findings in pj's last solve (which it does not
 * change), to out, and the notes on ck's files to err. ws is what pj
 * analysed. Returns the exit status: EXIT_FINDINGS, EXIT_CLEAN, or
 * EXIT_USAGE when the report could not be written.
 *
 * A check's findings are those of the files checked, those of the
 * project rules anchored at one, and those of files not checked whose
 * chain runs through one (a caller that a checked helper makes block):
 * the commit that brings a finding in is the one that reports it. */
int cmd_check_write(const struct sf_project *pj, const struct workspace *ws,
		    const struct check_set *ck, const struct check_request *rq,
		    FILE *out, FILE *err);

#endif
