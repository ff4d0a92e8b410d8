/*
 * The Python workload judge: hot loops, hand-offs to threads and
 * processes, and what a handed-off function does. See judge.h.
 */
#include "judge.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

/* Nested partials followed, at most. */
#define PY_JUDGE_PARTIAL_DEPTH 4
/* Longest resolved name whose module prefixes are tried. */
#define PY_JUDGE_NAME_MAX 512

/* --- hot loops ------------------------------------------------------------ */

/* The end of loop i's nest: loops are in pre-order, so the nest is the run
 * of loops that start inside it. */
static uint32_t
nest_end(const struct sf_facts *f, uint32_t i)
{
	uint32_t j = i + 1;
	while (j < f->loops.n &&
	       f->loops.v[j].span.start < f->loops.v[i].span.end)
		j++;
	return j;
}

bool
py_loop_heavy(const struct sf_facts *f, const struct cost_result *cost,
	      uint32_t i)
{
	(void)f;
	return cost->loops[i].heavy;
}

bool
py_loop_report(const struct sf_facts *f, const struct cost_result *cost,
	       uint32_t i)
{
	if (!py_loop_heavy(f, cost, i))
		return false;
	for (int32_t p = f->loops.v[i].parent; p >= 0; p = f->loops.v[p].parent)
		if (py_loop_heavy(f, cost, (uint32_t)p))
			return false;
	return true;
}

bool
py_loop_numeric(const struct sf_facts *f, uint32_t i)
{
	int32_t fn = f->loops.v[i].function;
	uint32_t end = nest_end(f, i);
	/* The innermost loops (those with no loop inside) do the arithmetic,
	 * and none of them is a search that stops at a match. */
	bool numeric = false;
	for (uint32_t j = i; j < end; j++) {
		const struct sf_loop *l = &f->loops.v[j];
		bool leaf =
			j + 1 >= end || f->loops.v[j + 1].parent != (int32_t)j;
		if (l->function != fn || !leaf)
			continue;
		if (l->flags & (SF_LOOP_BREAKS | SF_LOOP_TEXT))
			return false;
		numeric |= (l->flags & SF_LOOP_ARITH) != 0;
	}
	return numeric;
}

/* --- the catalogue -------------------------------------------------------- */

static bool
waits(enum sf_api_kind kind)
{
	switch (kind) {
	case SF_API_SLEEP:
	case SF_API_NETWORK:
	case SF_API_SUBPROCESS:
	case SF_API_FILE_IO:
	case SF_API_INPUT:
	case SF_API_DATABASE:
	case SF_API_SYNC_PRIMITIVE:
	case SF_API_FUTURE_WAIT:
		return true;
	default:
		return false;
	}
}

bool
py_releases_gil(const struct sf_catalogue *cat, const char *name)
{
	if (name == NULL)
		return false;
	size_t n = strlen(name);
	if (n >= PY_JUDGE_NAME_MAX)
		return false;
	char buf[PY_JUDGE_NAME_MAX];
	memcpy(buf, name, n + 1);
	for (;;) {
		const struct sf_api *api =
			catalogue_match(cat, SF_LANG_PYTHON, buf);
		if (api != NULL && api->kind == SF_API_RELEASES_GIL)
			return true;
		char *dot = strrchr(buf, '.');
		if (dot == NULL)
			return false;
		*dot = '\0';
	}
}

/* --- same-file functions -------------------------------------------------- */

/* The function named by a binding that a `def` made (not a parameter or an
 * assignment of the same name), or -1. */
static int32_t
defined_function(struct sf_facts *f, int32_t scope, uint32_t pos,
		 const char *name)
{
	const struct sf_binding *b = facts_lookup(f, scope, pos, name);
	if (b == NULL || b->kind != SF_BIND_LOCAL)
		return -1;
	int32_t fn = facts_find_function(f, name);
	if (fn < 0 || f->functions.v[fn].name_span.start != b->span.start)
		return -1;
	return fn;
}

/* The class of this file named name, or -1. */
static int32_t
class_named(const struct sf_facts *f, const char *name, size_t n)
{
	for (uint32_t i = 0; i < f->classes.n; i++)
		if (strncmp(f->classes.v[i].name, name, n) == 0 &&
		    f->classes.v[i].name[n] == '\0')
			return (int32_t)i;
	return -1;
}

/* `Class.method` of this file, or -1. */
static int32_t
method_of(struct sf_facts *f, int32_t cls, const char *method)
{
	if (cls < 0 || strpbrk(method, ".()") != NULL)
		return -1;
	return facts_find_function(f, arena_printf(&f->arena, "%s.%s",
						   f->classes.v[cls].name,
						   method));
}

/* The same-file function a dotted path names as seen from function scope
 * at pos: `helper`, `self.method`, `Class.method`, `obj.method` for `obj =
 * Class()`. */
static int32_t
function_of_path(struct sf_facts *f, int32_t scope, uint32_t pos,
		 const char *path)
{
	const char *dot = strchr(path, '.');
	if (strchr(path, '(') != NULL)
		return -1;
	if (dot == NULL)
		return defined_function(f, scope, pos, path);
	size_t hn = (size_t)(dot - path);
	if (hn == 4 && strncmp(path, "self", 4) == 0)
		return scope >= 0
			       ? method_of(f, f->functions.v[scope].class_index,
					   dot + 1)
			       : -1;
	char *head = arena_strndup(&f->arena, path, hn);
	const struct sf_binding *b = facts_lookup(f, scope, pos, head);
	if (b == NULL)
		return -1;
	if (b->kind == SF_BIND_LOCAL)
		return method_of(f, class_named(f, head, hn), dot + 1);
	if (b->kind == SF_BIND_INSTANCE && b->target != NULL) {
		/* `w = Worker()`: a class of this file, called. */
		size_t tn = strlen(b->target);
		if (tn > 2 && strcmp(b->target + tn - 2, "()") == 0)
			return method_of(f, class_named(f, b->target, tn - 2),
					 dot + 1);
	}
	return -1;
}

/* --- the judge ------------------------------------------------------------ */

/* Methods that usually wait, whatever the receiver (a connection, a
 * listener, a child process...): a function calling one of them on an
 * object we cannot type may be waiting, not computing. */
static const char *const waiting_methods[] = {
	"wait",     "wait_for",  "acquire",    "accept",        "connect",
	"recv",     "recv_into", "recv_bytes", "recvfrom",      "sendall",
	"select",   "poll",      "sleep",      "communicate",   "result",
	"readline", "readlines", "urlopen",    "serve_forever",
};

/* Called for calls the catalogue does not know: unresolved, or resolved
 * to an API it has no entry for (`self.listener.accept()` where the
 * listener comes from another module). */
static bool
may_wait(struct sf_facts *f, int32_t g, const struct sf_call *c)
{
	/* A function looked up by name at run time (`func =
	 * getattr(importlib.import_module(m), name)`, a task runner's
	 * dispatch): it could do anything. */
	static const char *const lookups[] = {
		"getattr()",
		"importlib.import_module()",
		"__import__()",
	};
	for (size_t i = 0;
	     c->name != NULL && i < sizeof lookups / sizeof *lookups; i++)
		if (strncmp(c->name, lookups[i], strlen(lookups[i])) == 0)
			return true;
	if (c->method != NULL) {
		/* `sep.join(parts)` is text; `t.join()`, `t.join(5)` wait. */
		if (strcmp(c->method, "join") == 0)
			return c->nargs == 0 ||
			       (c->nargs == 1 &&
				f->args.v[c->arg0].kind == SF_ARG_NUMBER);
		for (size_t i = 0;
		     i < sizeof waiting_methods / sizeof *waiting_methods; i++)
			if (strcmp(c->method, waiting_methods[i]) == 0)
				return true;
		return false;
	}
	if (c->name != NULL)
		return false;
	/* A callable passed in as a parameter: it could do anything. */
	if (c->callee == NULL || strpbrk(c->callee, ".()") != NULL)
		return false;
	const struct sf_binding *b =
		facts_lookup(f, g, c->span.start, c->callee);
	return b != NULL && b->kind == SF_BIND_LOCAL && b->scope >= 0 &&
	       defined_function(f, g, c->span.start, c->callee) < 0 &&
	       class_named(f, c->callee, strlen(c->callee)) < 0;
}

void
py_judge_function(struct sf_facts *f, const struct sf_catalogue *cat,
		  const struct cost_result *cost, int32_t fn,
		  struct py_workload *out)
{
	*out = (struct py_workload){
		.cpu_loop = -1,
		.cpu_fn = -1,
		.io_call = -1,
		.gil_call = -1,
	};
	if (fn < 0 || (uint32_t)fn >= f->functions.n)
		return;
	int32_t todo[PY_JUDGE_MAX_FUNCTIONS];
	uint32_t ntodo = 0;
	todo[ntodo++] = fn;
	for (uint32_t k = 0; k < ntodo; k++) {
		int32_t g = todo[k];
		if (cost->tree_recursive[g] && out->cpu_fn < 0) {
			out->cpu = true;
			out->cpu_fn = g;
			if (out->cpu_reason == NULL)
				out->cpu_reason = "it calls itself more than "
						  "once per call (tree "
						  "recursion)";
		}
		for (uint32_t i = 0; i < f->loops.n; i++)
			if (f->loops.v[i].function == g && out->cpu_loop < 0 &&
			    py_loop_report(f, cost, i)) {
				out->cpu = true;
				out->cpu_loop = (int32_t)i;
				out->cpu_reason = cost->loops[i].reason;
			}
		for (uint32_t i = 0; i < f->calls.n; i++) {
			const struct sf_call *c = &f->calls.v[i];
			if (c->function != g)
				continue;
			const struct sf_api *api =
				catalogue_match(cat, SF_LANG_PYTHON, c->name);
			if (api != NULL && waits(api->kind)) {
				out->io = true;
				if (out->io_call < 0)
					out->io_call = (int32_t)i;
				continue;
			}
			if (py_releases_gil(cat, c->name)) {
				out->releases_gil = true;
				if (out->gil_call < 0)
					out->gil_call = (int32_t)i;
				continue;
			}
			if (may_wait(f, g, c))
				out->opaque = true;
			if (c->name != NULL || c->callee == NULL ||
			    ntodo == PY_JUDGE_MAX_FUNCTIONS)
				continue;
			int32_t h = function_of_path(f, g, c->span.start,
						     c->callee);
			bool seen = h < 0;
			for (uint32_t t = 0; t < ntodo && !seen; t++)
				seen = todo[t] == h;
			if (!seen)
				todo[ntodo++] = h;
		}
	}
}

bool
py_workload_cpu_bound(const struct py_workload *w)
{
	return w->cpu && !w->io && !w->releases_gil && !w->opaque;
}

bool
py_workload_io_bound(const struct py_workload *w)
{
	return w->io && !w->cpu && !w->releases_gil && !w->opaque;
}

/* --- hand-offs ------------------------------------------------------------ */

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0 &&
	       (n == m || s[n - m - 1] == '.');
}

/* What kind of executor the first argument of run_in_executor is. */
static enum py_submit
executor_kind(struct sf_facts *f, const struct sf_arg *a)
{
	if (a == NULL)
		return PY_SUBMIT_NONE;
	if (a->text != NULL && strcmp(a->text, "None") == 0)
		return PY_SUBMIT_THREAD; /* the loop's default executor */
	const char *name = a->resolved;
	if (a->kind == SF_ARG_CALL && a->call >= 0 &&
	    f->calls.v[a->call].name != NULL)
		name = arena_printf(&f->arena, "%s()",
				    f->calls.v[a->call].name);
	if (name == NULL)
		return PY_SUBMIT_NONE;
	if (ends_with(name, "ThreadPoolExecutor()"))
		return PY_SUBMIT_THREAD;
	if (ends_with(name, "ProcessPoolExecutor()"))
		return PY_SUBMIT_PROCESS;
	return PY_SUBMIT_NONE;
}

enum py_submit
py_submission(struct sf_facts *f, const struct sf_catalogue *cat,
	      const struct sf_call *c, const struct sf_arg **callable)
{
	*callable = NULL;
	if (c->method != NULL && strcmp(c->method, "run_in_executor") == 0) {
		enum py_submit k =
			executor_kind(f, facts_call_arg(f, c, 0, "executor"));
		if (k != PY_SUBMIT_NONE)
			*callable = facts_call_arg(f, c, 1, "func");
		return k;
	}
	const struct sf_api *api =
		catalogue_match(cat, SF_LANG_PYTHON, c->name);
	if (api == NULL || (api->kind != SF_API_THREAD_SUBMIT &&
			    api->kind != SF_API_PROCESS_SUBMIT))
		return PY_SUBMIT_NONE;
	/* "1|target": positional index, then the keyword. */
	char *end;
	long pos = strtol(api->replacement, &end, 10);
	const char *kw = *end == '|' ? end + 1 : NULL;
	*callable = facts_call_arg(f, c, pos >= 0 ? (uint32_t)pos : 0, kw);
	return api->kind == SF_API_THREAD_SUBMIT ? PY_SUBMIT_THREAD
						 : PY_SUBMIT_PROCESS;
}

static int32_t
target_at_depth(struct sf_facts *f, const struct sf_call *c,
		const struct sf_arg *a, int depth)
{
	if (a == NULL || depth > PY_JUDGE_PARTIAL_DEPTH)
		return -1;
	switch (a->kind) {
	case SF_ARG_FUNCTION:
		return a->function;
	case SF_ARG_CALL: {
		if (a->call < 0)
			return -1;
		const struct sf_call *p = &f->calls.v[a->call];
		if (p->name == NULL ||
		    strcmp(p->name, "functools.partial") != 0)
			return -1;
		return target_at_depth(f, p, facts_call_arg(f, p, 0, NULL),
				       depth + 1);
	}
	case SF_ARG_NAME:
		/* Imported names live in other files: the index's job. */
		if (a->resolved != NULL)
			return -1;
		return function_of_path(f, c->function, a->span.start, a->text);
	default:
		return -1;
	}
}

int32_t
py_target_function(struct sf_facts *f, const struct sf_call *c,
		   const struct sf_arg *a)
{
	return target_at_depth(f, c, a, 0);
}

enum py_submit
py_class_runs_in(struct sf_facts *f, uint32_t cls)
{
	const struct sf_class *k = &f->classes.v[cls];
	if (k->bases == NULL)
		return PY_SUBMIT_NONE;
	const char *p = k->bases;
	while (*p != '\0') {
		p += strspn(p, "( \t\r\n,");
		size_t n = strcspn(p, ",)");
		const char *base = arena_strndup(&f->arena, p, n);
		/* Trim the end; skip keywords (`metaclass=...`). */
		size_t bn = strlen(base);
		while (bn > 0 && strchr(" \t\r\n", base[bn - 1]))
			bn--;
		if (bn > 0 && memchr(base, '=', bn) == NULL) {
			base = arena_strndup(&f->arena, base, bn);
			bool bound;
			const char *r =
				facts_resolve(f, k->parent_function,
					      k->span.start, base, &bound);
			if (r != NULL && strcmp(r, "threading.Thread") == 0)
				return PY_SUBMIT_THREAD;
			if (r != NULL &&
			    (strcmp(r, "multiprocessing.Process") == 0 ||
			     strcmp(r, "multiprocessing.context.Process") == 0))
				return PY_SUBMIT_PROCESS;
		}
		p += n;
		if (*p == '\0')
			break;
		p++;
	}
	return PY_SUBMIT_NONE;
}

void
py_find_targets(struct sf_facts *f, const struct sf_catalogue *cat,
		uint8_t *kinds)
{
	memset(kinds, PY_SUBMIT_NONE, f->functions.n);
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_arg *a;
		enum py_submit k = py_submission(f, cat, &f->calls.v[i], &a);
		int32_t fn = k != PY_SUBMIT_NONE
				     ? py_target_function(f, &f->calls.v[i], a)
				     : -1;
		if (fn >= 0)
			kinds[fn] = (uint8_t)k;
	}
	for (uint32_t i = 0; i < f->classes.n; i++) {
		enum py_submit k = py_class_runs_in(f, i);
		int32_t run = k != PY_SUBMIT_NONE
				      ? method_of(f, (int32_t)i, "run")
				      : -1;
		if (run >= 0)
			kinds[run] = (uint8_t)k;
	}
}

void
py_each_handoff(struct sf_facts *f, const struct sf_catalogue *cat,
		const struct cost_options *opts, enum py_submit kind,
		void (*visit)(void *user, const struct py_handoff *h),
		void *user)
{
	struct cost_result cost = {0};
	bool analysed = false;
	uint32_t ncalls = f->calls.n, nclasses = f->classes.n;
	/* A callable handed to a thread or a process works on what it is
	 * handed: its parameters count as data that can be large. */
	struct cost_options handed = opts ? *opts : (struct cost_options){0};
	handed.params_large = true;
	for (uint32_t i = 0; i < ncalls + nclasses; i++) {
		struct py_handoff h = {.cls = -1, .fn = -1};
		if (i < ncalls) {
			h.call = &f->calls.v[i];
			if (py_submission(f, cat, h.call, &h.arg) != kind)
				continue;
			h.fn = py_target_function(f, h.call, h.arg);
		} else {
			h.cls = (int32_t)(i - ncalls);
			if (py_class_runs_in(f, (uint32_t)h.cls) != kind)
				continue;
			h.fn = method_of(f, h.cls, "run");
		}
		if (h.fn < 0)
			continue;
		if (!analysed) {
			cost_analyze(f, cat, &handed, &cost);
			analysed = true;
		}
		py_judge_function(f, cat, &cost, h.fn, &h.work);
		visit(user, &h);
	}
	if (analysed)
		cost_result_finish(&cost);
}
