/* Unit tests of the project index: summaries, module resolution for both
 * languages, the fixed point, chains, and incremental updates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "index.h"
#include "scheduler.h"
#include "summary.h"
#include "util/path.h"
#include "util/xalloc.h"

static struct sf_engine *engine;

static int
setup(void **state)
{
	(void)state;
	engine = engine_create();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	engine_destroy(engine);
	return 0;
}

/* Extracts src as path and stores its summary in ix. */
static void
put(struct sf_index *ix, const char *path, const char *src)
{
	struct sf_facts *f = test_facts(path, src);
	struct summary_env env = {.catalogue = engine_catalogue(engine)};
	index_put(ix, summary_build(f, src, (uint32_t)strlen(src), &env));
	facts_destroy(f);
}

/* index_call_blocks for the first call written `callee` in path's src. */
static bool
blocks(struct sf_index *ix, const char *path, const char *src,
       const char *callee, struct index_blocking *out)
{
	struct sf_facts *f = test_facts(path, src);
	const struct sf_call *c = test_call(f, callee);
	assert_non_null(c);
	bool r = index_call_blocks(ix, f, summary_hash_text(src, strlen(src)),
				   (uint32_t)(c - f->calls.v),
				   SUMMARY_BLOCKS | SUMMARY_CPU, out);
	facts_destroy(f);
	return r;
}

static bool
changed_has(const struct index_changes *c, const char *path)
{
	for (uint32_t i = 0; i < c->paths.n; i++)
		if (strcmp(c->paths.v[i], path) == 0)
			return true;
	return false;
}

static const char js_handler[] =
	"const { load } = require('./lib/a');\n"
	"app.get('/', (req, res) => res.send(load('x')));\n";
static const char js_a[] = "const b = require('./b.js');\n"
			   "function load(n) { return b.read(n); }\n"
			   "module.exports = { load };\n";
static const char js_b_blocking[] = "const fs = require('fs');\n"
				    "exports.read = function read(p) {\n"
				    "  return fs.readFileSync(p);\n"
				    "};\n";
static const char js_b_async[] = "const fs = require('fs');\n"
				 "exports.read = function read(p) {\n"
				 "  return fs.promises.readFile(p);\n"
				 "};\n";

static void
index_call_blocks__two_hops__chain_in_order(void **state)
{
	(void)state;
	struct sf_index *ix = index_create();
	put(ix, "src/server.js", js_handler);
	put(ix, "src/lib/a.js", js_a);
	put(ix, "src/lib/b.js", js_b_blocking);
	index_solve(ix, NULL, NULL);
	struct index_blocking b;
	assert_true(blocks(ix, "src/server.js", js_handler, "load", &b));
	assert_int_equal(b.effect, SUMMARY_BLOCKS);
	assert_string_equal(b.callee, "load");
	assert_string_equal(b.path, "src/lib/a.js");
	assert_int_equal(b.depth, 2);
	assert_int_equal(b.hops.n, 2);
	assert_string_equal(b.hops.v[0].path, "src/lib/a.js");
	assert_int_equal(b.hops.v[0].pos.line, 2);
	assert_string_equal(b.hops.v[1].path, "src/lib/b.js");
	assert_int_equal(b.hops.v[1].pos.line, 3);
	assert_non_null(strstr(b.hops.v[1].message, "fs.readFileSync"));
	assert_non_null(strstr(b.what, "fs.readFileSync"));
	assert_string_equal(b.replacement, "fs.promises.readFile");
	index_blocking_finish(&b);
	/* JS107 runs on summaries: no file needs parsing again. */
	assert_false(index_needs_recheck(ix, "src/server.js"));
	assert_false(index_needs_recheck(ix, "src/lib/b.js"));
	index_destroy(ix);
}

static void
index_solve__helper_fixed__dependents_reported_changed(void **state)
{
	(void)state;
	struct sf_index *ix = index_create();
	put(ix, "src/server.js", js_handler);
	put(ix, "src/lib/a.js", js_a);
	put(ix, "src/lib/b.js", js_b_blocking);
	struct index_changes first = {0};
	index_solve(ix, &first, NULL);
	assert_true(changed_has(&first, "src/server.js"));
	index_changes_finish(&first);

	/* The same texts again: nothing changed. */
	put(ix, "src/lib/b.js", js_b_blocking);
	struct index_changes same = {0};
	index_solve(ix, &same, NULL);
	assert_int_equal(same.paths.n, 0);
	index_changes_finish(&same);

	/* Only b.js is re-extracted; its callers' answers change. */
	put(ix, "src/lib/b.js", js_b_async);
	struct index_changes again = {0};
	index_solve(ix, &again, NULL);
	assert_true(changed_has(&again, "src/server.js"));
	assert_true(changed_has(&again, "src/lib/a.js"));
	index_changes_finish(&again);
	struct index_blocking b;
	assert_false(blocks(ix, "src/server.js", js_handler, "load", &b));

	/* Removing a file is an update too. */
	put(ix, "src/lib/b.js", js_b_blocking);
	index_solve(ix, NULL, NULL);
	assert_true(blocks(ix, "src/server.js", js_handler, "load", &b));
	index_blocking_finish(&b);
	index_remove(ix, "src/lib/b.js");
	index_solve(ix, NULL, NULL);
	assert_false(blocks(ix, "src/server.js", js_handler, "load", &b));
	index_destroy(ix);
}

static void
index_solve__reexport_moved__caller_resolved_again(void **state)
{
	(void)state;
	static const char h[] = "import { work } from './barrel.mjs';\n"
				"export async function handler() { work(); }\n";
	struct sf_index *ix = index_create();
	put(ix, "h.mjs", h);
	put(ix, "barrel.mjs", "export { work } from './fast.mjs';\n");
	put(ix, "fast.mjs", "export function work() { return 1; }\n");
	put(ix, "slow.mjs",
	    "import fs from 'fs';\n"
	    "export function work() { fs.statSync('x'); }\n");
	index_solve(ix, NULL, NULL);
	struct index_blocking b;
	assert_false(blocks(ix, "h.mjs", h, "work", &b));
	/* Only the barrel changes; the handler's call now reaches slow.mjs
	 * through it, although h.mjs itself was not touched. */
	put(ix, "barrel.mjs", "export { work } from './slow.mjs';\n");
	struct index_changes c = {0};
	index_solve(ix, &c, NULL);
	assert_true(changed_has(&c, "h.mjs"));
	index_changes_finish(&c);
	assert_true(blocks(ix, "h.mjs", h, "work", &b));
	assert_string_equal(b.path, "slow.mjs");
	index_blocking_finish(&b);
	index_destroy(ix);
}

static void
index_solve__callee_registered_elsewhere__callers_solved_again(void **state)
{
	(void)state;
	static const char a[] = "const { g } = require('./b');\n"
				"app.get('/', async (req, res) => { g(); });\n";
	struct sf_index *ix = index_create();
	put(ix, "a.js", a);
	put(ix, "b.js",
	    "const fs = require('fs');\n"
	    "function g() { fs.readFileSync('x'); }\n"
	    "module.exports = { g };\n");
	put(ix, "c.js", "const b = require('./b');\n");
	index_solve(ix, NULL, NULL);
	struct index_blocking r;
	assert_true(blocks(ix, "a.js", a, "g", &r));
	index_blocking_finish(&r);
	/* c.js now registers g as an event handler: g is event-loop code,
	 * judged in its own body (JS101), no longer a blocking callee. Only
	 * c.js changed; a.js's answer must follow. */
	put(ix, "c.js",
	    "const b = require('./b');\n"
	    "emitter.on('tick', b.g);\n");
	struct index_changes c = {0};
	index_solve(ix, &c, NULL);
	assert_true(changed_has(&c, "a.js"));
	assert_true(changed_has(&c, "b.js"));
	index_changes_finish(&c);
	assert_false(blocks(ix, "a.js", a, "g", &r));
	assert_true(index_needs_recheck(ix, "b.js"));
	put(ix, "c.js", "const b = require('./b');\n");
	index_solve(ix, NULL, NULL);
	assert_true(blocks(ix, "a.js", a, "g", &r));
	index_blocking_finish(&r);
	assert_false(index_needs_recheck(ix, "b.js"));
	index_destroy(ix);
}

static void
index_solve__mutual_recursion__terminates_and_propagates(void **state)
{
	(void)state;
	static const char a[] = "const { pong } = require('./b');\n"
				"function ping(n) { return pong(n - 1); }\n"
				"module.exports = { ping };\n";
	static const char b[] =
		"const { ping } = require('./a');\n"
		"const fs = require('fs');\n"
		"function pong(n) { fs.statSync('x'); return ping(n); }\n"
		"module.exports = { pong };\n";
	static const char h[] = "const { ping } = require('./a');\n"
				"setTimeout(() => ping(3), 10);\n";
	struct sf_index *ix = index_create();
	put(ix, "a.js", a);
	put(ix, "b.js", b);
	put(ix, "h.js", h);
	index_solve(ix, NULL, NULL);
	struct index_blocking r;
	assert_true(blocks(ix, "h.js", h, "ping", &r));
	assert_int_equal(r.depth, 2);
	assert_string_equal(r.end_path, "b.js");
	index_blocking_finish(&r);
	index_destroy(ix);
}

static void
index_resolve__packages_main_exports_and_index(void **state)
{
	(void)state;
	struct sf_index *ix = index_create();
	char *cause = NULL;
	static const char pkg[] =
		"{\"name\": \"@acme/util\", \"exports\": {\".\": "
		"{\"require\": \"./lib/entry.js\"}}}";
	assert_int_equal(index_add_manifest(ix, "packages/util/package.json",
					    pkg, sizeof pkg - 1, &cause),
			 0);
	put(ix, "packages/util/lib/entry.js",
	    "export function slug(s) { return s; }\n"
	    "export { helper as aid } from './more.js';\n");
	put(ix, "packages/util/lib/more.js",
	    "export default function main() {}\n"
	    "export const helper = () => 1;\n");
	put(ix, "app/dir/index.mjs", "export function inDir() {}\n");
	put(ix, "app/main.js", "\n");
	index_solve(ix, NULL, NULL);
	struct index_fn fn;
	assert_true(
		index_resolve(ix, "app/main.js", NULL, "@acme/util.slug", &fn));
	assert_string_equal(fn.file->functions.v[fn.fn].name, "slug");
	assert_true(
		index_resolve(ix, "app/main.js", NULL, "@acme/util.aid", &fn));
	assert_string_equal(fn.file->path, "packages/util/lib/more.js");
	assert_string_equal(fn.file->functions.v[fn.fn].name, "helper");
	assert_true(index_resolve(ix, "app/main.js", NULL,
				  "@acme/util/lib/more", &fn));
	assert_string_equal(fn.file->functions.v[fn.fn].name, "main");
	assert_true(index_resolve(ix, "app/main.js", NULL, "./dir.inDir", &fn));
	assert_false(index_resolve(ix, "app/main.js", NULL, "../../x.y", &fn));
	assert_false(
		index_resolve(ix, "app/main.js", NULL, "express.Router", &fn));
	index_destroy(ix);
}

/* Module paths are tried with each extension only where some file's path
 * is the stem followed by one: dotted names, `index` files, and files
 * removed and added again resolve as before. */
static void
index_has_stem__files_put_and_removed__module_paths_resolve(void **state)
{
	(void)state;
	struct sf_index *ix = index_create();
	put(ix, "lib/fmt.v2.mjs", "export function pad() {}\n");
	put(ix, "lib/dir/index.ts", "export function inDir() {}\n");
	put(ix, "lib/util.js", "export function slug() {}\n");
	put(ix, "app.js", "\n");
	index_solve(ix, NULL, NULL);
	assert_true(index_has_stem(ix, "lib/fmt.v2"));
	assert_true(index_has_stem(ix, "lib/dir/index"));
	assert_false(index_has_stem(ix, "lib/fmt"));
	assert_false(index_has_stem(ix, "lib/dir"));
	assert_false(index_has_stem(ix, "lib/util.js"));
	struct index_fn fn;
	assert_true(index_resolve(ix, "app.js", NULL, "./lib/fmt.v2.pad", &fn));
	assert_string_equal(fn.file->path, "lib/fmt.v2.mjs");
	assert_true(index_resolve(ix, "app.js", NULL, "./lib/dir.inDir", &fn));
	assert_string_equal(fn.file->path, "lib/dir/index.ts");
	assert_true(index_resolve(ix, "app.js", NULL, "./lib/util.slug", &fn));
	index_remove(ix, "lib/util.js");
	index_solve(ix, NULL, NULL);
	assert_false(index_has_stem(ix, "lib/util"));
	assert_true(index_has_stem(ix, "lib/fmt.v2"));
	assert_false(index_resolve(ix, "app.js", NULL, "./lib/util.slug", &fn));
	put(ix, "lib/util.js", "export function slug() {}\n");
	index_solve(ix, NULL, NULL);
	assert_true(index_resolve(ix, "app.js", NULL, "./lib/util.slug", &fn));
	assert_string_equal(fn.file->path, "lib/util.js");
	index_destroy(ix);
}

static void
index_resolve__python_src_layout_relative_and_reexports(void **state)
{
	(void)state;
	struct sf_index *ix = index_create();
	char *cause = NULL;
	static const char toml[] = "[project]\nname = \"shop\"\n"
				   "dependencies = [\"fastapi>=0.110\"]\n";
	assert_int_equal(index_add_manifest(ix, "svc/pyproject.toml", toml,
					    sizeof toml - 1, &cause),
			 0);
	put(ix, "svc/src/shop/__init__.py", "from .core import *\n");
	put(ix, "svc/src/shop/core/__init__.py",
	    "from .jobs import run as start\n__all__ = ['start']\n");
	put(ix, "svc/src/shop/core/jobs.py",
	    "def run():\n    pass\n\nclass Job:\n    def go(self):\n"
	    "        pass\n");
	put(ix, "svc/src/shop/api.py", "\n");
	index_solve(ix, NULL, NULL);
	struct index_fn fn;
	assert_true(index_resolve(ix, "svc/src/shop/api.py", NULL, "shop.start",
				  &fn));
	assert_string_equal(fn.file->path, "svc/src/shop/core/jobs.py");
	assert_string_equal(fn.file->functions.v[fn.fn].name, "run");
	assert_true(index_resolve(ix, "svc/src/shop/api.py", NULL,
				  ".core.jobs.Job.go", &fn));
	assert_string_equal(fn.file->functions.v[fn.fn].name, "Job.go");
	assert_true(index_resolve(ix, "svc/src/shop/core/jobs.py", NULL,
				  "..core.start", &fn));
	assert_false(index_resolve(ix, "svc/src/shop/api.py", NULL,
				   "....too.far", &fn));
	assert_false(index_resolve(ix, "svc/src/shop/api.py", NULL,
				   "os.path.join", &fn));
	const struct index_manifest *m = index_manifest(ix, 0);
	assert_int_equal(m->dependencies.n, 1);
	assert_string_equal(m->dependencies.v[0], "fastapi");
	index_destroy(ix);
}

static void
summary_build__starts_a_worker__marked(void **state)
{
	(void)state;
	struct sf_index *ix = index_create();
	put(ix, "server.js",
	    "const { Worker } = require('node:worker_threads');\n"
	    "app.post('/resize', (req, res) => {\n"
	    "  const w = new Worker('./node_modules/sharp-pool/worker.js');\n"
	    "  w.postMessage(req.body);\n"
	    "});\n");
	put(ix, "other.js", "app.get('/', (req, res) => res.send('ok'));\n");
	index_solve(ix, NULL, NULL);
	const struct sf_summary *s =
		index_file(ix, (uint32_t)index_file_id(ix, "server.js"));
	assert_true(s->markers & SUMMARY_MARK_STARTS_WORKER);
	s = index_file(ix, (uint32_t)index_file_id(ix, "other.js"));
	assert_false(s->markers & SUMMARY_MARK_STARTS_WORKER);
	index_destroy(ix);
}

static void
index_add_manifest__bad_json__names_file_and_position(void **state)
{
	(void)state;
	struct sf_index *ix = index_create();
	char *cause = NULL;
	static const char bad[] = "{\n  \"name\": \"x\",\n  oops\n}\n";
	assert_int_equal(index_add_manifest(ix, "svc/package.json", bad,
					    sizeof bad - 1, &cause),
			 -1);
	assert_non_null(strstr(cause, "svc/package.json:3:"));
	assert_non_null(strstr(cause, "invalid JSON"));
	free(cause);
	/* The folder still counts as a component. */
	assert_int_equal(index_manifest_count(ix), 1);
	assert_true(index_manifest(ix, 0)->bad);
	index_destroy(ix);
}

static void
index_fn_profile__cpu_bound_and_io_bound_targets(void **state)
{
	(void)state;
	struct sf_index *ix = index_create();
	put(ix, "app/risk.py",
	    "import json\n"
	    "def simulate(raw):\n"
	    "    xs = json.loads(raw)\n"
	    "    for a in xs:\n"
	    "        for b in xs:\n"
	    "            total += a * b\n"
	    "    return total\n"
	    "def vectorised(xs):\n"
	    "    import numpy as np\n"
	    "    return np.dot(xs, xs)\n");
	put(ix, "app/feeds.py",
	    "import requests\n"
	    "def fetch(url):\n"
	    "    return requests.get(url).text\n");
	put(ix, "app/job.py",
	    "from concurrent.futures import ThreadPoolExecutor, "
	    "ProcessPoolExecutor\n"
	    "from app.risk import simulate\n"
	    "from app.feeds import fetch\n"
	    "def main(xs, urls):\n"
	    "    with ThreadPoolExecutor() as pool:\n"
	    "        pool.submit(simulate, xs)\n"
	    "    with ProcessPoolExecutor() as procs:\n"
	    "        list(procs.map(fetch, urls))\n");
	index_solve(ix, NULL, NULL);
	const struct sf_summary *job = NULL;
	uint32_t job_i = 0;
	for (uint32_t i = 0; i < index_file_count(ix); i++)
		if (strcmp(index_file(ix, i)->path, "app/job.py") == 0) {
			job = index_file(ix, i);
			job_i = i;
		}
	assert_non_null(job);
	assert_int_equal(job->execs.n, 2);
	struct index_fn t;
	struct index_fn_profile p;
	assert_int_equal(job->execs.v[0].kind, SUMMARY_EXEC_THREAD);
	assert_true(index_exec_target(ix, job_i, &job->execs.v[0], &t));
	index_fn_profile(ix, t, &p);
	assert_int_equal(p.workload, INDEX_WORK_CPU_BOUND);
	assert_string_equal(p.path, "app/risk.py");
	assert_int_equal(p.pos.line, 4);
	assert_int_equal(job->execs.v[1].kind, SUMMARY_EXEC_PROCESS);
	assert_true(index_exec_target(ix, job_i, &job->execs.v[1], &t));
	index_fn_profile(ix, t, &p);
	assert_int_equal(p.workload, INDEX_WORK_IO_BOUND);
	/* numpy releases the GIL: not CPU-bound for threads. */
	assert_true(index_resolve(ix, "app/job.py", NULL, "app.risk.vectorised",
				  &t));
	index_fn_profile(ix, t, &p);
	assert_int_not_equal(p.workload, INDEX_WORK_CPU_BOUND);
	index_destroy(ix);
}

static void
index_apply_registrations__imported_controller__is_event_loop_code(void **state)
{
	(void)state;
	static const char routes[] = "const ctrl = require('./ctrl');\n"
				     "router.get('/users', ctrl.list);\n";
	static const char ctrl[] =
		"const fs = require('fs');\n"
		"function list(req, res) { res.send(fs.readFileSync('x')); }\n"
		"function unused() {}\n"
		"module.exports = { list, unused };\n";
	struct sf_index *ix = index_create();
	put(ix, "routes.js", routes);
	put(ix, "ctrl.js", ctrl);
	index_solve(ix, NULL, NULL);
	assert_true(index_needs_recheck(ix, "ctrl.js"));
	struct sf_facts *f = test_facts("ctrl.js", ctrl);
	index_apply_registrations(ix, f, summary_hash_text(ctrl, strlen(ctrl)));
	const struct sf_function *list = test_function(f, "list");
	assert_true(list->flags & SF_FN_ON_LOOP);
	assert_non_null(strstr(list->context, "router.get('/users')"));
	assert_non_null(strstr(list->context, "routes.js"));
	assert_false(test_function(f, "unused")->flags & SF_FN_ON_LOOP);
	facts_destroy(f);
	/* Another text than the one summarised: nothing is applied. */
	f = test_facts("ctrl.js", ctrl);
	index_apply_registrations(ix, f, 1);
	assert_false(test_function(f, "list")->flags & SF_FN_ON_LOOP);
	facts_destroy(f);
	/* Registered, but nothing in it that a per-file rule looks at: no
	 * need to parse the file again. */
	put(ix, "ctrl.js",
	    "function list(req, res) { res.end(); }\n"
	    "module.exports = { list };\n");
	index_solve(ix, NULL, NULL);
	assert_false(index_needs_recheck(ix, "ctrl.js"));
	index_destroy(ix);
}

/* The catalogue of the test engine, for names the types lead to. */
static void
set_apis(struct sf_index *ix)
{
	index_set_apis(ix, engine_match_api, engine);
}

static void
index_solve__method_through_attribute_and_base__resolved_across_files(
	void **state)
{
	(void)state;
	static const char api[] = "from app.repos import get_repos\n"
				  "async def handler():\n"
				  "    repos = get_repos()\n"
				  "    return repos.users.by_name('x')\n";
	struct sf_index *ix = index_create();
	set_apis(ix);
	put(ix, "app/__init__.py", "");
	put(ix, "app/api.py", api);
	put(ix, "app/repos.py",
	    "from app.base import Users\n"
	    "class Repos:\n"
	    "    @property\n"
	    "    def users(self) -> Users:\n"
	    "        return make()\n"
	    "def get_repos():\n"
	    "    return Repos()\n");
	put(ix, "app/base.py",
	    "import time\n"
	    "class Generic:\n"
	    "    def get(self, k):\n"
	    "        time.sleep(1)\n"
	    "class Users(Generic):\n"
	    "    def by_name(self, n):\n"
	    "        return self.get(n)\n");
	index_solve(ix, NULL, NULL);
	struct index_blocking b;
	assert_true(blocks(ix, "app/api.py", api, "repos.users.by_name", &b));
	assert_string_equal(b.callee, "Users.by_name");
	assert_string_equal(b.path, "app/base.py");
	assert_int_equal(b.depth, 2);
	index_blocking_finish(&b);
	/* The property now returns a class without the method: the caller,
	 * which only the types tie to repos.py, is resolved again and loses
	 * the finding. */
	put(ix, "app/repos.py",
	    "from app.base import Generic\n"
	    "class Repos:\n"
	    "    @property\n"
	    "    def users(self) -> Generic:\n"
	    "        return make()\n"
	    "def get_repos():\n"
	    "    return Repos()\n");
	struct index_changes c = {0};
	index_solve(ix, &c, NULL);
	assert_true(changed_has(&c, "app/api.py"));
	index_changes_finish(&c);
	assert_false(blocks(ix, "app/api.py", api, "repos.users.by_name", &b));
	index_destroy(ix);
}

static void
index_apply_registrations__result_type_from_another_file__catalogue_name(
	void **state)
{
	(void)state;
	static const char cmd[] = "from app.data import data_path\n"
				  "async def delete(name):\n"
				  "    p = data_path() / name\n"
				  "    if p.with_suffix('.bak').exists():\n"
				  "        p.unlink()\n"
				  "def size(name):\n"
				  "    return data_path().stat()\n"
				  "async def caller():\n"
				  "    return size('x')\n";
	static const char data[] = "from pathlib import Path\n"
				   "def data_path() -> Path:\n"
				   "    return Path('/srv')\n";
	struct sf_index *ix = index_create();
	set_apis(ix);
	put(ix, "app/__init__.py", "");
	put(ix, "app/cmd.py", cmd);
	put(ix, "app/data.py", data);
	index_solve(ix, NULL, NULL);
	/* The per-file rules see the catalogue's names once the index
	 * gives them. */
	assert_true(index_needs_recheck(ix, "app/cmd.py"));
	struct sf_facts *f = test_facts("app/cmd.py", cmd);
	index_apply_registrations(ix, f, summary_hash_text(cmd, strlen(cmd)));
	bool exists = false, unlink = false;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const char *n = f->calls.v[i].name;
		exists |= n != NULL && strcmp(n, "pathlib.Path().exists") == 0;
		unlink |= n != NULL && strcmp(n, "pathlib.Path().unlink") == 0;
	}
	assert_true(exists && unlink);
	facts_destroy(f);
	/* A sync helper whose call is a catalogued API only through the
	 * types blocks its callers, with the API at the chain's end. */
	struct index_blocking b;
	assert_true(blocks(ix, "app/cmd.py", cmd, "size", &b));
	assert_non_null(strstr(b.what, "pathlib.Path().stat"));
	assert_string_equal(b.end_path, "app/cmd.py");
	assert_int_equal(b.end_pos.line, 7);
	index_blocking_finish(&b);
	/* Without a way to judge such names, nothing is judged. */
	struct sf_index *plain = index_create();
	put(plain, "app/__init__.py", "");
	put(plain, "app/cmd.py", cmd);
	put(plain, "app/data.py", data);
	index_solve(plain, NULL, NULL);
	assert_false(index_needs_recheck(plain, "app/cmd.py"));
	index_destroy(plain);
	/* The annotation goes: so does what the types said. */
	put(ix, "app/data.py", "def data_path():\n    return None\n");
	index_solve(ix, NULL, NULL);
	assert_false(index_needs_recheck(ix, "app/cmd.py"));
	assert_false(blocks(ix, "app/cmd.py", cmd, "size", &b));
	index_destroy(ix);
}

static void
summary_build__positions__lines_and_code_point_columns(void **state)
{
	(void)state;
	/* A short first line and a non-ASCII character before the call. */
	static const char src[] = "import time\n"
				  "x=1\n"
				  "def f():\n"
				  "    s = 'é'; time.sleep(1)\n";
	struct sf_facts *f = test_facts("m.py", src);
	struct summary_env env = {.catalogue = engine_catalogue(engine)};
	struct sf_summary *s = summary_build(f, src, sizeof src - 1, &env);
	facts_destroy(f);
	assert_int_equal(s->functions.n, 1);
	assert_int_equal(s->functions.v[0].pos.line, 3);
	assert_int_equal(s->functions.v[0].pos.column, 5);
	assert_int_equal(s->events.n, 1);
	assert_int_equal(s->events.v[0].pos.line, 4);
	assert_int_equal(s->events.v[0].pos.column, 14);
	summary_destroy(s);
}

static void
facts_exports__commonjs_and_esm_forms__recorded(void **state)
{
	(void)state;
	struct sf_facts *f = test_facts(
		"m.js", "module.exports = { a, b: helper.run, c() {} };\n"
			"exports.d = function () {};\n"
			"module.exports.e = e2;\n");
	assert_int_equal(f->exports.n, 5);
	assert_string_equal(f->exports.v[0].name, "a");
	assert_string_equal(f->exports.v[0].local, "a");
	assert_string_equal(f->exports.v[1].name, "b");
	assert_string_equal(f->exports.v[1].local, "helper.run");
	assert_string_equal(f->exports.v[2].name, "c");
	assert_true(f->exports.v[2].function >= 0);
	assert_string_equal(f->exports.v[3].name, "d");
	assert_true(f->exports.v[3].function >= 0);
	assert_string_equal(f->exports.v[4].local, "e2");
	facts_destroy(f);
	f = test_facts("m.mjs", "export default function () {}\n"
				"export async function g() {}\n"
				"export const h = 1, i = () => 2;\n"
				"export { g as gee };\n"
				"export * from './other.js';\n");
	assert_int_equal(f->exports.n, 6);
	assert_string_equal(f->exports.v[0].name, "default");
	assert_true(f->exports.v[0].function >= 0);
	assert_string_equal(f->exports.v[1].name, "g");
	assert_string_equal(f->exports.v[3].name, "i");
	assert_string_equal(f->exports.v[4].name, "gee");
	assert_string_equal(f->exports.v[4].local, "g");
	assert_string_equal(f->exports.v[5].name, "*");
	assert_string_equal(f->exports.v[5].from, "./other.js");
	facts_destroy(f);
}

/* path_printf builds module paths without vsnprintf for %s-only formats:
 * the same text as snprintf, truncated the same way, and false when the
 * result does not fit. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
path_printf__string_formats__same_as_snprintf(void **state)
{
	(void)state;
	static const char *const fmts[] = {"%s%s",  "%s/%s", "%s%sindex%s",
					   "%s.py", "x%s",   "%s"};
	static const char *const args[] = {"lib/a", "", ".js", "index",
					   "abcdefghij"};
	for (size_t size = 1; size <= 24; size++)
		for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++)
			for (size_t a = 0; a < 5; a++) {
				const char *x = args[a], *y = args[(a + 1) % 5],
					   *z = args[(a + 2) % 5];
				char want[32], got[32];
				int n = snprintf(want, size, fmts[f], x, y, z);
				bool fits = path_printf(got, size, fmts[f], x,
							y, z);
				assert_string_equal(got, want);
				assert_int_equal(fits, (size_t)n < size);
			}
	char buf[8];
	assert_true(path_printf(buf, sizeof buf, "%.*s%s", 2, "abc", "d"));
	assert_string_equal(buf, "abd");
	assert_false(path_printf(buf, sizeof buf, "%d%s", 1234567, "x"));
}

/* xasprintf joins %s-only formats without vsnprintf: the same text as
 * snprintf for those (a NULL string too), and other formats still work. */
static void
xasprintf__string_formats__same_as_snprintf(void **state)
{
	(void)state;
	static const char *const fmts[] = {
		"%s%s", "%s/%s", "%s%sindex%s",  "%s.py", "x%s",
		"%s",   "",      "no conversion"};
	static const char *const args[] = {"lib/a", "", ".js", "index",
					   "abcdefghij"};
	for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++)
		for (size_t a = 0; a < 5; a++) {
			const char *x = args[a], *y = args[(a + 1) % 5],
				   *z = args[(a + 2) % 5];
			char want[64];
			snprintf(want, sizeof want, fmts[f], x, y, z);
			char *got = xasprintf(fmts[f], x, y, z);
			assert_string_equal(got, want);
			free(got);
		}
	/* volatile: the compiler must not see the NULL (-Wformat-overflow). */
	const char *volatile none = NULL;
	char *s = xasprintf("a%sb", none);
	assert_string_equal(s, "a(null)b");
	free(s);
	s = xasprintf("%.*s%s %d%%", 2, "abc", "d", 42);
	assert_string_equal(s, "abd 42%");
	free(s);
	s = xasprintf("%s:%u", "line", 7u);
	assert_string_equal(s, "line:7");
	free(s);
}
#pragma GCC diagnostic pop

/* --- names resolved on several threads ---------------------------------- */

/* Files in a chain: m<k>.js calls the next file's function through its
 * module, the last one blocks; the handler calls the first. Enough of
 * them that index_solve resolves them on threads. */
#define CHAIN_FILES 300

static char *
chain_src(uint32_t k, bool renamed)
{
	if (k + 1 == CHAIN_FILES)
		return xasprintf(
			"const fs = require('fs');\n"
			"function f%u(p) { return fs.readFileSync(p); }\n"
			"module.exports = { f%u };\n",
			k, k);
	/* renamed: the file's function is no longer what the one before
	 * calls, which only a resolution of that file again can see. */
	return xasprintf("const next = require('./m%u');\n"
			 "function %s%u(p) { return next.f%u(p); }\n"
			 "module.exports = { %s%u };\n",
			 k + 1, renamed ? "g" : "f", k, k + 1,
			 renamed ? "g" : "f", k);
}

static void
put_chain(struct sf_index *ix, uint32_t renamed)
{
	put(ix, "server.js",
	    "const { f0 } = require('./m0');\n"
	    "app.get('/', (req, res) => res.send(f0('x')));\n");
	for (uint32_t k = 0; k < CHAIN_FILES; k++) {
		char path[32];
		snprintf(path, sizeof path, "m%u.js", k);
		char *src = chain_src(k, k == renamed);
		put(ix, path, src);
		free(src);
	}
}

/* index_map on the scheduler's workers, as project_solve gives it. */
struct threads_map {
	void (*fn)(void *arg, uint32_t k);
	void *arg;
	uint32_t maps;
};

static void
threads_task(void *arg, struct sf_parser *p, uint32_t k)
{
	(void)p;
	struct threads_map *t = arg;
	t->fn(t->arg, k);
}

static void
threads_map(void *ctx, uint32_t n, void (*fn)(void *arg, uint32_t k), void *arg)
{
	struct threads_map *t = ctx;
	t->fn = fn;
	t->arg = arg;
	t->maps++;
	struct scheduler_options o = {.jobs = 2};
	scheduler_map(&o, NULL, n, threads_task, t);
}

/* Every call's target and every function's effects of a and b agree. */
static void
assert_same_solve(const struct sf_index *a, const struct sf_index *b)
{
	assert_int_equal(index_file_count(a), index_file_count(b));
	for (uint32_t i = 0; i < index_file_count(a); i++) {
		const struct sf_summary *s = index_file(a, i);
		assert_string_equal(s->path, index_file(b, i)->path);
		for (uint32_t k = 0; k < s->calls.n; k++) {
			struct index_target ta, tb;
			bool fa = index_call_target(a, i, k, &ta);
			bool fb = index_call_target(b, i, k, &tb);
			assert_int_equal(fa, fb);
			if (fa) {
				assert_int_equal(ta.file, tb.file);
				assert_int_equal(ta.fn, tb.fn);
			}
		}
		for (uint32_t fn = 0; fn < s->functions.n; fn++)
			assert_int_equal(index_effects(a, i, (int32_t)fn),
					 index_effects(b, i, (int32_t)fn));
	}
}

static void
index_solve__names_on_threads__same_as_here(void **state)
{
	(void)state;
	struct sf_index *here = index_create();
	put_chain(here, CHAIN_FILES);
	index_solve(here, NULL, NULL);
	struct threads_map t = {0};
	struct index_map m = {&t, threads_map};
	struct sf_index *threads = index_create();
	put_chain(threads, CHAIN_FILES);
	index_solve(threads, NULL, &m);
	assert_true(t.maps > 0);
	assert_same_solve(here, threads);
	/* The handler's call blocks, 300 files down. */
	int32_t server = index_file_id(threads, "server.js");
	assert_true(server >= 0);
	struct index_blocking b;
	bool found = false;
	for (uint32_t k = 0;
	     !found && k < index_file(threads, (uint32_t)server)->calls.n; k++)
		found = index_file_call_blocks(threads, (uint32_t)server, k,
					       SUMMARY_BLOCKS, &b);
	assert_true(found);
	assert_int_equal(b.effect, SUMMARY_BLOCKS);
	assert_string_equal(b.path, "m0.js");
	index_blocking_finish(&b);

	/* m150.js renames its function: m149.js's call resolves to nothing
	 * now, which the threads must have recorded as depending on m150. */
	char *src = chain_src(150, true);
	put(threads, "m150.js", src);
	free(src);
	t.maps = 0;
	index_solve(threads, NULL, &m);
	struct sf_index *fresh = index_create();
	put_chain(fresh, 150);
	index_solve(fresh, NULL, NULL);
	assert_same_solve(fresh, threads);
	found = false;
	for (uint32_t k = 0;
	     !found && k < index_file(threads, (uint32_t)server)->calls.n;
	     k++) {
		found = index_file_call_blocks(threads, (uint32_t)server, k,
					       SUMMARY_BLOCKS, &b);
		if (found)
			index_blocking_finish(&b);
	}
	assert_false(found);
	index_destroy(fresh);
	index_destroy(threads);
	index_destroy(here);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(index_call_blocks__two_hops__chain_in_order),
		cmocka_unit_test(summary_build__starts_a_worker__marked),
		cmocka_unit_test(
			index_solve__helper_fixed__dependents_reported_changed),
		cmocka_unit_test(
			index_solve__reexport_moved__caller_resolved_again),
		cmocka_unit_test(
			index_solve__callee_registered_elsewhere__callers_solved_again),
		cmocka_unit_test(
			index_solve__mutual_recursion__terminates_and_propagates),
		cmocka_unit_test(
			index_resolve__packages_main_exports_and_index),
		cmocka_unit_test(
			index_has_stem__files_put_and_removed__module_paths_resolve),
		cmocka_unit_test(
			index_resolve__python_src_layout_relative_and_reexports),
		cmocka_unit_test(
			index_add_manifest__bad_json__names_file_and_position),
		cmocka_unit_test(
			index_fn_profile__cpu_bound_and_io_bound_targets),
		cmocka_unit_test(
			index_apply_registrations__imported_controller__is_event_loop_code),
		cmocka_unit_test(
			index_solve__method_through_attribute_and_base__resolved_across_files),
		cmocka_unit_test(
			index_apply_registrations__result_type_from_another_file__catalogue_name),
		cmocka_unit_test(
			summary_build__positions__lines_and_code_point_columns),
		cmocka_unit_test(
			facts_exports__commonjs_and_esm_forms__recorded),
		cmocka_unit_test(path_printf__string_formats__same_as_snprintf),
		cmocka_unit_test(xasprintf__string_formats__same_as_snprintf),
		cmocka_unit_test(index_solve__names_on_threads__same_as_here),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
