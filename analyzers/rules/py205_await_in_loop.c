/*
 * PY205 await-in-loop (hint): a `for` loop (or comprehension) in async code
 * that awaits a call on every iteration, one after the other, when the
 * iterations do not depend on each other. Exempt, as for JS106: `async
 * for` (a stream is consumed in order), `while` loops (polls and retries:
 * how many iterations there are is not known up front), loops that break
 * or return (the awaited result decides whether the loop goes on), an
 * awaited result fed into the next call (`cursor = await page(cursor)`),
 * awaits of tasks or futures already running, and awaits that are
 * sequential by nature: sleeps (pacing), gather/wait, writes and sends to
 * one stream, lock and queue operations, and statements on one database
 * connection. One hint per loop.
 */
#include "rule.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

extern const char py205_await_in_loop_doc[];

/* Calls whose sequence is the point, by resolved name. */
static const char *const sequential_names[] = {
	"asyncio.sleep",        "asyncio.gather", "asyncio.wait",
	"asyncio.as_completed", "asyncio.shield", "anyio.sleep",
	"trio.sleep",
};

/* Methods, whatever the receiver (often a parameter we cannot type):
 * ordered writes to one stream, synchronisation, and statements on one
 * database connection, which cannot run concurrently anyway. */
static const char *const sequential_methods[] = {
	"send",     "send_text",  "send_bytes", "send_json",   "sendall",
	"write",    "writelines", "drain",      "put",         "acquire",
	"wait",     "join",       "execute",    "executemany", "fetch",
	"fetchrow", "fetchval",   "fetchone",   "fetchall",    "commit",
	"rollback", "flush",      "sleep",      "publish",     "emit",
};

static bool
in_list(const char *s, const char *const *list, size_t n)
{
	if (s == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

/* Does the awaited result feed an argument of the same call
 * (`x = await step(x)`)? */
static bool
feeds_itself(const struct sf_facts *f, const struct sf_await *a,
	     const struct sf_call *c)
{
	if (a->assigned == NULL)
		return false;
	size_t n = strlen(a->assigned);
	for (uint32_t i = 0; i < c->nargs; i++) {
		const struct sf_arg *arg = &f->args.v[c->arg0 + i];
		if (arg->text != NULL &&
		    strncmp(arg->text, a->assigned, n) == 0 &&
		    (arg->text[n] == '\0' || arg->text[n] == '.' ||
		     arg->text[n] == '['))
			return true;
	}
	return false;
}

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	bool *done = NULL;
	for (uint32_t i = 0; i < f->awaits.n; i++) {
		const struct sf_await *a = &f->awaits.v[i];
		if (a->loop < 0 || a->call < 0 || !rule_on_loop(f, a->function))
			continue;
		const struct sf_loop *l = &f->loops.v[a->loop];
		const struct sf_call *c = &f->calls.v[a->call];
		if ((l->kind != SF_LOOP_FOR_IN &&
		     l->kind != SF_LOOP_COMPREHENSION) ||
		    (l->flags & (SF_LOOP_ASYNC_ITER | SF_LOOP_BREAKS)) ||
		    l->function != a->function)
			continue;
		if (in_list(c->name, sequential_names,
			    sizeof sequential_names /
				    sizeof *sequential_names) ||
		    in_list(c->method, sequential_methods,
			    sizeof sequential_methods /
				    sizeof *sequential_methods) ||
		    feeds_itself(f, a, c))
			continue;
		if (done == NULL)
			done = xcalloc(f->loops.n, sizeof *done);
		if (done[a->loop])
			continue;
		done[a->loop] = true;
		const char *what = c->callee ? c->callee : "the call";
		struct sf_diagnostic *d = rule_report(
			ctx, a->span,
			"`%s` is awaited once per iteration: each call waits "
			"for the one before, though the iterations do not "
			"depend on each other",
			what);
		rule_help(
			d,
			"start them together: `await asyncio.gather(*(%s(...) "
			"for ... in ...))`, or an `asyncio.TaskGroup`",
			what);
	}
	free(done);
}

const struct sf_rule py205_await_in_loop_rule = {
	.id = "PY205",
	.name = "await-in-loop",
	.lang = SF_LANG_PYTHON,
	.default_severity = SF_SEV_HINT,
	.summary = "independent awaits run one after the other in a loop",
	.doc = py205_await_in_loop_doc,
	.check_file = check,
};
