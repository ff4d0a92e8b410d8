/*
 * The cost model: one pass over the calls (what each loop calls), then one
 * pass over the loops from the innermost out (loops are recorded in
 * pre-order, so a child always has a larger index than its parent),
 * accumulating each loop's work into its parent.
 */
#include "cost.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Tree recursion: at least two calls of the function to itself. */
static void
find_tree_recursion(const struct sf_facts *f, struct cost_result *r)
{
	uint32_t *self_calls = xcalloc(f->functions.n ? f->functions.n : 1,
				       sizeof *self_calls);
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->function < 0 || c->callee == NULL)
			continue;
		const struct sf_function *fn = &f->functions.v[c->function];
		if (fn->flags & SF_FN_ANONYMOUS)
			continue;
		const char *callee = c->callee;
		const char *want = fn->name;
		if (fn->flags & SF_FN_METHOD) {
			/* `this.fib(n)` / `self.fib(n)` inside Class.fib */
			if (!(c->flags & SF_CALL_SELF))
				continue;
			callee = strchr(callee, '.') + 1;
			want = facts_last_segment(fn->name);
		}
		if (strcmp(callee, want) == 0 && c->name == NULL)
			self_calls[c->function]++;
	}
	for (uint32_t i = 0; i < f->functions.n; i++)
		r->tree_recursive[i] = self_calls[i] >= 2;
	free(self_calls);
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

/* For the same_collection option: quadratic[a] says why loop a is
 * quadratic in one collection (see cost_options), else stays NULL. */
static void
find_quadratic(struct sf_facts *f, const char **quadratic)
{
	for (uint32_t i = 0; i < f->loops.n; i++) {
		const struct sf_loop *in = &f->loops.v[i];
		if (!over_collection(in) || !(in->flags & SF_LOOP_PAIRS))
			continue;
		size_t n = strlen(in->over);
		for (int32_t a = in->parent; a >= 0; a = f->loops.v[a].parent) {
			const struct sf_loop *out = &f->loops.v[a];
			if (quadratic[a] != NULL || !over_collection(out))
				continue;
			if (strcmp(out->over, in->over) == 0) {
				quadratic[a] = arena_printf(
					&f->arena,
					in->kind == SF_LOOP_FOR
						? "quadratic: nested loops "
						  "both "
						  "count to `%s` and relate "
						  "every pair"
						: "quadratic: it relates every "
						  "element of `%s` to every "
						  "other",
					in->over);
				break;
			}
			/* A scan of a list the outer loop appends to. */
			for (uint32_t k = 0; k < f->calls.n; k++) {
				const struct sf_call *c = &f->calls.v[k];
				size_t len;
				if (c->loop != a || !grows(c, &len) ||
				    len != n || strncmp(c->callee, in->over, n))
					continue;
				quadratic[a] = arena_printf(
					&f->arena,
					"quadratic: it scans `%s` for each "
					"element while the loop grows it",
					in->over);
				break;
			}
			if (quadratic[a] != NULL)
				break;
		}
	}
}

void
cost_analyze(struct sf_facts *f, const struct sf_catalogue *cat,
	     const struct cost_options *opts, struct cost_result *out)
{
	double threshold = opts && opts->heavy_work > 0 ? opts->heavy_work
							: COST_HEAVY_WORK;
	bool same_collection = opts && opts->same_collection;
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
	if (same_collection)
		find_quadratic(f, quadratic);

	/* Children's contributions, summed into their parents. */
	double *child_work = xcalloc(n, sizeof *child_work);
	bool *child_unknown = xcalloc(n, sizeof *child_unknown);
	bool *has_child = xcalloc(n, sizeof *has_child);
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
			} else if (same_collection ? quadratic[i] != NULL
						   : c->collection_depth >= 2 &&
							     c->inner_ops) {
				c->heavy = true;
				c->reason =
					same_collection
						? quadratic[i]
						: arena_printf(
							  &f->arena,
							  "%u nested loops "
							  "over "
							  "collections",
							  c->collection_depth);
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
	int e = (int)floor(log10(work));
	double m = work / pow(10, e);
	if (m < 1.05)
		return arena_printf(&f->arena, "10^%d", e);
	return arena_printf(&f->arena, "%.1f·10^%d", m, e);
}
