/* Unit tests of the JavaScript extractor and its event-loop context. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "walk.h"

static void
functions__async_arrow_callback__on_loop(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"app.js",
		"app.get('/u', async (req, res) => { res.send(1); });\n");
	assert_int_equal(f->functions.n, 1);
	const struct sf_function *fn = &f->functions.v[0];
	assert_true(fn->flags & SF_FN_ASYNC);
	assert_true(fn->flags & SF_FN_CALLBACK);
	assert_true(fn->flags & SF_FN_ON_LOOP);
	assert_int_equal(fn->cb_arg, 1);
	assert_string_equal(f->calls.v[fn->cb_call].callee, "app.get");
	facts_destroy(f);
}

static void
functions__class_method__qualified_name(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("c.js", "class Users { async list() { return 1; } "
				   "get n() { return 2; } }\n");
	const struct sf_function *m = test_function(f, "Users.list");
	assert_non_null(m);
	assert_true(m->flags & SF_FN_METHOD);
	assert_true(m->flags & SF_FN_ASYNC);
	assert_non_null(test_function(f, "Users.n"));
	facts_destroy(f);
}

static void
functions__contextual_names__from_declarator_pair_and_export(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("n.js", "const a = () => 1;\n"
				   "exports.b = function () {};\n"
				   "const o = { c: async () => 2 };\n");
	assert_non_null(test_function(f, "a"));
	assert_non_null(test_function(f, "exports.b"));
	assert_non_null(test_function(f, "o.c"));
	facts_destroy(f);
}

static void
context__sync_array_callback__inherits_from_enclosing(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"h.js",
		"function boot() { [1].map((x) => x); }\n"
		"app.get('/', (req, res) => { [1].forEach((y) => y); });\n");
	/* Index order: boot, its map callback, the handler, its forEach
	 * callback. */
	assert_int_equal(f->functions.n, 4);
	assert_false(f->functions.v[0].flags & SF_FN_ON_LOOP);
	assert_false(f->functions.v[1].flags & SF_FN_ON_LOOP);
	assert_true(f->functions.v[2].flags & SF_FN_ON_LOOP);
	assert_true(f->functions.v[3].flags & SF_FN_ON_LOOP);
	facts_destroy(f);
}

static void
context__named_handler_reference__on_loop(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"r.js", "function handle(req, res) {}\n"
			"function helper() {}\n"
			"server.on('request', handle);\n"
			"class C { start() { this.s.on('data', this.onData); } "
			"onData(d) {} }\n");
	assert_true(test_function(f, "handle")->flags & SF_FN_ON_LOOP);
	assert_true(test_function(f, "handle")->flags & SF_FN_CALLBACK_REF);
	assert_false(test_function(f, "helper")->flags & SF_FN_ON_LOOP);
	assert_true(test_function(f, "C.onData")->flags & SF_FN_ON_LOOP);
	assert_false(test_function(f, "C.start")->flags & SF_FN_ON_LOOP);
	facts_destroy(f);
}

static void
context__exit_handler__exempt(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("e.js", "process.on('exit', () => {});\n"
				   "process.on('SIGINT', () => {});\n");
	assert_true(f->functions.v[0].flags & SF_FN_EXEMPT);
	assert_false(f->functions.v[0].flags & SF_FN_ON_LOOP);
	assert_true(f->functions.v[1].flags & SF_FN_ON_LOOP);
	facts_destroy(f);
}

static void
context__exempt_files__nothing_on_loop(void **state)
{
	(void)state;
	const char *handler = "app.get('/', async () => {});\n";
	const char *paths[] = {"test/a.js",         "src/__tests__/b.js",
			       "x.test.js",         "y.spec.mjs",
			       "webpack.config.js", "gulpfile.js"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		struct sf_facts *f = test_facts(paths[i], handler);
		assert_false(f->functions.v[0].flags & SF_FN_ON_LOOP);
		facts_destroy(f);
	}
	struct sf_facts *cli = test_facts(
		"tool.js",
		"#!/usr/bin/env node\napp.get('/', async () => {});\n");
	assert_true(cli->flags & SF_FILE_CLI);
	assert_false(cli->functions.v[0].flags & SF_FN_ON_LOOP);
	facts_destroy(cli);
	struct sf_facts *w = test_facts(
		"w.js",
		"const { parentPort } = require('node:worker_threads');\n"
		"parentPort.on('message', (m) => {});\n");
	assert_true(w->flags & SF_FILE_WORKER);
	assert_false(w->functions.v[0].flags & SF_FN_ON_LOOP);
	facts_destroy(w);
}

static void
loops__literal_bound__trip_known(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"l.js", "const N = 2e6;\n"
			"for (let i = 0; i < 1e6; i++) { a[i] = i * 2; }\n"
			"for (let j = 0; j < N; j++) {}\n"
			"for (let k = 0; k < arr.length; k++) {}\n"
			"for (;;) { break; }\n"
			"while (true) {}\n");
	assert_int_equal(f->loops.n, 5);
	assert_true(f->loops.v[0].trip == 1e6);
	assert_true(f->loops.v[0].flags & SF_LOOP_ARITH);
	assert_true(f->loops.v[0].flags & SF_LOOP_INDEX);
	assert_true(f->loops.v[1].trip == 2e6);
	assert_true(f->loops.v[2].flags & SF_LOOP_COLLECTION);
	assert_true(f->loops.v[3].flags & SF_LOOP_INFINITE);
	assert_true(f->loops.v[3].flags & SF_LOOP_BREAKS);
	assert_true(f->loops.v[4].flags & SF_LOOP_INFINITE);
	facts_destroy(f);
}

static void
loops__nesting_await_and_header_calls__recorded(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("n.js", "async function f() {\n"
				   "  for (const a of xs) { for (const b of "
				   "ys) { await g(b); } }\n"
				   "  for await (const c of stream) {}\n"
				   "  while (Date.now() < end) {}\n"
				   "}\n");
	assert_int_equal(f->loops.n, 4);
	assert_int_equal(f->loops.v[1].parent, 0);
	assert_int_equal(f->loops.v[1].depth, 1);
	assert_true(f->loops.v[1].flags & SF_LOOP_AWAIT);
	/* An await in the inner loop is an await of the outer one too. */
	assert_true(f->loops.v[0].flags & SF_LOOP_AWAIT);
	assert_true(f->loops.v[2].flags & SF_LOOP_ASYNC_ITER);
	const struct sf_call *now = test_call(f, "Date.now");
	assert_true(now->flags & SF_CALL_IN_LOOP_HEADER);
	assert_int_equal(f->loops.v[3].ops, 0);
	facts_destroy(f);
}

static void
regex__literal_and_constructor__recorded(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("re.js", "const a = /(a+)+$/gi;\nconst b = new "
				    "RegExp(\"\\\\d+\", 'g');\n");
	assert_int_equal(f->regexes.n, 2);
	assert_string_equal(f->regexes.v[0].pattern, "(a+)+$");
	assert_string_equal(f->regexes.v[0].flags, "gi");
	assert_string_equal(f->regexes.v[1].pattern, "\\d+");
	assert_string_equal(f->regexes.v[1].flags, "g");
	facts_destroy(f);
}

static void
awaits__assigned_variable__recorded(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("a.js", "async function f() { const x = await g(); "
				   "y = await h(); await k(); }\n");
	assert_int_equal(f->awaits.n, 3);
	assert_string_equal(f->awaits.v[0].assigned, "x");
	assert_string_equal(f->awaits.v[1].assigned, "y");
	assert_null(f->awaits.v[2].assigned);
	assert_true(test_call(f, "g")->flags & SF_CALL_AWAITED);
	facts_destroy(f);
}

static void
suppressions__trailing_standalone_and_file(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("s.js", "a(); // stackfit: ignore[js101, JS102]\n"
				   "// stackfit: ignore\n"
				   "b();\n"
				   "// stackfit: ignored words do not count\n");
	assert_int_equal(f->suppressions.n, 2);
	assert_int_equal(f->suppressions.v[0].row, 0);
	assert_string_equal(f->suppressions.v[0].ids, "JS101,JS102");
	assert_int_equal(f->suppressions.v[1].row, 2);
	assert_null(f->suppressions.v[1].ids);
	assert_false(f->flags & SF_FILE_IGNORED);
	facts_destroy(f);

	f = test_facts("i.js",
		       "/* stackfit: ignore-file */\nfs.readFileSync(p);\n");
	assert_true(f->flags & SF_FILE_IGNORED);
	assert_int_equal(f->suppressions.n, 1);
	assert_int_equal(f->suppressions.v[0].kind, SF_SUPPRESS_FILE);
	facts_destroy(f);
	f = test_facts("j.js", "x();\n// stackfit: ignore-file\n");
	assert_false(f->flags & SF_FILE_IGNORED);
	/* Kept, to be reported as having no effect. */
	assert_int_equal(f->suppressions.n, 1);
	assert_int_equal(f->suppressions.v[0].kind, SF_SUPPRESS_FILE_LATE);
	facts_destroy(f);
	/* The directive's place, in code points ("é" is two bytes), in a
	 * block comment over two lines. */
	f = test_facts("k.js", "s = 'é'; /* x\n  stackfit: ignore[JS101] */\n");
	assert_int_equal(f->suppressions.n, 1);
	assert_int_equal(f->suppressions.v[0].row, 0);
	assert_int_equal(f->suppressions.v[0].at_row, 1);
	assert_int_equal(f->suppressions.v[0].at_col, 3);
	assert_int_equal(f->suppressions.v[0].end_row, 1);
	assert_int_equal(f->suppressions.v[0].end_col, 26);
	facts_destroy(f);
	f = test_facts("l.js", "s = 'é'; // stackfit: ignore\n");
	assert_int_equal(f->suppressions.v[0].at_col, 13);
	assert_int_equal(f->suppressions.v[0].end_col, 29);
	facts_destroy(f);
}

static void
robustness__deep_nesting_and_garbage__no_crash(void **state)
{
	(void)state;
	/* 10,000 nested arrow functions and arrays: the walk must not
	 * recurse on depth. */
	struct strbuf b;
	strbuf_init(&b);
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&b, "f(() => [");
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&b, "])");
	strbuf_puts(&b, ";\n");
	struct sf_facts *f = test_facts("deep.js", strbuf_str(&b));
	assert_true(f->functions.n >= 1);
	facts_destroy(f);
	strbuf_finish(&b);

	f = test_facts("bad.js", "}{ fs.readFileSync( \xff\xfe async => => \n");
	assert_true(f->flags & SF_FILE_HAS_ERRORS);
	facts_destroy(f);
}

static void
functions__parameter_called_directly__sync_params(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"p.js",
		"const F = (o, k, make) => { if (o[k] === undefined) o[k] = "
		"make(); };\n"
		"function guard(cb) { if (typeof cb === 'function') "
		"cb.call(null); "
		"}\n"
		"function later(cb) { setTimeout(cb, 1); }\n"
		"function both(cb) { cb(); queueMicrotask(() => cb()); }\n"
		"function store(cb) { cb(); this.cb = cb; }\n");
	assert_int_equal(test_function(f, "F")->sync_params, 1u << 2);
	assert_int_equal(test_function(f, "guard")->sync_params, 1u << 0);
	assert_int_equal(test_function(f, "later")->sync_params, 0);
	assert_int_equal(test_function(f, "both")->sync_params, 0);
	assert_int_equal(test_function(f, "store")->sync_params, 0);
	facts_destroy(f);
}

static void
context__callback_of_local_sync_invoker__inherits(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"q.js", "const F = (o, k, make) => { o[k] = make(); };\n"
			"function later(cb) { setTimeout(cb, 1); }\n"
			"F(opts, 'a', () => 1);\n"
			"later(() => 2);\n"
			"app.get('/', (req, res) => { F(req, 'b', () => 3); "
			"});\n");
	/* Index order: F, later, F's callback, later's callback, the handler,
	 * the callback inside it. */
	assert_int_equal(f->functions.n, 6);
	assert_false(f->functions.v[2].flags & SF_FN_ON_LOOP);
	assert_true(f->functions.v[2].flags & SF_FN_STARTUP);
	assert_true(f->functions.v[3].flags & SF_FN_ON_LOOP);
	assert_true(f->functions.v[5].flags & SF_FN_ON_LOOP);
	assert_false(f->functions.v[5].flags & SF_FN_STARTUP);
	facts_destroy(f);
}

static void
context__async_called_only_from_top_level__startup(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("m.js", "async function load() {}\n"
				   "async function main() { await load(); }\n"
				   "main().catch(() => {});\n"
				   "async function handler() {}\n"
				   "module.exports = handler;\n"
				   "async function unused() {}\n"
				   "(async () => {})();\n"
				   "async function both() {}\n"
				   "both(); emitter.on('x', both);\n");
	assert_true(test_function(f, "load")->flags & SF_FN_STARTUP);
	assert_false(test_function(f, "load")->flags & SF_FN_ON_LOOP);
	assert_true(test_function(f, "main")->flags & SF_FN_STARTUP);
	assert_int_equal(test_function(f, "main")->refs, 1);
	assert_true(test_function(f, "handler")->flags & SF_FN_ON_LOOP);
	assert_true(test_function(f, "unused")->flags & SF_FN_ON_LOOP);
	assert_true(test_function(f, "both")->flags & SF_FN_ON_LOOP);
	/* The async IIFE: the 6th function. */
	assert_true(f->functions.v[5].flags & SF_FN_IIFE);
	assert_false(f->functions.v[5].flags & SF_FN_ON_LOOP);
	facts_destroy(f);

	f = test_facts("e.mjs", "export async function GET() {}\nGET();\n");
	assert_int_equal(test_function(f, "GET")->refs, 2);
	assert_true(test_function(f, "GET")->flags & SF_FN_ON_LOOP);
	facts_destroy(f);
}

static void
context__object_literal_argument__callback_unless_object_built(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"o.js", "fastify.route({ url: '/', handler(req, reply) {} });\n"
			"server.route({ handler: (r, h) => 1 });\n"
			"Object.defineProperty(o, 'x', { get() { return 1; } "
			"});\n"
			"Object.assign(proto, { m() {} });\n");
	assert_int_equal(f->functions.n, 4);
	assert_true(f->functions.v[0].flags & SF_FN_CALLBACK);
	assert_int_equal(f->functions.v[0].cb_arg, 0);
	assert_true(f->functions.v[0].flags & SF_FN_ON_LOOP);
	assert_true(f->functions.v[1].flags & SF_FN_ON_LOOP);
	assert_false(f->functions.v[2].flags & SF_FN_ON_LOOP);
	assert_false(f->functions.v[3].flags & SF_FN_ON_LOOP);
	facts_destroy(f);
}

static void
loops__step_start_and_variable__recorded(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"s.js", "for (let i = 0; i < 1e6; i += 1000) {}\n"
			"for (let i = 1; i < 1024; i *= 2) {}\n"
			"for (let i = a.length - 1; i >= 0; i--) {}\n"
			"for (let i = 0; i < 10; i += step) {}\n"
			"for (const [k, v] of Object.entries(o)) {}\n");
	assert_true(f->loops.v[0].trip == 1000);
	assert_true(f->loops.v[1].trip == 10);
	assert_true(f->loops.v[2].trip < 0);
	assert_true(f->loops.v[2].flags & SF_LOOP_COLLECTION);
	assert_true(f->loops.v[3].trip < 0);
	assert_string_equal(f->loops.v[0].var, "i");
	assert_string_equal(f->loops.v[0].over, "1e6");
	assert_null(f->loops.v[4].var); /* a pattern */
	assert_string_equal(f->loops.v[4].over, "Object.entries(o)");
	facts_destroy(f);
}

static void
loops__nested_data_and_pairs__flagged(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"d.js",
		"for (const o of orders) { for (const l of o.lines) { "
		"t += l.qty; } }\n"
		"for (const k of keys) { const list = m.get(k); for "
		"(const x of list) {} }\n"
		"for (const a of xs) { for (const b of xs) { if (a.id "
		"=== b.id) n++; } }\n"
		"for (let i = 0; i < n; i++) { const r = g[i]; for (let "
		"j = 0; j < n; j++) { s += r[j]; } }\n"
		"for (const a of xs) { for (const b of ys) { "
		"out.push(b.name); } }\n");
	assert_true(f->loops.v[1].flags & SF_LOOP_NESTED_DATA);
	assert_true(f->loops.v[3].flags & SF_LOOP_NESTED_DATA);
	assert_false(f->loops.v[5].flags & SF_LOOP_NESTED_DATA);
	assert_true(f->loops.v[5].flags & SF_LOOP_PAIRS);
	assert_true(f->loops.v[7].flags & SF_LOOP_PAIRS);
	assert_false(f->loops.v[9].flags & SF_LOOP_PAIRS);
	facts_destroy(f);
}

static void
awaits__loop_variable_and_reassignment__flagged(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"w.js",
		"async function f(ids) {\n"
		"  for (const id of ids) { await get(id); }\n"
		"  for (const { id } of rows) { await get({ id }); }\n"
		"  for (const id of ids) { await ping(); }\n"
		"  let c; for (const s of shards) { c = await scan(s, c); "
		"}\n"
		"}\n");
	assert_int_equal(f->awaits.n, 4);
	assert_true(f->awaits.v[0].flags & SF_AWAIT_USES_LOOP_VAR);
	assert_true(f->awaits.v[1].flags & SF_AWAIT_USES_LOOP_VAR);
	assert_false(f->awaits.v[2].flags & SF_AWAIT_USES_LOOP_VAR);
	assert_true(f->awaits.v[3].flags & SF_AWAIT_REASSIGNS);
	facts_destroy(f);
}

static void
calls__operand_and_new_member__recorded(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("c.js", "a().b; c()(); d()[0]; x = e();\n"
				   "const t = new Date().getTime();\n");
	assert_true(test_call(f, "a")->flags & SF_CALL_OPERAND);
	assert_true(test_call(f, "c")->flags & SF_CALL_OPERAND);
	assert_true(test_call(f, "d")->flags & SF_CALL_OPERAND);
	assert_false(test_call(f, "e")->flags & SF_CALL_OPERAND);
	const struct sf_call *t = test_call(f, "Date().getTime");
	assert_non_null(t);
	assert_string_equal(t->name, "Date().getTime");
	facts_destroy(f);
}

/* A call's arguments fill the slots set aside when the call is entered:
 * comments among them take no position, and a call among them (entered
 * before the outer call's later arguments) keeps its own slots. */
static void
calls__arguments_around_comments_and_nested_calls__in_order(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"a.js", "f(a, /* note */ g(b, /* x */ c.d), 'e', // end\n 7);\n"
			"h(/* only a comment */);\n");
	const struct sf_call *outer = test_call(f, "f");
	assert_non_null(outer);
	assert_int_equal(outer->nargs, 4);
	const struct sf_arg *a = facts_call_arg(f, outer, 0, NULL);
	assert_int_equal(a->kind, SF_ARG_NAME);
	assert_string_equal(a->text, "a");
	const struct sf_arg *inner = facts_call_arg(f, outer, 1, NULL);
	assert_int_equal(inner->kind, SF_ARG_CALL);
	assert_string_equal(f->calls.v[inner->call].callee, "g");
	const struct sf_arg *e = facts_call_arg(f, outer, 2, NULL);
	assert_int_equal(e->kind, SF_ARG_STRING);
	assert_string_equal(e->text, "e");
	assert_int_equal(facts_call_arg(f, outer, 3, NULL)->kind,
			 SF_ARG_NUMBER);
	assert_null(facts_call_arg(f, outer, 4, NULL));
	const struct sf_call *g = test_call(f, "g");
	assert_int_equal(g->nargs, 2);
	assert_string_equal(facts_call_arg(f, g, 0, NULL)->text, "b");
	assert_string_equal(facts_call_arg(f, g, 1, NULL)->text, "c.d");
	assert_int_equal(test_call(f, "h")->nargs, 0);
	facts_destroy(f);
}

/* A name bound thousands of times in one scope (generated code, or an
 * attack): each reference costs a hash probe and a binary search, not a
 * walk over every binding of the name. */
static void
lookup__one_name_bound_many_times__work_grows_linearly(void **state)
{
	(void)state;
	test_assert_lookup_linear("a.js", "a=a;\n");
	test_assert_lookup_linear("a.js", "var a = a;\n");
	test_assert_lookup_linear("a.js", "{ let a = a; a(); }\n");
	test_assert_lookup_linear("a.js", "const {a} = a;\n");
	test_assert_lookup_linear("a.js", "function a() { a(); }\n");
}

/* A worker's facts for its next file are its last ones, emptied: nothing
 * of the last file is left in them, and their arrays keep their storage
 * (no growing from nothing for every file); a large file's are not kept. */
static void
scratch__destroyed_then_created__emptied_storage_kept(void **state)
{
	(void)state;
	struct sf_facts *a = facts_create_scratch(SF_LANG_JAVASCRIPT, "a.js");
	a->flags = SF_FILE_ESM;
	a->lines = 3;
	VEC_PUSH(a->calls)->callee = "fs.readFileSync";
	VEC_PUSH(a->functions)->name = "handler";
	const void *calls = a->calls.v;
	facts_destroy(a);
	struct sf_facts *b = facts_create_scratch(SF_LANG_PYTHON, "b.py");
	assert_ptr_equal(b->calls.v, calls);
	assert_true(b->calls.cap >= 1);
	assert_int_equal(b->calls.n, 0);
	assert_int_equal(b->functions.n, 0);
	assert_int_equal(b->flags, 0);
	assert_int_equal(b->lines, 0);
	assert_int_equal(b->lang, SF_LANG_PYTHON);
	assert_string_equal(b->path, "b.py");
	assert_null(b->names);
	/* Room for 100,000 calls: more than is kept for the next file. */
	b->calls.v =
		vec_grow(b->calls.v, &b->calls.cap, 100000, sizeof *b->calls.v);
	facts_destroy(b);
	struct sf_facts *c = facts_create_scratch(SF_LANG_JAVASCRIPT, "c.js");
	assert_int_equal(c->calls.cap, 0);
	facts_destroy(c);
}

/* The findings of a file do not depend on what its worker analysed
 * before it (the facts it fills are the last file's, emptied). */
static void
scratch__file_after_others__same_findings(void **state)
{
	(void)state;
	const char *app = "const fs = require('fs');\n"
			  "app.get('/a', (req, res) => {\n"
			  "  res.send(fs.readFileSync('x'));\n"
			  "});\n";
	struct sf_diag_list first, again, other;
	diag_list_init(&first);
	diag_list_init(&again);
	diag_list_init(&other);
	test_check("app.js", app, &first);
	test_check("tool.py",
		   "import time\nasync def run():\n    time.sleep(1)\n",
		   &other);
	test_check("app.js", app, &again);
	assert_int_equal(first.items.n, 1);
	assert_int_equal(other.items.n, 1);
	assert_int_equal(diag_list_hash(&first), diag_list_hash(&again));
	diag_list_finish(&first);
	diag_list_finish(&again);
	diag_list_finish(&other);
}

/* The walk neither calls enter for nodes of kinds it does nothing with
 * (WALK_SYM_QUIET) nor descends into tokens (WALK_SYM_LEAF): a call's
 * arguments of such kinds are still recorded, a class's members after its
 * decorators still take them, and the names below such nodes still
 * counted. */
static void
walk__quiet_and_leaf_kinds__arguments_members_and_names_seen(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"q.js",
		"function h() {}\n"
		"f({ a: h }, [h], o.h, (h), !h, c ? h : 0, `${h}`, this,\n"
		"  ...h, x.y(), o.p);\n");
	const struct sf_call *c = NULL;
	for (uint32_t i = 0; i < f->calls.n; i++)
		if (strcmp(f->calls.v[i].callee, "f") == 0)
			c = &f->calls.v[i];
	assert_non_null(c);
	assert_int_equal(c->nargs, 11);
	const enum sf_arg_kind kinds[] = {
		SF_ARG_OTHER, SF_ARG_OTHER, SF_ARG_NAME,  SF_ARG_OTHER,
		SF_ARG_OTHER, SF_ARG_OTHER, SF_ARG_OTHER, SF_ARG_OTHER,
		SF_ARG_OTHER, SF_ARG_CALL,  SF_ARG_NAME,
	};
	for (uint32_t i = 0; i < 11; i++)
		assert_int_equal(f->args.v[c->arg0 + i].kind, kinds[i]);
	assert_string_equal(f->args.v[c->arg0 + 2].text, "o.h");
	assert_string_equal(f->args.v[c->arg0 + 10].text, "o.p");
	/* h: the definition's name, then 7 uses (`o.h` is a property). */
	assert_int_equal(test_function(f, "h")->refs, 7);
	facts_destroy(f);
	f = test_facts("d.ts", "class C {\n"
			       "  @Get() @Auth() list() { return 1; }\n"
			       "  @Input() name = 1;\n"
			       "  other() { return 2; }\n"
			       "}\n");
	assert_int_equal(f->decorators.n, 3);
	const struct sf_function *list = test_function(f, "C.list");
	assert_non_null(list);
	assert_true(list->flags & SF_FN_DECORATED);
	assert_false(test_function(f, "C.other")->flags & SF_FN_DECORATED);
	facts_destroy(f);
}

/* A call's function, a declarator's name, an assignment's left side, an
 * arrow function's parameters and a method's name are taken from the
 * node's first child when the grammar puts them there (walk_first_child),
 * and looked up when something else comes first: `async`, a method's
 * modifiers, TypeScript's type parameters, a token the grammar does not
 * know (`using`), errors. */
static void
walk__first_child_fields__taken_or_looked_up(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("w.ts", "const a = f(1);\n"
				   "using b = g();\n"
				   "x.y = async z => z();\n"
				   "const h = async (p, q) => q();\n"
				   "const t = <T>(u: T, v: () => T) => v();\n"
				   "class K {\n"
				   "  static async m(r) { r(); }\n"
				   "  get n() { return 1; }\n"
				   "  *gen(s) { s(); }\n"
				   "  #priv(c) { c(); }\n"
				   "  private m3(d) { d(); }\n"
				   "}\n"
				   "const e = k(1 +);\n");
	assert_string_equal(test_binding(f, "a")->target, "f()");
	assert_non_null(test_call(f, "g"));
	assert_string_equal(test_binding(f, "b")->target, "g()");
	const struct sf_function *fn = test_function(f, "x.y");
	assert_non_null(fn);
	assert_true(fn->flags & SF_FN_ASYNC);
	assert_int_equal(fn->sync_params, 1);
	assert_int_equal(test_function(f, "h")->sync_params, 2);
	assert_int_equal(test_function(f, "t")->sync_params, 2);
	fn = test_function(f, "K.m");
	assert_non_null(fn);
	assert_true(fn->flags & SF_FN_ASYNC);
	assert_int_equal(fn->sync_params, 1);
	assert_non_null(test_function(f, "K.n"));
	assert_int_equal(test_function(f, "K.gen")->sync_params, 1);
	assert_int_equal(test_function(f, "K.#priv")->sync_params, 1);
	assert_int_equal(test_function(f, "K.m3")->sync_params, 1);
	assert_non_null(test_call(f, "k"));
	facts_destroy(f);
	/* JavaScript's grammar puts a method's decorators in it. */
	f = test_facts("w.js", "class D { @dec m(y) { y(); } }\n");
	assert_int_equal(test_function(f, "D.m")->sync_params, 1);
	facts_destroy(f);
}

/* A parameter's `.call`, `.apply` and `.bind` read from the text when the
 * property follows the dot, looked up when it does not (`c . apply`,
 * `d?.call`); a longer name (`callback`, `apply\u0024` with its escape)
 * is another property. */
static void
functions__parameter_call_apply_bind__read_or_looked_up(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"m.js", "function f(a, b, c, d, e, g) {\n"
			"  a.call(null); b.callback(); c . apply(null);\n"
			"  d?.call(); e.bind(x); g.apply\\u0024();\n"
			"}\n");
	/* a, c and d called; b and g only read; e passed on. */
	assert_int_equal(test_function(f, "f")->sync_params, 1 | 4 | 8);
	facts_destroy(f);
}

/* Branches taken only in development runs: an if's condition is looked at
 * when the walk enters it (a parenthesized expression below an if), and
 * the calls in it and in its consequence are development-only. */
static void
calls__dev_only_branches__flagged(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"dev.js",
		"if (process.env.NODE_ENV === 'development') { a(); }\n"
		"if ((isDev)) { b(); } else { c(); }\n"
		"if (x) { d((y)); }\n"
		"if (process.env.NODE_ENV !== 'production' && e()) { g(); }\n"
		"h();\n");
	assert_int_equal(f->devs.n, 3);
	const char *dev[] = {"a", "b", "e", "g"};
	const char *not_dev[] = {"c", "d", "h"};
	for (size_t i = 0; i < sizeof dev / sizeof *dev; i++)
		assert_true(test_call(f, dev[i])->flags & SF_CALL_DEV_ONLY);
	for (size_t i = 0; i < sizeof not_dev / sizeof *not_dev; i++)
		assert_false(test_call(f, not_dev[i])->flags &
			     SF_CALL_DEV_ONLY);
	facts_destroy(f);
}

/* What a walk entered: each node's symbol and bytes, in order. */
struct walk_trace {
	VEC(uint64_t) nodes;
};

static uint64_t
trace_key(TSNode n)
{
	return (uint64_t)ts_node_symbol(n) << 48 ^
	       (uint64_t)ts_node_start_byte(n) << 24 ^ ts_node_end_byte(n);
}

static bool
trace_enter(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	struct walk_trace *t = w->user;
	*VEC_PUSH(t->nodes) = trace_key(node);
	/* Peek now and then: the walk goes on from the peeked child. */
	if (ts_node_start_byte(node) % 3 == 0)
		(void)walk_first_child(w);
	return true;
}

/* The walk goes up from a node's last child without asking the cursor for
 * a next sibling (it counts the siblings when it goes down): it still
 * enters every node a cursor visits, in the same order — through hidden
 * nodes, comments, aliases and errors, with or without a peek. */
static void
walk__siblings_counted__every_node_entered(void **state)
{
	(void)state;
	static const struct {
		enum sf_lang lang;
		const char *src;
	} cases[] = {
		{SF_LANG_JAVASCRIPT,
		 "const a = f(x, /* c */ y), b;\n"
		 "x = y; // t\n"
		 "for (let i = 0; i < n; i++) { if (a) b(); else { c(); } }\n"
		 "class K { @d m() {} ; static s = 1 }\n"
		 "o?.p[q](...r, `t${u}v`); /re/g.test(w);\n"},
		{SF_LANG_TYPESCRIPT,
		 "let c: T = 1; import x = require('x');\n"
		 "function g<T>(a: T, b?: number): Promise<T> { return a!; }\n"
		 "enum E { A = 1 } type U = A | B;\n"},
		{SF_LANG_JAVASCRIPT, "f(1 +; { ] let = ;\n"},
		{SF_LANG_JAVASCRIPT, ""},
	};
	static const char *const names[] = {NULL, "identifier"};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const TSLanguage *lang = language_get(cases[i].lang)->grammar();
		TSParser *p = ts_parser_new();
		ts_parser_set_language(p, lang);
		const char *src = cases[i].src;
		TSTree *tree = ts_parser_parse_string(p, NULL, src,
						      (uint32_t)strlen(src));
		/* Every node, as a cursor visits them. */
		struct walk_trace want = {0}, got = {0};
		TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
		for (bool down = true;;) {
			if (down)
				*VEC_PUSH(want.nodes) = trace_key(
					ts_tree_cursor_current_node(&c));
			if (down && ts_tree_cursor_goto_first_child(&c))
				continue;
			if (ts_tree_cursor_goto_next_sibling(&c)) {
				down = true;
				continue;
			}
			down = false;
			if (!ts_tree_cursor_goto_parent(&c))
				break;
		}
		ts_tree_cursor_delete(&c);
		struct walk_kinds kinds;
		walk_kinds_build(&kinds, lang, names, 2);
		struct sf_facts *f = facts_create(cases[i].lang, "w");
		struct walk w = {
			.f = f,
			.src = src,
			.len = (uint32_t)strlen(src),
			.kinds = &kinds,
			.user = &got,
		};
		walk_run(&w, tree, trace_enter);
		assert_true(want.nodes.n >= 1);
		assert_int_equal(got.nodes.n, want.nodes.n);
		assert_memory_equal(got.nodes.v, want.nodes.v,
				    want.nodes.n * sizeof *want.nodes.v);
		facts_destroy(f);
		walk_kinds_finish(&kinds);
		VEC_FREE(want.nodes);
		VEC_FREE(got.nodes);
		ts_tree_delete(tree);
		ts_parser_delete(p);
	}
}

static bool
trace_named(struct walk *w, TSNode node, uint8_t kind)
{
	struct walk_trace *t = w->user;
	if (kind != 0)
		*VEC_PUSH(t->nodes) = trace_key(node);
	return true;
}

/* With tail_bytes, the walk does not visit the children at the end of a
 * node that are closing brackets and separators (`);`, `]`, `}`), nor
 * what follows a member expression's object (rest_quiet_under), but still
 * enters every node of a kind its enter is called for that a cursor
 * visits: names, and comments among those tokens or at the end of a
 * line before them, or after the object. */
static void
walk__tail_bytes__names_and_comments_still_entered(void **state)
{
	(void)state;
	static const char *const srcs[] = {
		"f(a, b /* c */);\n"
		"g(a, /* d */ );\n"
		"{ x; // e;\n }\n"
		"function h(p, q) { return [p, q, ]; }\n"
		"for (;;) { if (a) { b(c); } ; }\n"
		"o = { k: [v], w, };\n"
		"f(a /**/);\n"
		"g(b //\n);\n"
		"u = a.b.c + d?.e + f /* g */ .h + (i // j\n).k;\n"
		"l\n// m\n.n.o(p);\n",
		"f(a, ;\n{ g(b }\n",
	};
	static const char *const names[] = {NULL, "identifier", "comment",
					    "empty_statement",
					    "member_expression"};
	static const bool comment[256] = {['/'] = true};
	static const bool tail[256] = {
		[')'] = true, [']'] = true, ['}'] = true, [';'] = true,
		[','] = true, [' '] = true, ['\n'] = true};
	const TSLanguage *lang = language_get(SF_LANG_JAVASCRIPT)->grammar();
	for (size_t i = 0; i < sizeof srcs / sizeof *srcs; i++) {
		TSParser *p = ts_parser_new();
		ts_parser_set_language(p, lang);
		const char *src = srcs[i];
		TSTree *tree = ts_parser_parse_string(p, NULL, src,
						      (uint32_t)strlen(src));
		struct walk_kinds kinds;
		walk_kinds_build(&kinds, lang, names, 5);
		walk_kinds_flag(&kinds, 4, WALK_SYM_QUIET);
		/* Empty statements are tokens as far as the walk's enter
		 * goes. */
		walk_kinds_flag(&kinds, 3, WALK_SYM_QUIET | WALK_SYM_LEAF);
		struct walk_trace want = {0}, got = {0};
		TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
		for (bool down = true;;) {
			TSNode n = ts_tree_cursor_current_node(&c);
			uint8_t k =
				walk_kind(&(struct walk){.kinds = &kinds}, n);
			if (down && (k == 1 || k == 2))
				*VEC_PUSH(want.nodes) = trace_key(n);
			if (down && ts_tree_cursor_goto_first_child(&c))
				continue;
			if (ts_tree_cursor_goto_next_sibling(&c)) {
				down = true;
				continue;
			}
			down = false;
			if (!ts_tree_cursor_goto_parent(&c))
				break;
		}
		ts_tree_cursor_delete(&c);
		struct sf_facts *f = facts_create(SF_LANG_JAVASCRIPT, "t.js");
		struct walk w = {
			.f = f,
			.src = src,
			.len = (uint32_t)strlen(src),
			.kinds = &kinds,
			.user = &got,
			.skip_plain = true,
			.tail_bytes = tail,
			.rest_quiet_under = 4,
			.comment_bytes = comment,
		};
		walk_run(&w, tree, trace_named);
		assert_true(want.nodes.n >= 3);
		assert_int_equal(got.nodes.n, want.nodes.n);
		assert_memory_equal(got.nodes.v, want.nodes.v,
				    want.nodes.n * sizeof *want.nodes.v);
		facts_destroy(f);
		walk_kinds_finish(&kinds);
		VEC_FREE(want.nodes);
		VEC_FREE(got.nodes);
		ts_tree_delete(tree);
		ts_parser_delete(p);
	}
}

/* enter's switch and the kinds the walk calls it for are made of one list
 * (JS_ENTERED): kinds it handles are handled wherever they stand, below
 * nodes of kinds it does nothing with (a statement, a member, a pair). */
static void
walk__entered_kinds__handled_below_quiet_nodes(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"e.js", "#!/usr/bin/env node\n"
			"function* g(xs) {\n"
			"  for (const x of xs) { n++; m += xs[x] * 2; yield x; "
			"break; }\n"
			"  const o = { k: /a+/g.test(s) };\n"
			"  while (true) { if (o) return; }\n"
			"}\n");
	assert_true(f->flags & SF_FILE_CLI);
	assert_int_equal(f->regexes.n, 1);
	assert_int_equal(f->loops.n, 2);
	uint32_t want =
		SF_LOOP_ARITH | SF_LOOP_INDEX | SF_LOOP_YIELD | SF_LOOP_BREAKS;
	assert_int_equal(f->loops.v[0].flags & want, want);
	assert_true(f->loops.v[1].flags & SF_LOOP_BREAKS);
	assert_true(test_function(f, "g")->flags & SF_FN_GENERATOR);
	assert_non_null(test_binding(f, "g"));
	facts_destroy(f);
}

/* A declarator's value and an assignment's right side are taken as their
 * last child (ts_node_child), not looked up: none when a type annotation
 * is last or there are fewer than three children; looked up when a
 * comment is last, or with errors. */
static void
walk__last_child_fields__taken_or_looked_up(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts("l.ts", "let a;\n"
						"let b: Svc;\n"
						"let c!: Svc;\n"
						"const d = f();\n"
						"let e: Svc = g();\n"
						"h = /* x */ k();\n"
						"m = n() /* y */;\n"
						"let p = q(1 +);\n");
	assert_int_equal(test_binding(f, "a")->kind, SF_BIND_LOCAL);
	assert_null(test_binding(f, "a")->target);
	assert_string_equal(test_binding(f, "b")->target, "Svc()");
	assert_string_equal(test_binding(f, "c")->target, "Svc()");
	assert_string_equal(test_binding(f, "d")->target, "f()");
	assert_string_equal(test_binding(f, "e")->target, "g()");
	assert_string_equal(test_binding(f, "h")->target, "k()");
	assert_string_equal(test_binding(f, "m")->target, "n()");
	assert_string_equal(test_binding(f, "p")->target, "q()");
	facts_destroy(f);
}

/* A call's arguments are read when the walk reaches its arguments node
 * (on_arguments), not looked up from the call: every shape of call gets
 * its own, once — a call of a call, an optional call, a `new` with and
 * without them, TypeScript's type arguments, a RegExp's pattern, a
 * tagged template (no arguments node). */
static void
walk__arguments_reached__set_aside_once_per_call(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("a.js", "f(a)(b, c);\n"
				   "x?.(y);\n"
				   "new Foo;\n"
				   "new Bar(z);\n"
				   "k(m(n(1)), (p) => p);\n"
				   "const r = new RegExp('a+b', 'i');\n"
				   "tag`${q - 1}`;\n");
	const struct sf_call *inner = test_call(f, "f");
	assert_non_null(inner);
	assert_int_equal(inner->nargs, 1);
	assert_string_equal(facts_call_arg(f, inner, 0, NULL)->text, "a");
	/* The outer call, `f(a)(...)`, comes first (pre-order). */
	const struct sf_call *outer = &f->calls.v[0];
	assert_true(outer != inner);
	assert_int_equal(outer->nargs, 2);
	assert_string_equal(facts_call_arg(f, outer, 0, NULL)->text, "b");
	assert_string_equal(facts_call_arg(f, outer, 1, NULL)->text, "c");
	assert_int_equal(test_call(f, "x")->nargs, 1);
	assert_string_equal(facts_call_arg(f, test_call(f, "x"), 0, NULL)->text,
			    "y");
	assert_int_equal(test_call(f, "Foo")->nargs, 0);
	assert_int_equal(test_call(f, "Bar")->nargs, 1);
	const struct sf_call *k = test_call(f, "k");
	assert_int_equal(k->nargs, 2);
	assert_int_equal(facts_call_arg(f, k, 0, NULL)->kind, SF_ARG_CALL);
	assert_string_equal(
		f->calls.v[facts_call_arg(f, k, 0, NULL)->call].callee, "m");
	assert_int_equal(facts_call_arg(f, k, 1, NULL)->kind, SF_ARG_FUNCTION);
	assert_int_equal(test_call(f, "m")->nargs, 1);
	assert_int_equal(test_call(f, "n")->nargs, 1);
	const struct sf_function *cb = &f->functions.v[0];
	assert_true(cb->flags & SF_FN_CALLBACK);
	assert_int_equal(cb->cb_arg, 1);
	assert_string_equal(f->calls.v[cb->cb_call].callee, "k");
	assert_int_equal(f->regexes.n, 1);
	assert_string_equal(f->regexes.v[0].pattern, "a+b");
	assert_string_equal(f->regexes.v[0].flags, "i");
	const struct sf_call *tag = test_call(f, "tag");
	assert_int_equal(tag->nargs, 0);
	assert_false(tag->flags & SF_CALL_SHRINKS);
	facts_destroy(f);

	f = test_facts("a.ts", "g<number>(z, w);\n@Get(':id') class C {}\n");
	assert_int_equal(test_call(f, "g")->nargs, 2);
	assert_string_equal(facts_call_arg(f, test_call(f, "g"), 1, NULL)->text,
			    "w");
	assert_int_equal(test_call(f, "Get")->nargs, 1);
	assert_string_equal(
		facts_call_arg(f, test_call(f, "Get"), 0, NULL)->text, ":id");
	facts_destroy(f);
}

/* The count of an identifier in a file (f->idents): the extractor's table
 * is kept from file to file on a thread, emptied; a file after others,
 * and after one that made it grow, counts its own identifiers only. */
static uint32_t
ident_count_of(const struct sf_facts *f, const char *name)
{
	uint32_t count = 0, seen = 0;
	for (uint32_t i = 0; i < f->idents.n; i++)
		if (strcmp(f->idents.v[i].name, name) == 0) {
			count = f->idents.v[i].count;
			seen++;
		}
	assert_true(seen <= 1);
	return count;
}

static void
idents__kept_table__each_file_counts_its_own(void **state)
{
	(void)state;
	struct sf_facts *f =
		test_facts("a.js", "alpha(alpha); beta = alpha;\n");
	assert_int_equal(ident_count_of(f, "alpha"), 3);
	assert_int_equal(ident_count_of(f, "beta"), 1);
	facts_destroy(f);
	/* 600 names: the table grows past its first size. */
	struct strbuf big;
	strbuf_init(&big);
	for (int i = 0; i < 600; i++)
		strbuf_printf(&big, "v%d = alpha;\n", i);
	f = test_facts("b.js", strbuf_str(&big));
	assert_int_equal(ident_count_of(f, "alpha"), 600);
	assert_int_equal(ident_count_of(f, "v599"), 1);
	assert_int_equal(f->idents.n, 601);
	facts_destroy(f);
	strbuf_finish(&big);
	f = test_facts("c.js", "gamma(alpha);\n");
	assert_int_equal(ident_count_of(f, "alpha"), 1);
	assert_int_equal(ident_count_of(f, "gamma"), 1);
	assert_int_equal(ident_count_of(f, "beta"), 0);
	assert_int_equal(ident_count_of(f, "v1"), 0);
	assert_int_equal(f->idents.n, 2);
	facts_destroy(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			lookup__one_name_bound_many_times__work_grows_linearly),
		cmocka_unit_test(functions__async_arrow_callback__on_loop),
		cmocka_unit_test(functions__class_method__qualified_name),
		cmocka_unit_test(
			functions__contextual_names__from_declarator_pair_and_export),
		cmocka_unit_test(
			context__sync_array_callback__inherits_from_enclosing),
		cmocka_unit_test(context__named_handler_reference__on_loop),
		cmocka_unit_test(context__exit_handler__exempt),
		cmocka_unit_test(context__exempt_files__nothing_on_loop),
		cmocka_unit_test(loops__literal_bound__trip_known),
		cmocka_unit_test(
			loops__nesting_await_and_header_calls__recorded),
		cmocka_unit_test(regex__literal_and_constructor__recorded),
		cmocka_unit_test(awaits__assigned_variable__recorded),
		cmocka_unit_test(suppressions__trailing_standalone_and_file),
		cmocka_unit_test(
			robustness__deep_nesting_and_garbage__no_crash),
		cmocka_unit_test(
			functions__parameter_called_directly__sync_params),
		cmocka_unit_test(
			context__callback_of_local_sync_invoker__inherits),
		cmocka_unit_test(
			context__async_called_only_from_top_level__startup),
		cmocka_unit_test(
			context__object_literal_argument__callback_unless_object_built),
		cmocka_unit_test(loops__step_start_and_variable__recorded),
		cmocka_unit_test(loops__nested_data_and_pairs__flagged),
		cmocka_unit_test(
			awaits__loop_variable_and_reassignment__flagged),
		cmocka_unit_test(calls__operand_and_new_member__recorded),
		cmocka_unit_test(
			calls__arguments_around_comments_and_nested_calls__in_order),
		cmocka_unit_test(
			scratch__destroyed_then_created__emptied_storage_kept),
		cmocka_unit_test(scratch__file_after_others__same_findings),
		cmocka_unit_test(
			walk__quiet_and_leaf_kinds__arguments_members_and_names_seen),
		cmocka_unit_test(walk__first_child_fields__taken_or_looked_up),
		cmocka_unit_test(
			functions__parameter_call_apply_bind__read_or_looked_up),
		cmocka_unit_test(calls__dev_only_branches__flagged),
		cmocka_unit_test(walk__siblings_counted__every_node_entered),
		cmocka_unit_test(
			walk__tail_bytes__names_and_comments_still_entered),
		cmocka_unit_test(
			walk__entered_kinds__handled_below_quiet_nodes),
		cmocka_unit_test(walk__last_child_fields__taken_or_looked_up),
		cmocka_unit_test(
			walk__arguments_reached__set_aside_once_per_call),
		cmocka_unit_test(idents__kept_table__each_file_counts_its_own),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
