/*
 * The cross-file half of PY210 and PY211: a callable that one file hands
 * to a thread or a process is defined in another, and the project index
 * judges its body (index_fn_profile). The same-file half stays in each
 * rule's check_file, on the facts (python/judge.h).
 */
#ifndef SF_HANDOFF_INDEX_H
#define SF_HANDOFF_INDEX_H

#include "../index.h"
#include "rule.h"

/* One hand-off to judge: the send, what was sent, and the verdict. */
struct handoff_index {
	const struct summary_exec *exec;
	const struct sf_summary *target_file;
	const struct summary_function *target;
	struct index_fn_profile profile;
};

/* Calls report for every hand-off of kind in ctx's file whose callable is
 * a function of another file with the given workload. */
void handoff_index_check(struct sf_index_ctx *ctx, enum summary_exec_kind kind,
			 enum index_workload workload,
			 void (*report)(struct sf_index_ctx *ctx,
					const struct handoff_index *h));

#endif
