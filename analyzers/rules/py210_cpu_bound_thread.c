/*
 * PY210 cpu-bound-thread: a callable sent to a thread (threading.Thread,
 * a ThreadPoolExecutor, asyncio.to_thread, run_in_executor with None or a
 * thread pool, or the run() of a threading.Thread subclass) whose body is
 * CPU-bound pure Python: a heavy loop or tree recursion, no I/O, nothing
 * that releases the GIL. On CPython the threads take turns.
 *
 * Targets are resolved in this file (functions, methods, partials,
 * lambdas); python/judge.c decides. When the pool is a ThreadPoolExecutor
 * made in a function of this file and every callable sent to it is a
 * module-level function (so it pickles), the diagnostic carries the fix
 * ThreadPoolExecutor -> ProcessPoolExecutor.
 */
#include "rule.h"

#include <stdlib.h>
#include <string.h>

#include "../engine.h"
#include "../python/fix.h"
#include "../python/judge.h"
#include "handoff_index.h"

extern const char py210_cpu_bound_thread_doc[];

#define TPE     "ThreadPoolExecutor"
#define TPE_LEN (sizeof TPE - 1)

/* "`name`" or "the lambda", in the facts' arena. */
static const char *
target_name(struct sf_facts *f, int32_t fn)
{
	if (f->functions.v[fn].flags & SF_FN_ANONYMOUS)
		return "the lambda";
	return arena_printf(&f->arena, "`%s`", f->functions.v[fn].name);
}

/* Points the reader at the evidence: the heavy loop or the recursion. */
static void
add_evidence(struct sf_rule_ctx *ctx, struct sf_diagnostic *d,
	     const struct py_workload *w)
{
	const struct sf_facts *f = ctx->facts;
	if (d == NULL)
		return;
	if (w->cpu_loop >= 0) {
		const struct sf_span *s = &f->loops.v[w->cpu_loop].head_span;
		diag_add_related(d, f->path,
				 diag_position(ctx->src, ctx->len, s->start_row,
					       s->start),
				 "the CPU-bound loop");
	} else if (w->cpu_fn >= 0) {
		const struct sf_span *s = &f->functions.v[w->cpu_fn].name_span;
		diag_add_related(d, f->path,
				 diag_position(ctx->src, ctx->len, s->start_row,
					       s->start),
				 "the tree-recursive function");
	}
}

/* Is the text of src between a and b (a <= b) only white space around
 * word? */
static bool
only_between(const struct sf_rule_ctx *ctx, uint32_t a, uint32_t b,
	     const char *word)
{
	if (a > b || b > ctx->len)
		return false;
	const char *s = ctx->src + a, *e = ctx->src + b;
	while (s < e && strchr(" \t\r\n\\", *s))
		s++;
	while (e > s && strchr(" \t\r\n\\", e[-1]))
		e--;
	size_t n = strlen(word);
	return (size_t)(e - s) == n && memcmp(s, word, n) == 0;
}

/* The `ThreadPoolExecutor(...)` call that made the instance bound by b:
 * `pool = ThreadPoolExecutor(...)` or `with ThreadPoolExecutor(...) as
 * pool`. -1 when there is none such. */
static int32_t
pool_constructor(const struct sf_rule_ctx *ctx, const struct sf_binding *b)
{
	const struct sf_facts *f = ctx->facts;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *k = &f->calls.v[i];
		if (k->function != b->scope || k->name == NULL ||
		    strcmp(k->name, "concurrent.futures." TPE) != 0)
			continue;
		if (only_between(ctx, b->span.end, k->span.start, "=") ||
		    only_between(ctx, k->span.end, b->span.start, "as"))
			return (int32_t)i;
	}
	return -1;
}

/* Does every use of the pool bound by b send a module-level function (one
 * that pickles)? Any other use of the name (passing the pool on) is a
 * no. */
static bool
pool_safe_for_processes(struct sf_rule_ctx *ctx, const struct sf_binding *b)
{
	struct sf_facts *f = (struct sf_facts *)ctx->facts;
	const struct sf_catalogue *cat = engine_catalogue(ctx->engine);
	size_t n = strlen(b->local);
	for (uint32_t i = 0; i < f->args.n; i++) {
		const struct sf_arg *a = &f->args.v[i];
		if (a->kind == SF_ARG_NAME &&
		    strncmp(a->text, b->local, n) == 0 &&
		    (a->text[n] == '\0' || a->text[n] == '.'))
			return false;
	}
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->callee == NULL || strncmp(c->callee, b->local, n) != 0 ||
		    c->callee[n] != '.' ||
		    facts_lookup(f, c->function, c->span.start, b->local) != b)
			continue;
		const struct sf_arg *a;
		if (py_submission(f, cat, c, &a) == PY_SUBMIT_NONE)
			continue;
		if (a == NULL)
			return false;
		if (a->kind == SF_ARG_NAME && a->resolved != NULL &&
		    strpbrk(a->text, "()") == NULL)
			continue; /* an imported function */
		int32_t t = py_target_function(f, c, a);
		if (t < 0 || f->functions.v[t].parent != -1 ||
		    (f->functions.v[t].flags &
		     (SF_FN_ANONYMOUS | SF_FN_METHOD)))
			return false;
	}
	return true;
}

static void
offer_process_pool_fix(struct sf_rule_ctx *ctx, struct sf_diagnostic *d,
		       const struct sf_call *c)
{
	const struct sf_facts *f = ctx->facts;
	static const char prefix[] = "concurrent.futures." TPE "().";
	if (d == NULL || c->callee == NULL || c->name == NULL ||
	    strncmp(c->name, prefix, sizeof prefix - 1) != 0)
		return;
	/* `pool.submit`: the pool is a plain name. */
	const char *dot = strchr(c->callee, '.');
	if (dot == NULL || strchr(dot + 1, '.') != NULL ||
	    strchr(c->callee, '(') != NULL)
		return;
	char head[64];
	size_t hn = (size_t)(dot - c->callee);
	if (hn >= sizeof head)
		return;
	memcpy(head, c->callee, hn);
	head[hn] = '\0';
	const struct sf_binding *b =
		facts_lookup(f, c->function, c->span.start, head);
	if (b == NULL || b->kind != SF_BIND_INSTANCE)
		return;
	int32_t ki = pool_constructor(ctx, b);
	/* Made at module level, a process pool would be made again by every
	 * child that imports the module under the spawn start method. */
	if (ki < 0 || f->calls.v[ki].function < 0 ||
	    !pool_safe_for_processes(ctx, b))
		return;
	const struct sf_call *k = &f->calls.v[ki];
	struct sf_span name = k->callee_span;
	if (name.end - name.start < TPE_LEN || name.start_row != name.end_row ||
	    memcmp(ctx->src + name.end - TPE_LEN, TPE, TPE_LEN) != 0)
		return;
	name.start = name.end - (uint32_t)TPE_LEN;
	name.start_col = name.end_col - (uint32_t)TPE_LEN;
	struct sf_span import_at;
	bool add_import = false;
	if (name.start == k->callee_span.start) {
		/* Written `ThreadPoolExecutor(...)`: is the other class
		 * imported too, or can it be? */
		const struct sf_binding *p = facts_lookup(
			f, k->function, k->span.start, "ProcessPoolExecutor");
		if (p == NULL)
			add_import = py_fix_import_point(f, ctx->src, ctx->len,
							 &import_at);
		if (p == NULL && !add_import)
			return;
		if (p != NULL &&
		    (p->target == NULL ||
		     strcmp(p->target,
			    "concurrent.futures.ProcessPoolExecutor") != 0))
			return;
	}
	struct sf_fix *fix = diag_set_fix(d, "Use a ProcessPoolExecutor");
	if (add_import)
		diag_fix_add_edit(fix, import_at,
				  "from concurrent.futures import "
				  "ProcessPoolExecutor\n");
	diag_fix_add_edit(fix, name, "ProcessPoolExecutor");
}

static void
visit(void *user, const struct py_handoff *h)
{
	struct sf_rule_ctx *ctx = user;
	struct sf_facts *f = (struct sf_facts *)ctx->facts;
	if (!py_workload_cpu_bound(&h->work))
		return;
	struct sf_diagnostic *d;
	if (h->call != NULL) {
		const struct sf_call *c = h->call;
		const char *via =
			c->method && strcmp(c->method, "run_in_executor") == 0
				? "run_in_executor"
				: c->name;
		d = rule_report(ctx, h->arg->span,
				"%s, sent to a thread by `%s`, is CPU-bound "
				"pure Python (%s): threads run it one at a "
				"time under the GIL",
				target_name(f, h->fn), via, h->work.cpu_reason);
		rule_help(d, "run it in a process pool (ProcessPoolExecutor, "
			     "multiprocessing), InterpreterPoolExecutor on "
			     "Python 3.14, or a free-threaded CPython");
		add_evidence(ctx, d, &h->work);
		offer_process_pool_fix(ctx, d, c);
		return;
	}
	d = rule_report(ctx, f->functions.v[h->fn].name_span,
			"`%s` runs in a thread (`%s` subclasses "
			"`threading.Thread`) and is CPU-bound pure Python "
			"(%s): threads run it one at a time under the GIL",
			f->functions.v[h->fn].name, f->classes.v[h->cls].name,
			h->work.cpu_reason);
	rule_help(d, "subclass multiprocessing.Process instead, or run the "
		     "work in a process pool");
	add_evidence(ctx, d, &h->work);
}

static void
check(struct sf_rule_ctx *ctx)
{
	/* Name lookups index the facts lazily and the cost model writes
	 * reasons into their arena; nothing else is written. */
	struct cost_options opts = engine_cost_options(ctx->engine);
	py_each_handoff((struct sf_facts *)ctx->facts,
			engine_catalogue(ctx->engine), &opts, PY_SUBMIT_THREAD,
			visit, ctx);
}

/* A callable defined in another file, judged through the project index. */
static void
report_indexed(struct sf_index_ctx *ctx, const struct handoff_index *h)
{
	struct sf_diagnostic *d = index_report(
		ctx, h->exec->pos, h->exec->end,
		"`%s` (%s:%u), sent to a thread by `%s`, is CPU-bound pure "
		"Python (%s): threads run it one at a time under the GIL",
		h->target->name, h->target_file->path, h->target->pos.line,
		h->exec->via, h->profile.what);
	rule_help(d, "run it in a process pool (ProcessPoolExecutor, "
		     "multiprocessing), InterpreterPoolExecutor on Python "
		     "3.14, or a free-threaded CPython");
	if (d != NULL && h->profile.path != NULL)
		diag_add_related(d, h->profile.path, h->profile.pos,
				 "the CPU-bound work");
}

static void
check_indexed(struct sf_index_ctx *ctx)
{
	handoff_index_check(ctx, SUMMARY_EXEC_THREAD, INDEX_WORK_CPU_BOUND,
			    report_indexed);
}

const struct sf_rule py210_cpu_bound_thread_rule = {
	.id = "PY210",
	.name = "cpu-bound-thread",
	.families = 1u << SF_FAMILY_PYTHON,
	.category = RULE_CAT_GIL,
	.scope = RULE_SCOPE_FILE,
	.path = RULE_PATH_ANYWHERE,
	.default_severity = SF_SEV_WARNING,
	.summary = "CPU-bound pure-Python callable sent to a thread (the GIL "
		   "serialises it)",
	.doc = py210_cpu_bound_thread_doc,
	.check_file = check,
	.check_indexed = check_indexed,
};
