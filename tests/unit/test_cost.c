/* Unit tests of the shared CPU cost model. */
#include "helpers.h"

#include <string.h>

#include "catalogue.h"
#include "cost.h"

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

static void
literal_bounds__product_reaches_threshold__heavy(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"a.js", "for (let i = 0; i < 1e6; i++) { s += i; }\n"
			"for (let i = 0; i < 1000; i++) { for (let j = 0; j < "
			"1000; j++) { s += i * j; } }\n"
			"for (let i = 0; i < 100; i++) { s += i; }\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.loops[0].heavy && r.loops[0].outermost);
	/* The nest is reported once, at the outer loop. */
	assert_true(r.loops[1].heavy && r.loops[1].outermost);
	assert_false(r.loops[2].outermost);
	assert_false(r.loops[3].heavy);
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
collections__two_nested_with_arithmetic__heavy(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"b.py",
		"for a in xs:\n    for b in ys:\n        t += a[0] * b\n"
		"for a in xs:\n    t += a\n"
		"for a in xs:\n    for b in ys:\n        pass\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.loops[0].heavy);
	assert_int_equal(r.loops[0].collection_depth, 2);
	assert_false(r.loops[2].heavy);
	assert_false(r.loops[3].heavy); /* nothing done inside */
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
waiting_loops__await_or_io__never_heavy(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"c.js",
		"const fs = require('fs');\n"
		"async function f() { for (let i = 0; i < 1e7; i++) { await "
		"g(i); } }\n"
		"for (let i = 0; i < 1e7; i++) { fs.readFileSync(p + i); }\n"
		"while (true) { s++; }\n"
		"async function h() { while (true) { await tick(); } }\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_false(r.loops[0].heavy);
	assert_true(r.loops[0].blocked);
	assert_false(r.loops[1].heavy);
	assert_true(r.loops[2].heavy);
	assert_true(r.loops[2].endless);
	assert_false(r.loops[3].heavy);
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
constants__named_bound__used(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("d.py", "N = 10**7\ndef f():\n    for i in "
				   "range(N):\n        x = i * i\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.loops[0].heavy);
	assert_true(r.loops[0].work >= 1e7);
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
recursion__two_self_calls__tree(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"e.js",
		"function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); "
		"}\n"
		"function fact(n) { return n ? n * fact(n - 1) : 1; }\n"
		"class T { walk(n) { this.walk(n.l); this.walk(n.r); } }\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.tree_recursive[0]);
	assert_false(r.tree_recursive[1]);
	assert_true(r.tree_recursive[2]);
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
busy_waits__clock_only_loops__not_heavy(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"bw.js",
		"while (Date.now() < end) {}\n"
		"do { n++; } while (performance.now() - t < 5);\n"
		"while (Date.now() < end) { work(queue.shift()); }\n"
		"while (true) { if (Date.now() > end) break; }\n"
		"async function f() { while (Date.now() < end) { await "
		"tick(); } }\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.loops[0].busy_wait);
	assert_string_equal(f->calls.v[r.loops[0].clock_call].name, "Date.now");
	assert_true(r.loops[1].busy_wait);
	assert_false(r.loops[2].busy_wait);
	assert_int_equal(r.loops[2].clock_call, -1);
	assert_true(r.loops[3].busy_wait);
	assert_false(r.loops[3].heavy);
	assert_false(r.loops[4].busy_wait);
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
endless__exit_in_body__not_endless(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"en.js", "for (;;) { n++; }\n"
			 "while (true) { if (s.indexOf(',') < 0) break; }\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.loops[0].endless && r.loops[0].heavy);
	assert_false(r.loops[1].endless);
	assert_false(r.loops[1].heavy);
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
collections__nested_data__one_dimension(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"nd.js", "for (const o of orders) { for (const l of o.lines) { "
			 "t += l.qty * o.rate; } }\n"
			 "for (const a of xs) { for (const b of ys) { t += a.v "
			 "* b.v; } }\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_int_equal(r.loops[0].collection_depth, 1);
	assert_false(r.loops[0].heavy);
	assert_int_equal(r.loops[2].collection_depth, 2);
	assert_true(r.loops[2].heavy);
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
same_collection__pairs_and_growing_scan__heavy(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"sc.js",
		"for (const a of xs) { for (const b of xs) { if (a.k === b.k) "
		"n++; } }\n"
		"for (const a of xs) { for (const b of ys) { t += a.v * b.v; "
		"} }\n"
		"for (const a of xs) { for (const b of out) { if (b.k === "
		"a.k) n++; } out.push(a); }\n"
		"for (const a of xs) { for (const b of xs) { log(b); } }\n");
	const struct cost_options opts = {.same_collection = true};
	struct cost_result r = {0};
	cost_analyze(f, cat, &opts, &r);
	assert_true(r.loops[0].heavy && r.loops[0].outermost);
	assert_non_null(strstr(r.loops[0].reason, "`xs`"));
	assert_false(r.loops[2].heavy); /* two independent lists */
	assert_true(r.loops[4].heavy);
	assert_non_null(strstr(r.loops[4].reason, "grows"));
	assert_false(r.loops[6].heavy); /* the elements are not related */
	cost_result_finish(&r);
	facts_destroy(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			literal_bounds__product_reaches_threshold__heavy),
		cmocka_unit_test(
			collections__two_nested_with_arithmetic__heavy),
		cmocka_unit_test(waiting_loops__await_or_io__never_heavy),
		cmocka_unit_test(constants__named_bound__used),
		cmocka_unit_test(recursion__two_self_calls__tree),
		cmocka_unit_test(busy_waits__clock_only_loops__not_heavy),
		cmocka_unit_test(endless__exit_in_body__not_endless),
		cmocka_unit_test(collections__nested_data__one_dimension),
		cmocka_unit_test(
			same_collection__pairs_and_growing_scan__heavy),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
