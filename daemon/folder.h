/*
 * A workspace folder of the language server: one root (an LSP workspace
 * folder, or the root the client named), its configuration, the files on
 * disk (listed once, then kept up to date from file watching), and the
 * project (analyzers/project.h) that analyses them with the open
 * documents' texts. The folder solves the project on libuv's worker pool,
 * a short while after the last change (the debounce), so that typing in
 * one file never waits for the index: the loop keeps answering while a
 * solve runs, and collects the changes that arrive meanwhile for the
 * next one.
 *
 * Documents open in the editor are the server's (server.c): the folder
 * asks for their texts when a solve starts (struct folder_host), and hands
 * the project each text that changed since the last solve; a document
 * closed goes back to its file on disk.
 *
 * Open documents outside every folder go to a folder without a root: no
 * files on disk, no configuration, only the texts it is given.
 *
 * Everything here runs on the loop, except the solve itself.
 */
#ifndef SF_FOLDER_H
#define SF_FOLDER_H

#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

#include "config.h"
#include "diagnostic.h"
#include "engine.h"
#include "project.h"

/* Milliseconds from the last change to the solve that takes it. */
#define FOLDER_SOLVE_DELAY_MS 150

/* A line of the server's log, as LSP's MessageType numbers it. */
enum folder_log {
	FOLDER_LOG_ERROR = 1,
	FOLDER_LOG_WARNING = 2,
	FOLDER_LOG_INFO = 3,
	FOLDER_LOG_DEBUG = 4,
};

struct folder;

/* What a folder asks of the server; called on the loop. */
struct folder_host {
	void *ctx;
	/* A line for the user's log (the string is only valid during the
	 * call). */
	void (*log)(void *ctx, enum folder_log type, const char *line);
	/* A configuration that cannot be used: shown to the user. */
	void (*config_error)(void *ctx, struct folder *f, const char *cause);
	/* The text of the open document at rel (root-relative) when there is
	 * one: *len bytes, owned by the server; with hand, the server notes
	 * that this text is the one the project now has. NULL when it is
	 * not open. */
	const char *(*open_text)(void *ctx, struct folder *f, const char *rel,
				 uint32_t *len, bool hand);
	/* Whether the open document at rel is ready to be handed: when not
	 * (its findings are not exact yet, and its exact analysis is to
	 * come), the project keeps the text it had, no solve starts for it,
	 * and the server calls folder_document_ready once it is. NULL:
	 * always. */
	bool (*ready)(void *ctx, struct folder *f, const char *rel);
	/* A solve ended: the project's results (folder_project) are readable
	 * until the next change is handed to it. */
	void (*solved)(void *ctx, struct folder *f);
	/* The configuration changed: open documents may now be analysed
	 * differently (their language, flags or engine). */
	void (*reconfigured)(void *ctx, struct folder *f);
	/* Progress of the first solve: done of total files analysed; end
	 * when it is over. */
	void (*progress)(void *ctx, struct folder *f, uint32_t done,
			 uint32_t total, bool end);
};

struct folder_options {
	bool scan;     /* list and analyse the files on disk */
	bool watch;    /* watch the folders (the client does not) */
	unsigned jobs; /* worker threads of a solve (0: one per core) */
	/* Milliseconds from a change to its solve; negative:
	 * FOLDER_SOLVE_DELAY_MS. */
	int solve_delay;
	/* reportUnusedIgnores from the client: -1 when not given (the
	 * configuration decides), else 0 or 1. */
	int unused;
};

/* Returns a folder for root (absolute, canonical, no trailing slash;
 * NULL: the folder of documents outside every root) named by uri (the
 * client's, or NULL), and reads its configuration (a bad one is reported
 * through h and the defaults are used). Nothing is listed or solved
 * before folder_start. Owned by the caller; loop and h must outlive it. */
struct folder *folder_create(uv_loop_t *loop, const char *root, const char *uri,
			     const struct folder_options *o,
			     const struct folder_host *h);
/* Lists the files (when o->scan) and solves; starts watching. */
void folder_start(struct folder *f);
/* Stops watching and cancels the work in flight: its results are
 * dropped. The folder can be destroyed once folder_busy is false. */
void folder_stop(struct folder *f);
/* True while work of the folder is out on the loop (a listing, a solve,
 * watches closing, the timer). */
bool folder_busy(const struct folder *f);
/* Frees the folder; it must not be busy. Accepts NULL. */
void folder_destroy(struct folder *f);

const char *folder_root(const struct folder *f); /* NULL: no root */
const char *folder_uri(const struct folder *f);  /* NULL when none */

/* The root-relative path of abs (normalised, absolute) when the folder
 * holds it, else NULL; the folder without a root holds every path (as
 * itself). Points into abs. */
const char *folder_relative(const struct folder *f, const char *abs);

/* What governs rel — the nearest configuration above it, as for audit
 * and check (the folders' own are read with each listing) —: its
 * settings (owned by the folder, valid until the next reconfiguration), whether
 * it is analysed (the configuration's include and exclude), and its file flags
 * (enum sf_file_flags). */
const struct sf_engine *folder_engine(const struct folder *f, const char *rel);
/* The severity to show d (a finding of rel) at: what its configuration's
 * overrides give its rule for rel, else d's own; SF_SEV_OFF: not shown. */
int folder_severity(const struct folder *f, const char *rel,
		    const struct sf_diagnostic *d);
bool folder_wants(const struct folder *f, const char *rel);
uint32_t folder_flags(const struct folder *f, const char *rel);

/* The open document at rel changed (or was opened): its text goes to the
 * project at the next solve. */
void folder_document_changed(struct folder *f, const char *rel);
/* The open document at rel, left out of a solve for not being ready
 * (folder_host.ready), is: its text goes to the project in a solve that
 * starts now, unless a change is typed first (then after the delay). */
void folder_document_ready(struct folder *f, const char *rel);
/* The open document at rel was closed: the file on disk (if it is one of
 * the folder's) is what the project has again. */
void folder_document_closed(struct folder *f, const char *rel);
/* The entry rel (a file or a folder) changed, appeared or vanished on
 * disk (the client's file watching, or ours). */
void folder_file_changed(struct folder *f, const char *rel);
/* Reads the configuration again at the next solve. */
void folder_reconfigure(struct folder *f);
/* Sets reportUnusedIgnores from the client (-1: the configuration
 * decides) and solves again when it changes. */
void folder_set_unused(struct folder *f, int unused);

/* The project, when no solve is running (else NULL): its results are
 * those of the last solve. Owned by the folder. */
const struct sf_project *folder_project(const struct folder *f);
/* Whether a solve ran since the folder started. */
bool folder_solved(const struct folder *f);
/* Whether nothing waits for a solve: every change given to the folder
 * has been solved (also true before folder_start and after
 * folder_stop). */
bool folder_settled(const struct folder *f);

#endif
