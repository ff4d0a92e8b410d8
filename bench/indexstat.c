/*
 * indexstat: what the project index holds for a repository (every file's
 * summary, made on the scheduler's workers as an audit makes them), and
 * what solving it costs — the whole index, and again after one file's
 * summary is replaced (the language server's and the daemon's case). For
 * bench/RESULTS.md; not a test.
 *
 *   indexstat PATH [FILE]   FILE: the file to replace (default: the first)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "index.h"
#include "language.h"
#include "parse.h"
#include "scheduler.h"
#include "util/xalloc.h"
#include "workspace.h"

/* Solves timed, to take the median of. */
#define INDEXSTAT_RUNS 9

static double
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void
add_manifest(void *ctx, const char *rel, const char *text, uint32_t len)
{
	char *cause = NULL;
	if (index_add_manifest(ctx, rel, text, len, &cause) < 0)
		free(cause);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Every file's summary, from the scheduler's workers. */
struct summaries {
	const struct sf_engine *e;
	const struct workspace *ws;
	struct sf_summary **v;
};

static void
summarise(void *arg, struct sf_parser *p, uint32_t i)
{
	struct summaries *s = arg;
	char *text, *note;
	uint32_t len;
	if (workspace_read_file(s->ws->root, s->ws->files.v[i],
				engine_max_file_size(s->e), &text, &len,
				&note) < 0) {
		free(note);
		return;
	}
	struct sf_source src = {
		.path = s->ws->files.v[i],
		.text = text,
		.len = len,
		.flags = s->ws->flags.v[i],
	};
	struct sf_diag_list d;
	diag_list_init(&d);
	struct sf_facts *f = engine_check_source(s->e, p, &src, &d);
	if (f != NULL)
		s->v[i] = engine_summarise(s->e, f, text, len);
	facts_destroy(f);
	diag_list_finish(&d);
	free(text);
}

int
main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: indexstat PATH [FILE]\n");
		return 2;
	}
	xalloc_install_tree_sitter();
	struct workspace ws;
	char *cause = NULL;
	if (workspace_init(&ws, argv[1], &cause) < 0) {
		fprintf(stderr, "indexstat: %s\n", cause);
		return 2;
	}
	struct sf_engine *e = engine_create();
	struct summaries all = {
		.e = e,
		.ws = &ws,
		.v = xcalloc(ws.files.n ? ws.files.n : 1, sizeof *all.v),
	};
	scheduler_map(&(struct scheduler_options){0}, "summarising", ws.files.n,
		      summarise, &all);
	struct sf_index *ix = index_create();
	index_set_apis(ix, engine_match_api, e);
	workspace_each_manifest(&ws, add_manifest, ix);
	for (uint32_t i = 0; i < ws.files.n; i++)
		if (all.v[i] != NULL)
			index_put(ix, all.v[i]);
	free(all.v);
	index_solve(ix, NULL, NULL);
	uint64_t fns = 0, calls = 0, events = 0;
	uint32_t again = 0;
	for (uint32_t i = 0; i < index_file_count(ix); i++) {
		const struct sf_summary *s = index_file(ix, i);
		fns += s->functions.n;
		calls += s->calls.n;
		events += s->events.n;
		again += index_needs_recheck(ix, s->path);
	}
	printf("files %u, functions %llu, calls kept %llu, events %llu, "
	       "parsed again %u\n",
	       index_file_count(ix), (unsigned long long)fns,
	       (unsigned long long)calls, (unsigned long long)events, again);

	double t[INDEXSTAT_RUNS];
	for (int i = 0; i < INDEXSTAT_RUNS; i++) {
		double a = now_ms();
		index_solve(ix, NULL, NULL);
		t[i] = now_ms() - a;
	}
	qsort(t, INDEXSTAT_RUNS, sizeof *t, cmp_double);
	printf("solve, nothing changed: median %.1f ms\n",
	       t[INDEXSTAT_RUNS / 2]);
	/* Adding or removing a file resolves every name again: the cost of
	 * the first solve of a run. A manifest added again has the same
	 * effect without changing anything. */
	const struct index_manifest *m0 =
		index_manifest_count(ix) ? index_manifest(ix, 0) : NULL;
	char *mpath = m0 ? xstrdup(m0->path) : NULL;
	for (int i = 0; mpath != NULL && i < INDEXSTAT_RUNS; i++) {
		char *mtext, *mnote, *mcause = NULL;
		uint32_t mlen;
		if (workspace_read_file(ws.root, mpath, INDEX_MANIFEST_MAX,
					&mtext, &mlen, &mnote) < 0)
			return 2;
		double a = now_ms();
		if (index_add_manifest(ix, mpath, mtext, mlen, &mcause) < 0)
			free(mcause);
		index_solve(ix, NULL, NULL);
		t[i] = now_ms() - a;
		free(mtext);
	}
	free(mpath);
	qsort(t, INDEXSTAT_RUNS, sizeof *t, cmp_double);
	printf("solve, every name resolved again: median %.1f ms\n",
	       t[INDEXSTAT_RUNS / 2]);

	/* Re-extract one file and solve: what an edit costs the index. */
	/* A copy: replacing the summary frees the old path. */
	char *rel = xstrdup(argc == 3 ? argv[2] : index_file(ix, 0)->path);
	char *text, *note;
	uint32_t len;
	if (workspace_read_file(ws.root, rel, ENGINE_MAX_FILE_SIZE, &text, &len,
				&note) < 0) {
		fprintf(stderr, "indexstat: %s: %s\n", rel, note);
		return 2;
	}
	struct sf_parser *p = parser_create();
	uint32_t changed = 0;
	for (int i = 0; i < INDEXSTAT_RUNS; i++) {
		double a = now_ms();
		struct sf_diag_list d;
		diag_list_init(&d);
		struct sf_source src = {.path = rel, .text = text, .len = len};
		struct sf_facts *f = engine_check_source(e, p, &src, &d);
		if (f == NULL) {
			fprintf(stderr, "indexstat: %s: not a source file\n",
				rel);
			return 2;
		}
		index_put(ix, engine_summarise(e, f, text, len));
		facts_destroy(f);
		struct index_changes c = {0};
		index_solve(ix, &c, NULL);
		t[i] = now_ms() - a;
		changed = c.paths.n;
		index_changes_finish(&c);
		diag_list_finish(&d);
	}
	qsort(t, INDEXSTAT_RUNS, sizeof *t, cmp_double);
	printf("one file re-extracted and solved (%s): median %.1f ms, %u "
	       "files reported changed\n",
	       rel, t[INDEXSTAT_RUNS / 2], changed);
	parser_destroy(p);
	free(text);
	free(rel);
	index_destroy(ix);
	engine_destroy(e);
	workspace_finish(&ws);
	return 0;
}
