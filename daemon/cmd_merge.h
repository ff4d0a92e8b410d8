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
 * with e's settings; e is taken over) and writes the shard file output
 * (as --output does: renamed into place once whole). Returns the exit
 * status: EXIT_CLEAN, or EXIT_USAGE after saying why on stderr. */
int cmd_merge_write_shard(const struct workspace *ws, struct sf_engine *e,
			  uint32_t i, uint32_t n, const char *output,
			  unsigned jobs, bool progress);

#endif
