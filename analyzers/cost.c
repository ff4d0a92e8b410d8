/*
 * The cost model: one pass over the calls (what each loop calls), then one
 * pass over the loops from the innermost out (loops are recorded in
 * pre-order, so a child always has a larger index than its parent),
 * accumulating each loop's work into its parent.
 */
#include "cost.h"
#include "language.h"

#include <stdlib.h>
#include <string.h>

#include "util/fmath.h"
#include "util/xalloc.h"

/* The value of a constant named name visible from function fn, if any. */
static bool
constant_value(const struct sf_facts *f, int32_t fn, const char *name,
	       double *out)
{
	for (int32_t s = fn;; s = f->functions.v[s].parent) {
		for (uint32_t i = f->constants.n; i-- > 0;) {
			const struct sf_constant *c = &f->constants.v[i];
			if (c->scope == s && strcmp(c->name, name) == 0) {
				*out = c->value;
				return true;
			}
		}
		if (s < 0)
			return false;
	}
}

static double
trip_of(const struct sf_facts *f, const struct sf_loop *l)
{
	if (l->trip >= 0)
		return l->trip;
	double v;
	if (l->bound_name != NULL &&
	    constant_value(f, l->function, l->bound_name, &v) && v >= 0)
		return v;
	return -1;
}

/* Does a call of api block, sleep or do I/O (so a loop making it waits,
 * not spins)? Sync crypto is CPU work; reading a clock is neither. */
static bool
api_blocks(const struct sf_api *api)
{
	/* CPU work (sync crypto), code outside the GIL, hand-offs to a thread
	 * or a process, and clock reads do not wait. */
	return api != NULL && api->kind != SF_API_SYNC_CRYPTO &&
	       api->kind != SF_API_RELEASES_GIL &&
	       api->kind != SF_API_THREAD_SUBMIT &&
	       api->kind != SF_API_PROCESS_SUBMIT && api->kind != SF_API_CLOCK;
}

/* Names are followed this many times at most from a loop to where its
 * collection comes from; self-calls are paired up this many per function. */
#define COST_ORIGIN_DEPTH 16
#define COST_SELF_CALLS   16

/* Methods that hand a callback data of the caller's own (array iteration,
 * promise results), not what the outside sends. */
static bool
passes_own_data(const char *method)
{
	static const char *const methods[] = {
		"forEach", "map",   "filter", "reduce",    "reduceRight",
		"some",    "every", "find",   "findIndex", "findLast",
		"flatMap", "sort",  "then",   "catch",     "finally",
		"each",    "forIn", "forOwn", "times",     "mapValues",
		"apply",   "call",  "bind",
	};
	for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
		if (strcmp(method, methods[i]) == 0)
			return true;
	return false;
}

/* Decorators that register a Python function as a route, a websocket or
 * a bot command: its parameters are what a client sends. */
static bool
registers_handler(const char *decorator)
{
	static const char *const names[] = {
		"get",     "post",           "put",       "patch",
		"delete",  "route",          "api_route", "websocket",
		"command", "hybrid_command", "message",   "callback_query",
	};
	const char *last = facts_last_segment(decorator);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(last, names[i]) == 0)
			return true;
	return false;
}

/* Does function fn get its parameters from outside: a callback registered
 * on an emitter, a router or a hook (`socket.on('msg', (data) => ...)`,
 * `hooks.tap('x', (chunks) => ...)`), or a decorated route or command? */
static bool
params_from_outside(const struct sf_facts *f, int32_t fn)
{
	if (fn < 0 || (uint32_t)fn >= f->functions.n)
		return false;
	const struct sf_function *g = &f->functions.v[fn];
	if (g->flags & SF_FN_CALLBACK_REF)
		return true;
	if ((g->flags & SF_FN_CALLBACK) && g->cb_call >= 0) {
		const char *m = f->calls.v[g->cb_call].method;
		return m != NULL && !passes_own_data(m);
	}
	if (!(g->flags & SF_FN_DECORATED))
		return false;
	for (uint32_t i = 0; i < f->decorators.n; i++) {
		const struct sf_decorator *d = &f->decorators.v[i];
		if (d->function == fn && d->call >= 0 && d->name != NULL &&
		    strchr(d->name, '.') != NULL && registers_handler(d->name))
			return true;
	}
	return false;
}

/* A split is data that can be large when it cuts a text into lines
 * (`text.split('\n')`, `.split(/\r?\n/)`), not into the few parts of a
 * key, a record or a command (`key.split('|')`, `line.split(',')`,
 * `hotkey.split()`). */
static bool
splits_text(const struct sf_facts *f, const struct sf_call *c)
{
	if (c->method == NULL || (strcmp(c->method, "split") != 0 &&
				  strcmp(c->method, "rsplit") != 0))
		return true;
	if (c->nargs == 0)
		return false;
	const struct sf_arg *a = &f->args.v[c->arg0];
	const char *t = a->text;
	if (t == NULL)
		return false;
	/* A string or a regular expression literal with a newline, or a
	 * name for one (`os.linesep`, `EOL`). */
	if (strstr(t, "\\n") != NULL || strchr(t, '\n') != NULL)
		return true;
	return a->kind == SF_ARG_NAME &&
	       (strstr(t, "linesep") != NULL || strstr(t, "EOL") != NULL ||
		strstr(t, "NEWLINE") != NULL);
}

static enum cost_size origin_size(struct sf_facts *f,
				  const struct sf_catalogue *cat,
				  const struct cost_options *opts,
				  struct sf_origin o, const char **why,
				  int depth, bool calls_only);

/* Does a call of function fn in this file pass data that can be large
 * as its parameter `param`? */
static bool
fed_large(struct sf_facts *f, const struct sf_catalogue *cat,
	  const struct cost_options *opts, int32_t fn, int param,
	  const char **why, int depth)
{
	if (fn < 0 || (uint32_t)fn >= f->functions.n)
		return false;
	const struct sf_function *g = &f->functions.v[fn];
	if (g->flags & SF_FN_ANONYMOUS)
		return false;
	bool method = (g->flags & SF_FN_METHOD) != 0;
	/* A Python method's first parameter is self: the family says so. */
	int pos = param -
		  (method && language_get(f->lang)->family->explicit_self ? 1
									  : 0);
	if (pos < 0)
		return false;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->name != NULL || c->callee == NULL ||
		    (method ? !(c->flags & SF_CALL_SELF) ||
				      strcmp(facts_last_segment(c->callee),
					     facts_last_segment(g->name)) != 0
			    : strcmp(c->callee, g->name) != 0))
			continue;
		const struct sf_arg *a =
			facts_call_arg(f, c, (uint32_t)pos, NULL);
		const char *inner = NULL;
		if (a != NULL &&
		    origin_size(f, cat, opts, a->origin, &inner, depth + 1,
				false) == COST_SIZE_LARGE) {
			*why = arena_printf(
				&f->arena, "%s, passed by `%s`", inner,
				facts_function_name(f, c->function));
			return true;
		}
	}
	return false;
}

enum cost_size
cost_origin_size(struct sf_facts *f, const struct sf_catalogue *cat,
		 const struct cost_options *opts, struct sf_origin o,
		 const char **why)
{
	return origin_size(f, cat, opts, o, why, 0, false);
}

static enum cost_size
origin_size(struct sf_facts *f, const struct sf_catalogue *cat,
	    const struct cost_options *opts, struct sf_origin o,
	    const char **why, int depth, bool calls_only)
{
	const struct sf_binding *from = NULL;
	for (; depth < COST_ORIGIN_DEPTH; depth++) {
		switch ((enum sf_origin_kind)o.kind) {
		case SF_ORIGIN_LITERAL:
		case SF_ORIGIN_CONTAINER:
			return COST_SIZE_SMALL;
		case SF_ORIGIN_REQUEST:
			if (calls_only)
				return COST_SIZE_UNKNOWN;
			*why = "request data";
			return COST_SIZE_LARGE;
		case SF_ORIGIN_PARAM:
			if (calls_only)
				return COST_SIZE_UNKNOWN;
			if (params_from_outside(f, o.fn)) {
				*why = "what a handler receives";
				return COST_SIZE_LARGE;
			}
			if (opts != NULL && opts->params_large) {
				*why = "a parameter";
				return COST_SIZE_LARGE;
			}
			if (fed_large(f, cat, opts, o.fn, o.param, why, depth))
				return COST_SIZE_LARGE;
			return COST_SIZE_UNKNOWN;
		case SF_ORIGIN_CALL: {
			if (o.call < 0 || (uint32_t)o.call >= f->calls.n)
				return COST_SIZE_UNKNOWN;
			const struct sf_call *c = &f->calls.v[o.call];
			const char *method =
				c->method   ? c->method
				: c->callee ? facts_last_segment(c->callee)
					    : NULL;
			const struct sf_api *api = catalogue_match_data(
				cat, f->lang, c->name, method);
			if (api == NULL || !splits_text(f, c))
				return COST_SIZE_UNKNOWN;
			const char *what = c->name     ? c->name
					   : c->callee ? c->callee
						       : c->method;
			*why = arena_printf(&f->arena, "%s from `%s`",
					    api->replacement, what);
			return COST_SIZE_LARGE;
		}
		case SF_ORIGIN_NAME: {
			if (f->names == NULL || o.text == NULL)
				return COST_SIZE_UNKNOWN;
			const struct sf_binding *b =
				facts_lookup(f, o.fn, o.start, o.text);
			/* `rows = rows.filter(...)`: the rows before. */
			if (b != NULL && b == from && b->span.start > 0)
				b = facts_lookup(f, o.fn, b->span.start - 1,
						 o.text);
			if (b == NULL || b == from || b->is_import)
				return COST_SIZE_UNKNOWN;
			from = b;
			o = b->origin;
			continue;
		}
		case SF_ORIGIN_RETURN: {
			bool bound;
			const char *name =
				o.text ? facts_resolve(f, o.fn, o.start, o.text,
						       &bound)
				       : NULL;
			const char *last =
				o.text ? facts_last_segment(o.text) : NULL;
			const struct sf_api *api =
				catalogue_match_data(cat, f->lang, name, last);
			if (api == NULL)
				return COST_SIZE_UNKNOWN;
			*why = arena_printf(&f->arena, "%s from `%s`",
					    api->replacement,
					    name ? name : o.text);
			return COST_SIZE_LARGE;
		}
		case SF_ORIGIN_UNKNOWN:
			break;
		}
		return COST_SIZE_UNKNOWN;
	}
	return COST_SIZE_UNKNOWN;
}

/* Is call c a call of its function to itself (`fib(n)` in fib,
 * `this.fib` / `self.fib` in a method fib)? */
static bool
calls_itself(const struct sf_facts *f, const struct sf_call *c)
{
	if (c->function < 0 || c->callee == NULL || c->name != NULL)
		return false;
	const struct sf_function *fn = &f->functions.v[c->function];
	if (fn->flags & SF_FN_ANONYMOUS)
		return false;
	const char *callee = c->callee;
	const char *want = fn->name;
	if (fn->flags & SF_FN_METHOD) {
		if (!(c->flags & SF_CALL_SELF))
			return false;
		callee = strchr(callee, '.') + 1;
		want = facts_last_segment(fn->name);
	}
	return strcmp(callee, want) == 0;
}

/* Do arms x and y lie in different branches of one conditional? */
static bool
arms_exclusive(const struct sf_facts *f, int32_t x, int32_t y)
{
	for (; x >= 0; x = f->arms.v[x].parent)
		for (int32_t z = y; z >= 0; z = f->arms.v[z].parent)
			if (f->arms.v[x].construct == f->arms.v[z].construct &&
			    f->arms.v[x].index != f->arms.v[z].index)
				return true;
	return false;
}

/* Can calls a and b (of one function) both run in one invocation? */
static bool
run_together(const struct sf_facts *f, const struct sf_call *a,
	     const struct sf_call *b)
{
	if (a->return_end != 0 && b->span.start >= a->return_end)
		return false;
	if (b->return_end != 0 && a->span.start >= b->return_end)
		return false;
	return !arms_exclusive(f, a->arm, b->arm);
}

/* Tree recursion: two calls to itself that can run in one invocation, each
 * making the problem smaller (see cost.h). */
static void
find_tree_recursion(const struct sf_facts *f, struct cost_result *r)
{
	/* Most files have no self-call that shrinks its problem: no tables
	 * for them. */
	uint32_t first = 0;
	while (first < f->calls.n &&
	       !((f->calls.v[first].flags & SF_CALL_SHRINKS) &&
		 calls_itself(f, &f->calls.v[first])))
		first++;
	if (first == f->calls.n)
		return;
	uint32_t nf = f->functions.n ? f->functions.n : 1;
	uint32_t *count = xcalloc(nf, sizeof *count);
	int32_t(*seen)[COST_SELF_CALLS] = xcalloc(nf, sizeof *seen);
	for (uint32_t i = first; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (!(c->flags & SF_CALL_SHRINKS) || !calls_itself(f, c))
			continue;
		uint32_t g = (uint32_t)c->function;
		if (r->tree_recursive[g] || count[g] == COST_SELF_CALLS)
			continue;
		for (uint32_t k = 0; k < count[g]; k++)
			if (run_together(f, &f->calls.v[seen[g][k]], c))
				r->tree_recursive[g] = true;
		seen[g][count[g]++] = (int32_t)i;
	}
	free(seen);
	free(count);
}

/* Does the call add to a collection (`out.push(x)`, `seen.add(k)`,
 * `out.append(x)`)? Then *object is the collection as written. */
static bool
grows(const struct sf_call *c, size_t *object_len)
{
	static const char *const methods[] = {"push",   "unshift", "add",
					      "append", "insert",  "extend"};
	if (c->callee == NULL)
		return false;
	const char *dot = strrchr(c->callee, '.');
	if (dot == NULL)
		return false;
	for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
		if (strcmp(dot + 1, methods[i]) == 0) {
			*object_len = (size_t)(dot - c->callee);
			return true;
		}
	return false;
}

static bool
over_collection(const struct sf_loop *l)
{
	return l->trip < 0 && l->over != NULL &&
	       (l->flags & SF_LOOP_COLLECTION) &&
	       !(l->flags & (SF_LOOP_INFINITE | SF_LOOP_NESTED_DATA));
}

/* A counting loop: `for (i = 0; i < n; i++)`, `for i in range(n)`. */
static bool
counts(const struct sf_loop *l)
{
	return l->kind == SF_LOOP_FOR || (l->flags & SF_LOOP_COUNTING);
}

/* Sizes of the loops' collections, worked out when first asked. */
struct sizes {
	struct sf_facts *f;
	const struct sf_catalogue *cat;
	const struct cost_options *opts;
	uint8_t *done;
	enum cost_size *size;
	const char **why;
};

static bool
large(struct sizes *z, int32_t l)
{
	if (!z->done[l]) {
		z->done[l] = 1;
		z->size[l] =
			cost_origin_size(z->f, z->cat, z->opts,
					 z->f->loops.v[l].origin, &z->why[l]);
	}
	return z->size[l] == COST_SIZE_LARGE;
}

/* quadratic[a] says why loop a is quadratic in data that can be large (see
 * cost.h), else stays NULL. */
static void
find_quadratic(struct sizes *z, const char **quadratic)
{
	struct sf_facts *f = z->f;
	for (uint32_t i = 0; i < f->loops.n; i++) {
		const struct sf_loop *in = &f->loops.v[i];
		/* Each element's own large data (every line of every file):
		 * the walk grows with all of it. Not a counting loop: how far
		 * it counts is not the size of what its bound measures
		 * (`range(start, len(lines))`). */
		if ((in->flags & SF_LOOP_NESTED_DATA) && in->parent >= 0 &&
		    !counts(in) && in->trip < 0 && in->over != NULL &&
		    (in->ops > 0 || (in->flags & SF_LOOP_CALLS))) {
			int32_t a = in->parent;
			const struct sf_loop *out = &f->loops.v[a];
			const char *why = NULL;
			/* The element's data comes from a call the catalogue
			 * knows (the lines of its text), not from what a
			 * handler is given, which is already the element. */
			if (quadratic[a] == NULL && out->over != NULL &&
			    (out->flags & SF_LOOP_COLLECTION) &&
			    out->origin.kind != SF_ORIGIN_LITERAL &&
			    out->origin.kind != SF_ORIGIN_CONTAINER &&
			    origin_size(f, z->cat, z->opts, in->origin, &why, 0,
					true) == COST_SIZE_LARGE)
				quadratic[a] = arena_printf(
					&f->arena,
					"it goes through `%s` (%s) for each "
					"element of `%s`",
					in->over, why, out->over);
			continue;
		}
		if (!over_collection(in) || !(in->flags & SF_LOOP_PAIRS))
			continue;
		size_t n = strlen(in->over);
		/* The same collection: the outermost loop over it. */
		int32_t same = -1;
		for (int32_t a = in->parent; a >= 0; a = f->loops.v[a].parent)
			if (over_collection(&f->loops.v[a]) &&
			    strcmp(f->loops.v[a].over, in->over) == 0)
				same = a;
		if (same >= 0 && large(z, (int32_t)i)) {
			if (quadratic[same] == NULL)
				quadratic[same] = arena_printf(
					&f->arena,
					counts(in)
						? "quadratic: nested loops "
						  "both count to `%s` (%s) "
						  "and relate every pair"
						: "quadratic: it relates every "
						  "element of `%s` (%s) to "
						  "every other",
					in->over, z->why[i]);
			continue;
		}
		for (int32_t a = in->parent; a >= 0; a = f->loops.v[a].parent) {
			const struct sf_loop *out = &f->loops.v[a];
			if (quadratic[a] != NULL || !over_collection(out))
				continue;
			/* A scan of a list the outer loop appends to. */
			bool scan = false;
			for (uint32_t k = 0; k < f->calls.n && !scan; k++) {
				const struct sf_call *c = &f->calls.v[k];
				size_t len;
				scan = c->loop == a && grows(c, &len) &&
				       len == n &&
				       strncmp(c->callee, in->over, n) == 0;
			}
			if (scan && large(z, a)) {
				quadratic[a] = arena_printf(
					&f->arena,
					"quadratic: it scans `%s` for each "
					"element of `%s` (%s) while the loop "
					"grows it",
					in->over, out->over, z->why[a]);
				break;
			}
			/* A join of two collections that can both be
			 * large. */
			if (!scan && large(z, a) && large(z, (int32_t)i)) {
				bool alike = strcmp(z->why[a], z->why[i]) == 0;
				quadratic[a] = arena_printf(
					&f->arena,
					"quadratic: it goes through `%s` for "
					"each %s `%s` (%s%s%s)",
					in->over,
					counts(out) ? "index up to"
						    : "element of",
					out->over, z->why[a], alike ? "" : "; ",
					alike ? "" : z->why[i]);
				break;
			}
		}
	}
}

void
cost_analyze(struct sf_facts *f, const struct sf_catalogue *cat,
	     const struct cost_options *opts, struct cost_result *out)
{
	double threshold = opts && opts->heavy_work > 0 ? opts->heavy_work
							: COST_HEAVY_WORK;
	uint32_t n = f->loops.n;
	out->nloops = n;
	out->loops = xcalloc(n ? n : 1, sizeof *out->loops);
	out->nfunctions = f->functions.n;
	out->tree_recursive =
		xcalloc(f->functions.n ? f->functions.n : 1, sizeof(bool));
	find_tree_recursion(f, out);
	if (n == 0)
		return;

	/* Calls that block make every loop around them (in the same
	 * function) a waiting loop. Per loop, count the clock reads in its
	 * body and whether it calls anything else (for busy-waits). */
	uint32_t *body_clocks = xcalloc(n, sizeof *body_clocks);
	bool *other_calls = xcalloc(n, sizeof *other_calls);
	for (uint32_t i = 0; i < n; i++)
		out->loops[i].clock_call = -1;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->loop < 0)
			continue;
		const struct sf_api *api =
			catalogue_match(cat, f->lang, c->name);
		if (api != NULL && api->kind == SF_API_CLOCK) {
			if (out->loops[c->loop].clock_call < 0)
				out->loops[c->loop].clock_call = (int32_t)i;
			if (!(c->flags & SF_CALL_IN_LOOP_HEADER))
				body_clocks[c->loop]++;
		} else {
			other_calls[c->loop] = true;
		}
		if (!api_blocks(api))
			continue;
		for (int32_t l = c->loop; l >= 0; l = f->loops.v[l].parent)
			out->loops[l].blocked = true;
	}

	const char **quadratic = xcalloc(n, sizeof *quadratic);
	struct sizes z = {
		.f = f,
		.cat = cat,
		.opts = opts,
		.done = xcalloc(n, 1),
		.size = xcalloc(n, sizeof *z.size),
		.why = xcalloc(n, sizeof *z.why),
	};
	find_quadratic(&z, quadratic);
	free(z.done);
	free(z.size);
	free(z.why);

	/* Children's contributions, summed into their parents. */
	double *child_work = xcalloc(n, sizeof *child_work);
	bool *child_unknown = xcalloc(n, sizeof *child_unknown);
	bool *has_child = xcalloc(n, sizeof *has_child);
	/* Per loop: a loop at or below it over data that is not written
	 * out, or -1. */
	int32_t *data_loop = xmalloc(n * sizeof *data_loop);
	for (uint32_t i = 0; i < n; i++)
		data_loop[i] = -1;
	for (uint32_t i = n; i-- > 0;) {
		const struct sf_loop *l = &f->loops.v[i];
		struct cost_loop *c = &out->loops[i];
		if (l->flags &
		    (SF_LOOP_AWAIT | SF_LOOP_YIELD | SF_LOOP_ASYNC_ITER))
			c->blocked = true;
		double trip = trip_of(f, l);
		bool over_collection =
			trip < 0 && (l->flags & SF_LOOP_COLLECTION) &&
			!(l->flags & (SF_LOOP_INFINITE | SF_LOOP_NESTED_DATA));
		if (!has_child[i])
			c->inner_ops =
				(l->flags & (SF_LOOP_ARITH | SF_LOOP_COMPARE |
					     SF_LOOP_INDEX)) != 0;
		c->collection_depth += over_collection ? 1 : 0;
		if (data_loop[i] < 0 && trip < 0 &&
		    (l->flags & SF_LOOP_COLLECTION) &&
		    !(l->flags & SF_LOOP_INFINITE) &&
		    l->origin.kind != SF_ORIGIN_LITERAL &&
		    l->origin.kind != SF_ORIGIN_CONTAINER)
			data_loop[i] = (int32_t)i;
		if (trip >= 0 && !child_unknown[i])
			c->work = trip * (1 + l->ops + child_work[i]);
		else
			c->work = -1;
		c->endless = (l->flags & SF_LOOP_INFINITE) &&
			     !(l->flags & SF_LOOP_BREAKS) && !c->blocked;
		uint32_t own_ops =
			l->ops > body_clocks[i] ? l->ops - body_clocks[i] : 0;
		c->busy_wait = c->clock_call >= 0 && !other_calls[i] &&
			       !has_child[i] && !c->blocked &&
			       own_ops <= COST_BUSY_WAIT_OPS;
		if (!c->busy_wait)
			c->clock_call = -1;

		if (!c->blocked && !c->busy_wait) {
			if (c->work >= threshold) {
				c->heavy = true;
				c->reason = arena_printf(
					&f->arena, "about %s operations",
					cost_magnitude(f, c->work));
			} else if (quadratic[i] != NULL) {
				c->heavy = c->quadratic = true;
				c->reason = quadratic[i];
			} else if (trip >= COST_MANY_RUNS &&
				   data_loop[i] >= 0 &&
				   data_loop[i] != (int32_t)i &&
				   f->loops.v[data_loop[i]].over != NULL) {
				c->heavy = c->quadratic = true;
				c->reason = arena_printf(
					&f->arena,
					"%s runs of a loop over `%s`",
					cost_magnitude(f, trip),
					f->loops.v[data_loop[i]].over);
			} else if (c->endless) {
				c->heavy = true;
				c->reason = "an endless loop that never waits";
			}
		}

		if (l->parent >= 0) {
			uint32_t p = (uint32_t)l->parent;
			struct cost_loop *pc = &out->loops[p];
			has_child[p] = true;
			if (c->blocked)
				pc->blocked = true;
			if (data_loop[p] < 0)
				data_loop[p] = data_loop[i];
			if (c->work < 0)
				child_unknown[p] = true;
			else
				child_work[p] += c->work;
			/* The deepest unknown-bound path wins; its bottom
			 * decides inner_ops. */
			if (c->collection_depth > pc->collection_depth ||
			    (c->collection_depth == pc->collection_depth &&
			     c->inner_ops)) {
				pc->collection_depth = c->collection_depth;
				pc->inner_ops = c->inner_ops;
			}
		}
	}
	/* One verdict per nest: the outermost heavy loop. */
	for (uint32_t i = 0; i < n; i++) {
		struct cost_loop *c = &out->loops[i];
		if (!c->heavy)
			continue;
		bool outer_heavy = false;
		for (int32_t p = f->loops.v[i].parent; p >= 0;
		     p = f->loops.v[p].parent)
			if (out->loops[p].heavy) {
				outer_heavy = true;
				break;
			}
		c->outermost = !outer_heavy;
	}
	free(child_work);
	free(child_unknown);
	free(data_loop);
	free(has_child);
	free(body_clocks);
	free(other_calls);
	free(quadratic);
}

void
cost_result_finish(struct cost_result *r)
{
	if (r == NULL)
		return;
	free(r->loops);
	free(r->tree_recursive);
	*r = (struct cost_result){0};
}

const char *
cost_magnitude(struct sf_facts *f, double work)
{
	if (work < 1000)
		return arena_printf(&f->arena, "%.0f", work);
	double m;
	int e = fm_decimal(work, &m);
	if (m < 1.05)
		return arena_printf(&f->arena, "10^%d", e);
	return arena_printf(&f->arena, "%.1f·10^%d", m, e);
}
