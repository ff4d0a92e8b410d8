/*
 * PY220 pure-python-hot-loop: a heavy numeric loop (the shared cost model,
 * with arithmetic in the innermost loops) in code that is neither async
 * (PY203) nor sent to a thread (PY210): a hint that numpy would do it in
 * C. Loops heavy for their literal bounds are hinted anywhere; nested loops
 * over collections only in files that import a maths module (math, random,
 * statistics, numpy...). Test files are skipped: their speed is nobody's
 * concern.
 */
#include "rule.h"

#include <stdlib.h>
#include <string.h>

#include "../cost.h"
#include "../engine.h"
#include "../python/judge.h"
#include "../util/xalloc.h"

extern const char py220_hot_loop_doc[];

/* Numeric code: a file that imports a maths module. Nested loops with
 * arithmetic elsewhere (templates, ORMs, formatters) are mostly bookkeeping
 * over small collections, where a numpy hint is noise; loops heavy by
 * their literal bounds are hinted anywhere. */
static bool
imports_maths(const struct sf_facts *f)
{
	static const char *const maths[] = {
		"math",    "cmath", "random", "statistics", "fractions",
		"decimal", "numpy", "scipy",  "array",      "numbers",
	};
	for (uint32_t i = 0; i < f->bindings.n; i++) {
		const struct sf_binding *b = &f->bindings.v[i];
		if (!b->is_import || b->target == NULL)
			continue;
		size_t n = strcspn(b->target, ".");
		for (size_t k = 0; k < sizeof maths / sizeof *maths; k++)
			if (strlen(maths[k]) == n &&
			    strncmp(b->target, maths[k], n) == 0)
				return true;
	}
	return false;
}

/* A nest of two or more loops over collections (nested data counts: the
 * least squares of each group's points) whose outermost collection can be
 * large: the numeric work grows with the data. *why says why. */
static bool
walks_large_data(struct sf_facts *f, const struct sf_catalogue *cat,
		 const struct cost_options *opts, uint32_t i, const char **why)
{
	const struct sf_loop *l = &f->loops.v[i];
	if (l->parent >= 0 || !(l->flags & SF_LOOP_COLLECTION) || l->trip >= 0)
		return false;
	bool inner = false;
	for (uint32_t j = i + 1;
	     j < f->loops.n && f->loops.v[j].span.start < l->span.end && !inner;
	     j++)
		inner = f->loops.v[j].function == l->function &&
			(f->loops.v[j].flags & SF_LOOP_COLLECTION) &&
			f->loops.v[j].trip < 0;
	return inner && cost_origin_size(f, cat, opts, l->origin, why) ==
				COST_SIZE_LARGE;
}

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	if (f->loops.n == 0 || (f->flags & SF_FILE_TEST))
		return;
	/* Name lookups index the facts lazily and the cost model writes its
	 * reasons into their arena; nothing else is written. */
	struct sf_facts *mf = (struct sf_facts *)f;
	const struct sf_catalogue *cat = engine_catalogue(ctx->engine);
	struct cost_result cost = {0};
	/* Numeric code is written for whatever arrays it is given. */
	struct cost_options opts = engine_cost_options(ctx->engine);
	opts.params_large = true;
	cost_analyze(mf, cat, &opts, &cost);
	uint8_t *sent = NULL;
	bool maths = imports_maths(f);
	for (uint32_t i = 0; i < f->loops.n; i++) {
		const struct sf_loop *l = &f->loops.v[i];
		if (rule_on_loop(f, l->function) || !py_loop_numeric(f, i) ||
		    cost.loops[i].endless)
			continue;
		const char *reason = cost.loops[i].reason, *why = NULL;
		if (py_loop_report(f, &cost, i)) {
			if (!maths && cost.loops[i].work < COST_HEAVY_WORK)
				continue;
		} else if (maths && walks_large_data(mf, cat, &opts, i, &why)) {
			reason = arena_printf(&mf->arena, "over `%s`, %s",
					      l->over, why);
		} else {
			continue;
		}
		if (sent == NULL) {
			sent = xcalloc(f->functions.n + 1, 1);
			py_find_targets(mf, cat, sent);
		}
		if (l->function >= 0 &&
		    (sent[l->function] == PY_SUBMIT_THREAD ||
		     /* sent from another file (the project index) */
		     (f->functions.v[l->function].flags & SF_FN_THREAD_TARGET)))
			continue;
		struct sf_diagnostic *d = rule_report(
			ctx, l->head_span,
			"pure-Python numeric loop (%s) %s%s%s: each step runs "
			"in the interpreter",
			reason,
			l->function >= 0 ? "in `" : "at module top level",
			l->function >= 0 ? facts_function_name(f, l->function)
					 : "",
			l->function >= 0 ? "`" : "");
		rule_help(d, "vectorise it: numpy array operations run the "
			     "same arithmetic in C, often 10-100x faster");
	}
	free(sent);
	cost_result_finish(&cost);
}

const struct sf_rule py220_hot_loop_rule = {
	.id = "PY220",
	.name = "pure-python-hot-loop",
	.families = 1u << SF_FAMILY_PYTHON,
	.category = RULE_CAT_STYLE,
	.scope = RULE_SCOPE_FILE,
	.path = RULE_PATH_ANYWHERE,
	.default_severity = SF_SEV_HINT,
	.summary = "heavy numeric pure-Python loop outside async code and "
		   "threads",
	.doc = py220_hot_loop_doc,
	.check_file = check,
};
