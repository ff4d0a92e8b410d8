/*
 * The shared half of JS107 and PY202: walk the summarised calls of
 * event-loop code, ask the index what each reaches, report with the chain.
 */
#include "blocking_helper.h"

void
blocking_helper_check(struct sf_index_ctx *ctx, uint32_t mask,
		      blocking_helper_help_fn help)
{
	const struct sf_summary *s = index_file(ctx->index, ctx->file);
	for (uint32_t k = 0; k < s->calls.n; k++) {
		const struct summary_call *c = &s->calls.v[k];
		const char *where =
			c->fn >= 0 ? index_loop_context(ctx->index, ctx->file,
							c->fn)
				   : NULL;
		struct index_blocking b;
		if (where == NULL ||
		    !index_file_call_blocks(ctx->index, ctx->file, k, mask, &b))
			continue;
		const struct index_hop *end = &b.hops.v[b.end_hop];
		struct sf_diagnostic *d;
		if (b.depth <= 1)
			d = index_report(ctx, c->pos, c->end,
					 "`%s` blocks the event loop in %s: %s "
					 "(%s:%u)",
					 c->callee, where, end->message,
					 end->path, end->pos.line);
		else
			d = index_report(ctx, c->pos, c->end,
					 "`%s` blocks the event loop in %s: %u "
					 "call%s down, %s (%s:%u)",
					 c->callee, where, b.depth - 1,
					 b.depth == 2 ? "" : "s", end->message,
					 end->path, end->pos.line);
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
