/*
 * The async model for Python: the body of an `async def` runs on
 * the event loop; so does a plain function registered with the loop as a
 * callback (`loop.call_soon(f)`, `fut.add_done_callback(f)`). A callable
 * handed to `asyncio.to_thread` or `run_in_executor` is passed by reference,
 * not called, so nothing about it is async code.
 */
#include "extract.h"

#include <string.h>

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
		if (strcmp(c->name, sync_higher_order[i]) == 0)
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
			f, arena_printf(&f->arena, "%s.%s",
					f->classes.v[cls].name, a->text + 5));
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

void
py_context(struct sf_facts *f)
{
	if (is_test_path(f->path))
		f->flags |= SF_FILE_TEST;
	for (uint32_t i = 0; i < f->functions.n; i++) {
		struct sf_function *fn = &f->functions.v[i];
		if (!(fn->flags & SF_FN_ASYNC))
			continue;
		fn->flags |= SF_FN_ON_LOOP;
		fn->context = arena_printf(&f->arena, "async function `%s`",
					   fn->name);
	}
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		const char *method = c->method;
		if (method == NULL)
			continue;
		for (size_t k = 0;
		     k < sizeof loop_callbacks / sizeof *loop_callbacks; k++) {
			if (strcmp(method, loop_callbacks[k].method) != 0)
				continue;
			const struct sf_arg *a = facts_call_arg(
				f, c, loop_callbacks[k].arg, NULL);
			int32_t target = a ? function_of_arg(f, c, a) : -1;
			if (target < 0)
				break;
			struct sf_function *fn = &f->functions.v[target];
			if (!(fn->flags & SF_FN_ON_LOOP)) {
				fn->flags |= SF_FN_ON_LOOP;
				fn->context = arena_printf(
					&f->arena,
					"loop callback registered with `%s`",
					c->callee ? c->callee : method);
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
