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

int
diag_compare(const struct sf_diagnostic *x, const struct sf_diagnostic *y)
{
	int c = strcmp(x->path, y->path);
	if (c != 0)
		return c;
	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	/* Findings made from summaries have no span until located. */
	if (x->start.line != y->start.line)
		return x->start.line < y->start.line ? -1 : 1;
	if (x->start.column != y->start.column)
		return x->start.column < y->start.column ? -1 : 1;
	c = strcmp(x->rule_id, y->rule_id);
	return c != 0 ? c : strcmp(x->message, y->message);
}

static int
compare(const void *a, const void *b)
{
	return diag_compare(a, b);
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
	struct diag_cursor c = {0};
	return diag_position_at(&c, src, len, row, byte);
}

struct sf_position
diag_position_at(struct diag_cursor *c, const char *src, uint32_t len,
		 uint32_t row, uint32_t byte)
{
	if (byte > len)
		byte = len;
	if (c->src == src && c->row == row && c->byte <= byte) {
		c->column += utf8_count(src + c->byte, byte - c->byte);
	} else {
		c->src = src;
		c->row = row;
		c->line_start = line_start(src, byte);
		c->column =
			utf8_count(src + c->line_start, byte - c->line_start);
	}
	c->byte = byte;
	return (struct sf_position){.line = row + 1, .column = c->column + 1};
}

/* The byte after the code points from byte on, up to the end of the line
 * (or of the text). */
static uint32_t
advance(const char *src, uint32_t len, uint32_t byte, uint32_t cps)
{
	uint32_t off = (uint32_t)utf8_offset_of_cp(src + byte, len - byte, cps);
	const char *nl = memchr(src + byte, '\n', off);
	return nl != NULL ? (uint32_t)(nl - src) : byte + off;
}

uint32_t
diag_byte_at(struct diag_cursor *c, const char *src, uint32_t len,
	     struct sf_position pos, uint32_t *line)
{
	uint32_t row = pos.line ? pos.line - 1 : 0;
	uint32_t col = pos.column ? pos.column - 1 : 0;
	if (c->src != src || row < c->row || c->line_start > len)
		*c = (struct diag_cursor){.src = src};
	uint32_t from;
	if (row == c->row && col >= c->column && c->byte <= len) {
		from = c->byte;
	} else {
		/* The line's start, from the cursor's line on. */
		uint32_t p = c->line_start;
		for (uint32_t r = c->row; r < row && p < len; r++) {
			const char *nl = memchr(src + p, '\n', len - p);
			p = nl ? (uint32_t)(nl - src) + 1 : len;
		}
		c->row = row;
		c->line_start = from = p;
		c->column = 0;
	}
	c->byte = advance(src, len, from, col - c->column);
	/* What was reached: less than asked past the line's end. */
	c->column += utf8_count(src + from, c->byte - from);
	*line = c->line_start;
	return c->byte;
}

void
diag_locate(struct sf_diagnostic *d, const char *src, uint32_t len)
{
	struct diag_cursor c = {0};
	diag_locate_at(d, src, len, &c);
}

void
diag_locate_at(struct sf_diagnostic *d, const char *src, uint32_t len,
	       struct diag_cursor *c)
{
	d->start =
		diag_position_at(c, src, len, d->span.start_row, d->span.start);
	uint32_t at = c->byte, ls = c->line_start;
	/* The end is counted from a copy: the next finding's start is more
	 * likely after this one's start than after its end. */
	struct diag_cursor e = *c;
	d->end = diag_position_at(&e, src, len, d->span.end_row, d->span.end);
	diag_set_line_text(d, src, len, ls, at);
}

void
diag_set_line_text(struct sf_diagnostic *d, const char *src, uint32_t len,
		   uint32_t ls, uint32_t at)
{
	if (ls > len)
		ls = len;
	if (at < ls)
		at = ls;
	if (at > len)
		at = len;
	/* A line that fits is kept whole; the search for its end stops
	 * there, so that it costs no more than the window on a long one. */
	uint32_t lim =
		len - ls > DIAG_LINE_TEXT_MAX ? ls + DIAG_LINE_TEXT_MAX : len;
	const char *nl = memchr(src + ls, '\n', lim - ls);
	uint32_t from = ls, to;
	if (nl != NULL || lim == len) {
		to = nl ? (uint32_t)(nl - src) : len;
	} else {
		from = at - ls > DIAG_LINE_TEXT_BEFORE
			       ? at - DIAG_LINE_TEXT_BEFORE
			       : ls;
		/* Cut between characters, not inside one. */
		while (from > ls && (src[from] & 0xC0) == 0x80)
			from--;
		lim = len - from > DIAG_LINE_TEXT_MAX
			      ? from + DIAG_LINE_TEXT_MAX
			      : len;
		nl = memchr(src + from, '\n', lim - from);
		to = nl ? (uint32_t)(nl - src) : lim;
		while (to < len && to > from && src[to] != '\n' &&
		       (src[to] & 0xC0) == 0x80)
			to--;
	}
	if (to > from && src[to - 1] == '\r')
		to--;
	free(d->line_text);
	d->line_text = xstrndup(src + from, to - from);
	d->line_col = 1;
	if (from > ls) {
		uint32_t before = utf8_count(src + from, at - from);
		d->line_col = d->start.column > before + 1
				      ? d->start.column - before
				      : 2;
	}
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
