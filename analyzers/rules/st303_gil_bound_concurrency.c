/*
 * ST303 gil-bound-concurrency: a Python service whose concurrency is
 * threads (WSGI, thread pools) running CPU-bound work, which the GIL
 * serialises. An asyncio (ASGI) service is judged by PY210 where it sends
 * work to threads, not here. Project-level, at the line that shows the
 * stack.
 */
#include "st_common.h"

extern const char st303_gil_bound_concurrency_doc[];

static void
check(struct sf_project_ctx *ctx)
{
	for (uint32_t i = 0; i < ctx->profile->components.n; i++) {
		const struct profile_component *c =
			&ctx->profile->components.v[i];
		bool wsgi = c->roles & (1u << FW_WSGI);
		if (!c->has_manifest ||
		    !rule_for_family(ctx->rule, c->family->id) ||
		    (c->roles & (1u << FW_ASGI)) ||
		    (!wsgi && c->thread_targets == 0))
			continue;
		uint32_t n = c->thread_cpu.n + (wsgi ? c->request_cpu.n : 0);
		if (n == 0)
			continue;
		const char *path;
		struct sf_position pos;
		if (!st_anchor(c,
			       c->thread_cpu.n ? (const void *)&c->thread_cpu
					       : (const void *)&c->request_cpu,
			       &path, &pos))
			continue;
		struct sf_diagnostic *d = project_report(
			ctx, path, pos,
			"`%s` runs its concurrency on threads (%s), and %u "
			"place%s give them CPU-bound work: the GIL lets one "
			"thread compute at a time",
			c->name, c->concurrency, n, n == 1 ? "" : "s");
		st_add_spots(d, &c->thread_cpu);
		if (wsgi)
			st_add_spots(d, &c->request_cpu);
		rule_help(d,
			  "run CPU-bound work in processes "
			  "(ProcessPoolExecutor, multiprocessing), in native "
			  "code that releases the GIL, or on free-threaded "
			  "CPython");
	}
}

const struct sf_rule st303_gil_bound_concurrency_rule = {
	.id = "ST303",
	.name = "gil-bound-concurrency",
	.families = 1u << SF_FAMILY_PYTHON,
	.category = RULE_CAT_GIL,
	.scope = RULE_SCOPE_PROJECT,
	.default_severity = SF_SEV_WARNING,
	.summary = "a Python service whose concurrency is threads running "
		   "CPU-bound work",
	.doc = st303_gil_bound_concurrency_doc,
	.check_project = check,
};
