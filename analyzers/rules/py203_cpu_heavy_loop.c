/*
 * PY203 cpu-heavy-loop-in-async: a loop heavy enough to hold the event
 * loop (the shared cost model, analyzers/cost.h) in async code. One
 * diagnostic per loop nest, at its outermost heavy loop.
 */
#include "rule.h"

#include "../cost.h"
#include "../engine.h"
#include "../python/judge.h"

extern const char py203_cpu_heavy_loop_doc[];

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	bool any = false;
	for (uint32_t i = 0; i < f->loops.n && !any; i++)
		any = rule_on_loop(f, f->loops.v[i].function);
	if (!any)
		return;
	/* The cost model writes its reasons into the facts' arena, nothing
	 * else. */
	struct sf_facts *mf = (struct sf_facts *)f;
	struct cost_result cost = {0};
	struct cost_options opts = engine_cost_options(ctx->engine);
	cost_analyze(mf, engine_catalogue(ctx->engine), &opts, &cost);
	for (uint32_t i = 0; i < f->loops.n; i++) {
		const struct sf_loop *l = &f->loops.v[i];
		if (!rule_on_loop(f, l->function) ||
		    !py_loop_report(f, &cost, i))
			continue;
		struct sf_diagnostic *d = rule_report(
			ctx, l->head_span,
			"this loop (%s) holds the event loop in %s: no other "
			"task runs until it ends",
			cost.loops[i].reason,
			f->functions.v[l->function].context);
		rule_help(d, "move the work to a process pool: `await "
			     "loop.run_in_executor(ProcessPoolExecutor(), fn, "
			     "...)`, or compute it in numpy");
	}
	cost_result_finish(&cost);
}

const struct sf_rule py203_cpu_heavy_loop_rule = {
	.id = "PY203",
	.name = "cpu-heavy-loop-in-async",
	.families = 1u << SF_FAMILY_PYTHON,
	.category = RULE_CAT_CPU,
	.scope = RULE_SCOPE_FILE,
	.default_severity = SF_SEV_WARNING,
	.summary = "CPU-heavy loop in async code",
	.doc = py203_cpu_heavy_loop_doc,
	.check_file = check,
};
