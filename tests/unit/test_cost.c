/* Unit tests of the shared CPU cost model. */
#include "helpers.h"

#include <string.h>

#include "catalogue.h"
#include "cost.h"
#include "util/fmath.h"

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
collections__quadratic_in_large_data__heavy(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"b.py",
		"import json\n"
		"xs = json.loads(raw)\n"
		"for a in xs:\n    for b in xs:\n        t += a[0] * b\n"
		"for a in xs:\n    t += a\n"
		"for a in xs:\n    for b in xs:\n        pass\n"
		"for a in ys:\n    for b in ys:\n        t += a * b\n"
		"for a in [1, 2]:\n    for b in [3, 4]:\n        t += a * b\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.loops[0].heavy && r.loops[0].quadratic);
	assert_non_null(strstr(r.loops[0].reason, "parsed JSON"));
	assert_false(r.loops[2].heavy); /* one pass */
	assert_false(r.loops[3].heavy); /* nothing done inside */
	assert_false(r.loops[5].heavy); /* nothing says ys is large */
	assert_false(r.loops[7].heavy); /* literals */
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
sizes__origins_followed__evidence(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"o.js", "const FORMATS = ['a', 'b'];\n"
			"app.post('/x', (req, res) => {\n"
			"  const { items } = req.body;\n"
			"  const rows = items.filter((i) => i.ok);\n"
			"  for (const r of rows) {}\n"
			"  for (const k of Object.keys(FORMATS)) {}\n"
			"  for (const x of this.cache) {}\n"
			"});\n"
			"function plain(list) { for (const y of list) {} }\n"
			"socket.on('m', (data) => { for (const z of "
			"data.parts) {} });\n"
			"async function load() {\n"
			"  const text = fs.readFileSync(p, 'utf8');\n"
			"  for (const line of text.split('\\n')) {}\n"
			"}\n");
	const char *why = NULL;
	assert_int_equal(
		cost_origin_size(f, cat, NULL, f->loops.v[0].origin, &why),
		COST_SIZE_LARGE);
	assert_string_equal(why, "request data");
	assert_int_equal(
		cost_origin_size(f, cat, NULL, f->loops.v[1].origin, &why),
		COST_SIZE_SMALL);
	assert_int_equal(
		cost_origin_size(f, cat, NULL, f->loops.v[2].origin, &why),
		COST_SIZE_UNKNOWN);
	assert_int_equal(
		cost_origin_size(f, cat, NULL, f->loops.v[3].origin, &why),
		COST_SIZE_UNKNOWN);
	const struct cost_options params = {.params_large = true};
	assert_int_equal(
		cost_origin_size(f, cat, &params, f->loops.v[3].origin, &why),
		COST_SIZE_LARGE);
	assert_int_equal(
		cost_origin_size(f, cat, NULL, f->loops.v[4].origin, &why),
		COST_SIZE_LARGE);
	assert_string_equal(why, "what a handler receives");
	assert_int_equal(
		cost_origin_size(f, cat, NULL, f->loops.v[5].origin, &why),
		COST_SIZE_LARGE);
	assert_non_null(strstr(why, "a text's lines"));
	facts_destroy(f);
}

static void
sizes__argument_of_a_same_file_call__evidence(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("fed.py", "import json\n"
				     "def pairs(xs):\n"
				     "    for a in xs:\n"
				     "        for b in xs:\n"
				     "            t += a * b\n"
				     "def small(ys):\n"
				     "    for a in ys:\n"
				     "        for b in ys:\n"
				     "            t += a * b\n"
				     "async def handler(body):\n"
				     "    pairs(json.loads(body))\n"
				     "    small([1, 2, 3])\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.loops[0].heavy);
	assert_non_null(strstr(r.loops[0].reason, "passed by `handler`"));
	assert_false(r.loops[2].heavy);
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
		"class T { walk(n) { this.walk(n.l); this.walk(n.r); } }\n"
		"function retry(n) { try { return retry(n - 1); } catch (e) { "
		"return retry(n - 2); } }\n"
		"function pick(n) { if (n > 2) { return pick(n - 1); } "
		"return pick(n - 2); }\n"
		"function lcs(a, b) { return Math.max(lcs(a.slice(1), b), "
		"lcs(a, b.slice(1))); }\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.tree_recursive[0]);
	assert_false(r.tree_recursive[1]); /* one self-call */
	assert_false(r.tree_recursive[2]); /* a walk over a structure */
	assert_false(r.tree_recursive[3]); /* try, then catch */
	assert_false(r.tree_recursive[4]); /* one returns first */
	assert_true(r.tree_recursive[5]);
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
recursion__python_branches__exclusive(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"e.py", "def fib(n):\n"
			"    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
			"def walk(d):\n"
			"    if isinstance(d, dict):\n"
			"        return walk(d - 1)\n"
			"    elif isinstance(d, list):\n"
			"        return walk(d - 2)\n"
			"def convert(d):\n"
			"    for k in d:\n"
			"        convert(d[k])\n"
			"        convert(d[k])\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.tree_recursive[0]);
	assert_false(r.tree_recursive[1]);
	assert_false(r.tree_recursive[2]);
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
		"nd.js",
		"const orders = JSON.parse(a), ys = JSON.parse(b);\n"
		"for (const o of orders) { for (const l of o.lines) { "
		"t += l.qty * o.rate; } }\n"
		"for (const a of orders) { for (const b of ys) { t += a.v "
		"* b.v; } }\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_int_equal(r.loops[0].collection_depth, 1);
	assert_false(r.loops[0].heavy);
	assert_true(r.loops[2].heavy); /* a join of two parsed lists */
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
collections__python_nested_data__one_dimension(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("nd.py", "import json\n"
				    "grid = json.loads(s)\n"
				    "for row in grid:\n"
				    "    for cell in row:\n"
				    "        t += cell * cell\n"
				    "for i in range(len(grid)):\n"
				    "    for j in range(i + 1, len(grid)):\n"
				    "        t += grid[i][0] * grid[j][0]\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(f->loops.v[1].flags & SF_LOOP_NESTED_DATA);
	assert_false(r.loops[0].heavy);
	assert_false(f->loops.v[3].flags & SF_LOOP_NESTED_DATA);
	assert_true(r.loops[2].heavy);
	assert_non_null(strstr(r.loops[2].reason, "count to `len(grid)`"));
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
many_runs__large_constant_bound_around_data__heavy(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("mc.py", "def simulate(xs, runs=20_000):\n"
				    "    for _ in range(runs):\n"
				    "        for x in xs:\n"
				    "            t += x\n"
				    "def few(xs, runs=20):\n"
				    "    for _ in range(runs):\n"
				    "        for x in xs:\n"
				    "            t += x\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.loops[0].heavy);
	assert_non_null(strstr(r.loops[0].reason, "runs of a loop over `xs`"));
	assert_false(r.loops[2].heavy);
	cost_result_finish(&r);
	facts_destroy(f);
}

static void
same_collection__pairs_and_growing_scan__heavy(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"sc.js",
		"const xs = JSON.parse(s);\n"
		"for (const a of xs) { for (const b of xs) { if (a.k === b.k) "
		"n++; } }\n"
		"for (const a of xs) { for (const b of ys) { t += a.v * b.v; "
		"} }\n"
		"for (const a of xs) { for (const b of out) { if (b.k === "
		"a.k) n++; } out.push(a); }\n"
		"for (const a of xs) { for (const b of xs) { log(b); } }\n");
	struct cost_result r = {0};
	cost_analyze(f, cat, NULL, &r);
	assert_true(r.loops[0].heavy && r.loops[0].outermost);
	assert_non_null(strstr(r.loops[0].reason, "`xs`"));
	assert_false(r.loops[2].heavy); /* nothing says ys is large */
	assert_true(r.loops[4].heavy);
	assert_non_null(strstr(r.loops[4].reason, "grows"));
	assert_false(r.loops[6].heavy); /* the elements are not related */
	cost_result_finish(&r);
	facts_destroy(f);
}

/* The arithmetic stackfit does without libm: exact integer counts where
 * a logarithm's rounding would be off by one at an exact power. */
static void
fmath__counts_and_magnitudes__exact(void **state)
{
	(void)state;
	assert_true(fm_floor(2.5) == 2 && fm_floor(-2.5) == -3);
	assert_true(fm_floor(-3) == -3 && fm_ceil(-2.5) == -2);
	assert_true(fm_ceil(2.000001) == 3 && fm_ceil(7) == 7);
	assert_true(fm_floor(1e300) == 1e300 && fm_ceil(-1e300) == -1e300);
	assert_true(fm_floor(1e300 * 1e300) == 1e300 * 1e300);
	assert_true(fm_powi(2, 10) == 1024 && fm_powi(10, 0) == 1);
	assert_true(fm_powi(-3, 3) == -27 && fm_powi(1.5, 2) == 2.25);
	/* for (i = 1; i < ratio; i *= base) */
	assert_true(fm_steps(1000, 10) == 3);
	assert_true(fm_steps(1024, 2) == 10 && fm_steps(1025, 2) == 11);
	assert_true(fm_steps(1e6, 1.5) == 35); /* 1.5^34 < 1e6 <= 1.5^35 */
	assert_true(fm_steps(1e15, 1000) == 5);
	assert_true(fm_steps(1, 2) == 0 && fm_steps(5, 1) == -1);
	assert_true(fm_steps(1e300, 1.0000001) == -1 ||
		    fm_steps(1e300, 1.0000001) > 6e9);
	assert_true(fm_isfinite(1e308) && !fm_isfinite(1e308 * 10));
	double m;
	assert_int_equal(fm_decimal(12345, &m), 4);
	assert_true(m > 1.2344 && m < 1.2346);
	assert_int_equal(fm_decimal(1000, &m), 3);
	assert_true(m == 1);
	assert_int_equal(fm_decimal(9.99e9, &m), 9);
	assert_int_equal(fm_decimal(1e308 * 10, &m), 308);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fmath__counts_and_magnitudes__exact),
		cmocka_unit_test(
			literal_bounds__product_reaches_threshold__heavy),
		cmocka_unit_test(collections__quadratic_in_large_data__heavy),
		cmocka_unit_test(sizes__origins_followed__evidence),
		cmocka_unit_test(sizes__argument_of_a_same_file_call__evidence),
		cmocka_unit_test(recursion__python_branches__exclusive),
		cmocka_unit_test(
			collections__python_nested_data__one_dimension),
		cmocka_unit_test(
			many_runs__large_constant_bound_around_data__heavy),
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
