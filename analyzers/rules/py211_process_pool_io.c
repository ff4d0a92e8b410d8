/*
 * PY211 process-pool-for-io: a callable sent to a process
 * (ProcessPoolExecutor, multiprocessing.Process / Pool, run_in_executor
 * with a process pool, the run() of a multiprocessing.Process subclass)
 * whose body only waits on I/O. A process costs a start-up, a copy of the
 * arguments and results through pickle, and memory; for waiting, a thread
 * (or asyncio) does the same for less. The reverse of PY210.
 */
#include "handoff_index.h"
#include "rule.h"

#include <string.h>

#include "../engine.h"
#include "../python/judge.h"

extern const char py211_process_pool_io_doc[];

static void
report(struct sf_rule_ctx *ctx, struct sf_span at, const char *what,
       const char *how, const struct py_workload *w)
{
	const struct sf_facts *f = ctx->facts;
	const struct sf_call *io = &f->calls.v[w->io_call];
	struct sf_diagnostic *d = rule_report(
		ctx, at,
		"%s, sent to a process by `%s`, only waits on I/O (`%s`): a "
		"process costs a start-up and pickling and buys nothing over "
		"a thread",
		what, how, io->name);
	rule_help(d, "use a ThreadPoolExecutor (or asyncio) for I/O-bound "
		     "work");
	if (d != NULL)
		diag_add_related(d, f->path,
				 diag_position(ctx->src, ctx->len,
					       io->callee_span.start_row,
					       io->callee_span.start),
				 "the I/O it waits on");
}

static void
visit(void *user, const struct py_handoff *h)
{
	struct sf_rule_ctx *ctx = user;
	struct sf_facts *f = (struct sf_facts *)ctx->facts;
	if (!py_workload_io_bound(&h->work))
		return;
	const char *what = f->functions.v[h->fn].flags & SF_FN_ANONYMOUS
				   ? "the lambda"
				   : arena_printf(&f->arena, "`%s`",
						  f->functions.v[h->fn].name);
	if (h->call == NULL) {
		report(ctx, f->functions.v[h->fn].name_span, what,
		       "multiprocessing.Process", &h->work);
		return;
	}
	const struct sf_call *c = h->call;
	report(ctx, h->arg->span, what,
	       c->method && strcmp(c->method, "run_in_executor") == 0
		       ? "run_in_executor"
		       : c->name,
	       &h->work);
}

static void
check(struct sf_rule_ctx *ctx)
{
	/* Name lookups index the facts lazily and the cost model writes
	 * reasons into their arena; nothing else is written. */
	struct cost_options opts = engine_cost_options(ctx->engine);
	py_each_handoff((struct sf_facts *)ctx->facts,
			engine_catalogue(ctx->engine), &opts, PY_SUBMIT_PROCESS,
			visit, ctx);
}

/* A callable defined in another file, judged through the project index. */
static void
report_indexed(struct sf_index_ctx *ctx, const struct handoff_index *h)
{
	struct sf_diagnostic *d = index_report(
		ctx, h->exec->pos, h->exec->end,
		"`%s` (%s:%u), sent to a process by `%s`, only waits on I/O "
		"(%s): a process costs a start-up and pickling and buys "
		"nothing over a thread",
		h->target->name, h->target_file->path, h->target->pos.line,
		h->exec->via, h->profile.what);
	rule_help(d, "use a ThreadPoolExecutor (or asyncio) for I/O-bound "
		     "work");
	if (d != NULL && h->profile.path != NULL)
		diag_add_related(d, h->profile.path, h->profile.pos,
				 "the I/O it waits on");
}

static void
check_indexed(struct sf_index_ctx *ctx)
{
	handoff_index_check(ctx, SUMMARY_EXEC_PROCESS, INDEX_WORK_IO_BOUND,
			    report_indexed);
}

const struct sf_rule py211_process_pool_io_rule = {
	.id = "PY211",
	.name = "process-pool-for-io",
	.families = 1u << SF_FAMILY_PYTHON,
	.category = RULE_CAT_PROCESS,
	.scope = RULE_SCOPE_FILE,
	.path = RULE_PATH_ANYWHERE,
	.default_severity = SF_SEV_INFO,
	.summary = "I/O-bound callable sent to a process pool",
	.doc = py211_process_pool_io_doc,
	.check_file = check,
	.check_indexed = check_indexed,
};
