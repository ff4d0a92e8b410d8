/* Unit tests of the Python workload judge: target resolution and the
 * verdict on a function's body (python/judge.c). */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "cost.h"
#include "python/judge.h"

static struct sf_catalogue *cat;

static int
setup(void **state)
{
	(void)state;
	cat = catalogue_create();
	catalogue_load_builtin(cat);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	catalogue_destroy(cat);
	return 0;
}

/* The verdict on the function named name. */
static struct py_workload
judge(struct sf_facts *f, const char *name)
{
	/* As for a hand-off: the target works on what it is handed. */
	const struct cost_options opts = {.params_large = true};
	struct cost_result cost = {0};
	cost_analyze(f, cat, &opts, &cost);
	struct py_workload w;
	py_judge_function(f, cat, &cost, facts_find_function(f, name), &w);
	cost_result_finish(&cost);
	return w;
}

static void
judge__heavy_loop_io_and_gil__verdicts(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"w.py", "import numpy as np, requests\n"
			"def cpu(xs):\n"
			"    t = 0\n"
			"    for a in xs:\n        for b in xs:\n"
			"            t += a * b\n"
			"    return t\n"
			"def via_helper(xs):\n    return cpu(xs) + 1\n"
			"def io(urls):\n"
			"    for u in urls:\n        requests.get(u)\n"
			"def vec(xs):\n"
			"    for a in xs:\n        for b in xs:\n"
			"            np.dot(a, b) * 2\n"
			"def fib(n):\n    return fib(n - 1) + fib(n - 2)\n"
			"def waits(conn):\n"
			"    for a in conn:\n        for b in a:\n"
			"            conn.recv(b * 2)\n");
	struct py_workload w = judge(f, "cpu");
	assert_true(py_workload_cpu_bound(&w));
	assert_true(w.cpu_loop >= 0);
	assert_string_equal(w.cpu_reason, "quadratic: it relates every "
					  "element of `xs` (a parameter) to "
					  "every other");
	w = judge(f, "via_helper");
	assert_true(py_workload_cpu_bound(&w));
	w = judge(f, "io");
	assert_true(py_workload_io_bound(&w));
	assert_false(py_workload_cpu_bound(&w));
	w = judge(f, "vec");
	assert_true(w.releases_gil);
	assert_false(py_workload_cpu_bound(&w));
	w = judge(f, "fib");
	assert_true(py_workload_cpu_bound(&w));
	assert_int_equal(w.cpu_fn, facts_find_function(f, "fib"));
	w = judge(f, "waits");
	assert_true(w.opaque);
	assert_false(py_workload_cpu_bound(&w));
	facts_destroy(f);
}

/* The function the callable of the first hand-off of kind k stands for. */
static const char *
target_of(struct sf_facts *f, uint32_t nth, enum py_submit *kind)
{
	uint32_t seen = 0;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_arg *a;
		enum py_submit k = py_submission(f, cat, &f->calls.v[i], &a);
		if (k == PY_SUBMIT_NONE || seen++ != nth)
			continue;
		*kind = k;
		int32_t fn = py_target_function(f, &f->calls.v[i], a);
		return fn < 0 ? NULL : f->functions.v[fn].name;
	}
	return NULL;
}

static void
targets__functions_methods_partials_lambdas__resolved(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"t.py",
		"import functools, threading, asyncio\n"
		"from concurrent.futures import ThreadPoolExecutor, "
		"ProcessPoolExecutor\n"
		"from os import getcwd\n"
		"def work(n):\n    pass\n"
		"class W:\n"
		"    def run(self):\n        pass\n"
		"    def go(self, pool):\n"
		"        threading.Thread(target=self.run).start()\n"
		"def main(loop):\n"
		"    w = W()\n"
		"    threading.Thread(None, work).start()\n"
		"    ThreadPoolExecutor().submit(functools.partial(work, "
		"1))\n"
		"    threading.Thread(target=w.run).start()\n"
		"    asyncio.to_thread(lambda: work(2))\n"
		"    loop.run_in_executor(ProcessPoolExecutor(), work, 3)\n"
		"    loop.run_in_executor(None, getcwd)\n"
		"    loop.run_in_executor(mystery, work)\n");
	enum py_submit k;
	assert_string_equal(target_of(f, 0, &k), "W.run");
	assert_int_equal(k, PY_SUBMIT_THREAD);
	assert_string_equal(target_of(f, 1, &k), "work");
	assert_string_equal(target_of(f, 2, &k), "work");
	assert_string_equal(target_of(f, 3, &k), "W.run");
	assert_string_equal(target_of(f, 4, &k), "<lambda>");
	assert_string_equal(target_of(f, 5, &k), "work");
	assert_int_equal(k, PY_SUBMIT_PROCESS);
	/* An imported function lives in another file: the index's job. */
	assert_null(target_of(f, 6, &k));
	assert_int_equal(k, PY_SUBMIT_THREAD);
	/* An executor we cannot type is no hand-off we know. */
	assert_null(target_of(f, 7, &k));
	facts_destroy(f);
}

static void
classes__thread_and_process_subclasses__run_there(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("c.py", "import threading\n"
				   "from multiprocessing import Process\n"
				   "class A(threading.Thread):\n    pass\n"
				   "class B(Process, metaclass=M):\n    pass\n"
				   "class C(object):\n    pass\n");
	assert_int_equal(py_class_runs_in(f, 0), PY_SUBMIT_THREAD);
	assert_int_equal(py_class_runs_in(f, 1), PY_SUBMIT_PROCESS);
	assert_int_equal(py_class_runs_in(f, 2), PY_SUBMIT_NONE);
	facts_destroy(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(judge__heavy_loop_io_and_gil__verdicts),
		cmocka_unit_test(
			targets__functions_methods_partials_lambdas__resolved),
		cmocka_unit_test(
			classes__thread_and_process_subclasses__run_there),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
