/*
 * Rules: each rule is one file exporting one `struct sf_rule`, listed once
 * in rules/list.h, with its documentation in rules/<file>.md compiled into
 * the binary. A rule reads facts (never a syntax tree) and reports through
 * rule_report, which applies suppression comments and the configured
 * severity. What the engine and the profile need to know of a rule — the
 * language families it applies to, what its findings weigh in the
 * stack-fit verdict, whether it speaks for a place or a whole component —
 * is in its struct sf_rule, nowhere else.
 */
#ifndef SF_RULE_H
#define SF_RULE_H

#include <stddef.h>

#include "../catalogue.h"
#include "../diagnostic.h"
#include "../facts.h"

struct sf_engine;
struct sf_index;
struct sf_profile;
struct sf_summary;

struct sf_rule_ctx {
	const struct sf_engine *engine;
	const struct sf_rule *rule;
	const struct sf_facts *facts;
	const char *src; /* the file's text, len bytes */
	uint32_t len;
	enum sf_severity severity; /* as configured for this rule */
	/* Findings, and the findings suppression comments silenced. */
	struct sf_diag_list *out;
	/* Where rule_report last located a finding in src. */
	struct diag_cursor cursor;
};

/* What a rule that judges a file through the solved project index sees
 * (JS107, PY202): the file's summary in the index (index_file(index,
 * file)), no facts and no tree, so it runs on every file without
 * parsing it again. It reports through index_report. */
struct sf_index_ctx {
	const struct sf_engine *engine;
	const struct sf_rule *rule;
	const struct sf_index *index;
	uint32_t file;
	enum sf_severity severity;
	struct sf_diag_list *out;
};

/* What a project-level rule (ST3xx) sees: the solved index and the
 * stack-fit profile (profile.h). It reports through project_report. */
struct sf_project_ctx {
	const struct sf_engine *engine;
	const struct sf_rule *rule;
	const struct sf_index *index;
	const struct sf_profile *profile;
	enum sf_severity severity;
	struct sf_diag_list *out;
};

/* What a rule's findings weigh in the stack-fit verdict (profile.c). */
enum rule_category {
	RULE_CAT_IO,  /* blocking calls on the loop (scalability) */
	RULE_CAT_CPU, /* CPU-heavy work on the request path (speed) */
	/* A call of a helper that blocks (JS107, PY202): CPU where the
	 * profile found CPU-heavy work on the request path, else I/O. */
	RULE_CAT_HELPER,
	RULE_CAT_GIL,      /* CPU-bound work on threads */
	RULE_CAT_REALTIME, /* real-time connections on a thread stack */
	RULE_CAT_PROCESS,  /* I/O-bound work in processes */
	RULE_CAT_STYLE,    /* hints: batch awaits, vectorise */
	RULE_CAT_OTHER,
};

/* What a finding speaks for. */
enum rule_scope {
	/* A place in a file (check_file, check_indexed). */
	RULE_SCOPE_FILE,
	/* A whole component, at the line that shows its stack
	 * (check_project: the ST rules). */
	RULE_SCOPE_PROJECT,
};

/* Where in a service a finding of a file-scoped rule is worth reporting
 * (reqpath.h; the project filters findings through it after the solve).
 * In a library every function counts; everywhere, tests, browser code and
 * build tooling do not. */
enum rule_path {
	/* Only on the request path: in a handler or in what a handler
	 * reaches (the rules about the event loop). */
	RULE_PATH_REQUEST = 0,
	/* Anywhere in the service's own code, start-up included, but not in
	 * scripts or workers (a regex compiled at start-up and used by the
	 * handlers). */
	RULE_PATH_SERVICE,
	/* Wherever the code is, scripts included: what the finding says is
	 * true of the code wherever it runs (hints; threads and processes,
	 * which a batch job wastes as a service does). */
	RULE_PATH_ANYWHERE,
};

struct sf_rule {
	const char *id;   /* "JS101": stable, never reused */
	const char *name; /* "sync-io-in-event-loop": kebab-case */
	/* The language families it applies to: bit 1u << enum
	 * sf_family_id. */
	uint32_t families;
	enum rule_category category;
	enum rule_scope scope;
	enum rule_path path;
	enum sf_severity default_severity;
	const char *summary; /* one line, for `stackfit rules` */
	const char *doc;     /* Markdown: what, why, example, instead */
	/* Checks one file's facts. */
	void (*check_file)(struct sf_rule_ctx *ctx);
	/* Checks one file through the solved index (NULL for others). */
	void (*check_indexed)(struct sf_index_ctx *ctx);
	/* Checks the whole project (NULL for per-file rules). */
	void (*check_project)(struct sf_project_ctx *ctx);
};

/* The rule table, in id order. */
extern const struct sf_rule *const rule_table[];
extern const size_t rule_count;

/* The rule with this id ("JS101", any case) or name; NULL when none. */
const struct sf_rule *rule_find(const char *id_or_name);
/* Position of rule in rule_table. */
size_t rule_index(const struct sf_rule *rule);
/* Does rule apply to the files and components of family? */
bool rule_for_family(const struct sf_rule *rule, enum sf_family_id family);
/* Does the comma-separated id list of a suppression ("JS101,PY201") name
 * id? */
bool rule_ids_contain(const char *ids, const char *id);

/* Reports a finding of ctx's rule at span with a printf-style message.
 * Returns the new diagnostic so the rule can add help, related
 * information and a fix, or NULL when a suppression comment silenced it. */
struct sf_diagnostic *rule_report(struct sf_rule_ctx *ctx, struct sf_span span,
				  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Sets d's help line (printf-style). */
void rule_help(struct sf_diagnostic *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The catalogue entry a call matches, by resolved name, for the file's
 * language; NULL when none. */
const struct sf_api *rule_call_api(const struct sf_rule_ctx *ctx,
				   const struct sf_call *call);

/* Reports a project-level finding at a position of path (1-based line
 * and code-point column, as summaries keep them), unless a suppression
 * comment of that file covers the line (then NULL). The code frame is
 * filled in later by whoever has the file's text (rule_locate_line). */
struct sf_diagnostic *project_report(struct sf_project_ctx *ctx,
				     const char *path, struct sf_position pos,
				     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Reports a finding in ctx's file from start to end, unless a suppression
 * comment of the file covers it (then NULL). No code frame: see
 * rule_locate_line. */
struct sf_diagnostic *index_report(struct sf_index_ctx *ctx,
				   struct sf_position start,
				   struct sf_position end, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Fills d's code frame (line_text) from the file's text, by line. */
void rule_locate_line(struct sf_diagnostic *d, const char *text, uint32_t len);
/* The same with a cursor kept between the findings of one text, which
 * makes findings located in the order of the text cost the distance
 * between them. */
void rule_locate_line_at(struct sf_diagnostic *d, const char *text,
			 uint32_t len, struct diag_cursor *c);

/* True when function fn (or -1) runs on the event loop / in async code. */
bool rule_on_loop(const struct sf_facts *f, int32_t fn);

#endif
