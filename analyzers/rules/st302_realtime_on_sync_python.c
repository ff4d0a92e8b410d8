/*
 * ST302 realtime-on-sync-python: real-time features (websockets,
 * socket.io, server-sent events) on a WSGI stack (Flask, Django without
 * Channels), where every open connection holds a worker thread.
 * Project-level, at the line that shows the stack.
 */
#include <string.h>

#include "st_common.h"

extern const char st302_realtime_on_sync_python_doc[];

static bool
has_framework(const struct profile_component *c, const char *name)
{
	for (uint32_t i = 0; i < c->frameworks.n; i++)
		if (strcmp(c->frameworks.v[i], name) == 0)
			return true;
	return false;
}

static void
check(struct sf_project_ctx *ctx)
{
	for (uint32_t i = 0; i < ctx->profile->components.n; i++) {
		const struct profile_component *c =
			&ctx->profile->components.v[i];
		/* Channels brings ASGI to Django. */
		if (!c->has_manifest ||
		    !rule_for_family(ctx->rule, c->family->id) ||
		    !(c->roles & (1u << FW_WSGI)) ||
		    (c->roles & (1u << FW_ASGI)) ||
		    has_framework(c, "channels") || c->realtime.n == 0)
			continue;
		const char *path;
		struct sf_position pos;
		if (!st_anchor(c, &c->realtime, &path, &pos))
			continue;
		struct sf_diagnostic *d = project_report(
			ctx, path, pos,
			"real-time features on %s, a WSGI stack: each "
			"websocket or event stream holds a worker thread for "
			"as long as it stays open (%u place%s)",
			c->anchor_framework ? c->anchor_framework : "WSGI",
			c->realtime.n, c->realtime.n == 1 ? "" : "s");
		st_add_spots(d, &c->realtime);
		rule_help(d, "serve real-time endpoints from an ASGI stack "
			     "(Starlette, FastAPI, Django Channels) or from "
			     "Node.js");
	}
}

const struct sf_rule st302_realtime_on_sync_python_rule = {
	.id = "ST302",
	.name = "realtime-on-sync-python",
	.families = 1u << SF_FAMILY_PYTHON,
	.category = RULE_CAT_REALTIME,
	.scope = RULE_SCOPE_PROJECT,
	.default_severity = SF_SEV_WARNING,
	.summary = "real-time features (websockets, socket.io, SSE) on a "
		   "WSGI/thread stack",
	.doc = st302_realtime_on_sync_python_doc,
	.check_project = check,
};
