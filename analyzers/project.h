/*
 * The project: one workspace's analysis, behind every front (`audit`,
 * `check`, the daemon, the language server, the fuzz targets). It owns
 * the settings that govern the files, each file's results, the project
 * index (index.h) and the stack-fit profile, and it runs the one recipe
 * that turns them into findings:
 *
 *   pj = project_create(engine);                 // the root's settings
 *   project_add_manifest(pj, "package.json", text, len);    // any
 *   project_update_file(pj, "src/app.js", flags);  // read at the solve
 *   project_update_text(pj, "src/db.js", flags, text, len); // or given
 *   project_solve(pj, &host);
 *   project_findings(pj);   project_changes(pj, &n);  ...
 *   ... later: update, remove, solve again: only what changed is read
 *   and analysed again; the index, index rules, project rules and the
 *   unused-suppression report are brought up to date.
 *
 * A solve is: the first pass of every queued file (its per-file rules
 * and its summary: on the host's worker threads, through the host's
 * cache), committed one by one into the index; the index solved; a
 * second per-file pass, with the index, of the files whose per-file rules
 * depend on it (index_needs_recheck); the rules that judge files through
 * the index (JS107, PY202) on every file; the profile and the project
 * rules (ST3xx); the unused suppressions when asked; code frames; the
 * sorted report, and which files' findings differ from the last solve's.
 *
 * Settings: an engine (engine.h) governs each file: the one set for the
 * nearest folder above it (project_set_engine), else the root's. The
 * project rules and the unused-suppression report use the root's.
 *
 * Texts: a file given as text (project_update_text) is analysed as that
 * text, whatever is on disk; one given as a path is read through the
 * host when it is analysed. A check of a snapshot (git's index) gives
 * every text it judges; the project knows no other source.
 *
 * Threads: the calls that change a project or solve it need it to
 * themselves. Between solves, queries are read-only. Analyses run on the
 * host's threads and only read the project's settings (and, in the
 * second pass, its solved index); their results are committed serially.
 * A front that runs analyses on its own schedule takes them one by one
 * (project_take), runs them anywhere (project_run) and commits them
 * (project_commit); project_solve then finds nothing queued and solves.
 */
#ifndef SF_PROJECT_H
#define SF_PROJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "diagnostic.h"
#include "engine.h"
#include "index.h"
#include "parse.h"
#include "profile.h"
#include "summary.h"

struct sf_project;
struct project_job;
struct sf_reqpath;

/* Returns an empty project governed by e (the root's settings; ownership
 * passes to the project). Owned by the caller (project_destroy). */
struct sf_project *project_create(struct sf_engine *e);
/* Frees the project, its engines, results, index and profile. Accepts
 * NULL. No job may be out (taken and not committed). */
void project_destroy(struct sf_project *pj);

/* --- settings ------------------------------------------------------------ */

/* Makes e govern the files under dir (root-relative, '/'-separated, no
 * trailing slash; "" is the root) unless a nearer folder has its own.
 * Ownership passes to the project; an engine dir had before is freed, so
 * no job may be out. The files it now governs are analysed again at the
 * next solve. */
void project_set_engine(struct sf_project *pj, const char *dir,
			struct sf_engine *e);
/* The engine that governs path: that of the nearest folder above it that
 * has one (owned by the project; valid until that folder's engine is
 * replaced). project_engine(pj, "") is the root's. */
const struct sf_engine *project_engine(const struct sf_project *pj,
				       const char *path);
/* Whether a solve reports suppression comments that silence nothing
 * (suppression.h, `--report-unused-ignores`). Off at creation. */
void project_set_report_unused(struct sf_project *pj, bool on);

/* --- files and manifests ------------------------------------------------- */

/* Queues the file at path (root-relative, '/'-separated; copied) to be
 * read through the host and analysed at the next solve, with flags (enum
 * sf_file_flags the workspace knows: bin entries, configured CLI and test
 * folders). A file of no language we read is kept but never analysed. */
void project_update_file(struct sf_project *pj, const char *path,
			 uint32_t flags);
/* The same with the file's size in bytes as a listing of its folder saw
 * it: the solve orders the files it reads largest first (so that a large
 * file taken last does not leave the other threads idle), and asks the
 * host for the sizes of files updated without one. */
void project_update_file_sized(struct sf_project *pj, const char *path,
			       uint32_t flags, uint64_t size);
/* The same with its text given: the len bytes at text (copied; any
 * bytes) are analysed instead of what is on disk, now and whenever the
 * file is analysed again, until the next update or removal. */
void project_update_text(struct sf_project *pj, const char *path,
			 uint32_t flags, const char *text, uint32_t len);
/* Forgets the file (nothing when there is none); its findings go at the
 * next solve. */
void project_remove(struct sf_project *pj, const char *path);
/* Adds or replaces a manifest (index_add_manifest; path root-relative,
 * text len bytes, both copied). When it cannot be read, the cause is a
 * note of the project (project_notes), until it is replaced. */
void project_add_manifest(struct sf_project *pj, const char *path,
			  const char *text, uint32_t len);

/* --- the host ------------------------------------------------------------ */

/* What a file's first-pass results depend on besides its engine: what a
 * cache keys them by. */
struct project_key {
	const struct sf_engine *engine; /* the file's (project_engine) */
	const char *path;
	uint64_t hash; /* summary_hash_text of the text analysed */
	uint32_t len;  /* its length */
	/* The text itself, for a host that keys by a hash of its own (the
	 * on-disk cache: BLAKE2b). */
	const char *text;
	uint32_t flags;
};

/* Runs fn(arg, parser, i) once for every i in [0, n), each with a parser
 * that no other call uses at the same time, and returns when all are
 * done. what names the work ("analysing") for a progress display. */
typedef void project_map_fn(void *arg, struct sf_parser *p, uint32_t i);

/* How a solve reaches beyond the analyzers: files on disk, a cache of
 * first-pass results, worker threads. Members may be NULL: without read,
 * files given by path are skipped with a note; without load and store,
 * nothing is cached; without map, analyses run on the calling thread.
 * read, load and store are called from map's threads at once. */
struct project_host {
	void *ctx;
	/* Reads the file at path (root-relative), at most max_size bytes:
	 * 0 with *text (NUL-terminated, owned by the caller) and *len, or
	 * -1 with *note (owned by the caller) saying why it is skipped. */
	int (*read)(void *ctx, const char *path, uint64_t max_size, char **text,
		    uint32_t *len, char **note);
	/* A cached first pass for k: true with the findings appended to
	 * diags and *summary set (owned by the caller), else false. */
	bool (*load)(void *ctx, const struct project_key *k,
		     struct sf_diag_list *diags, struct sf_summary **summary);
	/* Keeps a first pass for k (nothing is taken over). */
	void (*store)(void *ctx, const struct project_key *k,
		      const struct sf_diag_list *diags,
		      const struct sf_summary *summary);
	/* The size in bytes of the file at path (root-relative), or 0 when
	 * it cannot say: files are analysed largest first, so that no
	 * thread is left with a large one at the end. May be NULL (the
	 * files' order). Called from map's threads at once. */
	uint64_t (*size)(void *ctx, const char *path);
	/* Runs fn(arg, parser, i) for every i < n on its threads, and
	 * returns when all are done; what names the work for a progress
	 * line ("analysing"), NULL when it is not the files' (the index's
	 * tasks). */
	void (*map)(void *ctx, const char *what, uint32_t n, project_map_fn *fn,
		    void *arg);
};

/* Brings the project up to date (see the top of this file) through h
 * (may be NULL: no files from disk, no cache, this thread). */
void project_solve(struct sf_project *pj, const struct project_host *h);

/* --- analyses on the front's schedule ------------------------------------ */

/* The next queued file's analysis (its first pass), or NULL when none is
 * queued. The file counts as taken: it is not handed out again unless it
 * is updated meanwhile. Owned by the caller until project_commit. */
struct project_job *project_take(struct sf_project *pj);
/* Runs j with parser p and host h (may be NULL) on any thread. Reads
 * only the settings of the project j came from. */
void project_run(struct project_job *j, struct sf_parser *p,
		 const struct project_host *h);
/* Puts j's results into the project (they count at the next solve) and
 * frees j. A job whose file was updated or removed after it was taken is
 * dropped: the file stays queued. */
void project_commit(struct sf_project *pj, struct project_job *j);

/* --- results of the last solve ------------------------------------------- */

/* Every finding, sorted by path and place (diag_list_sort), with the
 * records of what suppressions silenced. Owned by the project; valid
 * until the next solve. Empty before the first. */
const struct sf_diag_list *project_findings(const struct sf_project *pj);
/* The findings of one file (project findings go with the file they are
 * anchored at): *n items of project_findings, or NULL with *n = 0. */
const struct sf_diagnostic *project_file_findings(const struct sf_project *pj,
						  const char *path,
						  uint32_t *n);
/* The paths, sorted, whose findings differ from those of the solve
 * before (diag_list_hash): files with new, changed or gone findings,
 * including removed files that had some. *n of them; owned by the
 * project, valid until the next solve. */
const char *const *project_changes(const struct sf_project *pj, uint32_t *n);
/* One line per manifest that could not be read, then per skipped file
 * ("path: skipped: why"), in path order. Owned by the project, valid
 * until the next solve. */
const char *const *project_notes(const struct sf_project *pj, uint32_t *n);
/* Why path was skipped ("larger than 5242880 bytes"), or NULL. */
const char *project_file_note(const struct sf_project *pj, const char *path);
/* The stack-fit profile, judged (owned by the project; NULL before the
 * first solve). Its reasons index project_findings. */
const struct sf_profile *project_profile(const struct sf_project *pj);
/* The solved index (owned by the project). */
const struct sf_index *project_index(const struct sf_project *pj);
/* The request-path model of the solved index (reqpath.h; owned by the
 * project, rebuilt by each solve that changes the index; NULL before the
 * first solve). project_findings are already filtered through it. */
const struct sf_reqpath *project_reqpath(const struct sf_project *pj);

struct project_stats {
	uint32_t files;    /* files in the project */
	uint32_t analysed; /* of them, read and analysed */
	uint32_t cached;   /* first passes the last solve took from the cache */
	uint32_t rechecked; /* second passes the last solve ran */
};
void project_stats(const struct sf_project *pj, struct project_stats *out);

#endif
