/*
 * JS104 busy-wait: a loop that spins on a clock (`Date.now()`,
 * `performance.now()`, `process.hrtime`) until time passes, found by the
 * cost model, and calls that sleep the thread (`Atomics.wait`, the
 * catalogue's `sleep` entries), anywhere the main thread may run them
 * after start-up: event-loop code, and any function not known to run only
 * at start-up. Worker-thread files, tests, command-line programs and build
 * files are exempt.
 */
#include "rule.h"

#include <string.h>

#include "../cost.h"
#include "../engine.h"

extern const char js104_busy_wait_doc[];

/* Where code in function fn blocks, for messages; NULL when it may not
 * run on the main thread after start-up. */
static const char *
blocked_where(struct sf_facts *f, int32_t fn)
{
	if (fn < 0 || (f->flags & (SF_FILE_CLI | SF_FILE_TEST | SF_FILE_CONFIG |
				   SF_FILE_WORKER)))
		return NULL;
	const struct sf_function *func = &f->functions.v[fn];
	if (func->flags & (SF_FN_EXEMPT | SF_FN_STARTUP))
		return NULL;
	if (func->flags & SF_FN_ON_LOOP)
		return arena_printf(&f->arena, "the event loop in %s",
				    func->context);
	if (func->flags & SF_FN_ANONYMOUS)
		return "the main thread (and its event loop) in an anonymous "
		       "function";
	return arena_printf(&f->arena,
			    "the main thread (and its event loop) in `%s`",
			    func->name);
}

/* The clock call as written: `Date.now()`, `performance.now()`,
 * `new Date()`, `new Date().getTime()`. */
static const char *
clock_text(struct sf_facts *f, int32_t call)
{
	const struct sf_call *c = &f->calls.v[call];
	const char *callee = c->callee ? c->callee : c->name;
	if (c->flags & SF_CALL_NEW)
		return arena_printf(&f->arena, "new %s()", callee);
	/* `new X().y` is recorded as the path `X().y`. */
	const char *paren = strstr(callee, "().");
	if (paren != NULL && strchr(callee, '.') > paren)
		return arena_printf(&f->arena, "new %s()", callee);
	return arena_printf(&f->arena, "%s()", callee);
}

static void
check(struct sf_rule_ctx *ctx)
{
	struct sf_facts *f = (struct sf_facts *)ctx->facts;
	const struct sf_catalogue *cat = engine_catalogue(ctx->engine);
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		const struct sf_api *api = rule_call_api(ctx, c);
		if (api == NULL || api->kind != SF_API_SLEEP)
			continue;
		const char *where = blocked_where(f, c->function);
		if (where == NULL)
			continue;
		struct sf_diagnostic *d = rule_report(
			ctx, c->callee_span,
			"`%s` sleeps the thread and blocks %s", c->name, where);
		rule_help(d, "use %s", api->replacement);
	}
	if (f->loops.n == 0)
		return;
	struct cost_result r = {0};
	struct cost_options opts = engine_cost_options(ctx->engine);
	cost_analyze(f, cat, &opts, &r);
	for (uint32_t i = 0; i < f->loops.n; i++) {
		const struct sf_loop *l = &f->loops.v[i];
		if (!r.loops[i].busy_wait)
			continue;
		const char *where = blocked_where(f, l->function);
		if (where == NULL)
			continue;
		const char *name = clock_text(f, r.loops[i].clock_call);
		struct sf_diagnostic *d = rule_report(
			ctx, l->head_span,
			"busy-wait: the loop spins on `%s` until time passes "
			"and blocks %s",
			name, where);
		rule_help(d, "wait without spinning: `await setTimeout(ms)` "
			     "from timers/promises, or setTimeout with a "
			     "callback");
	}
	cost_result_finish(&r);
}

const struct sf_rule js104_busy_wait_rule = {
	.id = "JS104",
	.name = "busy-wait",
	.families = 1u << SF_FAMILY_JAVASCRIPT,
	.category = RULE_CAT_CPU,
	.scope = RULE_SCOPE_FILE,
	.default_severity = SF_SEV_ERROR,
	.summary = "a loop spinning on Date.now()/performance.now() until time "
		   "passes, or Atomics.wait on the main thread",
	.doc = js104_busy_wait_doc,
	.check_file = check,
};
