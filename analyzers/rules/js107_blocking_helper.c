/*
 * JS107 blocking-helper-in-event-loop: event-loop code calls a function —
 * in this file or any other — whose summary blocks: synchronous I/O, sync
 * crypto, a heavy loop or tree recursion, directly or further down its
 * calls. Needs the project index; the chain is the related information.
 */
#include "blocking_helper.h"

extern const char js107_blocking_helper_doc[];

static void
help(struct sf_diagnostic *d, const struct index_blocking *b)
{
	/* Where the fix goes: the callee, or down its chain. */
	const char *fn = b->end_callee ? b->end_callee : b->callee;
	if (b->effect == SUMMARY_BLOCKS)
		rule_help(d,
			  "make `%s` asynchronous (use %s there), or move the "
			  "work to a worker thread",
			  fn,
			  b->replacement ? b->replacement
					 : "the promise-based API");
	else if (b->replacement != NULL)
		rule_help(d,
			  "in `%s`, use %s; or move the work to a worker "
			  "thread",
			  fn, b->replacement);
	else
		rule_help(d,
			  "move `%s` to a worker thread (worker_threads, or a "
			  "pool such as piscina), or split the work with "
			  "setImmediate",
			  b->callee);
}

static void
check(struct sf_index_ctx *ctx)
{
	blocking_helper_check(ctx, SUMMARY_BLOCKS | SUMMARY_CPU, help);
}

const struct sf_rule js107_blocking_helper_rule = {
	.id = "JS107",
	.name = "blocking-helper-in-event-loop",
	.families = 1u << SF_FAMILY_JAVASCRIPT,
	.category = RULE_CAT_HELPER,
	.scope = RULE_SCOPE_FILE,
	.default_severity = SF_SEV_WARNING,
	.summary = "event-loop code calls a function (any file) that blocks: "
		   "sync I/O, sync crypto, a heavy loop, tree recursion",
	.doc = js107_blocking_helper_doc,
	.check_indexed = check,
};
