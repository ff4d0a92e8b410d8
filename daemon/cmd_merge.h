/*
 * An audit split across machines (shard.h): `audit --shard I/N` writes a
 * shard file, `stackfit merge` makes the report of all of them.
 */
#ifndef SF_CMD_MERGE_H
#define SF_CMD_MERGE_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "workspace.h"

/* Analyses the files of ws whose shard is i of n (the first pass only,
 * each file with the settings of the configuration that governs it: c's
 * root engine, which is taken over, or a nested one's, which are
 * installed as config_install does) and writes the shard file output (as
 * --output does: renamed into place once whole), stamped with
 * config_fingerprint(c). c must outlive the call; the caller finishes
 * it. Returns the exit status: EXIT_CLEAN, or EXIT_USAGE after saying why
 * on stderr. */
int cmd_merge_write_shard(const struct workspace *ws, struct config *c,
			  uint32_t i, uint32_t n, const char *output,
			  unsigned jobs, bool progress);

#endif
