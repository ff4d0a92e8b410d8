/*
 * The CPU cost model of DESIGN §3, shared by every language: which loops
 * are heavy enough to stall an event loop (or to be worth a process), which
 * loops spin on a clock, and which functions recurse as a tree. It reads
 * facts only.
 *
 * A loop is heavy when its estimated work (trip count times body
 * operations, nested loops multiplying) reaches the threshold with every
 * bound a literal or a known constant; or when two or more nested loops run
 * over independent collections or non-literal ranges (SF_LOOP_COLLECTION
 * and not SF_LOOP_NESTED_DATA: `for a in xs: for b in ys`, not `for row in
 * grid: for cell in row`) with arithmetic, comparisons or indexing in the
 * innermost body; or when it is endless: no exit (break/return) and no
 * await. A loop that awaits, yields, or calls something the catalogue knows
 * to block, sleep or do I/O is never heavy. A nest gets one verdict, at its
 * outermost heavy loop.
 *
 * A loop that does nothing but read a clock (the catalogue's `clock`
 * entries) until time passes is a busy-wait, not heavy work.
 */
#ifndef SF_COST_H
#define SF_COST_H

#include <stdbool.h>
#include <stdint.h>

#include "catalogue.h"
#include "facts.h"

#define COST_HEAVY_WORK 1e6 /* default threshold, in body operations */
/* A busy-wait loop does at most this many operations of its own besides
 * reading the clock (`i++`, `spins += 1`). */
#define COST_BUSY_WAIT_OPS 2

struct cost_options {
	double heavy_work; /* 0: COST_HEAVY_WORK */
	/* Count a nest over collections as heavy only when it is quadratic
	 * in one collection: an inner loop runs over the same collection as
	 * an enclosing loop (`for a of xs: for b of xs`), or over one the
	 * enclosing loop's body grows (`out.push(...)`, a linear search in
	 * the output), and relates the two loops' elements (SF_LOOP_PAIRS).
	 * Walks over two independent lists (items × a few options) are not
	 * counted: their sizes are unknown and usually unrelated. */
	bool same_collection;
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
	/* Per function: it calls itself at least twice (tree recursion). */
	bool *tree_recursive;
	uint32_t nfunctions;
};

/* Analyses the loops and functions of f. cat decides which calls block or
 * do I/O (a loop making them is not CPU-bound) and which read a clock.
 * Free with cost_result_finish. */
void cost_analyze(struct sf_facts *f, const struct sf_catalogue *cat,
		  const struct cost_options *opts, struct cost_result *out);
void cost_result_finish(struct cost_result *r);

/* "10^6", "2.5·10^7": a readable order of magnitude, in f's arena. */
const char *cost_magnitude(struct sf_facts *f, double work);

#endif
