/*
 * Scheduler: workers take the next file index from a shared counter, so a
 * few large files cannot leave a core idle behind a static split. The main
 * thread runs a libuv loop that only draws progress and wakes up when the
 * last worker is done.
 */
#include "scheduler.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include <uv.h>

#include "parse.h"
#include "util/xalloc.h"

/* Milliseconds between progress redraws. */
#define SCHEDULER_PROGRESS_MS 100

struct file_slot {
	struct sf_diag_list diags;
	char *note;
	bool analysed;
};

struct pool {
	const struct sf_engine *engine;
	const struct workspace *ws;
	struct file_slot *slots;
	atomic_uint next;
	atomic_uint done;
	atomic_uint running;
	uv_async_t finished; /* signalled by the last worker */
	bool progress;
	uv_timer_t timer;
};

static void
analyse_one(struct pool *p, struct sf_parser *parser, uint32_t i)
{
	struct file_slot *slot = &p->slots[i];
	const char *rel = p->ws->files.v[i];
	char *text, *note;
	uint32_t len;
	if (workspace_read_file(p->ws->root, rel,
				engine_max_file_size(p->engine), &text, &len,
				&note) < 0) {
		slot->note = xasprintf("%s: skipped: %s", rel, note);
		free(note);
		return;
	}
	struct sf_source src = {
		.path = rel,
		.text = text,
		.len = len,
		.flags = p->ws->flags.v[i],
	};
	struct sf_facts *f =
		engine_check_source(p->engine, parser, &src, &slot->diags);
	slot->analysed = f != NULL;
	facts_destroy(f);
	free(text);
}

static void
worker(void *arg)
{
	struct pool *p = arg;
	struct sf_parser *parser = parser_create();
	for (;;) {
		uint32_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->ws->files.n)
			break;
		analyse_one(p, parser, i);
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
	fprintf(stderr, "\r\033[Kstackfit: analysing %u/%u files",
		atomic_load(&p->done), p->ws->files.n);
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
scheduler_run(const struct sf_engine *e, const struct workspace *ws,
	      unsigned jobs, bool progress, struct scheduler_result *out)
{
	*out = (struct scheduler_result){0};
	uint32_t n = ws->files.n;
	if (jobs == 0)
		jobs = uv_available_parallelism();
	if (jobs > n)
		jobs = n ? n : 1;
	struct pool p = {
		.engine = e,
		.ws = ws,
		.slots = xcalloc(n ? n : 1, sizeof(struct file_slot)),
		.progress = progress && n > 0,
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

	for (uint32_t i = 0; i < n; i++) {
		struct file_slot *s = &p.slots[i];
		diag_list_move(&out->diags, &s->diags);
		if (s->analysed)
			out->analysed++;
		if (s->note != NULL)
			*VEC_PUSH(out->notes) = s->note;
	}
	free(p.slots);
	diag_list_sort(&out->diags);
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
}
