/*
 * A workspace folder of the language server (folder.h). Changes are
 * collected as names — open documents changed or closed, entries changed
 * on disk, the configuration to read again — and taken when a solve
 * starts: then, on the loop, the project is brought in line with them
 * (texts handed, files queued or removed, the settings replaced), and the
 * solve itself runs on a worker thread, which reads files and runs the
 * analyses on threads of its own (scheduler_map). While it runs the loop
 * does not touch the project; changes that arrive are kept for the next
 * solve, which starts FOLDER_SOLVE_DELAY_MS after the last of them.
 */
#include "folder.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apart.h"
#include "cache.h"
#include "dirwatch.h"
#include "language.h"
#include "rules/rule.h"
#include "scheduler.h"
#include "server.h"
#include "util/path.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "workspace.h"

/* Milliseconds between progress reports of the first solve. */
#define FOLDER_PROGRESS_MS 200

enum busy {
	BUSY_NONE,
	BUSY_LISTING,
	BUSY_SOLVING,
};

struct manifest {
	char *path, *text;
	uint32_t len;
};

/* Names (root-relative paths) to take at the next solve. */
struct nameset {
	struct strmap m; /* name -> (void *)1, or NULL once taken out */
	uint32_t live;   /* names with a value */
};

struct folder {
	uv_loop_t *loop;
	char *root, *uri;
	struct folder_options o;
	struct folder_host h;

	struct config config;  /* its engine is the project's */
	struct sf_project *pj; /* touched by the worker while solving */
	struct workspace ws;   /* the last listing (for watching) */
	bool listed;           /* ws holds one */
	struct strmap files;   /* rel -> flags + 1: files from disk */
	struct dirwatch *watch;

	enum busy busy;
	bool started, stopped, solved, first_done;
	uint64_t started_at; /* uv_now at folder_start */
	uv_timer_t timer;    /* the debounce */
	bool timer_active;   /* started and not fired */
	uv_timer_t tick;     /* progress of the first solve */
	bool tick_active;
	unsigned handles; /* timers not yet closed */
	uv_work_t work;

	/* Changes for the next solve. */
	struct nameset docs_changed;
	struct nameset docs_closed;
	struct nameset disk_changed;
	bool relist, reconfig, resolve;

	/* The listing job's results. */
	struct workspace next_ws;
	VEC(struct manifest) manifests;
	char *cause;
	int list_rc;

	/* The solve's progress (written by the worker's threads). */
	atomic_uint done;
	atomic_uint total;
	/* The project's maps in the running solve (on its thread): the
	 * progress counts the first, where the files are analysed. */
	uint32_t maps;
	atomic_bool cancel;
	struct sf_parser *parser; /* the worker's, for small maps */
	/* Open documents that begin handed to the project, and left out as not
	 * ready (folder_host.ready). */
	uint32_t handed, held;
};

/* --- names ---------------------------------------------------------------- */

static void flog(struct folder *f, enum folder_log type, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
flog(struct folder *f, enum folder_log type, const char *fmt, ...)
{
	struct strbuf b;
	strbuf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *line = strbuf_detach(&b);
	if (f->root != NULL) {
		char *full = xasprintf("%s: %s", f->root, line);
		f->h.log(f->h.ctx, type, full);
		free(full);
	} else {
		f->h.log(f->h.ctx, type, line);
	}
	free(line);
}

static void
mark(struct nameset *s, const char *rel)
{
	if (strmap_put(&s->m, rel, (void *)1) == NULL)
		s->live++;
}

static void
unmark(struct nameset *s, const char *rel)
{
	if (strmap_get(&s->m, rel, NULL) != NULL) {
		strmap_put(&s->m, rel, NULL);
		s->live--;
	}
}

/* Calls fn for every name of s, which is empty afterwards (fn may add to
 * it again). */
static void
drain(struct nameset *s, void (*fn)(struct folder *, const char *),
      struct folder *f)
{
	struct strmap taken = s->m;
	strmap_init(&s->m);
	s->live = 0;
	for (uint32_t i = 0; i < taken.cap; i++)
		if (taken.slots[i].key != NULL && taken.slots[i].value != NULL)
			fn(f, taken.slots[i].key);
	strmap_finish(&taken);
}

static bool
has_changes(const struct folder *f)
{
	return f->docs_changed.live > 0 || f->docs_closed.live > 0 ||
	       f->disk_changed.live > 0 || f->relist || f->reconfig ||
	       f->resolve;
}

/* --- the configuration -----------------------------------------------------
 */

/* Reads the configuration into a new engine; a bad one is reported and
 * the defaults used. */
static struct sf_engine *
load_config(struct folder *f, struct config *c)
{
	struct sf_engine *e = engine_create();
	*c = (struct config){.engine = e};
	char *cause = NULL;
	if (f->root == NULL || config_load(c, f->root, e, &cause) == 0)
		return e;
	flog(f, FOLDER_LOG_ERROR, "%s (using the defaults)", cause);
	f->h.config_error(f->h.ctx, f, cause);
	free(cause);
	/* The engine may hold part of the bad configuration. */
	config_finish(c);
	engine_destroy(e);
	e = engine_create();
	*c = (struct config){.engine = e};
	return e;
}

static void
apply_unused(struct folder *f)
{
	project_set_report_unused(
		f->pj, f->o.unused >= 0 ? f->o.unused != 0
					: f->config.report_unused_ignores);
}

struct folder *
folder_create(uv_loop_t *loop, const char *root, const char *uri,
	      const struct folder_options *o, const struct folder_host *h)
{
	struct folder *f = xcalloc(1, sizeof *f);
	f->loop = loop;
	f->root = root ? xstrdup(root) : NULL;
	f->uri = uri ? xstrdup(uri) : NULL;
	f->o = *o;
	f->h = *h;
	if (f->root == NULL)
		f->o.scan = f->o.watch = false;
	if (f->o.solve_delay < 0)
		f->o.solve_delay = FOLDER_SOLVE_DELAY_MS;
	strmap_init(&f->files);
	strmap_init(&f->docs_changed.m);
	strmap_init(&f->docs_closed.m);
	strmap_init(&f->disk_changed.m);
	f->pj = project_create(load_config(f, &f->config));
	apply_unused(f);
	uv_timer_init(loop, &f->timer);
	uv_timer_init(loop, &f->tick);
	f->timer.data = f->tick.data = f;
	f->handles = 2;
	atomic_init(&f->done, 0);
	atomic_init(&f->total, 0);
	atomic_init(&f->cancel, false);
	return f;
}

const char *
folder_root(const struct folder *f)
{
	return f->root;
}

const char *
folder_uri(const struct folder *f)
{
	return f->uri;
}

const char *
folder_relative(const struct folder *f, const char *abs)
{
	if (f->root == NULL)
		return abs;
	size_t n = strlen(f->root);
	if (n == 1 && abs[0] == '/' && abs[1] != '\0')
		return abs + 1; /* the root is / */
	if (strncmp(abs, f->root, n) != 0 || abs[n] != '/' ||
	    abs[n + 1] == '\0')
		return NULL;
	return abs + n + 1;
}

const struct sf_engine *
folder_engine(const struct folder *f, const char *rel)
{
	/* The nearest configuration's: the engine the project has for
	 * rel's folder (config_install). */
	return config_for(&f->config, rel)->engine;
}

int
folder_severity(const struct folder *f, const char *rel,
		const struct sf_diagnostic *d)
{
	const struct config *c = config_for(&f->config, rel);
	const struct sf_rule *r = c->overrides.n ? rule_find(d->rule_id) : NULL;
	if (r == NULL || strcmp(r->id, d->rule_id) != 0)
		return (int)d->severity;
	return config_severity(&f->config, rel, rule_index(r),
			       (int)d->severity);
}

bool
folder_wants(const struct folder *f, const char *rel)
{
	return f->root == NULL || config_wants(&f->config, rel);
}

uint32_t
folder_flags(const struct folder *f, const char *rel)
{
	uintptr_t v = (uintptr_t)strmap_get(&f->files, rel, NULL);
	uint32_t flags = v ? (uint32_t)(v - 1) : 0;
	if (f->root != NULL)
		flags |= config_file_flags(&f->config, rel);
	return flags;
}

const struct sf_project *
folder_project(const struct folder *f)
{
	return f->busy == BUSY_SOLVING ? NULL : f->pj;
}

bool
folder_solved(const struct folder *f)
{
	return f->solved;
}

bool
folder_settled(const struct folder *f)
{
	return !f->started || f->stopped ||
	       (f->busy == BUSY_NONE && !f->timer_active && !has_changes(f));
}

/* --- the configurations of folders below the root ------------------------
 */

/* Reads the configurations of the folders of ws below the root again
 * (config_load_nested) into f->config, in place of those it had. The
 * project gets the engine of each folder whose settings are new or
 * changed (which analyses its files again); a folder whose settings are
 * the same keeps its engine, and its files their results. A bad one is
 * reported and none is used. Returns whether there were or are any (the
 * open documents are then made again: their flags, include and exclude,
 * or overrides may have changed). */
static bool
load_nested(struct folder *f, const struct workspace *ws)
{
	struct config scratch = {0};
	char *cause = NULL;
	if (f->root != NULL && !f->config.explicit_file &&
	    config_load_nested(&scratch, ws, &cause) < 0) {
		flog(f, FOLDER_LOG_ERROR, "%s (using the root's configuration)",
		     cause);
		f->h.config_error(f->h.ctx, f, cause);
		free(cause);
		scratch = (struct config){0};
	}
	struct config *old = &f->config;
	bool any = scratch.nested.n > 0 || old->nested.n > 0;
	bool dropped = false;
	/* Engines kept or replaced, folder by folder. */
	for (uint32_t i = 0; i < scratch.nested.n; i++) {
		struct config *n = scratch.nested.v[i];
		struct config *was = NULL;
		for (uint32_t k = 0; k < old->nested.n && was == NULL; k++)
			if (strcmp(old->nested.v[k]->dir, n->dir) == 0)
				was = old->nested.v[k];
		if (was != NULL && cache_fingerprint(was->engine) ==
					   cache_fingerprint(n->engine)) {
			/* The same settings: the project's engine stays. */
			engine_destroy(n->engine);
			n->engine = was->engine;
			n->engine_owned = false;
		}
	}
	/* The old ones go (their engines are the project's: a replaced
	 * one is freed by config_install below, as it sets the new one);
	 * the files of a folder that no longer has one go back to the
	 * configuration above it. */
	for (uint32_t k = 0; k < old->nested.n; k++) {
		struct config *was = old->nested.v[k];
		bool kept = false;
		for (uint32_t i = 0; i < scratch.nested.n && !kept; i++)
			kept = strcmp(scratch.nested.v[i]->dir, was->dir) == 0;
		if (!kept) {
			char *dir = xstrndup(was->dir, strlen(was->dir) - 1);
			project_set_engine(f->pj, dir, NULL);
			free(dir);
			dropped = true;
		}
		config_finish(was);
		free(was);
	}
	VEC_FREE(old->nested);
	old->nested = scratch.nested;
	scratch.nested.v = NULL;
	scratch.nested.n = scratch.nested.cap = 0;
	config_finish(&scratch);
	config_install(old, f->pj);
	if (dropped) {
		/* Every engine again, the same: the files of the folders
		 * dropped are analysed with the one that governs them now. */
		project_set_engine(f->pj, "", old->engine);
		for (uint32_t i = 0; i < old->nested.n; i++) {
			const struct config *n = old->nested.v[i];
			char *dir = xstrndup(n->dir, strlen(n->dir) - 1);
			project_set_engine(f->pj, dir, n->engine);
			free(dir);
		}
	}
	return any;
}

/* --- scheduling ------------------------------------------------------------
 */

static void begin(struct folder *f);

static void
on_timer(uv_timer_t *t)
{
	struct folder *f = t->data;
	f->timer_active = false;
	begin(f);
}

/* A solve in delay ms, unless one runs (then the changes wait for its
 * end) or one is due sooner. */
static void
schedule(struct folder *f, unsigned delay)
{
	if (!f->started || f->stopped || f->busy != BUSY_NONE)
		return;
	if (f->timer_active && delay > 0)
		uv_timer_stop(&f->timer); /* restarted: the debounce */
	else if (f->timer_active)
		return;
	f->timer_active = true;
	uv_timer_start(&f->timer, on_timer, delay, 0);
}

static void
touch(struct folder *f)
{
	schedule(f, (unsigned)f->o.solve_delay);
}

void
folder_document_changed(struct folder *f, const char *rel)
{
	unmark(&f->docs_closed, rel);
	mark(&f->docs_changed, rel);
	touch(f);
}

void
folder_document_ready(struct folder *f, const char *rel)
{
	unmark(&f->docs_closed, rel);
	mark(&f->docs_changed, rel);
	/* The pause that made it ready was the delay. */
	schedule(f, 0);
}

void
folder_document_closed(struct folder *f, const char *rel)
{
	unmark(&f->docs_changed, rel);
	mark(&f->docs_closed, rel);
	touch(f);
}

/* Is some folder of rel one that is never analysed (node_modules,
 * .git)? */
static bool
skipped(const char *rel)
{
	char buf[256];
	for (const char *p = rel;;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (slash == NULL)
			return false;
		if (n < sizeof buf) {
			memcpy(buf, p, n);
			buf[n] = '\0';
			if (workspace_skip_dir(buf))
				return true;
		}
		p = slash + 1;
	}
}

void
folder_file_changed(struct folder *f, const char *rel)
{
	if (f->root == NULL || rel[0] == '\0' || skipped(rel))
		return;
	mark(&f->disk_changed, rel);
	touch(f);
}

void
folder_reconfigure(struct folder *f)
{
	f->reconfig = true;
	touch(f);
}

void
folder_set_unused(struct folder *f, int unused)
{
	if (f->o.unused == unused)
		return;
	f->o.unused = unused;
	f->resolve = true;
	touch(f);
}

/* --- watching --------------------------------------------------------------
 */

static void
on_dir_change(void *user, const char *rel)
{
	folder_file_changed(user, rel);
}

static void
sync_watch(struct folder *f)
{
	if (!f->o.watch || !f->listed || f->stopped)
		return;
	if (f->watch == NULL)
		f->watch = dirwatch_create(f->loop, f->root, on_dir_change, f);
	dirwatch_sync(f->watch, &f->ws);
	if (dirwatch_full(f->watch))
		flog(f, FOLDER_LOG_WARNING, "watching only %u folders",
		     DIRWATCH_MAX);
}

/* --- listing ---------------------------------------------------------------
 */

static void
keep_manifest(void *ctx, const char *rel, const char *text, uint32_t len)
{
	struct folder *f = ctx;
	struct manifest *m = VEC_PUSH(f->manifests);
	m->path = xstrdup(rel);
	m->text = xstrndup(text, len);
	m->len = len;
}

static void
list_apart(void *arg)
{
	struct folder *f = arg;
	f->list_rc = workspace_init(&f->next_ws, f->root, &f->cause);
	if (f->list_rc == 0)
		workspace_each_manifest(&f->next_ws, keep_manifest, f);
}

/* Apart too, so that no pool thread allocates (daemon/apart.h). */
static void
list_work(uv_work_t *req)
{
	apart_run(list_apart, req->data);
}

static bool
is_open(struct folder *f, const char *rel)
{
	uint32_t len;
	return f->h.open_text(f->h.ctx, f, rel, &len, false) != NULL;
}

/* Brings the project's files from disk in line with the new listing:
 * files gone are removed, new ones queued (open documents are handed as
 * texts instead). */
static void
take_listing(struct folder *f)
{
	struct workspace *ws = &f->next_ws;
	bool reconfigured = load_nested(f, ws);
	config_apply_workspace(&f->config, ws);
	struct strmap now;
	strmap_init(&now);
	for (uint32_t i = 0; i < ws->files.n; i++) {
		const char *rel = ws->files.v[i];
		strmap_put(&now, rel, (void *)(uintptr_t)(ws->flags.v[i] + 1));
		uintptr_t was = (uintptr_t)strmap_get(&f->files, rel, NULL);
		if (is_open(f, rel))
			mark(&f->docs_changed, rel);
		else if (was != ws->flags.v[i] + 1u)
			project_update_file(f->pj, rel, ws->flags.v[i]);
	}
	for (uint32_t i = 0; i < f->files.cap; i++) {
		const char *rel = f->files.slots[i].key;
		if (rel != NULL && f->files.slots[i].value != NULL &&
		    strmap_get(&now, rel, NULL) == NULL && !is_open(f, rel))
			project_remove(f->pj, rel);
	}
	strmap_finish(&f->files);
	f->files = now;
	for (uint32_t i = 0; i < f->manifests.n; i++)
		project_add_manifest(f->pj, f->manifests.v[i].path,
				     f->manifests.v[i].text,
				     f->manifests.v[i].len);
	if (f->listed)
		workspace_finish(&f->ws);
	f->ws = *ws;
	*ws = (struct workspace){0};
	f->listed = true;
	if (reconfigured)
		f->h.reconfigured(f->h.ctx, f);
}

static void
free_manifests(struct folder *f)
{
	for (uint32_t i = 0; i < f->manifests.n; i++) {
		free(f->manifests.v[i].path);
		free(f->manifests.v[i].text);
	}
	f->manifests.n = 0;
}

static void
list_done(uv_work_t *req, int status)
{
	(void)status;
	struct folder *f = req->data;
	f->busy = BUSY_NONE;
	if (f->stopped) {
		/* Dropped. */
	} else if (f->list_rc != 0) {
		flog(f, FOLDER_LOG_WARNING, "no workspace scan: %s", f->cause);
	} else if (f->next_ws.files.n > SERVER_SCAN_MAX_FILES) {
		flog(f, FOLDER_LOG_WARNING,
		     "no workspace scan: %u files (the limit is %u)",
		     f->next_ws.files.n, SERVER_SCAN_MAX_FILES);
	} else {
		take_listing(f);
		sync_watch(f);
	}
	if (f->list_rc == 0)
		workspace_finish(&f->next_ws);
	f->next_ws = (struct workspace){0};
	free(f->cause);
	f->cause = NULL;
	free_manifests(f);
	f->relist = false;
	f->resolve = true; /* whatever the listing gave: solve */
	if (!f->stopped)
		begin(f);
}

static void
start_listing(struct folder *f)
{
	f->busy = BUSY_LISTING;
	f->work.data = f;
	uv_queue_work(f->loop, &f->work, list_work, list_done);
}

/* --- changes taken at the start of a solve -------------------------------- */

static bool
config_name(const char *rel)
{
	return strcmp(rel, ".stackfit.json") == 0 ||
	       strcmp(rel, "package.json") == 0 ||
	       strcmp(rel, "pyproject.toml") == 0;
}

static void
take_closed(struct folder *f, const char *rel)
{
	uintptr_t v = (uintptr_t)strmap_get(&f->files, rel, NULL);
	if (v != 0)
		project_update_file(f->pj, rel, (uint32_t)(v - 1));
	else
		project_remove(f->pj, rel);
}

static void
take_text(struct folder *f, const char *rel)
{
	if (f->h.ready != NULL && !f->h.ready(f->h.ctx, f, rel)) {
		f->held++; /* handed when it is (folder_document_ready) */
		return;
	}
	f->handed++;
	uint32_t len;
	const char *text = f->h.open_text(f->h.ctx, f, rel, &len, true);
	if (text == NULL) {
		take_closed(f, rel);
		return;
	}
	if (language_for_path(rel) == NULL || !folder_wants(f, rel)) {
		/* Kept in sync in the editor, not analysed. */
		project_remove(f->pj, rel);
		return;
	}
	project_update_text(f->pj, rel, folder_flags(f, rel), text, len);
}

/* An entry changed on disk: a configuration, a manifest, a source file
 * (changed, new or gone), or a folder (listed again). */
static void
take_disk(struct folder *f, const char *rel)
{
	const char *base = path_base(rel);
	if (config_name(rel))
		f->reconfig = true;
	else if (config_name(base))
		f->relist = true; /* a folder's: read with the listing */
	char *abs = xasprintf("%s/%s", f->root, rel);
	struct stat st;
	bool exists = stat(abs, &st) == 0;
	free(abs);
	if (language_manifest_family(base) != NULL) {
		char *text, *note;
		uint32_t len;
		if (exists && S_ISREG(st.st_mode) &&
		    workspace_read_file(f->root, rel, WORKSPACE_MANIFEST_MAX,
					&text, &len, &note) == 0) {
			project_add_manifest(f->pj, rel, text, len);
			free(text);
		} else if (exists) {
			free(note);
		}
		return;
	}
	if (config_name(base))
		return;
	if (is_open(f, rel))
		return; /* the editor's text counts */
	bool known = strmap_get(&f->files, rel, NULL) != NULL;
	if (exists && S_ISDIR(st.st_mode)) {
		f->relist = true; /* a new folder, or one moved here */
		return;
	}
	if (!exists) {
		if (known) {
			project_remove(f->pj, rel);
			strmap_put(&f->files, rel, NULL);
		} else if (language_for_path(rel) == NULL) {
			f->relist = true; /* perhaps a folder */
		}
		return;
	}
	if (!S_ISREG(st.st_mode) || language_for_path(rel) == NULL ||
	    !folder_wants(f, rel))
		return;
	uint32_t flags = known ? folder_flags(f, rel)
			       : config_file_flags(&f->config, rel);
	if (!known)
		strmap_put(&f->files, rel, (void *)(uintptr_t)(flags + 1));
	project_update_file(f->pj, rel, flags);
}

/* Reads the configuration again; the project's settings are replaced
 * (every file is analysed again) and the files listed again, as include
 * and exclude may have changed. */
static void
take_config(struct folder *f)
{
	struct config c;
	struct sf_engine *e = load_config(f, &c);
	project_set_engine(f->pj, "", e);
	/* The folders' configurations stay until the listing that follows
	 * reads them again (load_nested). */
	c.nested = f->config.nested;
	f->config.nested.v = NULL;
	f->config.nested.n = f->config.nested.cap = 0;
	config_finish(&f->config);
	f->config = c;
	apply_unused(f);
	f->relist = f->o.scan;
	f->reconfig = false;
	f->h.reconfigured(f->h.ctx, f);
}

/* --- the solve --------------------------------------------------------------
 */

struct map_ctx {
	struct folder *f;
	project_map_fn *fn;
	void *arg;
	bool count;
};

static void
counted(void *arg, struct sf_parser *p, uint32_t i)
{
	struct map_ctx *m = arg;
	if (!atomic_load(&m->f->cancel))
		m->fn(m->arg, p, i);
	if (m->count)
		atomic_fetch_add(&m->f->done, 1);
}

static void
host_map(void *ctx, const char *what, uint32_t n, project_map_fn *fn, void *arg)
{
	struct folder *f = ctx;
	/* A later map (the second pass over a few files) would take the
	 * progress back to 0 % of another count; the index's tasks (what
	 * NULL) are not files. */
	struct map_ctx m = {f, fn, arg, what != NULL && f->maps++ == 0};
	if (m.count) {
		atomic_store(&f->done, 0);
		atomic_store(&f->total, n);
	}
	if (n <= 2 || f->o.jobs == 1) {
		/* Not worth threads. */
		if (f->parser == NULL)
			f->parser = parser_create();
		for (uint32_t i = 0; i < n; i++)
			counted(&m, f->parser, i);
		return;
	}
	struct scheduler_options o = {.jobs = f->o.jobs};
	scheduler_map(&o, what, n, counted, &m);
}

static int
host_read(void *ctx, const char *path, uint64_t max_size, char **text,
	  uint32_t *len, char **note)
{
	struct folder *f = ctx;
	if (atomic_load(&f->cancel)) {
		*note = xstrdup("not read: the server is stopping");
		return -1;
	}
	if (f->root == NULL) {
		*note = xstrdup("not open in the editor");
		return -1;
	}
	return workspace_read_file(f->root, path, max_size, text, len, note);
}

static void
solve_apart(void *arg)
{
	struct folder *f = arg;
	struct project_host h = {
		.ctx = f,
		.read = host_read,
		.map = host_map,
	};
	project_solve(f->pj, &h);
}

/* The solve runs apart (daemon/apart.h): an editing session would
 * otherwise hold every solve's peak in the pool thread's arena. */
static void
solve_work(uv_work_t *req)
{
	apart_run(solve_apart, req->data);
}

static void
on_tick(uv_timer_t *t)
{
	struct folder *f = t->data;
	f->h.progress(f->h.ctx, f, atomic_load(&f->done),
		      atomic_load(&f->total), false);
}

static void
solve_done(uv_work_t *req, int status)
{
	(void)status;
	struct folder *f = req->data;
	f->busy = BUSY_NONE;
	if (f->tick_active) {
		uv_timer_stop(&f->tick);
		f->tick_active = false;
	}
	if (f->stopped)
		return;
	f->solved = true;
	if (!f->first_done) {
		f->first_done = true;
		struct project_stats st;
		project_stats(f->pj, &st);
		/* The end says how many files the workspace has. */
		f->h.progress(f->h.ctx, f, st.files, st.files, true);
		uint32_t n;
		const char *const *notes = project_notes(f->pj, &n);
		for (uint32_t i = 0; i < n; i++)
			flog(f, FOLDER_LOG_INFO, "%s", notes[i]);
		flog(f, FOLDER_LOG_INFO,
		     "workspace analysed: %u files in %llu ms", st.analysed,
		     (unsigned long long)(uv_now(f->loop) - f->started_at));
	}
	f->h.solved(f->h.ctx, f);
	if (has_changes(f))
		touch(f);
}

/* Takes the changes collected since the last solve and starts the next
 * one (or the listing that comes first). */
static void
begin(struct folder *f)
{
	if (f->stopped || f->busy != BUSY_NONE)
		return;
	/* Open documents not ready to be handed, and nothing else: no
	 * solve is due until they are. */
	bool other = !f->first_done || f->resolve || f->reconfig || f->relist ||
		     f->disk_changed.live > 0 || f->docs_closed.live > 0;
	f->handed = f->held = 0;
	drain(&f->disk_changed, take_disk, f);
	if (f->reconfig)
		take_config(f);
	if (f->relist && f->o.scan) {
		start_listing(f);
		return;
	}
	f->relist = false;
	drain(&f->docs_closed, take_closed, f);
	drain(&f->docs_changed, take_text, f);
	f->resolve = false;
	if (!other && f->held > 0 && f->handed == 0)
		return;
	f->busy = BUSY_SOLVING;
	atomic_store(&f->done, 0);
	atomic_store(&f->total, 0);
	f->maps = 0;
	if (!f->first_done) {
		f->tick_active = true;
		uv_timer_start(&f->tick, on_tick, FOLDER_PROGRESS_MS,
			       FOLDER_PROGRESS_MS);
	}
	f->work.data = f;
	uv_queue_work(f->loop, &f->work, solve_work, solve_done);
}

void
folder_start(struct folder *f)
{
	if (f->started)
		return;
	f->started = true;
	f->started_at = uv_now(f->loop);
	if (f->o.scan)
		start_listing(f);
	else
		schedule(f, 0);
}

/* --- stopping --------------------------------------------------------------
 */

static void
on_closed(uv_handle_t *h)
{
	struct folder *f = h->data;
	f->handles--;
}

void
folder_stop(struct folder *f)
{
	if (f->stopped)
		return;
	f->stopped = true;
	atomic_store(&f->cancel, true);
	dirwatch_stop(f->watch);
	uv_close((uv_handle_t *)&f->timer, on_closed);
	uv_close((uv_handle_t *)&f->tick, on_closed);
	f->timer_active = f->tick_active = false;
}

bool
folder_busy(const struct folder *f)
{
	return f->busy != BUSY_NONE || f->handles > 0 ||
	       dirwatch_busy(f->watch);
}

void
folder_destroy(struct folder *f)
{
	if (f == NULL)
		return;
	dirwatch_destroy(f->watch);
	project_destroy(f->pj);
	config_finish(&f->config);
	if (f->listed)
		workspace_finish(&f->ws);
	free_manifests(f);
	VEC_FREE(f->manifests);
	strmap_finish(&f->files);
	strmap_finish(&f->docs_changed.m);
	strmap_finish(&f->docs_closed.m);
	strmap_finish(&f->disk_changed.m);
	parser_destroy(f->parser);
	free(f->root);
	free(f->uri);
	free(f);
}
