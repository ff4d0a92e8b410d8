/* PY210/PY211 across files: hand-offs whose callable the index resolves. */
#include "handoff_index.h"

void
handoff_index_check(struct sf_index_ctx *ctx, enum summary_exec_kind kind,
		    enum index_workload workload,
		    void (*report)(struct sf_index_ctx *ctx,
				   const struct handoff_index *h))
{
	const struct sf_summary *s = index_file(ctx->index, ctx->file);
	for (uint32_t e = 0; e < s->execs.n; e++) {
		const struct summary_exec *x = &s->execs.v[e];
		struct index_fn t;
		/* A callable of this file is the per-file rule's. */
		if (x->kind != kind || x->local >= 0 ||
		    !index_exec_target(ctx->index, ctx->file, x, &t) ||
		    t.file == s)
			continue;
		struct handoff_index h = {
			.exec = x,
			.target_file = t.file,
			.target = &t.file->functions.v[t.fn],
		};
		index_fn_profile(ctx->index, t, &h.profile);
		if (h.profile.workload == workload)
			report(ctx, &h);
	}
}
