/*
 * Folder watches (dirwatch.h): one inotify descriptor, polled on the
 * loop, with a watch per folder; a map from root-relative folder to its
 * watch, brought in line with the folders asked for by dirwatch_sync or
 * dirwatch_sync_dirs, and a table from watch descriptor to folder. A
 * folder that cannot be watched is remembered (as NULL) and tried again
 * at the next sync. The descriptor is read on the loop when it is readable, and
 * at once by dirwatch_drain.
 */
#include "dirwatch.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "util/strmap.h"
#include "util/xalloc.h"

/* What is watched in a folder: its entries created, changed, deleted or
 * renamed, and the folder itself going. */
#define DIRWATCH_MASK                                                          \
	(IN_ATTRIB | IN_CREATE | IN_MODIFY | IN_DELETE | IN_DELETE_SELF |      \
	 IN_MOVE_SELF | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)

struct watch {
	int wd;
	char *rel; /* the folder, "" for the root; owned */
	bool keep; /* still asked for (dirwatch_sync) */
};

struct dirwatch {
	uv_loop_t *loop;
	char *root;
	dirwatch_fn fn;
	void *user;
	int fd; /* inotify, or -1 */
	uv_poll_t poll;
	bool polling;       /* poll initialised and not closed */
	bool closing;       /* its close is pending */
	struct strmap dirs; /* rel -> struct watch *, or NULL: unwatchable */
	VEC(struct watch *) by_wd; /* by watch descriptor, or NULL */
	uint32_t open;             /* watches in place */
	uint32_t unwatched;        /* folders asked for and not watched */
	bool full;
	bool lost; /* events were lost (dirwatch_take_lost) */
	bool stopped;
	uint32_t added; /* watches made by the sync under way */
};

struct dirwatch *
dirwatch_create(uv_loop_t *loop, const char *root, dirwatch_fn fn, void *user)
{
	struct dirwatch *w = xcalloc(1, sizeof *w);
	w->loop = loop;
	w->root = xstrdup(root);
	w->fn = fn;
	w->user = user;
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	strmap_init(&w->dirs);
	return w;
}

/* Forgets the watch (its descriptor no longer means it). */
static void
forget(struct dirwatch *w, struct watch *wt)
{
	if (wt->wd >= 0 && (uint32_t)wt->wd < w->by_wd.n &&
	    w->by_wd.v[wt->wd] == wt)
		w->by_wd.v[wt->wd] = NULL;
	w->open--;
	free(wt->rel);
	free(wt);
}

/* Tells fn of the entry name of the watched folder wt ("" for the folder
 * itself). */
static void
tell(struct dirwatch *w, const struct watch *wt, const char *name)
{
	char *rel = !name[0]     ? xstrdup(wt->rel)
		    : wt->rel[0] ? xasprintf("%s/%s", wt->rel, name)
				 : xstrdup(name);
	w->fn(w->user, rel);
	free(rel);
}

bool
dirwatch_drain(struct dirwatch *w)
{
	if (w == NULL || w->fd < 0 || w->stopped)
		return false;
	bool any = false;
	char buf[16384]
		__attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t off = 0; off < n;) {
			const struct inotify_event *ev =
				(const struct inotify_event *)(buf + off);
			off += (ssize_t)(sizeof *ev + ev->len);
			any = true;
			if (ev->mask & IN_Q_OVERFLOW) {
				w->lost = true;
				continue;
			}
			struct watch *wt =
				ev->wd >= 0 && (uint32_t)ev->wd < w->by_wd.n
					? w->by_wd.v[ev->wd]
					: NULL;
			if (wt == NULL || w->stopped)
				continue;
			if (ev->mask & (IN_IGNORED | IN_MOVE_SELF)) {
				/* The folder went (or moved): no longer
				 * watched until it is asked for again. */
				tell(w, wt, "");
				if (!(ev->mask & IN_IGNORED))
					inotify_rm_watch(w->fd, wt->wd);
				char *rel = xstrdup(wt->rel);
				forget(w, wt);
				strmap_put(&w->dirs, rel, NULL);
				free(rel);
				w->unwatched++;
				continue;
			}
			tell(w, wt, ev->len ? ev->name : "");
		}
	}
	return any;
}

static void
on_readable(uv_poll_t *h, int status, int events)
{
	(void)status;
	(void)events;
	dirwatch_drain(h->data);
}

static void
watch_dir(struct dirwatch *w, const char *rel)
{
	bool found;
	struct watch *wt = strmap_get(&w->dirs, rel, &found);
	if (found && wt != NULL) {
		wt->keep = true;
		return;
	}
	if (w->open >= DIRWATCH_MAX) {
		w->full = true;
		w->unwatched++;
		return;
	}
	char *abs =
		rel[0] ? xasprintf("%s/%s", w->root, rel) : xstrdup(w->root);
	int wd = w->fd >= 0 ? inotify_add_watch(w->fd, abs, DIRWATCH_MASK) : -1;
	free(abs);
	/* The same folder under two names shares one descriptor: the
	 * second is not watched. */
	if (wd >= 0 && (uint32_t)wd < w->by_wd.n && w->by_wd.v[wd] != NULL)
		wd = -1;
	if (wd < 0) {
		strmap_put(&w->dirs, rel, NULL);
		w->unwatched++;
		return;
	}
	wt = xcalloc(1, sizeof *wt);
	wt->wd = wd;
	wt->rel = xstrdup(rel);
	wt->keep = true;
	while (w->by_wd.n <= (uint32_t)wd)
		*VEC_PUSH(w->by_wd) = NULL;
	w->by_wd.v[wd] = wt;
	w->open++;
	w->added++;
	strmap_put(&w->dirs, rel, wt);
}

static void
start_polling(struct dirwatch *w)
{
	if (w->polling || w->fd < 0)
		return;
	uv_poll_init(w->loop, &w->poll, w->fd);
	w->poll.data = w;
	uv_poll_start(&w->poll, UV_READABLE, on_readable);
	w->polling = true;
}

/* Starts a sync: every watch not asked for again goes at end_sync. */
static void
begin_sync(struct dirwatch *w)
{
	for (uint32_t i = 0; i < w->dirs.cap; i++) {
		struct watch *wt = w->dirs.slots[i].value;
		if (w->dirs.slots[i].key != NULL && wt != NULL)
			wt->keep = false;
	}
	w->unwatched = 0;
	w->added = 0;
	start_polling(w);
	watch_dir(w, "");
}

static void
end_sync(struct dirwatch *w)
{
	/* The folders no longer asked for: unwatched, forgotten. */
	struct strmap kept;
	strmap_init(&kept);
	for (uint32_t i = 0; i < w->dirs.cap; i++) {
		struct strmap_slot *sl = &w->dirs.slots[i];
		struct watch *wt = sl->value;
		if (sl->key == NULL)
			continue;
		if (wt != NULL && !wt->keep) {
			inotify_rm_watch(w->fd, wt->wd);
			forget(w, wt);
		} else {
			strmap_put(&kept, sl->key, wt);
		}
	}
	strmap_finish(&w->dirs);
	w->dirs = kept;
}

void
dirwatch_sync(struct dirwatch *w, const struct workspace *ws)
{
	if (w->stopped)
		return;
	begin_sync(w);
	/* Every folder of a file and every folder above one: a
	 * configuration or manifest may be there (packages/api/package.json
	 * with the files in packages/api/src). */
	for (uint32_t i = 0; i < ws->files.n; i++) {
		const char *f = ws->files.v[i];
		for (const char *slash = strchr(f, '/'); slash != NULL;
		     slash = strchr(slash + 1, '/')) {
			char *dir = xstrndup(f, (size_t)(slash - f));
			watch_dir(w, dir);
			free(dir);
		}
	}
	end_sync(w);
}

bool
dirwatch_sync_dirs(struct dirwatch *w, const char *const *dirs, uint32_t n)
{
	if (w->stopped)
		return false;
	begin_sync(w);
	for (uint32_t i = 0; i < n; i++)
		if (dirs[i][0])
			watch_dir(w, dirs[i]);
	end_sync(w);
	return w->added > 0;
}

uint32_t
dirwatch_count(const struct dirwatch *w)
{
	return w->open;
}

bool
dirwatch_full(const struct dirwatch *w)
{
	return w->full;
}

bool
dirwatch_intact(const struct dirwatch *w)
{
	return w != NULL && !w->stopped && w->fd >= 0 && w->polling &&
	       w->unwatched == 0;
}

bool
dirwatch_take_lost(struct dirwatch *w)
{
	bool lost = w->lost;
	w->lost = false;
	return lost;
}

static void
on_poll_closed(uv_handle_t *h)
{
	struct dirwatch *w = h->data;
	w->closing = false;
}

void
dirwatch_stop(struct dirwatch *w)
{
	if (w == NULL || w->stopped)
		return;
	w->stopped = true;
	for (uint32_t i = 0; i < w->dirs.cap; i++) {
		struct watch *wt = w->dirs.slots[i].value;
		if (w->dirs.slots[i].key != NULL && wt != NULL)
			forget(w, wt);
	}
	strmap_finish(&w->dirs);
	strmap_init(&w->dirs);
	if (w->polling) {
		w->polling = false;
		w->closing = true;
		uv_close((uv_handle_t *)&w->poll, on_poll_closed);
	}
}

bool
dirwatch_busy(const struct dirwatch *w)
{
	return w != NULL && (w->polling || w->closing);
}

void
dirwatch_destroy(struct dirwatch *w)
{
	if (w == NULL)
		return;
	for (uint32_t i = 0; i < w->dirs.cap; i++) {
		struct watch *wt = w->dirs.slots[i].value;
		if (w->dirs.slots[i].key != NULL && wt != NULL)
			forget(w, wt);
	}
	strmap_finish(&w->dirs);
	VEC_FREE(w->by_wd);
	if (w->fd >= 0)
		close(w->fd);
	free(w->root);
	free(w);
}
