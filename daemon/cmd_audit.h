/*
 * The analysis and report of `stackfit audit`, apart from its command
 * line, so that the daemon answers `stackfit/audit` with the very code the
 * command runs in process.
 */
#ifndef SF_CMD_AUDIT_H
#define SF_CMD_AUDIT_H

#include <stdbool.h>
#include <stdio.h>

#include "engine.h"
#include "report.h"
#include "workspace.h"

/* How to analyse and what to write; strings are borrowed. */
struct audit_request {
	enum report_format format;
	int fail_on;             /* enum sf_severity; SF_SEV_OFF: never */
	bool color;              /* colour the text report */
	const char *path_prefix; /* for GitHub annotations, or NULL */
	bool cache;              /* use the on-disk analysis cache */
	unsigned jobs;           /* worker threads; 0: one per core */
	bool progress;           /* draw a progress line on stderr */
};

/* Analyses every file of ws (with e's settings) and writes the report to
 * out and the notes (skipped files, cache trouble) to err. Returns the
 * exit status: EXIT_FINDINGS, EXIT_CLEAN, or EXIT_USAGE when the report
 * could not be written. */
int cmd_audit_report(const struct sf_engine *e, const struct workspace *ws,
		     const struct audit_request *rq, FILE *out, FILE *err);

#endif
