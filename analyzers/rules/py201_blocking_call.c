/*
 * PY201 blocking-call-in-async: a call that blocks the thread (sleep,
 * network, subprocess, file I/O, input, database drivers) in async code.
 * The list of calls is the catalogue's Python entries of those kinds.
 */
#include "rule.h"

extern const char py201_blocking_call_doc[];

static bool
is_blocking_kind(enum sf_api_kind kind)
{
	switch (kind) {
	case SF_API_SLEEP:
	case SF_API_NETWORK:
	case SF_API_SUBPROCESS:
	case SF_API_FILE_IO:
	case SF_API_INPUT:
	case SF_API_DATABASE:
		return true;
	default:
		return false;
	}
}

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		/* A directly awaited call returns an awaitable: whatever its
		 * name, it is not the blocking one. */
		if (!rule_on_loop(f, c->function) ||
		    (c->flags & SF_CALL_AWAITED))
			continue;
		const struct sf_api *api = rule_call_api(ctx, c);
		if (api == NULL || !is_blocking_kind(api->kind))
			continue;
		struct sf_diagnostic *d = rule_report(
			ctx, c->callee_span, "`%s` blocks the event loop in %s",
			c->name, f->functions.v[c->function].context);
		rule_help(d, "use %s", api->replacement);
	}
}

const struct sf_rule py201_blocking_call_rule = {
	.id = "PY201",
	.name = "blocking-call-in-async",
	.lang = SF_LANG_PYTHON,
	.default_severity = SF_SEV_WARNING,
	.summary = "blocking call (sleep, network, subprocess, file, input, "
		   "database) in async code",
	.doc = py201_blocking_call_doc,
	.check_file = check,
};
