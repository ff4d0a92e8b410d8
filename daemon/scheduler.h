/*
 * Scheduler: runs the engine over a workspace on a pool of worker threads
 * (libuv threads), one sf_parser per worker, and shows progress on a
 * terminal. Results come back in the workspace's file order, so output does
 * not depend on timing.
 *
 * The project index is built in the same pass: each worker turns a file's
 * facts into a summary and frees the facts and the tree. Once every file
 * is in, the index is solved; the rules that judge files through it
 * (JS107, PY202) run on the summaries, and only the files holding a
 * function that another file registers as a callback are parsed again.
 */
#ifndef SF_SCHEDULER_H
#define SF_SCHEDULER_H

#include <stdbool.h>

#include "diagnostic.h"
#include "engine.h"
#include "index.h"
#include "profile.h"
#include "workspace.h"

struct sf_cache;
struct strmap;

struct scheduler_result {
	struct sf_diag_list diags; /* every file's findings, sorted */
	uint32_t analysed;         /* files read and analysed */
	/* One line per skipped file: "path: skipped: why", or per manifest
	 * that could not be read. Owned. */
	VEC(char *) notes;
	/* The solved project index (index.h). Owned. */
	struct sf_index *index;
	/* The stack-fit profile, judged (profile.h). Owned. */
	struct sf_profile *profile;
	uint32_t rechecked; /* files parsed a second time (registrations) */
	uint32_t cached;    /* files whose first pass came from the cache */
};

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
	 * looked up before and stored after analysing it, or NULL. The
	 * second pass and the index and project rules always run. Entries
	 * of files not in the workspace are swept at the end. */
	struct sf_cache *cache;
	/* Root-relative path -> const struct scheduler_text *: texts read
	 * instead of those files (they must be in the workspace), or NULL.
	 * Not owned. */
	const struct strmap *texts;
	/* Add an `info` finding for each suppression comment that silenced
	 * nothing (suppression.h): --report-unused-ignores. */
	bool report_unused_ignores;
};

/* Analyses every file of ws with jobs workers (0 = one per core): the
 * per-file rules, the index and the rules that need it, the stack-fit
 * profile and the project rules (ST3xx). When progress is true, a progress
 * line is drawn on stderr. */
void scheduler_run(const struct sf_engine *e, const struct workspace *ws,
		   unsigned jobs, bool progress, struct scheduler_result *out);
/* The same, with the options above. */
void scheduler_run_with(const struct sf_engine *e, const struct workspace *ws,
			const struct scheduler_options *o,
			struct scheduler_result *out);
void scheduler_result_finish(struct scheduler_result *r);

#endif
