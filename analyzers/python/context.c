/*
 * The async model for Python (DESIGN §3): the body of an `async def` runs on
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

/* The function a name argument refers to: `f` or `self.method`. */
static int32_t
function_of_arg(struct sf_facts *f, const struct sf_call *c,
		const struct sf_arg *a)
{
	if (a->kind == SF_ARG_FUNCTION)
		return a->function;
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

void
py_context(struct sf_facts *f)
{
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
}
