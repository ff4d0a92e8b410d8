/*
 * What JS107 and PY202 share: event-loop/async code calls a project
 * function (this file or another, through the index) whose summary blocks;
 * the finding is at the call, with the chain in its related information.
 */
#ifndef SF_BLOCKING_HELPER_H
#define SF_BLOCKING_HELPER_H

#include "../index.h"
#include "rule.h"

/* Writes the help line for one finding (b->replacement may be NULL). */
typedef void (*blocking_helper_help_fn)(struct sf_diagnostic *d,
					const struct index_blocking *b);

/* Reports every call in ctx's file from event-loop/async code to a project
 * function whose effects include one of mask. */
void blocking_helper_check(struct sf_index_ctx *ctx, uint32_t mask,
			   blocking_helper_help_fn help);

#endif
