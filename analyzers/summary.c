/*
 * Summaries: one pass over a file's facts that keeps what the index needs —
 * per function its own effects and the places that show them, the calls
 * that may reach project code, the callables sent to threads and
 * processes, module-level imports and exports — with positions converted
 * to lines and code-point columns while the text is at hand.
 */
#include "summary.h"

#include <stdlib.h>
#include <string.h>

#include "frameworks.h"
#include "language.h"
#include "roles.h"
#include "util/hash.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Direct events kept per function: enough for a message and a few
 * related locations; a function with more still has every effect bit. */
#define SUMMARY_EVENTS_PER_FN 4
/* Longest first argument kept in a registration's label. */
#define SUMMARY_LABEL_ARG_MAX 60

uint64_t
summary_hash_text(const char *text, uint32_t len)
{
	/* Eight bytes a step (FNV-1a's byte loop cost 0.4 % of an audit):
	 * this only tells one text of a file from another. */
	uint64_t h = 14695981039346656037ull ^ len;
	uint32_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, text + i, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 1099511628211ull;
	return h;
}

const char *
summary_kind_words(enum sf_api_kind kind)
{
	switch (kind) {
	case SF_API_SYNC_FS:
		return "a synchronous file-system call";
	case SF_API_SYNC_PROCESS:
		return "a synchronous child process";
	case SF_API_SYNC_ZLIB:
		return "synchronous compression";
	case SF_API_SYNC_CRYPTO:
		return "CPU-bound synchronous crypto";
	case SF_API_SLEEP:
		return "a sleep that blocks the thread";
	case SF_API_NETWORK:
		return "a blocking network call";
	case SF_API_SUBPROCESS:
		return "a blocking subprocess call";
	case SF_API_FILE_IO:
		return "blocking file I/O";
	case SF_API_INPUT:
		return "a blocking read of standard input";
	case SF_API_DATABASE:
		return "a blocking database call";
	case SF_API_SYNC_PRIMITIVE:
		return "a blocking lock or queue";
	case SF_API_FUTURE_WAIT:
		return "a wait for work in a thread or process pool";
	case SF_API_RELEASES_GIL:
		return "native code that releases the GIL";
	case SF_API_THREAD_SUBMIT:
		return "a hand-off to a thread";
	case SF_API_PROCESS_SUBMIT:
		return "a hand-off to a process";
	case SF_API_CLOCK:
		return "a clock";
	case SF_API_LARGE_DATA:
		return "data that can be large";
	case SF_API_NO_IO:
		return "a call that does no I/O";
	case SF_API_KIND_COUNT:
		break;
	}
	return "a blocking call";
}

bool
summary_read_once(enum sf_api_kind kind, uint32_t fn_flags)
{
	return (fn_flags & SF_FN_CACHES) &&
	       (kind == SF_API_FILE_IO || kind == SF_API_SYNC_FS);
}

uint32_t
summary_api_effects(enum sf_api_kind kind)
{
	switch (kind) {
	case SF_API_SYNC_CRYPTO:
		return SUMMARY_CPU;
	case SF_API_SLEEP:
		return SUMMARY_BLOCKS;
	case SF_API_SYNC_PRIMITIVE:
		/* Waits, but on the program itself: not I/O, and not what
		 * PY202/JS107 are about (PY204 is). */
		return 0;
	case SF_API_RELEASES_GIL:
		return SUMMARY_NATIVE;
	case SF_API_THREAD_SUBMIT:
	case SF_API_PROCESS_SUBMIT:
	case SF_API_CLOCK:
	case SF_API_NO_IO:
		/* Hands work elsewhere, reads a clock or does no I/O:
		 * nothing that blocks the caller. */
		return 0;
	default:
		return SUMMARY_BLOCKS | SUMMARY_IO;
	}
}

struct builder {
	struct sf_facts *f;
	const struct sf_family *family; /* f's */
	struct sf_summary *s;
	const char *text;
	uint32_t len;
	/* Events per function, in build order; copied grouped at the end. */
	VEC(struct summary_event) pending;
	VEC(int32_t) pending_fn;
	/* The last position computed (pos_of). */
	uint32_t pos_row, pos_byte, pos_col;
	bool pos_valid;
	/* Per call of f: its name is in the catalogue (build_calls asks,
	 * build_sensitivity reads). */
	bool *catalogued;
};

/* Where a span starts, as readers count: 1-based line, code points.
 * Positions come mostly in increasing order (functions, then calls, in
 * pre-order), so the last answer is the start of the next count: on a
 * minified file's one long line, counting from the line start each time
 * would be quadratic. */
static struct sf_position
pos_of(struct builder *b, struct sf_span span)
{
	if (b->pos_valid && b->pos_row == span.start_row &&
	    b->pos_byte <= span.start && span.start <= b->len) {
		b->pos_col += utf8_count(b->text + b->pos_byte,
					 span.start - b->pos_byte);
	} else {
		struct sf_position p = diag_position(
			b->text, b->len, span.start_row, span.start);
		b->pos_col = p.column - 1;
		b->pos_row = span.start_row;
		b->pos_valid = span.start <= b->len;
	}
	b->pos_byte = span.start;
	return (struct sf_position){.line = span.start_row + 1,
				    .column = b->pos_col + 1};
}

/* Where a span ends, given where it starts (pos_of): counted from the
 * start when both are on one line, not from the line's start. */
static struct sf_position
end_of(const struct builder *b, struct sf_span span, struct sf_position start)
{
	if (span.end_row != span.start_row || span.end > b->len ||
	    span.start > span.end)
		return diag_position(b->text, b->len, span.end_row, span.end);
	return (struct sf_position){
		.line = start.line,
		.column = start.column + utf8_count(b->text + span.start,
						    span.end - span.start),
	};
}

static const char *
copy(struct sf_summary *s, const char *str)
{
	return str ? arena_strdup(&s->arena, str) : NULL;
}

static void
add_event(struct builder *b, int32_t fn, enum summary_event_kind kind,
	  uint32_t effects, const char *what, const char *replacement,
	  struct sf_position pos)
{
	if (fn < 0 || effects == 0)
		return;
	struct summary_event *e = VEC_PUSH(b->pending);
	e->kind = kind;
	e->effects = effects;
	e->what = what;
	e->replacement = replacement;
	e->pos = pos;
	*VEC_PUSH(b->pending_fn) = fn;
	b->s->functions.v[fn].effects |= effects;
}

/* Longest "Class.method" looked up by the helpers below; longer names
 * are not this file's functions as far as summaries care. */
#define SUMMARY_NAME_MAX 256

/* The summary's function named a + "." + b (b may be NULL), or -1. The
 * summary's own name index needs no copy of the facts' names. */
static int32_t
find_joined(const struct sf_summary *s, const char *a, size_t an, const char *b)
{
	char buf[SUMMARY_NAME_MAX];
	size_t bn = b ? strlen(b) : 0;
	if (an + bn + 2 > sizeof buf)
		return -1;
	memcpy(buf, a, an);
	if (b != NULL) {
		buf[an] = '.';
		memcpy(buf + an + 1, b, bn + 1);
	} else {
		buf[an] = '\0';
	}
	return summary_find_function(s, buf);
}

/* A function of this file named by a call's callee or an argument:
 * `helper`, `this.helper` / `self.helper` / `cls.helper` (a method of the
 * caller's class), `obj.method` of an object literal. -1 when none. */
static int32_t
local_function(const struct builder *b, int32_t fn, const char *path)
{
	const struct sf_facts *f = b->f;
	if (path == NULL)
		return -1;
	size_t self =
		strncmp(path, "this.", 5) == 0 || strncmp(path, "self.", 5) == 0
			? 5
		: strncmp(path, "cls.", 4) == 0 ? 4
						: 0;
	if (self > 0 && fn >= 0) {
		int32_t cls = f->functions.v[fn].class_index;
		if (cls < 0 || strchr(path + self, '.') != NULL)
			return -1;
		const char *name = f->classes.v[cls].name;
		return find_joined(b->s, name, strlen(name), path + self);
	}
	int32_t found = summary_find_function(b->s, path);
	return found >= 0 ? found : summary_find_constructor(b->s, path);
}

/* "router.get('/invoice/:id')": a registering call as written, with its
 * first string argument; prefix goes before it ("@" for decorators). */
static const char *
call_label(struct builder *b, const struct sf_call *c, const char *prefix)
{
	const char *callee = c->callee ? c->callee
			     : c->name ? c->name
				       : c->method;
	if (callee == NULL)
		return NULL;
	const struct sf_arg *a = facts_call_arg(b->f, c, 0, NULL);
	if (a != NULL && a->kind == SF_ARG_STRING &&
	    strlen(a->text) <= SUMMARY_LABEL_ARG_MAX)
		return arena_printf(&b->s->arena, "%s%s('%s')", prefix, callee,
				    a->text);
	return arena_printf(&b->s->arena, "%s%s", prefix, callee);
}

static void
build_functions(struct builder *b)
{
	struct sf_facts *f = b->f;
	struct sf_summary *s = b->s;
	/* Exactly as many as the facts hold: no growth, nothing to trim. */
	s->functions.v =
		xreallocarray(NULL, f->functions.n ? f->functions.n : 1,
			      sizeof *s->functions.v);
	s->functions.cap = f->functions.n ? f->functions.n : 1;
	for (uint32_t i = 0; i < f->functions.n; i++) {
		const struct sf_function *fn = &f->functions.v[i];
		struct summary_function *sf = VEC_PUSH(s->functions);
		sf->name = copy(s, fn->name ? fn->name : "<anonymous>");
		sf->start = pos_of(b, fn->span);
		sf->end = end_of(b, fn->span, sf->start);
		sf->pos = pos_of(b, fn->name_span);
		sf->parent = fn->parent;
		sf->flags = fn->flags;
		sf->context = copy(s, fn->context);
		if (fn->cb_call >= 0) {
			const struct sf_call *c = &f->calls.v[fn->cb_call];
			sf->registered_by =
				copy(s, c->name ? c->name : c->callee);
			sf->label = call_label(b, c, "");
		}
	}
	for (uint32_t i = 0; i < f->decorators.n; i++) {
		const struct sf_decorator *d = &f->decorators.v[i];
		if (d->function < 0 || d->name == NULL ||
		    s->functions.v[d->function].registered_by != NULL)
			continue;
		struct summary_function *sf = &s->functions.v[d->function];
		sf->registered_by = copy(s, d->name);
		sf->label = d->call >= 0
				    ? call_label(b, &f->calls.v[d->call], "@")
				    : arena_printf(&s->arena, "@%s", d->name);
	}
	for (uint32_t i = 0; i < f->classes.n; i++)
		VEC_PUSH(s->classes)->name = copy(s, f->classes.v[i].name);
}

/* A callable handed to a thread or a process (the family's reading of
 * hand-offs): its kind, argument and function of this file, or false. */
static bool
handoff(struct builder *b, const struct summary_env *env,
	const struct sf_call *c, enum summary_exec_kind *kind,
	const struct sf_arg **arg, int32_t *local)
{
	if (b->family->handoff == NULL)
		return false;
	enum language_handoff k =
		b->family->handoff(b->f, env->catalogue, c, arg, local);
	if (k == LANGUAGE_HANDOFF_NONE || *arg == NULL)
		return false;
	*kind = k == LANGUAGE_HANDOFF_THREAD ? SUMMARY_EXEC_THREAD
					     : SUMMARY_EXEC_PROCESS;
	return true;
}

/* The class of an instance binding's target "Cls()" (as written): the
 * imported name it resolves to, or Cls itself when it is defined in this
 * file (*in_file). NULL for anything else ("f()()", "a.b().c()"). */
static const char *
instance_class(struct sf_facts *f, int32_t scope, uint32_t pos,
	       const char *target, bool *in_file)
{
	*in_file = false;
	size_t n = target ? strlen(target) : 0;
	if (n < 3 || strcmp(target + n - 2, "()") != 0 ||
	    memchr(target, '(', n - 2) != NULL)
		return NULL;
	const char *cls = arena_strndup(&f->arena, target, n - 2);
	bool bound;
	const char *r = facts_resolve(f, scope, pos, cls, &bound);
	if (r != NULL)
		return r;
	if (!bound || strchr(cls, '.') != NULL)
		return NULL;
	*in_file = true;
	return cls;
}

/* `db.query()` with `db = Database()` (an instance of a class of this
 * file, bound in scope): the method `Database.query`, or -1. */
static int32_t
instance_method(const struct builder *b, const struct sf_call *c)
{
	struct sf_facts *f = b->f;
	if (c->callee == NULL)
		return -1;
	const char *dot = strchr(c->callee, '.');
	char head[SUMMARY_NAME_MAX];
	size_t hn = dot ? (size_t)(dot - c->callee) : 0;
	if (dot == NULL || strchr(dot + 1, '.') != NULL || hn >= sizeof head)
		return -1;
	memcpy(head, c->callee, hn);
	head[hn] = '\0';
	const struct sf_binding *bd =
		facts_lookup(f, c->function, c->span.start, head);
	if (bd == NULL || bd->kind != SF_BIND_INSTANCE)
		return -1;
	bool in_file;
	const char *cls = instance_class(f, bd->scope, bd->span.start,
					 bd->target, &in_file);
	if (cls == NULL || !in_file)
		return -1;
	return find_joined(b->s, cls, strlen(cls), dot + 1);
}

/* Functions under functools' cache decorators keep what they compute
 * too (SF_FN_CACHES). */
static void
mark_caches(struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->decorators.n; i++) {
		const struct sf_decorator *d = &f->decorators.v[i];
		if (d->function >= 0 && d->name != NULL &&
		    (strcmp(d->name, "functools.cache") == 0 ||
		     strcmp(d->name, "functools.lru_cache") == 0))
			f->functions.v[d->function].flags |= SF_FN_CACHES;
	}
}

/* --- types ---------------------------------------------------------------- */

/* Longest value path kept; a longer one is generated code. */
#define SUMMARY_VALUE_MAX 512
/* Assignments followed to find what a name stands for. */
#define SUMMARY_VALUE_DEPTH 8

/* The class whose instance `self`/`this` (or, with cls, the class `cls`)
 * is in function fn, or -1. */
static int32_t
class_of_self(const struct sf_facts *f, int32_t fn, const char *head,
	      bool *instance)
{
	*instance = strcmp(head, "cls") != 0;
	if (fn < 0 || (strcmp(head, "self") != 0 && strcmp(head, "this") != 0 &&
		       strcmp(head, "cls") != 0))
		return -1;
	return f->functions.v[fn].class_index;
}

/* What path stands for, seen from function scope at pos, as a value path
 * (struct summary_type): resolved through imports, or, with *in_file,
 * headed by a class or function of this file (`self.repo` in a method of
 * Store is "Store().repo"). NULL when it is neither (a parameter, a local
 * of unknown value). */
/* The module-level property of object that rest (".kernel.init") names
 * first, or NULL. */
static const struct sf_prop *
object_prop(const struct sf_facts *f, const char *object, const char *rest)
{
	if (rest[0] != '.')
		return NULL;
	size_t n = strcspn(rest + 1, ".([");
	for (uint32_t i = 0; i < f->props.n; i++) {
		const struct sf_prop *p = &f->props.v[i];
		if (p->scope == -1 && strcmp(p->object, object) == 0 &&
		    strlen(p->member) == n &&
		    strncmp(p->member, rest + 1, n) == 0)
			return p;
	}
	return NULL;
}

/* a, b and c joined, in the arena: value_of builds a path for most calls,
 * and printf costs more than the lookups around it. A NULL piece is
 * written as printf's %s writes it. */
static const char *
join3(struct arena *ar, const char *a, const char *b, const char *c)
{
	const char *v[3] = {a ? a : "(null)", b ? b : "(null)",
			    c ? c : "(null)"};
	size_t n[3], total = 0;
	for (int i = 0; i < 3; i++)
		total += n[i] = strlen(v[i]);
	char *out = arena_alloc(ar, total + 1);
	size_t at = 0;
	for (int i = 0; i < 3; i++) {
		memcpy(out + at, v[i], n[i]);
		at += n[i];
	}
	return out;
}

static const char *
value_of(struct builder *b, int32_t scope, uint32_t pos, const char *path,
	 bool *in_file, int depth)
{
	struct sf_facts *f = b->f;
	*in_file = false;
	if (path == NULL || depth > SUMMARY_VALUE_DEPTH ||
	    strlen(path) > SUMMARY_VALUE_MAX)
		return NULL;
	size_t n = strcspn(path, ".([");
	char head[SUMMARY_NAME_MAX];
	if (n == 0 || n >= sizeof head)
		return NULL;
	memcpy(head, path, n);
	head[n] = '\0';
	const char *rest = path + n;
	const struct sf_binding *bd = facts_lookup(f, scope, pos, head);
	/* An annotated parameter or variable (`repo: UserRepo`, `repos:
	 * Repos = Depends(get_repos)`): an instance of the class its
	 * annotation names, whatever its value says. */
	if (bd != NULL && bd->type != NULL) {
		const char *next = join3(&b->s->arena, bd->type, "()", rest);
		return value_of(b, bd->scope, bd->span.start, next, in_file,
				depth + 1);
	}
	/* facts_resolve finds bd first, as above: without a target it
	 * resolves nothing (but `require(m)...`, which it reads itself). */
	if ((bd != NULL && bd->kind != SF_BIND_LOCAL && bd->target != NULL) ||
	    strncmp(path, "require(", 8) == 0) {
		bool bound;
		const char *r = facts_resolve(f, scope, pos, path, &bound);
		if (r != NULL)
			return r;
	}
	if (bd == NULL || bd->kind == SF_BIND_LOCAL) {
		bool instance;
		int32_t cls = class_of_self(f, scope, head, &instance);
		if (cls >= 0) {
			*in_file = true;
			return join3(&b->s->arena, f->classes.v[cls].name,
				     instance ? "()" : "", rest);
		}
		if (bd == NULL)
			return NULL;
		/* A property of a module-level object (`const APP = {
		 * kernel: require('./kernel') }` or `APP.kernel = ...`):
		 * what it was set to. */
		const struct sf_prop *p =
			bd->scope == -1 ? object_prop(f, head, rest) : NULL;
		if (p != NULL) {
			const char *next = join3(&b->s->arena, p->value, "",
						 rest + 1 + strlen(p->member));
			return value_of(b, -1, p->pos, next, in_file,
					depth + 1);
		}
		/* A class or function of the module. */
		if (bd->scope == -1 &&
		    (summary_find_function(b->s, head) >= 0 ||
		     summary_find_class(b->s, head) >= 0)) {
			*in_file = true;
			return path;
		}
		return NULL;
	}
	if (bd->target == NULL)
		return NULL;
	/* An assignment of something of this file: what it was assigned. */
	const char *next = join3(&b->s->arena, bd->target, "", rest);
	return value_of(b, bd->scope, bd->span.start, next, in_file, depth + 1);
}

/* A resolved name with a call in it that may lead into the project
 * through the index's types ("app.repos.get_repos().users.get",
 * "app.db.Database().query"): the name before its first call may. */
static bool
typed_name(const struct builder *b, const char *name)
{
	const char *paren = strchr(name, '(');
	char head[SUMMARY_NAME_MAX];
	size_t n = paren ? (size_t)(paren - name) : 0;
	if (paren == NULL || n == 0 || n >= sizeof head ||
	    strlen(name) > SUMMARY_VALUE_MAX)
		return false;
	memcpy(head, name, n);
	head[n] = '\0';
	return b->family->may_be_project(head);
}

/* Per call of f: is it the coroutine a spawning call
 * (`asyncio.create_task(poll())`) runs as a task of its own? NULL when
 * none is. Owned by the caller. */
static bool *
spawned_calls(const struct sf_facts *f)
{
	bool *spawned = NULL;
	enum sf_family_id fam = language_family_of(f->lang);
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		const char *name = c->name ? c->name : c->callee;
		if (name == NULL || c->nargs == 0 ||
		    !roles_match(fam, ROLES_SPAWN, name, NULL))
			continue;
		const struct sf_arg *a = &f->args.v[c->arg0];
		if (a->kind != SF_ARG_CALL || a->call < 0)
			continue;
		if (spawned == NULL)
			spawned = xcalloc(f->calls.n, sizeof *spawned);
		spawned[a->call] = true;
	}
	return spawned;
}

static void
build_calls(struct builder *b, const struct summary_env *env)
{
	struct sf_facts *f = b->f;
	struct sf_summary *s = b->s;
	bool *spawned = spawned_calls(f);
	b->catalogued =
		xcalloc(f->calls.n ? f->calls.n : 1, sizeof *b->catalogued);
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		for (uint32_t a = 0; a < c->nargs; a++) {
			const struct sf_arg *arg = &f->args.v[c->arg0 + a];
			if (arg->kind == SF_ARG_STRING &&
			    !(s->markers & SUMMARY_MARK_SSE) &&
			    strcmp(arg->text, "text/event-stream") == 0) {
				s->markers |= SUMMARY_MARK_SSE;
				s->sse_pos = pos_of(b, arg->span);
			}
		}
		const struct sf_api *api =
			catalogue_match(env->catalogue, f->lang, c->name);
		b->catalogued[i] = api != NULL;
		/* Hand-offs are read below; a clock, or a member that does
		 * no I/O, is no effect. */
		if (api != NULL &&
		    (api->kind == SF_API_THREAD_SUBMIT ||
		     api->kind == SF_API_PROCESS_SUBMIT ||
		     api->kind == SF_API_CLOCK || api->kind == SF_API_NO_IO))
			api = NULL;
		/* Where calls make coroutines, a directly awaited call
		 * returns an awaitable (PY201's rule): not the blocking
		 * API. */
		bool awaited =
			b->family->coroutines && (c->flags & SF_CALL_AWAITED);
		/* A file read by a function that caches what it reads
		 * happens once per key (a translation, a template), not on
		 * each call: no effect its callers wait for. */
		if (api != NULL && !awaited && c->function >= 0 &&
		    summary_read_once(api->kind,
				      f->functions.v[c->function].flags))
			continue;
		if (api != NULL && !awaited) {
			add_event(b, c->function, SUMMARY_EV_API,
				  summary_api_effects(api->kind),
				  arena_printf(&s->arena, "`%s`, %s", c->name,
					       summary_kind_words(api->kind)),
				  copy(s, api->replacement),
				  pos_of(b, c->callee_span));
			continue;
		}
		if (c->name != NULL) {
			/* The catalogue's releases-gil entries cover every
			 * name under theirs (numpy.linalg.solve). */
			if (b->family->releases_gil != NULL &&
			    b->family->releases_gil(env->catalogue, c->name))
				add_event(b, c->function, SUMMARY_EV_NATIVE,
					  SUMMARY_NATIVE,
					  arena_printf(&s->arena, "`%s`",
						       c->name),
					  NULL, pos_of(b, c->callee_span));
			/* Before the frameworks: worker_threads is one. */
			if (b->family->call_markers != NULL)
				s->markers |= b->family->call_markers(c->name);
			if (frameworks_for_import(b->family->id, c->name) !=
			    NULL)
				continue;
		}
		enum summary_exec_kind ek;
		const struct sf_arg *ea;
		int32_t target_fn;
		if (handoff(b, env, c, &ek, &ea, &target_fn)) {
			struct summary_exec *e = VEC_PUSH(s->execs);
			e->kind = ek;
			e->fn = c->function;
			e->call = i;
			e->via = copy(s, c->callee ? c->callee : c->name);
			e->local = target_fn;
			e->target = e->local < 0 && ea->kind == SF_ARG_NAME
					    ? copy(s, ea->resolved)
					    : NULL;
			e->text = copy(s, ea->text ? ea->text : "lambda");
			e->pos = pos_of(b, ea->span);
			e->end =
				pos_of(b, (struct sf_span){
						  .start = ea->span.end,
						  .start_row = ea->span.end_row,
					  });
			continue;
		}
		/* A call that may reach project code. */
		int32_t local = -1;
		const char *target = NULL;
		bool in_file = false;
		if (c->name == NULL) {
			local = local_function(b, c->function, c->callee);
			if (local < 0)
				local = instance_method(b, c);
			/* `self.repo.get()`, `store.rows.first()`: a method
			 * the index's types may find. */
			if (local < 0)
				target = value_of(b, c->function, c->span.start,
						  c->callee, &in_file, 0);
			/* A project module's function through a property
			 * of an object (`APP.kernel.init()`) too. */
			if (target != NULL && !in_file &&
			    !typed_name(b, target) &&
			    (strchr(target, '(') != NULL ||
			     !b->family->may_be_project(target)))
				target = NULL;
		} else if (strncmp(c->name, "this.", 5) == 0) {
			/* `self.load()`, `self.store.get()` with `const self
			 * = this`: as written with `this`. */
			local = local_function(b, c->function, c->name);
			if (local < 0)
				target = value_of(b, c->function, c->span.start,
						  c->name, &in_file, 0);
			if (target != NULL && !in_file &&
			    !typed_name(b, target))
				target = NULL;
		} else if (strncmp(c->name, "module.exports.", 15) == 0 ||
			   strncmp(c->name, "exports.", 8) == 0) {
			/* `Themes.setPath()` with `const Themes =
			 * module.exports`: the module's own function. */
			local = local_function(b, c->function, c->callee);
		} else if (strchr(c->name, '(') == NULL &&
			   b->family->may_be_project(c->name)) {
			target = c->name;
		} else if (typed_name(b, c->name)) {
			target = c->name;
		}
		if (local < 0 && target == NULL)
			continue;
		struct summary_call *sc = VEC_PUSH(s->calls);
		sc->fn = c->function;
		sc->call = i;
		sc->local = local;
		sc->flags = spawned && spawned[i] ? SUMMARY_CALL_SPAWN : 0;
		if (c->flags & SF_CALL_DEV_ONLY)
			sc->flags |= SUMMARY_CALL_DEV_ONLY;
		sc->in_file = in_file;
		sc->awaited = (c->flags & SF_CALL_AWAITED) != 0;
		sc->target = copy(s, target);
		sc->callee = copy(s, c->callee ? c->callee : c->name);
		sc->pos = pos_of(b, c->callee_span);
		sc->end = end_of(b, c->callee_span, sc->pos);
	}
	free(spawned);
}

static void
build_sensitivity(struct builder *b)
{
	struct sf_facts *f = b->f;
	struct sf_summary *s = b->s;
	for (uint32_t i = 0; i < f->loops.n; i++)
		if (f->loops.v[i].function >= 0)
			s->functions.v[f->loops.v[i].function].rule_sensitive =
				true;
	for (uint32_t i = 0; i < f->regexes.n; i++)
		if (f->regexes.v[i].function >= 0)
			s->functions.v[f->regexes.v[i].function]
				.rule_sensitive = true;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->function >= 0 && c->name != NULL && b->catalogued[i])
			s->functions.v[c->function].rule_sensitive = true;
	}
	/* Nested functions come after their parent (pre-order). */
	for (uint32_t i = s->functions.n; i-- > 0;) {
		const struct summary_function *sf = &s->functions.v[i];
		if (sf->rule_sensitive && sf->parent >= 0)
			s->functions.v[sf->parent].rule_sensitive = true;
	}
}

static void
build_cost(struct builder *b, const struct summary_env *env)
{
	struct sf_facts *f = b->f;
	struct sf_summary *s = b->s;
	struct cost_result cr;
	cost_analyze(f, env->catalogue, env->cost, &cr);
	for (uint32_t i = 0; i < cr.nloops; i++) {
		const struct cost_loop *cl = &cr.loops[i];
		const struct sf_loop *l = &f->loops.v[i];
		if (!cl->heavy || !cl->outermost)
			continue;
		/* `while True:` that breaks or returns is how a plain function
		 * reads until the end or retries: endless only in name. (In
		 * event-loop code the per-file rules judge it.) */
		double threshold = env->cost && env->cost->heavy_work > 0
					   ? env->cost->heavy_work
					   : COST_HEAVY_WORK;
		bool only_endless =
			cl->endless && !(cl->work >= threshold) &&
			!(cl->collection_depth >= 2 && cl->inner_ops);
		if (only_endless && (l->flags & SF_LOOP_BREAKS))
			continue;
		add_event(b, l->function, SUMMARY_EV_LOOP, SUMMARY_CPU,
			  arena_printf(&s->arena, "a loop (%s)", cl->reason),
			  NULL, pos_of(b, l->span));
	}
	for (uint32_t i = 0; i < cr.nfunctions; i++)
		if (cr.tree_recursive[i])
			add_event(b, (int32_t)i, SUMMARY_EV_RECURSION,
				  SUMMARY_CPU,
				  arena_printf(&s->arena,
					       "`%s` calls itself more than "
					       "once (tree recursion)",
					       f->functions.v[i].name),
				  NULL, s->functions.v[i].pos);
	cost_result_finish(&cr);
}

static bool
is_property(const char *decorator)
{
	const char *last = facts_last_segment(decorator);
	return strcmp(last, "property") == 0 ||
	       strcmp(last, "cached_property") == 0;
}

static void
push_type(struct builder *b, enum summary_type_kind kind, int32_t owner,
	  const char *name, int32_t scope, uint32_t pos, const char *path)
{
	bool in_file = false;
	const char *value =
		path ? value_of(b, scope, pos, path, &in_file, 0) : NULL;
	if (value == NULL && kind != SUMMARY_TYPE_PROPERTY)
		return;
	struct summary_type *t = VEC_PUSH(b->s->types);
	t->kind = (uint8_t)kind;
	t->in_file = in_file;
	t->owner = owner;
	t->name = copy(b->s, name);
	t->value = copy(b->s, value);
}

/* Per function what it returns (properties too), then per class its bases
 * and attributes: the summary's types. */
static void
build_types(struct builder *b)
{
	struct sf_facts *f = b->f;
	struct sf_summary *s = b->s;
	uint32_t nfn = f->functions.n, ncls = f->classes.n;
	uint32_t total = f->bases.n + f->attrs.n;
	/* One block for the scratch arrays below: ret and at (nfn and ncls
	 * + 1 int32s), order (total), fill (ncls), prop (nfn bools). */
	size_t words = (size_t)nfn + ncls + 1 + total + ncls;
	int32_t *scratch = xmalloc(words * sizeof(int32_t) + nfn + 1);
	int32_t *ret = scratch;
	uint32_t *at = (uint32_t *)scratch + nfn;
	uint32_t *order = at + ncls + 1;
	uint32_t *fill = order + total;
	bool *prop = (bool *)(fill + ncls);
	memset(prop, 0, nfn);
	memset(at, 0, (ncls + 1) * sizeof *at);
	for (uint32_t i = 0; i < nfn; i++)
		ret[i] = -1;
	for (uint32_t i = 0; i < f->returns.n; i++)
		if (ret[f->returns.v[i].fn] < 0)
			ret[f->returns.v[i].fn] = (int32_t)i;
	for (uint32_t i = 0; i < f->decorators.n; i++) {
		const struct sf_decorator *d = &f->decorators.v[i];
		if (d->function >= 0 && d->name != NULL &&
		    (f->functions.v[d->function].flags & SF_FN_METHOD) &&
		    is_property(d->name))
			prop[d->function] = true;
	}
	for (uint32_t i = 0; i < nfn; i++) {
		const struct sf_return *r =
			ret[i] >= 0 ? &f->returns.v[ret[i]] : NULL;
		if (r == NULL && !prop[i])
			continue;
		push_type(b,
			  prop[i] ? SUMMARY_TYPE_PROPERTY : SUMMARY_TYPE_RETURN,
			  (int32_t)i, NULL, r ? r->scope : -1, r ? r->pos : 0,
			  r ? r->path : NULL);
	}
	/* Bases and attributes grouped by class, in source order. */
	for (uint32_t i = 0; i < f->bases.n; i++)
		at[f->bases.v[i].cls + 1]++;
	for (uint32_t i = 0; i < f->attrs.n; i++)
		at[f->attrs.v[i].cls + 1]++;
	for (uint32_t c = 0; c < ncls; c++)
		at[c + 1] += at[c];
	memcpy(fill, at, ncls * sizeof *fill);
	/* Entries below nbases are bases, the rest attributes. */
	uint32_t nbases = f->bases.n;
	for (uint32_t i = 0; i < nbases; i++)
		order[fill[f->bases.v[i].cls]++] = i;
	for (uint32_t i = 0; i < f->attrs.n; i++)
		order[fill[f->attrs.v[i].cls]++] = nbases + i;
	for (uint32_t c = 0; c < ncls; c++) {
		s->classes.v[c].type0 = s->types.n;
		for (uint32_t k = at[c]; k < at[c + 1]; k++) {
			uint32_t i = order[k];
			if (i < nbases) {
				const struct sf_base *bs = &f->bases.v[i];
				push_type(b, SUMMARY_TYPE_BASE, (int32_t)c,
					  NULL, bs->scope, bs->pos, bs->path);
				continue;
			}
			const struct sf_attr *a = &f->attrs.v[i - nbases];
			/* The first value of an attribute is what it is. */
			bool seen = false;
			for (uint32_t t = s->classes.v[c].type0;
			     !seen && t < s->types.n; t++)
				seen = s->types.v[t].name != NULL &&
				       strcmp(s->types.v[t].name, a->attr) == 0;
			if (!seen)
				push_type(b, SUMMARY_TYPE_ATTR, (int32_t)c,
					  a->attr, a->scope, a->pos, a->path);
		}
		s->classes.v[c].ntypes = s->types.n - s->classes.v[c].type0;
	}
	free(scratch);
}

/* Properties set on names: on a module this file imports, what the index
 * finds when another file asks that module (summary_prop); on a
 * module-level object of this file, a binding of the dotted name. */
static void
build_props(struct builder *b)
{
	struct sf_facts *f = b->f;
	struct sf_summary *s = b->s;
	for (uint32_t i = 0; i < f->props.n; i++) {
		const struct sf_prop *p = &f->props.v[i];
		const struct sf_binding *bd =
			facts_lookup(f, p->scope, p->pos, p->object);
		if (bd == NULL)
			continue;
		bool to_module = bd->is_import && bd->kind == SF_BIND_MODULE;
		bool to_object = p->scope == -1 && bd->scope == -1 &&
				 bd->kind == SF_BIND_LOCAL;
		if (!to_module && !to_object)
			continue;
		bool in_file;
		const char *value =
			value_of(b, p->scope, p->pos, p->value, &in_file, 0);
		if (value == NULL)
			continue;
		if (to_module) {
			struct summary_prop *sp = VEC_PUSH(s->props);
			sp->target = copy(s, bd->target);
			sp->member = copy(s, p->member);
			sp->value = copy(s, value);
			sp->in_file = in_file;
			continue;
		}
		struct summary_binding *sb = VEC_PUSH(s->bindings);
		sb->local =
			arena_printf(&s->arena, "%s.%s", p->object, p->member);
		sb->target = copy(s, value);
		sb->in_file = in_file;
		sb->made = false;
	}
}

/* Files this one runs as processes or worker threads of their own: a
 * literal path passed to `child_process.fork` or `new
 * worker_threads.Worker`. */
static void
build_processes(struct builder *b)
{
	struct sf_facts *f = b->f;
	struct sf_summary *s = b->s;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->name == NULL ||
		    (strcmp(c->name, "child_process.fork") != 0 &&
		     strcmp(c->name, "worker_threads.Worker") != 0))
			continue;
		const char *path = roles_call_arg(f, c);
		if (path == NULL || path[0] == '\0')
			continue;
		struct summary_import *im = VEC_PUSH(s->imports);
		im->module = copy(s, path);
		im->pos = pos_of(b, c->span);
		im->kind = SUMMARY_IMPORT_PROCESS;
	}
}

/* A module required and called at once, bound to no name (`io =
 * require('socket.io')(server)`): imported all the same. */
static void
build_called_requires(struct builder *b)
{
	struct sf_facts *f = b->f;
	struct sf_summary *s = b->s;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		const char *cl = c->callee;
		size_t n = cl ? strlen(cl) : 0;
		if (n < 10 || strncmp(cl, "require(", 8) != 0 ||
		    cl[n - 1] != ')' || memchr(cl + 8, ')', n - 9) != NULL ||
		    (c->flags & SF_CALL_DEV_ONLY))
			continue;
		struct summary_import *im = VEC_PUSH(s->imports);
		im->module = arena_strndup(&s->arena, cl + 8, n - 9);
		im->pos = pos_of(b, c->callee_span);
		im->kind = SUMMARY_IMPORT_MODULE;
	}
}

static void
build_names(struct builder *b)
{
	struct sf_facts *f = b->f;
	struct sf_summary *s = b->s;
	for (uint32_t i = 0; i < f->bindings.n; i++) {
		const struct sf_binding *bd = &f->bindings.v[i];
		if (bd->is_import && bd->target != NULL) {
			struct summary_import *im = VEC_PUSH(s->imports);
			/* The module: a Python `from m import x` binds
			 * m.x; a JS member binding is spec.x. */
			const char *mod = bd->target;
			if (bd->kind == SF_BIND_MEMBER) {
				const char *dot = strrchr(mod, '.');
				const char *slash = strrchr(mod, '/');
				if (dot != NULL &&
				    (slash == NULL || dot > slash))
					mod = arena_strndup(
						&s->arena, mod,
						(size_t)(dot - mod));
				else
					mod = copy(s, mod);
			} else {
				mod = copy(s, mod);
			}
			im->module = mod;
			im->pos = pos_of(b, bd->span);
			im->kind = SUMMARY_IMPORT_MODULE;
		}
		if (bd->scope != -1 || bd->kind == SF_BIND_LOCAL)
			continue;
		bool in_file = false, made = false;
		const char *t = NULL;
		if (bd->kind == SF_BIND_INSTANCE) {
			t = instance_class(f, bd->scope, bd->span.start,
					   bd->target, &in_file);
			made = t != NULL;
		} else if (bd->is_import) {
			t = bd->target;
		}
		/* Anything else that leads somewhere: an alias, or a value
		 * path for the index's types ("pkg.make().client",
		 * "Store().repo"). */
		if (t == NULL)
			t = value_of(b, -1, bd->span.start, bd->local, &in_file,
				     0);
		if (t == NULL)
			continue;
		struct summary_binding *sb = VEC_PUSH(s->bindings);
		sb->local = copy(s, bd->local);
		sb->target = copy(s, t);
		sb->in_file = in_file;
		sb->made = made;
	}
	build_props(b);
	for (uint32_t i = 0; i < f->exports.n; i++) {
		struct sf_export *e = VEC_PUSH(s->exports);
		*e = f->exports.v[i];
		e->name = copy(s, e->name);
		e->local = copy(s, e->local);
		e->from = copy(s, e->from);
	}
	for (uint32_t i = 0; i < f->suppressions.n; i++) {
		struct sf_suppression *sp = VEC_PUSH(s->suppressions);
		*sp = f->suppressions.v[i];
		sp->ids = copy(s, sp->ids);
	}
	for (uint32_t i = 0; i < f->callback_refs.n; i++) {
		const struct sf_callback_ref *r = &f->callback_refs.v[i];
		const struct sf_call *c = &f->calls.v[r->call];
		const struct sf_arg *a = &f->args.v[c->arg0 + (uint32_t)r->arg];
		struct summary_cbref *cr = VEC_PUSH(s->cbrefs);
		cr->fn = c->function;
		cr->loop = r->loop;
		cr->startup = r->startup;
		cr->target = copy(s, r->target);
		cr->label = copy(s, r->label);
		cr->pos = pos_of(b, a->span);
	}
}

/* The branches of development code; one guarded by a call that cannot
 * reach the project (it is no summary call) is not known to be one. */
static void
build_devs(struct builder *b)
{
	struct sf_summary *s = b->s;
	for (uint32_t i = 0; i < b->f->devs.n; i++) {
		const struct sf_dev *d = &b->f->devs.v[i];
		int32_t guard = -1;
		if (d->guard >= 0) {
			const struct summary_call *c =
				summary_call_at(s, (uint32_t)d->guard);
			if (c == NULL)
				continue;
			guard = (int32_t)(c - s->calls.v);
		}
		struct summary_dev *x = VEC_PUSH(s->devs);
		x->start = pos_of(b, d->span);
		x->end = end_of(b, d->span, x->start);
		x->guard = guard;
	}
}

/* Groups the pending events by function, keeping the first few of each. */
static void
group_events(struct builder *b)
{
	struct sf_summary *s = b->s;
	uint32_t nfn = s->functions.n;
	uint32_t *count = xcalloc(nfn ? nfn : 1, sizeof *count);
	for (uint32_t i = 0; i < b->pending.n; i++)
		count[b->pending_fn.v[i]]++;
	uint32_t at = 0;
	for (uint32_t i = 0; i < nfn; i++) {
		uint32_t keep = count[i] < SUMMARY_EVENTS_PER_FN
					? count[i]
					: SUMMARY_EVENTS_PER_FN;
		s->functions.v[i].event0 = at;
		s->functions.v[i].nevents = 0;
		at += keep;
	}
	for (uint32_t i = 0; i < b->pending.n; i++) {
		struct summary_function *sf =
			&s->functions.v[b->pending_fn.v[i]];
		if (sf->nevents == SUMMARY_EVENTS_PER_FN)
			continue;
		while (s->events.n < at)
			(void)VEC_PUSH(s->events);
		s->events.v[sf->event0 + sf->nevents++] = b->pending.v[i];
	}
	free(count);
}

/* Calls fn on the address of every string of s. */
static void
each_string(struct sf_summary *s, void (*fn)(const char **slot, void *u),
	    void *u)
{
	for (uint32_t i = 0; i < s->functions.n; i++) {
		fn(&s->functions.v[i].name, u);
		fn(&s->functions.v[i].context, u);
		fn(&s->functions.v[i].registered_by, u);
		fn(&s->functions.v[i].label, u);
	}
	for (uint32_t i = 0; i < s->classes.n; i++)
		fn(&s->classes.v[i].name, u);
	for (uint32_t i = 0; i < s->types.n; i++) {
		fn(&s->types.v[i].name, u);
		fn(&s->types.v[i].value, u);
	}
	for (uint32_t i = 0; i < s->events.n; i++) {
		fn(&s->events.v[i].what, u);
		fn(&s->events.v[i].replacement, u);
	}
	for (uint32_t i = 0; i < s->calls.n; i++) {
		fn(&s->calls.v[i].target, u);
		fn(&s->calls.v[i].callee, u);
	}
	for (uint32_t i = 0; i < s->execs.n; i++) {
		fn(&s->execs.v[i].via, u);
		fn(&s->execs.v[i].target, u);
		fn(&s->execs.v[i].text, u);
	}
	for (uint32_t i = 0; i < s->bindings.n; i++) {
		fn(&s->bindings.v[i].local, u);
		fn(&s->bindings.v[i].target, u);
	}
	for (uint32_t i = 0; i < s->imports.n; i++)
		fn(&s->imports.v[i].module, u);
	for (uint32_t i = 0; i < s->exports.n; i++) {
		fn(&s->exports.v[i].name, u);
		fn(&s->exports.v[i].local, u);
		fn(&s->exports.v[i].from, u);
	}
	for (uint32_t i = 0; i < s->cbrefs.n; i++) {
		fn(&s->cbrefs.v[i].target, u);
		fn(&s->cbrefs.v[i].label, u);
	}
	for (uint32_t i = 0; i < s->props.n; i++) {
		fn(&s->props.v[i].target, u);
		fn(&s->props.v[i].member, u);
		fn(&s->props.v[i].value, u);
	}
	for (uint32_t i = 0; i < s->suppressions.n; i++)
		fn(&s->suppressions.v[i].ids, u);
}

/* Packing: the same string (a callee written fifty times in a file) is
 * stored once. The table holds pointers to the strings being packed, so
 * it copies nothing. */
struct packer {
	const char **keys; /* open addressing; NULL: empty */
	char **copies;     /* the key's copy in the block */
	uint32_t cap;
	size_t total;
	char *at;
	/* Each string's slot, in the order each_string visits them: the
	 * second pass reads it instead of hashing again. */
	uint32_t *order;
	uint32_t next;
};

/* The slot of str in the table: its own, or the empty one to take. */
static uint32_t
packer_slot(const struct packer *p, const char *str)
{
	uint32_t mask = p->cap - 1;
	for (uint32_t i = sf_hash(str, strlen(str)) & mask;; i = (i + 1) & mask)
		if (p->keys[i] == NULL || p->keys[i] == str ||
		    strcmp(p->keys[i], str) == 0)
			return i;
}

static void
measure(const char **slot, void *u)
{
	struct packer *p = u;
	if (*slot == NULL)
		return;
	uint32_t i = packer_slot(p, *slot);
	p->order[p->next++] = i;
	if (p->keys[i] == NULL) {
		p->keys[i] = *slot;
		p->total += strlen(*slot) + 1;
	}
}

static void
move_string(const char **slot, void *u)
{
	struct packer *p = u;
	if (*slot == NULL)
		return;
	uint32_t i = p->order[p->next++];
	if (p->copies[i] == NULL) {
		size_t n = strlen(*slot) + 1;
		memcpy(p->at, *slot, n);
		p->copies[i] = p->at;
		p->at += n;
	}
	*slot = p->copies[i];
}

static void
count_string(const char **slot, void *u)
{
	*(uint32_t *)u += *slot != NULL;
}

/* Vectors grown by doubling hold up to twice what they need. */
#define SHRINK(vec)                                                            \
	do {                                                                   \
		if ((vec).n == 0) {                                            \
			VEC_FREE(vec);                                         \
		} else if ((vec).cap > (vec).n) {                              \
			(vec).v = xreallocarray((vec).v, (vec).n,              \
						sizeof *(vec).v);              \
			(vec).cap = (vec).n;                                   \
		}                                                              \
	} while (0)

/* Packs the strings into one block and trims the vectors: the summary is
 * kept for the whole run, the arena's chunks are sized for building. */
static void
pack(struct sf_summary *s)
{
	uint32_t n = 0;
	each_string(s, count_string, &n);
	struct packer p = {.cap = 16};
	while (p.cap < n * 2)
		p.cap *= 2;
	/* keys, copies and order in one block. */
	void **table =
		xcalloc((size_t)p.cap * 2 + (n + 1) / 2 + 1, sizeof *table);
	p.keys = (const char **)table;
	p.copies = (char **)(table + p.cap);
	p.order = (uint32_t *)(table + 2 * (size_t)p.cap);
	each_string(s, measure, &p);
	s->strings = xmalloc(p.total ? p.total : 1);
	p.at = s->strings;
	p.next = 0;
	each_string(s, move_string, &p);
	free(table);
	arena_finish(&s->arena);
	SHRINK(s->functions);
	SHRINK(s->classes);
	SHRINK(s->types);
	SHRINK(s->events);
	SHRINK(s->calls);
	SHRINK(s->execs);
	SHRINK(s->bindings);
	SHRINK(s->imports);
	SHRINK(s->exports);
	SHRINK(s->cbrefs);
	SHRINK(s->props);
	SHRINK(s->suppressions);
	SHRINK(s->devs);
}

struct sf_summary *
summary_build(struct sf_facts *f, const char *text, uint32_t len,
	      const struct summary_env *env)
{
	struct sf_summary *s = xcalloc(1, sizeof *s);
	arena_init(&s->arena);
	s->lang = f->lang;
	s->path = xstrdup(f->path);
	s->flags = f->flags;
	s->lines = f->lines;
	s->hash = summary_hash_text(text, len);
	s->nfacts_calls = f->calls.n;
	s->nfacts_functions = f->functions.n;
	struct builder b = {
		.f = f,
		.family = language_get(f->lang)->family,
		.s = s,
		.text = text,
		.len = len,
	};
	mark_caches(f);
	build_functions(&b);
	for (uint32_t i = 0; i < f->loops.n; i++) {
		const struct sf_loop *l = &f->loops.v[i];
		if (l->function >= 0 && l->depth == 0 &&
		    ((l->flags & SF_LOOP_INFINITE) ||
		     (l->kind == SF_LOOP_WHILE && (l->flags & SF_LOOP_AWAIT))))
			s->functions.v[l->function].flags |= SF_FN_ENDLESS;
	}
	/* Names by index, so it survives pack() moving the strings. */
	summary_index_names(s);
	build_calls(&b, env);
	build_cost(&b, env);
	build_sensitivity(&b);
	build_names(&b);
	build_called_requires(&b);
	build_processes(&b);
	build_types(&b);
	build_devs(&b);
	group_events(&b);
	VEC_FREE(b.pending);
	VEC_FREE(b.pending_fn);
	free(b.catalogued);
	pack(s);
	return s;
}

void
summary_destroy(struct sf_summary *s)
{
	if (s == NULL)
		return;
	free(s->path);
	VEC_FREE(s->functions);
	VEC_FREE(s->classes);
	VEC_FREE(s->types);
	VEC_FREE(s->events);
	VEC_FREE(s->calls);
	VEC_FREE(s->execs);
	VEC_FREE(s->bindings);
	VEC_FREE(s->imports);
	VEC_FREE(s->exports);
	VEC_FREE(s->cbrefs);
	VEC_FREE(s->props);
	VEC_FREE(s->suppressions);
	VEC_FREE(s->devs);
	free(s->fn_slots);
	free(s->cls_slots);
	arena_finish(&s->arena);
	free(s->strings);
	free(s);
}

/* An open-addressing table of n names (name(i) of each, NULL to leave one
 * out) over index + 1, in source order so that the first of a name wins;
 * *cap is set to its size. */
static uint32_t *
name_slots(uint32_t n, const char *(*name)(const struct sf_summary *, uint32_t),
	   const struct sf_summary *s, uint32_t *cap_out)
{
	uint32_t cap = 16;
	while (cap < n * 2)
		cap *= 2;
	*cap_out = cap;
	uint32_t *slots = xcalloc(cap, sizeof *slots);
	uint32_t mask = cap - 1;
	for (uint32_t i = 0; i < n; i++) {
		const char *nm = name(s, i);
		if (nm == NULL)
			continue;
		for (uint32_t k = sf_hash(nm, strlen(nm)) & mask;;
		     k = (k + 1) & mask) {
			uint32_t v = slots[k];
			if (v == 0) {
				slots[k] = i + 1;
				break;
			}
			if (strcmp(name(s, v - 1), nm) == 0)
				break;
		}
	}
	return slots;
}

/* Looks name up in a table of name_slots; -1 when absent. */
static int32_t
find_slot(const uint32_t *slots, uint32_t cap,
	  const char *(*name)(const struct sf_summary *, uint32_t),
	  const struct sf_summary *s, const char *want)
{
	if (slots == NULL)
		return -1;
	uint32_t mask = cap - 1;
	for (uint32_t k = sf_hash(want, strlen(want)) & mask;;
	     k = (k + 1) & mask) {
		uint32_t v = slots[k];
		if (v == 0)
			return -1;
		if (strcmp(name(s, v - 1), want) == 0)
			return (int32_t)v - 1;
	}
}

static const char *
function_name(const struct sf_summary *s, uint32_t i)
{
	if (s->functions.v[i].flags & SF_FN_ANONYMOUS)
		return NULL;
	return s->functions.v[i].name;
}

static const char *
class_name(const struct sf_summary *s, uint32_t i)
{
	const char *name = s->classes.v[i].name;
	return name != NULL && name[0] != '<' ? name : NULL;
}

void
summary_index_names(struct sf_summary *s)
{
	free(s->fn_slots);
	free(s->cls_slots);
	s->fn_slots = name_slots(s->functions.n, function_name, s, &s->fn_cap);
	s->cls_slots = name_slots(s->classes.n, class_name, s, &s->cls_cap);
}

int32_t
summary_find_function(const struct sf_summary *s, const char *name)
{
	return find_slot(s->fn_slots, s->fn_cap, function_name, s, name);
}

int32_t
summary_find_class(const struct sf_summary *s, const char *name)
{
	return find_slot(s->cls_slots, s->cls_cap, class_name, s, name);
}

const struct summary_type *
summary_returns(const struct sf_summary *s, int32_t fn)
{
	/* Functions' entries come first, sorted by function. */
	uint32_t lo = 0, hi = s->types.n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const struct summary_type *t = &s->types.v[mid];
		if (t->kind <= SUMMARY_TYPE_PROPERTY && t->owner < fn)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->types.n && s->types.v[lo].kind <= SUMMARY_TYPE_PROPERTY &&
	    s->types.v[lo].owner == fn)
		return &s->types.v[lo];
	return NULL;
}

int32_t
summary_find_constructor(const struct sf_summary *s, const char *name)
{
	const char *ctor = language_get(s->lang)->family->constructor;
	if (ctor == NULL || strchr(name, '.') != NULL)
		return -1;
	return find_joined(s, name, strlen(name), ctor);
}

const struct summary_call *
summary_call_at(const struct sf_summary *s, uint32_t call)
{
	uint32_t lo = 0, hi = s->calls.n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (s->calls.v[mid].call < call)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->calls.n && s->calls.v[lo].call == call ? &s->calls.v[lo]
							      : NULL;
}
