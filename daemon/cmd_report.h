/*
 * What the commands that write a report (audit, check) share: the parsing
 * of their common options, and the pieces of a report that do not depend
 * on which files it covers.
 */
#ifndef SF_CMD_REPORT_H
#define SF_CMD_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cmd.h"
#include "config.h"
#include "diagnostic.h"
#include "engine.h"
#include "project.h"
#include "report.h"
#include "util/strmap.h"
#include "workspace.h"

/* Option values, for cmd's command line. Each returns 0 with the value
 * stored, or EXIT_USAGE after cmd_usage_error said what was expected. */
int cmd_report_parse_format(const struct cmd_entry *cmd, const char *arg,
			    enum report_format *out);
/* --jobs: 1 to 256 worker threads. */
int cmd_report_parse_jobs(const struct cmd_entry *cmd, const char *arg,
			  unsigned *out);
/* --fail-on: an enum sf_severity, or SF_SEV_OFF for "none". */
int cmd_report_parse_fail_on(const struct cmd_entry *cmd, const char *arg,
			     int *out);
/* --statistics: turns the text or json format into its statistics
 * form; another format is a usage error. */
int cmd_report_statistics(const struct cmd_entry *cmd,
			  enum report_format *format);
/* --color: -1 auto, 0 never, 1 always. */
int cmd_report_parse_color(const struct cmd_entry *cmd, const char *arg,
			   int *out);

/* Whether to colour output to out for a --color setting (auto: a
 * terminal, and NO_COLOR unset or empty). */
bool cmd_report_color(int setting, FILE *out);
/* The root's place in $GITHUB_WORKSPACE, ending in '/', for GitHub
 * annotations; NULL when the root is the workspace or outside it. Owned
 * by the caller. */
char *cmd_report_github_prefix(const char *root);
/* The rules that run with e's severities (not off) or have a finding in
 * diags (may be NULL), for the report, with unused_ignores the
 * `unused-ignore` findings' (suppression.h), and the `syntax-error`
 * findings' when diags has one; the array is owned by the caller, its
 * strings are static. */
struct sf_report_rule *cmd_report_rules(const struct sf_engine *e,
					bool unused_ignores,
					const struct sf_diag_list *diags,
					uint32_t *n);
/* EXIT_FINDINGS when l has a finding at or above fail_on (SF_SEV_OFF:
 * never), else EXIT_CLEAN. */
int cmd_report_exit_status(const struct sf_diag_list *l, int fail_on);
/* What check and audit share: how to analyse and what to write (the
 * daemon receives it with each request). Strings are borrowed. */
struct cmd_request {
	enum report_format format;
	int fail_on;             /* enum sf_severity; SF_SEV_OFF: never */
	bool color;              /* colour the text report */
	const char *path_prefix; /* for GitHub annotations, or NULL */
	bool cache;              /* use the on-disk analysis cache */
	unsigned jobs;           /* worker threads; 0: one per core */
	bool unused_ignores;     /* report suppressions that silence nothing */
	/* Report the findings of the root's baseline too (baseline.h):
	 * --no-baseline. */
	bool no_baseline;
	/* The configurations, for their "overrides" (the severity of a
	 * rule per file), or NULL. */
	const struct config *config;
};

/* Writes report (its rules, path prefix and version filled in here from
 * e and rq) to out in rq's format, without the findings the baseline at
 * its root holds (unless rq->no_baseline; a note on err says how many).
 * Returns the exit status for the findings reported, or EXIT_USAGE, said
 * on err, when it could not be written or the baseline not read. */
int cmd_report_write(const struct sf_engine *e, const struct cmd_request *rq,
		     struct sf_report *report, FILE *out, FILE *err);
/* Puts ws's files into pj (as the text texts holds for a file, when it
 * holds one: root-relative path -> const struct scheduler_text *; or
 * NULL) and solves it on rq->jobs workers, through the workspace's
 * on-disk cache when rq->cache; trouble with the cache is noted on err.
 * With progress, a progress line is drawn on stderr. */
void cmd_report_analyse(struct sf_project *pj, const struct workspace *ws,
			const struct strmap *texts,
			const struct cmd_request *rq, bool progress, FILE *err);

#endif
