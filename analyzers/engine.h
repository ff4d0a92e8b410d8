/*
 * The engine: one file's way from text to diagnostics (parse, extract,
 * context, per-file rules), and the settings every worker shares. An engine
 * is read-only once analysis starts, so workers share one without locks;
 * each worker brings its own sf_parser.
 */
#ifndef SF_ENGINE_H
#define SF_ENGINE_H

#include <stdint.h>

#include "catalogue.h"
#include "cost.h"
#include "diagnostic.h"
#include "facts.h"
#include "parse.h"

struct sf_rule;
struct sf_engine;
struct sf_index;
struct sf_profile;
struct sf_summary;

/* Defaults for limits the configuration may change. */
#define ENGINE_MAX_FILE_SIZE (5u * 1024 * 1024)

/* Returns an engine with the built-in catalogues and every rule at its
 * default severity; owned by the caller. */
struct sf_engine *engine_create(void);
/* Frees the engine. Accepts NULL. */
void engine_destroy(struct sf_engine *e);

void engine_set_severity(struct sf_engine *e, const struct sf_rule *rule,
			 enum sf_severity severity);
enum sf_severity engine_severity(const struct sf_engine *e,
				 const struct sf_rule *rule);
const struct sf_catalogue *engine_catalogue(const struct sf_engine *e);
/* For configuration: entries added here extend the built-in lists. */
struct sf_catalogue *engine_catalogue_mut(struct sf_engine *e);
uint64_t engine_max_file_size(const struct sf_engine *e);
/* The CPU cost model's settings (thresholds from the configuration). */
struct cost_options engine_cost_options(const struct sf_engine *e);
void engine_set_heavy_work(struct sf_engine *e, double work);
void engine_set_max_file_size(struct sf_engine *e, uint64_t bytes);

/* One file to check. */
struct sf_source {
	const char *path; /* relative to the root, '/'-separated */
	const char *text; /* len bytes, need not be NUL-terminated */
	uint32_t len;
	uint32_t flags; /* enum sf_file_flags known from outside (bin) */
	/* The solved project index, or NULL: with it, functions other files
	 * register as callbacks are event-loop code (index.h). */
	const struct sf_index *index;
};

/* Parses and extracts src and runs the per-file rules, appending findings
 * to out. Returns the file's facts (owned by the caller, facts_destroy), or
 * NULL when the file's extension is not a language we read. The tree is
 * freed before returning. */
struct sf_facts *engine_check_source(const struct sf_engine *e,
				     struct sf_parser *p,
				     const struct sf_source *src,
				     struct sf_diag_list *out);

/* The rule field of the finding made for a file that does not parse: a
 * name, not a catalogue id, like the unused-ignore findings'. */
#define ENGINE_SYNTAX_RULE "syntax-error"
/* Its documentation (Markdown, `stackfit explain syntax-error`), and one
 * line for lists (the SARIF rule). */
extern const char syntax_doc[];
extern const char engine_syntax_summary[];
/* Appends the syntax-error finding of f (whose text is len bytes at
 * text), at f->syntax_error, to out. The project makes it for a file
 * with SF_FILE_HAS_ERRORS and no `stackfit: ignore-file`. */
void engine_report_syntax_error(const struct sf_facts *f, const char *text,
				uint32_t len, struct sf_diag_list *out);
/* Is d the syntax-error finding of a file with merge conflict markers
 * (reported wherever the file is; other parse failures only where the
 * file's code is analysed)? */
bool engine_syntax_error_is_conflict(const struct sf_diagnostic *d);

/* Builds facts from an existing tree (the language server keeps trees of
 * open documents). Returns facts owned by the caller. */
struct sf_facts *engine_extract(const struct sf_language *lang,
				const TSTree *tree,
				const struct sf_source *src);

/* Runs the per-file rules over facts, appending findings to out, and to
 * out->silenced what suppression comments silenced. A file with
 * `stackfit: ignore-file` is checked too, and each of its findings is
 * recorded as silenced by that comment instead. */
void engine_check_facts(const struct sf_engine *e, struct sf_facts *facts,
			const char *text, uint32_t len,
			struct sf_diag_list *out);

/* Builds the summary of f (facts of the text, len bytes, after the
 * context pass) for the index, with e's catalogue and cost model. Reads
 * nothing else, so it runs on any thread. Returns a summary owned by the
 * caller (summary_destroy). */
struct sf_summary *engine_summarise(const struct sf_engine *e,
				    struct sf_facts *f, const char *text,
				    uint32_t len);

/* The catalogued API called name in lang under engine e (a const struct
 * sf_engine *), or NULL: how an index judges names its types lead to
 * (index_set_apis). path is not looked at. */
const struct sf_api *engine_match_api(void *e, const char *path,
				      enum sf_lang lang, const char *name);

/* Runs the project-level rules (ST3xx) that are not off under e on the
 * solved index ix and its profile p, appending findings to out and what
 * suppressions silenced to out->silenced. They have positions but no
 * code frames (rule_locate_line). */
void engine_check_project(const struct sf_engine *e, const struct sf_index *ix,
			  const struct sf_profile *p, struct sf_diag_list *out);

/* Runs the rules that judge a file through the solved project index
 * (JS107, PY202) on the file at path, appending findings to out. They
 * need no facts: the summary in the index is enough. When text is not
 * NULL (len bytes, the file's current text), the code frames are filled
 * from it; otherwise the caller fills them (rule_locate_line). What
 * suppressions silence is recorded as engine_check_facts does. */
void engine_check_indexed(const struct sf_engine *e,
			  const struct sf_index *index, const char *path,
			  const char *text, uint32_t len,
			  struct sf_diag_list *out);
/* The same for the file of id file (index_file_id), with no text (the
 * caller fills the code frames): no look-up of its path. May run on
 * several threads at once, each with its own out. */
void engine_check_indexed_file(const struct sf_engine *e,
			       const struct sf_index *index, uint32_t file,
			       struct sf_diag_list *out);

#endif
