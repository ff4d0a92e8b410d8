/*
 * PY204 sync-primitive-in-async: waiting on a threading lock, event,
 * condition, semaphore, barrier, queue, thread or concurrent future in
 * async code. The wait blocks the loop's thread; when the primitive is
 * released by another task of the same loop, that task never runs and the
 * program deadlocks. The list is the catalogue's sync-primitive entries.
 * `with lock:` is reported only where it can wait: see with_can_wait.
 */
#include "rule.h"

#include <string.h>

extern const char py204_sync_primitive_doc[];

static bool
arg_is(const struct sf_arg *a, const char *text)
{
	return a != NULL && a->text != NULL && strcmp(a->text, text) == 0;
}

static bool
arg_is_zero(const struct sf_arg *a)
{
	return a != NULL && a->kind == SF_ARG_NUMBER && a->text != NULL &&
	       strspn(a->text, "0.") == strlen(a->text);
}

/* `lock.acquire(False)`, `q.get(block=False)`, `ev.wait(0)`,
 * `t.join(timeout=0)`: these return at once. */
static bool
non_blocking(const struct sf_facts *f, const struct sf_call *c)
{
	const char *m = c->method ? c->method : "";
	if (arg_is(facts_call_arg(f, c, 99, "blocking"), "False") ||
	    arg_is(facts_call_arg(f, c, 99, "block"), "False") ||
	    arg_is_zero(facts_call_arg(f, c, 99, "timeout")))
		return true;
	if (strcmp(m, "acquire") == 0 || strcmp(m, "get") == 0)
		return arg_is(facts_call_arg(f, c, 0, NULL), "False") ||
		       (strcmp(m, "acquire") == 0 &&
			arg_is_zero(facts_call_arg(f, c, 1, NULL)));
	if (strcmp(m, "put") == 0)
		return arg_is(facts_call_arg(f, c, 1, NULL), "False");
	if (strcmp(m, "wait") == 0 || strcmp(m, "join") == 0 ||
	    strcmp(m, "result") == 0)
		return arg_is_zero(facts_call_arg(f, c, 0, NULL));
	return false;
}

/* An await inside the `with` statement of call c (its span is the whole
 * statement). */
static bool
awaits_inside(const struct sf_facts *f, const struct sf_call *c)
{
	for (uint32_t i = 0; i < f->awaits.n; i++) {
		const struct sf_await *a = &f->awaits.v[i];
		if (a->function == c->function &&
		    a->span.start > c->span.start && a->span.end <= c->span.end)
			return true;
	}
	return false;
}

/* Does the file hand work to threads or processes (a thread target, a
 * pool, `asyncio.to_thread`, `run_in_executor`)? Then another thread can
 * hold a lock the loop's thread takes. */
static bool
uses_threads(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		const char *m = c->method ? c->method : "";
		if (strcmp(m, "run_in_executor") == 0 ||
		    strcmp(m, "async_add_executor_job") == 0 ||
		    strcmp(m, "add_executor_job") == 0)
			return true;
		const struct sf_api *api = rule_call_api(ctx, c);
		if (api != NULL && (api->kind == SF_API_THREAD_SUBMIT ||
				    api->kind == SF_API_PROCESS_SUBMIT))
			return true;
	}
	return false;
}

/* `with lock:` on the loop's thread waits only when the lock is held
 * elsewhere: by another thread (the file starts threads, or the lock is a
 * multiprocessing one), or by another task that suspended while holding
 * it — which a non-reentrant lock held across an `await` allows. An RLock
 * (and a Condition, whose lock is an RLock) is re-entered at once by every
 * task of the loop's thread: without threads it never waits. */
static bool
with_can_wait(const struct sf_facts *f, const struct sf_call *c, bool threads)
{
	if (threads || strncmp(c->name, "multiprocessing.", 16) == 0)
		return true;
	bool reentrant = strncmp(c->name, "threading.RLock()", 17) == 0 ||
			 strncmp(c->name, "threading.Condition()", 21) == 0;
	return !reentrant && awaits_inside(f, c);
}

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	int threads = -1; /* not looked at yet */
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (!rule_on_loop(f, c->function) ||
		    (c->flags & SF_CALL_AWAITED))
			continue;
		const struct sf_api *api = rule_call_api(ctx, c);
		if (api == NULL || api->kind != SF_API_SYNC_PRIMITIVE ||
		    non_blocking(f, c))
			continue;
		if ((c->flags & SF_CALL_WITH) && threads < 0)
			threads = uses_threads(ctx);
		if ((c->flags & SF_CALL_WITH) &&
		    !with_can_wait(f, c, threads > 0))
			continue;
		const char *where = f->functions.v[c->function].context;
		struct sf_diagnostic *d;
		if (c->flags & SF_CALL_WITH) {
			/* `threading.Lock().__enter__`: name the type. */
			const char *paren = strstr(c->name, "().");
			int tn = paren ? (int)(paren - c->name)
				       : (int)strlen(c->name);
			size_t cn = strlen(c->callee) - strlen(".__enter__");
			d = rule_report(
				ctx, c->callee_span,
				"`with %.*s` waits for a `%.*s` on the event "
				"loop's thread in %s%s",
				(int)cn, c->callee, tn, c->name, where,
				awaits_inside(f, c)
					? ", and holds it across an `await`: "
					  "a second task blocks the loop "
					  "and the first can never release it"
					: "");
		} else {
			d = rule_report(ctx, c->callee_span,
					"`%s` waits on the event loop's thread "
					"in %s",
					c->name, where);
		}
		rule_help(d, "use %s", api->replacement);
	}
}

const struct sf_rule py204_sync_primitive_rule = {
	.id = "PY204",
	.name = "sync-primitive-in-async",
	.families = 1u << SF_FAMILY_PYTHON,
	.category = RULE_CAT_IO,
	.scope = RULE_SCOPE_FILE,
	.default_severity = SF_SEV_WARNING,
	.summary = "threading lock / event / queue wait in async code",
	.doc = py204_sync_primitive_doc,
	.check_file = check,
};
