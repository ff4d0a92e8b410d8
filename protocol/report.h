/*
 * Report writers: the outputs of DESIGN §6. Every format gets the same
 * sf_report and writes it to a stdio stream.
 */
#ifndef SF_REPORT_H
#define SF_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diagnostic.h"

enum report_format {
	REPORT_TEXT,
	REPORT_JSON,
	REPORT_SARIF,
	REPORT_GITHUB,
};

/* What a report says about a rule (SARIF lists the rules it ran). The
 * strings are static, owned by the rule table. */
struct sf_report_rule {
	const char *id, *name, *summary, *doc;
	enum sf_severity severity; /* as configured */
};

struct sf_report {
	const char *tool_version;
	const char *root; /* absolute path of the workspace root */
	uint32_t files;   /* files analysed */
	uint32_t skipped; /* files skipped with a note */
	const struct sf_diag_list *diags;   /* sorted */
	const struct sf_report_rule *rules; /* the rules that ran */
	uint32_t nrules;
	/* Prepended to paths where a consumer wants them relative to
	 * something else than the root (GitHub: the repository); may be
	 * NULL. Ends with '/'. */
	const char *path_prefix;
};

struct report_options {
	bool color; /* ANSI colours (text) */
};

/* Parses "text", "json"; returns -1 when unknown. */
int report_format_from_name(const char *name);
const char *report_format_names(void);

/* Writes r to out in format fmt. Returns 0, or -1 when writing failed. */
int report_write(FILE *out, enum report_format fmt, const struct sf_report *r,
		 const struct report_options *opts);

/* The text format's pieces, also used by the language server's hover. */
int report_text(FILE *out, const struct sf_report *r,
		const struct report_options *opts);
int report_json(FILE *out, const struct sf_report *r);
int report_sarif(FILE *out, const struct sf_report *r);
int report_github(FILE *out, const struct sf_report *r);

#endif
