/*
 * What `check --staged` judges: the commit git's index describes — every
 * source file and manifest as the index holds it, not a mix of the index
 * and the working tree. A file with unstaged changes is judged as staged;
 * a file that is not in the index (untracked) is not part of it; a file
 * deleted from the working tree but still staged is. The configuration
 * is the working tree's, and so are the `bin` entries that mark
 * command-line programs.
 *
 * The index is read with git (`git ls-files --stage`, honouring
 * GIT_INDEX_FILE, as a hook run by `git commit -a` needs), and the
 * changes the commit makes to HEAD (`git diff --cached`) are the files
 * checked. The texts are read by object id (`git cat-file --batch`), so
 * that a project of the index kept between checks (the daemon's) reads
 * only the blobs that changed.
 */
#ifndef SF_STAGED_H
#define SF_STAGED_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cmd_check.h"
#include "cmd_report.h"
#include "config.h"
#include "engine.h"
#include "project.h"
#include "util/vec.h"
#include "workspace.h"

/* The longest object id (SHA-256, in hex). */
#define STAGED_OID_MAX 64

struct staged_entry {
	char *path; /* root-relative */
	char oid[STAGED_OID_MAX + 1];
	/* An executable without an extension: a script of ours when its
	 * #! line names node or python (staged_update reads it). */
	bool script;
};

/* What git's index says, of the files that matter to an analysis. */
struct staged_index {
	/* Regular files (stage 0) of a language we read, and manifests, in
	 * path order. */
	VEC(struct staged_entry) entries;
	/* The files the commit adds, copies, modifies or renames into
	 * (relative to HEAD), in git's order. */
	VEC(char *) changed;
};

/* Reads the index of the git work tree at root (absolute; the root of
 * the workspace must be its top level). Returns 0, or -1 with *cause
 * (owned by the caller). */
int staged_index_read(const char *root, struct staged_index *si, char **cause);
/* Whether s names an object id: 40 or 64 lowercase hex digits. */
bool staged_good_oid(const char *s);
/* Frees the lists. Accepts NULL. */
void staged_index_finish(struct staged_index *si);

struct staged;

/* An empty project of the index of the work tree at root (copied). */
struct staged *staged_create(const char *root);
void staged_destroy(struct staged *s);

/* Brings s in line with si: the files of the index that the
 * configuration c analyses (with the flags tree gives them, else c's),
 * their texts read by object id, the manifests above them; then solves.
 * e (taken over) has c's settings and key is warm_settings_key(e, c): a
 * project of other settings starts again, through the on-disk cache when
 * rq->cache. Returns 1 when it started a new project (every file
 * analysed: other settings, a manifest gone, --no-cache), 0 when it
 * updated the last one, or -1 with *cause (owned by the caller) when a
 * blob cannot be read; notes (cache trouble) go to err. A new project
 * takes the engines of c's nested configurations (config_install), so
 * key must cover them (warm_settings_key does). Entries marked script
 * are read when their #! line names node or python. */
int staged_update(struct staged *s, struct sf_engine *e, uint64_t key,
		  struct config *c, const struct workspace *tree,
		  const struct staged_index *si, const struct cmd_request *rq,
		  FILE *err, char **cause);

/* The solved project and its workspace (the files of the index it
 * analyses). Owned by s. */
const struct sf_project *staged_project(const struct staged *s);
const struct workspace *staged_workspace(const struct staged *s);
/* Adds to ck the files of si->changed that the project has. */
void staged_checked(const struct staged *s, const struct staged_index *si,
		    struct check_set *ck);

#endif
