/*
 * Report writers: text, JSON (docs/json-report.md), SARIF, GitHub
 * annotations, HTML and statistics. Every format gets the same
 * sf_report and writes it to a stdio stream.
 */
#ifndef SF_REPORT_H
#define SF_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "diagnostic.h"

enum report_format {
	REPORT_TEXT,
	REPORT_JSON,
	REPORT_SARIF,
	REPORT_GITHUB,
	REPORT_HTML,
	/* --statistics: counts per rule instead of the findings, as text or
	 * JSON (no --format name of their own). */
	REPORT_STATISTICS_TEXT,
	REPORT_STATISTICS_JSON,
	REPORT_FORMATS /* how many there are */
};

/* What a report says about a rule (SARIF lists the rules it ran). The
 * strings are static, owned by the rule table. */
struct sf_report_rule {
	const char *id, *name, *summary, *doc;
	enum sf_severity severity; /* as configured */
};

/* The stack-fit profile as reports show it (profile.h). Plain data:
 * every pointer is borrowed from whoever built the report. */
struct report_reason {
	const char *text;
	int weight;            /* points it adds to the score (<= 0: a cost) */
	const uint32_t *diags; /* indexes into the report's diagnostics */
	uint32_t ndiags;
};

struct report_workload {
	const char *shape; /* "I/O-bound request handling"... */
	uint32_t files, functions;
	uint32_t async_handlers, request_handlers, cpu_hot_spots;
	uint32_t thread_targets, process_targets;
	uint32_t cpu_bound_thread_targets, io_bound_process_targets;
	uint32_t realtime_endpoints;
	bool worker_threads;
};

struct report_component {
	const char *path;     /* folder relative to the root, "." for it */
	const char *language; /* "javascript", "python" */
	const char *const *frameworks;
	uint32_t nframeworks;
	struct report_workload workload;
	const char *concurrency;
	const char *verdict; /* "good", "fair", "poor" */
	int score;           /* 0-100 */
	const struct report_reason *reasons;
	uint32_t nreasons;
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
	const struct report_component *components; /* the profile */
	uint32_t ncomponents;
};

/* The JSON report's "formatVersion": raised when a key is removed or
 * renamed or changes meaning; new keys may come in any version. */
#define REPORT_JSON_FORMAT_VERSION 1

struct report_options {
	bool color; /* ANSI colours (text) */
};

/* Parses "text", "json", "sarif", "github", "html"; -1 when unknown. */
int report_format_from_name(const char *name);
const char *report_format_names(void);

/* Writes the blanks of a code frame's caret line, up to the finding's
 * start column (tabs copied so it lines up under d->line_text, after the
 * "…" of a cut line: see struct sf_diagnostic's line_col), and returns
 * how many carets to draw under the range (at least 1). */
uint32_t report_caret_indent(FILE *out, const struct sf_diagnostic *d);

/* Counts per rule, most frequent first, like ruff's --statistics: text
 * lines `COUNT<tab>ID<tab>[*] name` ([*] when some of them have a fix), or
 * a JSON array of {"rule", "name", "count", "fixable"}. */
int report_statistics(FILE *out, const struct sf_report *r, bool json);

/* What the writers share. report_json_emit writes o, pretty-printed, to
 * out as valid UTF-8 (bytes of file names or source text that are not
 * UTF-8 become U+FFFD; see utf8_sanitize) and releases o; 0 or -1. */
int report_json_emit(FILE *out, json_object *o);
/* A rule's Markdown documentation as plain text: headings without their
 * '#', code fences and inline code marks dropped, code blocks indented.
 * Owned by the caller. */
char *report_markdown_to_text(const char *md);
/* The first paragraph of a rule documentation's "What it does" section
 * (else of the whole text) as plain text on one line. Owned by the
 * caller. */
char *report_rule_description(const char *md);

/* Writes r to out in format fmt. Returns 0, or -1 when writing failed. */
int report_write(FILE *out, enum report_format fmt, const struct sf_report *r,
		 const struct report_options *opts);

/* The text format's pieces, also used by the language server's hover. */
int report_text(FILE *out, const struct sf_report *r,
		const struct report_options *opts);
int report_json(FILE *out, const struct sf_report *r);
int report_sarif(FILE *out, const struct sf_report *r);
int report_github(FILE *out, const struct sf_report *r);
/* One self-contained HTML page (inline CSS and SVG, no script, no
 * network): the profile per component, findings per rule and per folder,
 * each finding with its code frame. */
int report_html(FILE *out, const struct sf_report *r);

#endif
