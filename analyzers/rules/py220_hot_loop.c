/*
 * PY220 pure-python-hot-loop: a heavy numeric loop (the shared cost model,
 * with arithmetic in the nest) in code that is neither async (PY203) nor
 * sent to a thread (PY210): a hint that numpy would do it in C. Test files
 * are skipped: their speed is nobody's concern.
 */
#include "rule.h"

#include <stdlib.h>

#include "../cost.h"
#include "../engine.h"
#include "../python/judge.h"
#include "../util/xalloc.h"

extern const char py220_hot_loop_doc[];

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
	cost_analyze(mf, cat, NULL, &cost);
	uint8_t *sent = NULL;
	for (uint32_t i = 0; i < f->loops.n; i++) {
		const struct sf_loop *l = &f->loops.v[i];
		if (rule_on_loop(f, l->function) ||
		    !py_loop_report(f, &cost, i) || !py_loop_numeric(f, i) ||
		    cost.loops[i].endless)
			continue;
		if (sent == NULL) {
			sent = xcalloc(f->functions.n + 1, 1);
			py_find_targets(mf, cat, sent);
		}
		if (l->function >= 0 && sent[l->function] == PY_SUBMIT_THREAD)
			continue;
		struct sf_diagnostic *d = rule_report(
			ctx, l->head_span,
			"pure-Python numeric loop (%s) %s%s%s: each step runs "
			"in the interpreter",
			cost.loops[i].reason,
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
	.lang = SF_LANG_PYTHON,
	.default_severity = SF_SEV_HINT,
	.summary = "heavy numeric pure-Python loop outside async code and "
		   "threads",
	.doc = py220_hot_loop_doc,
	.check_file = check,
};
