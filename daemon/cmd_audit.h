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
	/* The audited folder or file, root-relative, when it is not the
	 * root (`audit packages/api` in a repository): the whole workspace
	 * is analysed, and the report covers what is under it. NULL: all. */
	const char *subset;
};

/* The workspace of an audit of path: in a git work tree the whole
 * repository (its top level is the root, so that paths are
 * repository-relative and helpers outside path are analysed), with
 * *subset (owned by the caller) path relative to it; elsewhere, or when
 * git lists nothing under path (a git-ignored folder), path itself is the
 * root and *subset NULL. Returns 0, or -1 with *cause (owned by the
 * caller). */
int cmd_audit_workspace(struct workspace *ws, const char *path, char **subset,
			char **cause);

/* The report alone, of pj's last solve (which it does not change), and
 * the notes of the files it skipped. Returns the exit status. */
int cmd_audit_write(const struct sf_project *pj, const struct workspace *ws,
		    const struct audit_request *rq, FILE *out, FILE *err);

#endif
