/*
 * JS106 await-in-loop (hint): an `await` in the body of a loop over a
 * collection whose iterations do not depend on each other, in event-loop
 * code. Quiet for `for await`, for `while`/`do` loops (polling, paging,
 * reading a stream), for loops that stop early (`break`/`return`: a retry
 * or a search), for awaits that do not use the loop variable, that feed a
 * variable the next iteration reads, that already run things together
 * (`Promise.all`), for loops that sleep (deliberate pacing) or make calls
 * that are ordered by nature (writes to one stream or connection,
 * lifecycle steps), and in functions named for running things in series.
 */
#include "rule.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"
#include "await_deps.h"

extern const char js106_await_in_loop_doc[];

static bool
last_segment_in(const char *name, const char *const *list, size_t n)
{
	if (name == NULL)
		return false;
	const char *last = facts_last_segment(name);
	for (size_t i = 0; i < n; i++)
		if (strcmp(last, list[i]) == 0)
			return true;
	return false;
}

/* An awaited pause: `await sleep(ms)`, `await setTimeout(ms)` from
 * timers/promises, `await new Promise((r) => setTimeout(r, ms))`. */
static bool
is_pause(const struct sf_call *c)
{
	static const char *const names[] = {"sleep",      "delay",   "wait",
					    "setTimeout", "timeout", "pause"};
	if ((c->flags & SF_CALL_NEW) && c->callee != NULL &&
	    strcmp(c->callee, "Promise") == 0)
		return true;
	return last_segment_in(c->callee, names, sizeof names / sizeof *names);
}

/* Calls whose order matters or that share one resource: writes to a
 * stream, queries on one connection, `iterator.next()`, migrations, and
 * lifecycle steps (starting, stopping, loading or connecting components is
 * sequenced on purpose: one may need the one before). */
static bool
is_ordered(const struct sf_call *c)
{
	static const char *const names[] = {
		"write",      "end",     "query",    "exec",     "execute",
		"run",        "next",    "read",     "commit",   "rollback",
		"migrate",    "up",      "down",     "apply",    "acquire",
		"lock",       "start",   "stop",     "init",     "initialize",
		"close",      "destroy", "dispose",  "shutdown", "connect",
		"disconnect", "load",    "unload",   "install",  "uninstall",
		"register",   "setup",   "teardown",
	};
	const char *m = c->method ? c->method : c->callee;
	return last_segment_in(m, names, sizeof names / sizeof *names);
}

/* A function whose name says it runs things one at a time
 * (`callAllSerial`, `runInSeries`, `applySequentially`). */
static bool
sequential_by_name(const char *name)
{
	static const char *const words[] = {"serial", "series", "sequen",
					    "inorder", "onebyone"};
	char lower[64];
	size_t n = 0;
	for (const char *p = name; *p && n < sizeof lower - 1; p++)
		if (*p != '_')
			lower[n++] = (char)tolower((unsigned char)*p);
	lower[n] = '\0';
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strstr(lower, words[i]) != NULL)
			return true;
	return false;
}

static bool
runs_together(const struct sf_call *c)
{
	static const char *const names[] = {"all", "allSettled", "race", "any"};
	return c->callee != NULL && strncmp(c->callee, "Promise.", 8) == 0 &&
	       last_segment_in(c->callee, names, sizeof names / sizeof *names);
}

static bool
over_collection(const struct sf_loop *l)
{
	if (l->flags & (SF_LOOP_ASYNC_ITER | SF_LOOP_BREAKS | SF_LOOP_INFINITE))
		return false;
	if (l->kind == SF_LOOP_FOR_IN)
		return true;
	return l->kind == SF_LOOP_FOR &&
	       ((l->flags & SF_LOOP_COLLECTION) || l->trip >= 0);
}

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	if (f->awaits.n == 0 || f->loops.n == 0)
		return;
	/* Per loop: 1 when something in it rules the hint out, 2 once
	 * reported. */
	uint8_t *state = xcalloc(f->loops.n, 1);
	for (uint32_t i = 0; i < f->awaits.n; i++) {
		const struct sf_await *a = &f->awaits.v[i];
		if (a->loop < 0 || a->call < 0)
			continue;
		const struct sf_call *c = &f->calls.v[a->call];
		if (is_pause(c) || is_ordered(c) ||
		    (a->flags & SF_AWAIT_REASSIGNS) ||
		    await_dependence(f, a, c) != NULL)
			state[a->loop] = 1;
	}
	for (uint32_t i = 0; i < f->awaits.n; i++) {
		const struct sf_await *a = &f->awaits.v[i];
		if (a->loop < 0 || a->call < 0 || state[a->loop] != 0 ||
		    !rule_on_loop(f, a->function) ||
		    sequential_by_name(f->functions.v[a->function].name))
			continue;
		const struct sf_loop *l = &f->loops.v[a->loop];
		if (!over_collection(l) || a->span.start < l->body.start ||
		    a->span.start >= l->body.end ||
		    !(a->flags & SF_AWAIT_USES_LOOP_VAR) ||
		    runs_together(&f->calls.v[a->call]))
			continue;
		state[a->loop] = 2;
		struct sf_diagnostic *d = rule_report(
			ctx, a->span,
			"`await` in a loop runs its iterations one after "
			"another in %s, though they do not depend on each "
			"other",
			f->functions.v[a->function].context);
		rule_help(d, "start them together and wait once: `await "
			     "Promise.all(items.map(async (item) => ...))` "
			     "(in batches when there are many)");
	}
	free(state);
}

const struct sf_rule js106_await_in_loop_rule = {
	.id = "JS106",
	.name = "await-in-loop",
	.families = 1u << SF_FAMILY_JAVASCRIPT,
	.category = RULE_CAT_STYLE,
	.scope = RULE_SCOPE_FILE,
	.path = RULE_PATH_ANYWHERE,
	.default_severity = SF_SEV_HINT,
	.summary = "`await` in a loop whose iterations do not depend on each "
		   "other",
	.doc = js106_await_in_loop_doc,
	.check_file = check,
};
