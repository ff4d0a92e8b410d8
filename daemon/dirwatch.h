/*
 * Watching a workspace's folders for changes made outside stackfit, for
 * the language server (files not open in the editor) and the daemon.
 * inotify is not recursive, so there is one watch (a libuv uv_fs_event)
 * per folder that holds a file of the workspace or is above one (where a
 * package's configuration or manifest may be), plus the root, at most
 * DIRWATCH_MAX.
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
