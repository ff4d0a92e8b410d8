/*
 * Facts: lifetime of a file's facts and the name resolution shared by every
 * extractor (`import time as t; t.sleep()` calls `time.sleep`).
 */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "util/hash.h"
#include "util/spare.h"
#include "util/xalloc.h"

/* Aliases of aliases are followed this many times at most (a = b; b = a). */
#define FACTS_RESOLVE_DEPTH 8

static void names_destroy(struct facts_names *x);
static size_t names_size(const struct facts_names *x);
static void functions_destroy(struct facts_functions *x);

/* facts_lookup_work's count. */
static _Thread_local uint64_t lookup_work;

uint64_t
facts_lookup_work(void)
{
	return lookup_work;
}

/* Every vector of struct sf_facts. */
#define FACTS_VECS(X)                                                          \
	X(functions)                                                           \
	X(calls)                                                               \
	X(args)                                                                \
	X(loops)                                                               \
	X(bindings)                                                            \
	X(constants)                                                           \
	X(classes)                                                             \
	X(regexes)                                                             \
	X(awaits)                                                              \
	X(decorators)                                                          \
	X(suppressions)                                                        \
	X(attrs)                                                               \
	X(idents)                                                              \
	X(arms)                                                                \
	X(devs)                                                                \
	X(exports)                                                             \
	X(callback_refs)                                                       \
	X(bases)                                                               \
	X(returns)                                                             \
	X(props)

/* Facts of facts_create_scratch kept for the thread's next ones: a worker
 * analysing file after file fills the same vectors and arena chunk again
 * instead of growing new ones from nothing (dozens of reallocations and
 * fresh pages a file). At most FACTS_SPARE_MAX bytes of vectors are kept:
 * a large file's are freed. The spare (util/spare.h) frees what is kept
 * when the thread ends. */
#define FACTS_SPARE_MAX (1u << 20)

struct sf_facts *
facts_create(enum sf_lang lang, const char *path)
{
	struct sf_facts *f = xcalloc(1, sizeof *f);
	f->lang = lang;
	arena_init(&f->arena);
	f->path = arena_strdup(&f->arena, path);
	return f;
}

static void
free_facts(struct sf_facts *f)
{
#define FREE_VEC(field) VEC_FREE(f->field);
	FACTS_VECS(FREE_VEC)
#undef FREE_VEC
	names_destroy(f->names);
	names_destroy(f->names_kept);
	functions_destroy(f->function_index);
	arena_finish(&f->arena);
	free(f);
}

static void
drop_spare(void *p)
{
	free_facts(p);
}

static struct spare facts_spare = SPARE_INIT(drop_spare);

struct sf_facts *
facts_create_scratch(enum sf_lang lang, const char *path)
{
	struct sf_facts *f = spare_take(&facts_spare);
	if (f == NULL) {
		f = facts_create(lang, path);
		f->scratch = true;
		return f;
	}
	f->lang = lang;
	f->path = arena_strdup(&f->arena, path);
	return f;
}

/* Empties f (a facts_create_scratch's) for its thread's next file,
 * keeping its vectors' storage and arena chunk; false when that storage
 * is too large to keep. */
static bool
empty_for_reuse(struct sf_facts *f)
{
	size_t bytes = 0;
#define VEC_BYTES(field) bytes += (size_t)f->field.cap * sizeof *f->field.v;
	FACTS_VECS(VEC_BYTES)
#undef VEC_BYTES
	bytes += names_size(f->names) + names_size(f->names_kept);
	if (bytes > FACTS_SPARE_MAX)
		return false;
	struct sf_facts kept = {.scratch = true};
#define KEEP_VEC(field)                                                        \
	kept.field.v = f->field.v;                                             \
	kept.field.cap = f->field.cap;
	FACTS_VECS(KEEP_VEC)
#undef KEEP_VEC
	/* The lookup's storage is kept too, out of sight: the next facts
	 * have no lookup until they are indexed. */
	kept.names_kept = f->names ? f->names : f->names_kept;
	if (f->names != NULL)
		names_destroy(f->names_kept);
	functions_destroy(f->function_index);
	kept.arena = f->arena;
	arena_reset(&kept.arena);
	*f = kept;
	return true;
}

void
facts_destroy(struct sf_facts *f)
{
	if (f == NULL)
		return;
	if (f->scratch && empty_for_reuse(f)) {
		spare_give(&facts_spare, f);
		return;
	}
	free_facts(f);
}

/* --- name lookup ---------------------------------------------------------
 *
 * Every (scope, name) pair bound in the file is a group; a lookup finds its
 * group by hash, then by binary search the segment of the file its
 * position falls in: the answer is the same at every position of a segment,
 * and was worked out for all of them at once by a sweep over the group's
 * bindings. A name bound thousands of times in one scope (`a = a` on every
 * line of a generated file) so costs a probe and a search per reference,
 * not a walk over its bindings.
 *
 * The answer at a position: of the bindings valid there (a block-scoped one
 * only inside its block), the last one made at or before it, else the
 * first one (hoisting, late imports).
 */

struct name_group {
	const char *name;
	uint32_t hash; /* binding_hash of name and scope */
	int32_t scope;
	int32_t next;        /* the next group in its hash chain, or -1 */
	uint32_t seg0, nseg; /* its segments in struct facts_names */
};

struct sweep;

struct facts_names {
	int32_t *heads; /* hash bucket -> its first group, or -1 */
	uint32_t buckets;
	uint32_t heads_cap; /* buckets heads has room for */
	VEC(struct name_group) groups;
	/* Segments: from seg_pos (inclusive) to the next segment's, the
	 * answer is binding seg_ans, or none (-1). */
	VEC(uint32_t) seg_pos;
	VEC(int32_t) seg_ans;
	/* Scratch space of facts_index_bindings, kept with the rest for
	 * facts made again (facts_create_scratch). */
	VEC(int32_t) member;
	VEC(int32_t) items;
	struct sweep *sweep;
};

/* The bucket of a (name, scope) pair, from the name's sf_hash: bindings
 * are looked up scope by scope, so that a name bound in thousands of
 * functions (`e`, `err`) costs no more than one bound once. */
static uint32_t
binding_hash(uint32_t name_hash, int32_t scope)
{
	return name_hash ^ ((uint32_t)(scope + 1) * 2654435761u);
}

/* A block of the sweep: the block-scoped bindings of one group that share
 * a validity range [start, end). */
struct frame {
	uint32_t start, end;
	int32_t first;  /* the lowest index of its bindings */
	int32_t before; /* the latest of its bindings made so far, or -1 */
	/* The same over this frame and those under it on the stack. */
	int32_t cum_first, cum_before;
	int32_t at; /* its place on the stack, or -1 */
};

/* At one position: blocks end, then blocks begin (outer first), then
 * bindings are made. */
enum { EV_LEAVE, EV_ENTER, EV_MADE };

struct event {
	uint32_t pos;
	uint32_t kind;
	/* EV_LEAVE: UINT32_MAX - the block's start (inner first);
	 * EV_ENTER: UINT32_MAX - the block's end (outer first). */
	uint32_t order;
	int32_t binding; /* EV_MADE: the binding made */
	int32_t frame;   /* its block, or -1 for a binding outside blocks */
};

static int
compare_events(const void *pa, const void *pb)
{
	const struct event *a = pa, *b = pb;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	if (a->frame != b->frame)
		return a->frame < b->frame ? -1 : 1;
	return (a->binding > b->binding) - (a->binding < b->binding);
}

/* A block-scoped binding, for sorting into frames. */
struct blocked {
	uint32_t start, end;
	int32_t index;
};

static int
compare_blocked(const void *pa, const void *pb)
{
	const struct blocked *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

/* The later of two bindings (by position, then by index), or -1. */
static int32_t
later(const struct sf_facts *f, int32_t a, int32_t b)
{
	if (a < 0 || b < 0)
		return a < 0 ? b : a;
	uint32_t sa = f->bindings.v[a].span.start,
		 sb = f->bindings.v[b].span.start;
	if (sa != sb)
		return sa > sb ? a : b;
	return a > b ? a : b;
}

static int32_t
lower(int32_t a, int32_t b)
{
	if (a < 0 || b < 0)
		return a < 0 ? b : a;
	return a < b ? a : b;
}

/* Scratch space of index_group, kept from one group to the next. */
struct sweep {
	VEC(struct blocked) blocked;
	VEC(struct frame) frames;
	VEC(struct event) events;
	VEC(int32_t) stack;
};

static void
names_destroy(struct facts_names *x)
{
	if (x == NULL)
		return;
	free(x->heads);
	VEC_FREE(x->groups);
	VEC_FREE(x->seg_pos);
	VEC_FREE(x->seg_ans);
	VEC_FREE(x->member);
	VEC_FREE(x->items);
	if (x->sweep != NULL) {
		VEC_FREE(x->sweep->blocked);
		VEC_FREE(x->sweep->frames);
		VEC_FREE(x->sweep->events);
		VEC_FREE(x->sweep->stack);
		free(x->sweep);
	}
	free(x);
}

/* The bytes x holds. */
static size_t
names_size(const struct facts_names *x)
{
	if (x == NULL)
		return 0;
	size_t n = (size_t)x->heads_cap * sizeof *x->heads +
		   (size_t)x->groups.cap * sizeof *x->groups.v +
		   (size_t)x->seg_pos.cap * sizeof *x->seg_pos.v +
		   (size_t)x->seg_ans.cap * sizeof *x->seg_ans.v +
		   (size_t)x->member.cap * sizeof *x->member.v +
		   (size_t)x->items.cap * sizeof *x->items.v;
	if (x->sweep != NULL)
		n += (size_t)x->sweep->blocked.cap *
			     sizeof *x->sweep->blocked.v +
		     (size_t)x->sweep->frames.cap * sizeof *x->sweep->frames.v +
		     (size_t)x->sweep->events.cap * sizeof *x->sweep->events.v +
		     (size_t)x->sweep->stack.cap * sizeof *x->sweep->stack.v;
	return n;
}

/* Works the cumulative answers of the stack out again from place i up.
 * Blocks nest, so i is the top but for ranges that overlap without
 * nesting, which only cost more time here. */
static void
restack(const struct sf_facts *f, struct sweep *w, uint32_t i)
{
	for (; i < w->stack.n; i++) {
		struct frame *fr = &w->frames.v[w->stack.v[i]];
		fr->at = (int32_t)i;
		fr->cum_first = fr->first;
		fr->cum_before = fr->before;
		if (i > 0) {
			const struct frame *under =
				&w->frames.v[w->stack.v[i - 1]];
			fr->cum_first = lower(under->cum_first, fr->first);
			fr->cum_before =
				later(f, under->cum_before, fr->before);
		}
	}
}

/* Ends the segments of the group starting at seg0 with one from pos on. */
static void
add_segment(struct facts_names *x, uint32_t seg0, uint32_t pos, int32_t ans)
{
	uint32_t n = x->seg_pos.n;
	if (n > seg0 && x->seg_pos.v[n - 1] == pos) {
		x->seg_ans.v[n - 1] = ans;
		if (n - 1 > seg0 && x->seg_ans.v[n - 2] == ans)
			x->seg_pos.n = x->seg_ans.n = n - 1;
		return;
	}
	if (n > seg0 && x->seg_ans.v[n - 1] == ans)
		return;
	*VEC_PUSH(x->seg_pos) = pos;
	*VEC_PUSH(x->seg_ans) = ans;
}

/* Sorts the group's bindings into events: where each is made, and where
 * the blocks of the block-scoped ones begin and end. Returns the first
 * binding of the group that is not block-scoped, or -1. */
static int32_t
group_events(const struct sf_facts *f, const int32_t *items, uint32_t n,
	     struct sweep *w)
{
	w->blocked.n = w->frames.n = w->events.n = w->stack.n = 0;
	int32_t first = -1;
	for (uint32_t i = 0; i < n; i++) {
		const struct sf_binding *b = &f->bindings.v[items[i]];
		if (b->valid_end == 0) {
			first = lower(first, items[i]);
			*VEC_PUSH(w->events) = (struct event){
				.pos = b->span.start,
				.kind = EV_MADE,
				.binding = items[i],
				.frame = -1,
			};
		} else if (b->valid_start < b->valid_end) {
			/* (An empty range is valid nowhere.) */
			*VEC_PUSH(w->blocked) = (struct blocked){
				.start = b->valid_start,
				.end = b->valid_end,
				.index = items[i],
			};
		}
	}
	if (w->blocked.n > 1)
		qsort(w->blocked.v, w->blocked.n, sizeof *w->blocked.v,
		      compare_blocked);
	for (uint32_t i = 0; i < w->blocked.n; i++) {
		const struct blocked *bl = &w->blocked.v[i];
		struct frame *fr =
			w->frames.n > 0 ? &w->frames.v[w->frames.n - 1] : NULL;
		if (fr == NULL || fr->start != bl->start ||
		    fr->end != bl->end) {
			int32_t k = (int32_t)w->frames.n;
			fr = VEC_PUSH(w->frames);
			*fr = (struct frame){
				.start = bl->start,
				.end = bl->end,
				.first = -1,
				.before = -1,
				.at = -1,
			};
			*VEC_PUSH(w->events) = (struct event){
				.pos = bl->start,
				.kind = EV_ENTER,
				.order = UINT32_MAX - bl->end,
				.frame = k,
			};
			*VEC_PUSH(w->events) = (struct event){
				.pos = bl->end,
				.kind = EV_LEAVE,
				.order = UINT32_MAX - bl->start,
				.frame = k,
			};
		}
		fr->first = lower(fr->first, bl->index);
		*VEC_PUSH(w->events) = (struct event){
			.pos = f->bindings.v[bl->index].span.start,
			.kind = EV_MADE,
			.binding = bl->index,
			.frame = (int32_t)w->frames.n - 1,
		};
	}
	qsort(w->events.v, w->events.n, sizeof *w->events.v, compare_events);
	return first;
}

/* Adds the segments of the group of the n bindings at items to x. The
 * sweep runs from the start of the file to its end, with the bindings made
 * so far and the blocks it is in (a stack: blocks nest); the answer can
 * change only where a binding is made or a block begins or ends. */
static void
index_group(const struct sf_facts *f, struct facts_names *x,
	    const int32_t *items, uint32_t n, struct sweep *w)
{
	uint32_t seg0 = x->seg_pos.n;
	/* A name bound once in its scope: everywhere, or in its block. */
	const struct sf_binding *one = &f->bindings.v[items[0]];
	if (n == 1 && one->valid_end != 0) {
		add_segment(x, seg0, 0, -1);
		if (one->valid_start < one->valid_end) {
			add_segment(x, seg0, one->valid_start, items[0]);
			add_segment(x, seg0, one->valid_end, -1);
		}
		return;
	}
	/* Most groups: no block-scoped binding, made in index order (a name
	 * bound once, a variable assigned again and again). Each binding is
	 * the answer from where it is made on; the first one before. */
	bool simple = true;
	for (uint32_t i = 0; i < n && simple; i++) {
		const struct sf_binding *b = &f->bindings.v[items[i]];
		simple = b->valid_end == 0 &&
			 (i == 0 || f->bindings.v[items[i - 1]].span.start <=
					    b->span.start);
	}
	if (simple) {
		add_segment(x, seg0, 0, items[0]);
		for (uint32_t i = 1; i < n; i++)
			add_segment(x, seg0, f->bindings.v[items[i]].span.start,
				    items[i]);
		return;
	}
	int32_t first = group_events(f, items, n, w);
	int32_t before = -1; /* the latest unblocked binding made so far */
	add_segment(x, seg0, 0, first);
	for (uint32_t i = 0; i < w->events.n; i++) {
		const struct event *ev = &w->events.v[i];
		struct frame *fr =
			ev->frame >= 0 ? &w->frames.v[ev->frame] : NULL;
		if (fr == NULL) {
			before = later(f, before, ev->binding);
		} else if (ev->kind == EV_MADE) {
			fr->before = later(f, fr->before, ev->binding);
			if (fr->at >= 0)
				restack(f, w, (uint32_t)fr->at);
		} else if (ev->kind == EV_ENTER) {
			*VEC_PUSH(w->stack) = ev->frame;
			restack(f, w, w->stack.n - 1);
		} else if (fr->at >= 0) {
			uint32_t at = (uint32_t)fr->at;
			memmove(&w->stack.v[at], &w->stack.v[at + 1],
				(w->stack.n - at - 1) * sizeof *w->stack.v);
			w->stack.n--;
			fr->at = -1;
			restack(f, w, at);
		}
		if (i + 1 < w->events.n && w->events.v[i + 1].pos == ev->pos)
			continue;
		int32_t all_first = first, all_before = before;
		if (w->stack.n > 0) {
			const struct frame *top =
				&w->frames.v[w->stack.v[w->stack.n - 1]];
			all_first = lower(all_first, top->cum_first);
			all_before = later(f, all_before, top->cum_before);
		}
		add_segment(x, seg0, ev->pos,
			    all_before >= 0 ? all_before : all_first);
	}
}

/* The group of (name, scope) in x, whose binding_hash is h, or -1. */
static int32_t
find_group(const struct facts_names *x, uint32_t h, int32_t scope,
	   const char *name, size_t n)
{
	for (int32_t i = x->heads[h & (x->buckets - 1)]; i >= 0;
	     i = x->groups.v[i].next) {
		lookup_work++;
		const struct name_group *g = &x->groups.v[i];
		if (g->hash == h && g->scope == scope &&
		    strncmp(g->name, name, n) == 0 && g->name[n] == '\0')
			return i;
	}
	return -1;
}

/* Groups the bindings by (scope, name) with the hash table lookups use,
 * each group's bindings in index order, chained in member (the binding
 * after each, or -1); then works out each group's segments. Linear in the
 * bindings: merged chunks' bindings need no sort. */
void
facts_index_bindings(struct sf_facts *f)
{
	/* The lookup of these facts' last indexing, or of the last facts
	 * this thread made again (facts_create_scratch), is filled anew. */
	struct facts_names *x = f->names ? f->names : f->names_kept;
	f->names_kept = NULL;
	if (x == NULL) {
		x = xcalloc(1, sizeof *x);
		x->sweep = xcalloc(1, sizeof *x->sweep);
	}
	f->names = x;
	x->groups.n = x->seg_pos.n = x->seg_ans.n = 0;
	uint32_t n = f->bindings.n;
	x->buckets = 16;
	while (x->buckets < n * 2)
		x->buckets *= 2;
	if (x->buckets > x->heads_cap) {
		free(x->heads);
		x->heads = xmalloc(x->buckets * sizeof *x->heads);
		x->heads_cap = x->buckets;
	}
	for (uint32_t i = 0; i < x->buckets; i++)
		x->heads[i] = -1;
	/* While grouping: a group's first and last bindings (in seg0 and
	 * nseg), and each binding's next in its group. */
	x->member.v = vec_grow(x->member.v, &x->member.cap, n ? n : 1,
			       sizeof *x->member.v);
	int32_t *member = x->member.v;
	x->groups.v = vec_grow(x->groups.v, &x->groups.cap, n + 1,
			       sizeof *x->groups.v);
	for (uint32_t i = 0; i < n; i++) {
		const struct sf_binding *b = &f->bindings.v[i];
		size_t len = strlen(b->local);
		uint32_t h = binding_hash(sf_hash(b->local, len), b->scope);
		int32_t k = find_group(x, h, b->scope, b->local, len);
		member[i] = -1;
		if (k < 0) {
			k = (int32_t)x->groups.n;
			uint32_t bucket = h & (x->buckets - 1);
			*VEC_PUSH(x->groups) = (struct name_group){
				.name = b->local,
				.hash = h,
				.scope = b->scope,
				.next = x->heads[bucket],
				.seg0 = i,
				.nseg = i,
			};
			x->heads[bucket] = k;
			continue;
		}
		struct name_group *g = &x->groups.v[k];
		member[g->nseg] = (int32_t)i;
		g->nseg = i;
	}
	/* Room for the segments of most files (one a binding, three a
	 * block-scoped one), so that they are not copied as they grow. */
	x->seg_pos.v = vec_grow(x->seg_pos.v, &x->seg_pos.cap, 2 * n + 16,
				sizeof *x->seg_pos.v);
	x->seg_ans.v = vec_grow(x->seg_ans.v, &x->seg_ans.cap, 2 * n + 16,
				sizeof *x->seg_ans.v);
	x->items.v = vec_grow(x->items.v, &x->items.cap, n ? n : 1,
			      sizeof *x->items.v);
	int32_t *items = x->items.v;
	for (uint32_t k = 0; k < x->groups.n; k++) {
		struct name_group *g = &x->groups.v[k];
		uint32_t m = 0;
		for (int32_t i = (int32_t)g->seg0; i >= 0; i = member[i])
			items[m++] = i;
		g->seg0 = x->seg_pos.n;
		index_group(f, x, items, m, x->sweep);
		g->nseg = x->seg_pos.n - g->seg0;
	}
}

/* The binding of name (its first n bytes, whose sf_hash is name_hash) in
 * exactly this scope visible at pos, or NULL. */
static const struct sf_binding *
lookup_in_scope(const struct sf_facts *f, int32_t scope, uint32_t pos,
		const char *name, size_t n, uint32_t name_hash)
{
	const struct facts_names *x = f->names;
	int32_t k =
		find_group(x, binding_hash(name_hash, scope), scope, name, n);
	if (k < 0)
		return NULL;
	const struct name_group *g = &x->groups.v[k];
	/* The last segment that starts at or before pos (the first starts
	 * at 0). */
	uint32_t lo = g->seg0, hi = g->seg0 + g->nseg;
	while (hi - lo > 1) {
		lookup_work++;
		uint32_t mid = lo + (hi - lo) / 2;
		if (x->seg_pos.v[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	int32_t ans = x->seg_ans.v[lo];
	return ans >= 0 ? &f->bindings.v[ans] : NULL;
}

/* The call whose span is exactly start, end, or -1. Calls are recorded in
 * pre-order, so by start; calls starting at one byte (`f(x).g()`) go from
 * the outermost in. */
static int32_t
call_at(const struct sf_facts *f, uint32_t start, uint32_t end)
{
	uint32_t lo = 0, hi = f->calls.n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (f->calls.v[mid].span.start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (uint32_t i = lo;
	     i < f->calls.n && f->calls.v[i].span.start == start; i++)
		if (f->calls.v[i].span.end == end)
			return (int32_t)i;
	return -1;
}

static void
resolve_origin(const struct sf_facts *f, struct sf_origin *o)
{
	if (o->kind != SF_ORIGIN_CALL || o->call >= 0)
		return;
	o->call = call_at(f, o->start, o->end);
	if (o->call < 0)
		o->kind = SF_ORIGIN_UNKNOWN;
}

void
facts_resolve_origins(struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->loops.n; i++)
		resolve_origin(f, &f->loops.v[i].origin);
	for (uint32_t i = 0; i < f->bindings.n; i++)
		resolve_origin(f, &f->bindings.v[i].origin);
	for (uint32_t i = 0; i < f->args.n; i++)
		resolve_origin(f, &f->args.v[i].origin);
}

/* Lookups walk out through at most this many enclosing functions; deeper
 * nesting than this is generated code, and its names stay unresolved. */
#define FACTS_SCOPE_MAX 256

static const struct sf_binding *
lookup_n(const struct sf_facts *f, int32_t fn, uint32_t pos, const char *name,
	 size_t n)
{
	if (f->names == NULL)
		return NULL;
	uint32_t h = sf_hash(name, n);
	int32_t s = fn;
	for (int level = 0; s >= 0 && level < FACTS_SCOPE_MAX; level++) {
		const struct sf_binding *b =
			lookup_in_scope(f, s, pos, name, n, h);
		if (b != NULL)
			return b;
		s = f->functions.v[s].parent;
	}
	return lookup_in_scope(f, -1, pos, name, n, h);
}

const struct sf_binding *
facts_lookup(const struct sf_facts *f, int32_t fn, uint32_t pos,
	     const char *name)
{
	return lookup_n(f, fn, pos, name, strlen(name));
}

const char *
facts_module_name(struct sf_facts *f, const char *spec)
{
	if (strncmp(spec, "node:", 5) == 0)
		spec += 5;
	return arena_strdup(&f->arena, spec);
}

/* Length of the head of a dotted path: up to the first '.', '(' or '['
 * (`db[]` is what subscripting db gives). */
static size_t
head_len(const char *path)
{
	size_t n = 0;
	while (path[n] != '\0' && path[n] != '.' && path[n] != '(' &&
	       path[n] != '[')
		n++;
	return n;
}

const char *
facts_resolve(struct sf_facts *f, int32_t fn, uint32_t pos, const char *path,
	      bool *bound)
{
	*bound = false;
	if (path == NULL)
		return NULL;
	/* require(fs).x: the module itself is the head. */
	if (path[0] == 'r' && strncmp(path, "require(", 8) == 0) {
		const char *close = strchr(path + 8, ')');
		if (close == NULL)
			return NULL;
		const char *mod = path + 8;
		size_t n = (size_t)(close - mod);
		if (n > 5 && strncmp(mod, "node:", 5) == 0) {
			mod += 5;
			n -= 5;
		}
		*bound = true;
		return arena_concat(&f->arena, mod, n, close + 1);
	}

	const char *cur = path;
	for (int depth = 0; depth < FACTS_RESOLVE_DEPTH; depth++) {
		size_t n = head_len(cur);
		const struct sf_binding *b = lookup_n(f, fn, pos, cur, n);
		if (b == NULL)
			return depth == 0 ? NULL : cur;
		*bound = true;
		if (b->kind == SF_BIND_LOCAL || b->target == NULL)
			return NULL;
		const char *next = arena_concat(&f->arena, b->target,
						strlen(b->target), cur + n);
		if (b->is_import)
			return next;
		/* An assignment's target was recorded as written; resolve it in
		 * the scope where the assignment was made, with the names as
		 * they were before it (`qs = qs.filter(...)`: the qs before).
		 */
		cur = next;
		fn = b->scope;
		pos = b->span.start > 0 ? b->span.start - 1 : 0;
		if (strncmp(cur, "require(", 8) == 0) {
			bool ignored;
			return facts_resolve(f, fn, pos, cur, &ignored);
		}
	}
	return cur;
}

const struct sf_arg *
facts_call_arg(const struct sf_facts *f, const struct sf_call *c, uint32_t pos,
	       const char *kw)
{
	uint32_t positional = 0;
	for (uint32_t i = 0; i < c->nargs; i++) {
		const struct sf_arg *a = &f->args.v[c->arg0 + i];
		if (a->keyword != NULL) {
			if (kw != NULL && strcmp(a->keyword, kw) == 0)
				return a;
			continue;
		}
		if (positional++ == pos)
			return a;
	}
	return NULL;
}

const char *
facts_function_name(const struct sf_facts *f, int32_t fn)
{
	if (fn < 0)
		return "module top level";
	const struct sf_function *func = &f->functions.v[fn];
	if (func->flags & SF_FN_ANONYMOUS)
		return language_get(f->lang)->family->anonymous;
	return func->name;
}

/* Functions by name: open addressing over the names of the functions
 * (strings of the facts, not copied), the first function of each name. */
struct facts_functions {
	uint32_t mask;
	struct function_slot {
		uint32_t hash;
		int32_t fn; /* -1: empty */
	} * slots;
};

static void
functions_destroy(struct facts_functions *x)
{
	if (x == NULL)
		return;
	free(x->slots);
	free(x);
}

/* The slot of name (hash h) in x: its function's, or the empty one where
 * it would go. */
static struct function_slot *
function_slot(const struct sf_facts *f, const struct facts_functions *x,
	      const char *name, uint32_t h)
{
	for (uint32_t i = h & x->mask;; i = (i + 1) & x->mask) {
		struct function_slot *s = &x->slots[i];
		if (s->fn < 0 ||
		    (s->hash == h &&
		     strcmp(f->functions.v[s->fn].name, name) == 0))
			return s;
	}
}

int32_t
facts_find_function(struct sf_facts *f, const char *name)
{
	struct facts_functions *x = f->function_index;
	if (x == NULL) {
		x = xcalloc(1, sizeof *x);
		uint32_t cap = 16;
		while (cap < f->functions.n * 2)
			cap *= 2;
		x->mask = cap - 1;
		x->slots = xmalloc(cap * sizeof *x->slots);
		for (uint32_t i = 0; i < cap; i++)
			x->slots[i].fn = -1;
		for (uint32_t i = 0; i < f->functions.n; i++) {
			const struct sf_function *fn = &f->functions.v[i];
			if (fn->flags & SF_FN_ANONYMOUS)
				continue;
			uint32_t h = sf_hash(fn->name, strlen(fn->name));
			struct function_slot *s =
				function_slot(f, x, fn->name, h);
			if (s->fn < 0)
				*s = (struct function_slot){h, (int32_t)i};
		}
		f->function_index = x;
	}
	return function_slot(f, x, name, sf_hash(name, strlen(name)))->fn;
}

const char *
facts_last_segment(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot ? dot + 1 : path;
}

/* --- merging fragments --------------------------------------------------- */

static void
shift(struct sf_span *s, int64_t db, int64_t dr)
{
	s->start = (uint32_t)(s->start + db);
	s->end = (uint32_t)(s->end + db);
	s->start_row = (uint32_t)(s->start_row + dr);
	s->end_row = (uint32_t)(s->end_row + dr);
}

/* An index into a vector that grew by base items; -1 stays -1. */
static int32_t
rebase(int32_t i, uint32_t base)
{
	return i < 0 ? i : i + (int32_t)base;
}

static void
origin_move(struct sf_origin *o, int64_t db, uint32_t fn0, uint32_t call0)
{
	o->fn = rebase(o->fn, fn0);
	o->call = rebase(o->call, call0);
	if (o->kind == SF_ORIGIN_CALL || o->kind == SF_ORIGIN_NAME ||
	    o->kind == SF_ORIGIN_RETURN) {
		o->start = (uint32_t)(o->start + db);
		o->end = (uint32_t)(o->end + db);
	}
}

#define RESERVE(field)                                                         \
	do {                                                                   \
		uint32_t need = dst->field.n;                                  \
		for (uint32_t i = 0; i < n; i++)                               \
			need += srcs[i] ? srcs[i]->field.n : 0;                \
		dst->field.v = vec_grow(dst->field.v, &dst->field.cap, need,   \
					sizeof *dst->field.v);                 \
	} while (0)

void
facts_reserve(struct sf_facts *dst, const struct sf_facts *const *srcs,
	      uint32_t n)
{
	/* The arrays facts_append fills. */
	RESERVE(functions);
	RESERVE(calls);
	RESERVE(arms);
	RESERVE(devs);
	RESERVE(args);
	RESERVE(loops);
	RESERVE(bindings);
	RESERVE(constants);
	RESERVE(classes);
	RESERVE(regexes);
	RESERVE(awaits);
	RESERVE(decorators);
	RESERVE(suppressions);
	RESERVE(attrs);
	RESERVE(idents);
	RESERVE(exports);
	RESERVE(bases);
	RESERVE(returns);
	RESERVE(props);
}

#undef RESERVE

/* Copies n bytes; nothing when n is 0 (src may then be NULL). */
static void
copy_bytes(void *dst, const void *src, size_t n)
{
	if (n > 0)
		memcpy(dst, src, n);
}

/* Appends src's items of field to dst's in one copy (their indexes and
 * positions are then moved in place) and returns the first of them. */
#define APPEND(field)                                                          \
	(dst->field.v = dst->field.n + src->field.n <= dst->field.cap          \
				? dst->field.v                                 \
				: vec_grow(dst->field.v, &dst->field.cap,      \
					   dst->field.n + src->field.n,        \
					   sizeof *dst->field.v),              \
	 copy_bytes(dst->field.v + dst->field.n, src->field.v,                 \
		    src->field.n * sizeof *src->field.v),                      \
	 dst->field.n += src->field.n,                                         \
	 dst->field.v + dst->field.n - src->field.n)

void
facts_append(struct sf_facts *dst, const struct sf_facts *src,
	     int64_t delta_byte, int64_t delta_row)
{
	uint32_t fn0 = dst->functions.n, call0 = dst->calls.n,
		 arg0 = dst->args.n, loop0 = dst->loops.n,
		 class0 = dst->classes.n, arm0 = dst->arms.n;
	dst->flags |= src->flags;

	struct sf_function *new_functions = APPEND(functions);
	for (uint32_t i = 0; i < src->functions.n; i++) {
		struct sf_function *x = &new_functions[i];
		shift(&x->span, delta_byte, delta_row);
		shift(&x->name_span, delta_byte, delta_row);
		x->parent = rebase(x->parent, fn0);
		x->class_index = rebase(x->class_index, class0);
		x->cb_call = rebase(x->cb_call, call0);
	}
	struct sf_call *new_calls = APPEND(calls);
	for (uint32_t i = 0; i < src->calls.n; i++) {
		struct sf_call *x = &new_calls[i];
		shift(&x->span, delta_byte, delta_row);
		shift(&x->callee_span, delta_byte, delta_row);
		x->function = rebase(x->function, fn0);
		x->loop = rebase(x->loop, loop0);
		x->arg0 += arg0;
		x->arm = rebase(x->arm, arm0);
		if (x->return_end != 0)
			x->return_end = (uint32_t)(x->return_end + delta_byte);
	}
	struct sf_arm *new_arms = APPEND(arms);
	for (uint32_t i = 0; i < src->arms.n; i++) {
		struct sf_arm *x = &new_arms[i];
		x->construct = (uint32_t)(x->construct + delta_byte);
		x->parent = rebase(x->parent, arm0);
	}
	struct sf_dev *new_devs = APPEND(devs);
	for (uint32_t i = 0; i < src->devs.n; i++) {
		struct sf_dev *x = &new_devs[i];
		shift(&x->span, delta_byte, delta_row);
		x->guard = rebase(x->guard, call0);
	}
	struct sf_arg *new_args = APPEND(args);
	for (uint32_t i = 0; i < src->args.n; i++) {
		struct sf_arg *x = &new_args[i];
		shift(&x->span, delta_byte, delta_row);
		x->function = rebase(x->function, fn0);
		x->call = rebase(x->call, call0);
		origin_move(&x->origin, delta_byte, fn0, call0);
	}
	struct sf_loop *new_loops = APPEND(loops);
	for (uint32_t i = 0; i < src->loops.n; i++) {
		struct sf_loop *x = &new_loops[i];
		shift(&x->span, delta_byte, delta_row);
		shift(&x->head_span, delta_byte, delta_row);
		shift(&x->body, delta_byte, delta_row);
		x->parent = rebase(x->parent, loop0);
		x->function = rebase(x->function, fn0);
		origin_move(&x->origin, delta_byte, fn0, call0);
	}
	struct sf_binding *new_bindings = APPEND(bindings);
	for (uint32_t i = 0; i < src->bindings.n; i++) {
		struct sf_binding *x = &new_bindings[i];
		shift(&x->span, delta_byte, delta_row);
		if (x->valid_end != 0) {
			x->valid_start =
				(uint32_t)(x->valid_start + delta_byte);
			x->valid_end = (uint32_t)(x->valid_end + delta_byte);
		}
		x->scope = rebase(x->scope, fn0);
		origin_move(&x->origin, delta_byte, fn0, call0);
	}
	struct sf_constant *new_constants = APPEND(constants);
	for (uint32_t i = 0; i < src->constants.n; i++) {
		struct sf_constant *x = &new_constants[i];
		x->scope = rebase(x->scope, fn0);
	}
	struct sf_class *new_classes = APPEND(classes);
	for (uint32_t i = 0; i < src->classes.n; i++) {
		struct sf_class *x = &new_classes[i];
		shift(&x->span, delta_byte, delta_row);
		x->parent_function = rebase(x->parent_function, fn0);
	}
	struct sf_regex *new_regexes = APPEND(regexes);
	for (uint32_t i = 0; i < src->regexes.n; i++) {
		struct sf_regex *x = &new_regexes[i];
		shift(&x->span, delta_byte, delta_row);
		x->function = rebase(x->function, fn0);
	}
	struct sf_await *new_awaits = APPEND(awaits);
	for (uint32_t i = 0; i < src->awaits.n; i++) {
		struct sf_await *x = &new_awaits[i];
		shift(&x->span, delta_byte, delta_row);
		x->function = rebase(x->function, fn0);
		x->loop = rebase(x->loop, loop0);
		x->call = rebase(x->call, call0);
	}
	struct sf_decorator *new_decorators = APPEND(decorators);
	for (uint32_t i = 0; i < src->decorators.n; i++) {
		struct sf_decorator *x = &new_decorators[i];
		x->function = rebase(x->function, fn0);
		x->call = rebase(x->call, call0);
	}
	struct sf_suppression *new_suppressions = APPEND(suppressions);
	for (uint32_t i = 0; i < src->suppressions.n; i++) {
		struct sf_suppression *x = &new_suppressions[i];
		x->row = (uint32_t)(x->row + delta_row);
		x->comment_row = (uint32_t)(x->comment_row + delta_row);
		x->at_row = (uint32_t)(x->at_row + delta_row);
		x->end_row = (uint32_t)(x->end_row + delta_row);
	}
	struct sf_attr *new_attrs = APPEND(attrs);
	for (uint32_t i = 0; i < src->attrs.n; i++) {
		struct sf_attr *x = &new_attrs[i];
		x->cls = rebase(x->cls, class0);
		x->scope = rebase(x->scope, fn0);
		x->pos = (uint32_t)(x->pos + delta_byte);
	}
	(void)APPEND(idents);
	struct sf_export *new_exports = APPEND(exports);
	for (uint32_t i = 0; i < src->exports.n; i++) {
		struct sf_export *x = &new_exports[i];
		shift(&x->span, delta_byte, delta_row);
		x->function = rebase(x->function, fn0);
	}
	struct sf_base *new_bases = APPEND(bases);
	for (uint32_t i = 0; i < src->bases.n; i++) {
		struct sf_base *x = &new_bases[i];
		x->cls = rebase(x->cls, class0);
		x->scope = rebase(x->scope, fn0);
		x->pos = (uint32_t)(x->pos + delta_byte);
	}
	struct sf_return *new_returns = APPEND(returns);
	for (uint32_t i = 0; i < src->returns.n; i++) {
		struct sf_return *x = &new_returns[i];
		x->fn = rebase(x->fn, fn0);
		x->scope = rebase(x->scope, fn0);
		x->pos = (uint32_t)(x->pos + delta_byte);
	}
	struct sf_prop *new_props = APPEND(props);
	for (uint32_t i = 0; i < src->props.n; i++) {
		struct sf_prop *x = &new_props[i];
		x->scope = rebase(x->scope, fn0);
		x->pos = (uint32_t)(x->pos + delta_byte);
	}
	/* callback_refs come from the context pass, which runs on the
	 * merged facts. */
	/* Lookups built on the old contents are stale. */
	names_destroy(dst->names);
	dst->names = NULL;
	functions_destroy(dst->function_index);
	dst->function_index = NULL;
}

#undef APPEND
