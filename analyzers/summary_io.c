/*
 * Summaries on disk. The write side walks every field in declaration order;
 * the read side reads them back in the same order and checks every index
 * against what it refers to. Strings come from the blob's string table:
 * the summary takes one copy of the table as its packed string block, as
 * summary_build's pack() would have made it.
 */
#include "summary_io.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "diagnostic_io.h"
#include "util/xalloc.h"

/* A new field in a summary struct must be written and read here (and
 * SUMMARY_IO_VERSION raised), or warm runs would lose it: these sizes
 * make the build say so. */
#if UINTPTR_MAX == 0xffffffffffffffffu
static_assert(sizeof(struct sf_summary) == 320, "update summary_io.c");
static_assert(sizeof(struct summary_dev) == 20, "update summary_io.c");
static_assert(sizeof(struct summary_prop) == 32, "update summary_io.c");
static_assert(sizeof(struct summary_class) == 16, "update summary_io.c");
static_assert(sizeof(struct summary_type) == 24, "update summary_io.c");
static_assert(sizeof(struct summary_function) == 80, "update summary_io.c");
static_assert(sizeof(struct summary_event) == 32, "update summary_io.c");
static_assert(sizeof(struct summary_call) == 56, "update summary_io.c");
static_assert(sizeof(struct summary_exec) == 64, "update summary_io.c");
static_assert(sizeof(struct summary_binding) == 24, "update summary_io.c");
static_assert(sizeof(struct summary_import) == 24, "update summary_io.c");
static_assert(sizeof(struct sf_export) == 56, "update summary_io.c");
static_assert(sizeof(struct summary_cbref) == 32, "update summary_io.c");
static_assert(sizeof(struct sf_suppression) == 40, "update summary_io.c");
#endif

void
summary_io_write(struct binio_writer *w, const struct sf_summary *s)
{
	binio_put_u8(w, (uint8_t)s->lang);
	binio_put_str(w, s->path);
	binio_put_u32(w, s->flags);
	binio_put_u32(w, s->lines);
	binio_put_u64(w, s->hash);
	binio_put_u32(w, s->markers);
	diagnostic_io_put_pos(w, s->sse_pos);
	binio_put_u32(w, s->nfacts_calls);
	binio_put_u32(w, s->nfacts_functions);

	binio_put_u32(w, s->functions.n);
	for (uint32_t i = 0; i < s->functions.n; i++) {
		const struct summary_function *f = &s->functions.v[i];
		binio_put_str(w, f->name);
		diagnostic_io_put_pos(w, f->pos);
		binio_put_i32(w, f->parent);
		binio_put_u32(w, f->flags);
		binio_put_str(w, f->context);
		binio_put_str(w, f->registered_by);
		binio_put_str(w, f->label);
		diagnostic_io_put_pos(w, f->start);
		diagnostic_io_put_pos(w, f->end);
		binio_put_u32(w, f->effects);
		binio_put_u32(w, f->event0);
		binio_put_u32(w, f->nevents);
		binio_put_u8(w, f->rule_sensitive);
	}
	binio_put_u32(w, s->classes.n);
	for (uint32_t i = 0; i < s->classes.n; i++) {
		binio_put_str(w, s->classes.v[i].name);
		binio_put_u32(w, s->classes.v[i].type0);
		binio_put_u32(w, s->classes.v[i].ntypes);
	}
	binio_put_u32(w, s->types.n);
	for (uint32_t i = 0; i < s->types.n; i++) {
		const struct summary_type *t = &s->types.v[i];
		binio_put_u8(w, t->kind);
		binio_put_u8(w, t->in_file);
		binio_put_i32(w, t->owner);
		binio_put_str(w, t->name);
		binio_put_str(w, t->value);
	}
	binio_put_u32(w, s->events.n);
	for (uint32_t i = 0; i < s->events.n; i++) {
		const struct summary_event *e = &s->events.v[i];
		binio_put_u8(w, (uint8_t)e->kind);
		binio_put_u32(w, e->effects);
		binio_put_str(w, e->what);
		binio_put_str(w, e->replacement);
		diagnostic_io_put_pos(w, e->pos);
	}
	binio_put_u32(w, s->calls.n);
	for (uint32_t i = 0; i < s->calls.n; i++) {
		const struct summary_call *c = &s->calls.v[i];
		binio_put_i32(w, c->fn);
		binio_put_u32(w, c->call);
		binio_put_str(w, c->target);
		binio_put_i32(w, c->local);
		binio_put_u32(w, c->flags);
		binio_put_u8(w, (uint8_t)(c->in_file | c->awaited << 1));
		binio_put_str(w, c->callee);
		diagnostic_io_put_pos(w, c->pos);
		diagnostic_io_put_pos(w, c->end);
	}
	binio_put_u32(w, s->execs.n);
	for (uint32_t i = 0; i < s->execs.n; i++) {
		const struct summary_exec *e = &s->execs.v[i];
		binio_put_u8(w, (uint8_t)e->kind);
		binio_put_i32(w, e->fn);
		binio_put_u32(w, e->call);
		binio_put_str(w, e->via);
		binio_put_i32(w, e->local);
		binio_put_str(w, e->target);
		binio_put_str(w, e->text);
		diagnostic_io_put_pos(w, e->pos);
		diagnostic_io_put_pos(w, e->end);
	}
	binio_put_u32(w, s->bindings.n);
	for (uint32_t i = 0; i < s->bindings.n; i++) {
		binio_put_str(w, s->bindings.v[i].local);
		binio_put_str(w, s->bindings.v[i].target);
		binio_put_u8(w, (uint8_t)(s->bindings.v[i].in_file |
					  s->bindings.v[i].made << 1));
	}
	binio_put_u32(w, s->imports.n);
	for (uint32_t i = 0; i < s->imports.n; i++) {
		binio_put_str(w, s->imports.v[i].module);
		diagnostic_io_put_pos(w, s->imports.v[i].pos);
		binio_put_u8(w, s->imports.v[i].kind);
	}
	binio_put_u32(w, s->exports.n);
	for (uint32_t i = 0; i < s->exports.n; i++) {
		const struct sf_export *e = &s->exports.v[i];
		binio_put_str(w, e->name);
		binio_put_str(w, e->local);
		binio_put_str(w, e->from);
		binio_put_i32(w, e->function);
		diagnostic_io_put_span(w, e->span);
	}
	binio_put_u32(w, s->cbrefs.n);
	for (uint32_t i = 0; i < s->cbrefs.n; i++) {
		const struct summary_cbref *c = &s->cbrefs.v[i];
		binio_put_i32(w, c->fn);
		binio_put_u8(w, (uint8_t)(c->loop | c->startup << 1));
		binio_put_str(w, c->target);
		binio_put_str(w, c->label);
		diagnostic_io_put_pos(w, c->pos);
	}
	binio_put_u32(w, s->props.n);
	for (uint32_t i = 0; i < s->props.n; i++) {
		const struct summary_prop *p = &s->props.v[i];
		binio_put_str(w, p->target);
		binio_put_str(w, p->member);
		binio_put_str(w, p->value);
		binio_put_u8(w, p->in_file);
	}
	binio_put_u32(w, s->suppressions.n);
	for (uint32_t i = 0; i < s->suppressions.n; i++) {
		const struct sf_suppression *p = &s->suppressions.v[i];
		binio_put_u32(w, p->row);
		binio_put_u32(w, p->comment_row);
		binio_put_str(w, p->ids);
		binio_put_u8(w, (uint8_t)p->kind);
		binio_put_u32(w, p->at_row);
		binio_put_u32(w, p->at_col);
		binio_put_u32(w, p->end_row);
		binio_put_u32(w, p->end_col);
	}
	binio_put_u32(w, s->devs.n);
	for (uint32_t i = 0; i < s->devs.n; i++) {
		diagnostic_io_put_pos(w, s->devs.v[i].start);
		diagnostic_io_put_pos(w, s->devs.v[i].end);
		binio_put_i32(w, s->devs.v[i].guard);
	}
}

/* Reading: strings are mapped from the blob's table into the summary's
 * own copy of it. */
struct reader {
	struct binio_reader *r;
	struct sf_summary *s;
};

static const char *
str(struct reader *rd)
{
	const char *p = binio_get_str(rd->r);
	return p ? rd->s->strings + (p - rd->r->strings) : NULL;
}

/* A string that the builder always sets. */
static const char *
str_set(struct reader *rd)
{
	const char *p = str(rd);
	if (p == NULL)
		rd->r->bad = true;
	return p;
}

/* Is v a function of the summary, or -1 (module level)? */
static bool
fn_ok(const struct sf_summary *s, int32_t v)
{
	return v >= -1 && v < (int32_t)s->functions.n;
}

/* Sizes a vector for exactly n elements, read with at least min bytes
 * each. */
#define READ_VEC(rd, vec, min)                                                 \
	do {                                                                   \
		uint32_t n_ = binio_get_count((rd)->r, (min));                 \
		if (n_ > 0) {                                                  \
			(vec).v = xcalloc(n_, sizeof *(vec).v);                \
			(vec).cap = n_;                                        \
		}                                                              \
		(vec).n = n_;                                                  \
	} while (0)

static void
read_functions(struct reader *rd)
{
	struct sf_summary *s = rd->s;
	struct binio_reader *r = rd->r;
	READ_VEC(rd, s->functions, 61);
	for (uint32_t i = 0; i < s->functions.n && !r->bad; i++) {
		struct summary_function *f = &s->functions.v[i];
		f->name = str_set(rd);
		f->pos = diagnostic_io_get_pos(r);
		f->parent = binio_get_i32(r);
		f->flags = binio_get_u32(r);
		f->context = str(rd);
		f->registered_by = str(rd);
		f->label = str(rd);
		f->start = diagnostic_io_get_pos(r);
		f->end = diagnostic_io_get_pos(r);
		f->effects = binio_get_u32(r);
		f->event0 = binio_get_u32(r);
		f->nevents = binio_get_u32(r);
		uint8_t sensitive = binio_get_u8(r);
		f->rule_sensitive = sensitive != 0;
		/* Functions are in pre-order: a parent comes first, so
		 * walking up always ends. */
		if (f->parent < -1 || f->parent >= (int32_t)i || sensitive > 1)
			r->bad = true;
	}
	if (s->nfacts_functions != s->functions.n)
		r->bad = true;
}

static void
read_classes(struct reader *rd)
{
	struct sf_summary *s = rd->s;
	struct binio_reader *r = rd->r;
	READ_VEC(rd, s->classes, 12);
	for (uint32_t i = 0; i < s->classes.n && !r->bad; i++) {
		s->classes.v[i].name = str_set(rd);
		s->classes.v[i].type0 = binio_get_u32(r);
		s->classes.v[i].ntypes = binio_get_u32(r);
	}
	READ_VEC(rd, s->types, 14);
	for (uint32_t i = 0; i < s->types.n && !r->bad; i++) {
		struct summary_type *t = &s->types.v[i];
		t->kind = binio_get_u8(r);
		uint8_t in_file = binio_get_u8(r);
		t->in_file = in_file != 0;
		t->owner = binio_get_i32(r);
		t->name = str(rd);
		t->value = str(rd);
		bool of_fn = t->kind <= SUMMARY_TYPE_PROPERTY;
		/* Functions' entries first, sorted (summary_returns). */
		if (t->kind > SUMMARY_TYPE_ATTR || in_file > 1 ||
		    (of_fn ? !fn_ok(s, t->owner) || t->owner < 0
			   : t->owner < 0 ||
				     (uint32_t)t->owner >= s->classes.n) ||
		    (i > 0 && s->types.v[i - 1].kind <= SUMMARY_TYPE_PROPERTY &&
		     of_fn && s->types.v[i - 1].owner >= t->owner) ||
		    (i > 0 && s->types.v[i - 1].kind > SUMMARY_TYPE_PROPERTY &&
		     of_fn) ||
		    (t->value == NULL && t->kind != SUMMARY_TYPE_PROPERTY) ||
		    ((t->name == NULL) != (t->kind != SUMMARY_TYPE_ATTR)))
			r->bad = true;
	}
	for (uint32_t i = 0; i < s->classes.n && !r->bad; i++) {
		const struct summary_class *c = &s->classes.v[i];
		if (c->type0 > s->types.n || c->ntypes > s->types.n - c->type0)
			r->bad = true;
		for (uint32_t k = 0; k < c->ntypes && !r->bad; k++)
			if (s->types.v[c->type0 + k].owner != (int32_t)i ||
			    s->types.v[c->type0 + k].kind <=
				    SUMMARY_TYPE_PROPERTY)
				r->bad = true;
	}
}

static void
read_events(struct reader *rd)
{
	struct sf_summary *s = rd->s;
	struct binio_reader *r = rd->r;
	READ_VEC(rd, s->events, 21);
	for (uint32_t i = 0; i < s->events.n && !r->bad; i++) {
		struct summary_event *e = &s->events.v[i];
		uint8_t kind = binio_get_u8(r);
		e->kind = (enum summary_event_kind)kind;
		e->effects = binio_get_u32(r);
		e->what = str_set(rd);
		e->replacement = str(rd);
		e->pos = diagnostic_io_get_pos(r);
		if (kind > SUMMARY_EV_NATIVE)
			r->bad = true;
	}
	for (uint32_t i = 0; i < s->functions.n; i++) {
		const struct summary_function *f = &s->functions.v[i];
		if (f->event0 > s->events.n ||
		    f->nevents > s->events.n - f->event0)
			r->bad = true;
	}
}

static void
read_calls(struct reader *rd)
{
	struct sf_summary *s = rd->s;
	struct binio_reader *r = rd->r;
	READ_VEC(rd, s->calls, 41);
	for (uint32_t i = 0; i < s->calls.n && !r->bad; i++) {
		struct summary_call *c = &s->calls.v[i];
		c->fn = binio_get_i32(r);
		c->call = binio_get_u32(r);
		c->target = str(rd);
		c->local = binio_get_i32(r);
		c->flags = binio_get_u32(r);
		uint8_t bits = binio_get_u8(r);
		c->in_file = bits & 1;
		c->awaited = (bits & 2) != 0;
		c->callee = str_set(rd);
		c->pos = diagnostic_io_get_pos(r);
		c->end = diagnostic_io_get_pos(r);
		/* Sorted by call, which summary_call_at searches. */
		if (!fn_ok(s, c->fn) || !fn_ok(s, c->local) ||
		    c->call >= s->nfacts_calls || bits > 3 ||
		    (c->in_file && c->target == NULL) ||
		    (i > 0 && c->call <= s->calls.v[i - 1].call))
			r->bad = true;
	}
}

static void
read_execs(struct reader *rd)
{
	struct sf_summary *s = rd->s;
	struct binio_reader *r = rd->r;
	READ_VEC(rd, s->execs, 41);
	for (uint32_t i = 0; i < s->execs.n && !r->bad; i++) {
		struct summary_exec *e = &s->execs.v[i];
		uint8_t kind = binio_get_u8(r);
		e->kind = (enum summary_exec_kind)kind;
		e->fn = binio_get_i32(r);
		e->call = binio_get_u32(r);
		e->via = str_set(rd);
		e->local = binio_get_i32(r);
		e->target = str(rd);
		e->text = str_set(rd);
		e->pos = diagnostic_io_get_pos(r);
		e->end = diagnostic_io_get_pos(r);
		if (kind > SUMMARY_EXEC_PROCESS || !fn_ok(s, e->fn) ||
		    !fn_ok(s, e->local) || e->call >= s->nfacts_calls)
			r->bad = true;
	}
}

static void
read_names(struct reader *rd)
{
	struct sf_summary *s = rd->s;
	struct binio_reader *r = rd->r;
	READ_VEC(rd, s->bindings, 9);
	for (uint32_t i = 0; i < s->bindings.n && !r->bad; i++) {
		struct summary_binding *b = &s->bindings.v[i];
		b->local = str_set(rd);
		b->target = str_set(rd);
		uint8_t bits = binio_get_u8(r);
		b->in_file = bits & 1;
		b->made = (bits & 2) != 0;
		if (bits > 3)
			r->bad = true;
	}
	READ_VEC(rd, s->imports, 13);
	for (uint32_t i = 0; i < s->imports.n && !r->bad; i++) {
		s->imports.v[i].module = str_set(rd);
		s->imports.v[i].pos = diagnostic_io_get_pos(r);
		s->imports.v[i].kind = binio_get_u8(r);
		if (s->imports.v[i].kind > SUMMARY_IMPORT_PROCESS)
			r->bad = true;
	}
	READ_VEC(rd, s->exports, 40);
	for (uint32_t i = 0; i < s->exports.n && !r->bad; i++) {
		struct sf_export *e = &s->exports.v[i];
		e->name = str_set(rd);
		e->local = str(rd);
		e->from = str(rd);
		e->function = binio_get_i32(r);
		e->span = diagnostic_io_get_span(r);
		if (!fn_ok(s, e->function))
			r->bad = true;
	}
	READ_VEC(rd, s->cbrefs, 21);
	for (uint32_t i = 0; i < s->cbrefs.n && !r->bad; i++) {
		struct summary_cbref *c = &s->cbrefs.v[i];
		c->fn = binio_get_i32(r);
		uint8_t bits = binio_get_u8(r);
		c->loop = (bits & 1) != 0;
		c->startup = (bits & 2) != 0;
		if (bits > 3)
			r->bad = true;
		c->target = str_set(rd);
		c->label = str_set(rd);
		c->pos = diagnostic_io_get_pos(r);
		if (!fn_ok(s, c->fn))
			r->bad = true;
	}
	READ_VEC(rd, s->props, 13);
	for (uint32_t i = 0; i < s->props.n && !r->bad; i++) {
		struct summary_prop *p = &s->props.v[i];
		p->target = str_set(rd);
		p->member = str_set(rd);
		p->value = str_set(rd);
		uint8_t in_file = binio_get_u8(r);
		p->in_file = in_file != 0;
		if (in_file > 1)
			r->bad = true;
	}
	READ_VEC(rd, s->suppressions, 29);
	for (uint32_t i = 0; i < s->suppressions.n && !r->bad; i++) {
		struct sf_suppression *p = &s->suppressions.v[i];
		p->row = binio_get_u32(r);
		p->comment_row = binio_get_u32(r);
		p->ids = str(rd);
		uint8_t kind = binio_get_u8(r);
		p->kind = kind;
		if (kind > SF_SUPPRESS_FILE_LATE)
			r->bad = true;
		p->at_row = binio_get_u32(r);
		p->at_col = binio_get_u32(r);
		p->end_row = binio_get_u32(r);
		p->end_col = binio_get_u32(r);
	}
	READ_VEC(rd, s->devs, 20);
	for (uint32_t i = 0; i < s->devs.n && !r->bad; i++) {
		struct summary_dev *d = &s->devs.v[i];
		d->start = diagnostic_io_get_pos(r);
		d->end = diagnostic_io_get_pos(r);
		d->guard = binio_get_i32(r);
		if (d->guard < -1 || d->guard >= (int32_t)s->calls.n)
			r->bad = true;
	}
}

/* The bytes summary_io_write writes for s, its text's hash and line
 * count left out, appended to out. */
static void
put_but_text(const struct sf_summary *s, struct strbuf *out)
{
	struct sf_summary t = *s;
	t.hash = 0;
	t.lines = 0;
	struct binio_writer w;
	binio_writer_init(&w);
	summary_io_write(&w, &t);
	binio_writer_output(&w, out);
	binio_writer_finish(&w);
}

bool
summary_io_same(const struct sf_summary *a, const struct sf_summary *b)
{
	struct strbuf x, y;
	strbuf_init(&x);
	strbuf_init(&y);
	put_but_text(a, &x);
	put_but_text(b, &y);
	bool same = x.len == y.len &&
		    memcmp(strbuf_str(&x), strbuf_str(&y), x.len) == 0;
	strbuf_finish(&x);
	strbuf_finish(&y);
	return same;
}

struct sf_summary *
summary_io_read(struct binio_reader *r)
{
	struct sf_summary *s = xcalloc(1, sizeof *s);
	arena_init(&s->arena);
	s->strings = xmalloc(r->nstrings ? r->nstrings : 1);
	if (r->nstrings > 0)
		memcpy(s->strings, r->strings, r->nstrings);
	struct reader rd = {.r = r, .s = s};
	uint8_t lang = binio_get_u8(r);
	s->lang = (enum sf_lang)lang;
	const char *path = binio_get_str(r);
	s->path = xstrdup(path ? path : "");
	s->flags = binio_get_u32(r);
	s->lines = binio_get_u32(r);
	s->hash = binio_get_u64(r);
	s->markers = binio_get_u32(r);
	s->sse_pos = diagnostic_io_get_pos(r);
	s->nfacts_calls = binio_get_u32(r);
	s->nfacts_functions = binio_get_u32(r);
	if (lang >= SF_LANG_COUNT || path == NULL)
		r->bad = true;
	read_functions(&rd);
	read_classes(&rd);
	read_events(&rd);
	read_calls(&rd);
	read_execs(&rd);
	read_names(&rd);
	if (r->bad) {
		summary_destroy(s);
		return NULL;
	}
	summary_index_names(s);
	return s;
}
