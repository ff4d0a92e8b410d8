/*
 * The CPU cost model of DESIGN §3, shared by every language: which loops
 * are heavy enough to stall an event loop (or to be worth a process), and
 * which functions recurse as a tree. It reads facts only.
 *
 * A loop is heavy when its estimated work (trip count times body
 * operations, nested loops multiplying) reaches the threshold with every
 * bound a literal or a known constant; or when two or more nested loops run
 * over collections or non-literal ranges with arithmetic, comparisons or
 * indexing in the innermost body; or when it is endless and never awaits.
 * A loop that awaits, yields, or calls something the catalogue knows to
 * block or do I/O is never heavy. A nest gets one verdict, at its outermost
 * heavy loop.
 */
#ifndef SF_COST_H
#define SF_COST_H

#include <stdbool.h>
#include <stdint.h>

#include "catalogue.h"
#include "facts.h"

#define COST_HEAVY_WORK 1e6 /* default threshold, in body operations */

struct cost_options {
	double heavy_work;
};

struct cost_loop {
	/* Estimated operations of the whole nest below and including this
	 * loop, when every bound is known; -1 otherwise. */
	double work;
	/* Nested loops with unknown bounds (collections, `range(n)`) on the
	 * deepest path, this one included. */
	uint32_t collection_depth;
	/* A loop at the bottom of that path does arithmetic, comparisons or
	 * indexing. */
	bool inner_ops;
	/* Awaits, yields, or calls a blocking/I-O API: never heavy. */
	bool blocked;
	bool endless; /* while True / for(;;) that never blocks */
	bool heavy;
	/* Heavy, and no enclosing loop of the nest is: the one to report. */
	bool outermost;
	/* Why it is heavy, for messages ("about 10^6 iterations of
	 * arithmetic"); static or in the facts' arena. */
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
 * do I/O (a loop making them is not CPU-bound). Free with
 * cost_result_finish. */
void cost_analyze(struct sf_facts *f, const struct sf_catalogue *cat,
		  const struct cost_options *opts, struct cost_result *out);
void cost_result_finish(struct cost_result *r);

/* "10^6", "2.5·10^7": a readable order of magnitude, in f's arena. */
const char *cost_magnitude(struct sf_facts *f, double work);

#endif
