/*
 * PY201 blocking-call-in-async: a call that blocks the thread (sleep,
 * network, subprocess, file I/O, input, database drivers) in async code.
 * The list of calls is the catalogue's Python entries of those kinds.
 * `time.sleep(x)` in an `async def` carries the quick fix `await
 * asyncio.sleep(x)`, with `import asyncio` added when it is missing.
 */
#include "rule.h"

#include <stdlib.h>
#include <string.h>

#include "../python/fix.h"
#include "../util/xalloc.h"

/* Longest name looked up as a receiver; longer ones are not file objects
 * we track. */
#define PY201_NAME_MAX 128

extern const char py201_blocking_call_doc[];

static bool
is_blocking_kind(enum sf_api_kind kind)
{
	switch (kind) {
	case SF_API_SLEEP:
	case SF_API_NETWORK:
	case SF_API_SUBPROCESS:
	case SF_API_FILE_IO:
	case SF_API_INPUT:
	case SF_API_DATABASE:
	case SF_API_FUTURE_WAIT:
		return true;
	default:
		return false;
	}
}

/* A method of a file object opened in this same function (`open(p).read()`,
 * or `f.read()` after `f = open(p)` / `with open(p) as f`): the open() is
 * the finding, and one is enough. A file opened elsewhere (module level,
 * `__init__`) is reported where it is read or written. */
static bool
file_opened_here(const struct sf_facts *f, const struct sf_call *c)
{
	if (strncmp(c->name, "open().", 7) != 0 || c->callee == NULL)
		return false;
	if (strchr(c->callee, '(') != NULL)
		return true;
	char head[PY201_NAME_MAX];
	size_t n = strcspn(c->callee, ".");
	if (n >= sizeof head || strncmp(c->callee, "self", n) == 0)
		return false;
	memcpy(head, c->callee, n);
	head[n] = '\0';
	const struct sf_binding *b =
		facts_lookup(f, c->function, c->span.start, head);
	return b != NULL && b->scope == c->function &&
	       b->kind == SF_BIND_INSTANCE;
}

/* A method of a socket set non-blocking in this function
 * (`s.setblocking(False)` or `s.settimeout(0)` before the call): it
 * returns at once, with EAGAIN at worst. */
static bool
socket_non_blocking(const struct sf_facts *f, const struct sf_call *c)
{
	if (strncmp(c->name, "socket.socket().", 16) != 0 || c->callee == NULL)
		return false;
	const char *dot = strrchr(c->callee, '.');
	if (dot == NULL)
		return false;
	size_t n = (size_t)(dot - c->callee);
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *s = &f->calls.v[i];
		if (s->function != c->function ||
		    s->span.start > c->span.start || s->callee == NULL ||
		    strncmp(s->callee, c->callee, n) != 0 ||
		    s->callee[n] != '.' || s->nargs != 1)
			continue;
		const char *arg = f->args.v[s->arg0].text;
		if (arg == NULL)
			continue;
		if ((strcmp(s->callee + n, ".setblocking") == 0 &&
		     (strcmp(arg, "False") == 0 || strcmp(arg, "0") == 0)) ||
		    (strcmp(s->callee + n, ".settimeout") == 0 &&
		     strspn(arg, "0.") == strlen(arg)))
			return true;
	}
	return false;
}

static struct sf_span
span_between(struct sf_span a, struct sf_span b)
{
	return (struct sf_span){
		.start = a.start,
		.end = b.end,
		.start_row = a.start_row,
		.start_col = a.start_col,
		.end_row = b.end_row,
		.end_col = b.end_col,
	};
}

/* `time.sleep(x)` -> `await asyncio.sleep(x)`: only as a statement of its
 * own, in the body of an `async def` (await is valid there and nowhere
 * else), and only when `asyncio` is imported or can be. */
static void
offer_sleep_fix(struct sf_rule_ctx *ctx, struct sf_diagnostic *d,
		const struct sf_call *c)
{
	const struct sf_facts *f = ctx->facts;
	if (d == NULL || strcmp(c->name, "time.sleep") != 0 ||
	    (c->flags & SF_CALL_VALUE_USED) ||
	    !(f->functions.v[c->function].flags & SF_FN_ASYNC))
		return;
	bool free_name;
	const char *aio = py_fix_module_name(f, c->function, c->span.start,
					     "asyncio", &free_name);
	struct sf_span import_at;
	bool add_import = aio == NULL;
	if (add_import &&
	    (!free_name ||
	     !py_fix_import_point(f, ctx->src, ctx->len, &import_at)))
		return;
	char *text = xasprintf("await %s.sleep", aio ? aio : "asyncio");
	struct sf_fix *fix =
		diag_set_fix(d, "Replace with `await asyncio.sleep(...)`");
	if (add_import)
		diag_fix_add_edit(fix, import_at, "import asyncio\n");
	diag_fix_add_edit(fix, span_between(c->span, c->callee_span), text);
	free(text);
}

/* `pool.shutdown(wait=False)`, `shutdown(False)`: returns at once. */
static bool
does_not_wait(const struct sf_facts *f, const struct sf_call *c)
{
	if (c->method == NULL || strcmp(c->method, "shutdown") != 0)
		return false;
	const struct sf_arg *a = facts_call_arg(f, c, 0, "wait");
	return a != NULL && a->text != NULL &&
	       (strcmp(a->text, "False") == 0 || strcmp(a->text, "0") == 0);
}

/* Is function fn a done callback (`fut.add_done_callback(fn)`, a lambda
 * given to it)? The future it is handed is done: its result() and
 * exception() return at once. */
static bool
done_callback(const struct sf_facts *f, int32_t fn)
{
	const struct sf_function *g = &f->functions.v[fn];
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->method == NULL ||
		    strcmp(c->method, "add_done_callback") != 0 ||
		    c->nargs == 0)
			continue;
		const struct sf_arg *a = &f->args.v[c->arg0];
		if (a->function == fn ||
		    (a->kind == SF_ARG_NAME && a->text != NULL &&
		     !(g->flags & SF_FN_ANONYMOUS) &&
		     strcmp(a->text, facts_last_segment(g->name)) == 0))
			return true;
	}
	return false;
}

/* A wait on futures inside a `with` pool block whose exit is reported
 * (the first wait of the block is the one worth a finding). */
static bool
inside_reported_exit(const struct sf_call *c, const struct sf_call *exit)
{
	return exit != NULL && exit != c && exit->function == c->function &&
	       c->span.start >= exit->span.start &&
	       c->span.end <= exit->span.end;
}

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	/* The last `with` pool block reported, for inside_reported_exit. */
	const struct sf_call *exit = NULL;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		/* A directly awaited call returns an awaitable: whatever its
		 * name, it is not the blocking one. */
		if (!rule_on_loop(f, c->function) ||
		    (c->flags & SF_CALL_AWAITED))
			continue;
		const struct sf_api *api = rule_call_api(ctx, c);
		if (api == NULL || !is_blocking_kind(api->kind) ||
		    file_opened_here(f, c) || socket_non_blocking(f, c))
			continue;
		if (api->kind == SF_API_FUTURE_WAIT) {
			if (does_not_wait(f, c) ||
			    inside_reported_exit(c, exit) ||
			    done_callback(f, c->function))
				continue;
			if (c->flags & SF_CALL_WITH) {
				exit = c;
				size_t n =
					strlen(c->name) - strlen(".__exit__");
				struct sf_diagnostic *d = rule_report(
					ctx, c->callee_span,
					"leaving `with %.*s` waits on the "
					"event "
					"loop for the work submitted to the "
					"pool "
					"in %s",
					(int)n, c->name,
					f->functions.v[c->function].context);
				rule_help(d, "use %s", api->replacement);
				continue;
			}
		}
		struct sf_diagnostic *d = rule_report(
			ctx, c->callee_span, "`%s` blocks the event loop in %s",
			c->name, f->functions.v[c->function].context);
		rule_help(d, "use %s", api->replacement);
		offer_sleep_fix(ctx, d, c);
	}
}

const struct sf_rule py201_blocking_call_rule = {
	.id = "PY201",
	.name = "blocking-call-in-async",
	.families = 1u << SF_FAMILY_PYTHON,
	.category = RULE_CAT_IO,
	.scope = RULE_SCOPE_FILE,
	.default_severity = SF_SEV_WARNING,
	.summary = "blocking call (sleep, network, subprocess, file, input, "
		   "database) in async code",
	.doc = py201_blocking_call_doc,
	.check_file = check,
};
