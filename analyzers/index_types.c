/*
 * The index's types: what value paths stand for across files. See
 * index_types.h.
 */
#include "index_types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "util/arena.h"
#include "util/hash.h"
#include "util/vec.h"
#include "util/xalloc.h"

/* Steps (resolutions and member lookups) one value may take: wide or
 * cyclic class hierarchies stop here. */
#define TYPES_STEPS 256

/* --- the memo ------------------------------------------------------------- */

struct memo_entry {
	const char *key; /* "<file>:<in_file><path>"; NULL: empty */
	uint8_t kind;    /* enum types_kind */
	int32_t file, idx;
	const char *name; /* TYPES_OUTSIDE */
};

struct types_memo {
	struct arena arena;
	struct memo_entry *slots;
	uint32_t cap, n;
	/* The slots in use, so that a reset empties them alone, not the
	 * whole table (grown for the largest file so far). */
	VEC(uint32_t) used;
};

struct types_memo *
types_memo_create(void)
{
	struct types_memo *m = xcalloc(1, sizeof *m);
	arena_init(&m->arena);
	return m;
}

void
types_memo_reset(struct types_memo *m)
{
	if (m->n == 0)
		return;
	arena_finish(&m->arena);
	arena_init(&m->arena);
	for (uint32_t i = 0; i < m->used.n; i++)
		m->slots[m->used.v[i]].key = NULL;
	m->used.n = 0;
	m->n = 0;
}

void
types_memo_destroy(struct types_memo *m)
{
	if (m == NULL)
		return;
	arena_finish(&m->arena);
	free(m->slots);
	VEC_FREE(m->used);
	free(m);
}

static struct memo_entry *
memo_slot(struct types_memo *m, const char *key)
{
	uint32_t mask = m->cap - 1;
	for (uint32_t i = sf_hash(key, strlen(key)) & mask;; i = (i + 1) & mask)
		if (m->slots[i].key == NULL ||
		    strcmp(m->slots[i].key, key) == 0)
			return &m->slots[i];
}

static void
memo_grow(struct types_memo *m)
{
	struct memo_entry *old = m->slots;
	uint32_t old_cap = m->cap;
	m->cap = old_cap ? old_cap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	m->used.n = 0;
	for (uint32_t i = 0; i < old_cap; i++)
		if (old[i].key != NULL) {
			struct memo_entry *e = memo_slot(m, old[i].key);
			*e = old[i];
			*VEC_PUSH(m->used) = (uint32_t)(e - m->slots);
		}
	free(old);
}

struct ctx {
	struct sf_index *ix;
	struct types_memo *memo;
	uint32_t steps;
	/* A limit cut an answer short: it is not kept. */
	bool cut;
};

static void resolve(struct ctx *x, int32_t from, const char *path, bool in_file,
		    int depth, struct types_value *out);

static void
none(struct types_value *v)
{
	v->kind = TYPES_NONE;
}

/* Is the budget spent? Counts a step. */
static bool
spent(struct ctx *x, int depth)
{
	if (depth > TYPES_DEPTH || ++x->steps > TYPES_STEPS) {
		x->cut = true;
		return true;
	}
	return false;
}

/* v (outside the project) gets n bytes of tail appended. */
static void
append(struct types_value *v, const char *tail, size_t n)
{
	size_t have = strlen(v->name);
	if (have + n + 1 > sizeof v->name) {
		none(v);
		return;
	}
	memcpy(v->name + have, tail, n);
	v->name[have + n] = '\0';
}

/* v becomes the name a + b, outside the project. */
static void
outside(struct types_value *v, const char *a, const char *b)
{
	size_t an = strlen(a), bn = strlen(b);
	if (an + bn + 1 > sizeof v->name) {
		none(v);
		return;
	}
	memmove(v->name, a, an);
	memcpy(v->name + an, b, bn + 1);
	v->kind = TYPES_OUTSIDE;
}

/* What calling v gives. */
static void
call(struct ctx *x, int depth, struct types_value *v)
{
	switch (v->kind) {
	case TYPES_FN: {
		const struct sf_summary *s = index_use(x->ix, v->file);
		const struct summary_type *rt = summary_returns(s, v->idx);
		if (rt == NULL || rt->value == NULL || spent(x, depth)) {
			none(v);
			return;
		}
		resolve(x, v->file, rt->value, rt->in_file, depth + 1, v);
		return;
	}
	case TYPES_CLASS:
		v->kind = TYPES_INSTANCE;
		return;
	case TYPES_OUTSIDE:
		append(v, "()", 2);
		return;
	case TYPES_INSTANCE:
	case TYPES_NONE:
		none(v);
		return;
	}
}

/* Member name (n bytes) of class cls of file, or of an instance of it:
 * a property's value, a method, an attribute's value, or the same from a
 * base, in the order of the bases. */
static void
class_member(struct ctx *x, int32_t file, int32_t cls, const char *name,
	     size_t n, bool instance, int depth, struct types_value *out)
{
	none(out);
	if (spent(x, depth))
		return;
	const struct sf_summary *s = index_use(x->ix, file);
	const struct summary_class *c = &s->classes.v[cls];
	char buf[TYPES_NAME_MAX];
	size_t cn = strlen(c->name);
	if (cn + n + 2 > sizeof buf)
		return;
	memcpy(buf, c->name, cn);
	buf[cn] = '.';
	memcpy(buf + cn + 1, name, n);
	buf[cn + 1 + n] = '\0';
	int32_t fn = summary_find_function(s, buf);
	if (fn >= 0) {
		const struct summary_type *rt = summary_returns(s, fn);
		if (instance && rt != NULL &&
		    rt->kind == SUMMARY_TYPE_PROPERTY) {
			if (rt->value != NULL)
				resolve(x, file, rt->value, rt->in_file,
					depth + 1, out);
			return;
		}
		out->kind = TYPES_FN;
		out->file = file;
		out->idx = fn;
		return;
	}
	for (uint32_t k = 0; k < c->ntypes; k++) {
		const struct summary_type *t = &s->types.v[c->type0 + k];
		if (t->kind == SUMMARY_TYPE_ATTR && strlen(t->name) == n &&
		    memcmp(t->name, name, n) == 0) {
			resolve(x, file, t->value, t->in_file, depth + 1, out);
			return;
		}
	}
	for (uint32_t k = 0; k < c->ntypes; k++) {
		const struct summary_type *t = &s->types.v[c->type0 + k];
		if (t->kind != SUMMARY_TYPE_BASE)
			continue;
		struct types_value base;
		resolve(x, file, t->value, t->in_file, depth + 1, &base);
		if (base.kind != TYPES_CLASS)
			continue;
		class_member(x, base.file, base.idx, name, n, instance,
			     depth + 1, out);
		if (out->kind != TYPES_NONE)
			return;
		/* A summary read again may have moved: ask anew. */
		s = index_use(x->ix, file);
		c = &s->classes.v[cls];
	}
}

/* Follows the segments of rest ("().repos.get", "[].find") from v. */
static void
walk(struct ctx *x, const char *rest, int depth, struct types_value *v)
{
	const char *p = rest;
	while (*p != '\0' && v->kind != TYPES_NONE) {
		if (p[0] == '(' || p[0] == '[') {
			if (p[1] != (p[0] == '(' ? ')' : ']')) {
				none(v);
				return;
			}
			if (p[0] == '(')
				call(x, depth, v);
			else if (v->kind == TYPES_OUTSIDE)
				append(v, "[]", 2);
			else
				none(v);
			p += 2;
			continue;
		}
		if (p[0] != '.') {
			none(v);
			return;
		}
		size_t n = strcspn(p + 1, ".([");
		if (n == 0) {
			none(v);
			return;
		}
		if (v->kind == TYPES_OUTSIDE) {
			append(v, p, n + 1);
		} else if (v->kind == TYPES_CLASS ||
			   v->kind == TYPES_INSTANCE) {
			struct types_value m;
			class_member(x, v->file, v->idx, p + 1, n,
				     v->kind == TYPES_INSTANCE, depth, &m);
			*v = m;
		} else {
			none(v);
		}
		p += n + 1;
	}
}

static void resolve_uncached(struct ctx *x, int32_t from, const char *path,
			     bool in_file, int depth, struct types_value *out);

/* The memo's key of a resolution, "<from>:<in_file><path>", written into
 * key (cap bytes, room for the number and more): its length, or -1 when
 * path does not fit. Written by hand: snprintf costs more than the
 * lookup it keys. */
static int
memo_key(char *key, size_t cap, int32_t from, bool in_file, const char *path)
{
	char digits[12];
	size_t nd = 0, at = 0;
	uint32_t v = from < 0 ? 0u - (uint32_t)from : (uint32_t)from;
	do
		digits[nd++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (from < 0)
		key[at++] = '-';
	while (nd > 0)
		key[at++] = digits[--nd];
	key[at++] = ':';
	key[at++] = in_file ? '1' : '0';
	size_t lp = strlen(path);
	if (at + lp >= cap)
		return -1;
	memcpy(key + at, path, lp + 1);
	return (int)(at + lp);
}

/* resolve_uncached through the memo. */
static void
resolve(struct ctx *x, int32_t from, const char *path, bool in_file, int depth,
	struct types_value *out)
{
	none(out);
	if (path == NULL)
		return;
	char key[TYPES_NAME_MAX + 16];
	if (x->memo == NULL ||
	    memo_key(key, sizeof key, from, in_file, path) < 0) {
		resolve_uncached(x, from, path, in_file, depth, out);
		return;
	}
	struct types_memo *m = x->memo;
	if (m->cap == 0)
		memo_grow(m);
	struct memo_entry *e = memo_slot(m, key);
	if (e->key != NULL) {
		out->kind = (enum types_kind)e->kind;
		out->file = e->file;
		out->idx = e->idx;
		if (e->name != NULL) {
			size_t n = strlen(e->name);
			if (n >= sizeof out->name)
				n = sizeof out->name - 1;
			memcpy(out->name, e->name, n);
			out->name[n] = '\0';
		}
		return;
	}
	bool was = x->cut;
	x->cut = false;
	resolve_uncached(x, from, path, in_file, depth, out);
	if (!x->cut) {
		/* The answer's own lookups may have grown the table. */
		if ((m->n + 1) * 2 > m->cap)
			memo_grow(m);
		e = memo_slot(m, key);
		*VEC_PUSH(m->used) = (uint32_t)(e - m->slots);
		e->key = arena_strdup(&m->arena, key);
		e->kind = (uint8_t)out->kind;
		e->file = out->file;
		e->idx = out->idx;
		e->name = out->kind == TYPES_OUTSIDE
				  ? arena_strdup(&m->arena, out->name)
				  : NULL;
		m->n++;
	}
	x->cut |= was;
}

static void
resolve_uncached(struct ctx *x, int32_t from, const char *path, bool in_file,
		 int depth, struct types_value *out)
{
	none(out);
	if (spent(x, depth))
		return;
	size_t plen = strcspn(path, "([");
	char prefix[TYPES_NAME_MAX];
	if (plen == 0 || plen >= sizeof prefix)
		return;
	memcpy(prefix, path, plen);
	prefix[plen] = '\0';
	/* Shorter prefixes are tried only for value paths: a plain name
	 * either resolves or is outside. They never cut into a module
	 * specifier ("../lib/x.js") nor leave only dots (".x"). */
	bool typed = in_file || path[plen] != '\0';
	const char *slash = strrchr(prefix, '/');
	size_t floor =
		slash ? (size_t)(slash - prefix) + 1 : strspn(prefix, ".");
	for (size_t cut = plen;;) {
		prefix[cut] = '\0';
		struct index_capture cap = {0};
		struct index_capture *prev = index_capture_begin(x->ix, &cap);
		struct index_target t =
			in_file ? index_lookup_local(x->ix, from, prefix, 0)
				: index_resolve_name(x->ix, from, prefix, 0);
		index_capture_end(x->ix, prev);
		const char *rest = path + cut;
		if (index_target_found(t)) {
			out->file = t.file;
			out->kind = t.cls >= 0 ? TYPES_CLASS : TYPES_FN;
			out->idx = t.cls >= 0 ? t.cls : t.fn;
			if (t.made)
				call(x, depth, out);
			walk(x, rest, depth + 1, out);
			return;
		}
		if (cap.set) {
			/* Where a binding led: a value path of its file, or
			 * a name outside the project. */
			char next[TYPES_NAME_MAX];
			size_t cn = strlen(cap.name), rn = strlen(rest);
			if (cn + rn + 1 > sizeof next)
				return;
			memcpy(next, cap.name, cn);
			memcpy(next + cn, rest, rn + 1);
			if (cap.in_file || strpbrk(cap.name, "([") != NULL)
				resolve(x, cap.file, next, cap.in_file,
					depth + 1, out);
			else
				outside(out, next, "");
			return;
		}
		if (!typed)
			break;
		size_t k = cut;
		while (k > floor && path[k - 1] != '.')
			k--;
		if (k <= floor + 1)
			break;
		cut = k - 1;
	}
	if (!in_file)
		outside(out, path, "");
}

void
types_resolve(struct sf_index *ix, struct types_memo *memo, int32_t from,
	      const char *path, bool in_file, int depth,
	      struct types_value *out)
{
	struct ctx x = {.ix = ix, .memo = memo};
	resolve(&x, from, path, in_file, depth, out);
}
