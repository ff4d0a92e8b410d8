/*
 * The shared half of JS107 and PY202: walk the calls of event-loop code,
 * ask the index what each reaches, report with the chain.
 */
#include "blocking_helper.h"

void
blocking_helper_check(struct sf_rule_ctx *ctx, uint32_t mask,
		      blocking_helper_help_fn help)
{
	const struct sf_facts *f = ctx->facts;
	if (ctx->index == NULL)
		return;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (!rule_on_loop(f, c->function))
			continue;
		struct index_blocking b;
		if (!index_call_blocks(ctx->index, f, ctx->text_hash, i, mask,
				       &b))
			continue;
		const char *callee = c->callee ? c->callee : b.callee;
		const struct index_hop *end = &b.hops.v[b.end_hop];
		struct sf_diagnostic *d;
		if (b.depth <= 1)
			d = rule_report(ctx, c->callee_span,
					"`%s` blocks the event loop in %s: %s "
					"(%s:%u)",
					callee,
					f->functions.v[c->function].context,
					end->message, end->path, end->pos.line);
		else
			d = rule_report(ctx, c->callee_span,
					"`%s` blocks the event loop in %s: %u "
					"calls down, %s (%s:%u)",
					callee,
					f->functions.v[c->function].context,
					b.depth - 1, end->message, end->path,
					end->pos.line);
		if (d != NULL) {
			for (uint32_t h = 0; h < b.hops.n; h++)
				diag_add_related(d, b.hops.v[h].path,
						 b.hops.v[h].pos,
						 b.hops.v[h].message);
			help(d, &b);
		}
		index_blocking_finish(&b);
	}
}
