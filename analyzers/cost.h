/*
 * The CPU cost model, shared by every language: which loops
 * are heavy enough to stall an event loop (or to be worth a process), which
 * loops spin on a clock, and which functions recurse as a tree. It reads
 * facts only.
 *
 * A loop is heavy when its estimated work (trip count times body
 * operations, nested loops multiplying) reaches the threshold with every
 * bound a literal or a known constant; or when it is quadratic in data that
 * can be large: an inner loop relates its elements to an enclosing loop's
 * (SF_LOOP_PAIRS) and runs over the same collection (`for a of xs: for b of
 * xs`), over a list the enclosing loop grows (a linear search in the
 * output), or over a second collection that can be large too (a join); or
 * when, for each element, it goes through that element's own data that can
 * be large (every line of every file); or when it repeats a loop over data
 * COST_MANY_RUNS times or more (`for _ in range(runs)` with `runs=20_000`:
 * a simulation); or when it is endless: no exit (break/return) and no
 * await.
 *
 * Data can be large when the file shows where it comes from (struct
 * sf_origin): request data, what the catalogue's `large-data` calls return
 * (parsed JSON, query results, a file's contents, a text split into lines),
 * or a parameter (see params_large). A literal, a small fixed collection,
 * state of an object, a call nothing is known about: no evidence, not
 * heavy. Otherwise a nest walking nested data (`for o of orders: for l of
 * o.lines`) is linear. A loop that awaits, yields, or calls something the
 * catalogue knows to block, sleep or do I/O is never heavy. A nest gets
 * one verdict, at its outermost heavy loop.
 *
 * A loop that does nothing but read a clock (the catalogue's `clock`
 * entries) until time passes is a busy-wait, not heavy work.
 *
 * A function recurses as a tree when two of its calls to itself can run in
 * one invocation (not in different arms of one conditional, not one after
 * the other has returned) and both make the problem smaller by arithmetic
 * or slicing (`fib(n - 1) + fib(n - 2)`): a walk over a structure's
 * children (`walk(node.left); walk(node.right)`) is linear.
 */
#ifndef SF_COST_H
#define SF_COST_H

#include <stdbool.h>
#include <stdint.h>

#include "catalogue.h"
#include "facts.h"

#define COST_HEAVY_WORK 1e6 /* default threshold, in body operations */
/* A loop repeated this many times (a literal or constant bound) around a
 * loop over data is heavy whatever the data's size: a simulation's runs. */
#define COST_MANY_RUNS 1e4
/* A busy-wait loop does at most this many operations of its own besides
 * reading the clock (`i++`, `spins += 1`). */
#define COST_BUSY_WAIT_OPS 2

struct cost_options {
	double heavy_work; /* 0: COST_HEAVY_WORK */
	/* Every parameter counts as data that can be large: numeric code
	 * (PY220) is written for whatever arrays it is given. Otherwise a
	 * parameter counts only when the function is registered as a
	 * callback or a route (it gets what the outside sends) or a call in
	 * the same file passes it data that can be large. */
	bool params_large;
};

struct cost_loop {
	/* Estimated operations of the whole nest below and including this
	 * loop, when every bound is known; -1 otherwise. */
	double work;
	/* Nested loops over collections (unknown bounds) on the deepest
	 * path, this one included. */
	uint32_t collection_depth;
	/* A loop at the bottom of that path does arithmetic, comparisons or
	 * indexing. */
	bool inner_ops;
	/* Awaits, yields, or calls a blocking/sleeping/I-O API: never heavy. */
	bool blocked;
	/* Heavy because it is quadratic in data that can be large, or
	 * repeats a loop over data COST_MANY_RUNS times or more. */
	bool quadratic;
	/* Endless: no exit, never blocks. */
	bool endless;
	/* Spins reading a clock and does nothing else; never heavy. */
	bool busy_wait;
	/* For a busy-wait, the first clock call it makes; else -1. */
	int32_t clock_call;
	bool heavy;
	/* Heavy, and no enclosing loop of the nest is: the one to report. */
	bool outermost;
	/* Why it is heavy, for messages ("about 10^6 operations"); static or
	 * in the facts' arena. */
	const char *reason;
};

struct cost_result {
	struct cost_loop *loops; /* one per facts->loops, same index */
	uint32_t nloops;
	/* Per function: it recurses as a tree (see above). */
	bool *tree_recursive;
	uint32_t nfunctions;
};

/* How large a collection can be, from where it comes from. */
enum cost_size {
	COST_SIZE_UNKNOWN, /* no evidence either way */
	COST_SIZE_SMALL,   /* written out */
	COST_SIZE_LARGE,   /* can be large: *why says why */
};

/* The size of origin o in f: *why is set for COST_SIZE_LARGE ("request
 * data", "parsed JSON (`JSON.parse`)"), in f's arena. */
enum cost_size cost_origin_size(struct sf_facts *f,
				const struct sf_catalogue *cat,
				const struct cost_options *opts,
				struct sf_origin o, const char **why);

/* Analyses the loops and functions of f. cat decides which calls block or
 * do I/O (a loop making them is not CPU-bound) and which read a clock.
 * Free with cost_result_finish. */
void cost_analyze(struct sf_facts *f, const struct sf_catalogue *cat,
		  const struct cost_options *opts, struct cost_result *out);
void cost_result_finish(struct cost_result *r);

/* "10^6", "2.5·10^7": a readable order of magnitude, in f's arena. */
const char *cost_magnitude(struct sf_facts *f, double work);

#endif
