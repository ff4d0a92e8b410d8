/*
 * Workspace: which files a run analyses. Inside a git work tree the list
 * comes from `git ls-files` (so .gitignore is honoured); elsewhere from a
 * walk of the tree. Either way, dependency and build folders are skipped,
 * symbolic links are never followed out of the root or round a loop, and
 * only files of a known language are kept.
 */
#ifndef SF_WORKSPACE_H
#define SF_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/strmap.h"
#include "util/vec.h"

struct sf_language;

struct workspace {
	char *root; /* absolute, canonical, no trailing slash */
	/* Files relative to root, '/'-separated, sorted. Owned. */
	VEC(char *) files;
	/* Per file, what the workspace knows of it (enum sf_file_flags):
	 * SF_FILE_CLI for the `bin` entries of the nearest package.json. */
	VEC(uint32_t) flags;
	/* Per file, its size in bytes (0 when it could not be looked at),
	 * when the listing looked at each (git's: each file it names is
	 * checked); else empty. */
	VEC(uint64_t) sizes;
	bool from_git; /* the list came from git */
	/* With WORKSPACE_NOTE_DIRS, per folder the walk read (root-relative,
	 * "" the root), which of the names the manifests and configurations
	 * are looked for under it holds: see workspace_may_hold. Empty
	 * otherwise. */
	struct strmap dirs;
};

/* How workspace_list finds the files. */
enum workspace_how {
	WORKSPACE_GIT_OR_WALK, /* git's list, else a walk */
	WORKSPACE_WALK,        /* a walk, git not asked */
	WORKSPACE_GIT,         /* git's list only */
};
/* workspace_list's flags. */
enum {
	/* Note what the walk sees of each folder (ws->dirs), for a caller
	 * that looks for manifests and configurations right after (an
	 * audit): not for a listing kept while files come and go. */
	WORKSPACE_NOTE_DIRS = 1u << 0,
};

/* Discovers the files under path (a directory, or a single file whose
 * directory becomes the root). Returns 0, or -1 with *cause set (owned by
 * the caller) when path cannot be used. */
int workspace_init(struct workspace *ws, const char *path, char **cause);
/* The same, by a walk of the tree without asking git: for a folder that a
 * listing of its repository has just shown git ignores. */
int workspace_init_walk(struct workspace *ws, const char *path, char **cause);
/* The same from git's list only: -1 with *cause when git cannot list the
 * folder or lists no file in it (nothing is walked). */
int workspace_init_git(struct workspace *ws, const char *path, char **cause);
/* Any of the three above (how), with flags (WORKSPACE_NOTE_DIRS); the
 * notes of what cannot be read go to notes (stderr when NULL). */
int workspace_list(struct workspace *ws, const char *path,
		   enum workspace_how how, unsigned flags, FILE *notes,
		   char **cause);
/* False when rel (root-relative) cannot be there: the walk noted its
 * folder (WORKSPACE_NOTE_DIRS) and saw no entry of its name there, for
 * the names of the manifests, the configurations of module resolution
 * and stackfit's, and pyvenv.cfg (compared without case, as a file
 * system may). True otherwise: a file looked for may be there. Saves
 * looking for each of these names in every folder. */
bool workspace_may_hold(const struct workspace *ws, const char *rel);
/* The names workspace_may_hold knows, and the index of name among them,
 * or -1 (case is not compared). */
int workspace_probe_name(const char *name);
/* The size in bytes of the file rel under root (a link: of what it leads
 * to), or 0 when it cannot be looked at. */
uint64_t workspace_file_size(const char *root, const char *rel);
/* Frees the lists. Accepts NULL. */
void workspace_finish(struct workspace *ws);
/* The index of rel (root-relative) in ws->files, or -1 (also when ws is
 * NULL): a binary search of the sorted list. */
int64_t workspace_find(const struct workspace *ws, const char *rel);

/* The largest file read, whatever the configuration says: texts are
 * addressed by 32-bit offsets, and no source file comes near. */
#define WORKSPACE_FILE_MAX (1u << 30)

/* Reads root/rel for analysis. Returns 0 with the contents in *text
 * (owned by the caller, NUL-terminated) and *len; or -1 with *note set
 * (owned by the caller) saying why the file is skipped: unreadable, not a
 * regular file (a FIFO is never opened for blocking reads), larger than
 * max_size (at most WORKSPACE_FILE_MAX) bytes, or binary (a NUL byte in
 * its first 8 KiB). */
int workspace_read_file(const char *root, const char *rel, uint64_t max_size,
			char **text, uint32_t *len, char **note);

/* Calls fn for each manifest (package.json, pyproject.toml, setup.py,
 * setup.cfg, requirements.txt) and configuration of module resolution
 * (tsconfig.json, and the configurations it extends) of a folder that
 * holds one of ws's files or is above one, up to the root, with its
 * root-relative path and text (owned by the caller of fn only for the
 * call). Files larger than WORKSPACE_MANIFEST_MAX are left out. */
#define WORKSPACE_MANIFEST_MAX (1u << 20)
void workspace_each_manifest(const struct workspace *ws,
			     void (*fn)(void *ctx, const char *rel,
					const char *text, uint32_t len),
			     void *ctx);

/* True when a directory of this name is never analysed (node_modules,
 * virtualenvs, caches, build output). */
bool workspace_skip_dir(const char *name);
/* True when a folder of the root-relative path rel is one of those. */
bool workspace_in_skipped_dir(const char *rel);

/* The language a script's `#!` line names (language_for_shebang) when
 * the file at path (absolute, or relative to the current directory) is a
 * regular file whose name has no extension; else NULL. A FIFO is never
 * read. */
const struct sf_language *workspace_script_language(const char *path);
/* Adds rel (copied), which ws does not list, with flags, in path order:
 * a #! script named on a command line (the workspace lists files by
 * their extension). */
void workspace_insert(struct workspace *ws, const char *rel, uint32_t flags);

#endif
