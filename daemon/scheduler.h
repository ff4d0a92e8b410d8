/*
 * Scheduler: how the command line and the daemon run a project's analyses
 * (analyzers/project.h) — a parallel map on a pool of worker threads
 * (libuv threads), one sf_parser per worker, with a progress line on a
 * terminal; files read from the workspace on disk; first passes through
 * the on-disk analysis cache (cache.h). The project commits results in
 * path order, so output does not depend on timing.
 */
#ifndef SF_SCHEDULER_H
#define SF_SCHEDULER_H

#include <stdbool.h>

#include "project.h"
#include "workspace.h"

struct sf_cache;
struct strmap;

/* A text to analyse instead of a file's contents on disk (`check
 * --staged` analyses what is staged). */
struct scheduler_text {
	const char *text; /* len bytes */
	uint32_t len;
};

struct scheduler_options {
	unsigned jobs; /* worker threads; 0: one per core */
	bool progress; /* draw a progress line on stderr */
	/* Where the first pass (per-file rules and summary) of each file is
	 * looked up before and stored after analysing it, or NULL. It must
	 * have been opened with the project's root engine: files another
	 * engine governs are not cached. The caller flushes it. */
	struct sf_cache *cache;
};

/* Runs fn(arg, parser, i) for every i in [0, n) on o->jobs workers (0:
 * one per core), each with its own parser, and returns when all are
 * done; with o->progress and what not NULL, "stackfit: what i/n files" is
 * drawn on stderr meanwhile. */
void scheduler_map(const struct scheduler_options *o, const char *what,
		   uint32_t n, project_map_fn *fn, void *arg);

/* Puts ws's file i into pj to be read from disk, with the workspace's
 * flags and the size its listing saw, if any. */
void scheduler_update_listed(struct sf_project *pj, const struct workspace *ws,
			     uint32_t i);
/* The sizes of ws's files in bytes (as workspace_file_size says), looked
 * at on a thread of its own from start, then by the thread that calls
 * finish too: what a caller does between the two runs beside it.
 * start returns NULL when there is nothing to size (ws has its sizes, or
 * fewer than two files) or no thread; finish then returns NULL. finish
 * returns the sizes, one per file, owned by the caller, and frees s
 * (accepts NULL). */
struct scheduler_sizing;
struct scheduler_sizing *scheduler_sizing_start(const struct workspace *ws);
uint64_t *scheduler_sizing_finish(struct scheduler_sizing *s);
/* Puts every file of ws into pj with the workspace's flags — as the text
 * texts holds for it when texts (root-relative path -> const struct
 * scheduler_text *, or NULL) has one, else to be read from disk — and
 * the manifests of its folders. */
void scheduler_add_workspace(struct sf_project *pj, const struct workspace *ws,
			     const struct strmap *texts);

/* Solves pj (project_solve) with files read under root (absolute) as
 * workspace_read_file reads them, on the pool, through o->cache. */
void scheduler_solve(struct sf_project *pj, const char *root,
		     const struct scheduler_options *o);

#endif
