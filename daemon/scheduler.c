/*
 * Scheduler: workers take the next item from a shared counter, so a few
 * large files cannot leave a core idle behind a static split. The main
 * thread runs a libuv loop that only draws progress and wakes up when the
 * last worker is done.
 */
#include "scheduler.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <uv.h>

#include "cache.h"
#include "project.h"
#include "util/vec.h"
#include "util/strmap.h"
#include "util/xalloc.h"

/* Milliseconds between progress redraws. */
#define SCHEDULER_PROGRESS_MS 100

struct pool {
	project_map_fn *fn;
	void *arg;
	uint32_t count;
	const char *what; /* for the progress line */
	atomic_uint next;
	atomic_uint done;
	atomic_uint running;
	uv_async_t finished; /* signalled by the last worker */
	bool progress;
	uv_timer_t timer;
};

static void
worker(void *arg)
{
	struct pool *p = arg;
	struct sf_parser *parser = parser_create();
	for (;;) {
		uint32_t k = atomic_fetch_add(&p->next, 1);
		if (k >= p->count)
			break;
		p->fn(p->arg, parser, k);
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

void
scheduler_map(const struct scheduler_options *o, const char *what, uint32_t n,
	      project_map_fn *fn, void *arg)
{
	if (n == 0)
		return;
	if (n == 1) {
		/* One file (an edit): here, without a thread and a loop. */
		struct sf_parser *parser = parser_create();
		fn(arg, parser, 0);
		parser_destroy(parser);
		return;
	}
	unsigned jobs = o->jobs ? o->jobs : uv_available_parallelism();
	if (jobs > n)
		jobs = n;
	struct pool p = {
		.fn = fn,
		.arg = arg,
		.count = n,
		.what = what,
		.progress = o->progress && what != NULL,
	};
	atomic_init(&p.next, 0);
	atomic_init(&p.done, 0);
	atomic_init(&p.running, jobs);
	uv_loop_t loop;
	uv_loop_init(&loop);
	uv_async_init(&loop, &p.finished, on_finished);
	p.finished.data = &p;
	if (p.progress) {
		uv_timer_init(&loop, &p.timer);
		p.timer.data = &p;
		uv_timer_start(&p.timer, draw_progress, SCHEDULER_PROGRESS_MS,
			       SCHEDULER_PROGRESS_MS);
	}
	uv_thread_t *threads = xcalloc(jobs, sizeof *threads);
	for (unsigned i = 0; i < jobs; i++)
		if (uv_thread_create(&threads[i], worker, &p) != 0) {
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

static void
add_manifest(void *ctx, const char *rel, const char *text, uint32_t len)
{
	project_add_manifest(ctx, rel, text, len);
}

void
scheduler_update_listed(struct sf_project *pj, const struct workspace *ws,
			uint32_t i)
{
	if (ws->sizes.n == ws->files.n)
		project_update_file_sized(pj, ws->files.v[i], ws->flags.v[i],
					  ws->sizes.v[i]);
	else
		project_update_file(pj, ws->files.v[i], ws->flags.v[i]);
}

/* The sizes of a workspace's files (scheduler.h), a slice at a time
 * from either thread: the solve orders the files by size, and a walk of
 * the folders did not learn them. Each is looked at from the root's
 * folder (fstatat), not from the top of the file system. */
struct scheduler_sizing {
	const struct workspace *ws;
	uint64_t *sizes;
	int rootfd; /* -1: workspace_file_size */
	atomic_uint next;
	uv_thread_t thread;
};

/* Files a slice of the sizing holds. */
#define SCHEDULER_SIZE_SLICE 64

static void
size_files(void *arg)
{
	struct scheduler_sizing *s = arg;
	uint32_t n = s->ws->files.n;
	for (;;) {
		uint32_t from =
			atomic_fetch_add(&s->next, SCHEDULER_SIZE_SLICE);
		if (from >= n)
			break;
		uint32_t to = n - from < SCHEDULER_SIZE_SLICE
				      ? n
				      : from + SCHEDULER_SIZE_SLICE;
		for (uint32_t i = from; i < to; i++) {
			const char *rel = s->ws->files.v[i];
			struct stat st;
			if (s->rootfd < 0)
				s->sizes[i] =
					workspace_file_size(s->ws->root, rel);
			else
				s->sizes[i] =
					fstatat(s->rootfd, rel, &st, 0) == 0 &&
							S_ISREG(st.st_mode)
						? (uint64_t)st.st_size
						: 0;
		}
	}
}

struct scheduler_sizing *
scheduler_sizing_start(const struct workspace *ws)
{
	uint32_t n = ws->files.n;
	if (n < 2 || ws->sizes.n == n)
		return NULL;
	struct scheduler_sizing *s = xmalloc(sizeof *s);
	*s = (struct scheduler_sizing){
		.ws = ws,
		.sizes = xmalloc(n * sizeof *s->sizes),
		.rootfd = open(ws->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC),
	};
	atomic_init(&s->next, 0);
	if (uv_thread_create(&s->thread, size_files, s) != 0) {
		/* The solve sizes them. */
		if (s->rootfd >= 0)
			close(s->rootfd);
		free(s->sizes);
		free(s);
		return NULL;
	}
	return s;
}

uint64_t *
scheduler_sizing_finish(struct scheduler_sizing *s)
{
	if (s == NULL)
		return NULL;
	size_files(s);
	uv_thread_join(&s->thread);
	if (s->rootfd >= 0)
		close(s->rootfd);
	uint64_t *sizes = s->sizes;
	free(s);
	return sizes;
}

void
scheduler_add_workspace(struct sf_project *pj, const struct workspace *ws,
			const struct strmap *texts)
{
	uint32_t n = ws->files.n;
	struct scheduler_sizing *sizing = scheduler_sizing_start(ws);
	workspace_each_manifest(ws, add_manifest, pj);
	uint64_t *sizes = scheduler_sizing_finish(sizing);
	for (uint32_t i = 0; i < n; i++) {
		const char *rel = ws->files.v[i];
		const struct scheduler_text *t =
			texts ? strmap_get(texts, rel, NULL) : NULL;
		if (t != NULL)
			project_update_text(pj, rel, ws->flags.v[i], t->text,
					    t->len);
		else if (sizes != NULL)
			project_update_file_sized(pj, rel, ws->flags.v[i],
						  sizes[i]);
		else
			scheduler_update_listed(pj, ws, i);
	}
	free(sizes);
}

/* The settings digest of an engine of the project: every file's cache
 * entry is keyed by those of the configuration that governs it, so that
 * a change of a folder's configuration misses its files' entries only. */
struct engine_digest {
	const struct sf_engine *engine;
	struct cache_digest digest;
};

/* The host of a solve (project.h). */
struct host {
	const char *root;
	const struct scheduler_options *o;
	/* The digests of the engines met so far (few: one per configured
	 * folder); workers look them up under the lock. */
	uv_mutex_t lock;
	VEC(struct engine_digest) digests;
};

static int
host_read(void *ctx, const char *path, uint64_t max_size, char **text,
	  uint32_t *len, char **note)
{
	struct host *h = ctx;
	return workspace_read_file(h->root, path, max_size, text, len, note);
}

static uint64_t
host_size(void *ctx, const char *path)
{
	struct host *h = ctx;
	return workspace_file_size(h->root, path);
}

/* The cache key of k, its settings digest kept in *d (the caller's: the
 * table may move while another worker adds to it). */
static void
host_key(struct host *h, const struct project_key *k, struct cache_key *key,
	 struct cache_digest *d)
{
	bool found = false;
	uv_mutex_lock(&h->lock);
	for (uint32_t i = 0; i < h->digests.n && !found; i++)
		if (h->digests.v[i].engine == k->engine) {
			*d = h->digests.v[i].digest;
			found = true;
		}
	uv_mutex_unlock(&h->lock);
	if (!found) {
		/* Computed outside the lock; two workers may both compute
		 * one, and both keep the same value. */
		cache_settings_digest(k->engine, d);
		uv_mutex_lock(&h->lock);
		*VEC_PUSH(h->digests) = (struct engine_digest){
			.engine = k->engine, .digest = *d};
		uv_mutex_unlock(&h->lock);
	}
	*key = (struct cache_key){
		.path = k->path, .flags = k->flags, .settings = d};
	cache_key_set_text(key, k->text, k->len);
}

static bool
host_load(void *ctx, const struct project_key *k, struct sf_diag_list *diags,
	  struct sf_summary **summary)
{
	struct host *h = ctx;
	struct cache_key key;
	struct cache_digest d;
	host_key(h, k, &key, &d);
	return cache_load(h->o->cache, &key, diags, summary);
}

static void
host_store(void *ctx, const struct project_key *k,
	   const struct sf_diag_list *diags, const struct sf_summary *summary)
{
	struct host *h = ctx;
	struct cache_key key;
	struct cache_digest d;
	host_key(h, k, &key, &d);
	cache_store(h->o->cache, &key, diags, summary);
}

static void
host_map(void *ctx, const char *what, uint32_t n, project_map_fn *fn, void *arg)
{
	struct host *h = ctx;
	scheduler_map(h->o, what, n, fn, arg);
}

void
scheduler_solve(struct sf_project *pj, const char *root,
		const struct scheduler_options *o)
{
	struct host ctx = {
		.root = root,
		.o = o,
	};
	uv_mutex_init(&ctx.lock);
	struct project_host h = {
		.ctx = &ctx,
		.read = host_read,
		.size = host_size,
		.load = o->cache ? host_load : NULL,
		.store = o->cache ? host_store : NULL,
		.map = host_map,
	};
	project_solve(pj, &h);
	VEC_FREE(ctx.digests);
	uv_mutex_destroy(&ctx.lock);
}
