/*
 * What Python code does when it runs, for the rules about threads,
 * processes and hot loops (PY203, PY210, PY211, PY220): which calls hand a
 * callable to a thread or a process, which function that callable is in
 * this file, and a verdict on a function's body — CPU-bound (a heavy loop
 * or tree recursion, no I/O, nothing that releases the GIL) or I/O-bound.
 * Everything here reads facts, the catalogue and the cost model (facts are
 * taken non-const only because name lookups index them lazily and resolved
 * names live in their arena); the index can route targets in other files
 * to py_judge_function with their own facts.
 */
#ifndef SF_PY_JUDGE_H
#define SF_PY_JUDGE_H

#include <stdbool.h>
#include <stdint.h>

#include "../catalogue.h"
#include "../cost.h"
#include "../facts.h"

/* Same-file functions followed from a judged function, at most. */
#define PY_JUDGE_MAX_FUNCTIONS 64

/* --- hot loops ------------------------------------------------------------ */

/* Is loop i heavy (the cost model says so: enough work, quadratic in data
 * that can be large, or endless, never leaving)? */
bool py_loop_heavy(const struct sf_facts *f, const struct cost_result *cost,
		   uint32_t i);
/* Heavy, and no enclosing loop in the same function is: the one loop of a
 * nest to report. */
bool py_loop_report(const struct sf_facts *f, const struct cost_result *cost,
		    uint32_t i);
/* Is the nest of loop i numeric: its innermost loops do arithmetic, and
 * none of them is a search that breaks or returns at a match or works on
 * text? */
bool py_loop_numeric(const struct sf_facts *f, uint32_t i);

/* --- functions ------------------------------------------------------------ */

/* The verdict on a function, from its own body and the bodies of the
 * same-file functions it calls (by name, or `self.method`), at most
 * PY_JUDGE_MAX_FUNCTIONS of them. Indexes are -1 when absent. */
struct py_workload {
	bool cpu;          /* a heavy loop or tree recursion */
	bool io;           /* calls a blocking API: network, file, sleep... */
	bool releases_gil; /* calls numpy, hashlib, zlib... */
	/* Calls something we cannot judge that may wait: a `.wait()`,
	 * `.recv()`, `.join()`... on an unknown object, or a callable passed
	 * in as a parameter. Neither CPU- nor I/O-bound then. */
	bool opaque;
	int32_t cpu_loop;       /* the first heavy loop */
	int32_t cpu_fn;         /* the first tree-recursive function */
	int32_t io_call;        /* the first blocking call */
	int32_t gil_call;       /* the first GIL-releasing call */
	const char *cpu_reason; /* "about 10^7 operations"... */
};

void py_judge_function(struct sf_facts *f, const struct sf_catalogue *cat,
		       const struct cost_result *cost, int32_t fn,
		       struct py_workload *out);

/* CPU-bound pure Python: threads running it take turns under the GIL. */
bool py_workload_cpu_bound(const struct py_workload *w);
/* Waits on I/O and computes little: a process buys nothing over a thread. */
bool py_workload_io_bound(const struct py_workload *w);

/* Does the catalogue say that the call with this resolved name runs outside
 * the GIL? A `releases-gil` entry covers everything under its name. */
bool py_releases_gil(const struct sf_catalogue *cat, const char *name);

/* --- hand-offs to threads and processes -------------------------------- */

enum py_submit {
	PY_SUBMIT_NONE,
	PY_SUBMIT_THREAD,
	PY_SUBMIT_PROCESS,
};

/* Whether call c hands a callable to a thread or a process
 * (`threading.Thread(target=f)`, `pool.submit(f)`, `asyncio.to_thread(f)`,
 * `loop.run_in_executor(None | pool, f)`...), and which argument the
 * callable is (*callable, NULL when the call has none). */
enum py_submit py_submission(struct sf_facts *f, const struct sf_catalogue *cat,
			     const struct sf_call *c,
			     const struct sf_arg **callable);

/* The function of this file that the callable argument a of call c stands
 * for: a function or class method by name, `self.method`, `obj.method`
 * for a local instance of a class of this file, a lambda, or any of these
 * through `functools.partial`. -1 when it is none of them. */
int32_t py_target_function(struct sf_facts *f, const struct sf_call *c,
			   const struct sf_arg *a);

/* Classes of this file that subclass threading.Thread (thread) or
 * multiprocessing.Process (process): their `run` method runs there. */
enum py_submit py_class_runs_in(struct sf_facts *f, uint32_t cls);

/* One function of this file handed to a thread or a process, with the
 * verdict on its body. */
struct py_handoff {
	/* The hand-off call and its callable argument; NULL for the run() of
	 * a Thread/Process subclass. */
	const struct sf_call *call;
	const struct sf_arg *arg;
	int32_t cls; /* the subclass, or -1 */
	int32_t fn;  /* the function sent */
	struct py_workload work;
};

/* Calls visit for every hand-off of the given kind in f whose target is a
 * function of this file: calls first, in source order, then subclasses.
 * The cost model runs once, only when there is a target to judge. */
void py_each_handoff(struct sf_facts *f, const struct sf_catalogue *cat,
		     const struct cost_options *opts, enum py_submit kind,
		     void (*visit)(void *user, const struct py_handoff *h),
		     void *user);

/* Fills kinds[fn] (f->functions.n entries, caller-owned) with where each
 * function of the file is sent: PY_SUBMIT_THREAD, _PROCESS or _NONE. */
void py_find_targets(struct sf_facts *f, const struct sf_catalogue *cat,
		     uint8_t *kinds);

#endif
