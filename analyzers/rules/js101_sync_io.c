/*
 * JS101 sync-io-in-event-loop: a synchronous fs, child_process or zlib call
 * (or a popular package's synchronous file/process helper) in event-loop
 * code. The list of calls is the catalogue's sync-fs, sync-process and
 * sync-zlib entries.
 *
 * Quick fix: `fs.readFileSync(p)` directly in an async function, with `fs`
 * the fs module's own binding, becomes `await fs.promises.readFile(p)` when
 * the catalogue names a promise function that takes the same arguments.
 */
#include "rule.h"

#include <string.h>

#include "../util/strbuf.h"

extern const char js101_sync_io_doc[];

#define PROMISES "fs.promises."

/* The promise function's name when the rewrite is mechanical: the
 * replacement is `fs.promises.<name>` and nothing else. */
static const char *
promise_name(const struct sf_api *api, const struct sf_call *c)
{
	const char *r = api->replacement;
	if (strncmp(r, PROMISES, strlen(PROMISES)) != 0 ||
	    strpbrk(r, " (") != NULL)
		return NULL;
	const char *name = r + strlen(PROMISES);
	/* statSync's `throwIfNoEntry: false` has no promise counterpart. */
	if (c->nargs >= 2 &&
	    (strcmp(name, "stat") == 0 || strcmp(name, "lstat") == 0))
		return NULL;
	return name;
}

static void
add_fix(struct sf_rule_ctx *ctx, struct sf_diagnostic *d,
	const struct sf_call *c, const struct sf_api *api)
{
	const struct sf_facts *f = ctx->facts;
	if (d == NULL || !(f->functions.v[c->function].flags & SF_FN_ASYNC) ||
	    c->callee == NULL || c->span.end > ctx->len ||
	    c->callee_span.end > c->span.end)
		return;
	const char *name = promise_name(api, c);
	const char *dot = strchr(c->callee, '.');
	if (name == NULL || dot == NULL || strpbrk(dot + 1, ".(") != NULL)
		return;
	/* `fs` must be the module itself, not a destructured function or a
	 * local object. */
	struct strbuf head;
	strbuf_init(&head);
	strbuf_append(&head, c->callee, (size_t)(dot - c->callee));
	const struct sf_binding *b =
		facts_lookup(f, c->function, c->span.start, strbuf_str(&head));
	if (b == NULL || b->kind != SF_BIND_MODULE || b->target == NULL ||
	    strcmp(b->target, "fs") != 0) {
		strbuf_finish(&head);
		return;
	}
	bool awaited = c->flags & SF_CALL_AWAITED;
	bool parens = !awaited && (c->flags & SF_CALL_OPERAND);
	struct strbuf text;
	strbuf_init(&text);
	strbuf_printf(&text, "%s%s%s.promises.%s", parens ? "(" : "",
		      awaited ? "" : "await ", strbuf_str(&head), name);
	strbuf_append(&text, ctx->src + c->callee_span.end,
		      c->span.end - c->callee_span.end);
	if (parens)
		strbuf_putc(&text, ')');
	struct strbuf title;
	strbuf_init(&title);
	strbuf_printf(&title, "Use `await %s.promises.%s`", strbuf_str(&head),
		      name);
	diag_fix_add_edit(diag_set_fix(d, strbuf_str(&title)), c->span,
			  strbuf_str(&text));
	strbuf_finish(&head);
	strbuf_finish(&text);
	strbuf_finish(&title);
}

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
				    api->kind != SF_API_SYNC_ZLIB &&
				    api->kind != SF_API_DATABASE))
			continue;
		struct sf_diagnostic *d = rule_report(
			ctx, c->callee_span, "`%s` blocks the event loop in %s",
			c->name, f->functions.v[c->function].context);
		rule_help(d, "use %s", api->replacement);
		add_fix(ctx, d, c, api);
	}
}

const struct sf_rule js101_sync_io_rule = {
	.id = "JS101",
	.name = "sync-io-in-event-loop",
	.families = 1u << SF_FAMILY_JAVASCRIPT,
	.category = RULE_CAT_IO,
	.scope = RULE_SCOPE_FILE,
	.default_severity = SF_SEV_WARNING,
	.summary = "synchronous fs / child_process / zlib / SQLite call in "
		   "event-loop code",
	.doc = js101_sync_io_doc,
	.check_file = check,
};
