/*
 * Scheduler: workers take the next file index from a shared counter, so a
 * few large files cannot leave a core idle behind a static split. The main
 * thread runs a libuv loop that only draws progress and wakes up when the
 * last worker is done. The same pool runs twice: every file (facts, rules,
 * summary — or, with a cache, its entry when it has one), then the files
 * the solved index says to check again.
 */
#include "scheduler.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "cache.h"
#include "parse.h"
#include "rules/rule.h"
#include "summary.h"
#include "suppression.h"
#include "util/strmap.h"
#include "util/xalloc.h"

/* Milliseconds between progress redraws. */
#define SCHEDULER_PROGRESS_MS 100

struct file_slot {
	struct sf_diag_list diags;
	char *note;
	struct sf_summary *summary; /* first pass, handed to the index */
	bool analysed;
};

struct pool {
	const struct sf_engine *engine;
	const struct workspace *ws;
	struct file_slot *slots;
	const uint32_t *order; /* files to analyse (indexes into ws->files) */
	uint32_t count;
	const struct sf_index *index; /* NULL in the first pass */
	const char *what;             /* for the progress line */
	struct sf_cache *cache;       /* first-pass results, or NULL */
	const struct strmap *texts;   /* texts instead of files, or NULL */
	atomic_uint cached;
	atomic_uint next;
	atomic_uint done;
	atomic_uint running;
	uv_async_t finished; /* signalled by the last worker */
	bool progress;
	uv_timer_t timer;
};

/* Reads the file at rel, or takes its text from texts, with the same
 * limits (see workspace_read_file; *text is owned by the caller). */
static int
read_source(const char *root, const struct strmap *texts, const char *rel,
	    uint64_t max_size, char **text, uint32_t *len, char **note)
{
	const struct scheduler_text *t =
		texts ? strmap_get(texts, rel, NULL) : NULL;
	if (t == NULL)
		return workspace_read_file(root, rel, max_size, text, len,
					   note);
	*text = NULL;
	*len = 0;
	if (t->len > max_size) {
		*note = xasprintf("larger than %llu bytes",
				  (unsigned long long)max_size);
		return -1;
	}
	if (memchr(t->text, '\0', t->len < 8192 ? t->len : 8192) != NULL) {
		*note = xstrdup("binary file");
		return -1;
	}
	*text = xmalloc((size_t)t->len + 1);
	memcpy(*text, t->text, t->len);
	(*text)[t->len] = '\0';
	*len = t->len;
	return 0;
}

static void
analyse_one(struct pool *p, struct sf_parser *parser, uint32_t i)
{
	struct file_slot *slot = &p->slots[i];
	const char *rel = p->ws->files.v[i];
	char *text, *note;
	uint32_t len;
	if (read_source(p->ws->root, p->texts, rel,
			engine_max_file_size(p->engine), &text, &len,
			&note) < 0) {
		free(slot->note);
		slot->note = xasprintf("%s: skipped: %s", rel, note);
		free(note);
		return;
	}
	struct cache_key key = {
		.path = rel,
		.len = len,
		.flags = p->ws->flags.v[i],
	};
	bool cacheable = p->index == NULL && p->cache != NULL;
	if (cacheable) {
		key.hash = summary_hash_text(text, len);
		if (cache_load(p->cache, &key, &slot->diags, &slot->summary)) {
			slot->analysed = true;
			atomic_fetch_add(&p->cached, 1);
			free(text);
			return;
		}
	}
	struct sf_source src = {
		.path = rel,
		.text = text,
		.len = len,
		.flags = p->ws->flags.v[i],
		.index = p->index,
	};
	struct sf_diag_list diags;
	diag_list_init(&diags);
	struct sf_facts *f =
		engine_check_source(p->engine, parser, &src, &diags);
	if (p->index == NULL) {
		slot->analysed = f != NULL;
		if (f != NULL) {
			struct cost_options cost =
				engine_cost_options(p->engine);
			struct summary_env env = {
				.catalogue = engine_catalogue(p->engine),
				.cost = &cost,
			};
			slot->summary = summary_build(f, text, len, &env);
			if (cacheable)
				cache_store(p->cache, &key, &diags,
					    slot->summary);
		}
	}
	if (f != NULL) {
		/* The second pass sees everything the first did, and more. */
		diag_list_finish(&slot->diags);
		slot->diags = diags;
	} else {
		diag_list_finish(&diags);
	}
	facts_destroy(f);
	free(text);
}

static void
worker(void *arg)
{
	struct pool *p = arg;
	struct sf_parser *parser = parser_create();
	for (;;) {
		uint32_t k = atomic_fetch_add(&p->next, 1);
		if (k >= p->count)
			break;
		analyse_one(p, parser, p->order[k]);
		atomic_fetch_add(&p->done, 1);
	}
	parser_destroy(parser);
	if (atomic_fetch_sub(&p->running, 1) == 1)
		uv_async_send(&p->finished);
}

static void
draw_progress(uv_timer_t *t)
{
	struct pool *p = t->data;
	fprintf(stderr, "\r\033[Kstackfit: %s %u/%u files", p->what,
		atomic_load(&p->done), p->count);
	fflush(stderr);
}

static void
on_finished(uv_async_t *a)
{
	struct pool *p = a->data;
	if (p->progress) {
		uv_timer_stop(&p->timer);
		uv_close((uv_handle_t *)&p->timer, NULL);
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	uv_close((uv_handle_t *)a, NULL);
}

/* Runs the pool over order[0..count) and returns when every file is done. */
static void
run_pool(struct pool *p, unsigned jobs)
{
	if (p->count == 0)
		return;
	if (jobs > p->count)
		jobs = p->count;
	atomic_init(&p->next, 0);
	atomic_init(&p->done, 0);
	atomic_init(&p->running, jobs);
	uv_loop_t loop;
	uv_loop_init(&loop);
	uv_async_init(&loop, &p->finished, on_finished);
	p->finished.data = p;
	if (p->progress) {
		uv_timer_init(&loop, &p->timer);
		p->timer.data = p;
		uv_timer_start(&p->timer, draw_progress, SCHEDULER_PROGRESS_MS,
			       SCHEDULER_PROGRESS_MS);
	}
	uv_thread_t *threads = xcalloc(jobs, sizeof *threads);
	for (unsigned i = 0; i < jobs; i++)
		if (uv_thread_create(&threads[i], worker, p) != 0) {
			fprintf(stderr,
				"stackfit: cannot start a worker thread\n");
			abort();
		}
	uv_run(&loop, UV_RUN_DEFAULT);
	for (unsigned i = 0; i < jobs; i++)
		uv_thread_join(&threads[i]);
	free(threads);
	uv_loop_close(&loop);
}

struct manifest_ctx {
	struct sf_index *ix;
	struct scheduler_result *out;
};

static void
add_manifest(void *ctx, const char *rel, const char *text, uint32_t len)
{
	struct manifest_ctx *m = ctx;
	char *cause = NULL;
	if (index_add_manifest(m->ix, rel, text, len, &cause) < 0)
		*VEC_PUSH(m->out->notes) = cause;
}

/* Fills the code frames of findings made from summaries (index and
 * project rules), which have no text at hand: each file is read once
 * (the list is sorted by path). */
static void
locate_lines(const struct workspace *ws, const struct strmap *texts,
	     struct sf_diag_list *l)
{
	const char *path = NULL;
	char *text = NULL;
	uint32_t len = 0;
	bool ok = false;
	struct diag_cursor c = {0};
	for (uint32_t i = 0; i < l->items.n; i++) {
		struct sf_diagnostic *d = &l->items.v[i];
		if (d->line_text != NULL)
			continue;
		if (path == NULL || strcmp(path, d->path) != 0) {
			free(text);
			text = NULL;
			char *note = NULL;
			ok = read_source(ws->root, texts, d->path,
					 ENGINE_MAX_FILE_SIZE, &text, &len,
					 &note) == 0;
			free(note);
			path = d->path;
			c = (struct diag_cursor){0};
		}
		if (ok)
			rule_locate_line_at(d, text, len, &c);
	}
	free(text);
}

/* The rules that judge files through the index, the stack-fit profile and
 * the project-level rules; then the final order and the verdicts. */
static void
run_index_rules(const struct sf_engine *e, const struct workspace *ws,
		const struct scheduler_options *o, struct scheduler_result *out)
{
	for (uint32_t i = 0; i < index_file_count(out->index); i++)
		engine_check_indexed(e, out->index,
				     index_file(out->index, i)->path, NULL, 0,
				     &out->diags);
	out->profile = profile_build(out->index);
	for (size_t i = 0; i < rule_count; i++) {
		const struct sf_rule *r = rule_table[i];
		enum sf_severity sev = engine_severity(e, r);
		if (r->check_project == NULL || sev == SF_SEV_OFF)
			continue;
		struct sf_project_ctx ctx = {
			.engine = e,
			.rule = r,
			.index = out->index,
			.profile = out->profile,
			.severity = sev,
			.out = &out->diags,
		};
		r->check_project(&ctx);
	}
	/* Every pass has recorded what it silenced by now. */
	if (o->report_unused_ignores)
		suppression_report_unused(e, out->index, &out->diags);
	diag_list_sort(&out->diags);
	locate_lines(ws, o->texts, &out->diags);
	/* Findings made from summaries had no byte offsets to be sorted by
	 * until now: sort again, so that a file's findings are in the order
	 * of its text. */
	diag_list_sort(&out->diags);
	profile_judge(out->profile, &out->diags);
}

void
scheduler_run(const struct sf_engine *e, const struct workspace *ws,
	      unsigned jobs, bool progress, struct scheduler_result *out)
{
	struct scheduler_options o = {.jobs = jobs, .progress = progress};
	scheduler_run_with(e, ws, &o, out);
}

void
scheduler_run_with(const struct sf_engine *e, const struct workspace *ws,
		   const struct scheduler_options *o,
		   struct scheduler_result *out)
{
	*out = (struct scheduler_result){0};
	uint32_t n = ws->files.n;
	unsigned jobs = o->jobs;
	if (jobs == 0)
		jobs = uv_available_parallelism();
	uint32_t *order = xmalloc((n ? n : 1) * sizeof *order);
	for (uint32_t i = 0; i < n; i++)
		order[i] = i;
	struct pool p = {
		.engine = e,
		.ws = ws,
		.slots = xcalloc(n ? n : 1, sizeof(struct file_slot)),
		.order = order,
		.count = n,
		.what = "analysing",
		.cache = o->cache,
		.texts = o->texts,
		.progress = o->progress && n > 0,
	};
	atomic_init(&p.cached, 0);
	run_pool(&p, jobs);
	out->cached = atomic_load(&p.cached);
	if (o->cache != NULL)
		cache_flush(o->cache);

	/* The index, from the summaries; then the few files whose per-file
	 * rules depend on it. */
	struct sf_index *ix = index_create();
	struct manifest_ctx mc = {ix, out};
	workspace_each_manifest(ws, add_manifest, &mc);
	for (uint32_t i = 0; i < n; i++)
		if (p.slots[i].summary != NULL) {
			index_put(ix, p.slots[i].summary);
			p.slots[i].summary = NULL;
		}
	index_solve(ix, NULL);
	uint32_t again = 0;
	for (uint32_t i = 0; i < n; i++)
		if (p.slots[i].analysed &&
		    index_needs_recheck(ix, ws->files.v[i]))
			order[again++] = i;
	p.count = again;
	p.index = ix;
	p.what = "checking across files";
	run_pool(&p, jobs);
	out->rechecked = again;
	out->index = ix;

	for (uint32_t i = 0; i < n; i++) {
		struct file_slot *s = &p.slots[i];
		diag_list_move(&out->diags, &s->diags);
		diag_list_finish(&s->diags);
		if (s->analysed)
			out->analysed++;
		if (s->note != NULL)
			*VEC_PUSH(out->notes) = s->note;
	}
	free(p.slots);
	free(order);
	run_index_rules(e, ws, o, out);
}

void
scheduler_result_finish(struct scheduler_result *r)
{
	if (r == NULL)
		return;
	diag_list_finish(&r->diags);
	for (uint32_t i = 0; i < r->notes.n; i++)
		free(r->notes.v[i]);
	VEC_FREE(r->notes);
	profile_destroy(r->profile);
	r->profile = NULL;
	index_destroy(r->index);
	r->index = NULL;
}
