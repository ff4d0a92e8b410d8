/*
 * Diagnostics on disk, field by field in declaration order. The rule's
 * static strings (id, name, documentation) are found again from the id.
 */
#include "diagnostic_io.h"

#include "engine.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "rules/rule.h"
#include "util/xalloc.h"

/* A new field in a diagnostic must be written and read here (and
 * DIAGNOSTIC_IO_VERSION raised): these sizes make the build say so. */
#if UINTPTR_MAX == 0xffffffffffffffffu
static_assert(sizeof(struct sf_diagnostic) == 128, "update diagnostic_io.c");
static_assert(sizeof(struct sf_related) == 24, "update diagnostic_io.c");
static_assert(sizeof(struct sf_fix) == 24, "update diagnostic_io.c");
static_assert(sizeof(struct sf_edit) == 32, "update diagnostic_io.c");
static_assert(sizeof(struct sf_span) == 24, "update diagnostic_io.c");
static_assert(sizeof(struct sf_silenced) == 24, "update diagnostic_io.c");
#endif

void
diagnostic_io_put_pos(struct binio_writer *w, struct sf_position p)
{
	binio_put_u32(w, p.line);
	binio_put_u32(w, p.column);
}

void
diagnostic_io_put_span(struct binio_writer *w, struct sf_span s)
{
	binio_put_u32(w, s.start);
	binio_put_u32(w, s.end);
	binio_put_u32(w, s.start_row);
	binio_put_u32(w, s.end_row);
	binio_put_u32(w, s.start_col);
	binio_put_u32(w, s.end_col);
}

void
diagnostic_io_write(struct binio_writer *w, const struct sf_diag_list *l)
{
	binio_put_u32(w, l->items.n);
	for (uint32_t i = 0; i < l->items.n; i++) {
		const struct sf_diagnostic *d = &l->items.v[i];
		binio_put_str(w, d->rule_id);
		binio_put_u8(w, (uint8_t)d->severity);
		binio_put_str(w, d->path);
		diagnostic_io_put_span(w, d->span);
		diagnostic_io_put_pos(w, d->start);
		diagnostic_io_put_pos(w, d->end);
		binio_put_str(w, d->message);
		binio_put_str(w, d->help);
		binio_put_str(w, d->line_text);
		binio_put_u32(w, d->line_col);
		binio_put_u32(w, d->related.n);
		for (uint32_t k = 0; k < d->related.n; k++) {
			binio_put_str(w, d->related.v[k].path);
			diagnostic_io_put_pos(w, d->related.v[k].pos);
			binio_put_str(w, d->related.v[k].message);
		}
		binio_put_u8(w, d->fix != NULL);
		if (d->fix == NULL)
			continue;
		binio_put_str(w, d->fix->title);
		binio_put_u32(w, d->fix->edits.n);
		for (uint32_t k = 0; k < d->fix->edits.n; k++) {
			diagnostic_io_put_span(w, d->fix->edits.v[k].span);
			binio_put_str(w, d->fix->edits.v[k].text);
		}
	}
	binio_put_u32(w, l->silenced.n);
	for (uint32_t i = 0; i < l->silenced.n; i++) {
		const struct sf_silenced *x = &l->silenced.v[i];
		binio_put_str(w, x->rule_id);
		binio_put_str(w, x->path);
		binio_put_u32(w, x->row);
		binio_put_u8(w, x->by_file);
	}
}

struct sf_position
diagnostic_io_get_pos(struct binio_reader *r)
{
	struct sf_position p;
	p.line = binio_get_u32(r);
	p.column = binio_get_u32(r);
	return p;
}

struct sf_span
diagnostic_io_get_span(struct binio_reader *r)
{
	struct sf_span s;
	s.start = binio_get_u32(r);
	s.end = binio_get_u32(r);
	s.start_row = binio_get_u32(r);
	s.end_row = binio_get_u32(r);
	s.start_col = binio_get_u32(r);
	s.end_col = binio_get_u32(r);
	return s;
}

static char *
dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* A string that is always set: NULL makes the reader bad. */
static const char *
get_set(struct binio_reader *r)
{
	const char *s = binio_get_str(r);
	if (s == NULL)
		r->bad = true;
	return s;
}

/* Smallest encodings, to bound counts by the bytes left. */
#define DIAG_MIN_BYTES     (4 + 1 + 4 + 24 + 16 + 12 + 4 + 4 + 1)
#define RELATED_MIN_BYTES  (4 + 8 + 4)
#define EDIT_MIN_BYTES     (24 + 4)
#define SILENCED_MIN_BYTES (4 + 4 + 4 + 1)

static void
read_one(struct binio_reader *r, struct sf_diag_list *out)
{
	const char *id = get_set(r);
	const struct sf_rule *rule = id ? rule_find(id) : NULL;
	bool syntax = id != NULL && strcmp(id, ENGINE_SYNTAX_RULE) == 0;
	if (!syntax && (rule == NULL || strcmp(rule->id, id) != 0)) {
		r->bad = true;
		return;
	}
	struct sf_diagnostic *d = VEC_PUSH(out->items);
	d->rule_id = syntax ? ENGINE_SYNTAX_RULE : rule->id;
	d->rule_name = syntax ? ENGINE_SYNTAX_RULE : rule->name;
	d->rule_doc = syntax ? syntax_doc : rule->doc;
	uint8_t sev = binio_get_u8(r);
	d->severity = (enum sf_severity)sev;
	if (sev < SF_SEV_ERROR || sev > SF_SEV_HINT)
		r->bad = true;
	d->path = dup(get_set(r));
	d->span = diagnostic_io_get_span(r);
	d->start = diagnostic_io_get_pos(r);
	d->end = diagnostic_io_get_pos(r);
	d->message = dup(get_set(r));
	d->help = dup(binio_get_str(r));
	d->line_text = dup(binio_get_str(r));
	d->line_col = binio_get_u32(r);
	uint32_t nrel = binio_get_count(r, RELATED_MIN_BYTES);
	for (uint32_t k = 0; k < nrel && !r->bad; k++) {
		const char *path = get_set(r);
		struct sf_position pos = diagnostic_io_get_pos(r);
		const char *msg = get_set(r);
		if (!r->bad)
			diag_add_related(d, path, pos, msg);
	}
	uint8_t has_fix = binio_get_u8(r);
	if (has_fix > 1)
		r->bad = true;
	if (has_fix != 1 || r->bad)
		return;
	const char *title = get_set(r);
	if (title == NULL)
		return;
	struct sf_fix *fix = diag_set_fix(d, title);
	uint32_t nedits = binio_get_count(r, EDIT_MIN_BYTES);
	for (uint32_t k = 0; k < nedits && !r->bad; k++) {
		struct sf_span span = diagnostic_io_get_span(r);
		const char *text = get_set(r);
		if (!r->bad)
			diag_fix_add_edit(fix, span, text);
	}
}

bool
diagnostic_io_read(struct binio_reader *r, struct sf_diag_list *out)
{
	struct sf_diag_list l;
	diag_list_init(&l);
	uint32_t n = binio_get_count(r, DIAG_MIN_BYTES);
	for (uint32_t i = 0; i < n && !r->bad; i++)
		read_one(r, &l);
	uint32_t ns = binio_get_count(r, SILENCED_MIN_BYTES);
	for (uint32_t i = 0; i < ns && !r->bad; i++) {
		const char *id = get_set(r);
		const struct sf_rule *rule = id ? rule_find(id) : NULL;
		const char *path = get_set(r);
		uint32_t row = binio_get_u32(r);
		uint8_t by_file = binio_get_u8(r);
		if (rule == NULL || strcmp(rule->id, id) != 0 || by_file > 1)
			r->bad = true;
		if (!r->bad)
			diag_list_silence(&l, rule->id, path, row, by_file);
	}
	if (r->bad) {
		diag_list_finish(&l);
		return false;
	}
	diag_list_move(out, &l);
	return true;
}
