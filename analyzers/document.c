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
#include "util/strmap.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Where a chunk is and what its trees look like. */
struct chunk_shape {
	uint32_t start, len;
	uint64_t shape;
};

struct chunk {
	uint32_t start, row; /* where it begins: a line start */
	uint32_t len;        /* up to the next chunk, or the end */
	TSTree *tree;        /* parsed from its own text alone, or NULL */
	/* Its facts, in coordinates where the chunk begins at origin_byte,
	 * origin_row (it moves when earlier text changes), or NULL. */
	struct sf_facts *frag;
	uint32_t origin_byte, origin_row;
	bool dirty; /* text changed since frag was extracted */
	bool fresh; /* extracted by the analysis under way */
	bool code;  /* holds a statement (not only comments) */
	bool err;   /* holds a syntax error */
	/* Its facts may not be the whole file's for its text: a constant
	 * before it changed while it held a syntax error (refold). */
	bool stale;
	/* The error may be a comment or string that does not end, which
	 * text anywhere after it could end (then that text is parsed
	 * with it). */
	bool reach;
	uint8_t tail;   /* how its last statement ends (enum language_tail) */
	uint64_t shape; /* its syntax trees' shape (struct group) */
	/* Names of constants its extraction looked for in the chunks
	 * before it (strings of frag). */
	VEC(const char *) looked_up;
};

/* A registration by another file (index_apply_registrations): the flags
 * it gave the function called name, and the context of an event-loop
 * one. */
struct carried {
	char *name;
	uint32_t flags;
	char *context; /* or NULL */
	int32_t next;  /* the next one of the same name, or -1 */
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
	/* LSP's lines end at "\n", "\r\n" and a lone "\r"; tree-sitter's
	 * rows (lines) at "\n" only. When the text has a lone CR, its LSP
	 * lines are in cr_lines; both are worked out when first asked after
	 * a change (cr_known). */
	uint32_t *cr_lines;
	uint32_t ncr_lines, cr_lines_cap;
	bool cr_known, lone_cr;
	/* In text order, covering it; empty until the first analysis, or
	 * after a replace or a resync. */
	VEC(struct chunk) chunks;
	struct sf_facts *facts;    /* merged from the chunks' fragments */
	struct sf_diag_list diags; /* per-file findings, sorted */
	int64_t version;
	bool dirty; /* the text changed since the last analysis */
	/* The chunks came from parses of parts of the text, and one has a
	 * syntax error: a parse of the whole text may recover from it
	 * differently. */
	bool approximate;
	/* What the index last said other files do with this file's
	 * functions, by function name, for analyses without the index;
	 * by name: name -> index + 1 of the first of that name (each
	 * keystroke looks every function up, in a file whose functions
	 * another file registers by the thousand). */
	VEC(struct carried) carried;
	struct strmap carried_names;
	/* A copy (document_copy): the chunks of the document copied, as
	 * (start, len, shape), when their facts are exact for their trees;
	 * document_parse_whole then checks them against a parse of the whole
	 * text instead of extracting it again. */
	VEC(struct chunk_shape) shapes;
	bool parsed;    /* a copy document_parse_whole parsed */
	bool confirmed; /* ... and found its parse to be shapes' */
	/* A parse of the whole text for the next window over all of it to
	 * take instead of parsing (parse_whole), or NULL. */
	TSTree *given;
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
	d->cr_known = false;
	index_lines(d, 0);
}

static void
chunk_finish(struct chunk *c)
{
	if (c->tree != NULL)
		ts_tree_delete(c->tree);
	facts_destroy(c->frag);
	VEC_FREE(c->looked_up);
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
	strmap_init(&d->carried_names);
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
	strmap_finish(&d->carried_names);
	strmap_init(&d->carried_names);
}

void
document_destroy(struct sf_document *d)
{
	if (d == NULL)
		return;
	drop_chunks(d);
	drop_carried(d);
	VEC_FREE(d->carried);
	VEC_FREE(d->shapes);
	if (d->given != NULL)
		ts_tree_delete(d->given);
	strmap_finish(&d->carried_names);
	diag_list_finish(&d->diags);
	free(d->lines);
	free(d->cr_lines);
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
/* The line table positions are counted in: LSP's lines, *n of them. */
static const uint32_t *
lsp_lines(const struct sf_document *cd, uint32_t *n)
{
	/* A cache of what the text says: the document stays the same. */
	struct sf_document *d = (struct sf_document *)cd;
	if (!d->cr_known) {
		d->cr_known = true;
		d->lone_cr = false;
		for (const char *p = d->text;
		     (p = memchr(p, '\r', d->len - (uint32_t)(p - d->text)));
		     p++)
			if (p[1] != '\n') {
				d->lone_cr = true;
				break;
			}
		d->ncr_lines = 0;
		for (uint32_t i = 0; d->lone_cr; i++) {
			if (d->ncr_lines == d->cr_lines_cap) {
				d->cr_lines_cap = d->cr_lines_cap
							  ? d->cr_lines_cap * 2
							  : 64;
				d->cr_lines = xreallocarray(
					d->cr_lines, d->cr_lines_cap,
					sizeof *d->cr_lines);
			}
			if (i == 0 || d->text[i - 1] == '\n' ||
			    (d->text[i - 1] == '\r' &&
			     (i == d->len || d->text[i] != '\n')))
				d->cr_lines[d->ncr_lines++] = i;
			if (i == d->len)
				break;
		}
	}
	if (d->lone_cr) {
		*n = d->ncr_lines;
		return d->cr_lines;
	}
	*n = d->nlines;
	return d->lines;
}

/* Where LSP line `line` of the n in v ends (before its line break). */
static uint32_t
line_end(const struct sf_document *d, const uint32_t *v, uint32_t n,
	 uint32_t line)
{
	if (line + 1 >= n)
		return d->len;
	uint32_t e = v[line + 1];
	if (e > v[line] && d->text[e - 1] == '\n')
		e--;
	if (e > v[line] && d->text[e - 1] == '\r')
		e--;
	return e;
}

uint32_t
document_offset(const struct sf_document *d, enum document_encoding enc,
		struct document_position pos)
{
	uint32_t nl;
	const uint32_t *v = lsp_lines(d, &nl);
	if (pos.line >= nl)
		return d->len;
	uint32_t ls = v[pos.line];
	uint32_t n = line_end(d, v, nl, pos.line) - ls;
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

/* The line of the n in v holding byte (binary search). */
static uint32_t
line_in(const uint32_t *v, uint32_t n, uint32_t byte)
{
	uint32_t lo = 0, hi = n;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= byte)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The tree-sitter row holding byte. */
static uint32_t
line_of(const struct sf_document *d, uint32_t byte)
{
	return line_in(d->lines, d->nlines, byte);
}

struct document_position
document_position(const struct sf_document *d, enum document_encoding enc,
		  uint32_t byte)
{
	if (byte > d->len)
		byte = d->len;
	uint32_t nl;
	const uint32_t *v = lsp_lines(d, &nl);
	uint32_t line = line_in(v, nl, byte);
	uint32_t ls = v[line];
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
	d->cr_known = false;
	index_lines(d, sp.row);
	if (d->chunks.n > 0)
		edit_chunks(d, s, e, len, sp, ep, np);
	d->dirty = true;
	return 0;
}

/* --- windows: parsing parts of the text alone ------------------------------
 *
 * The text is cut into chunks only where a whole-file parse would cut it
 * too: between top-level statements, where nothing before can run on into
 * what follows. So a dirty chunk is parsed alone with a window around it
 * that grows until its edges are such places: the statement before it
 * ended cleanly (no syntax error, and nothing after it can continue it,
 * such as JavaScript's `(` after an expression without `;`), and so does
 * its own last statement before the chunk after it. An error that does
 * not heal (an unclosed comment or string) makes the window reach the end
 * of the text, which is then parsed whole from the last clean place: what
 * a parse of the whole file sees there.
 */

/* A group of lines of top-level statements in one parse (the groups of
 * extract_options.split), as the chunk made of it will be. */
struct group {
	uint32_t start, row; /* in the parse's coordinates */
	bool code;           /* holds a statement (not only comments) */
	bool err;            /* a syntax error in it */
	uint8_t tail;        /* enum language_tail, of its last statement */
	/* A hash of its top-level nodes' trees: each node's symbol, field,
	 * flags, child count and byte range from the group's start, in
	 * order. Two parses of a text whose groups have the same start,
	 * length and shape give them the same facts (document_parse_whole). */
	uint64_t shape;
};

static uint64_t
mix(uint64_t h, uint64_t x)
{
	h = (h ^ x) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 29);
}

/* shape folded with the tree at n, its byte ranges counted from origin
 * (where its group begins, so that the shape stays as the chunk moves). */
static uint64_t
shape_of(TSNode n, uint32_t origin, uint64_t shape)
{
	TSTreeCursor cur = ts_tree_cursor_new(n);
	for (;;) {
		TSNode x = ts_tree_cursor_current_node(&cur);
		uint64_t flags = (uint64_t)ts_node_is_named(x) |
				 (uint64_t)ts_node_is_extra(x) << 1 |
				 (uint64_t)ts_node_is_missing(x) << 2;
		shape = mix(
			shape,
			(uint64_t)ts_node_symbol(x) |
				(uint64_t)ts_tree_cursor_current_field_id(&cur)
					<< 16 |
				flags << 32 |
				(uint64_t)ts_node_child_count(x) << 35);
		shape = mix(shape, (uint64_t)(ts_node_start_byte(x) - origin)
						   << 32 |
					   (ts_node_end_byte(x) - origin));
		if (ts_tree_cursor_goto_first_child(&cur))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&cur))
			if (!ts_tree_cursor_goto_parent(&cur)) {
				ts_tree_cursor_delete(&cur);
				return shape;
			}
	}
}

/* Is n a node no valid parse has at the top level? */
static bool
broken(TSNode n)
{
	return ts_node_has_error(n) || ts_node_is_missing(n) ||
	       (!ts_node_is_named(n) && strcmp(ts_node_type(n), ";") != 0);
}

/* The shape of the groups from first to last of raw, merged into one
 * that begins where first does. */
static uint64_t
merged_shape(const struct group *raw, uint32_t first, uint32_t last)
{
	uint64_t shape = 0;
	for (uint32_t k = first; k <= last; k++)
		shape = mix(mix(shape, raw[k].start - raw[first].start),
			    raw[k].shape);
	return shape;
}

/* The groups of tree (a parse of the len bytes at src): top-level nodes
 * start a new one on a line after every earlier one ended (as the
 * extractor splits); a group of comments alone joins the group after it
 * (the last: the one before). */
static void
plan_groups(const struct sf_document *d, const TSTree *tree, const char *src,
	    void *out_vec)
{
	VEC(struct group) *out = out_vec;
	const struct sf_family *fam = d->lang->family;
	TSNode root = ts_tree_root_node(tree);
	TSTreeCursor cur = ts_tree_cursor_new(root);
	VEC(struct group) raw = {0};
	bool seen = false;
	uint32_t end_row = 0;
	if (ts_tree_cursor_goto_first_child(&cur)) {
		do {
			TSNode n = ts_tree_cursor_current_node(&cur);
			TSPoint a = ts_node_start_point(n),
				b = ts_node_end_point(n);
			if (!seen || a.row > end_row) {
				struct group *g = VEC_PUSH(raw);
				*g = (struct group){
					.start = seen ? ts_node_start_byte(n) -
								 a.column
						      : 0,
					.row = seen ? a.row : 0,
					.tail = LANGUAGE_TAIL_CLOSED,
				};
			}
			if (!seen || b.row > end_row)
				end_row = b.row;
			seen = true;
			struct group *g = &raw.v[raw.n - 1];
			g->err |= broken(n);
			g->shape = shape_of(n, g->start, g->shape);
			if (!ts_node_is_extra(n)) {
				g->code = true;
				g->tail = fam->statement_tail
						  ? fam->statement_tail(src, n)
						  : LANGUAGE_TAIL_CLOSED;
			}
		} while (ts_tree_cursor_goto_next_sibling(&cur));
	}
	ts_tree_cursor_delete(&cur);
	if (raw.n == 0)
		*VEC_PUSH(raw) = (struct group){.tail = LANGUAGE_TAIL_CLOSED};
	out->n = 0;
	int32_t pend = -1; /* the first of the comment groups waiting */
	bool pend_err = false;
	for (uint32_t i = 0; i < raw.n; i++) {
		if (!raw.v[i].code) {
			if (pend < 0)
				pend = (int32_t)i;
			pend_err |= raw.v[i].err;
			continue;
		}
		struct group g = raw.v[i];
		if (pend >= 0) {
			g.start = raw.v[pend].start;
			g.row = raw.v[pend].row;
			g.err |= pend_err;
			g.shape = merged_shape(raw.v, (uint32_t)pend, i);
		}
		*VEC_PUSH(*out) = g;
		pend = -1;
		pend_err = false;
	}
	if (pend >= 0 && out->n > 0) {
		struct group *g = &out->v[out->n - 1];
		g->err |= pend_err;
		g->shape = mix(g->shape,
			       merged_shape(raw.v, (uint32_t)pend, raw.n - 1));
		g->shape = mix(g->shape, raw.v[pend].start - g->start);
	} else if (pend >= 0) {
		struct group g = raw.v[pend];
		g.err = pend_err;
		g.shape = merged_shape(raw.v, (uint32_t)pend, raw.n - 1);
		*VEC_PUSH(*out) = g;
	}
	VEC_FREE(raw);
}

/* Could what starts at byte at (past blanks and comments) continue a
 * statement that ends with tail, so that the parse of the text before
 * and the parse of the text from there differ from a parse of both? */
static bool
continues(const struct sf_document *d, uint8_t tail, uint32_t at)
{
	const struct sf_family *fam = d->lang->family;
	bool indented;
	uint32_t i = fam->first_code(d->text, d->len, at, &indented);
	return i < d->len && fam->continues((enum language_tail)tail,
					    d->text + i, d->len - i, indented);
}

/* Could the len bytes at start hold the start of a token that only
 * text further on ends (a block comment, a string of several lines)? */
static bool
may_reach(const struct sf_document *d, uint32_t start, uint32_t len)
{
	return d->lang->family->may_reach(d->text + start, len);
}

/* Where a parse of one window puts its chunks. */
struct window {
	struct sf_document *d;
	/* The chunks before the window, accepted (text order). */
	const struct chunk *before;
	uint32_t nbefore;
	VEC(struct chunk) made; /* the window's, so far */
	const struct group *groups;
	uint32_t ngroups, next_group;
	uint32_t base_byte, base_row;
};

static struct chunk *
new_chunk(struct window *w, uint32_t line_byte, uint32_t row)
{
	struct chunk *c = VEC_PUSH(w->made);
	*c = (struct chunk){
		.start = w->base_byte + line_byte,
		.row = w->base_row + row,
		.origin_byte = line_byte,
		.origin_row = row,
		.frag = facts_create(w->d->lang->id, w->d->path),
		.fresh = true,
	};
	return c;
}

/* extract_options.split: a new chunk where a planned group starts. */
static struct sf_facts *
window_split(void *ctx, uint32_t line_byte, uint32_t row)
{
	struct window *w = ctx;
	if (w->next_group < w->ngroups &&
	    w->groups[w->next_group].start == line_byte) {
		w->next_group++;
		new_chunk(w, line_byte, row);
	}
	return w->made.v[w->made.n - 1].frag;
}

static bool
find_constant(const struct sf_facts *f, const char *name, double *value)
{
	for (uint32_t i = f ? f->constants.n : 0; i-- > 0;)
		if (strcmp(f->constants.v[i].name, name) == 0) {
			*value = f->constants.v[i].value;
			return true;
		}
	return false;
}

/* The latest constant called name before the chunk being extracted. */
static bool
constant_before(const struct chunk *before, uint32_t nbefore,
		const struct chunk *made, uint32_t nmade, const char *name,
		double *value)
{
	for (uint32_t i = nmade; i-- > 0;)
		if (find_constant(made[i].frag, name, value))
			return true;
	for (uint32_t i = nbefore; i-- > 0;)
		if (find_constant(before[i].frag, name, value))
			return true;
	return false;
}

/* extract_options.constant: the chunk remembers the name, so that it is
 * extracted again when such a constant before it changes. */
static bool
window_constant(void *ctx, const char *name, double *value)
{
	struct window *w = ctx;
	struct chunk *cur = &w->made.v[w->made.n - 1];
	*VEC_PUSH(cur->looked_up) = name; /* a string of cur->frag */
	return constant_before(w->before, w->nbefore, w->made.v, w->made.n - 1,
			       name, value);
}

/* Parses the len bytes at start (a line start, at row) on their own, from
 * old (edited to match; consumed) when given, and extracts them into
 * chunks, one per planned group, in w->made; *tree is the parse. */
static void
parse_window(struct window *w, struct sf_parser *p, uint32_t start,
	     uint32_t row, uint32_t len, TSTree *old, bool code_before,
	     void *groups_vec, TSTree **tree)
{
	VEC(struct group) *groups = groups_vec;
	struct sf_document *d = w->d;
	if (d->given != NULL && start == 0 && len == d->len) {
		*tree = d->given;
		d->given = NULL;
	} else {
		*tree = parser_parse(p, d->lang, d->text + start, len, old,
				     NULL);
	}
	if (old != NULL)
		ts_tree_delete(old);
	w->made.n = 0;
	w->base_byte = start;
	w->base_row = row;
	if (*tree == NULL) {
		/* Cannot happen without a cancel flag: no facts. */
		groups->n = 0;
		*VEC_PUSH(*groups) =
			(struct group){.tail = LANGUAGE_TAIL_CLOSED};
		new_chunk(w, 0, 0);
		return;
	}
	plan_groups(d, *tree, d->text + start, groups);
	w->groups = groups->v;
	w->ngroups = groups->n;
	w->next_group = 1;
	new_chunk(w, 0, 0);
	struct extract_options opts = {
		.fragment = true,
		.not_first = code_before,
		.split = window_split,
		.constant = window_constant,
		.ctx = w,
	};
	d->lang->family->extract(w->made.v[0].frag, *tree, d->text + start, len,
				 &opts);
	for (uint32_t i = 0; i < w->made.n; i++) {
		struct chunk *c = &w->made.v[i];
		uint32_t end = i + 1 < w->made.n ? w->made.v[i + 1].start
						 : start + len;
		c->len = end - c->start;
		c->err = groups->v[i].err;
		c->code = groups->v[i].code;
		c->tail = groups->v[i].tail;
		c->shape = groups->v[i].shape;
		c->reach = c->err && may_reach(d, c->start, c->len);
		/* Errors as each chunk has them, not as the parse's
		 * first fragment was told. */
		c->frag->flags &= ~(uint32_t)SF_FILE_HAS_ERRORS;
		if (c->err)
			c->frag->flags |= SF_FILE_HAS_ERRORS;
	}
}

/* The chunk of out before the window that decides whether the window can
 * start where it does: the last one with code (comments are blank to a
 * parse), or NULL. */
static const struct chunk *
last_code(const struct chunk *out, uint32_t n)
{
	for (uint32_t i = n; i-- > 0;) {
		if (out[i].err || out[i].code)
			return &out[i];
	}
	return NULL;
}

/* Is there a chunk among the n of out whose error text after it could
 * end (struct chunk's reach)? */
static bool
reaching(const struct chunk *out, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (out[i].reach)
			return true;
	return false;
}

/* Is the place between the chunks before (n of them) and the text at at
 * one where a whole-file parse cuts? */
static bool
clean_cut(const struct sf_document *d, const struct chunk *before, uint32_t n,
	  uint32_t at)
{
	const struct chunk *c = last_code(before, n);
	if (c == NULL)
		return true;
	return !c->err && !continues(d, c->tail, at);
}

/* The constants of chunks [from, to) as a list to compare. */
struct constant_list {
	VEC(const struct sf_constant *) v;
};

static void
collect_constants(struct constant_list *l, const struct chunk *c, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t k = 0; c[i].frag && k < c[i].frag->constants.n;
		     k++)
			*VEC_PUSH(l->v) = &c[i].frag->constants.v[k];
}

/* Notes in changed the names of a and b when they are not the same
 * constants in the same order. */
static void
note_changed(struct strmap *changed, const struct constant_list *a,
	     const struct constant_list *b)
{
	bool same = a->v.n == b->v.n;
	for (uint32_t i = 0; same && i < a->v.n; i++)
		same = strcmp(a->v.v[i]->name, b->v.v[i]->name) == 0 &&
		       a->v.v[i]->value == b->v.v[i]->value;
	if (same)
		return;
	for (uint32_t i = 0; i < a->v.n; i++)
		strmap_put(changed, a->v.v[i]->name, (void *)1);
	for (uint32_t i = 0; i < b->v.n; i++)
		strmap_put(changed, b->v.v[i]->name, (void *)1);
}

static bool
code_in(const struct chunk *c, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (c[i].frag != NULL && (c[i].frag->flags & SF_FILE_HAS_CODE))
			return true;
	return false;
}

/* Parses the d->chunks.v[i] (a chunk where a whole-file parse cuts) again
 * alone and extracts it, with the constants now before it; its constants
 * that changed are noted in changed. */
static void
extract_again(struct sf_document *d, struct sf_parser *p, uint32_t i,
	      struct strmap *changed)
{
	struct chunk *c = &d->chunks.v[i];
	VEC(struct group) groups = {0};
	struct window w = {.d = d, .before = d->chunks.v, .nbefore = i};
	TSTree *parsed;
	TSTree *tree = c->tree;
	c->tree = NULL;
	parse_window(&w, p, c->start, c->row, c->len, tree,
		     code_in(d->chunks.v, i), &groups, &parsed);
	struct constant_list was = {0}, now = {0};
	collect_constants(&was, c, 1);
	collect_constants(&now, w.made.v, w.made.n);
	note_changed(changed, &was, &now);
	VEC_FREE(was.v);
	VEC_FREE(now.v);
	chunk_finish(c);
	if (w.made.n == 1) {
		w.made.v[0].tree = parsed;
		*c = w.made.v[0];
	} else {
		/* Not one group alone, as it was in its window: the pieces
		 * take its place. */
		if (parsed != NULL)
			ts_tree_delete(parsed);
		uint32_t extra = w.made.n - 1;
		for (uint32_t k = 0; k < extra; k++)
			VEC_PUSH(d->chunks);
		c = &d->chunks.v[i];
		memmove(c + w.made.n, c + 1,
			(d->chunks.n - extra - i - 1) * sizeof *c);
		memcpy(c, w.made.v, w.made.n * sizeof *c);
	}
	VEC_FREE(w.made);
	VEC_FREE(groups);
}

/* Extracts again the chunks that looked up a constant of a name in
 * changed before them (growing changed with what that changes in turn).
 * The chunks extracted by this analysis saw the constants as they are
 * now; the others may not have. Returns false when one of those holds a
 * syntax error: alone, it might not parse as it did with the text around
 * it. */
static bool
refold(struct sf_document *d, struct sf_parser *p, struct strmap *changed)
{
	bool ok = true;
	for (uint32_t i = 0; i < d->chunks.n; i++) {
		const struct chunk *c = &d->chunks.v[i];
		if (c->fresh)
			continue;
		bool hit = false;
		for (uint32_t k = 0; k < c->looked_up.n && !hit; k++)
			hit = strmap_get(changed, c->looked_up.v[k], NULL) !=
			      NULL;
		if (!hit)
			continue;
		if (c->err) {
			d->chunks.v[i].stale = true;
			ok = false;
			continue;
		}
		uint32_t before = d->chunks.n;
		extract_again(d, p, i, changed);
		ok &= d->chunks.n == before;
	}
	return ok;
}

/* Parses the dirty chunks again, each in a window grown until it is cut
 * where a whole-file parse cuts (see above), then extracts again the
 * chunks that fold a constant that changed before them. Returns false
 * when that could not be done exactly (refold). */
static bool
reparse(struct sf_document *d, struct sf_parser *p)
{
	VEC(struct chunk) out = {0};
	VEC(struct chunk) popped = {0}; /* taken back from out */
	VEC(struct group) groups = {0};
	struct strmap changed;
	strmap_init(&changed);
	struct chunk *old = d->chunks.v;
	uint32_t n = d->chunks.n;
	struct window w = {.d = d};
	for (uint32_t i = 0; i < n;) {
		if (!old[i].dirty) {
			/* Only the trees of the chunks being edited are
			 * kept, for their next reparse: a tree weighs about
			 * fifty times its text. */
			if (old[i].tree != NULL) {
				ts_tree_delete(old[i].tree);
				old[i].tree = NULL;
			}
			old[i].fresh = false;
			*VEC_PUSH(out) = old[i++];
			continue;
		}
		uint32_t b = i;
		while (b + 1 < n && old[b + 1].dirty)
			b++;
		uint32_t start = old[i].start, row = old[i].row;
		TSTree *tree = i == b ? old[i].tree : NULL;
		old[i].tree = tree ? NULL : old[i].tree;
		for (;;) {
			/* The chunk before must end where a parse of the
			 * whole file ends a statement, with nothing in the
			 * window able to continue it. */
			if (!clean_cut(d, out.v, out.n, start) ||
			    reaching(out.v, out.n)) {
				struct chunk c = out.v[--out.n];
				start = c.start;
				row = c.row;
				if (tree != NULL) {
					ts_tree_delete(tree);
					tree = NULL;
				}
				/* Its constants are compared below. */
				*VEC_PUSH(popped) = c;
				continue;
			}
			uint32_t end = old[b].start + old[b].len;
			w.before = out.v;
			w.nbefore = out.n;
			TSTree *parsed;
			parse_window(&w, p, start, row, end - start, tree,
				     code_in(out.v, out.n), &groups, &parsed);
			tree = NULL;
			bool grow_back =
				out.n > 0 && groups.n > 0 && groups.v[0].err;
			bool grow = false;
			if (b + 1 < n) {
				const struct group *last =
					&groups.v[groups.n - 1];
				struct chunk as_last = {
					.err = last->err,
					.code = last->code,
					.tail = last->tail,
				};
				grow = old[b + 1].err ||
				       !clean_cut(d, &as_last, 1,
						  old[b + 1].start) ||
				       (!last->code &&
					!clean_cut(d, out.v, out.n,
						   old[b + 1].start));
			}
			if (!grow_back && !grow) {
				if (w.made.n == 1)
					w.made.v[0].tree = parsed;
				else if (parsed != NULL)
					ts_tree_delete(parsed);
				break;
			}
			for (uint32_t k = 0; k < w.made.n; k++)
				chunk_finish(&w.made.v[k]);
			w.made.n = 0;
			if (parsed != NULL)
				ts_tree_delete(parsed);
			if (grow_back) {
				/* An error at its start: perhaps the text
				 * before explains it. */
				struct chunk c = out.v[--out.n];
				start = c.start;
				row = c.row;
				*VEC_PUSH(popped) = c;
				continue;
			}
			/* Twice as many chunks, so that a window that must
			 * reach far gets there in a few parses. */
			b += b - i + 1;
			if (b >= n)
				b = n - 1;
		}
		/* The popped chunks were before the others, last first. */
		struct constant_list was = {0};
		for (uint32_t k = popped.n; k-- > 0;)
			collect_constants(&was, &popped.v[k], 1);
		collect_constants(&was, old + i, b + 1 - i);
		struct constant_list now = {0};
		collect_constants(&now, w.made.v, w.made.n);
		note_changed(&changed, &was, &now);
		VEC_FREE(was.v);
		VEC_FREE(now.v);
		for (uint32_t k = i; k <= b; k++)
			chunk_finish(&old[k]);
		for (uint32_t k = 0; k < popped.n; k++)
			chunk_finish(&popped.v[k]);
		popped.n = 0;
		/* An empty chunk would share its start with the next. */
		for (uint32_t k = 0; k < w.made.n; k++)
			if (w.made.v[k].len > 0)
				*VEC_PUSH(out) = w.made.v[k];
			else
				chunk_finish(&w.made.v[k]);
		w.made.n = 0;
		i = b + 1;
	}
	VEC_FREE(w.made);
	VEC_FREE(popped);
	VEC_FREE(groups);
	VEC_FREE(d->chunks);
	d->chunks.v = out.v;
	d->chunks.n = out.n;
	d->chunks.cap = out.cap;
	bool ok = changed.n == 0 || refold(d, p, &changed);
	strmap_finish(&changed);
	return ok;
}

/* Bytes looked at for a NUL to tell a binary file, as the project does
 * for a text it is given (and the workspace for a file it reads). */
#define DOCUMENT_BINARY_SNIFF 8192

static bool
binary(const struct sf_document *d)
{
	uint32_t n =
		d->len < DOCUMENT_BINARY_SNIFF ? d->len : DOCUMENT_BINARY_SNIFF;
	return memchr(d->text, '\0', n) != NULL;
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
			c->next = -1;
		}
		VEC_FREE(before);
		/* Chained by name, last first, so that each chain runs in
		 * the order the entries were made. */
		for (uint32_t k = d->carried.n; k-- > 0;) {
			struct carried *c = &d->carried.v[k];
			uintptr_t first = (uintptr_t)strmap_put(
				&d->carried_names, c->name,
				(void *)(uintptr_t)(k + 1));
			c->next = (int32_t)first - 1;
		}
		return;
	}
	if (d->carried.n == 0)
		return;
	for (uint32_t i = 0; i < f->functions.n; i++) {
		struct sf_function *fn = &f->functions.v[i];
		if (fn->name == NULL)
			continue;
		uintptr_t first = (uintptr_t)strmap_get(&d->carried_names,
							fn->name, NULL);
		for (int32_t k = (int32_t)first - 1; k >= 0;
		     k = d->carried.v[k].next) {
			const struct carried *c = &d->carried.v[k];
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

/* Whether a chunk holds a syntax error. */
static bool
any_error(const struct sf_document *d)
{
	for (uint32_t i = 0; i < d->chunks.n; i++)
		if (d->chunks.v[i].err)
			return true;
	return false;
}

static void
whole_chunk(struct sf_document *d)
{
	drop_chunks(d);
	struct chunk *c = VEC_PUSH(d->chunks);
	*c = (struct chunk){.len = d->len, .dirty = true};
}

/* Texts the analysis leaves without findings: no language, over the
 * engine's size limit, or binary. */
static bool
unanalysed(const struct sf_document *d, const struct sf_engine *e)
{
	return d->lang == NULL || d->len > engine_max_file_size(e) || binary(d);
}

/* The findings from the chunks as they are: their fragments merged,
 * names resolved, the context pass and the per-file rules. */
static void
check_chunks(struct sf_document *d, const struct sf_engine *e,
	     const struct sf_index *ix)
{
	struct sf_facts *f = facts_create(d->lang->id, d->path);
	f->flags = d->flags;
	f->lines = d->nlines;
	VEC(const struct sf_facts *) frags = {0};
	for (uint32_t i = 0; i < d->chunks.n; i++)
		*VEC_PUSH(frags) = d->chunks.v[i].frag;
	facts_reserve(f, frags.v, frags.n);
	VEC_FREE(frags);
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
}

/* The chunks of a parse of the whole text: how a parse recovers from an
 * error can depend on text far away (tree-sitter's recovery weighs its
 * alternatives to the end), so the whole text decides. */
static void
parse_whole(struct sf_document *d, struct sf_parser *p)
{
	whole_chunk(d);
	reparse(d, p);
	d->approximate = false;
}

/* Forgets the findings and facts of the last analysis. */
static void
clear_findings(struct sf_document *d)
{
	d->dirty = false;
	diag_list_finish(&d->diags);
	diag_list_init(&d->diags);
	drop_facts(d);
}

static bool
analyse(struct sf_document *d, const struct sf_engine *e, struct sf_parser *p,
	const struct sf_index *ix, bool exact)
{
	if (!d->dirty && !(exact && d->approximate))
		return false;
	clear_findings(d);
	if (unanalysed(d, e)) {
		drop_chunks(d);
		d->approximate = false;
		return true;
	}
	if (d->chunks.n == 0)
		whole_chunk(d);
	bool whole = d->chunks.n == 1 && d->chunks.v[0].dirty;
	bool folded = true;
	if (!(exact && d->approximate))
		folded = reparse(d, p);
	d->approximate = !folded || (!whole && any_error(d));
	if (exact && d->approximate)
		parse_whole(d, p);
	check_chunks(d, e, ix);
	return true;
}

bool
document_analyse(struct sf_document *d, const struct sf_engine *e,
		 struct sf_parser *p, const struct sf_index *ix)
{
	return analyse(d, e, p, ix, true);
}

bool
document_analyse_fast(struct sf_document *d, const struct sf_engine *e,
		      struct sf_parser *p, const struct sf_index *ix)
{
	return analyse(d, e, p, ix, false);
}

/* Are d's chunks' facts those their trees give in a parse of the whole
 * text: analysed, none edited since, none stale? */
static bool
exact_for_trees(const struct sf_document *d)
{
	if (d->lang == NULL || d->dirty || d->chunks.n == 0)
		return false;
	for (uint32_t i = 0; i < d->chunks.n; i++)
		if (d->chunks.v[i].dirty || d->chunks.v[i].stale)
			return false;
	return true;
}

/* Are the n chunks at c where shapes says, with the same trees? */
static bool
same_shapes(const struct sf_document *shapes, const struct chunk *c, uint32_t n)
{
	if (shapes->shapes.n != n)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		const struct chunk_shape *s = &shapes->shapes.v[i];
		if (s->start != c[i].start || s->len != c[i].len ||
		    s->shape != c[i].shape)
			return false;
	}
	return true;
}

struct sf_document *
document_copy(const struct sf_document *d)
{
	struct sf_document *c =
		document_create(d->lang, d->path, d->flags, d->text, d->len);
	c->version = d->version;
	if (exact_for_trees(d)) {
		for (uint32_t i = 0; i < d->chunks.n; i++) {
			const struct chunk *k = &d->chunks.v[i];
			*VEC_PUSH(c->shapes) = (struct chunk_shape){
				k->start, k->len, k->shape};
		}
	}
	return c;
}

/* Does tree, a parse of copy's whole text, cut it into the chunks of the
 * document copied, each with the same trees? Then their facts are the
 * whole file's, and the copy need not extract them again. */
static bool
confirms(const struct sf_document *copy, const TSTree *tree)
{
	VEC(struct group) groups = {0};
	plan_groups(copy, tree, copy->text, &groups);
	/* The chunks parse_window makes of the groups, without the empty
	 * ones (reparse). */
	VEC(struct chunk) made = {0};
	for (uint32_t i = 0; i < groups.n; i++) {
		uint32_t end =
			i + 1 < groups.n ? groups.v[i + 1].start : copy->len;
		if (end > groups.v[i].start)
			*VEC_PUSH(made) = (struct chunk){
				.start = groups.v[i].start,
				.len = end - groups.v[i].start,
				.shape = groups.v[i].shape,
			};
	}
	bool same = same_shapes(copy, made.v, made.n);
	VEC_FREE(made);
	VEC_FREE(groups);
	return same;
}

void
document_parse_whole(struct sf_document *copy, struct sf_parser *p,
		     const atomic_bool *cancel)
{
	if (copy->lang == NULL)
		return;
	TSTree *tree = parser_parse(p, copy->lang, copy->text, copy->len, NULL,
				    cancel);
	if (tree == NULL && cancel != NULL && atomic_load(cancel))
		return;
	copy->parsed = true;
	if (tree != NULL && copy->shapes.n > 0 && confirms(copy, tree)) {
		/* Only a tree's worth of memory beside the document's: not a
		 * second set of chunks. */
		copy->confirmed = true;
		ts_tree_delete(tree);
		return;
	}
	copy->given = tree;
	parse_whole(copy, p);
}

bool
document_take_parse(struct sf_document *d, struct sf_document *copy,
		    const struct sf_engine *e, const struct sf_index *ix)
{
	bool same = copy->parsed && d->approximate && d->lang == copy->lang &&
		    d->len == copy->len &&
		    memcmp(d->text, copy->text, d->len) == 0;
	/* The parse confirmed the chunks copied: d must still have them. */
	if (same && copy->confirmed)
		same = exact_for_trees(d) &&
		       same_shapes(copy, d->chunks.v, d->chunks.n);
	if (same) {
		clear_findings(d);
		d->approximate = false;
		if (unanalysed(d, e)) {
			drop_chunks(d);
		} else {
			if (!copy->confirmed) {
				drop_chunks(d);
				d->chunks = copy->chunks;
				copy->chunks.v = NULL;
				copy->chunks.n = copy->chunks.cap = 0;
			}
			check_chunks(d, e, ix);
		}
	}
	document_destroy(copy);
	return same;
}

bool
document_approximate(const struct sf_document *d)
{
	return d->approximate;
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
