/*
 * JS103 cpu-heavy-loop-in-event-loop: a loop the shared cost model (cost.h)
 * finds heavy — about 10^6 operations or more with known bounds, nested
 * loops quadratic in data that can be large (request data, parsed JSON,
 * query results...), or an endless loop — in event-loop code. One finding
 * per loop nest, at its outermost heavy loop.
 */
#include "rule.h"

#include "../cost.h"
#include "../engine.h"

extern const char js103_cpu_heavy_loop_doc[];

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	if (f->loops.n == 0)
		return;
	/* The cost model writes its reasons into the facts' arena, which
	 * belongs to this file's analysis. */
	struct sf_facts *mf = (struct sf_facts *)f;
	struct cost_result r = {0};
	struct cost_options opts = engine_cost_options(ctx->engine);
	cost_analyze(mf, engine_catalogue(ctx->engine), &opts, &r);
	for (uint32_t i = 0; i < f->loops.n; i++) {
		const struct sf_loop *l = &f->loops.v[i];
		const struct cost_loop *c = &r.loops[i];
		if (!c->heavy || !c->outermost || !rule_on_loop(f, l->function))
			continue;
		struct sf_diagnostic *d = rule_report(
			ctx, l->head_span,
			"CPU-heavy loop (%s) blocks the event loop in %s",
			c->reason, f->functions.v[l->function].context);
		rule_help(d, "move the work to a worker thread "
			     "(worker_threads, or a pool such as piscina), or "
			     "split it into chunks that yield with "
			     "setImmediate");
	}
	cost_result_finish(&r);
}

const struct sf_rule js103_cpu_heavy_loop_rule = {
	.id = "JS103",
	.name = "cpu-heavy-loop-in-event-loop",
	.families = 1u << SF_FAMILY_JAVASCRIPT,
	.category = RULE_CAT_CPU,
	.scope = RULE_SCOPE_FILE,
	.default_severity = SF_SEV_WARNING,
	.summary = "CPU-heavy loop (10^6 operations, quadratic in a "
		   "collection, endless) in event-loop code",
	.doc = js103_cpu_heavy_loop_doc,
	.check_file = check,
};
