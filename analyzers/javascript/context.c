/*
 * The event-loop model for JavaScript: which functions run on
 * Node's event loop. A function is event-loop code when it is async, when it
 * is passed as a callback to a call that is not a known synchronous
 * higher-order call, or when it is referenced by name as such a callback.
 * A callback of a synchronous higher-order call (`arr.map(fn)`,
 * `new Promise(executor)`) runs where it is called, so it inherits the
 * context of the function around it. Module top level is start-up code.
 */
#include "extract.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../roles.h"
#include "../util/arena.h"
#include "../util/strmap.h"
#include "../util/xalloc.h"

/* Methods whose callback runs synchronously, before the call returns, and
 * the argument that callback is: `arr.map(fn)`, `str.replace(re, fn)`.
 * Only that argument: `User.find(query, cb)` is an asynchronous API. */
static const struct {
	const char *method;
	int32_t arg;
} sync_hof_methods[] = {
	{"forEach", 0},    {"map", 0},           {"filter", 0},
	{"reduce", 0},     {"reduceRight", 0},   {"some", 0},
	{"every", 0},      {"find", 0},          {"findIndex", 0},
	{"findLast", 0},   {"findLastIndex", 0}, {"sort", 0},
	{"toSorted", 0},   {"flatMap", 0},       {"replace", 1},
	{"replaceAll", 1}, {"from", 1},
};

/* Whole callees whose callback runs synchronously. */
static const struct {
	const char *callee;
	int32_t arg;
} sync_hof_callees[] = {
	{"Promise", 0},
	{"JSON.parse", 1},
	{"JSON.stringify", 1},
};

/* lodash and underscore: `_.each(collection, fn)` calls fn before it
 * returns (the function is the second argument; `_.times(n, fn)` too). */
static const char *const sync_utility_libs[] = {"lodash", "lodash-es",
						"underscore"};
static const char *const sync_utility_functions[] = {
	"each",        "forEach",     "eachRight",     "forEachRight",
	"map",         "filter",      "reject",        "reduce",
	"reduceRight", "some",        "every",         "find",
	"findLast",    "findIndex",   "findLastIndex", "findKey",
	"findLastKey", "sortBy",      "groupBy",       "keyBy",
	"countBy",     "partition",   "mapValues",     "mapKeys",
	"forOwn",      "forOwnRight", "forIn",         "forInRight",
	"transform",   "flatMap",     "flatMapDeep",   "uniqBy",
	"sumBy",       "minBy",       "maxBy",         "meanBy",
	"times",       "pickBy",      "omitBy",        "remove",
	"dropWhile",   "takeWhile",   "any",           "all",
	"detect",      "collect",     "select",        "inject",
	"foldl",       "foldr",       "max",           "min",
	"indexBy",
};

/* For `lodash.map` and the like: the callback argument (1), -1 for other
 * functions of those libraries, -2 when name is not one of them. */
static int32_t
utility_hof_arg(const char *name)
{
	const char *dot = name ? strchr(name, '.') : NULL;
	if (dot == NULL || strchr(dot + 1, '.') != NULL)
		return -2;
	size_t n = (size_t)(dot - name);
	bool lib = false;
	for (size_t i = 0;
	     i < sizeof sync_utility_libs / sizeof *sync_utility_libs; i++)
		if (strlen(sync_utility_libs[i]) == n &&
		    strncmp(name, sync_utility_libs[i], n) == 0)
			lib = true;
	if (!lib)
		return -2;
	for (size_t i = 0;
	     i < sizeof sync_utility_functions / sizeof *sync_utility_functions;
	     i++)
		if (strcmp(dot + 1, sync_utility_functions[i]) == 0)
			return 1;
	return -1;
}

/* sync_hof_methods as a map, built once: this is asked of every call. */
static struct strmap sync_methods;
static pthread_once_t sync_methods_once = PTHREAD_ONCE_INIT;

static void
build_sync_methods(void)
{
	strmap_init(&sync_methods);
	for (size_t i = 0;
	     i < sizeof sync_hof_methods / sizeof *sync_hof_methods; i++)
		strmap_put(&sync_methods, sync_hof_methods[i].method,
			   (void *)&sync_hof_methods[i].arg);
}

/* The argument call c runs synchronously (`arr.map(fn)`: 0), or -1. */
static int32_t
sync_hof_arg(const struct sf_call *c)
{
	const char *callee = c->name ? c->name : c->callee;
	for (size_t i = 0;
	     callee != NULL &&
	     i < sizeof sync_hof_callees / sizeof *sync_hof_callees;
	     i++)
		if (callee[0] == sync_hof_callees[i].callee[0] &&
		    strcmp(callee, sync_hof_callees[i].callee) == 0)
			return sync_hof_callees[i].arg;
	int32_t utility = utility_hof_arg(c->name);
	if (utility != -2)
		return utility;
	if (c->method == NULL)
		return -1;
	const int32_t *arg = strmap_get(&sync_methods, c->method, NULL);
	return arg ? *arg : -1;
}

/* process.on('exit', fn): must be synchronous, so blocking is fine there. */
static bool
is_exit_handler(const struct sf_facts *f, const struct sf_call *c)
{
	if (c->name == NULL || strncmp(c->name, "process.", 8) != 0)
		return false;
	if (strcmp(c->name, "process.on") != 0 &&
	    strcmp(c->name, "process.once") != 0 &&
	    strcmp(c->name, "process.addListener") != 0 &&
	    strcmp(c->name, "process.prependListener") != 0)
		return false;
	const struct sf_arg *a = facts_call_arg(f, c, 0, NULL);
	return a && a->kind == SF_ARG_STRING && strcmp(a->text, "exit") == 0;
}

/* Does the path have a directory component equal to one of names? */
static bool
has_dir(const char *path, const char *const *names, size_t n)
{
	const char *p = path;
	for (;;) {
		const char *slash = strchr(p, '/');
		if (slash == NULL)
			return false;
		size_t len = (size_t)(slash - p);
		for (size_t i = 0; i < n; i++)
			if (strlen(names[i]) == len &&
			    strncmp(p, names[i], len) == 0)
				return true;
		p = slash + 1;
	}
}

/* Exemptions by path: tests, build and config files, and the executables
 * of a `bin/` folder (command-line programs by convention, with or without
 * a shebang). */
static uint32_t
path_exemptions(const char *path)
{
	static const char *const test_dirs[] = {"test", "tests", "__tests__",
						"__mocks__"};
	static const char *const bin_dirs[] = {"bin"};
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	uint32_t flags = 0;
	if (has_dir(path, bin_dirs, 1))
		flags |= SF_FILE_CLI;
	if (has_dir(path, test_dirs, 4) || strstr(base, ".test.") != NULL ||
	    strstr(base, ".spec.") != NULL)
		flags |= SF_FILE_TEST;
	if (strstr(base, ".config.") != NULL ||
	    strncmp(base, "Gruntfile", 9) == 0 ||
	    strncmp(base, "gulpfile", 8) == 0 ||
	    strncmp(base, "Gulpfile", 8) == 0)
		flags |= SF_FILE_CONFIG;
	return flags;
}

static bool
is_worker_file(const struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->bindings.n; i++) {
		const struct sf_binding *b = &f->bindings.v[i];
		/* Resolving is not free: look only at likely candidates. */
		if (b->target == NULL ||
		    (strstr(b->target, "parentPort") == NULL &&
		     strstr(b->target, "workerData") == NULL))
			continue;
		bool bound;
		const char *t = b->is_import
					? b->target
					: facts_resolve((struct sf_facts *)f,
							b->scope, b->span.start,
							b->target, &bound);
		if (t && (strcmp(t, "worker_threads.parentPort") == 0 ||
			  strcmp(t, "worker_threads.workerData") == 0))
			return true;
	}
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const char *n = f->calls.v[i].name;
		if (n && strncmp(n, "worker_threads.parentPort.", 26) == 0)
			return true;
	}
	return false;
}

/* Text for messages: `app.get('/users')` or `emitter.on('data')`. */
static const char *
call_label(struct sf_facts *f, const struct sf_call *c)
{
	const char *callee = c->callee;
	if (callee == NULL)
		callee = c->method
				 ? arena_join(&f->arena, "….", c->method, NULL)
				 : "a call";
	const struct sf_arg *a0 = facts_call_arg(f, c, 0, NULL);
	if (a0 && a0->kind == SF_ARG_STRING && strlen(a0->text) <= 40)
		return arena_join(&f->arena, callee, "('", a0->text, "')",
				  NULL);
	return callee;
}

/* The function of this file that the dotted path text names, as seen from
 * function fn: `handler`, `this.onData` (a method of fn's class),
 * `handlers.ping` (a member of an object literal, or `exports.x`),
 * `ctrl.show` where `ctrl = new Controller()`. -1 when none. */
static int32_t
local_function(struct sf_facts *f, int32_t fn, uint32_t pos, const char *text)
{
	if (strncmp(text, "this.", 5) == 0) {
		if (fn < 0)
			return -1;
		int32_t cls = f->functions.v[fn].class_index;
		if (cls < 0)
			return -1;
		return facts_find_function(f, arena_join(&f->arena,
							 f->classes.v[cls].name,
							 ".", text + 5, NULL));
	}
	const char *dot = strchr(text, '.');
	int32_t found = facts_find_function(f, text);
	if (dot == NULL || found >= 0)
		return found;
	/* `ctrl.show` with `ctrl = new Controller()`: Controller.show. */
	const char *head = arena_strndup(&f->arena, text, (size_t)(dot - text));
	const struct sf_binding *b = facts_lookup(f, fn, pos, head);
	if (b == NULL || b->kind != SF_BIND_INSTANCE || b->target == NULL ||
	    strchr(dot + 1, '.') != NULL)
		return -1;
	size_t n = strlen(b->target);
	if (n < 3 || strcmp(b->target + n - 2, "()") != 0)
		return -1;
	/* The class's name and the member's (dot: ".show"). */
	return facts_find_function(
		f, arena_concat(&f->arena, b->target, n - 2, dot));
}

/* The function an argument names, if it is defined in this file (see
 * local_function), also through `.bind(...)`. -1 when none. */
static int32_t
referenced_function(struct sf_facts *f, const struct sf_call *c,
		    const struct sf_arg *a)
{
	const char *text = a->text;
	bool imported = a->resolved != NULL;
	if (a->kind == SF_ARG_CALL && a->call >= 0) {
		const struct sf_call *b = &f->calls.v[a->call];
		if (b->method == NULL || strcmp(b->method, "bind") != 0 ||
		    b->callee == NULL)
			return -1;
		text = arena_strndup(&f->arena, b->callee,
				     strlen(b->callee) - strlen(".bind"));
		bool bound;
		imported = facts_resolve(f, c->function, a->span.start, text,
					 &bound) != NULL;
	} else if (a->kind != SF_ARG_NAME) {
		return -1;
	}
	/* Imported names are not this file's functions. */
	if (imported && strncmp(text, "this.", 5) != 0)
		return -1;
	return local_function(f, c->function, a->span.start, text);
}

/* Does call c run its argument arg before it returns: an Array method, the
 * Promise executor, or a function of this file that calls that parameter
 * directly (`F(obj, 'x', () => ...)` with `F = (o, k, make) => { o[k] =
 * make(); }`)? */
static bool
runs_callback_now(struct sf_facts *f, const struct sf_call *c, int32_t arg)
{
	if (sync_hof_arg(c) == arg)
		return true;
	if (c->callee == NULL || c->name != NULL || arg >= 32 ||
	    (c->flags & SF_CALL_NEW))
		return false;
	int32_t g = local_function(f, c->function, c->span.start, c->callee);
	if (g < 0)
		return false;
	const struct sf_function *fn = &f->functions.v[g];
	return !(fn->flags & (SF_FN_ASYNC | SF_FN_GENERATOR)) &&
	       (fn->sync_params & (1u << arg));
}

/* Calls that build an object out of the literal they are given: the
 * functions in it become its methods and getters, called whenever they are
 * used, not callbacks of the call. Matched on the callee's last segment. */
static bool
builds_object(const struct sf_call *c)
{
	static const char *const names[] = {
		"assign", "create", "defineProperty", "defineProperties",
		"freeze", "seal",   "setPrototypeOf", "extend",
		"mixin",  "merge",  "defaults",       "inherits",
		"Proxy",
	};
	const char *callee =
		c->callee ? facts_last_segment(c->callee) : c->method;
	for (size_t i = 0; callee && i < sizeof names / sizeof *names; i++)
		if (strcmp(callee, names[i]) == 0)
			return true;
	return false;
}

enum cb_timing {
	CB_NONE,  /* not a callback */
	CB_NOW,   /* run before the call returns: where the call runs */
	CB_LATER, /* run later, on the event loop */
};

static enum cb_timing
callback_timing(struct sf_facts *f, int32_t i)
{
	const struct sf_function *fn = &f->functions.v[i];
	if (fn->cb_call < 0)
		return (fn->flags & SF_FN_IIFE) ? CB_NOW : CB_NONE;
	const struct sf_call *c = &f->calls.v[fn->cb_call];
	const struct sf_arg *a = &f->args.v[c->arg0 + (uint32_t)fn->cb_arg];
	bool member = (fn->flags & SF_FN_CALLBACK) && a->function != i;
	if (member && builds_object(c))
		return CB_NONE;
	if (!member && runs_callback_now(f, c, fn->cb_arg))
		return CB_NOW;
	return CB_LATER;
}

static bool is_startup_registration(struct sf_facts *f,
				    const struct sf_call *c);

/* Marks named functions referenced as callbacks: `app.get('/', handler)`,
 * `server.on('request', this.onRequest)`. A registration for
 * process.on('exit') does not count: those run while the process ends;
 * neither does one a call runs at once (`arr.map(parse)`). */
static void
mark_callback_refs(struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->nargs == 0 || is_exit_handler(f, c))
			continue;
		for (uint32_t j = 0; j < c->nargs; j++) {
			const struct sf_arg *a = &f->args.v[c->arg0 + j];
			if (a->kind != SF_ARG_NAME && a->kind != SF_ARG_CALL)
				continue;
			int32_t target = referenced_function(f, c, a);
			if (target < 0) {
				/* Imported: the project index decides. */
				if (a->kind == SF_ARG_NAME &&
				    a->resolved != NULL &&
				    !runs_callback_now(f, c, (int32_t)j)) {
					struct sf_callback_ref *r =
						VEC_PUSH(f->callback_refs);
					r->call = (int32_t)i;
					r->arg = (int32_t)j;
					r->target = a->resolved;
					r->label = call_label(f, c);
					r->loop = true;
					r->startup =
						is_startup_registration(f, c);
				}
				continue;
			}
			if (runs_callback_now(f, c, (int32_t)j))
				continue;
			struct sf_function *fn = &f->functions.v[target];
			fn->flags |= SF_FN_CALLBACK_REF;
			if (fn->cb_call < 0) {
				fn->cb_call = (int32_t)i;
				fn->cb_arg = (int32_t)j;
			}
		}
	}
}

/* Decorators that register the method they decorate as a handler, which
 * the framework calls on the event loop for each request, message, job or
 * tick: by module, the decorators' names. */
static const struct {
	const char *module;
	const char *const *names;
} handler_decorators[] = {
	{"@nestjs/common",
	 (const char *const[]){"Get", "Post", "Put", "Patch", "Delete", "Head",
			       "Options", "All", "Search", "Sse", NULL}},
	{"@nestjs/websockets", (const char *const[]){"SubscribeMessage", NULL}},
	{"@nestjs/schedule",
	 (const char *const[]){"Cron", "Interval", "Timeout", NULL}},
	{"@nestjs/microservices",
	 (const char *const[]){"MessagePattern", "EventPattern", NULL}},
	{"@nestjs/event-emitter", (const char *const[]){"OnEvent", NULL}},
	{"@nestjs/bull", (const char *const[]){"Process", NULL}},
	{"@nestjs/graphql",
	 (const char *const[]){"Query", "Mutation", "Subscription",
			       "ResolveField", NULL}},
	{"routing-controllers",
	 (const char *const[]){"Get", "Post", "Put", "Patch", "Delete", "Head",
			       "All", "Method", NULL}},
	{"type-graphql",
	 (const char *const[]){"Query", "Mutation", "Subscription",
			       "FieldResolver", NULL}},
};

/* Is name (resolved: "@nestjs/common.Get") a handler decorator? */
static bool
is_handler_decorator(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot == NULL)
		return false;
	size_t n = (size_t)(dot - name);
	for (size_t i = 0;
	     i < sizeof handler_decorators / sizeof *handler_decorators; i++) {
		if (strlen(handler_decorators[i].module) != n ||
		    strncmp(name, handler_decorators[i].module, n) != 0)
			continue;
		for (const char *const *d = handler_decorators[i].names; *d;
		     d++)
			if (strcmp(dot + 1, *d) == 0)
				return true;
	}
	return false;
}

/* Methods a handler decorator registers (`@Get(':id') findOne()`) run on
 * the event loop, whether async or not. */
static void
mark_decorated_handlers(struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->decorators.n; i++) {
		const struct sf_decorator *d = &f->decorators.v[i];
		if (d->function < 0 || d->name == NULL ||
		    !is_handler_decorator(d->name))
			continue;
		struct sf_function *fn = &f->functions.v[d->function];
		if (fn->flags & SF_FN_ON_LOOP)
			continue;
		fn->flags |= SF_FN_ON_LOOP;
		fn->context = arena_join(
			&f->arena, "`", fn->name, "`, registered with `@",
			d->call >= 0 ? call_label(f, &f->calls.v[d->call])
				     : facts_last_segment(d->name),
			"`", NULL);
	}
}

/* Start-up code settles in at most this many passes (each pass settles at
 * least one more level of "called only from start-up code"). */
#define JS_STARTUP_PASSES 8

static bool
at_startup(const struct sf_facts *f, int32_t fn)
{
	return fn < 0 || (f->functions.v[fn].flags & SF_FN_STARTUP);
}

/* Marks start-up code: IIFEs and synchronous callbacks in start-up code,
 * and plain named functions whose every reference in the file is a call
 * from start-up code (`async function main() {...} main();`). */
static void
mark_startup(struct sf_facts *f)
{
	uint32_t nf = f->functions.n;
	if (nf == 0)
		return;
	/* Calls by plain name, chained per target function. */
	int32_t *first = xmalloc(nf * sizeof *first);
	int32_t *next = xmalloc((f->calls.n ? f->calls.n : 1) * sizeof *next);
	for (uint32_t i = 0; i < nf; i++)
		first[i] = -1;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		next[i] = -1;
		if (c->callee == NULL || c->name != NULL ||
		    strpbrk(c->callee, ".(") != NULL)
			continue;
		int32_t g = facts_find_function(f, c->callee);
		if (g < 0)
			continue;
		next[i] = first[g];
		first[g] = (int32_t)i;
	}
	enum cb_timing *timing = xmalloc(nf * sizeof *timing);
	for (uint32_t i = 0; i < nf; i++)
		timing[i] = callback_timing(f, (int32_t)i);
	bool changed = true;
	for (int pass = 0; changed && pass < JS_STARTUP_PASSES; pass++) {
		changed = false;
		for (uint32_t i = 0; i < nf; i++) {
			struct sf_function *fn = &f->functions.v[i];
			if (fn->flags & (SF_FN_STARTUP | SF_FN_CALLBACK_REF))
				continue;
			bool startup = false;
			if (timing[i] == CB_NOW) {
				startup = at_startup(f, fn->parent);
			} else if (timing[i] == CB_NONE && fn->refs > 0 &&
				   fn->refs != UINT32_MAX) {
				uint32_t calls = 0;
				for (int32_t c = first[i]; c >= 0; c = next[c])
					calls += at_startup(
						f, f->calls.v[c].function);
				startup = calls == fn->refs;
			}
			if (startup) {
				fn->flags |= SF_FN_STARTUP;
				changed = true;
			}
		}
	}
	free(first);
	free(next);
	free(timing);
}

/* ".method" in buf (the roles' way of naming a method of anything), or
 * NULL when it does not fit. */
static const char *
dot_method(const char *method, char *buf, size_t size)
{
	size_t n = strlen(method);
	if (n + 2 > size)
		return NULL;
	buf[0] = '.';
	memcpy(buf + 1, method, n + 1);
	return buf;
}

/* Does call c only continue the code that makes it, once (a promise's
 * `then`, a timeout), rather than register a handler? */
static bool
is_continuation(const struct sf_call *c)
{
	char buf[128];
	const char *name = c->name ? c->name : c->callee;
	if (name == NULL && c->method != NULL)
		name = dot_method(c->method, buf, sizeof buf);
	return roles_match(SF_FAMILY_JAVASCRIPT, ROLES_CONTINUATION, name,
			   NULL);
}

/* Does call c register its callback to run once while the service starts
 * (`client.on('ready', ...)`)? */
static bool
is_startup_registration(struct sf_facts *f, const struct sf_call *c)
{
	const char *name = c->name ? c->name : c->callee;
	const char *arg = roles_call_arg(f, c);
	if (arg == NULL)
		return false;
	if (roles_match(SF_FAMILY_JAVASCRIPT, ROLES_STARTUP, name, arg))
		return true;
	char buf[128];
	return c->method != NULL &&
	       roles_match(SF_FAMILY_JAVASCRIPT, ROLES_STARTUP,
			   dot_method(c->method, buf, sizeof buf), arg);
}

/* Is call c a memoising wrapper (`_.memoize(fn)`)? */
static bool
is_memoiser(const struct sf_call *c)
{
	return roles_match(SF_FAMILY_JAVASCRIPT, ROLES_MEMOISE,
			   c->name ? c->name : c->callee, NULL);
}

void
js_context(struct sf_facts *f)
{
	pthread_once(&sync_methods_once, build_sync_methods);
	f->flags |= path_exemptions(f->path);
	f->flags |= roles_path_flags(SF_FAMILY_JAVASCRIPT, f->path) |
		    roles_file_flags(f);
	if (is_worker_file(f))
		f->flags |= SF_FILE_WORKER;
	if (f->flags & (SF_FILE_CLI | SF_FILE_TEST | SF_FILE_CONFIG |
			SF_FILE_WORKER | SF_FILE_BROWSER | SF_FILE_GENERATED))
		return; /* nothing here runs on a server's event loop */

	mark_callback_refs(f);
	mark_startup(f);
	mark_decorated_handlers(f);

	/* Parents come before their nested functions, so one pass in index
	 * order sees each parent's verdict first. */
	for (uint32_t i = 0; i < f->functions.n; i++) {
		struct sf_function *fn = &f->functions.v[i];
		const struct sf_function *parent =
			fn->parent >= 0 ? &f->functions.v[fn->parent] : NULL;
		if (parent && (parent->flags & SF_FN_EXEMPT) &&
		    (fn->flags & (SF_FN_CALLBACK | SF_FN_IIFE))) {
			fn->flags |= SF_FN_EXEMPT;
			continue;
		}
		const struct sf_call *c =
			fn->cb_call >= 0 ? &f->calls.v[fn->cb_call] : NULL;
		if (c != NULL && is_exit_handler(f, c)) {
			fn->flags |= SF_FN_EXEMPT;
			continue;
		}
		if (c != NULL && (c->flags & SF_CALL_DEV_ONLY))
			fn->flags |= SF_FN_DEV_ONLY;
		if (roles_singleton(SF_FAMILY_JAVASCRIPT, fn))
			fn->flags |= SF_FN_MEMOISED;
		if (c != NULL && is_memoiser(c)) {
			/* Runs once per argument, when first asked. */
			fn->flags |= SF_FN_MEMOISED;
			continue;
		}
		switch (callback_timing(f, (int32_t)i)) {
		case CB_NOW:
			if (parent && (parent->flags & SF_FN_ON_LOOP)) {
				fn->flags |= SF_FN_ON_LOOP;
				fn->context = parent->context;
			}
			break;
		case CB_LATER:
			fn->flags |= SF_FN_ON_LOOP;
			if (is_startup_registration(f, c))
				fn->flags |= SF_FN_STARTUP;
			else if (!is_continuation(c))
				fn->flags |= SF_FN_REGISTERED;
			if (fn->flags & SF_FN_CALLBACK)
				fn->context = arena_join(
					&f->arena, "the callback passed to `",
					call_label(f, c), "`", NULL);
			else
				fn->context =
					arena_join(&f->arena, "`", fn->name,
						   "`, registered with `",
						   call_label(f, c), "`", NULL);
			break;
		case CB_NONE:
			break;
		}
		if ((fn->flags & SF_FN_ASYNC) &&
		    !(fn->flags & (SF_FN_ON_LOOP | SF_FN_STARTUP))) {
			fn->flags |= SF_FN_ON_LOOP;
			fn->context = (fn->flags & SF_FN_ANONYMOUS)
					      ? "an async function"
					      : arena_join(&f->arena,
							   "async function `",
							   fn->name, "`", NULL);
		}
	}
}
