/*
 * The cost model: one pass over the loops from the innermost out (loops
 * are recorded in pre-order, so a child always has a larger index than its
 * parent), accumulating each loop's work into its parent.
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

/* Does the call block or do I/O (so a loop making it waits, not spins)? */
static bool
call_blocks(const struct sf_facts *f, const struct sf_catalogue *cat,
	    const struct sf_call *c)
{
	const struct sf_api *api = catalogue_match(cat, f->lang, c->name);
	/* CPU work (sync crypto), code outside the GIL and hand-offs to a
	 * thread or a process do not wait. */
	return api != NULL && api->kind != SF_API_SYNC_CRYPTO &&
	       api->kind != SF_API_RELEASES_GIL &&
	       api->kind != SF_API_THREAD_SUBMIT &&
	       api->kind != SF_API_PROCESS_SUBMIT;
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
	 * function) a waiting loop. */
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->loop < 0 || !call_blocks(f, cat, c))
			continue;
		for (int32_t l = c->loop; l >= 0; l = f->loops.v[l].parent)
			out->loops[l].blocked = true;
	}

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
		bool own_unknown = trip < 0 && !(l->flags & SF_LOOP_INFINITE);
		if (!has_child[i])
			c->inner_ops =
				(l->flags & (SF_LOOP_ARITH | SF_LOOP_COMPARE |
					     SF_LOOP_INDEX)) != 0;
		c->collection_depth += own_unknown ? 1 : 0;
		if (trip >= 0 && !child_unknown[i])
			c->work = trip * (1 + l->ops + child_work[i]);
		else
			c->work = -1;
		c->endless = (l->flags & SF_LOOP_INFINITE) && !c->blocked;

		if (!c->blocked) {
			if (c->work >= threshold) {
				c->heavy = true;
				c->reason = arena_printf(
					&f->arena, "about %s operations",
					cost_magnitude(f, c->work));
			} else if (c->collection_depth >= 2 && c->inner_ops) {
				c->heavy = true;
				c->reason = arena_printf(
					&f->arena,
					"%u nested loops over collections",
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
