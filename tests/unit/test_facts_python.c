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
	assert_int_equal(f->suppressions.n, 2);
	/* The ignore-file is kept too, for --report-unused-ignores. */
	assert_int_equal(f->suppressions.v[0].kind, SF_SUPPRESS_FILE);
	assert_int_equal(f->suppressions.v[0].at_row, 1);
	assert_int_equal(f->suppressions.v[0].at_col, 3);
	assert_int_equal(f->suppressions.v[0].end_col, 24);
	assert_int_equal(f->suppressions.v[1].kind, SF_SUPPRESS_LINE);
	assert_int_equal(f->suppressions.v[1].row, 3);
	/* "time.sleep(1)  # " is 17 code points: the directive at 18,
	 * through "]" (column 41 is just past it). */
	assert_int_equal(f->suppressions.v[1].at_row, 3);
	assert_int_equal(f->suppressions.v[1].at_col, 18);
	assert_int_equal(f->suppressions.v[1].end_col, 41);
	facts_destroy(f);
}

static void
names__self_attribute_from_init__resolved(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"sa.py", "import requests, threading\n"
			 "class C:\n"
			 "    lock = threading.Lock()\n"
			 "    def __init__(self):\n"
			 "        self.s = requests.Session()\n"
			 "    async def m(self):\n"
			 "        self.s.get('x')\n"
			 "        with self.lock:\n            pass\n"
			 "        self.other.get('y')\n");
	assert_string_equal(test_call(f, "self.s.get")->name,
			    "requests.Session().get");
	assert_string_equal(test_call(f, "self.lock.__enter__")->name,
			    "threading.Lock().__enter__");
	assert_null(test_call(f, "self.other.get")->name);
	/* A class attribute is no module-level name. */
	assert_null(test_binding(f, "lock"));
	facts_destroy(f);
}

static void
names__paths_through_division_and_members__one_type(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"p.py", "from pathlib import Path\n"
			"ROOT = Path(__file__).parent / 'static'\n"
			"def f(name):\n"
			"    p = ROOT / 'img' / name\n"
			"    p.read_bytes()\n"
			"    (ROOT / 'a').read_text()\n"
			"    Path.home().resolve().joinpath('x').exists()\n"
			"    with p.open() as fh:\n        fh.read()\n"
			"    n = 10 / 2\n");
	assert_string_equal(test_call(f, "p.read_bytes")->name,
			    "pathlib.Path().read_bytes");
	assert_string_equal(test_call(f, "ROOT.read_text")->name,
			    "pathlib.Path().read_text");
	const struct sf_call *e = NULL;
	for (uint32_t i = 0; i < f->calls.n; i++)
		if (f->calls.v[i].method &&
		    strcmp(f->calls.v[i].method, "exists") == 0)
			e = &f->calls.v[i];
	assert_non_null(e);
	assert_string_equal(e->name, "pathlib.Path().exists");
	assert_string_equal(test_call(f, "fh.read")->name, "open().read");
	/* A number divided is a constant, not an alias. */
	assert_int_equal(test_binding(f, "n")->kind, SF_BIND_LOCAL);
	assert_null(test_binding(f, "n")->target);
	facts_destroy(f);
}

static void
names__builtin_call_chains__resolved(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts("b.py", "def f(p):\n"
						"    open(p).read()\n"
						"    x.y()\n");
	assert_string_equal(test_call(f, "open().read")->name, "open().read");
	assert_null(test_call(f, "x.y")->name);
	facts_destroy(f);
}

static void
context__partial_callbacks_and_key_lambdas__on_loop(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"k.py",
		"import functools\n"
		"def done(name, fut):\n    pass\n"
		"async def h(xs):\n"
		"    t.add_done_callback(functools.partial(done, 'a'))\n"
		"    max(xs, key=lambda p: p.size)\n"
		"    xs.sort(key=lambda p: p.name)\n"
		"    g = lambda: 1\n"
		"def plain(xs):\n"
		"    return sorted(xs, key=lambda p: p.size)\n");
	assert_true(test_function(f, "done")->flags & SF_FN_ON_LOOP);
	uint32_t on = 0, off = 0;
	for (uint32_t i = 0; i < f->functions.n; i++) {
		const struct sf_function *fn = &f->functions.v[i];
		if (!(fn->flags & SF_FN_ANONYMOUS))
			continue;
		if (fn->flags & SF_FN_ON_LOOP)
			on++;
		else
			off++;
	}
	assert_int_equal(on, 2);  /* max and sort in h */
	assert_int_equal(off, 2); /* g, and sorted in plain */
	facts_destroy(f);
}

/* A name bound thousands of times in one scope (generated code, or an
 * attack): each reference costs a hash probe and a binary search, not a
 * walk over every binding of the name. */
static void
lookup__one_name_bound_many_times__work_grows_linearly(void **state)
{
	(void)state;
	test_assert_lookup_linear("a.py", "a=a\n");
	test_assert_lookup_linear("a.py", "a = a.b\n");
	test_assert_lookup_linear("a.py", "a = a()\n");
	test_assert_lookup_linear("a.py", "import a; a.b()\n");
	test_assert_lookup_linear("a.py", "def a(): a()\n");
}

/* What the extractor tells from a node's text before looking at its
 * children (a development test needs a quoted operand, a switch a
 * docstring or comments before its return and "environ" or "getenv" in
 * it, an annotation an assignment of more than three children) must be
 * what looking at them tells. */
static void
dev_code_and_annotations__told_from_text__as_from_children(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"d.py", "import os\n"
			"from pathlib import Path\n"
			"def one():\n"
			"    return bool(os.getenv(\"APP_TRACE_DIR\"))\n"
			"def commented():\n"
			"    # the switch\n"
			"    return os.environ.get(\"APP_DEBUG\") == \"1\"\n"
			"def documented():\n"
			"    rb\"\"\"Raw docstring.\"\"\"\n"
			"    # and a comment\n"
			"    return bool(os.environ[\"DEV\"])\n"
			"def fstring_doc():\n"
			"    f\"a docstring? {x}\"\n"
			"    return bool(os.getenv(\"APP_TRACE_DIR\"))\n"
			"def work():\n"
			"    x = 1\n"
			"    return bool(os.getenv(\"APP_TRACE_DIR\"))\n"
			"def plain():\n"
			"    return self_x\n"
			"if os.environ.get('APP_ENV') == 'development':\n"
			"    pass\n"
			"if a == b:\n"
			"    pass\n"
			"if mode != \"production\" and 'DEV' in os.environ:\n"
			"    pass\n"
			"p: Path = make()\n"
			"q = make()\n");
	assert_true(test_function(f, "one")->flags & SF_FN_DEV_SWITCH);
	assert_true(test_function(f, "commented")->flags & SF_FN_DEV_SWITCH);
	assert_true(test_function(f, "documented")->flags & SF_FN_DEV_SWITCH);
	/* A string statement first is taken for the docstring, f-string
	 * or not. */
	assert_true(test_function(f, "fstring_doc")->flags & SF_FN_DEV_SWITCH);
	assert_false(test_function(f, "work")->flags & SF_FN_DEV_SWITCH);
	assert_false(test_function(f, "plain")->flags & SF_FN_DEV_SWITCH);
	/* The first and third ifs' bodies are development code. */
	assert_int_equal(f->devs.n, 2);
	const struct sf_binding *p = test_binding(f, "p");
	assert_non_null(p);
	assert_non_null(p->type);
	assert_string_equal(p->type, "Path");
	const struct sf_binding *q = test_binding(f, "q");
	assert_non_null(q);
	assert_null(q->type);
	facts_destroy(f);
}

/* The children past the first eight of a node are read with a cursor kept
 * on it (kid in extract.c), and a string is looked through for a
 * substitution only when its text has a brace: every argument and
 * parameter of a long list, in order, and the one f-string among many
 * parts, are found as they are in a short one. */
static void
walk__long_lists_and_strings__every_child_read(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"ll.py",
		"import os\n"
		"from pathlib import Path\n"
		"def g(a, b, c, d, e, f2, g2, h, i, j, k: Path, *rest,\n"
		"      key=os.sep, **kw):\n"
		"    k.exists()\n"
		"run(1, 2, 3, 4, 5, 6, 7, 8,  # eight\n"
		"    'nine', ten, f(eleven), lam=lambda: 0, last=os.getcwd())\n"
		"for x in xs:\n"
		"    s = 'a' 'b' 'c' 'd' 'e' 'f' 'g' 'h' 'i' f'{x}'\n"
		"for y in ys:\n"
		"    t = 'a' 'b' 'c' 'd' 'e' 'f' 'g' 'h' 'i' '{y}'\n");
	const struct sf_call *c = test_call(f, "run");
	assert_non_null(c);
	/* Thirteen arguments: the comment is none. */
	assert_int_equal(c->nargs, 13);
	const struct sf_arg *a = &f->args.v[c->arg0];
	assert_int_equal(a[7].kind, SF_ARG_NUMBER);
	assert_string_equal(a[7].text, "8");
	assert_int_equal(a[8].kind, SF_ARG_STRING);
	assert_string_equal(a[8].text, "nine");
	assert_int_equal(a[9].kind, SF_ARG_NAME);
	assert_string_equal(a[9].text, "ten");
	assert_int_equal(a[10].kind, SF_ARG_CALL);
	assert_int_equal(a[10].call, test_call(f, "f") - f->calls.v);
	assert_int_equal(a[11].kind, SF_ARG_FUNCTION);
	assert_string_equal(a[11].keyword, "lam");
	assert_string_equal(a[12].keyword, "last");
	assert_int_equal(a[12].kind, SF_ARG_CALL);
	const struct sf_function *lam = test_function(f, "<lambda>");
	assert_true(lam->flags & SF_FN_CALLBACK);
	assert_int_equal(lam->cb_arg, 11);
	/* The eleventh parameter's annotation types its calls; the last
	 * parameters are bound. */
	assert_string_equal(test_call(f, "k.exists")->name,
			    "pathlib.Path().exists");
	assert_non_null(test_binding(f, "rest"));
	assert_non_null(test_binding(f, "kw"));
	/* The f-string is the tenth part of the first loop's text; the
	 * second's braces are in no f-string. */
	assert_int_equal(f->loops.n, 2);
	assert_true(f->loops.v[0].flags & SF_LOOP_TEXT);
	assert_false(f->loops.v[1].flags & SF_LOOP_TEXT);
	facts_destroy(f);
}

/* The walk calls enter below the top level only for the kinds its switch
 * handles (entered_kinds in extract.c), and passes over the closing
 * brackets and separators that end a node (its tail_bytes): one of each
 * kind, nested in a function, is entered, and a comment or a call among
 * the brackets at the end of a list is still seen. */
static void
walk__every_entered_kind_below_the_top__entered(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"ek.py", "async def outer(b, v):\n"
			 "    import json\n"
			 "    from os import path\n"
			 "    @dec\n"
			 "    def inner():\n"
			 "        yield 1\n"
			 "    class K:\n"
			 "        pass\n"
			 "    if settings.DEBUG:\n"
			 "        pass\n"
			 "    elif DEBUG:\n"
			 "        pass\n"
			 "    with lock:\n"
			 "        pass\n"
			 "    for i in range(10):\n"
			 "        x += i\n"
			 "        s = f'{i}'\n"
			 "        if i < 3:\n"
			 "            break\n"
			 "    while v:\n"
			 "        v[0]\n"
			 "        raise E\n"
			 "    ys = [a for a in range(5)]\n"
			 "    zs = {a for a in b}\n"
			 "    ds = {a: 1 for a in b}\n"
			 "    gs = (a for a in b)\n"
			 "    k = lambda: 0\n"
			 "    await aw()\n"
			 "    g(x, [h(y)],  # stackfit: ignore[PY201]\n"
			 "      )\n"
			 "    return json\n");
	assert_non_null(test_binding(f, "json"));
	assert_non_null(test_binding(f, "path"));
	const struct sf_function *inner = test_function(f, "inner");
	assert_true(inner->flags & SF_FN_GENERATOR);
	assert_true(inner->flags & SF_FN_DECORATED);
	assert_int_equal(f->decorators.n, 1);
	assert_non_null(test_function(f, "<lambda>"));
	assert_int_equal(f->classes.n, 1);
	assert_int_equal(f->devs.n, 2);
	assert_non_null(test_call(f, "lock.__enter__"));
	/* for, while and the four comprehensions. */
	assert_int_equal(f->loops.n, 6);
	uint32_t l0 = f->loops.v[0].flags, l1 = f->loops.v[1].flags;
	assert_true(f->loops.v[0].trip == 10);
	assert_true(l0 & SF_LOOP_ARITH);
	assert_true(l0 & SF_LOOP_TEXT);
	assert_true(l0 & SF_LOOP_COMPARE);
	assert_true(l0 & SF_LOOP_BREAKS);
	assert_true(l1 & SF_LOOP_INDEX);
	assert_true(l1 & SF_LOOP_BREAKS);
	assert_true(f->loops.v[2].trip == 5);
	assert_int_equal(f->awaits.n, 1);
	assert_true(test_call(f, "aw")->flags & SF_CALL_AWAITED);
	/* In g's arguments' tail: the call and the comment. */
	assert_non_null(test_call(f, "h"));
	assert_int_equal(test_call(f, "g")->nargs, 2);
	assert_int_equal(f->suppressions.n, 1);
	assert_non_null(test_binding(f, "k"));
	facts_destroy(f);
}

/* An attribute written plainly is its own path, read from its text
 * (plain_attribute_path); one with a space, a call or a bracket in it, or
 * headed by a word or a number that heads no path, is not, and is read
 * from its fields as before. */
static void
paths__plain_attributes__read_from_text_as_from_fields(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("pp.py", "self.session.get(url)\n"
				    "a . b.c(x)\n"
				    "obj.m(arg.attr, k=mod.sub.v)\n"
				    "None.__class__()\n"
				    "x[0].y.z()\n"
				    "f().g.h()\n"
				    "_a1.B_2.c3()\n"
				    "s.x1.y()\n");
	static const char *const callees[] = {
		"self.session.get", "a.b.c", "obj.m",      NULL,     NULL,
		"f().g.h",          "f",     "_a1.B_2.c3", "s.x1.y",
	};
	assert_int_equal(f->calls.n, sizeof callees / sizeof *callees);
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const char *c = f->calls.v[i].callee;
		if (callees[i] == NULL)
			assert_null(c);
		else
			assert_string_equal(c, callees[i]);
	}
	const struct sf_call *m = &f->calls.v[2];
	assert_int_equal(m->nargs, 2);
	assert_string_equal(f->args.v[m->arg0].text, "arg.attr");
	assert_string_equal(f->args.v[m->arg0 + 1].text, "mod.sub.v");
	assert_string_equal(f->calls.v[0].method, "get");
	assert_string_equal(f->calls.v[1].method, "c");
	facts_destroy(f);
}

/* A call's arguments are recorded as the walk enters them, in the slots
 * set aside when it reaches the argument list (reserve_args, record_arg):
 * each call gets its own, comments aside, in order, whatever calls its
 * function or its arguments hold; a keyword's name and value, the call
 * an argument is and the function literal it is are found as before. */
static void
args__recorded_as_the_walk_enters_them__each_call_its_own(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("ra.py", "def fact(n):\n"
				    "    return fact(n - 1, key=g(x))\n"
				    "f(a)(b, c)\n"
				    "h(k(1), x,  # a comment\n"
				    "  y=lambda: 0)\n"
				    "class K(Base, metaclass=M):\n"
				    "    pass\n"
				    "p.q(r)[s](t=u.v)\n");
	/* 2 + 1 + 2 + 1 + 3 + 1 + 1 + 1: no slot for the comment, none
	 * for the class's bases. */
	assert_int_equal(f->args.n, 12);
	const struct sf_call *fact = test_call(f, "fact");
	assert_int_equal(fact->nargs, 2);
	assert_true(fact->flags & SF_CALL_SHRINKS);
	const struct sf_arg *key = &f->args.v[fact->arg0 + 1];
	assert_string_equal(key->keyword, "key");
	assert_int_equal(key->kind, SF_ARG_CALL);
	assert_true(key->call >= 0);
	assert_string_equal(f->calls.v[key->call].callee, "g");
	const struct sf_call *g = test_call(f, "g");
	assert_int_equal(g->nargs, 1);
	assert_string_equal(f->args.v[g->arg0].text, "x");
	const struct sf_call *outer = test_call(f, "f()");
	assert_int_equal(outer->nargs, 2);
	assert_string_equal(f->args.v[outer->arg0].text, "b");
	assert_string_equal(f->args.v[outer->arg0 + 1].text, "c");
	assert_false(outer->flags & SF_CALL_SHRINKS);
	const struct sf_call *inner = test_call(f, "f");
	assert_int_equal(inner->nargs, 1);
	assert_string_equal(f->args.v[inner->arg0].text, "a");
	const struct sf_call *h = test_call(f, "h");
	assert_int_equal(h->nargs, 3);
	assert_int_equal(f->args.v[h->arg0].kind, SF_ARG_CALL);
	assert_int_equal(test_call(f, "k")->nargs, 1);
	/* After the call's: x is h's. */
	assert_string_equal(f->args.v[h->arg0 + 1].text, "x");
	const struct sf_arg *y = &f->args.v[h->arg0 + 2];
	assert_string_equal(y->keyword, "y");
	assert_int_equal(y->kind, SF_ARG_FUNCTION);
	const struct sf_function *lam = test_function(f, "<lambda>");
	assert_true(lam->flags & SF_FN_CALLBACK);
	assert_int_equal(lam->cb_arg, 2);
	assert_int_equal(f->args.v[h->arg0 + 2].function,
			 (int32_t)(lam - f->functions.v));
	/* `p.q(r)[s](t=u.v)`: a callee that is no path. */
	const struct sf_call *t = NULL;
	for (uint32_t i = 0; i < f->calls.n; i++)
		if (f->calls.v[i].callee == NULL)
			t = &f->calls.v[i];
	assert_non_null(t);
	assert_int_equal(t->nargs, 1);
	assert_string_equal(f->args.v[t->arg0].keyword, "t");
	assert_string_equal(f->args.v[t->arg0].text, "u.v");
	assert_string_equal(f->args.v[test_call(f, "p.q")->arg0].text, "r");
	facts_destroy(f);
}

/* A string's value and whether it holds a substitution are read from its
 * text (string_body) when it can hold neither a substitution nor an
 * escape, as from its children: quotes of either kind, one or three, a
 * prefix, an empty string; an f-string's doubled braces are no
 * substitution. */
static void
strings__read_from_text__as_from_children(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"st.py",
		"f('a', \"b c\", '''d''', \"\"\"e\"\"\", \"\", '''''', "
		"b'g', rb\"h\\\\i\", \"\\\\\", f\"j{x}\", f\"{x}k\", "
		"F'{{l}}')\n"
		"for i in r:\n"
		"    s = f'{{i}}'\n"
		"for i in r:\n"
		"    s = f'''{i}'''\n"
		"for i in r:\n"
		"    s = f'\\N{DASH}'\n");
	const struct sf_call *c = test_call(f, "f");
	static const char *const want[] = {
		"a", "b c",    "d",    "e", "",   "",
		"g", "h\\\\i", "\\\\", "j", NULL, "{{l}}",
	};
	assert_int_equal(c->nargs, sizeof want / sizeof *want);
	for (uint32_t i = 0; i < c->nargs; i++) {
		const struct sf_arg *a = &f->args.v[c->arg0 + i];
		if (want[i] == NULL) {
			assert_null(a->text);
			assert_int_equal(a->kind, SF_ARG_OTHER);
		} else {
			assert_string_equal(a->text, want[i]);
			assert_int_equal(a->kind, SF_ARG_STRING);
		}
	}
	assert_int_equal(f->loops.n, 3);
	assert_false(f->loops.v[0].flags & SF_LOOP_TEXT);
	assert_true(f->loops.v[1].flags & SF_LOOP_TEXT);
	assert_false(f->loops.v[2].flags & SF_LOOP_TEXT);
	facts_destroy(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			lookup__one_name_bound_many_times__work_grows_linearly),
		cmocka_unit_test(
			functions__async_def__on_loop_nested_def_and_lambda_not),
		cmocka_unit_test(context__loop_callbacks__on_loop),
		cmocka_unit_test(loops__range_bounds__trip_known),
		cmocka_unit_test(loops__async_for_and_await__flagged),
		cmocka_unit_test(with__lock_and_open__recorded),
		cmocka_unit_test(decorators__resolved_and_attached),
		cmocka_unit_test(args__keywords_and_kinds__recorded),
		cmocka_unit_test(suppressions__python_comments),
		cmocka_unit_test(names__self_attribute_from_init__resolved),
		cmocka_unit_test(
			names__paths_through_division_and_members__one_type),
		cmocka_unit_test(names__builtin_call_chains__resolved),
		cmocka_unit_test(
			context__partial_callbacks_and_key_lambdas__on_loop),
		cmocka_unit_test(
			dev_code_and_annotations__told_from_text__as_from_children),
		cmocka_unit_test(
			walk__long_lists_and_strings__every_child_read),
		cmocka_unit_test(
			walk__every_entered_kind_below_the_top__entered),
		cmocka_unit_test(
			paths__plain_attributes__read_from_text_as_from_fields),
		cmocka_unit_test(
			args__recorded_as_the_walk_enters_them__each_call_its_own),
		cmocka_unit_test(strings__read_from_text__as_from_children),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
