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
};

/* Analyses every file of ws with jobs workers (0 = one per core): the
 * per-file rules, the index and the rules that need it, the stack-fit
 * profile and the project rules (ST3xx). When progress is true, a progress
 * line is drawn on stderr. */
void scheduler_run(const struct sf_engine *e, const struct workspace *ws,
		   unsigned jobs, bool progress, struct scheduler_result *out);
void scheduler_result_finish(struct scheduler_result *r);

#endif
