/*
 * Facts: lifetime of a file's facts and the name resolution shared by every
 * extractor (DESIGN §3 "Names").
 */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "util/hash.h"
#include "util/xalloc.h"

/* Aliases of aliases are followed this many times at most (a = b; b = a). */
#define FACTS_RESOLVE_DEPTH 8

struct sf_facts *
facts_create(enum sf_lang lang, const char *path)
{
	struct sf_facts *f = xcalloc(1, sizeof *f);
	f->lang = lang;
	arena_init(&f->arena);
	f->path = arena_strdup(&f->arena, path);
	return f;
}

void
facts_destroy(struct sf_facts *f)
{
	if (f == NULL)
		return;
	VEC_FREE(f->functions);
	VEC_FREE(f->calls);
	VEC_FREE(f->args);
	VEC_FREE(f->loops);
	VEC_FREE(f->bindings);
	VEC_FREE(f->constants);
	VEC_FREE(f->classes);
	VEC_FREE(f->regexes);
	VEC_FREE(f->awaits);
	VEC_FREE(f->decorators);
	VEC_FREE(f->suppressions);
	VEC_FREE(f->attrs);
	VEC_FREE(f->idents);
	VEC_FREE(f->arms);
	VEC_FREE(f->exports);
	VEC_FREE(f->callback_refs);
	free(f->binding_heads);
	strmap_finish(f->function_index);
	free(f->function_index);
	arena_finish(&f->arena);
	free(f);
}

/* The bucket of a (name, scope) pair: bindings are looked up scope by
 * scope, so that a name bound in thousands of functions (`e`, `err`) costs
 * no more than one bound once. */
static uint32_t
binding_hash(const char *name, size_t n, int32_t scope)
{
	return sf_hash(name, n) ^ ((uint32_t)(scope + 1) * 2654435761u);
}

void
facts_index_bindings(struct sf_facts *f)
{
	free(f->binding_heads);
	uint32_t buckets = 16;
	while (buckets < f->bindings.n * 2)
		buckets *= 2;
	f->binding_buckets = buckets;
	f->binding_heads = xmalloc(buckets * sizeof *f->binding_heads);
	for (uint32_t i = 0; i < buckets; i++)
		f->binding_heads[i] = -1;
	/* In reverse, so that each chain lists bindings in source order. */
	for (uint32_t i = f->bindings.n; i-- > 0;) {
		struct sf_binding *b = &f->bindings.v[i];
		uint32_t h =
			binding_hash(b->local, strlen(b->local), b->scope) &
			(buckets - 1);
		b->next = f->binding_heads[h];
		f->binding_heads[h] = (int32_t)i;
	}
}

/* The binding of name in exactly this scope visible at pos: the last one
 * made before pos, else the first one (hoisting, late imports). */
static const struct sf_binding *
lookup_in_scope(const struct sf_facts *f, int32_t scope, uint32_t pos,
		const char *name, size_t n)
{
	uint32_t h = binding_hash(name, n, scope) & (f->binding_buckets - 1);
	const struct sf_binding *first = NULL, *before = NULL;
	for (int32_t i = f->binding_heads[h]; i >= 0;
	     i = f->bindings.v[i].next) {
		const struct sf_binding *b = &f->bindings.v[i];
		if (b->scope != scope || strncmp(b->local, name, n) != 0 ||
		    b->local[n] != '\0')
			continue;
		if (b->valid_end != 0 &&
		    (pos < b->valid_start || pos >= b->valid_end))
			continue;
		if (first == NULL)
			first = b;
		if (b->span.start <= pos)
			before = b;
	}
	return before ? before : first;
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
	if (f->binding_heads == NULL)
		return NULL;
	int32_t s = fn;
	for (int level = 0; s >= 0 && level < FACTS_SCOPE_MAX; level++) {
		const struct sf_binding *b =
			lookup_in_scope(f, s, pos, name, n);
		if (b != NULL)
			return b;
		s = f->functions.v[s].parent;
	}
	return lookup_in_scope(f, -1, pos, name, n);
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
	if (strncmp(path, "require(", 8) == 0) {
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

int32_t
facts_find_function(struct sf_facts *f, const char *name)
{
	if (f->function_index == NULL) {
		f->function_index = xmalloc(sizeof *f->function_index);
		strmap_init(f->function_index);
		/* Backwards, so the first function of a name wins. Values
		 * are index + 1: NULL means absent. */
		for (uint32_t i = f->functions.n; i-- > 0;)
			if (!(f->functions.v[i].flags & SF_FN_ANONYMOUS))
				strmap_put(f->function_index,
					   f->functions.v[i].name,
					   (void *)(uintptr_t)(i + 1));
	}
	uintptr_t v = (uintptr_t)strmap_get(f->function_index, name, NULL);
	return (int32_t)v - 1;
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

void
facts_append(struct sf_facts *dst, const struct sf_facts *src,
	     int64_t delta_byte, int64_t delta_row)
{
	uint32_t fn0 = dst->functions.n, call0 = dst->calls.n,
		 arg0 = dst->args.n, loop0 = dst->loops.n,
		 class0 = dst->classes.n, arm0 = dst->arms.n;
	dst->flags |= src->flags;

	for (uint32_t i = 0; i < src->functions.n; i++) {
		struct sf_function *x = VEC_PUSH(dst->functions);
		*x = src->functions.v[i];
		shift(&x->span, delta_byte, delta_row);
		shift(&x->name_span, delta_byte, delta_row);
		x->parent = rebase(x->parent, fn0);
		x->class_index = rebase(x->class_index, class0);
		x->cb_call = rebase(x->cb_call, call0);
	}
	for (uint32_t i = 0; i < src->calls.n; i++) {
		struct sf_call *x = VEC_PUSH(dst->calls);
		*x = src->calls.v[i];
		shift(&x->span, delta_byte, delta_row);
		shift(&x->callee_span, delta_byte, delta_row);
		x->function = rebase(x->function, fn0);
		x->loop = rebase(x->loop, loop0);
		x->arg0 += arg0;
		x->arm = rebase(x->arm, arm0);
		if (x->return_end != 0)
			x->return_end = (uint32_t)(x->return_end + delta_byte);
	}
	for (uint32_t i = 0; i < src->arms.n; i++) {
		struct sf_arm *x = VEC_PUSH(dst->arms);
		*x = src->arms.v[i];
		x->construct = (uint32_t)(x->construct + delta_byte);
		x->parent = rebase(x->parent, arm0);
	}
	for (uint32_t i = 0; i < src->args.n; i++) {
		struct sf_arg *x = VEC_PUSH(dst->args);
		*x = src->args.v[i];
		shift(&x->span, delta_byte, delta_row);
		x->function = rebase(x->function, fn0);
		x->call = rebase(x->call, call0);
		origin_move(&x->origin, delta_byte, fn0, call0);
	}
	for (uint32_t i = 0; i < src->loops.n; i++) {
		struct sf_loop *x = VEC_PUSH(dst->loops);
		*x = src->loops.v[i];
		shift(&x->span, delta_byte, delta_row);
		shift(&x->head_span, delta_byte, delta_row);
		shift(&x->body, delta_byte, delta_row);
		x->parent = rebase(x->parent, loop0);
		x->function = rebase(x->function, fn0);
		origin_move(&x->origin, delta_byte, fn0, call0);
	}
	for (uint32_t i = 0; i < src->bindings.n; i++) {
		struct sf_binding *x = VEC_PUSH(dst->bindings);
		*x = src->bindings.v[i];
		shift(&x->span, delta_byte, delta_row);
		if (x->valid_end != 0) {
			x->valid_start =
				(uint32_t)(x->valid_start + delta_byte);
			x->valid_end = (uint32_t)(x->valid_end + delta_byte);
		}
		x->scope = rebase(x->scope, fn0);
		x->next = -1;
		origin_move(&x->origin, delta_byte, fn0, call0);
	}
	for (uint32_t i = 0; i < src->constants.n; i++) {
		struct sf_constant *x = VEC_PUSH(dst->constants);
		*x = src->constants.v[i];
		x->scope = rebase(x->scope, fn0);
	}
	for (uint32_t i = 0; i < src->classes.n; i++) {
		struct sf_class *x = VEC_PUSH(dst->classes);
		*x = src->classes.v[i];
		shift(&x->span, delta_byte, delta_row);
		x->parent_function = rebase(x->parent_function, fn0);
	}
	for (uint32_t i = 0; i < src->regexes.n; i++) {
		struct sf_regex *x = VEC_PUSH(dst->regexes);
		*x = src->regexes.v[i];
		shift(&x->span, delta_byte, delta_row);
		x->function = rebase(x->function, fn0);
	}
	for (uint32_t i = 0; i < src->awaits.n; i++) {
		struct sf_await *x = VEC_PUSH(dst->awaits);
		*x = src->awaits.v[i];
		shift(&x->span, delta_byte, delta_row);
		x->function = rebase(x->function, fn0);
		x->loop = rebase(x->loop, loop0);
		x->call = rebase(x->call, call0);
	}
	for (uint32_t i = 0; i < src->decorators.n; i++) {
		struct sf_decorator *x = VEC_PUSH(dst->decorators);
		*x = src->decorators.v[i];
		x->function = rebase(x->function, fn0);
		x->call = rebase(x->call, call0);
	}
	for (uint32_t i = 0; i < src->suppressions.n; i++) {
		struct sf_suppression *x = VEC_PUSH(dst->suppressions);
		*x = src->suppressions.v[i];
		x->row = (uint32_t)(x->row + delta_row);
		x->comment_row = (uint32_t)(x->comment_row + delta_row);
		x->at_row = (uint32_t)(x->at_row + delta_row);
		x->end_row = (uint32_t)(x->end_row + delta_row);
	}
	for (uint32_t i = 0; i < src->attrs.n; i++) {
		struct sf_attr *x = VEC_PUSH(dst->attrs);
		*x = src->attrs.v[i];
		x->cls = rebase(x->cls, class0);
		x->scope = rebase(x->scope, fn0);
		x->pos = (uint32_t)(x->pos + delta_byte);
	}
	for (uint32_t i = 0; i < src->idents.n; i++)
		*VEC_PUSH(dst->idents) = src->idents.v[i];
	for (uint32_t i = 0; i < src->exports.n; i++) {
		struct sf_export *x = VEC_PUSH(dst->exports);
		*x = src->exports.v[i];
		shift(&x->span, delta_byte, delta_row);
		x->function = rebase(x->function, fn0);
	}
	/* callback_refs come from the context pass, which runs on the
	 * merged facts. */
	/* Lookups built on the old contents are stale. */
	free(dst->binding_heads);
	dst->binding_heads = NULL;
	strmap_finish(dst->function_index);
	free(dst->function_index);
	dst->function_index = NULL;
}
