/* Unit tests of the Python extractor and its async context. */
#include "helpers.h"

#include <string.h>

static void
functions__async_def__on_loop_nested_def_and_lambda_not(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts("a.py", "async def handler(req):\n"
						"    def inner():\n"
						"        pass\n"
						"    g = lambda: 1\n"
						"    class K:\n"
						"        def m(self): pass\n");
	const struct sf_function *h = test_function(f, "handler");
	assert_true(h->flags & SF_FN_ASYNC);
	assert_true(h->flags & SF_FN_ON_LOOP);
	assert_false(test_function(f, "inner")->flags & SF_FN_ON_LOOP);
	assert_false(test_function(f, "<lambda>")->flags & SF_FN_ON_LOOP);
	const struct sf_function *m = test_function(f, "K.m");
	assert_non_null(m);
	assert_true(m->flags & SF_FN_METHOD);
	assert_false(m->flags & SF_FN_ON_LOOP);
	facts_destroy(f);
}

static void
context__loop_callbacks__on_loop(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("cb.py", "def tick():\n    pass\n"
				    "def done(fut):\n    pass\n"
				    "def other():\n    pass\n"
				    "loop.call_later(1.0, tick)\n"
				    "fut.add_done_callback(done)\n"
				    "loop.call_soon(lambda: None)\n"
				    "asyncio.to_thread(other)\n");
	assert_true(test_function(f, "tick")->flags & SF_FN_ON_LOOP);
	assert_true(test_function(f, "done")->flags & SF_FN_ON_LOOP);
	assert_true(test_function(f, "<lambda>")->flags & SF_FN_ON_LOOP);
	assert_false(test_function(f, "other")->flags & SF_FN_ON_LOOP);
	facts_destroy(f);
}

static void
loops__range_bounds__trip_known(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"l.py",
		"N = 10**6\n"
		"for i in range(10**6):\n    x += i\n"
		"for j in range(2, N, 2):\n    pass\n"
		"for k in range(n):\n    pass\n"
		"for v in items:\n    v[0] < 1\n"
		"while True:\n    break\n"
		"s = [a * b for a in range(1000) for b in range(1000)]\n");
	assert_int_equal(f->loops.n, 6);
	assert_true(f->loops.v[0].trip == 1e6);
	assert_true(f->loops.v[0].flags & SF_LOOP_ARITH);
	assert_true(f->loops.v[1].trip == (1e6 - 2) / 2);
	assert_true(f->loops.v[2].trip < 0);
	assert_string_equal(f->loops.v[2].bound_name, "n");
	assert_true(f->loops.v[3].flags & SF_LOOP_COLLECTION);
	assert_true(f->loops.v[3].flags & SF_LOOP_INDEX);
	assert_true(f->loops.v[3].flags & SF_LOOP_COMPARE);
	assert_true(f->loops.v[4].flags & SF_LOOP_INFINITE);
	assert_int_equal(f->loops.v[5].kind, SF_LOOP_COMPREHENSION);
	assert_true(f->loops.v[5].trip == 1e6);
	facts_destroy(f);
}

static void
loops__async_for_and_await__flagged(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("af.py", "async def f():\n"
				    "    async for x in s:\n        pass\n"
				    "    for y in ys:\n"
				    "        r = await g(y)\n");
	assert_true(f->loops.v[0].flags & SF_LOOP_ASYNC_ITER);
	assert_true(f->loops.v[1].flags & SF_LOOP_AWAIT);
	assert_int_equal(f->awaits.n, 1);
	assert_string_equal(f->awaits.v[0].assigned, "r");
	assert_int_equal(f->awaits.v[0].loop, 1);
	assert_true(test_call(f, "g")->flags & SF_CALL_AWAITED);
	facts_destroy(f);
}

static void
with__lock_and_open__recorded(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("w.py", "import threading\n"
				   "lock = threading.Lock()\n"
				   "async def f(p):\n"
				   "    with lock:\n        pass\n"
				   "    with open(p) as fh:\n"
				   "        fh.read()\n"
				   "    async with sem:\n        pass\n");
	const struct sf_call *enter = test_call(f, "lock.__enter__");
	assert_non_null(enter);
	assert_true(enter->flags & SF_CALL_WITH);
	assert_string_equal(enter->name, "threading.Lock().__enter__");
	assert_null(test_call(f, "sem.__enter__"));
	assert_true(test_call(f, "open")->flags & SF_CALL_WITH);
	assert_string_equal(test_call(f, "fh.read")->name, "open().read");
	facts_destroy(f);
}

static void
decorators__resolved_and_attached(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("d.py", "from fastapi import APIRouter\n"
				   "router = APIRouter()\n"
				   "@router.get('/x')\n"
				   "async def x():\n    pass\n"
				   "@staticmethod\n"
				   "def y():\n    pass\n");
	assert_int_equal(f->decorators.n, 2);
	assert_string_equal(f->decorators.v[0].name, "fastapi.APIRouter().get");
	assert_int_equal(f->decorators.v[0].function, 0);
	assert_true(f->decorators.v[0].call >= 0);
	assert_string_equal(f->decorators.v[1].name, "staticmethod");
	assert_int_equal(f->decorators.v[1].function, 1);
	assert_true(test_function(f, "x")->flags & SF_FN_DECORATED);
	facts_destroy(f);
}

static void
args__keywords_and_kinds__recorded(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"t.py",
		"import threading\n"
		"def work(n):\n    pass\n"
		"threading.Thread(target=work, args=(1,), name='w').start()\n");
	const struct sf_call *c = test_call(f, "threading.Thread");
	assert_non_null(c);
	const struct sf_arg *t = facts_call_arg(f, c, 0, "target");
	assert_non_null(t);
	assert_int_equal(t->kind, SF_ARG_NAME);
	assert_string_equal(t->text, "work");
	const struct sf_arg *n = facts_call_arg(f, c, 99, "name");
	assert_int_equal(n->kind, SF_ARG_STRING);
	assert_string_equal(n->text, "w");
	assert_null(facts_call_arg(f, c, 0, NULL));
	assert_string_equal(test_call(f, "threading.Thread().start")->name,
			    "threading.Thread().start");
	facts_destroy(f);
}

static void
suppressions__python_comments(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"s.py", "\"\"\"Module docstring.\"\"\"\n"
			"# stackfit: ignore-file\n"
			"import time\n"
			"time.sleep(1)  # stackfit: ignore[PY201]\n");
	assert_true(f->flags & SF_FILE_IGNORED);
	assert_int_equal(f->suppressions.n, 1);
	assert_int_equal(f->suppressions.v[0].row, 3);
	facts_destroy(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			functions__async_def__on_loop_nested_def_and_lambda_not),
		cmocka_unit_test(context__loop_callbacks__on_loop),
		cmocka_unit_test(loops__range_bounds__trip_known),
		cmocka_unit_test(loops__async_for_and_await__flagged),
		cmocka_unit_test(with__lock_and_open__recorded),
		cmocka_unit_test(decorators__resolved_and_attached),
		cmocka_unit_test(args__keywords_and_kinds__recorded),
		cmocka_unit_test(suppressions__python_comments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
