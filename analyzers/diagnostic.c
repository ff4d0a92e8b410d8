/* Diagnostics: ownership, ordering and positions. */
#include "diagnostic.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

void
diag_list_init(struct sf_diag_list *l)
{
	*l = (struct sf_diag_list){0};
}

void
diag_finish(struct sf_diagnostic *d)
{
	free(d->path);
	free(d->message);
	free(d->help);
	free(d->line_text);
	for (uint32_t i = 0; i < d->related.n; i++) {
		free(d->related.v[i].path);
		free(d->related.v[i].message);
	}
	VEC_FREE(d->related);
	if (d->fix != NULL) {
		for (uint32_t i = 0; i < d->fix->edits.n; i++)
			free(d->fix->edits.v[i].text);
		VEC_FREE(d->fix->edits);
		free(d->fix->title);
		free(d->fix);
	}
	*d = (struct sf_diagnostic){0};
}

void
diag_list_finish(struct sf_diag_list *l)
{
	if (l == NULL)
		return;
	for (uint32_t i = 0; i < l->items.n; i++)
		diag_finish(&l->items.v[i]);
	VEC_FREE(l->items);
	for (uint32_t i = 0; i < l->silenced.n; i++)
		free(l->silenced.v[i].path);
	VEC_FREE(l->silenced);
}

void
diag_list_silence(struct sf_diag_list *l, const char *rule_id, const char *path,
		  uint32_t row, bool by_file)
{
	*VEC_PUSH(l->silenced) = (struct sf_silenced){
		.rule_id = rule_id,
		.path = xstrdup(path),
		.row = row,
		.by_file = by_file,
	};
}

void
diag_list_move(struct sf_diag_list *to, struct sf_diag_list *from)
{
	for (uint32_t i = 0; i < from->items.n; i++)
		*VEC_PUSH(to->items) = from->items.v[i];
	VEC_FREE(from->items);
	for (uint32_t i = 0; i < from->silenced.n; i++)
		*VEC_PUSH(to->silenced) = from->silenced.v[i];
	VEC_FREE(from->silenced);
}

static uint64_t
mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

static uint64_t
mix_str(uint64_t h, const char *s)
{
	return s ? mix(h, s, strlen(s) + 1) : mix(h, "", 1);
}

uint64_t
diag_list_hash(const struct sf_diag_list *l)
{
	uint64_t h = 14695981039346656037ull;
	for (uint32_t i = 0; i < l->items.n; i++) {
		const struct sf_diagnostic *d = &l->items.v[i];
		h = mix_str(h, d->rule_id);
		h = mix(h, &d->severity, sizeof d->severity);
		h = mix(h, &d->span.start, sizeof d->span.start);
		h = mix(h, &d->span.end, sizeof d->span.end);
		h = mix_str(h, d->message);
		h = mix_str(h, d->help);
		for (uint32_t k = 0; k < d->related.n; k++) {
			h = mix_str(h, d->related.v[k].path);
			h = mix(h, &d->related.v[k].pos,
				sizeof d->related.v[k].pos);
			h = mix_str(h, d->related.v[k].message);
		}
	}
	return h;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
diag_list_copy(struct sf_diag_list *to, const struct sf_diag_list *from)
{
	for (uint32_t i = 0; i < from->items.n; i++) {
		const struct sf_diagnostic *d = &from->items.v[i];
		struct sf_diagnostic *c = VEC_PUSH(to->items);
		*c = *d;
		c->path = dup_or_null(d->path);
		c->message = dup_or_null(d->message);
		c->help = dup_or_null(d->help);
		c->line_text = dup_or_null(d->line_text);
		c->related.v = NULL;
		c->related.n = c->related.cap = 0;
		for (uint32_t k = 0; k < d->related.n; k++)
			diag_add_related(c, d->related.v[k].path,
					 d->related.v[k].pos,
					 d->related.v[k].message);
		c->fix = NULL;
		if (d->fix != NULL) {
			struct sf_fix *f = diag_set_fix(c, d->fix->title);
			for (uint32_t k = 0; k < d->fix->edits.n; k++)
				diag_fix_add_edit(f, d->fix->edits.v[k].span,
						  d->fix->edits.v[k].text);
		}
	}
	for (uint32_t i = 0; i < from->silenced.n; i++) {
		const struct sf_silenced *x = &from->silenced.v[i];
		diag_list_silence(to, x->rule_id, x->path, x->row, x->by_file);
	}
}

static int
compare(const void *a, const void *b)
{
	const struct sf_diagnostic *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c != 0)
		return c;
	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	c = strcmp(x->rule_id, y->rule_id);
	return c != 0 ? c : strcmp(x->message, y->message);
}

void
diag_list_sort(struct sf_diag_list *l)
{
	if (l->items.n > 1)
		qsort(l->items.v, l->items.n, sizeof *l->items.v, compare);
}

/* Byte offset of the start of the line holding byte. */
static uint32_t
line_start(const char *src, uint32_t byte)
{
	while (byte > 0 && src[byte - 1] != '\n')
		byte--;
	return byte;
}

struct sf_position
diag_position(const char *src, uint32_t len, uint32_t row, uint32_t byte)
{
	if (byte > len)
		byte = len;
	uint32_t ls = line_start(src, byte);
	return (struct sf_position){
		.line = row + 1,
		.column = utf8_count(src + ls, byte - ls) + 1,
	};
}

void
diag_locate(struct sf_diagnostic *d, const char *src, uint32_t len)
{
	d->start = diag_position(src, len, d->span.start_row, d->span.start);
	d->end = diag_position(src, len, d->span.end_row, d->span.end);
	uint32_t s = line_start(src, d->span.start < len ? d->span.start : len);
	uint32_t e = s;
	while (e < len && src[e] != '\n')
		e++;
	if (e > s && src[e - 1] == '\r')
		e--;
	free(d->line_text);
	d->line_text = xstrndup(src + s, e - s);
}

void
diag_add_related(struct sf_diagnostic *d, const char *path,
		 struct sf_position pos, const char *message)
{
	struct sf_related *r = VEC_PUSH(d->related);
	r->path = xstrdup(path);
	r->pos = pos;
	r->message = xstrdup(message);
}

struct sf_fix *
diag_set_fix(struct sf_diagnostic *d, const char *title)
{
	if (d->fix == NULL)
		d->fix = xcalloc(1, sizeof *d->fix);
	free(d->fix->title);
	d->fix->title = xstrdup(title);
	return d->fix;
}

void
diag_fix_add_edit(struct sf_fix *fix, struct sf_span span, const char *text)
{
	struct sf_edit *e = VEC_PUSH(fix->edits);
	e->span = span;
	e->text = xstrdup(text);
}

const char *
severity_name(enum sf_severity s)
{
	switch (s) {
	case SF_SEV_ERROR:
		return "error";
	case SF_SEV_WARNING:
		return "warning";
	case SF_SEV_INFO:
		return "info";
	case SF_SEV_HINT:
		return "hint";
	case SF_SEV_OFF:
		break;
	}
	return "off";
}

int
severity_from_name(const char *name)
{
	static const char *const names[] = {"off", "error", "warning", "info",
					    "hint"};
	for (int i = 0; i < 5; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}
