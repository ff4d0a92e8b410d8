/*
 * Documents: text with a line table, split into chunks — runs of whole
 * lines holding one or more top-level statements — each with its own small
 * syntax tree and its own facts fragment. An edit dirties the chunk it
 * falls in (ts_tree_edit on that chunk's tree) and moves the chunks after
 * it; analysis reparses and re-extracts only the dirty chunks, then merges
 * every fragment (facts_append), resolves names and runs the context pass
 * and the rules over the whole file. So a keystroke in a 10,000-line file
 * costs one chunk's parse and extraction, not the file's; and a syntax
 * error stays inside its chunk instead of spilling over the rest of the
 * file.
 *
 * A chunk's parse can end up holding several line groups (the user typed a
 * new statement): it is split into one chunk per group. An edit across a
 * chunk boundary merges the chunks it touches. Whole-file fidelity: the
 * facts merged from chunks are the facts of the whole file, except that a
 * constant folded from another chunk's constants is not known (a plain
 * named bound still is: the cost model looks it up after the merge).
 */
#include "document.h"

#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "summary.h"
#include "util/utf8.h"
#include "util/xalloc.h"

struct chunk {
	uint32_t start, row; /* where it begins: a line start */
	uint32_t len;        /* up to the next chunk, or the end */
	TSTree *tree;        /* parsed from its own text alone, or NULL */
	/* Its facts, in coordinates where the chunk begins at origin_byte,
	 * origin_row (it moves when earlier text changes), or NULL. */
	struct sf_facts *frag;
	uint32_t origin_byte, origin_row;
	bool dirty; /* text changed since frag was extracted */
};

/* A registration by another file (index_apply_registrations): the flags
 * it gave the function called name, and the context of an event-loop
 * one. */
struct carried {
	char *name;
	uint32_t flags;
	char *context; /* or NULL */
};

#define CARRIED_FLAGS                                                          \
	(SF_FN_ON_LOOP | SF_FN_THREAD_TARGET | SF_FN_PROCESS_TARGET)

struct sf_document {
	const struct sf_language *lang;
	char *path;
	uint32_t flags;
	char *text; /* NUL-terminated */
	uint32_t len, cap;
	uint32_t *lines; /* byte offset of each line's start */
	uint32_t nlines, lines_cap;
	/* In text order, covering it; empty until the first analysis, or
	 * after a replace or a resync. */
	VEC(struct chunk) chunks;
	struct sf_facts *facts;    /* merged from the chunks' fragments */
	struct sf_diag_list diags; /* per-file findings, sorted */
	int64_t version;
	bool dirty; /* the text changed since the last analysis */
	/* What the index last said other files do with this file's
	 * functions, by function name, for analyses without the index. */
	VEC(struct carried) carried;
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

static void
chunk_finish(struct chunk *c)
{
	if (c->tree != NULL)
		ts_tree_delete(c->tree);
	facts_destroy(c->frag);
	*c = (struct chunk){0};
}

/* The merged facts share the fragments' strings: they go first. */
static void
drop_facts(struct sf_document *d)
{
	facts_destroy(d->facts);
	d->facts = NULL;
}

static void
drop_chunks(struct sf_document *d)
{
	drop_facts(d);
	for (uint32_t i = 0; i < d->chunks.n; i++)
		chunk_finish(&d->chunks.v[i]);
	VEC_FREE(d->chunks);
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

static void
drop_carried(struct sf_document *d)
{
	for (uint32_t i = 0; i < d->carried.n; i++) {
		free(d->carried.v[i].name);
		free(d->carried.v[i].context);
	}
	d->carried.n = 0;
}

void
document_destroy(struct sf_document *d)
{
	if (d == NULL)
		return;
	drop_chunks(d);
	drop_carried(d);
	VEC_FREE(d->carried);
	diag_list_finish(&d->diags);
	free(d->lines);
	free(d->text);
	free(d->path);
	free(d);
}

void
document_replace(struct sf_document *d, const char *text, uint32_t len)
{
	drop_chunks(d);
	set_text(d, text, len);
	d->dirty = true;
}

void
document_resync(struct sf_document *d)
{
	drop_chunks(d);
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

/* The chunk holding byte (the last chunk for the end of the text). */
static uint32_t
chunk_at(const struct sf_document *d, uint32_t byte)
{
	uint32_t lo = 0, hi = d->chunks.n;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (d->chunks.v[mid].start <= byte)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Folds chunks k+1..last into chunk k: their trees and facts go. */
static void
merge_chunks(struct sf_document *d, uint32_t k, uint32_t last)
{
	struct chunk *c = &d->chunks.v[k];
	for (uint32_t i = k + 1; i <= last; i++) {
		c->len += d->chunks.v[i].len;
		chunk_finish(&d->chunks.v[i]);
	}
	if (c->tree != NULL) {
		ts_tree_delete(c->tree);
		c->tree = NULL;
	}
	c->dirty = true;
	uint32_t gone = last - k;
	memmove(&d->chunks.v[k + 1], &d->chunks.v[last + 1],
		(d->chunks.n - last - 1) * sizeof *d->chunks.v);
	d->chunks.n -= gone;
}

/* Brings the chunks in step with an edit of the old bytes [s, e) into len
 * new ones (the text and line table are already updated; sp, ep and np
 * are the old start, old end and new end as points). */
static void
edit_chunks(struct sf_document *d, uint32_t s, uint32_t e, uint32_t len,
	    TSPoint sp, TSPoint ep, TSPoint np)
{
	drop_facts(d);
	uint32_t k = chunk_at(d, s);
	uint32_t last = e > s ? chunk_at(d, e - 1) : k;
	if (last > k)
		merge_chunks(d, k, last);
	struct chunk *c = &d->chunks.v[k];
	if (c->tree != NULL) {
		/* Chunks begin at a line start, so only rows move. */
		TSInputEdit edit = {
			.start_byte = s - c->start,
			.old_end_byte = e - c->start,
			.new_end_byte = s + len - c->start,
			.start_point = {sp.row - c->row, sp.column},
			.old_end_point = {ep.row - c->row, ep.column},
			.new_end_point = {np.row - c->row, np.column},
		};
		ts_tree_edit(c->tree, &edit);
	}
	c->len = c->len - (e - s) + len;
	c->dirty = true;
	int64_t dbytes = (int64_t)len - (int64_t)(e - s);
	int64_t drows = (int64_t)np.row - (int64_t)ep.row;
	for (uint32_t i = k + 1; i < d->chunks.n; i++) {
		d->chunks.v[i].start =
			(uint32_t)(d->chunks.v[i].start + dbytes);
		d->chunks.v[i].row = (uint32_t)(d->chunks.v[i].row + drows);
	}
	/* A chunk must still begin at a line start (the edit may have
	 * removed the newline before it): else it joins this one. */
	while (k + 1 < d->chunks.n) {
		uint32_t b = d->chunks.v[k + 1].start;
		if (b == 0 || d->text[b - 1] == '\n')
			break;
		merge_chunks(d, k, k + 1);
	}
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
	return document_edit_bytes(d, s, e, text, len, why);
}

int
document_edit_bytes(struct sf_document *d, uint32_t s, uint32_t e,
		    const char *text, uint32_t len, const char **why)
{
	if (s > e || e > d->len) {
		*why = "the range is not within the text";
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
	if (d->chunks.n > 0)
		edit_chunks(d, s, e, len, sp, ep, np);
	d->dirty = true;
	return 0;
}

/* Where the fragments of one parse go: new chunks appended to out. The
 * parse covered the text from base_byte/base_row of the document. */
struct splitter {
	VEC(struct chunk) * out;
	const struct sf_document *d;
	uint32_t base_byte, base_row;
};

static struct sf_facts *
split_fragment(void *ctx, uint32_t line_byte, uint32_t row)
{
	struct splitter *sp = ctx;
	struct chunk *c = VEC_PUSH(*sp->out);
	c->start = sp->base_byte + line_byte;
	c->row = sp->base_row + row;
	c->origin_byte = line_byte;
	c->origin_row = row;
	c->frag = facts_create(sp->d->lang->id, sp->d->path);
	return c->frag;
}

/* Parses the len bytes at start (a line start, at row) on their own, from
 * old when it was edited to match, and appends the resulting chunks to
 * out: one per group of lines of top-level statements. */
static void
parse_chunks(struct sf_document *d, struct sf_parser *p, uint32_t start,
	     uint32_t row, uint32_t len, TSTree *old, bool code_before,
	     void *out_vec)
{
	VEC(struct chunk) *out = out_vec;
	TSTree *tree =
		parser_parse(p, d->lang, d->text + start, len, old, NULL);
	if (old != NULL)
		ts_tree_delete(old);
	uint32_t first = out->n;
	struct chunk *c = VEC_PUSH(*out);
	c->start = start;
	c->row = row;
	if (tree == NULL)
		return; /* cannot happen without a cancel flag; no facts */
	c->frag = facts_create(d->lang->id, d->path);
	struct splitter sp = {.out = (void *)out,
			      .d = d,
			      .base_byte = start,
			      .base_row = row};
	struct extract_options opts = {
		.fragment = true,
		.not_first = code_before,
		.split = split_fragment,
		.ctx = &sp,
	};
	d->lang->family->extract(out->v[first].frag, tree, d->text + start, len,
				 &opts);
	for (uint32_t i = first; i < out->n; i++) {
		uint32_t end =
			i + 1 < out->n ? out->v[i + 1].start : start + len;
		out->v[i].len = end - out->v[i].start;
	}
	/* One chunk keeps its tree for the next edit; split ones parse
	 * afresh (their texts are small). */
	if (out->n == first + 1)
		out->v[first].tree = tree;
	else
		ts_tree_delete(tree);
}

/* Applies what other files do with f's functions: from ix when it holds
 * this text's summary (and remembers it), else what ix said last time,
 * by function name, so that typing between two solves of the index does
 * not lose it. */
static void
register_functions(struct sf_document *d, struct sf_facts *f,
		   const struct sf_index *ix)
{
	uint64_t hash = ix ? summary_hash_text(d->text, d->len) : 0;
	int32_t id = ix ? index_file_id(ix, d->path) : -1;
	if (id >= 0 && index_file(ix, (uint32_t)id)->hash == hash) {
		VEC(uint32_t) before = {0};
		for (uint32_t i = 0; i < f->functions.n; i++)
			*VEC_PUSH(before) = f->functions.v[i].flags;
		index_apply_registrations(ix, f, hash);
		drop_carried(d);
		for (uint32_t i = 0; i < f->functions.n; i++) {
			const struct sf_function *fn = &f->functions.v[i];
			uint32_t added =
				fn->flags & ~before.v[i] & CARRIED_FLAGS;
			if (added == 0 || fn->name == NULL)
				continue;
			struct carried *c = VEC_PUSH(d->carried);
			c->name = xstrdup(fn->name);
			c->flags = added;
			c->context = (added & SF_FN_ON_LOOP) && fn->context
					     ? xstrdup(fn->context)
					     : NULL;
		}
		VEC_FREE(before);
		return;
	}
	for (uint32_t k = 0; k < d->carried.n; k++) {
		const struct carried *c = &d->carried.v[k];
		for (uint32_t i = 0; i < f->functions.n; i++) {
			struct sf_function *fn = &f->functions.v[i];
			if (fn->name == NULL || strcmp(fn->name, c->name) != 0)
				continue;
			if ((c->flags & SF_FN_ON_LOOP) &&
			    !(fn->flags & SF_FN_ON_LOOP)) {
				fn->flags |= SF_FN_ON_LOOP;
				fn->context = c->context
						      ? arena_strdup(&f->arena,
								     c->context)
						      : NULL;
			}
			fn->flags |= c->flags & ~SF_FN_ON_LOOP;
		}
	}
}

bool
document_analyse(struct sf_document *d, const struct sf_engine *e,
		 struct sf_parser *p, const struct sf_index *ix)
{
	if (!d->dirty)
		return false;
	d->dirty = false;
	diag_list_finish(&d->diags);
	diag_list_init(&d->diags);
	drop_facts(d);
	if (d->lang == NULL || d->len > engine_max_file_size(e)) {
		drop_chunks(d);
		return true;
	}
	VEC(struct chunk) next = {0};
	if (d->chunks.n == 0) {
		parse_chunks(d, p, 0, 0, d->len, NULL, false, &next);
	} else {
		/* Whether code came before: a `stackfit: ignore-file` is
		 * only heard in the file's first comment block. */
		bool code = false;
		for (uint32_t i = 0; i < d->chunks.n; i++) {
			struct chunk *c = &d->chunks.v[i];
			uint32_t from = next.n;
			if (!c->dirty) {
				*VEC_PUSH(next) = *c;
			} else {
				facts_destroy(c->frag);
				parse_chunks(d, p, c->start, c->row, c->len,
					     c->tree, code, &next);
			}
			for (uint32_t j = from; j < next.n; j++)
				if (next.v[j].frag != NULL &&
				    (next.v[j].frag->flags & SF_FILE_HAS_CODE))
					code = true;
		}
	}
	VEC_FREE(d->chunks);
	d->chunks.v = next.v;
	d->chunks.n = next.n;
	d->chunks.cap = next.cap;

	struct sf_facts *f = facts_create(d->lang->id, d->path);
	f->flags = d->flags;
	f->lines = d->nlines;
	for (uint32_t i = 0; i < d->chunks.n; i++) {
		const struct chunk *c = &d->chunks.v[i];
		if (c->frag != NULL)
			facts_append(f, c->frag,
				     (int64_t)c->start - c->origin_byte,
				     (int64_t)c->row - c->origin_row);
	}
	d->lang->family->resolve(f);
	register_functions(d, f, ix);
	d->lang->family->context(f);
	d->facts = f;
	engine_check_facts(e, f, d->text, d->len, &d->diags);
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
