/*
 * The daemon's warm project: one workspace's analysis kept in memory and
 * brought up to date file by file (analyzers/project.h). A refresh, made
 * for every request and when the folders' watches say something changed,
 * reads the configuration again and looks at the disk (unless its caller
 * trusts its watches: below):
 *
 *   - every file of the workspace is stat'ed; one whose signature (size,
 *     inode, modification and change times to the nanosecond) differs is
 *     read and analysed again; one changed less than WARM_RACY_SECONDS
 *     before it was last looked at is read and hashed every time, since a
 *     second change within its timestamp's granularity would not show
 *     (git's "racily clean" entries);
 *   - every folder of the tree (but those never analysed) is stat'ed; one
 *     that changed is listed again, and when the names that matter in it
 *     (sources, manifests, folders, .gitignore) differ, the workspace is
 *     discovered again as `check` would discover it (git ls-files or the
 *     walk), and the files that came or went are added and removed;
 *   - the manifests, the .gitignore files and git's index and exclude
 *     files are stat'ed too, and a change of one is a new discovery;
 *   - settings that differ (the configuration's rules, thresholds,
 *     include/exclude...) start a new project, analysed through the
 *     on-disk cache; so does a refresh that asks for it (--no-cache).
 *
 * What changed is analysed again, then the project is solved: only the
 * project-wide steps run for the rest (project.h).
 *
 * A caller that watches every folder of warm_dirs and saw every change
 * since the last refresh (no event lost) can say which paths changed
 * (warm_refresh.trust): then only those files and the folders holding
 * them are looked at, the extras are stat'ed as always, and the
 * configuration is read again only when a configuration file changed.
 */
#ifndef SF_WARM_H
#define SF_WARM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "project.h"
#include "workspace.h"

/* A file or folder changed less than this many seconds before it was
 * looked at is looked at again on every refresh. */
#define WARM_RACY_SECONDS 2

struct warm;

/* The warm project of the workspace at root (canonical; copied), empty:
 * the first refresh discovers and analyses it. */
struct warm *warm_create(const char *root);
void warm_destroy(struct warm *w);

struct warm_refresh {
	/* Analyse every file again, without the on-disk cache, in a new
	 * project (`--no-cache`). */
	bool full;
	/* Report suppressions that silence nothing: the request's flag;
	 * the configuration's `reportUnusedIgnores` is added. */
	bool unused_ignores;
	unsigned jobs; /* worker threads of a full analysis; 0: per core */
	/* Every change since the last refresh is among the nchanged
	 * root-relative paths (files or folders) in changed (see above). */
	bool trust;
	const char *const *changed;
	uint32_t nchanged;
};

/* What a refresh did. */
struct warm_stats {
	bool rebuilt;      /* a new project, every file analysed */
	bool rediscovered; /* the workspace was discovered again */
	uint32_t updated;  /* files analysed again (or added, removed) */
	bool solved;       /* the project was solved again */
};

/* Brings w up to date with the disk (see above). Returns 0, or -1 with
 * *cause (owned by the caller) when the configuration cannot be read (w
 * is then as it was). Notes of a full analysis (cache trouble) go to
 * err. */
int warm_refresh(struct warm *w, const struct warm_refresh *o, FILE *err,
		 struct warm_stats *stats, char **cause);

/* A file without an extension that a check names (rel, root-relative):
 * when it is a script whose #! line names node or python (and the
 * configuration wants it), the next refresh adds it to the workspace, as
 * `check` does in process, and keeps it there while it is one. */
void warm_add_script(struct warm *w, const char *rel);

/* The solved project, the workspace and the configuration of the last
 * refresh that succeeded (NULL before the first). Owned by w. */
const struct sf_project *warm_project(const struct warm *w);
const struct workspace *warm_workspace(const struct warm *w);
const struct config *warm_config(const struct warm *w);
/* The folders a refresh looks at (root-relative, "" the root; n of
 * them), valid until the next refresh; a caller that trusts its watches
 * watches them all. warm_dirs_complete is false when the tree has more
 * than the refresh looks at (then trust nothing). */
const char *const *warm_dirs(const struct warm *w, uint32_t *n);
bool warm_dirs_complete(const struct warm *w);
/* A hash of the settings in effect (the configuration and the build),
 * for a project of git's index to know when it must start again. */
uint64_t warm_settings(const struct warm *w);
/* Whether the last refresh's unused-suppression report is on. */
bool warm_unused_ignores(const struct warm *w);

/* A hash of the settings an engine and a configuration give, which
 * cache_fingerprint and the configuration's globs make. */
uint64_t warm_settings_key(const struct sf_engine *e, const struct config *c);

#endif
