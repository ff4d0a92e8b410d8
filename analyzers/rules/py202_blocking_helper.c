/*
 * PY202 blocking-helper-in-async: async code calls a plain function — in
 * this module or any other — whose summary blocks (sleep, network,
 * subprocess, file I/O, database) or burns CPU, directly or further down
 * its calls. Needs the project index; the chain is the related
 * information.
 */
#include <string.h>

#include "blocking_helper.h"

extern const char py202_blocking_helper_doc[];

static void
help(struct sf_diagnostic *d, const struct index_blocking *b)
{
	const char *name = facts_last_segment(b->callee);
	const char *end =
		b->end_callee ? facts_last_segment(b->end_callee) : name;
	if (b->effect == SUMMARY_BLOCKS && b->replacement != NULL &&
	    strcmp(end, name) != 0)
		rule_help(d,
			  "call it with `await asyncio.to_thread(%s, …)`, or "
			  "make the chain async down to `%s` (%s)",
			  name, end, b->replacement);
	else if (b->effect == SUMMARY_BLOCKS && b->replacement != NULL)
		rule_help(d,
			  "make `%s` async (%s), or call it with `await "
			  "asyncio.to_thread(%s, …)`",
			  name, b->replacement, name);
	else if (b->effect == SUMMARY_BLOCKS)
		rule_help(d,
			  "make `%s` async, or call it with `await "
			  "asyncio.to_thread(%s, …)`",
			  name, name);
	else
		rule_help(d,
			  "run `%s` in a process: `await "
			  "loop.run_in_executor(ProcessPoolExecutor(), %s, …)`",
			  name, name);
}

static void
check(struct sf_index_ctx *ctx)
{
	blocking_helper_check(ctx, SUMMARY_BLOCKS | SUMMARY_CPU, help);
}

const struct sf_rule py202_blocking_helper_rule = {
	.id = "PY202",
	.name = "blocking-helper-in-async",
	.families = 1u << SF_FAMILY_PYTHON,
	.category = RULE_CAT_HELPER,
	.scope = RULE_SCOPE_FILE,
	.default_severity = SF_SEV_WARNING,
	.summary = "async code calls a plain function (any file) that blocks "
		   "or burns CPU",
	.doc = py202_blocking_helper_doc,
	.check_indexed = check,
};
