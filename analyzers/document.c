/*
 * Documents: text with a line table, kept in step with a tree-sitter tree
 * through ts_tree_edit, analysed on demand with an incremental reparse.
 */
#include "document.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

struct sf_document {
	const struct sf_language *lang;
	char *path;
	uint32_t flags;
	char *text; /* NUL-terminated */
	uint32_t len, cap;
	uint32_t *lines; /* byte offset of each line's start */
	uint32_t nlines, lines_cap;
	TSTree *tree; /* NULL until the first analysis, or after a replace */
	struct sf_facts *facts;
	struct sf_diag_list diags;
	int64_t version;
	bool dirty; /* the text changed since the last analysis */
};

/* Rebuilds the line table from line `from` on (earlier lines did not
 * move). */
static void
index_lines(struct sf_document *d, uint32_t from)
{
	if (from >= d->nlines)
		from = d->nlines ? d->nlines - 1 : 0;
	d->nlines = from;
	uint32_t pos = from ? d->lines[from] : 0;
	for (;;) {
		if (d->nlines == d->lines_cap) {
			d->lines_cap = d->lines_cap ? d->lines_cap * 2 : 64;
			d->lines = xreallocarray(d->lines, d->lines_cap,
						 sizeof *d->lines);
		}
		d->lines[d->nlines++] = pos;
		const char *nl = memchr(d->text + pos, '\n', d->len - pos);
		if (nl == NULL)
			break;
		pos = (uint32_t)(nl - d->text) + 1;
	}
}

static void
set_text(struct sf_document *d, const char *text, uint32_t len)
{
	if (len + 1 > d->cap) {
		d->cap = len + 1;
		d->text = xrealloc(d->text, d->cap);
	}
	memcpy(d->text, text, len);
	d->text[len] = '\0';
	d->len = len;
	index_lines(d, 0);
}

struct sf_document *
document_create(const struct sf_language *lang, const char *path,
		uint32_t flags, const char *text, uint32_t len)
{
	struct sf_document *d = xcalloc(1, sizeof *d);
	d->lang = lang;
	d->path = xstrdup(path);
	d->flags = flags;
	diag_list_init(&d->diags);
	set_text(d, text, len);
	d->dirty = true;
	return d;
}

void
document_destroy(struct sf_document *d)
{
	if (d == NULL)
		return;
	if (d->tree != NULL)
		ts_tree_delete(d->tree);
	facts_destroy(d->facts);
	diag_list_finish(&d->diags);
	free(d->lines);
	free(d->text);
	free(d->path);
	free(d);
}

void
document_replace(struct sf_document *d, const char *text, uint32_t len)
{
	set_text(d, text, len);
	if (d->tree != NULL) {
		ts_tree_delete(d->tree);
		d->tree = NULL;
	}
	d->dirty = true;
}

/* End of line `line`'s contents: before its \n (and a \r before that). */
static uint32_t
line_end(const struct sf_document *d, uint32_t line)
{
	uint32_t e = line + 1 < d->nlines ? d->lines[line + 1] - 1 : d->len;
	if (e > d->lines[line] && d->text[e - 1] == '\r')
		e--;
	return e;
}

uint32_t
document_offset(const struct sf_document *d, enum document_encoding enc,
		struct document_position pos)
{
	if (pos.line >= d->nlines)
		return d->len;
	uint32_t ls = d->lines[pos.line];
	uint32_t n = line_end(d, pos.line) - ls;
	const char *s = d->text + ls;
	switch (enc) {
	case DOCUMENT_UTF8:
		return ls + (pos.character < n ? pos.character : n);
	case DOCUMENT_UTF32:
		return ls + (uint32_t)utf8_offset_of_cp(s, n, pos.character);
	case DOCUMENT_UTF16:
		break;
	}
	return ls + (uint32_t)utf8_offset_of_utf16(s, n, pos.character);
}

/* The line holding byte (binary search in the line table). */
static uint32_t
line_of(const struct sf_document *d, uint32_t byte)
{
	uint32_t lo = 0, hi = d->nlines;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (d->lines[mid] <= byte)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

struct document_position
document_position(const struct sf_document *d, enum document_encoding enc,
		  uint32_t byte)
{
	if (byte > d->len)
		byte = d->len;
	uint32_t line = line_of(d, byte);
	uint32_t ls = d->lines[line];
	uint32_t n = byte - ls;
	uint32_t ch = n;
	if (enc == DOCUMENT_UTF16)
		ch = utf8_count_utf16(d->text + ls, n);
	else if (enc == DOCUMENT_UTF32)
		ch = utf8_count(d->text + ls, n);
	return (struct document_position){line, ch};
}

static TSPoint
point_of(const struct sf_document *d, uint32_t byte)
{
	uint32_t line = line_of(d, byte);
	return (TSPoint){line, byte - d->lines[line]};
}

int
document_edit(struct sf_document *d, enum document_encoding enc,
	      struct document_position start, struct document_position end,
	      const char *text, uint32_t len, const char **why)
{
	uint32_t s = document_offset(d, enc, start);
	uint32_t e = document_offset(d, enc, end);
	if (s > e) {
		*why = "the range ends before it starts";
		return -1;
	}
	if ((uint64_t)d->len - (e - s) + len > DOCUMENT_MAX_SIZE) {
		*why = "the document would outgrow the size limit";
		return -1;
	}
	TSPoint sp = point_of(d, s), ep = point_of(d, e);
	/* Where the inserted text ends, as a tree-sitter point. */
	TSPoint np = sp;
	for (uint32_t i = 0; i < len; i++) {
		if (text[i] == '\n') {
			np.row++;
			np.column = 0;
		} else {
			np.column++;
		}
	}
	uint32_t newlen = d->len - (e - s) + len;
	if (newlen + 1 > d->cap) {
		d->cap = newlen + 1 > d->cap * 2 ? newlen + 1 : d->cap * 2;
		d->text = xrealloc(d->text, d->cap);
	}
	memmove(d->text + s + len, d->text + e, d->len - e);
	memcpy(d->text + s, text, len);
	d->len = newlen;
	d->text[newlen] = '\0';
	index_lines(d, sp.row);
	if (d->tree != NULL) {
		TSInputEdit edit = {
			.start_byte = s,
			.old_end_byte = e,
			.new_end_byte = s + len,
			.start_point = sp,
			.old_end_point = ep,
			.new_end_point = np,
		};
		ts_tree_edit(d->tree, &edit);
	}
	d->dirty = true;
	return 0;
}

bool
document_analyse(struct sf_document *d, const struct sf_engine *e,
		 struct sf_parser *p)
{
	if (!d->dirty)
		return false;
	d->dirty = false;
	diag_list_finish(&d->diags);
	diag_list_init(&d->diags);
	facts_destroy(d->facts);
	d->facts = NULL;
	if (d->lang == NULL || d->len > engine_max_file_size(e)) {
		if (d->tree != NULL)
			ts_tree_delete(d->tree);
		d->tree = NULL;
		return true;
	}
	TSTree *tree = parser_parse(p, d->lang, d->text, d->len, d->tree, NULL);
	if (d->tree != NULL)
		ts_tree_delete(d->tree);
	d->tree = tree;
	if (tree == NULL)
		return true;
	struct sf_source src = {
		.path = d->path,
		.text = d->text,
		.len = d->len,
		.flags = d->flags,
	};
	d->facts = engine_extract(d->lang, tree, &src);
	engine_check_facts(e, d->facts, d->text, d->len, &d->diags);
	diag_list_sort(&d->diags);
	return true;
}

const struct sf_diag_list *
document_diagnostics(const struct sf_document *d)
{
	return &d->diags;
}

const struct sf_facts *
document_facts(const struct sf_document *d)
{
	return d->facts;
}

void
document_invalidate(struct sf_document *d)
{
	d->dirty = true;
}

int64_t
document_version(const struct sf_document *d)
{
	return d->version;
}

void
document_set_version(struct sf_document *d, int64_t version)
{
	d->version = version;
}

const char *
document_text(const struct sf_document *d, uint32_t *len)
{
	*len = d->len;
	return d->text;
}

const char *
document_path(const struct sf_document *d)
{
	return d->path;
}

const struct sf_language *
document_language(const struct sf_document *d)
{
	return d->lang;
}

uint32_t
document_line_count(const struct sf_document *d)
{
	return d->nlines;
}
