/*
 * The project (analyzers/project.h): files given as texts or read through
 * the host, solved; findings across files following edits and removals;
 * what changed between solves; the second pass following registrations
 * made in another file; the nearest folder's settings; jobs run on the
 * front's schedule; and, on the bundled examples, a sequence of edits
 * solved incrementally against a fresh project of the same texts. Run
 * with the source folder as argument.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project.h"
#include "rules/rule.h"
#include "suppression.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "workspace.h"

static const char *source_dir;

/* A handler that blocks, and a helper that does. */
static const char handler_js[] =
	"const { load } = require('./helper');\n"
	"app.get('/', async (req, res) => { res.send(load()); });\n";
static const char helper_blocks_js[] =
	"const fs = require('fs');\n"
	"function load() { return fs.readFileSync('x'); }\n"
	"module.exports = { load };\n";
static const char helper_clean_js[] = "function load() { return 1; }\n"
				      "module.exports = { load };\n";
static const char blocking_js[] =
	"const fs = require('fs');\n"
	"app.get('/', (req, res) => { res.send(fs.readFileSync('x')); });\n";

static void
put(struct sf_project *pj, const char *path, const char *text)
{
	project_update_text(pj, path, 0, text, (uint32_t)strlen(text));
}

static struct sf_project *
fresh(void)
{
	xalloc_install_tree_sitter();
	return project_create(engine_create());
}

/* How many findings of rule id the file at path has. */
static uint32_t
count(const struct sf_project *pj, const char *path, const char *id)
{
	uint32_t n, k = 0;
	const struct sf_diagnostic *d = project_file_findings(pj, path, &n);
	for (uint32_t i = 0; i < n; i++)
		k += strcmp(d[i].rule_id, id) == 0;
	return k;
}

/* The changes of the last solve, comma-separated ("" for none). */
static char *
changes(const struct sf_project *pj)
{
	uint32_t n;
	const char *const *v = project_changes(pj, &n);
	struct strbuf b;
	strbuf_init(&b);
	for (uint32_t i = 0; i < n; i++)
		strbuf_printf(&b, "%s%s", i ? "," : "", v[i]);
	return b.s ? strbuf_detach(&b) : xstrdup("");
}

static void
assert_changes(const struct sf_project *pj, const char *want)
{
	char *got = changes(pj);
	assert_string_equal(got, want);
	free(got);
}

static void
project_solve__one_file__findings_then_nothing_changed(void **state)
{
	(void)state;
	struct sf_project *pj = fresh();
	put(pj, "app.js", blocking_js);
	put(pj, "quiet.js", "const x = 1;\n");
	assert_int_equal(project_findings(pj)->items.n, 0);
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "app.js", "JS101"), 1);
	assert_int_equal(project_findings(pj)->items.n, 1);
	/* The code frame of the line. */
	uint32_t n;
	const struct sf_diagnostic *d = project_file_findings(pj, "app.js", &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(d->line_text, "readFileSync"));
	assert_null(project_file_findings(pj, "quiet.js", &n));
	assert_int_equal(n, 0);
	assert_changes(pj, "app.js");
	struct project_stats st;
	project_stats(pj, &st);
	assert_int_equal(st.files, 2);
	assert_int_equal(st.analysed, 2);
	/* The same text again, and an edit that finds the same: no change. */
	put(pj, "app.js", blocking_js);
	put(pj, "quiet.js", "const x = 2;\n");
	project_solve(pj, NULL);
	assert_changes(pj, "");
	assert_int_equal(count(pj, "app.js", "JS101"), 1);
	project_destroy(pj);
}

static void
project_solve__helper_edited__caller_changes(void **state)
{
	(void)state;
	struct sf_project *pj = fresh();
	put(pj, "handler.js", handler_js);
	put(pj, "helper.js", helper_blocks_js);
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "handler.js", "JS107"), 1);
	assert_changes(pj, "handler.js");
	/* Only the helper changes; the caller's finding goes. */
	put(pj, "helper.js", helper_clean_js);
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "handler.js", "JS107"), 0);
	assert_changes(pj, "handler.js");
	put(pj, "helper.js", helper_blocks_js);
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "handler.js", "JS107"), 1);
	assert_changes(pj, "handler.js");
	/* The helper gone: the call resolves to nothing. */
	project_remove(pj, "helper.js");
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "handler.js", "JS107"), 0);
	assert_changes(pj, "handler.js");
	project_destroy(pj);
}

static void
project_remove__file_with_findings__changed_and_gone(void **state)
{
	(void)state;
	struct sf_project *pj = fresh();
	put(pj, "a.js", blocking_js);
	put(pj, "b.js", blocking_js);
	put(pj, "c.js", "const x = 1;\n");
	project_solve(pj, NULL);
	assert_changes(pj, "a.js,b.js");
	project_remove(pj, "b.js");
	project_remove(pj, "c.js");
	project_remove(pj, "no-such.js");
	project_solve(pj, NULL);
	assert_changes(pj, "b.js");
	uint32_t n;
	assert_null(project_file_findings(pj, "b.js", &n));
	assert_int_equal(project_findings(pj)->items.n, 1);
	assert_string_equal(project_findings(pj)->items.v[0].path, "a.js");
	struct project_stats st;
	project_stats(pj, &st);
	assert_int_equal(st.files, 1);
	/* Gone and back before a solve, finding the same: no change; back
	 * finding nothing: a change. */
	project_remove(pj, "a.js");
	put(pj, "a.js", blocking_js);
	project_solve(pj, NULL);
	assert_changes(pj, "");
	project_remove(pj, "a.js");
	put(pj, "a.js", "const y = 1;\n");
	project_solve(pj, NULL);
	assert_changes(pj, "a.js");
	assert_int_equal(project_findings(pj)->items.n, 0);
	project_destroy(pj);
}

static void
project_solve__registration_in_another_file__second_pass_follows(void **state)
{
	(void)state;
	static const char routes[] = "const ctrl = require('./ctrl');\n"
				     "router.get('/users', ctrl.list);\n";
	static const char ctrl[] =
		"const fs = require('fs');\n"
		"function list(req, res) { res.send(fs.readFileSync('x')); }\n"
		"module.exports = { list };\n";
	struct sf_project *pj = fresh();
	put(pj, "routes.js", routes);
	put(pj, "ctrl.js", ctrl);
	project_solve(pj, NULL);
	/* list is a route handler only because routes.js says so. */
	assert_int_equal(count(pj, "ctrl.js", "JS101"), 1);
	struct project_stats st;
	project_stats(pj, &st);
	assert_int_equal(st.rechecked, 1);
	/* Nothing changed: no file is parsed a second time again. */
	project_solve(pj, NULL);
	project_stats(pj, &st);
	assert_int_equal(st.rechecked, 0);
	assert_int_equal(count(pj, "ctrl.js", "JS101"), 1);
	/* routes.js no longer registers it: ctrl.js, unchanged, loses the
	 * finding. */
	put(pj, "routes.js", "const ctrl = require('./ctrl');\n");
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "ctrl.js", "JS101"), 0);
	assert_changes(pj, "ctrl.js");
	put(pj, "routes.js", routes);
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "ctrl.js", "JS101"), 1);
	assert_changes(pj, "ctrl.js");
	/* Registered elsewhere: ctrl.js is checked again, and its finding
	 * says where. */
	put(pj, "routes.js",
	    "const ctrl = require('./ctrl');\n"
	    "router.get('/people', ctrl.list);\n");
	project_solve(pj, NULL);
	assert_changes(pj, "ctrl.js");
	uint32_t n;
	const struct sf_diagnostic *d =
		project_file_findings(pj, "ctrl.js", &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(d->message, "/people"));
	project_destroy(pj);
}

static void
project_engine__nearest_folder__governs(void **state)
{
	(void)state;
	struct sf_project *pj = fresh();
	struct sf_engine *quiet = engine_create();
	engine_set_severity(quiet, rule_find("JS101"), SF_SEV_OFF);
	project_set_engine(pj, "pkg/api", quiet);
	assert_ptr_equal(project_engine(pj, "pkg/api/a.js"), quiet);
	assert_ptr_equal(project_engine(pj, "pkg/api/deep/a.js"), quiet);
	assert_ptr_not_equal(project_engine(pj, "pkg/apiary/a.js"), quiet);
	assert_ptr_not_equal(project_engine(pj, "pkg/a.js"), quiet);
	assert_ptr_equal(project_engine(pj, "a.js"), project_engine(pj, ""));
	put(pj, "a.js", blocking_js);
	put(pj, "pkg/api/a.js", blocking_js);
	put(pj, "pkg/api/deep/a.js", blocking_js);
	put(pj, "pkg/apiary/a.js", blocking_js);
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "a.js", "JS101"), 1);
	assert_int_equal(count(pj, "pkg/api/a.js", "JS101"), 0);
	assert_int_equal(count(pj, "pkg/api/deep/a.js", "JS101"), 0);
	assert_int_equal(count(pj, "pkg/apiary/a.js", "JS101"), 1);
	/* New settings for the folder: its files are analysed again. */
	project_set_engine(pj, "pkg/api", engine_create());
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "pkg/api/a.js", "JS101"), 1);
	assert_changes(pj, "pkg/api/a.js,pkg/api/deep/a.js");
	/* And the root's. */
	struct sf_engine *root = engine_create();
	engine_set_severity(root, rule_find("JS101"), SF_SEV_OFF);
	project_set_engine(pj, "", root);
	assert_ptr_equal(project_engine(pj, ""), root);
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "a.js", "JS101"), 0);
	assert_int_equal(count(pj, "pkg/api/a.js", "JS101"), 1);
	assert_changes(pj, "a.js,pkg/apiary/a.js");
	project_destroy(pj);
}

static void
project_commit__file_updated_meanwhile__job_dropped(void **state)
{
	(void)state;
	struct sf_project *pj = fresh();
	put(pj, "a.js", blocking_js);
	put(pj, "b.js", "const x = 1;\n");
	struct project_job *ja = project_take(pj);
	struct project_job *jb = project_take(pj);
	assert_non_null(ja);
	assert_non_null(jb);
	assert_null(project_take(pj));
	struct sf_parser *p = parser_create();
	project_run(ja, p, NULL);
	project_run(jb, p, NULL);
	/* a.js changes while its job is out: the job's results are stale. */
	put(pj, "a.js", "const y = 1;\n");
	project_commit(pj, jb);
	project_commit(pj, ja);
	struct project_job *again = project_take(pj);
	assert_non_null(again);
	project_run(again, p, NULL);
	project_commit(pj, again);
	assert_null(project_take(pj));
	parser_destroy(p);
	project_solve(pj, NULL);
	assert_int_equal(project_findings(pj)->items.n, 0);
	struct project_stats st;
	project_stats(pj, &st);
	assert_int_equal(st.analysed, 2);
	/* A job of a file removed meanwhile is dropped too. */
	put(pj, "a.js", blocking_js);
	struct project_job *gone = project_take(pj);
	project_remove(pj, "a.js");
	project_commit(pj, gone);
	project_solve(pj, NULL);
	assert_int_equal(project_findings(pj)->items.n, 0);
	project_destroy(pj);
}

/* A host that serves files from a table and keeps first passes in
 * memory, counting what it is asked. */
struct fake_host {
	struct strmap files; /* path -> const char * text */
	struct strmap kept;  /* path -> struct kept * */
	uint32_t reads, loads, hits, stores, maps, sizes;
	bool forward;    /* fake_map's order: else backwards */
	bool keep_order; /* order holds the paths read */
	struct strbuf order;
	bool log_maps; /* map_log holds "what:n " per map */
	struct strbuf map_log;
	/* fake_map runs no task of a map but the first pass's (a language
	 * server's folder stopping). */
	bool stopping;
};

struct kept {
	uint64_t hash;
	struct sf_diag_list diags;
	char *text; /* the text, to summarise again on a hit */
};

static int
fake_read(void *ctx, const char *path, uint64_t max_size, char **text,
	  uint32_t *len, char **note)
{
	struct fake_host *h = ctx;
	h->reads++;
	if (h->keep_order)
		strbuf_printf(&h->order, "%s ", path);
	const char *t = strmap_get(&h->files, path, NULL);
	if (t == NULL) {
		*note = xstrdup("No such file or directory");
		return -1;
	}
	if (strlen(t) > max_size) {
		*note = xstrdup("too large");
		return -1;
	}
	*text = xstrdup(t);
	*len = (uint32_t)strlen(t);
	return 0;
}

static bool
fake_load(void *ctx, const struct project_key *k, struct sf_diag_list *diags,
	  struct sf_summary **summary)
{
	struct fake_host *h = ctx;
	h->loads++;
	struct kept *c = strmap_get(&h->kept, k->path, NULL);
	if (c == NULL || c->hash != k->hash)
		return false;
	h->hits++;
	diag_list_copy(diags, &c->diags);
	/* A summary of the same text, as the cache would hand it back. */
	struct sf_facts *f = test_facts(k->path, c->text);
	*summary = engine_summarise(k->engine, f, c->text,
				    (uint32_t)strlen(c->text));
	facts_destroy(f);
	return true;
}

static void
fake_store(void *ctx, const struct project_key *k,
	   const struct sf_diag_list *diags, const struct sf_summary *summary)
{
	(void)summary;
	struct fake_host *h = ctx;
	h->stores++;
	struct kept *c = xcalloc(1, sizeof *c);
	c->hash = k->hash;
	diag_list_copy(&c->diags, diags);
	c->text = xstrdup(strmap_get(&h->files, k->path, NULL));
	struct kept *old = strmap_put(&h->kept, k->path, c);
	if (old != NULL) {
		diag_list_finish(&old->diags);
		free(old->text);
		free(old);
	}
}

static void
fake_map(void *ctx, const char *what, uint32_t n, project_map_fn *fn, void *arg)
{
	(void)what;
	struct fake_host *h = ctx;
	h->maps++;
	if (h->log_maps)
		strbuf_printf(&h->map_log, "%s:%u ", what ? what : "-", n);
	if (h->stopping && (what == NULL || strcmp(what, "analysing") != 0))
		return;
	struct sf_parser *p = parser_create();
	/* Backwards: the commits must not depend on the order of work. */
	for (uint32_t i = n; i-- > 0;)
		fn(arg, p, h->forward ? n - 1 - i : i);
	parser_destroy(p);
}

static uint64_t
fake_size(void *ctx, const char *path)
{
	struct fake_host *h = ctx;
	h->sizes++;
	const char *t = strmap_get(&h->files, path, NULL);
	return t != NULL ? strlen(t) : 0;
}

/* Three files, a.js smallest, b.js largest, through a host sized or not. */
static struct sf_project *
solve_three(struct fake_host *fh, bool sized)
{
	strmap_init(&fh->files);
	strmap_init(&fh->kept);
	strmap_put(&fh->files, "a.js", (void *)blocking_js);
	strmap_put(&fh->files, "b.js", (void *)helper_blocks_js);
	strmap_put(&fh->files, "c.js", (void *)handler_js);
	struct project_host h = {
		.ctx = fh,
		.read = fake_read,
		.size = sized ? fake_size : NULL,
		.map = fake_map,
	};
	struct sf_project *pj = fresh();
	project_update_file(pj, "a.js", 0);
	project_update_file(pj, "b.js", 0);
	project_update_file(pj, "c.js", 0);
	project_solve(pj, &h);
	strmap_finish(&fh->files);
	strmap_finish(&fh->kept);
	return pj;
}

/* With a host that can size them (the scheduler's), files are analysed
 * largest first, whatever the order of their paths, and committed in path
 * order all the same: the findings are those of the paths' order. */
static void
project_solve__sized_files__largest_first(void **state)
{
	(void)state;
	assert_true(strlen(helper_blocks_js) > strlen(handler_js));
	assert_true(strlen(handler_js) > strlen(blocking_js));
	struct fake_host sized = {.forward = true, .keep_order = true};
	strbuf_init(&sized.order);
	struct sf_project *pj = solve_three(&sized, true);
	/* The code frames' reads come after. */
	assert_int_equal(strncmp(sized.order.s, "b.js c.js a.js ", 15), 0);
	struct fake_host plain = {.forward = true, .keep_order = true};
	strbuf_init(&plain.order);
	struct sf_project *other = solve_three(&plain, false);
	assert_int_equal(strncmp(plain.order.s, "a.js b.js c.js ", 15), 0);
	const struct sf_diag_list *x = project_findings(pj);
	const struct sf_diag_list *y = project_findings(other);
	assert_true(x->items.n > 0);
	assert_int_equal(x->items.n, y->items.n);
	for (uint32_t i = 0; i < x->items.n; i++) {
		assert_string_equal(x->items.v[i].path, y->items.v[i].path);
		assert_string_equal(x->items.v[i].rule_id,
				    y->items.v[i].rule_id);
		assert_string_equal(x->items.v[i].message,
				    y->items.v[i].message);
	}
	project_destroy(other);
	project_destroy(pj);
	strbuf_finish(&sized.order);
	strbuf_finish(&plain.order);
}

/* Once the index is solved, what reads it only runs in one map of the
 * host's: the request-path model and the profile, the second pass and
 * the index rules in slices of files; the code frames of findings made
 * from summaries are filled in another, a file a task. Whatever order
 * the maps run them in, the findings are those of a solve on this
 * thread alone. */
static void
project_solve__after_the_index__one_map_same_findings(void **state)
{
	(void)state;
	static const char routes[] = "const ctrl = require('./ctrl');\n"
				     "router.get('/users', ctrl.list);\n";
	static const char ctrl[] =
		"const fs = require('fs');\n"
		"function list(req, res) { res.send(fs.readFileSync('x')); }\n"
		"module.exports = { list };\n";
	/* More files than slices, each handler with a JS107. */
	enum { PAIRS = 70 };
	struct sf_project *pj[3];
	struct fake_host fh[2] = {{.forward = true, .log_maps = true},
				  {.forward = false, .log_maps = true}};
	for (int k = 0; k < 3; k++) {
		pj[k] = fresh();
		for (int i = 0; i < PAIRS; i++) {
			char h[32], b[32];
			snprintf(h, sizeof h, "d%02d/handler.js", i);
			snprintf(b, sizeof b, "d%02d/helper.js", i);
			put(pj[k], h, handler_js);
			put(pj[k], b, helper_blocks_js);
		}
		put(pj[k], "routes.js", routes);
		put(pj[k], "ctrl.js", ctrl);
		if (k == 2) {
			project_solve(pj[k], NULL);
			continue;
		}
		strbuf_init(&fh[k].map_log);
		struct project_host h = {.ctx = &fh[k], .map = fake_map};
		project_solve(pj[k], &h);
		/* The first pass, the index's two, then the one after it
		 * (the model and the profile, the second pass's job, the
		 * slices), then the code frames of the index rules'
		 * findings, a file a task. */
		assert_non_null(fh[k].map_log.s);
		const char *last = strstr(fh[k].map_log.s, "checking");
		assert_non_null(last);
		assert_string_equal(last, "checking across files:66 -:70 ");
		struct project_stats st;
		project_stats(pj[k], &st);
		assert_int_equal(st.rechecked, 1);
		/* Solved again with nothing changed: only the code frames
		 * of the findings kept, read again. */
		fh[k].map_log.len = 0;
		project_solve(pj[k], &h);
		assert_string_equal(fh[k].map_log.s, "-:70 ");
		strbuf_finish(&fh[k].map_log);
	}
	const struct sf_diag_list *want = project_findings(pj[2]);
	assert_int_equal(want->items.n, PAIRS + 1);
	assert_int_equal(count(pj[2], "d07/handler.js", "JS107"), 1);
	assert_int_equal(count(pj[2], "ctrl.js", "JS101"), 1);
	for (int k = 0; k < 2; k++) {
		const struct sf_diag_list *got = project_findings(pj[k]);
		assert_int_equal(got->items.n, want->items.n);
		for (uint32_t i = 0; i < got->items.n; i++) {
			const struct sf_diagnostic *x = &got->items.v[i];
			const struct sf_diagnostic *y = &want->items.v[i];
			assert_string_equal(x->path, y->path);
			assert_string_equal(x->rule_id, y->rule_id);
			assert_string_equal(x->message, y->message);
			assert_string_equal(x->line_text, y->line_text);
			assert_int_equal(x->span.start, y->span.start);
		}
		const struct sf_profile *px = project_profile(pj[k]);
		const struct sf_profile *py = project_profile(pj[2]);
		assert_int_equal(px->components.n, py->components.n);
		for (uint32_t c = 0; c < px->components.n; c++) {
			assert_int_equal(px->components.v[c].verdict,
					 py->components.v[c].verdict);
			assert_int_equal(px->components.v[c].reasons.n,
					 py->components.v[c].reasons.n);
		}
	}
	for (int k = 0; k < 3; k++)
		project_destroy(pj[k]);
}

/* A map that leaves tasks out (a language server's folder stopping):
 * the request-path model, the profile and the index rules are made all
 * the same, as when they ran on the solve's thread. */
static void
project_solve__map_leaves_tasks_out__model_and_profile_made(void **state)
{
	(void)state;
	struct fake_host fh = {.stopping = true};
	struct project_host h = {.ctx = &fh, .map = fake_map};
	struct sf_project *pj = fresh();
	for (int i = 0; i < 70; i++) {
		char path[32];
		snprintf(path, sizeof path, "d%02d/app.js", i);
		put(pj, path, blocking_js);
	}
	project_solve(pj, &h);
	assert_true(fh.maps >= 2);
	assert_non_null(project_reqpath(pj));
	assert_non_null(project_profile(pj));
	assert_int_equal(count(pj, "d05/app.js", "JS101"), 1);
	project_destroy(pj);
}

/* Sizes given with the updates (a listing's) order the files without the
 * host being asked; the host sizes only the files given without one. */
static void
project_solve__sizes_given__no_host_sizing(void **state)
{
	(void)state;
	for (int all = 1; all >= 0; all--) {
		struct fake_host fh = {.forward = true, .keep_order = true};
		strbuf_init(&fh.order);
		strmap_init(&fh.files);
		strmap_init(&fh.kept);
		strmap_put(&fh.files, "a.js", (void *)blocking_js);
		strmap_put(&fh.files, "b.js", (void *)helper_blocks_js);
		strmap_put(&fh.files, "c.js", (void *)handler_js);
		struct project_host h = {
			.ctx = &fh,
			.read = fake_read,
			.size = fake_size,
			.map = fake_map,
		};
		struct sf_project *pj = fresh();
		/* Not the texts' lengths: the listing's word is taken. */
		project_update_file_sized(pj, "a.js", 0, 3);
		if (all)
			project_update_file_sized(pj, "b.js", 0, 1);
		else
			project_update_file(pj, "b.js", 0);
		project_update_file_sized(pj, "c.js", 0, 2);
		project_solve(pj, &h);
		if (all)
			assert_int_equal(
				strncmp(fh.order.s, "a.js c.js b.js ", 15), 0);
		else /* b.js is the largest by the host's answer (its
		      * text's length) */
			assert_int_equal(
				strncmp(fh.order.s, "b.js a.js c.js ", 15), 0);
		assert_int_equal(fh.sizes, all ? 0 : 1);
		/* An update without a size forgets the one given before. */
		project_update_file(pj, "a.js", 0);
		fh.sizes = 0;
		project_solve(pj, &h);
		assert_int_equal(fh.sizes, 0); /* one file: no ordering */
		project_update_file(pj, "a.js", 0);
		project_update_file(pj, "c.js", 0);
		project_solve(pj, &h);
		assert_int_equal(fh.sizes, 2);
		project_destroy(pj);
		strmap_finish(&fh.files);
		strmap_finish(&fh.kept);
		strbuf_finish(&fh.order);
	}
}

static void
project_solve__files_through_the_host__read_cached_noted(void **state)
{
	(void)state;
	struct fake_host fh = {0};
	strmap_init(&fh.files);
	strmap_init(&fh.kept);
	strmap_put(&fh.files, "handler.js", (void *)handler_js);
	strmap_put(&fh.files, "helper.js", (void *)helper_blocks_js);
	struct project_host h = {
		.ctx = &fh,
		.read = fake_read,
		.load = fake_load,
		.store = fake_store,
		.map = fake_map,
	};
	struct sf_project *pj = fresh();
	project_update_file(pj, "handler.js", 0);
	project_update_file(pj, "helper.js", 0);
	project_update_file(pj, "missing.js", 0);
	project_update_text(pj, "binary.js", 0, "a\0b", 3);
	project_add_manifest(pj, "package.json", "{not json", 9);
	project_solve(pj, &h);
	assert_int_equal(fh.stores, 2);
	assert_int_equal(fh.hits, 0);
	assert_int_equal(count(pj, "handler.js", "JS107"), 1);
	/* The code frame of a finding made from summaries: read again. */
	uint32_t n;
	const struct sf_diagnostic *d =
		project_file_findings(pj, "handler.js", &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(d->line_text, "load()"));
	assert_string_equal(project_file_note(pj, "missing.js"),
			    "No such file or directory");
	assert_string_equal(project_file_note(pj, "binary.js"), "binary file");
	assert_null(project_file_note(pj, "handler.js"));
	const char *const *notes = project_notes(pj, &n);
	assert_int_equal(n, 3);
	assert_non_null(strstr(notes[0], "package.json"));
	assert_string_equal(notes[1], "binary.js: skipped: binary file");
	assert_string_equal(notes[2],
			    "missing.js: skipped: No such file or directory");
	struct project_stats st;
	project_stats(pj, &st);
	assert_int_equal(st.files, 4);
	assert_int_equal(st.analysed, 2);
	assert_int_equal(st.cached, 0);

	/* Nothing updated: nothing read but the frames, nothing analysed. */
	uint32_t reads = fh.reads, loads = fh.loads;
	project_solve(pj, &h);
	assert_int_equal(fh.loads, loads);
	assert_int_equal(fh.reads, reads + 1);
	assert_changes(pj, "");

	/* Read again: the same texts come from the cache. */
	project_update_file(pj, "handler.js", 0);
	project_update_file(pj, "helper.js", 0);
	project_solve(pj, &h);
	assert_int_equal(fh.hits, 2);
	project_stats(pj, &st);
	assert_int_equal(st.cached, 2);
	assert_int_equal(count(pj, "handler.js", "JS107"), 1);
	assert_changes(pj, "");

	/* The file now there is read; the manifest replaced is no note. */
	strmap_put(&fh.files, "missing.js", (void *)blocking_js);
	project_update_file(pj, "missing.js", 0);
	project_add_manifest(pj, "package.json", "{}", 2);
	project_solve(pj, &h);
	assert_int_equal(count(pj, "missing.js", "JS101"), 1);
	assert_null(project_file_note(pj, "missing.js"));
	project_notes(pj, &n);
	assert_int_equal(n, 1);

	/* No host: a file given by path cannot be read. */
	project_update_file(pj, "helper.js", 0);
	project_solve(pj, NULL);
	assert_non_null(project_file_note(pj, "helper.js"));
	assert_int_equal(count(pj, "handler.js", "JS107"), 0);

	project_destroy(pj);
	for (uint32_t i = 0; i < fh.kept.cap; i++) {
		struct kept *c =
			fh.kept.slots[i].key ? fh.kept.slots[i].value : NULL;
		if (c != NULL) {
			diag_list_finish(&c->diags);
			free(c->text);
			free(c);
		}
	}
	strmap_finish(&fh.kept);
	strmap_finish(&fh.files);
}

static void
project_solve__unused_suppressions__reported_when_asked(void **state)
{
	(void)state;
	struct sf_project *pj = fresh();
	put(pj, "a.js",
	    "const fs = require('fs');\n"
	    "app.get('/', (req, res) => {\n"
	    "  res.send(fs.readFileSync('x')); // stackfit: ignore[JS101]\n"
	    "  res.end(); // stackfit: ignore\n"
	    "});\n");
	project_solve(pj, NULL);
	assert_int_equal(project_findings(pj)->items.n, 0);
	assert_true(project_findings(pj)->silenced.n > 0);
	project_set_report_unused(pj, true);
	project_solve(pj, NULL);
	assert_int_equal(count(pj, "a.js", SUPPRESSION_RULE), 1);
	uint32_t n;
	const struct sf_diagnostic *d = project_file_findings(pj, "a.js", &n);
	assert_int_equal(d->start.line, 4);
	assert_non_null(d->line_text);
	assert_changes(pj, "a.js");
	project_destroy(pj);
}

/* --- edits solved incrementally, against a fresh project ------------ */

/* Every finding as text, with its frame. */
static void
render(struct strbuf *b, const struct sf_diagnostic *d, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		strbuf_printf(b, "%s %u:%u-%u:%u [%u,%u) %s %d %s | %s | %s\n",
			      d[i].path, d[i].start.line, d[i].start.column,
			      d[i].end.line, d[i].end.column, d[i].span.start,
			      d[i].span.end, d[i].rule_id, d[i].severity,
			      d[i].message, d[i].help ? d[i].help : "",
			      d[i].line_text ? d[i].line_text : "");
		for (uint32_t k = 0; k < d[i].related.n; k++)
			strbuf_printf(b, "  %s %u:%u %s\n",
				      d[i].related.v[k].path,
				      d[i].related.v[k].pos.line,
				      d[i].related.v[k].pos.column,
				      d[i].related.v[k].message);
	}
}

static char *
render_all(const struct sf_project *pj)
{
	struct strbuf b;
	strbuf_init(&b);
	const struct sf_diag_list *l = project_findings(pj);
	render(&b, l->items.v, l->items.n);
	return b.s ? strbuf_detach(&b) : xstrdup("");
}

static char *
render_file(const struct sf_project *pj, const char *path)
{
	struct strbuf b;
	strbuf_init(&b);
	uint32_t n;
	const struct sf_diagnostic *d = project_file_findings(pj, path, &n);
	render(&b, d, n);
	return b.s ? strbuf_detach(&b) : xstrdup("");
}

static int
disk_read(void *ctx, const char *path, uint64_t max_size, char **text,
	  uint32_t *len, char **note)
{
	return workspace_read_file(ctx, path, max_size, text, len, note);
}

static void
manifest(void *ctx, const char *rel, const char *text, uint32_t len)
{
	project_add_manifest(ctx, rel, text, len);
}

/* What an edit does to a text (owned result). */
static char *
edit(const char *text, uint32_t kind, uint32_t at)
{
	size_t n = strlen(text);
	static const char *const inserts[] = {
		"\napp.get('/e', (req, res) => { require('fs').readFileSync('"
		"e'); });\n",
		"\nasync def edited():\n    import time\n    time.sleep(1)\n",
		"(((",
		"\nfunction helper() { for (const a of xs) for (const b of xs) "
		"for (const c of xs) s += a * b * c; }\n",
		"\n# stackfit: ignore\n",
	};
	if (kind == 5) { /* cut up to 40 bytes out */
		size_t a = at % (n + 1), k = n - a < 40 ? n - a : 40;
		return xasprintf("%.*s%s", (int)a, text, text + a + k);
	}
	const char *ins = inserts[kind % 5];
	/* At a line start, so that inserted lines stay lines. */
	size_t pos = n ? at % n : 0;
	while (pos > 0 && text[pos - 1] != '\n')
		pos--;
	return xasprintf("%.*s%s%s", (int)pos, text, ins, text + pos);
}

/* steps edits of the files under dir (below the source folder), each
 * solved in one project as it goes and in a fresh one of the same texts:
 * the same findings, and the changes are the files whose findings
 * differ from the step before. */
static void
differential(const char *sub, int steps)
{
	xalloc_install_tree_sitter();
	char *dir = xasprintf("%s/%s", source_dir, sub);
	struct workspace ws;
	char *cause = NULL;
	assert_int_equal(workspace_init(&ws, dir, &cause), 0);
	assert_true(ws.files.n > 0);
	struct project_host h = {.ctx = ws.root, .read = disk_read};
	struct sf_project *warm = fresh();
	project_set_report_unused(warm, true);
	workspace_each_manifest(&ws, manifest, warm);
	for (uint32_t i = 0; i < ws.files.n; i++)
		project_update_file(warm, ws.files.v[i], ws.flags.v[i]);
	project_solve(warm, &h);
	/* The current texts (NULL: as on disk). */
	char **texts = xcalloc(ws.files.n, sizeof *texts);
	uint32_t seed = 12345, edits = 0;
	for (int step = 0; step < steps; step++) {
		seed = seed * 1103515245u + 12345u;
		uint32_t fi = (seed >> 8) % ws.files.n;
		seed = seed * 1103515245u + 12345u;
		uint32_t kind = (seed >> 8) % 7;
		seed = seed * 1103515245u + 12345u;
		uint32_t at = seed >> 4;
		const char *path = ws.files.v[fi];
		char **before_all = xcalloc(ws.files.n, sizeof *before_all);
		for (uint32_t i = 0; i < ws.files.n; i++)
			before_all[i] = render_file(warm, ws.files.v[i]);
		if (kind == 6 && texts[fi] != NULL) {
			/* Back to what is on disk. */
			free(texts[fi]);
			texts[fi] = NULL;
			project_update_file(warm, path, ws.flags.v[fi]);
		} else {
			char *old = texts[fi];
			if (old == NULL) {
				uint32_t len;
				char *note;
				assert_int_equal(
					workspace_read_file(ws.root, path,
							    1u << 30, &old,
							    &len, &note),
					0);
			}
			texts[fi] = edit(old, kind % 6, at);
			free(old);
			project_update_text(warm, path, ws.flags.v[fi],
					    texts[fi],
					    (uint32_t)strlen(texts[fi]));
		}
		edits++;
		project_solve(warm, &h);

		struct sf_project *cold = fresh();
		project_set_report_unused(cold, true);
		workspace_each_manifest(&ws, manifest, cold);
		for (uint32_t i = 0; i < ws.files.n; i++)
			if (texts[i] != NULL)
				project_update_text(cold, ws.files.v[i],
						    ws.flags.v[i], texts[i],
						    (uint32_t)strlen(texts[i]));
			else
				project_update_file(cold, ws.files.v[i],
						    ws.flags.v[i]);
		project_solve(cold, &h);
		char *w = render_all(warm), *c = render_all(cold);
		if (strcmp(w, c) != 0)
			fprintf(stderr,
				"%s, step %d (%s, edit %u):\n%s\n---\n%s\n",
				sub, step, path, kind, w, c);
		assert_string_equal(w, c);
		/* What changed is exactly the files whose findings did. */
		struct strbuf want;
		strbuf_init(&want);
		for (uint32_t i = 0; i < ws.files.n; i++) {
			char *now = render_file(warm, ws.files.v[i]);
			if (strcmp(now, before_all[i]) != 0)
				strbuf_printf(&want, "%s%s",
					      want.len ? "," : "",
					      ws.files.v[i]);
			free(now);
			free(before_all[i]);
		}
		free(before_all);
		assert_changes(warm, want.s ? want.s : "");
		strbuf_finish(&want);
		free(w);
		free(c);
		project_destroy(cold);
	}
	assert_int_equal(edits, steps);
	for (uint32_t i = 0; i < ws.files.n; i++)
		free(texts[i]);
	free(texts);
	project_destroy(warm);
	workspace_finish(&ws);
	free(dir);
}

static void
project_solve__edits_incrementally__same_as_fresh(void **state)
{
	(void)state;
	differential("examples", 24);
	static const char *const crossfile[] = {
		"express_cpu", "express_worker", "flask_cpu",
		"flask_ws",    "js_chain",       "py_chain",
	};
	for (size_t i = 0; i < sizeof crossfile / sizeof *crossfile; i++) {
		char *sub = xasprintf("tests/cases/crossfile/%s", crossfile[i]);
		differential(sub, 10);
		free(sub);
	}
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_project SOURCE_DIR\n");
		return 2;
	}
	source_dir = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			project_solve__one_file__findings_then_nothing_changed),
		cmocka_unit_test(project_solve__helper_edited__caller_changes),
		cmocka_unit_test(
			project_remove__file_with_findings__changed_and_gone),
		cmocka_unit_test(
			project_solve__registration_in_another_file__second_pass_follows),
		cmocka_unit_test(project_engine__nearest_folder__governs),
		cmocka_unit_test(
			project_commit__file_updated_meanwhile__job_dropped),
		cmocka_unit_test(
			project_solve__files_through_the_host__read_cached_noted),
		cmocka_unit_test(project_solve__sized_files__largest_first),
		cmocka_unit_test(project_solve__sizes_given__no_host_sizing),
		cmocka_unit_test(
			project_solve__after_the_index__one_map_same_findings),
		cmocka_unit_test(
			project_solve__map_leaves_tasks_out__model_and_profile_made),
		cmocka_unit_test(
			project_solve__unused_suppressions__reported_when_asked),
		cmocka_unit_test(
			project_solve__edits_incrementally__same_as_fresh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
