/*
 * JS101 sync-io-in-event-loop: a synchronous fs, child_process or zlib call
 * in event-loop code. The list of calls is the catalogue's sync-fs,
 * sync-process and sync-zlib entries.
 */
#include "rule.h"

extern const char js101_sync_io_doc[];

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (!rule_on_loop(f, c->function))
			continue;
		const struct sf_api *api = rule_call_api(ctx, c);
		if (api == NULL || (api->kind != SF_API_SYNC_FS &&
				    api->kind != SF_API_SYNC_PROCESS &&
				    api->kind != SF_API_SYNC_ZLIB))
			continue;
		struct sf_diagnostic *d = rule_report(
			ctx, c->callee_span, "`%s` blocks the event loop in %s",
			c->name, f->functions.v[c->function].context);
		rule_help(d, "use %s", api->replacement);
	}
}

const struct sf_rule js101_sync_io_rule = {
	.id = "JS101",
	.name = "sync-io-in-event-loop",
	.lang = SF_LANG_JAVASCRIPT,
	.default_severity = SF_SEV_WARNING,
	.summary = "synchronous fs / child_process / zlib call in event-loop "
		   "code",
	.doc = js101_sync_io_doc,
	.check_file = check,
};
