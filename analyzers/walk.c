/*
 * Walk: the iterative tree traversal and fact-recording helpers shared by
 * the extractors.
 */
#include "walk.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/fmath.h"
#include "util/spare.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* At most this many segments in a callee path (`a.b().c.d`). */
#define WALK_PATH_SEGMENTS 32

/* Lookups walk_field and walk_path remember: direct-mapped tables, a slot
 * chosen by the node (its id and start byte, which together name it in
 * its tree) and the field. Sizes are powers of two. An entry counts only
 * when its generation is the table's: a new walk (and, for the paths, new
 * facts) starts a new generation instead of clearing the tables, which
 * cost more than the lookups they saved on small files. */
#define WALK_FIELD_MEMO 256
#define WALK_PATH_MEMO  64

struct walk_memo {
	uint32_t gen;      /* of the walk */
	uint32_t path_gen; /* of the facts the paths were made for */
	struct field_memo {
		const void *id;
		uint32_t start, gen;
		TSFieldId field;
		TSNode child;
	} field[WALK_FIELD_MEMO];
	struct path_memo {
		const void *id;
		uint32_t start, gen;
		const struct walk_path_desc *d;
		const char *path;
	} path[WALK_PATH_MEMO];
	/* The facts whose arena holds the paths (a fragmented extraction
	 * switches them). */
	const struct sf_facts *path_facts;
};

/* One per thread, kept from walk to walk (a walk does not nest in
 * another). */
static _Thread_local struct walk_memo thread_memo;

/* Starts a new generation of m's entries (all of them, or the paths). */
static void
memo_new_gen(struct walk_memo *m, uint32_t *gen)
{
	if (++*gen == 0) {
		/* Wrapped around: the oldest entries would count again. */
		memset(m->field, 0, sizeof m->field);
		memset(m->path, 0, sizeof m->path);
		m->gen = m->path_gen = 1;
	}
}

static inline uint32_t
memo_slot(TSNode node, uint32_t start, uint32_t salt, uint32_t size)
{
	uintptr_t id = (uintptr_t)node.id >> 3; /* subtrees are 8-aligned */
	return (uint32_t)(id ^ (id >> 9) ^ start ^ salt * 7u) & (size - 1);
}

TSNode
walk_field(struct walk *w, TSNode node, TSFieldId id)
{
	if (node.id == NULL || id == 0)
		return (TSNode){0};
	if (w->memo == NULL)
		return ts_node_child_by_field_id(node, id);
	uint32_t start = ts_node_start_byte(node);
	struct field_memo *m =
		&w->memo->field[memo_slot(node, start, id, WALK_FIELD_MEMO)];
	if (m->id != node.id || m->start != start || m->field != id ||
	    m->gen != w->memo->gen)
		*m = (struct field_memo){node.id, start, w->memo->gen, id,
					 ts_node_child_by_field_id(node, id)};
	return m->child;
}

void
walk_kinds_build(struct walk_kinds *k, const TSLanguage *lang,
		 const char *const *names, uint32_t n)
{
	k->count = ts_language_symbol_count(lang);
	k->kind = xcalloc(k->count, 1);
	k->flags = xcalloc(k->count, 1);
	/* Several symbols can share a name (aliases), so scan them all. */
	for (uint32_t s = 0; s < k->count; s++) {
		TSSymbolType type = ts_language_symbol_type(lang, (TSSymbol)s);
		if (type == TSSymbolTypeAnonymous)
			k->flags[s] = WALK_SYM_LEAF; /* a token */
		if (type != TSSymbolTypeRegular)
			continue;
		const char *name = ts_language_symbol_name(lang, (TSSymbol)s);
		for (uint32_t i = 1; i < n; i++)
			if (names[i] && strcmp(name, names[i]) == 0)
				k->kind[s] = (uint8_t)i;
	}
}

void
walk_kinds_flag(struct walk_kinds *k, uint8_t kind, uint8_t flags)
{
	for (uint32_t s = 0; s < k->count; s++)
		if (kind != 0 && k->kind[s] == kind)
			k->flags[s] |= flags;
}

void
walk_kinds_finish(struct walk_kinds *k)
{
	if (k == NULL)
		return;
	free(k->kind);
	free(k->flags);
	*k = (struct walk_kinds){0};
}

/* The walk's own vectors (the path and the arrays beside it, the frames),
 * kept from one walk to the thread's next: a walk would otherwise grow
 * them from nothing, a dozen reallocations a file. At most
 * WALK_SPARE_MAX bytes are kept (a 10,000-deep tree's are freed); the
 * spare (util/spare.h) frees what is kept when the thread ends. */
#define WALK_SPARE_MAX (64u * 1024)

static void
free_walk_vecs(struct walk *w)
{
	VEC_FREE(w->frames);
	VEC_FREE(w->path);
	VEC_FREE(w->path_kind);
	VEC_FREE(w->path_left);
	VEC_FREE(w->path_tail);
}

static void
drop_walk_spare(void *p)
{
	free_walk_vecs(p);
	free(p);
}

static struct spare walk_spare = SPARE_INIT(drop_walk_spare);

/* Gives w the thread's kept vectors, when it has none of its own; their
 * holder stays the thread's, emptied. Not inlined, as give_walk_vecs:
 * inlined in walk_run, the two made its loop 3,700 instructions a file
 * dearer (callgrind, Python files). */
static __attribute__((noinline)) void
take_walk_vecs(struct walk *w)
{
	struct walk *k = spare_take(&walk_spare);
	if (k == NULL)
		return;
	if (w->path.cap != 0 || w->frames.cap != 0) {
		spare_give(&walk_spare, k);
		return;
	}
	w->path = k->path;
	w->path_kind = k->path_kind;
	w->path_left = k->path_left;
	w->path_tail = k->path_tail;
	w->frames = k->frames;
	w->path.n = w->path_kind.n = w->path_left.n = w->path_tail.n = 0;
	w->frames.n = 0;
	k->path.v = NULL, k->path.cap = 0;
	k->path_kind.v = NULL, k->path_kind.cap = 0;
	k->path_left.v = NULL, k->path_left.cap = 0;
	k->path_tail.v = NULL, k->path_tail.cap = 0;
	k->frames.v = NULL, k->frames.cap = 0;
	spare_give(&walk_spare, k);
}

/* Keeps w's vectors for the thread's next walk, or frees them. */
static __attribute__((noinline)) void
give_walk_vecs(struct walk *w)
{
	size_t bytes = (size_t)w->path.cap * sizeof *w->path.v +
		       (size_t)w->path_kind.cap * sizeof *w->path_kind.v +
		       (size_t)w->path_left.cap * sizeof *w->path_left.v +
		       (size_t)w->path_tail.cap * sizeof *w->path_tail.v +
		       (size_t)w->frames.cap * sizeof *w->frames.v;
	struct walk *k = spare_take(&walk_spare);
	if (bytes > WALK_SPARE_MAX ||
	    (k != NULL && (k->path.cap != 0 || k->frames.cap != 0))) {
		free_walk_vecs(w);
		if (k != NULL)
			spare_give(&walk_spare, k);
		return;
	}
	if (k == NULL)
		k = xcalloc(1, sizeof *k);
	k->path = w->path;
	k->path_kind = w->path_kind;
	k->path_left = w->path_left;
	k->path_tail = w->path_tail;
	k->frames = w->frames;
	w->path.v = NULL, w->path.n = w->path.cap = 0;
	w->path_kind.v = NULL, w->path_kind.n = w->path_kind.cap = 0;
	w->path_left.v = NULL, w->path_left.n = w->path_left.cap = 0;
	w->path_tail.v = NULL, w->path_tail.n = w->path_tail.cap = 0;
	w->frames.v = NULL, w->frames.n = w->frames.cap = 0;
	spare_give(&walk_spare, k);
}

/* Makes room in path and the arrays beside it for the current depth. */
static void
grow_path(struct walk *w)
{
	while (w->path.n <= w->depth) {
		VEC_PUSH(w->path);
		VEC_PUSH(w->path_kind);
		VEC_PUSH(w->path_left);
		VEC_PUSH(w->path_tail);
	}
}

/* Records node, of kind k, as the one entered at the current depth. */
static inline void
set_path(struct walk *w, TSNode node, uint8_t k)
{
	if (w->depth >= w->path.n)
		grow_path(w);
	w->path.v[w->depth] = node;
	w->path_kind.v[w->depth] = k;
}

struct sf_span
walk_span(TSNode node)
{
	TSPoint a = ts_node_start_point(node), b = ts_node_end_point(node);
	return (struct sf_span){
		.start = ts_node_start_byte(node),
		.end = ts_node_end_byte(node),
		.start_row = a.row,
		.start_col = a.column,
		.end_row = b.row,
		.end_col = b.column,
	};
}

const char *
walk_text(struct walk *w, TSNode node)
{
	uint32_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
	if (e > w->len)
		e = w->len;
	if (s > e)
		s = e;
	return arena_strndup(&w->f->arena, w->src + s, e - s);
}

bool
walk_text_is(const struct walk *w, TSNode node, const char *s)
{
	uint32_t a = ts_node_start_byte(node), b = ts_node_end_byte(node);
	size_t n = strlen(s);
	return b <= w->len && b - a == n && memcmp(w->src + a, s, n) == 0;
}

static inline void
pop_frames(struct walk *w, uint32_t depth)
{
	while (w->frames_top > depth) {
		struct walk_frame *fr = &w->frames.v[--w->frames.n];
		w->frames_top = w->frames.n > 0
					? w->frames.v[w->frames.n - 1].depth + 1
					: 0;
		if (fr->type == WALK_FRAME_LOOP) {
			/* A loop's body includes its nested loops: what they
			 * do (await, yield) the enclosing loop does too. */
			const struct sf_loop *l = &w->f->loops.v[fr->index];
			if (l->parent >= 0)
				w->f->loops.v[l->parent].flags |=
					l->flags &
					(SF_LOOP_AWAIT | SF_LOOP_YIELD |
					 SF_LOOP_CALLS);
		}
		w->fn = fr->saved_fn;
		w->loop = fr->saved_loop;
		w->cls = fr->saved_class;
		w->call = fr->saved_call;
	}
}

/* Before a top-level node: a new fragment when it starts a new group of
 * lines (see struct extract_options). */
static void
maybe_split(struct walk *w, TSNode n)
{
	TSPoint a = ts_node_start_point(n), b = ts_node_end_point(n);
	if (w->top_seen && a.row > w->top_end_row && w->opts != NULL &&
	    w->opts->split != NULL) {
		uint32_t line = ts_node_start_byte(n) - a.column;
		w->f = w->opts->split(w->opts->ctx, line, a.row);
	}
	if (!w->top_seen || b.row > w->top_end_row)
		w->top_end_row = b.row;
	w->top_seen = true;
}

/* Enters node n (just reached at w->depth); returns whether to descend. */
static inline bool
step_in(struct walk *w, TSNode n, walk_enter_fn enter)
{
	TSSymbol s = ts_node_symbol(n);
	const struct walk_kinds *kinds = w->kinds;
	uint8_t k = s < kinds->count ? kinds->kind[s] : 0;
	uint8_t fl = s < kinds->count ? kinds->flags[s] : 0;
	set_path(w, n, k);
	if (w->depth == 1)
		maybe_split(w, n);
	if ((k == 0 || (fl & WALK_SYM_QUIET)) && w->skip_plain &&
	    w->depth > 1) {
		uint8_t pk = w->path_kind.v[w->depth - 1];
		bool keep =
			pk != 0 &&
			(pk == w->keep_plain_under ||
			 (pk == w->keep_named_under && ts_node_is_named(n)));
		if (!keep)
			return !(fl & WALK_SYM_LEAF);
	}
	return enter(w, n, k);
}

/* A node's tail (tail_bytes) is looked for in its last WALK_TAIL_MAX
 * bytes at most: the tails of nested nodes overlap (`]]]]`). */
#define WALK_TAIL_MAX 64

/* Where the children of node (entered at depth; its first child first)
 * that the walk need not visit begin: the end of its first child when it
 * is of kind rest_quiet_under and no comment may follow it, else the start
 * of the longest end of its text made of tail_bytes; UINT32_MAX when it
 * has none or they must be visited. */
static inline uint32_t
tail_start(const struct walk *w, TSNode node, uint32_t depth, TSNode first)
{
	if (w->tail_bytes == NULL || !w->skip_plain || depth < 1)
		return UINT32_MAX;
	uint8_t k = w->path_kind.v[depth];
	if (k != 0 && k == w->keep_plain_under)
		return UINT32_MAX;
	uint32_t end = ts_node_end_byte(node), t = end;
	if (end > w->len)
		return UINT32_MAX;
	if (k != 0 && k == w->rest_quiet_under && !ts_node_has_error(node)) {
		uint32_t i = ts_node_end_byte(first);
		while (i < end && !w->comment_bytes[(unsigned char)w->src[i]])
			i++;
		if (i == end)
			return ts_node_end_byte(first);
	}
	while (t > 0 && end - t < WALK_TAIL_MAX &&
	       w->tail_bytes[(unsigned char)w->src[t - 1]])
		t--;
	return t == end || ts_node_has_error(node) ? UINT32_MAX : t;
}

TSNode
walk_first_child(struct walk *w)
{
	if (w->peek_state == 0) {
		if (ts_tree_cursor_goto_first_child(&w->cursor)) {
			w->peek_state = WALK_PEEK_CHILD;
			w->peek = ts_tree_cursor_current_node(&w->cursor);
		} else {
			w->peek_state = WALK_PEEK_NONE;
			w->peek = (TSNode){0};
		}
	}
	return w->peek;
}

/* After enter: moves the cursor to the first child of the node entered
 * when the walk descends into it (it has one), or leaves it on the node;
 * says which. */
static inline bool
goto_first_child(struct walk *w, bool descend)
{
	if (w->peek_state == 0)
		return descend && ts_tree_cursor_goto_first_child(&w->cursor);
	bool child = w->peek_state == WALK_PEEK_CHILD;
	w->peek_state = 0;
	if (child && !descend)
		ts_tree_cursor_goto_parent(&w->cursor);
	return child && descend;
}

void
walk_run(struct walk *w, const TSTree *tree, walk_enter_fn enter)
{
	TSNode root = ts_tree_root_node(tree);
	w->cursor = ts_tree_cursor_new(root);
	take_walk_vecs(w);
	w->memo = &thread_memo;
	memo_new_gen(w->memo, &w->memo->gen);
	w->memo->path_facts = NULL;
	w->depth = 0;
	w->peek_state = 0;
	w->fn = w->loop = w->cls = w->call = -1;
	w->frames.n = 0;
	w->frames_top = 0;
	uint8_t root_kind = walk_kind(w, root);
	set_path(w, root, root_kind);
	w->path_left.v[0] = 0;
	bool descend = enter(w, root, root_kind);
	for (;;) {
		bool peeked = w->peek_state == WALK_PEEK_CHILD;
		if (goto_first_child(w, descend)) {
			/* The cursor visits the parent's visible children,
			 * which it counts (hidden ones' children in place). */
			TSNode parent = w->path.v[w->depth];
			uint32_t siblings = ts_node_child_count(parent);
			TSNode n = peeked ? w->peek
					  : ts_tree_cursor_current_node(
						    &w->cursor);
			w->path_tail.v[w->depth] =
				tail_start(w, parent, w->depth, n);
			w->depth++;
			descend = step_in(w, n, enter);
			w->path_left.v[w->depth] = siblings - 1;
			continue;
		}
		/* Leave the current node, then move to its next sibling or
		 * leave its parent in turn. */
		for (;;) {
			pop_frames(w, w->depth);
			/* The children left are all in the parent's tail
			 * (tail_bytes): nothing the walk need visit. */
			uint32_t tail = w->depth > 0
						? w->path_tail.v[w->depth - 1]
						: UINT32_MAX;
			if (w->path_left.v[w->depth] > 0 &&
			    (tail == UINT32_MAX ||
			     ts_node_end_byte(w->path.v[w->depth]) < tail) &&
			    ts_tree_cursor_goto_next_sibling(&w->cursor)) {
				TSNode n =
					ts_tree_cursor_current_node(&w->cursor);
				uint32_t left = w->path_left.v[w->depth] - 1;
				descend = step_in(w, n, enter);
				w->path_left.v[w->depth] = left;
				break;
			}
			if (!ts_tree_cursor_goto_parent(&w->cursor))
				goto done;
			w->depth--;
		}
	}
done:
	pop_frames(w, 0);
	ts_tree_cursor_delete(&w->cursor);
	w->memo = NULL;
	give_walk_vecs(w);
}

void
walk_push(struct walk *w, enum walk_frame_type type, int32_t index)
{
	struct walk_frame *fr = VEC_PUSH(w->frames);
	fr->depth = w->depth;
	w->frames_top = w->depth + 1;
	fr->type = type;
	fr->index = index;
	fr->saved_fn = w->fn;
	fr->saved_loop = w->loop;
	fr->saved_class = w->cls;
	fr->saved_call = w->call;
	switch (type) {
	case WALK_FRAME_FUNCTION:
		/* A function body starts a new context: loops and calls
		 * around the definition are not around its body. */
		w->fn = index;
		w->loop = -1;
		w->call = -1;
		break;
	case WALK_FRAME_LOOP:
		w->loop = index;
		break;
	case WALK_FRAME_CLASS:
		w->cls = index;
		break;
	case WALK_FRAME_CALL:
		w->call = index;
		break;
	case WALK_FRAME_MARK:
		break;
	}
}

void
walk_push_mark(struct walk *w, uint32_t mark)
{
	walk_push(w, WALK_FRAME_MARK, -1);
	w->frames.v[w->frames.n - 1].mark = mark;
}

bool
walk_in_mark(const struct walk *w, uint32_t mark)
{
	for (uint32_t i = w->frames.n; i-- > 0;)
		if (w->frames.v[i].type == WALK_FRAME_MARK &&
		    w->frames.v[i].mark == mark)
			return true;
	return false;
}

int32_t
walk_add_function(struct walk *w, TSNode node)
{
	struct sf_function *fn = VEC_PUSH(w->f->functions);
	fn->span = walk_span(node);
	fn->name_span = fn->span;
	fn->parent = w->fn;
	fn->class_index = w->cls;
	fn->cb_call = -1;
	fn->cb_arg = -1;
	fn->name = "<anonymous>";
	fn->refs = UINT32_MAX;
	return (int32_t)(w->f->functions.n - 1);
}

int32_t
walk_add_loop(struct walk *w, TSNode node, enum sf_loop_kind kind)
{
	struct sf_loop *l = VEC_PUSH(w->f->loops);
	l->kind = kind;
	l->span = walk_span(node);
	l->head_span = l->span;
	l->body = l->span;
	l->parent = w->loop;
	l->function = w->fn;
	l->depth = w->loop >= 0 ? w->f->loops.v[w->loop].depth + 1 : 0;
	l->trip = -1;
	return (int32_t)(w->f->loops.n - 1);
}

int32_t
walk_add_call(struct walk *w, TSNode node)
{
	struct sf_call *c = VEC_PUSH(w->f->calls);
	c->span = walk_span(node);
	c->callee_span = c->span;
	c->function = w->fn;
	c->loop = w->loop;
	c->arg0 = w->f->args.n;
	c->arm = -1;
	if (w->loop >= 0) {
		const struct sf_loop *l = &w->f->loops.v[w->loop];
		if (c->span.start < l->body.start ||
		    c->span.start >= l->body.end)
			c->flags |= SF_CALL_IN_LOOP_HEADER;
		else
			w->f->loops.v[w->loop].flags |= SF_LOOP_CALLS;
	}
	return (int32_t)(w->f->calls.n - 1);
}

bool
walk_scan(struct walk *w, TSNode root, uint32_t limit,
	  bool (*visit)(struct walk *, TSNode, void *), void *ctx)
{
	TSTreeCursor c = ts_tree_cursor_new(root);
	bool hit = false;
	for (uint32_t seen = 0; seen < limit; seen++) {
		if (visit(w, ts_tree_cursor_current_node(&c), ctx)) {
			hit = true;
			break;
		}
		if (ts_tree_cursor_goto_first_child(&c))
			continue;
		bool next = false;
		while (!next) {
			if (ts_tree_cursor_goto_next_sibling(&c)) {
				next = true;
			} else if (!ts_tree_cursor_goto_parent(&c)) {
				break;
			}
		}
		if (!next)
			break;
	}
	ts_tree_cursor_delete(&c);
	return hit;
}

void
walk_names_add(struct walk_names *set, const char *s, uint32_t len)
{
	if (set->n < WALK_NAMES_MAX) {
		set->s[set->n] = s;
		set->len[set->n++] = len;
	}
}

bool
walk_names_has(const struct walk *w, const struct walk_names *set, TSNode node)
{
	uint32_t a = ts_node_start_byte(node), n = ts_node_end_byte(node) - a;
	if (a + n > w->len)
		return false;
	for (uint32_t i = 0; i < set->n; i++)
		if (set->len[i] == n && memcmp(w->src + a, set->s[i], n) == 0)
			return true;
	return false;
}

/* Bindings looked at, newest first, by walk_made_instance. */
#define WALK_INSTANCE_SCAN 512

bool
walk_made_instance(const struct walk *w, int32_t fn, uint32_t from,
		   const char *name, uint32_t len)
{
	for (uint32_t i = w->f->bindings.n, seen = 0;
	     i-- > 0 && seen < WALK_INSTANCE_SCAN; seen++) {
		const struct sf_binding *b = &w->f->bindings.v[i];
		if (b->span.start < from)
			return false;
		if (b->scope != fn || strlen(b->local) != len ||
		    memcmp(b->local, name, len) != 0)
			continue;
		if (b->kind != SF_BIND_INSTANCE || b->target == NULL)
			return false;
		const char *cls = facts_last_segment(b->target);
		return *cls >= 'A' && *cls <= 'Z';
	}
	return false;
}

/* Conditionals around a possibly recursive call, at most (deeper ones are
 * not told apart), and ancestors looked at to find them. */
#define WALK_ARMS_MAX  16
#define WALK_ARMS_SCAN 256

void
walk_note_arms(struct walk *w, int32_t call, const struct walk_arm_desc *d)
{
	struct sf_call *c = &w->f->calls.v[call];
	if (w->fn < 0 || c->callee == NULL)
		return;
	const struct sf_function *fn = &w->f->functions.v[w->fn];
	if ((fn->flags & SF_FN_ANONYMOUS) ||
	    strcmp(facts_last_segment(fn->name),
		   facts_last_segment(c->callee)) != 0)
		return;
	struct sf_arm chain[WALK_ARMS_MAX];
	uint32_t n = 0;
	for (uint32_t up = 1; up <= w->depth && up < WALK_ARMS_SCAN; up++) {
		TSNode child = walk_ancestor(w, up - 1);
		TSNode parent = walk_ancestor(w, up);
		uint8_t pk = walk_kind(w, parent);
		if (d->is_function(pk))
			break;
		if (pk == d->return_kind && c->return_end == 0)
			c->return_end = ts_node_end_byte(parent);
		if (n < WALK_ARMS_MAX && d->is_arm(w, parent, child))
			chain[n++] = (struct sf_arm){
				.construct = ts_node_start_byte(parent),
				.index = ts_node_start_byte(child),
			};
	}
	/* Outermost first, each linked to the one around it. */
	int32_t around = -1;
	for (uint32_t i = n; i-- > 0;) {
		struct sf_arm *a = VEC_PUSH(w->f->arms);
		*a = chain[i];
		a->parent = around;
		around = (int32_t)(w->f->arms.n - 1);
	}
	c->arm = around;
}

void
walk_add_binding(struct walk *w, enum sf_binding_kind kind, const char *local,
		 const char *target, int32_t scope, TSNode at, bool is_import)
{
	if (local == NULL || local[0] == '\0')
		return;
	struct sf_binding *b = VEC_PUSH(w->f->bindings);
	b->kind = kind;
	b->local = local;
	b->target = target;
	b->scope = scope;
	b->span = walk_span(at);
	b->is_import = is_import;
}

void
walk_loop_flag(struct walk *w, uint32_t flags)
{
	if (w->loop >= 0)
		w->f->loops.v[w->loop].flags |= flags;
}

void
walk_loop_body_flag(struct walk *w, TSNode node, uint32_t flags)
{
	uint32_t s = ts_node_start_byte(node);
	for (int32_t i = w->loop; i >= 0; i = w->f->loops.v[i].parent) {
		struct sf_loop *l = &w->f->loops.v[i];
		if (l->kind == SF_LOOP_COMPREHENSION ||
		    (s >= l->body.start && s < l->body.end)) {
			l->flags |= flags;
			return;
		}
	}
}

void
walk_loop_op(struct walk *w, uint32_t flags)
{
	if (w->loop < 0)
		return;
	struct sf_loop *l = &w->f->loops.v[w->loop];
	/* Only the body's operations are per-iteration work we model; the
	 * header's `i < n; i++` is the same for every loop. */
	uint32_t s = ts_node_start_byte(w->path.v[w->depth]);
	if (s < l->body.start || s >= l->body.end)
		return;
	l->ops++;
	l->flags |= flags;
}

/* Is everything on the comment's line before it white space? */
static bool
alone_on_line(const struct walk *w, uint32_t start)
{
	while (start > 0 && w->src[start - 1] != '\n') {
		char c = w->src[start - 1];
		if (c != ' ' && c != '\t')
			return false;
		start--;
	}
	return true;
}

/* The 0-based row and 1-based code-point column of byte at of the
 * comment that starts at byte s on row. */
static void
locate(const struct walk *w, uint32_t s, uint32_t row, uint32_t at,
       uint32_t *out_row, uint32_t *out_col)
{
	uint32_t line = s;
	while (line > 0 && w->src[line - 1] != '\n')
		line--;
	for (uint32_t i = s; i < at; i++)
		if (w->src[i] == '\n') {
			row++;
			line = i + 1;
		}
	*out_row = row;
	*out_col = utf8_count(w->src + line, at - line) + 1;
}

void
walk_comment(struct walk *w, TSNode comment, bool code_seen)
{
	uint32_t s = ts_node_start_byte(comment), e = ts_node_end_byte(comment);
	if (e > w->len || e - s < 16)
		return;
	const char *text = w->src + s;
	size_t n = e - s;
	/* The first "stackfit:", found by its colon (memchr is fast, and
	 * colons are rarer in comments than letters). */
	const char *hit = NULL;
	for (const char *c = text + 8; c < text + n;) {
		c = memchr(c, ':', (size_t)(text + n - c));
		if (c == NULL)
			break;
		if (memcmp(c - 8, "stackfit", 8) == 0) {
			hit = c + 1;
			break;
		}
		c++;
	}
	if (hit == NULL)
		return;
	const char *directive = hit - 9;
	const char *end = text + n;
	while (hit < end && (*hit == ' ' || *hit == '\t'))
		hit++;
	const char *ids = NULL;
	const char *after;
	enum sf_suppression_kind kind = SF_SUPPRESS_LINE;
	if (end - hit >= 11 && memcmp(hit, "ignore-file", 11) == 0) {
		if (!code_seen)
			w->f->flags |= SF_FILE_IGNORED;
		kind = code_seen ? SF_SUPPRESS_FILE_LATE : SF_SUPPRESS_FILE;
		after = hit + 11;
	} else {
		if (end - hit < 6 || memcmp(hit, "ignore", 6) != 0)
			return;
		hit += 6;
		if (hit < end && (isalnum((unsigned char)*hit) || *hit == '-' ||
				  *hit == '_'))
			return; /* some other word, e.g. "ignored" */
		after = hit;
		if (hit < end && *hit == '[') {
			const char *close =
				memchr(hit, ']', (size_t)(end - hit));
			if (close == NULL)
				return;
			/* Keep ids upper-case and without spaces:
			 * "JS101,PY201". */
			char *buf = arena_alloc(&w->f->arena,
						(size_t)(close - hit));
			size_t k = 0;
			for (const char *p = hit + 1; p < close; p++)
				if (*p != ' ' && *p != '\t')
					buf[k++] = (char)toupper(
						(unsigned char)*p);
			buf[k] = '\0';
			ids = buf;
			after = close + 1;
		}
	}
	TSPoint a = ts_node_start_point(comment),
		b = ts_node_end_point(comment);
	struct sf_suppression *sup = VEC_PUSH(w->f->suppressions);
	*sup = (struct sf_suppression){
		.comment_row = a.row,
		/* Alone on its line it covers the next line, else its own. */
		.row = alone_on_line(w, s) ? b.row + 1 : a.row,
		.ids = ids,
		.kind = kind,
	};
	locate(w, s, a.row, (uint32_t)(directive - w->src), &sup->at_row,
	       &sup->at_col);
	locate(w, s, a.row, (uint32_t)(after - w->src), &sup->end_row,
	       &sup->end_col);
}

struct segment {
	const char *s;
	uint32_t n;
	enum { SEG_TEXT, SEG_DOT, SEG_PARENS } kind;
};

/* walk_path's work, not remembered. */
static const char *
build_path(struct walk *w, TSNode node, const struct walk_path_desc *d)
{
	struct segment seg[WALK_PATH_SEGMENTS];
	uint32_t nseg = 0, unwrapped = 0;
	size_t total = 0;
	TSNode cur = node;
	for (;;) {
		if (nseg == WALK_PATH_SEGMENTS)
			return NULL;
		uint8_t k = walk_kind(w, cur);
		if (k == 0)
			return NULL;
		if (k == d->ident[0] || k == d->ident[1] || k == d->ident[2] ||
		    k == d->ident[3]) {
			uint32_t a = ts_node_start_byte(cur),
				 b = ts_node_end_byte(cur);
			seg[nseg++] =
				(struct segment){w->src + a, b - a, SEG_TEXT};
			total += b - a;
			break;
		}
		if (k == d->member) {
			TSNode prop = walk_field(w, cur, d->property);
			if (ts_node_is_null(prop))
				return NULL;
			uint32_t a = ts_node_start_byte(prop),
				 b = ts_node_end_byte(prop);
			seg[nseg++] =
				(struct segment){w->src + a, b - a, SEG_DOT};
			total += b - a + 1;
			cur = walk_field(w, cur, d->object);
			if (ts_node_is_null(cur))
				return NULL;
			continue;
		}
		if (d->await_special != 0 && k == d->await_special &&
		    d->special_call != NULL) {
			TSNode inner = ts_node_named_child(cur, 0);
			if (ts_node_is_null(inner) ||
			    walk_kind(w, inner) != d->call ||
			    d->special_call(w, inner) == NULL)
				return NULL;
			cur = inner;
			continue;
		}
		if (k == d->transparent[0] || k == d->transparent[1] ||
		    k == d->transparent[2] || k == d->transparent[3]) {
			/* Bounded like the segments: `((((x))))` is no path. */
			if (++unwrapped > WALK_PATH_SEGMENTS)
				return NULL;
			cur = ts_node_named_child(cur, 0);
			if (ts_node_is_null(cur))
				return NULL;
			continue;
		}
		if (k == d->call) {
			const char *special = d->special_call
						      ? d->special_call(w, cur)
						      : NULL;
			if (special != NULL) {
				uint32_t n = (uint32_t)strlen(special);
				seg[nseg++] =
					(struct segment){special, n, SEG_TEXT};
				total += n;
				break;
			}
			seg[nseg++] = (struct segment){"()", 2, SEG_PARENS};
			total += 2;
			cur = walk_field(w, cur, d->function);
			if (ts_node_is_null(cur))
				return NULL;
			continue;
		}
		return NULL;
	}
	if (total > WALK_PATH_MAX)
		return NULL;
	char *out = arena_alloc(&w->f->arena, total + 1);
	char *p = out;
	for (uint32_t i = nseg; i-- > 0;) {
		if (seg[i].kind == SEG_DOT)
			*p++ = '.';
		memcpy(p, seg[i].s, seg[i].n);
		p += seg[i].n;
	}
	*p = '\0';
	return out;
}

const char *
walk_path(struct walk *w, TSNode node, const struct walk_path_desc *d,
	  const char **last)
{
	const char *path;
	if (w->memo == NULL || node.id == NULL) {
		path = d->plain != NULL ? d->plain(w, node) : NULL;
		if (path == NULL)
			path = build_path(w, node, d);
	} else {
		struct walk_memo *memo = w->memo;
		if (memo->path_facts != w->f) {
			memo_new_gen(memo, &memo->path_gen);
			memo->path_facts = w->f;
		}
		uint32_t start = ts_node_start_byte(node);
		struct path_memo *m =
			&memo->path[memo_slot(node, start, 0, WALK_PATH_MEMO)];
		if (m->id != node.id || m->start != start || m->d != d ||
		    m->gen != memo->path_gen) {
			const char *p =
				d->plain != NULL ? d->plain(w, node) : NULL;
			*m = (struct path_memo){
				node.id, start, memo->path_gen, d,
				p != NULL ? p : build_path(w, node, d)};
		}
		path = m->path;
	}
#ifndef NDEBUG
	/* A path d->plain read must be what the fields make. */
	if (path != NULL && d->plain != NULL && d->plain(w, node) != NULL) {
		const char *slow = build_path(w, node, d);
		if (slow == NULL || strcmp(path, slow) != 0)
			abort();
	}
#endif
	if (last) {
		const char *dot = path ? strrchr(path, '.') : NULL;
		*last = path == NULL ? NULL : dot ? dot + 1 : path;
	}
	return path;
}

bool
walk_number(const char *text, double *out)
{
	char buf[64];
	size_t k = 0;
	for (const char *p = text; *p && k < sizeof buf - 1; p++)
		if (*p != '_')
			buf[k++] = *p;
	buf[k] = '\0';
	/* Drop the BigInt / imaginary / long suffixes. */
	if (k > 0 &&
	    (buf[k - 1] == 'n' || buf[k - 1] == 'j' || buf[k - 1] == 'J' ||
	     buf[k - 1] == 'l' || buf[k - 1] == 'L'))
		buf[--k] = '\0';
	if (k == 0)
		return false;
	char *end;
	if (buf[0] == '0' && (buf[1] == 'o' || buf[1] == 'O' || buf[1] == 'b' ||
			      buf[1] == 'B')) {
		int base = (buf[1] == 'o' || buf[1] == 'O') ? 8 : 2;
		unsigned long long v = strtoull(buf + 2, &end, base);
		if (*end != '\0' || end == buf + 2)
			return false;
		*out = (double)v;
		return true;
	}
	double v = strtod(buf, &end);
	if (*end != '\0' || end == buf || !fm_isfinite(v))
		return false;
	*out = v;
	return true;
}

bool
walk_has_token(TSNode n, const char *token, uint32_t within)
{
	uint32_t count = ts_node_child_count(n);
	for (uint32_t i = 0; i < count && i < within; i++) {
		TSNode c = ts_node_child(n, i);
		if (!ts_node_is_named(c) && strcmp(ts_node_type(c), token) == 0)
			return true;
	}
	return false;
}

bool
walk_has_token_before(const struct walk *w, TSNode n, const char *token,
		      uint32_t within, uint32_t before)
{
	ptrdiff_t len = (ptrdiff_t)strlen(token);
	if (before > w->len)
		before = w->len;
	const char *p = w->src + ts_node_start_byte(n), *end = w->src + before;
	while (end - p >= len) {
		p = memchr(p, token[0], (size_t)(end - p - len + 1));
		if (p == NULL)
			return false;
		if (memcmp(p, token, (size_t)len) == 0)
			return walk_has_token(n, token, within);
		p++;
	}
	return false;
}

static bool
const_eval(struct walk *w, TSNode n, const struct walk_const_desc *d,
	   double *out, int depth)
{
	if (depth > 8 || ts_node_is_null(n))
		return false;
	uint8_t k = walk_kind(w, n);
	if (k == 0)
		return false;
	if (k == d->number[0] || k == d->number[1])
		return walk_number(walk_text(w, n), out);
	if (k == d->paren)
		return const_eval(w, ts_node_named_child(n, 0), d, out,
				  depth + 1);
	if (k == d->unary) {
		TSNode arg = d->argument
				     ? ts_node_child_by_field_id(n, d->argument)
				     : ts_node_named_child(n, 0);
		if (!const_eval(w, arg, d, out, depth + 1))
			return false;
		TSNode op = ts_node_child_by_field_id(n, d->operator);
		if (ts_node_is_null(op))
			return true;
		if (strcmp(ts_node_type(op), "-") == 0)
			*out = -*out;
		else if (strcmp(ts_node_type(op), "+") != 0)
			return false;
		return true;
	}
	if (k == d->ident) {
		const char *name = walk_text(w, n);
		for (uint32_t i = w->f->constants.n; i-- > 0;)
			if (strcmp(w->f->constants.v[i].name, name) == 0) {
				*out = w->f->constants.v[i].value;
				return true;
			}
		/* A fragment: the file's constants before it. */
		return w->opts != NULL && w->opts->constant != NULL &&
		       w->opts->constant(w->opts->ctx, name, out);
	}
	if (k != d->binary)
		return false;
	double a, b;
	if (!const_eval(w, ts_node_child_by_field_id(n, d->left), d, &a,
			depth + 1) ||
	    !const_eval(w, ts_node_child_by_field_id(n, d->right), d, &b,
			depth + 1))
		return false;
	const char *op =
		ts_node_type(ts_node_child_by_field_id(n, d->operator));
	if (strcmp(op, "+") == 0)
		*out = a + b;
	else if (strcmp(op, "-") == 0)
		*out = a - b;
	else if (strcmp(op, "*") == 0)
		*out = a * b;
	else if ((strcmp(op, "/") == 0 || strcmp(op, "//") == 0) && b != 0)
		*out = strcmp(op, "//") == 0 ? fm_floor(a / b) : a / b;
	else if (strcmp(op, "**") == 0 && b >= 0 && b <= 64 && b == fm_floor(b))
		*out = fm_powi(a, (unsigned)b);
	else
		return false;
	return fm_isfinite(*out);
}

bool
walk_const_eval(struct walk *w, TSNode n, const struct walk_const_desc *d,
		double *out)
{
	return const_eval(w, n, d, out, 0);
}

static const char *
resolve_name(struct sf_facts *f, int32_t fn, uint32_t pos, const char *path,
	     bool (*is_global)(const char *path))
{
	bool bound;
	const char *r = facts_resolve(f, fn, pos, path, &bound);
	if (r == NULL && !bound && path != NULL && is_global(path))
		r = path;
	return r;
}

void
walk_file(struct walk *w, const TSTree *tree, walk_enter_fn enter)
{
	TSNode root = ts_tree_root_node(tree);
	if (ts_node_has_error(root)) {
		w->f->flags |= SF_FILE_HAS_ERRORS;
		/* The first ERROR or MISSING node in the text's order: down
		 * the first child that has an error, without recursion. */
		TSTreeCursor c = ts_tree_cursor_new(root);
		TSNode n = root;
		while (!ts_node_is_error(n) && !ts_node_is_missing(n) &&
		       ts_tree_cursor_goto_first_child(&c)) {
			bool found = ts_node_has_error(
				ts_tree_cursor_current_node(&c));
			while (!found && ts_tree_cursor_goto_next_sibling(&c))
				found = ts_node_has_error(
					ts_tree_cursor_current_node(&c));
			if (!found)
				break;
			n = ts_tree_cursor_current_node(&c);
		}
		ts_tree_cursor_delete(&c);
		TSPoint s = ts_node_start_point(n), e = ts_node_end_point(n);
		/* One line at most: an ERROR node may hold the rest of the
		 * file. */
		uint32_t end = ts_node_end_byte(n);
		if (e.row != s.row) {
			end = ts_node_start_byte(n);
			e = s;
		}
		w->f->syntax_error = (struct sf_span){
			.start = ts_node_start_byte(n),
			.end = end,
			.start_row = s.row,
			.end_row = e.row,
			.start_col = s.column,
			.end_col = e.column,
		};
	}
	walk_run(w, tree, enter);
}

void
walk_resolve(struct sf_facts *f, bool (*is_global)(const char *path))
{
	facts_index_bindings(f);
	for (uint32_t i = 0; i < f->calls.n; i++) {
		struct sf_call *c = &f->calls.v[i];
		c->name = resolve_name(f, c->function, c->span.start, c->callee,
				       is_global);
		for (uint32_t j = 0; j < c->nargs; j++) {
			struct sf_arg *a = &f->args.v[c->arg0 + j];
			if (a->kind == SF_ARG_NAME)
				a->resolved = resolve_name(f, c->function,
							   a->span.start,
							   a->text, is_global);
		}
	}
}
