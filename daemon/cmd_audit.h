/*
 * The analysis and report of `stackfit audit`, apart from its command
 * line, so that the daemon answers `stackfit/audit` with the very code the
 * command runs in process.
 */
#ifndef SF_CMD_AUDIT_H
#define SF_CMD_AUDIT_H

#include <stdbool.h>
#include <stdio.h>

#include "cmd_report.h"
#include "project.h"
#include "report.h"
#include "workspace.h"

/* How to analyse and what to write; strings are borrowed. */
struct audit_request {
	struct cmd_request r;
	bool progress; /* draw a progress line on stderr */
};

/* The report alone, of pj's last solve (which it does not change), and
 * the notes of the files it skipped. Returns the exit status. */
int cmd_audit_write(const struct sf_project *pj, const struct workspace *ws,
		    const struct audit_request *rq, FILE *out, FILE *err);

#endif
