/*
 * PY205 await-in-loop (hint): a `for` loop (or comprehension) in async code
 * that awaits a call on every iteration, one after the other, when the
 * iterations do not depend on each other. Exempt, as for JS106: `async
 * for` (a stream is consumed in order), `while` loops (polls and retries:
 * how many iterations there are is not known up front), loops that break
 * or return (the awaited result decides whether the loop goes on), an
 * awaited result fed into the next call (`cursor = await page(cursor)`),
 * awaits of tasks or futures already running, callbacks taken from a
 * collection (hooks, handlers: they run in order by contract), and awaits
 * that are sequential by nature: sleeps (pacing), gather/wait, reads,
 * writes and sends on one stream, start-up and clean-up sequences, events
 * fired in order, lock and queue operations, and statements on one
 * database connection. Quiet for the whole loop when it sleeps between its
 * calls (pacing on purpose), installs or migrates (one shared
 * environment), adds to or arranges one object in order
 * (`message.add_reaction(e)`), or shows one of the dependence signs of
 * await_deps.h. One hint per loop.
 */
#include "rule.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"
#include "await_deps.h"

extern const char py205_await_in_loop_doc[];

/* Calls whose sequence is the point, by resolved name. */
static const char *const sequential_names[] = {
	"asyncio.sleep",        "asyncio.gather", "asyncio.wait",
	"asyncio.as_completed", "asyncio.shield", "anyio.sleep",
	"trio.sleep",
};

/* Pauses: a loop that sleeps between its calls paces them on purpose
 * (`if i % 100 == 0: await asyncio.sleep(0)` yields to the other tasks). */
static const char *const pause_names[] = {
	"asyncio.sleep",
	"anyio.sleep",
	"trio.sleep",
};

/* Methods, whatever the receiver (often a parameter we cannot type), that
 * are sequential on purpose: statements on one database connection (which
 * cannot run concurrently anyway), synchronisation. A private wrapper
 * (`self._execute`) counts as what it wraps. */
static const char *const sequential_methods[] = {
	"execute",  "executemany", "fetch",    "fetchrow",
	"fetchval", "fetchone",    "fetchall", "commit",
	"rollback", "put",         "acquire",  "join",
};

/* Method name prefixes, whatever the receiver, of steps that change one
 * shared environment and run in order by nature: installing packages
 * into one folder, migrating one schema. */
static const char *const environment_prefixes[] = {
	"install",
	"uninstall",
	"migrate",
	"upgrade",
};

/* Method name prefixes that add to or arrange one object in order
 * (`message.add_reaction(e)`, `self._add_rule(...)`,
 * `self.bot.disable_app_command(name)`): the order of the calls is what
 * the object ends up with, when the receiver is the same object on every
 * iteration. */
static const char *const arranging_prefixes[] = {
	"add",     "append", "insert", "push",
	"prepend", "move",   "enable", "disable",
};

/* Method name prefixes of the same kind, on one object (same_object):
 * ordered reads and writes on one stream (`ws.send_str`,
 * `self.write_frame`), start-up and clean-up sequences (`close`, `aclose`,
 * `start`, `stop`), events fired in order, and pacing. The async protocols
 * (`__aenter__`, `__aexit__`, `__anext__`) are exempt on any receiver. */
static const char *const sequential_prefixes[] = {
	"send",   "write",    "read",  "seek",  "drain",    "flush", "close",
	"aclose", "wait",     "start", "stop",  "shutdown", "emit",  "publish",
	"notify", "dispatch", "fire",  "sleep", "answer",   "reply",
};

/* Is the receiver of method call c the same object on every iteration: a
 * name bound outside the loop (a parameter, a local, `self`), not a module
 * (`notify.send_email` is a function) and not the loop variable (which the
 * extractor leaves unbound: `for ws in clients: await ws.send(m)` sends to
 * different sockets)? */
static bool
same_object(const struct sf_facts *f, const struct sf_call *c)
{
	if (c->callee == NULL)
		return false;
	size_t n = strcspn(c->callee, ".(");
	if (c->callee[n] != '.' || n >= 128)
		return false;
	if (n == 4 && strncmp(c->callee, "self", 4) == 0)
		return true;
	char head[128];
	memcpy(head, c->callee, n);
	head[n] = '\0';
	const struct sf_binding *b =
		facts_lookup(f, c->function, c->span.start, head);
	return b != NULL && b->kind != SF_BIND_MODULE &&
	       b->kind != SF_BIND_MEMBER;
}

/* The method name without the leading underscores of a private
 * wrapper (`_execute`, `__send`); a protocol method (`__aenter__`) as is. */
static const char *
bare(const char *m)
{
	if (m == NULL)
		return NULL;
	size_t n = strlen(m);
	if (n > 4 && strncmp(m, "__", 2) == 0 && strcmp(m + n - 2, "__") == 0)
		return m;
	while (*m == '_')
		m++;
	return m;
}

/* Does s start with one of the words, as a word (followed by the end,
 * `_` or a capital: `add_reaction`, `addRole`, not `address`)? */
static bool
has_word_prefix(const char *s, const char *const *list, size_t n)
{
	if (s == NULL)
		return false;
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(list[i]);
		if (strncmp(s, list[i], k) == 0 &&
		    (s[k] == '\0' || s[k] == '_' ||
		     (s[k] >= 'A' && s[k] <= 'Z')))
			return true;
	}
	return false;
}

static bool
has_prefix(const char *s, const char *const *list, size_t n)
{
	if (s == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strncmp(s, list[i], strlen(list[i])) == 0)
			return true;
	return false;
}

/* `await handler()` where handler is a local value, not a function of
 * this file or an import: a callback taken from a collection (startup
 * handlers, hooks, background tasks), which run in order by contract. */
static bool
calls_a_value(const struct sf_facts *f, const struct sf_call *c)
{
	if (c->callee == NULL || strpbrk(c->callee, ".()") != NULL)
		return false;
	const struct sf_binding *b =
		facts_lookup(f, c->function, c->span.start, c->callee);
	/* Unbound: a loop variable (the extractor binds no loop targets). */
	if (b == NULL)
		return true;
	if (b->kind != SF_BIND_LOCAL || b->scope < 0)
		return false;
	/* A parameter or a local value, not a nested `def`. */
	for (uint32_t i = 0; i < f->functions.n; i++)
		if (f->functions.v[i].name_span.start == b->span.start)
			return false;
	return true;
}

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
	if (f->awaits.n == 0 || f->loops.n == 0)
		return;
	/* Per loop: its iterations depend on each other (a sign on any of
	 * its awaits), or it has its hint. */
	bool *done = xcalloc(f->loops.n, sizeof *done);
	for (uint32_t i = 0; i < f->awaits.n; i++) {
		const struct sf_await *a = &f->awaits.v[i];
		if (a->loop < 0 || a->call < 0)
			continue;
		const struct sf_call *c = &f->calls.v[a->call];
		const char *m = bare(c->method);
		if (await_dependence(f, a, c) != NULL ||
		    in_list(c->name, pause_names,
			    sizeof pause_names / sizeof *pause_names) ||
		    has_word_prefix(m, environment_prefixes,
				    sizeof environment_prefixes /
					    sizeof *environment_prefixes) ||
		    (has_word_prefix(m, arranging_prefixes,
				     sizeof arranging_prefixes /
					     sizeof *arranging_prefixes) &&
		     same_object(f, c)))
			done[a->loop] = true;
	}
	for (uint32_t i = 0; i < f->awaits.n; i++) {
		const struct sf_await *a = &f->awaits.v[i];
		if (a->loop < 0 || a->call < 0 || !rule_on_loop(f, a->function))
			continue;
		/* `for x in await f():` awaits once, before the loop. */
		if (f->calls.v[a->call].flags & SF_CALL_IN_LOOP_HEADER)
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
		    in_list(bare(c->method), sequential_methods,
			    sizeof sequential_methods /
				    sizeof *sequential_methods) ||
		    (has_prefix(bare(c->method), sequential_prefixes,
				sizeof sequential_prefixes /
					sizeof *sequential_prefixes) &&
		     same_object(f, c)) ||
		    (c->method && strncmp(c->method, "__a", 3) == 0) ||
		    calls_a_value(f, c) || feeds_itself(f, a, c))
			continue;
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
	.families = 1u << SF_FAMILY_PYTHON,
	.category = RULE_CAT_STYLE,
	.scope = RULE_SCOPE_FILE,
	.path = RULE_PATH_ANYWHERE,
	.default_severity = SF_SEV_HINT,
	.summary = "independent awaits run one after the other in a loop",
	.doc = py205_await_in_loop_doc,
	.check_file = check,
};
