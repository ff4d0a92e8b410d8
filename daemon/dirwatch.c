/*
 * Folder watches (dirwatch.h): a map from root-relative folder to its
 * uv_fs_event, brought in line with a workspace's folders by
 * dirwatch_sync. A folder that cannot be watched is remembered (as NULL)
 * and not tried again.
 */
#include "dirwatch.h"

#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"
#include "util/xalloc.h"

struct watch {
	uv_fs_event_t h;
	struct dirwatch *w;
	char *rel; /* the folder, "" for the root; owned */
	bool keep; /* still a folder of the workspace (dirwatch_sync) */
};

struct dirwatch {
	uv_loop_t *loop;
	char *root;
	dirwatch_fn fn;
	void *user;
	struct strmap dirs; /* rel -> struct watch *, or NULL: unwatchable */
	uint32_t open;      /* watches started and not closed */
	uint32_t closing;   /* watches whose close is pending */
	bool full;
	bool stopped;
};

struct dirwatch *
dirwatch_create(uv_loop_t *loop, const char *root, dirwatch_fn fn, void *user)
{
	struct dirwatch *w = xcalloc(1, sizeof *w);
	w->loop = loop;
	w->root = xstrdup(root);
	w->fn = fn;
	w->user = user;
	strmap_init(&w->dirs);
	return w;
}

static void
on_event(uv_fs_event_t *h, const char *filename, int events, int status)
{
	(void)events;
	struct watch *wt = h->data;
	if (status < 0 || filename == NULL || wt->w->stopped)
		return;
	char *rel = wt->rel[0] ? xasprintf("%s/%s", wt->rel, filename)
			       : xstrdup(filename);
	wt->w->fn(wt->w->user, rel);
	free(rel);
}

static void
on_closed(uv_handle_t *h)
{
	struct watch *wt = h->data;
	wt->w->closing--;
	free(wt->rel);
	free(wt);
}

static void
close_watch(struct dirwatch *w, struct watch *wt, bool started)
{
	if (started)
		w->open--;
	w->closing++;
	uv_close((uv_handle_t *)&wt->h, on_closed);
}

static void
watch_dir(struct dirwatch *w, const char *rel)
{
	bool found;
	struct watch *wt = strmap_get(&w->dirs, rel, &found);
	if (found) {
		if (wt != NULL)
			wt->keep = true;
		return;
	}
	if (w->open >= DIRWATCH_MAX) {
		w->full = true;
		return;
	}
	wt = xcalloc(1, sizeof *wt);
	wt->w = w;
	wt->rel = xstrdup(rel);
	wt->keep = true;
	wt->h.data = wt;
	char *abs =
		rel[0] ? xasprintf("%s/%s", w->root, rel) : xstrdup(w->root);
	uv_fs_event_init(w->loop, &wt->h);
	if (uv_fs_event_start(&wt->h, on_event, abs, 0) == 0) {
		w->open++;
		strmap_put(&w->dirs, rel, wt);
	} else {
		close_watch(w, wt, false);
		strmap_put(&w->dirs, rel, NULL);
	}
	free(abs);
}

void
dirwatch_sync(struct dirwatch *w, const struct workspace *ws)
{
	if (w->stopped)
		return;
	for (uint32_t i = 0; i < w->dirs.cap; i++) {
		struct watch *wt = w->dirs.slots[i].value;
		if (w->dirs.slots[i].key != NULL && wt != NULL)
			wt->keep = false;
	}
	watch_dir(w, "");
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
	/* The folders no longer in the workspace: unwatched, forgotten. */
	struct strmap kept;
	strmap_init(&kept);
	for (uint32_t i = 0; i < w->dirs.cap; i++) {
		struct strmap_slot *sl = &w->dirs.slots[i];
		struct watch *wt = sl->value;
		if (sl->key == NULL)
			continue;
		if (wt != NULL && !wt->keep)
			close_watch(w, wt, true);
		else
			strmap_put(&kept, sl->key, wt);
	}
	strmap_finish(&w->dirs);
	w->dirs = kept;
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

void
dirwatch_stop(struct dirwatch *w)
{
	if (w == NULL || w->stopped)
		return;
	w->stopped = true;
	for (uint32_t i = 0; i < w->dirs.cap; i++) {
		struct watch *wt = w->dirs.slots[i].value;
		if (w->dirs.slots[i].key != NULL && wt != NULL)
			close_watch(w, wt, true);
	}
	strmap_finish(&w->dirs);
	strmap_init(&w->dirs);
}

bool
dirwatch_busy(const struct dirwatch *w)
{
	return w != NULL && (w->open > 0 || w->closing > 0);
}

void
dirwatch_destroy(struct dirwatch *w)
{
	if (w == NULL)
		return;
	strmap_finish(&w->dirs);
	free(w->root);
	free(w);
}
