/*
 * The async model for Python: the body of an `async def` runs on
 * the event loop; so does a plain function registered with the loop as a
 * callback (`loop.call_soon(f)`, `fut.add_done_callback(f)`). A callable
 * handed to `asyncio.to_thread` or `run_in_executor` is passed by reference,
 * not called, so nothing about it is async code.
 */
#include "extract.h"

#include <string.h>

#include "../roles.h"
#include "../util/arena.h"

/* Loop methods that call their callback on the loop, and the position of
 * the callback among the positional arguments. */
static const struct {
	const char *method;
	uint32_t arg;
} loop_callbacks[] = {
	{"call_soon", 0},  {"call_soon_threadsafe", 0}, {"call_later", 1},
	{"call_at", 1},    {"add_done_callback", 0},    {"add_reader", 1},
	{"add_writer", 1}, {"add_signal_handler", 1},
};

/* Builtins that call the function they are given right away, on the
 * caller's thread (`sorted(xs, key=lambda x: ...)`): a lambda passed to one
 * of them runs in its enclosing function, so in async code when that is.
 * `map` and `filter` are lazy, but their result is consumed in the same
 * expression nearly always. */
static const char *const sync_higher_order[] = {
	"sorted",
	"min",
	"max",
	"map",
	"filter",
	"functools.reduce",
	"itertools.groupby",
	"itertools.takewhile",
	"itertools.dropwhile",
	"itertools.filterfalse",
	"itertools.starmap",
	"itertools.accumulate",
};

static bool
runs_in_place(const struct sf_call *c)
{
	/* `items.sort(key=...)`: list.sort, whatever the receiver. */
	if (c->method != NULL && strcmp(c->method, "sort") == 0)
		return true;
	if (c->name == NULL)
		return false;
	for (size_t i = 0;
	     i < sizeof sync_higher_order / sizeof *sync_higher_order; i++)
		if (c->name[0] == sync_higher_order[i][0] &&
		    strcmp(c->name, sync_higher_order[i]) == 0)
			return true;
	return false;
}

/* The function a name argument refers to: `f` or `self.method`, or the
 * function of a `functools.partial(f, ...)`. */
static int32_t
function_of_arg(struct sf_facts *f, const struct sf_call *c,
		const struct sf_arg *a)
{
	if (a->kind == SF_ARG_FUNCTION)
		return a->function;
	if (a->kind == SF_ARG_CALL && a->call >= 0) {
		const struct sf_call *p = &f->calls.v[a->call];
		if (p->name == NULL ||
		    strcmp(p->name, "functools.partial") != 0)
			return -1;
		const struct sf_arg *inner = facts_call_arg(f, p, 0, "func");
		/* One level: a partial of a partial is not worth a loop. */
		return inner != NULL && inner->kind == SF_ARG_NAME
			       ? function_of_arg(f, p, inner)
			       : -1;
	}
	if (a->kind != SF_ARG_NAME)
		return -1;
	if (strncmp(a->text, "self.", 5) == 0 && c->function >= 0) {
		int32_t cls = f->functions.v[c->function].class_index;
		if (cls < 0)
			return -1;
		return facts_find_function(
			f, arena_join(&f->arena, f->classes.v[cls].name, ".",
				      a->text + 5, NULL));
	}
	if (strchr(a->text, '.') != NULL || a->resolved != NULL)
		return -1;
	return facts_find_function(f, a->text);
}

/* Test code: under test/, tests/ or testing/, or named test_*.py,
 * *_test.py or conftest.py (pytest's conventions). */
static bool
is_test_path(const char *path)
{
	static const char *const dirs[] = {"test/", "tests/", "testing/"};
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		size_t n = strlen(dirs[i]);
		for (const char *p = path; (p = strstr(p, dirs[i])) != NULL;
		     p += n)
			if (p == path || p[-1] == '/')
				return true;
	}
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t bn = strlen(base);
	return strncmp(base, "test_", 5) == 0 ||
	       strcmp(base, "conftest.py") == 0 ||
	       (bn > 8 && strcmp(base + bn - 8, "_test.py") == 0);
}

/* Decorators: a memoiser makes the function memoised, a start-up hook
 * start-up code; any other decorator that is not known to only wrap
 * registers the function (a route, a command, a listener, a task). */
static void
mark_decorators(struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->decorators.n; i++) {
		const struct sf_decorator *d = &f->decorators.v[i];
		if (d->function < 0 || d->name == NULL)
			continue;
		struct sf_function *fn = &f->functions.v[d->function];
		const char *arg =
			d->call >= 0 ? roles_call_arg(f, &f->calls.v[d->call])
				     : NULL;
		if (roles_match(SF_FAMILY_PYTHON, ROLES_MEMOISE, d->name, arg))
			fn->flags |= SF_FN_MEMOISED;
		else if (roles_match(SF_FAMILY_PYTHON, ROLES_STARTUP, d->name,
				     arg))
			fn->flags |= SF_FN_STARTUP;
		else if (!roles_match(SF_FAMILY_PYTHON, ROLES_TRANSPARENT,
				      d->name, arg))
			fn->flags |= SF_FN_REGISTERED;
	}
}

/* The name a method is called by ("async_update" for
 * "Sensor.async_update"). */
static const char *
own_name(const struct sf_function *fn)
{
	const char *dot = fn->name ? strrchr(fn->name, '.') : NULL;
	return dot ? dot + 1 : fn->name;
}

/* Functions the framework calls by their name: Home Assistant's
 * async_setup_entry (start-up), an entity's async_update or a bot's
 * on_message (handlers). Methods count when their class derives from
 * something; functions at module level count as themselves. */
static void
mark_conventions(struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->functions.n; i++) {
		struct sf_function *fn = &f->functions.v[i];
		if (fn->name == NULL || (fn->flags & SF_FN_ANONYMOUS))
			continue;
		bool method = fn->class_index >= 0;
		if (roles_singleton(SF_FAMILY_PYTHON, fn))
			fn->flags |= SF_FN_MEMOISED;
		if (method && f->classes.v[fn->class_index].bases == NULL)
			continue;
		if (!method && fn->parent >= 0)
			continue;
		const char *name = own_name(fn);
		if (roles_match(SF_FAMILY_PYTHON, ROLES_STARTUP_METHOD, name,
				NULL) ||
		    (!method && roles_match(SF_FAMILY_PYTHON,
					    ROLES_ENTRY_FUNCTION, name, NULL)))
			fn->flags |= SF_FN_STARTUP;
		else if (roles_match(SF_FAMILY_PYTHON, ROLES_HANDLER_METHOD,
				     name, NULL))
			fn->flags |= SF_FN_REGISTERED;
	}
}

/* Does call c run its argument j before it returns: c calls a plain
 * function g of this file (not async, not a generator) whose body calls
 * that parameter itself (`func(flags)`, `loop.run_until_complete(func())`)
 * and passes it nowhere (`run_once(flags, edit)` with `def run_once(flags,
 * func): ...`)? */
static int32_t
runs_param_now(struct sf_facts *f, const struct sf_call *c, uint32_t j)
{
	if (c->callee == NULL || strchr(c->callee, '.') != NULL ||
	    (c->name != NULL && strcmp(c->name, c->callee) != 0))
		return -1;
	int32_t g = facts_find_function(f, c->callee);
	if (g < 0 || (f->functions.v[g].flags &
		      (SF_FN_ASYNC | SF_FN_GENERATOR | SF_FN_METHOD)))
		return -1;
	const struct sf_arg *a = &f->args.v[c->arg0 + j];
	const char *param = NULL;
	for (uint32_t i = 0; i < f->bindings.n && param == NULL; i++) {
		const struct sf_binding *b = &f->bindings.v[i];
		if (b->scope != g || b->origin.kind != SF_ORIGIN_PARAM)
			continue;
		if (a->keyword != NULL ? strcmp(b->local, a->keyword) == 0
				       : b->origin.param == (int8_t)j)
			param = b->local;
	}
	if (param == NULL)
		return -1;
	bool called = false;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *x = &f->calls.v[i];
		if (x->function == g && x->callee != NULL &&
		    strcmp(x->callee, param) == 0)
			called = true;
		for (uint32_t k = 0; x->function == g && k < x->nargs; k++) {
			const struct sf_arg *y = &f->args.v[x->arg0 + k];
			if (y->kind == SF_ARG_NAME &&
			    strcmp(y->text, param) == 0)
				return -1; /* it escapes */
		}
	}
	return called ? g : -1;
}

/* Functions passed by name to a call that keeps them
 * (`CommandHandler("start", self.start)`, `router.add_get("/", handle)`,
 * `hass.services.async_register(DOMAIN, "x", handler)`): registered.
 * One of another file becomes a callback reference for the index, which
 * the request-path model follows (it does not put the function on the
 * loop: whoever keeps it decides where it runs). */
static void
mark_callback_refs(struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->nargs == 0 || runs_in_place(c))
			continue;
		/* `dp.startup.register(on_startup)`: start-up code. */
		uint32_t role = roles_match(SF_FAMILY_PYTHON, ROLES_STARTUP,
					    c->name ? c->name : c->callee,
					    roles_call_arg(f, c))
					? SF_FN_STARTUP
					: SF_FN_REGISTERED;
		for (uint32_t j = 0; j < c->nargs; j++) {
			const struct sf_arg *a = &f->args.v[c->arg0 + j];
			if (a->kind != SF_ARG_NAME && a->kind != SF_ARG_CALL)
				continue;
			int32_t target = function_of_arg(f, c, a);
			if (target >= 0) {
				struct sf_function *fn =
					&f->functions.v[target];
				/* Run in place: part of the function that
				 * runs it (the request-path model follows),
				 * not registered. */
				uint32_t how =
					a->kind == SF_ARG_NAME &&
							runs_param_now(f, c,
								       j) >= 0
						? SF_FN_RUN_IN_PLACE
						: role;
				fn->flags |= SF_FN_CALLBACK_REF | how;
				if (fn->cb_call < 0) {
					fn->cb_call = (int32_t)i;
					fn->cb_arg = (int32_t)j;
				}
				continue;
			}
			if (a->kind != SF_ARG_NAME || a->resolved == NULL)
				continue;
			struct sf_callback_ref *r = VEC_PUSH(f->callback_refs);
			r->call = (int32_t)i;
			r->arg = (int32_t)j;
			r->target = a->resolved;
			const char *callee = c->callee   ? c->callee
					     : c->name   ? c->name
					     : c->method ? c->method
							 : "a call";
			const char *first = roles_call_arg(f, c);
			r->label = first != NULL && strlen(first) <= 40
					   ? arena_join(&f->arena, callee, "('",
							first, "')", NULL)
					   : callee;
			r->loop = false;
			r->startup = role == SF_FN_STARTUP;
		}
	}
}

void
py_context(struct sf_facts *f)
{
	if (is_test_path(f->path))
		f->flags |= SF_FILE_TEST;
	f->flags |= roles_path_flags(SF_FAMILY_PYTHON, f->path) |
		    roles_file_flags(f);
	if (f->flags & (SF_FILE_TEST | SF_FILE_CONFIG | SF_FILE_BROWSER |
			SF_FILE_GENERATED))
		return; /* nothing here runs in a service */
	mark_decorators(f);
	mark_conventions(f);
	mark_callback_refs(f);
	for (uint32_t i = 0; i < f->functions.n; i++) {
		struct sf_function *fn = &f->functions.v[i];
		if (!(fn->flags & SF_FN_ASYNC))
			continue;
		fn->flags |= SF_FN_ON_LOOP;
		fn->context = arena_join(&f->arena, "async function `",
					 fn->name, "`", NULL);
	}
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		const char *method = c->method;
		if (method == NULL)
			continue;
		for (size_t k = 0;
		     k < sizeof loop_callbacks / sizeof *loop_callbacks; k++) {
			if (method[0] != loop_callbacks[k].method[0] ||
			    strcmp(method, loop_callbacks[k].method) != 0)
				continue;
			const struct sf_arg *a = facts_call_arg(
				f, c, loop_callbacks[k].arg, NULL);
			int32_t target = a ? function_of_arg(f, c, a) : -1;
			if (target < 0)
				break;
			struct sf_function *fn = &f->functions.v[target];
			fn->flags |= SF_FN_REGISTERED;
			if (!(fn->flags & SF_FN_ON_LOOP)) {
				fn->flags |= SF_FN_ON_LOOP;
				fn->context = arena_join(
					&f->arena,
					"loop callback registered with `",
					c->callee ? c->callee : method, "`",
					NULL);
			}
			break;
		}
	}
	/* Lambdas run in place by sorted/max/min...: in index order, so an
	 * enclosing function (a smaller index) is decided first. */
	for (uint32_t i = 0; i < f->functions.n; i++) {
		struct sf_function *fn = &f->functions.v[i];
		if (!(fn->flags & SF_FN_ANONYMOUS) || fn->cb_call < 0 ||
		    fn->parent < 0 || (fn->flags & SF_FN_ON_LOOP))
			continue;
		const struct sf_function *parent = &f->functions.v[fn->parent];
		const struct sf_call *c = &f->calls.v[fn->cb_call];
		if (!(parent->flags & SF_FN_ON_LOOP) || !runs_in_place(c))
			continue;
		fn->flags |= SF_FN_ON_LOOP;
		fn->context =
			arena_printf(&f->arena, "lambda run by `%s` in %s",
				     c->name     ? c->name
				     : c->callee ? c->callee
						 : c->method,
				     parent->context);
	}
}
