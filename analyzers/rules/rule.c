/*
 * Rule support: lookup in the table, and reporting with suppression
 * comments applied.
 */
#include "rule.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../engine.h"
#include "../index.h"
#include "../util/strbuf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const struct sf_rule *
rule_find(const char *id_or_name)
{
	for (size_t i = 0; i < rule_count; i++)
		if (strcasecmp(rule_table[i]->id, id_or_name) == 0 ||
		    strcmp(rule_table[i]->name, id_or_name) == 0)
			return rule_table[i];
	return NULL;
}

size_t
rule_index(const struct sf_rule *rule)
{
	for (size_t i = 0; i < rule_count; i++)
		if (rule_table[i] == rule)
			return i;
	abort(); /* a rule that is not in the table is a bug */
}

bool
rule_for_family(const struct sf_rule *rule, enum sf_family_id family)
{
	return (rule->families & (1u << family)) != 0;
}

bool
rule_ids_contain(const char *ids, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = ids; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && strncmp(p, id, n) == 0)
			return true;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return false;
}

/* Does a line suppression of the list cover a finding of rule at row
 * (0-based)? When one does, the finding is recorded as silenced in out. */
static bool
silenced(const struct sf_suppression *v, uint32_t n, const struct sf_rule *rule,
	 const char *path, uint32_t row, struct sf_diag_list *out)
{
	for (uint32_t i = 0; i < n; i++) {
		const struct sf_suppression *s = &v[i];
		if (s->kind == SF_SUPPRESS_LINE && s->row == row &&
		    (s->ids == NULL || rule_ids_contain(s->ids, rule->id))) {
			diag_list_silence(out, rule->id, path, row, false);
			return true;
		}
	}
	return false;
}

struct sf_diagnostic *
rule_report(struct sf_rule_ctx *ctx, struct sf_span span, const char *fmt, ...)
{
	if (silenced(ctx->facts->suppressions.v, ctx->facts->suppressions.n,
		     ctx->rule, ctx->facts->path, span.start_row, ctx->out))
		return NULL;
	struct sf_diagnostic *d = VEC_PUSH(ctx->out->items);
	d->rule_id = ctx->rule->id;
	d->rule_name = ctx->rule->name;
	d->rule_doc = ctx->rule->doc;
	d->severity = ctx->severity;
	d->path = xstrdup(ctx->facts->path);
	d->span = span;
	struct strbuf b;
	strbuf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	d->message = strbuf_detach(&b);
	diag_locate_at(d, ctx->src, ctx->len, &ctx->cursor);
	return d;
}

/* A finding made from positions (summaries), not from a span. */
static struct sf_diagnostic *
new_located(const struct sf_rule *rule, enum sf_severity severity,
	    struct sf_diag_list *out, const char *path,
	    struct sf_position start, struct sf_position end, const char *fmt,
	    va_list ap)
{
	struct sf_diagnostic *d = VEC_PUSH(out->items);
	d->rule_id = rule->id;
	d->rule_name = rule->name;
	d->rule_doc = rule->doc;
	d->severity = severity;
	d->path = xstrdup(path);
	d->start = start;
	d->end = end.line >= start.line ? end : start;
	d->span.start_row = start.line - 1;
	d->span.end_row = d->end.line - 1;
	struct strbuf b;
	strbuf_init(&b);
	strbuf_vprintf(&b, fmt, ap);
	d->message = strbuf_detach(&b);
	return d;
}

/* Does a suppression comment of s cover line (1-based) for rule? Then
 * the finding is recorded as silenced in out. */
static bool
summary_suppressed(const struct sf_summary *s, const struct sf_rule *rule,
		   uint32_t line, struct sf_diag_list *out)
{
	return line > 0 && silenced(s->suppressions.v, s->suppressions.n, rule,
				    s->path, line - 1, out);
}

struct sf_diagnostic *
project_report(struct sf_project_ctx *ctx, const char *path,
	       struct sf_position pos, const char *fmt, ...)
{
	int32_t file = index_file_id(ctx->index, path);
	if (file >= 0) {
		const struct sf_summary *s =
			index_file(ctx->index, (uint32_t)file);
		/* `stackfit: ignore-file` in the anchor file: nothing is
		 * reported in it, a project finding included. */
		if ((s->flags & SF_FILE_IGNORED) && pos.line > 0) {
			diag_list_silence(ctx->out, ctx->rule->id, path,
					  pos.line - 1, true);
			return NULL;
		}
		if (summary_suppressed(s, ctx->rule, pos.line, ctx->out))
			return NULL;
	}
	va_list ap;
	va_start(ap, fmt);
	struct sf_diagnostic *d = new_located(
		ctx->rule, ctx->severity, ctx->out, path, pos, pos, fmt, ap);
	va_end(ap);
	return d;
}

struct sf_diagnostic *
index_report(struct sf_index_ctx *ctx, struct sf_position start,
	     struct sf_position end, const char *fmt, ...)
{
	const struct sf_summary *s = index_file(ctx->index, ctx->file);
	if (summary_suppressed(s, ctx->rule, start.line, ctx->out))
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	struct sf_diagnostic *d =
		new_located(ctx->rule, ctx->severity, ctx->out, s->path, start,
			    end, fmt, ap);
	va_end(ap);
	return d;
}

void
rule_locate_line(struct sf_diagnostic *d, const char *text, uint32_t len)
{
	struct diag_cursor c = {0};
	rule_locate_line_at(d, text, len, &c);
}

void
rule_locate_line_at(struct sf_diagnostic *d, const char *text, uint32_t len,
		    struct diag_cursor *c)
{
	uint32_t ls;
	uint32_t start = diag_byte_at(c, text, len, d->start, &ls);
	/* Findings made from summaries know lines and columns only: give
	 * them byte spans too, which editors convert from. */
	if (d->span.start == 0 && d->span.end == 0 && d->start.line > 0) {
		struct sf_position e = d->end.line ? d->end : d->start;
		/* The end from a copy, as diag_locate_at does. */
		struct diag_cursor ec = *c;
		uint32_t els;
		uint32_t end = diag_byte_at(&ec, text, len, e, &els);
		if (end < start)
			end = start;
		d->span.start = start;
		d->span.end = end;
		d->span.start_row = d->start.line - 1;
		d->span.end_row = e.line - 1;
		d->span.start_col = start - ls;
		d->span.end_col = end - els;
	}
	diag_set_line_text(d, text, len, ls, start);
}

void
rule_help(struct sf_diagnostic *d, const char *fmt, ...)
{
	if (d == NULL)
		return;
	struct strbuf b;
	strbuf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(d->help);
	d->help = strbuf_detach(&b);
}

const struct sf_api *
rule_call_api(const struct sf_rule_ctx *ctx, const struct sf_call *call)
{
	return catalogue_match(engine_catalogue(ctx->engine), ctx->facts->lang,
			       call->name);
}

bool
rule_on_loop(const struct sf_facts *f, int32_t fn)
{
	if (fn < 0)
		return false;
	uint32_t flags = f->functions.v[fn].flags;
	return (flags & SF_FN_ON_LOOP) && !(flags & SF_FN_EXEMPT);
}
