/*
 * Engine: settings shared by the workers and the per-file pipeline.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "language.h"
#include "rules/rule.h"
#include "summary.h"
#include "util/xalloc.h"

struct sf_engine {
	struct sf_catalogue *catalogue;
	enum sf_severity *severity; /* by rule_index */
	uint64_t max_file_size;
	struct cost_options cost;
};

struct sf_engine *
engine_create(void)
{
	struct sf_engine *e = xcalloc(1, sizeof *e);
	e->catalogue = catalogue_create();
	catalogue_load_builtin(e->catalogue);
	e->severity = xcalloc(rule_count, sizeof *e->severity);
	for (size_t i = 0; i < rule_count; i++)
		e->severity[i] = rule_table[i]->default_severity;
	e->max_file_size = ENGINE_MAX_FILE_SIZE;
	e->cost.heavy_work = COST_HEAVY_WORK;
	return e;
}

void
engine_destroy(struct sf_engine *e)
{
	if (e == NULL)
		return;
	catalogue_destroy(e->catalogue);
	free(e->severity);
	free(e);
}

void
engine_set_severity(struct sf_engine *e, const struct sf_rule *rule,
		    enum sf_severity severity)
{
	e->severity[rule_index(rule)] = severity;
}

enum sf_severity
engine_severity(const struct sf_engine *e, const struct sf_rule *rule)
{
	return e->severity[rule_index(rule)];
}

const struct sf_catalogue *
engine_catalogue(const struct sf_engine *e)
{
	return e->catalogue;
}

struct sf_catalogue *
engine_catalogue_mut(struct sf_engine *e)
{
	return e->catalogue;
}

uint64_t
engine_max_file_size(const struct sf_engine *e)
{
	return e->max_file_size;
}

void
engine_set_max_file_size(struct sf_engine *e, uint64_t bytes)
{
	e->max_file_size = bytes;
}

struct cost_options
engine_cost_options(const struct sf_engine *e)
{
	return e->cost;
}

void
engine_set_heavy_work(struct sf_engine *e, double work)
{
	e->cost.heavy_work = work;
}

/* engine_extract into f (empty facts of src). */
static struct sf_facts *
extract_into(struct sf_facts *f, const struct sf_language *lang,
	     const TSTree *tree, const struct sf_source *src)
{
	f->flags |= src->flags;
	uint32_t lines = 1;
	for (uint32_t i = 0; i < src->len; i++)
		lines += src->text[i] == '\n';
	f->lines = lines;
	lang->family->extract(f, tree, src->text, src->len, NULL);
	if (src->index != NULL)
		index_apply_registrations(
			src->index, f, summary_hash_text(src->text, src->len));
	lang->family->context(f);
	return f;
}

struct sf_facts *
engine_extract(const struct sf_language *lang, const TSTree *tree,
	       const struct sf_source *src)
{
	return extract_into(facts_create(lang->id, src->path), lang, tree, src);
}

/* For a file with `stackfit: ignore-file`: what the rules found in scratch
 * is recorded as silenced by the file's suppression, and dropped. What
 * line suppressions silenced meanwhile is kept. */
static void
silence_file(struct sf_diag_list *scratch, struct sf_diag_list *out)
{
	for (uint32_t i = 0; i < scratch->items.n; i++) {
		const struct sf_diagnostic *d = &scratch->items.v[i];
		uint32_t row =
			d->start.line ? d->start.line - 1 : d->span.start_row;
		diag_list_silence(out, d->rule_id, d->path, row, true);
	}
	for (uint32_t i = 0; i < scratch->silenced.n; i++)
		*VEC_PUSH(out->silenced) = scratch->silenced.v[i];
	scratch->silenced.n = 0;
	diag_list_finish(scratch);
}

void
engine_check_facts(const struct sf_engine *e, struct sf_facts *facts,
		   const char *text, uint32_t len, struct sf_diag_list *out)
{
	/* An ignored file is checked all the same, into scratch, so that an
	 * `ignore-file` that silences nothing can be told. */
	struct sf_diag_list scratch;
	diag_list_init(&scratch);
	bool ignored = (facts->flags & SF_FILE_IGNORED) != 0;
	enum sf_family_id family = language_family_of(facts->lang);
	for (size_t i = 0; i < rule_count; i++) {
		const struct sf_rule *r = rule_table[i];
		if (!rule_for_family(r, family) || r->check_file == NULL ||
		    e->severity[i] == SF_SEV_OFF)
			continue;
		struct sf_rule_ctx ctx = {
			.engine = e,
			.rule = r,
			.facts = facts,
			.src = text,
			.len = len,
			.severity = e->severity[i],
			.out = ignored ? &scratch : out,
		};
		r->check_file(&ctx);
	}
	if (ignored)
		silence_file(&scratch, out);
}

const char engine_syntax_summary[] =
	"a file that does not parse (a merge conflict, an unfinished edit)";

/* Does a line of the text start with a merge conflict's marker
 * ("<<<<<<< ", "=======", ">>>>>>> ")? */
static bool
has_conflict_markers(const char *text, uint32_t len)
{
	static const char *const marks[] = {"<<<<<<< ", "=======", ">>>>>>> "};
	for (uint32_t i = 0; i < len; i++) {
		if (i > 0 && text[i - 1] != '\n')
			continue;
		for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
			size_t n = strlen(marks[k]);
			if (len - i >= n &&
			    memcmp(text + i, marks[k], n) == 0 &&
			    (k != 1 || len - i == n || text[i + n] == '\n' ||
			     text[i + n] == '\r'))
				return true;
		}
	}
	return false;
}

#define CONFLICT_NOTE "(merge conflict markers)"

void
engine_report_syntax_error(const struct sf_facts *f, const char *text,
			   uint32_t len, struct sf_diag_list *out)
{
	bool conflict = has_conflict_markers(text, len);
	struct sf_diagnostic *d = VEC_PUSH(out->items);
	*d = (struct sf_diagnostic){
		.rule_id = ENGINE_SYNTAX_RULE,
		.rule_name = ENGINE_SYNTAX_RULE,
		.rule_doc = syntax_doc,
		.severity = SF_SEV_ERROR,
		.path = xstrdup(f->path),
		.span = f->syntax_error,
		.message = xstrdup(
			conflict ? "the file does not parse here " CONFLICT_NOTE
				   ": its analysis is incomplete"
				 : "the file does not parse here: "
				   "its analysis is incomplete"),
		.help = xstrdup("resolve the merge conflict or finish the "
				"edit; `stackfit explain syntax-error`"),
	};
	diag_locate(d, text, len);
}

bool
engine_syntax_error_is_conflict(const struct sf_diagnostic *d)
{
	return strcmp(d->rule_id, ENGINE_SYNTAX_RULE) == 0 &&
	       d->message != NULL && strstr(d->message, CONFLICT_NOTE) != NULL;
}

struct sf_facts *
engine_check_source(const struct sf_engine *e, struct sf_parser *p,
		    const struct sf_source *src, struct sf_diag_list *out)
{
	const struct sf_language *lang = language_for_path(src->path);
	/* A script without an extension, given by name (`check bin/tool`),
	 * is of the language its `#!` line names. */
	const char *base = strrchr(src->path, '/');
	if (lang == NULL && strchr(base ? base : src->path, '.') == NULL)
		lang = language_for_shebang(src->text, src->len);
	if (lang == NULL)
		return NULL;
	TSTree *tree = parser_parse(p, lang, src->text, src->len, NULL, NULL);
	if (tree == NULL)
		return NULL;
	/* The facts of one file of many (an audit's worker): the thread's
	 * last ones, emptied, when it kept them (facts_create_scratch). */
	struct sf_facts *f = extract_into(
		facts_create_scratch(lang->id, src->path), lang, tree, src);
	ts_tree_delete(tree);
	engine_check_facts(e, f, src->text, src->len, out);
	return f;
}

void
engine_check_indexed(const struct sf_engine *e, const struct sf_index *index,
		     const char *path, const char *text, uint32_t len,
		     struct sf_diag_list *out)
{
	int32_t file = index_file_id(index, path);
	if (file < 0)
		return;
	uint32_t first = out->items.n;
	engine_check_indexed_file(e, index, (uint32_t)file, out);
	struct diag_cursor c = {0};
	for (uint32_t i = first; text != NULL && i < out->items.n; i++)
		rule_locate_line_at(&out->items.v[i], text, len, &c);
}

void
engine_check_indexed_file(const struct sf_engine *e,
			  const struct sf_index *index, uint32_t file,
			  struct sf_diag_list *out)
{
	const struct sf_summary *s = index_file(index, file);
	/* As in engine_check_facts: an ignored file is checked into
	 * scratch. */
	struct sf_diag_list scratch;
	diag_list_init(&scratch);
	bool ignored = (s->flags & SF_FILE_IGNORED) != 0;
	struct sf_diag_list *to = ignored ? &scratch : out;
	enum sf_family_id family = language_family_of(s->lang);
	for (size_t i = 0; i < rule_count; i++) {
		const struct sf_rule *r = rule_table[i];
		if (!rule_for_family(r, family) || r->check_indexed == NULL ||
		    e->severity[i] == SF_SEV_OFF)
			continue;
		struct sf_index_ctx ctx = {
			.engine = e,
			.rule = r,
			.index = index,
			.file = file,
			.severity = e->severity[i],
			.out = to,
		};
		r->check_indexed(&ctx);
	}
	if (ignored)
		silence_file(&scratch, out);
}

struct sf_summary *
engine_summarise(const struct sf_engine *e, struct sf_facts *f,
		 const char *text, uint32_t len)
{
	struct summary_env env = {
		.catalogue = e->catalogue,
		.cost = &e->cost,
	};
	return summary_build(f, text, len, &env);
}

const struct sf_api *
engine_match_api(void *e, const char *path, enum sf_lang lang, const char *name)
{
	(void)path;
	const struct sf_engine *engine = e;
	return catalogue_match(engine->catalogue, lang, name);
}

void
engine_check_project(const struct sf_engine *e, const struct sf_index *ix,
		     const struct sf_profile *p, struct sf_diag_list *out)
{
	for (size_t i = 0; i < rule_count; i++) {
		const struct sf_rule *r = rule_table[i];
		if (r->check_project == NULL || e->severity[i] == SF_SEV_OFF)
			continue;
		struct sf_project_ctx ctx = {
			.engine = e,
			.rule = r,
			.index = ix,
			.profile = p,
			.severity = e->severity[i],
			.out = out,
		};
		r->check_project(&ctx);
	}
}
