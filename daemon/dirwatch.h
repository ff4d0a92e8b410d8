/*
 * Watching a workspace's folders for changes made outside stackfit, for
 * the language server (files not open in the editor) and the daemon.
 * inotify is not recursive, so there is one watch per folder asked for —
 * every folder that holds a file of the workspace or is above one (where
 * a package's configuration or manifest may be), or a given list — plus
 * the root, at most DIRWATCH_MAX. The kernel queues a change's event
 * when the change is made, so after dirwatch_drain every change made
 * before it was told, unless events were lost (dirwatch_take_lost) or a
 * folder is not watched (dirwatch_intact).
 */
#ifndef SF_DIRWATCH_H
#define SF_DIRWATCH_H

#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

#include "workspace.h"

/* The most folders watched. */
#define DIRWATCH_MAX 4096

/* Called on the loop when the entry rel (root-relative: a file or folder
 * in a watched folder, created, changed, deleted or renamed) changed;
 * rel is only valid during the call. */
typedef void (*dirwatch_fn)(void *user, const char *rel);

struct dirwatch;

/* Returns a watcher of folders under root (absolute; copied) on loop,
 * which must outlive it, watching nothing yet. Owned by the caller. */
struct dirwatch *dirwatch_create(uv_loop_t *loop, const char *root,
				 dirwatch_fn fn, void *user);
/* Watches the root and every folder that holds a file of ws or is above
 * one (ws->root must be the watcher's root), and no longer the others. */
void dirwatch_sync(struct dirwatch *w, const struct workspace *ws);
/* The same for the folders dirs (root-relative, n of them) and the root.
 * Returns whether a folder is watched that was not before. */
bool dirwatch_sync_dirs(struct dirwatch *w, const char *const *dirs,
			uint32_t n);
/* Reads every event queued now and tells fn of each, at once. Returns
 * whether there was one. */
bool dirwatch_drain(struct dirwatch *w);
/* True when every folder the last sync asked for is watched (none over
 * DIRWATCH_MAX, none that could not be, none deleted or moved since).
 * False for NULL. */
bool dirwatch_intact(const struct dirwatch *w);
/* True when events were lost (the kernel's queue overflowed) since the
 * last call. */
bool dirwatch_take_lost(struct dirwatch *w);
/* Folders watched now. */
uint32_t dirwatch_count(const struct dirwatch *w);
/* True once a folder was left unwatched because of DIRWATCH_MAX. */
bool dirwatch_full(const struct dirwatch *w);
/* Stops every watch: no more calls of fn. Accepts NULL. */
void dirwatch_stop(struct dirwatch *w);
/* True while a watch is open or still closing on the loop. False for
 * NULL. */
bool dirwatch_busy(const struct dirwatch *w);
/* Frees w, which must not be busy (dirwatch_stop, then run the loop).
 * Accepts NULL. */
void dirwatch_destroy(struct dirwatch *w);

#endif
