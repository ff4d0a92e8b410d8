/*
 * ST301 cpu-bound-node-service: a Node.js HTTP or real-time service with
 * CPU-heavy work on its request path — heavy loops, tree recursion or
 * CPU-bound synchronous calls in event-loop code, directly or through the
 * helpers it calls. Project-level: one finding per component, at the line
 * that shows the stack.
 */
#include "st_common.h"

extern const char st301_cpu_bound_node_service_doc[];

static void
check(struct sf_project_ctx *ctx)
{
	for (uint32_t i = 0; i < ctx->profile->components.n; i++) {
		const struct profile_component *c =
			&ctx->profile->components.v[i];
		if (!c->has_manifest ||
		    !rule_for_family(ctx->rule, c->family->id) ||
		    c->request_cpu.n == 0 ||
		    !(c->roles & ((1u << FW_HTTP) | (1u << FW_REALTIME))))
			continue;
		const char *path;
		struct sf_position pos;
		if (!st_anchor(c, &c->request_cpu, &path, &pos))
			continue;
		const struct profile_spot *first = &c->request_cpu.v[0];
		struct sf_diagnostic *d = project_report(
			ctx, path, pos,
			"the %s service `%s` does CPU-heavy work on its "
			"request path (%u place%s, first %s:%u): Node.js "
			"runs it on the one thread that serves every request",
			c->anchor_framework ? c->anchor_framework : "HTTP",
			c->name, c->request_cpu.n,
			c->request_cpu.n == 1 ? "" : "s", first->path,
			first->pos.line);
		st_add_spots(d, &c->request_cpu);
		rule_help(d, "move the CPU-heavy work to worker threads "
			     "(worker_threads, or a pool such as piscina), or "
			     "to a separate compute service");
	}
}

const struct sf_rule st301_cpu_bound_node_service_rule = {
	.id = "ST301",
	.name = "cpu-bound-node-service",
	.families = 1u << SF_FAMILY_JAVASCRIPT,
	.category = RULE_CAT_CPU,
	.scope = RULE_SCOPE_PROJECT,
	.default_severity = SF_SEV_WARNING,
	.summary = "a Node.js HTTP/real-time service with CPU-heavy work on "
		   "its request path",
	.doc = st301_cpu_bound_node_service_doc,
	.check_project = check,
};
