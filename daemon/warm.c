/*
 * The warm project (warm.h): the workspace, the signatures of what it was
 * made of — files, folders, and the extra files that decide which files
 * there are or what they mean (manifests, .gitignore, git's index and
 * exclude files) — and the project, brought up to date by warm_refresh.
 */
#define _GNU_SOURCE /* O_PATH */
#include "warm.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cmd_report.h"
#include "language.h"
#include "scheduler.h"
#include "summary.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The most folders looked at; in a larger tree, every refresh discovers
 * the workspace again. */
#define WARM_FOLDERS_MAX 50000

/* What stat says of a path (0s and the errno when it could not be
 * seen). */
struct sig {
	uint64_t dev, ino;
	int64_t size, mtime_s, mtime_ns, ctime_s, ctime_ns;
	int err;
};

struct wfile {
	struct sig sig;
	time_t seen;   /* when sig was taken */
	uint64_t hash; /* of the text read then, when hashed */
	bool hashed;
};

struct wdir {
	char *rel;
	struct sig sig;
	time_t seen;
	uint64_t names; /* a hash of the names that matter in it */
};

/* A file that is no source but decides which sources there are or what
 * they mean: compared by its contents. */
struct wextra {
	char *path; /* absolute */
	struct sig sig;
	time_t seen;
	uint64_t hash; /* of its contents; 0 when it cannot be read */
};

struct warm {
	char *root;
	struct sf_project *pj;
	struct workspace ws;
	struct wfile *files; /* one per ws.files */
	struct config config;
	bool loaded; /* config and ws hold something */
	uint64_t key;
	bool unused;
	VEC(struct wdir) dirs;
	bool too_many; /* more folders than WARM_FOLDERS_MAX */
	VEC(struct wextra) extras;
	VEC(char *) manifests; /* root-relative, of the project */
	/* #! scripts a check named (warm_add_script), root-relative: they
	 * join the workspace at each discovery while they are scripts. */
	VEC(char *) scripts;
	bool rescan;                 /* a script was named: discover again */
	VEC(const char *) dir_names; /* warm_dirs's answer */
};

struct warm *
warm_create(const char *root)
{
	struct warm *w = xcalloc(1, sizeof *w);
	w->root = xstrdup(root);
	return w;
}

static void
free_dirs(struct warm *w)
{
	for (uint32_t i = 0; i < w->dirs.n; i++)
		free(w->dirs.v[i].rel);
	w->dirs.n = 0;
}

static void
free_extras(struct warm *w)
{
	for (uint32_t i = 0; i < w->extras.n; i++)
		free(w->extras.v[i].path);
	w->extras.n = 0;
}

static void
free_manifests(struct warm *w)
{
	for (uint32_t i = 0; i < w->manifests.n; i++)
		free(w->manifests.v[i]);
	w->manifests.n = 0;
}

void
warm_destroy(struct warm *w)
{
	if (w == NULL)
		return;
	project_destroy(w->pj);
	workspace_finish(&w->ws);
	free(w->files);
	if (w->loaded)
		config_finish(&w->config);
	free_dirs(w);
	VEC_FREE(w->dirs);
	VEC_FREE(w->dir_names);
	free_extras(w);
	VEC_FREE(w->extras);
	free_manifests(w);
	VEC_FREE(w->manifests);
	for (uint32_t i = 0; i < w->scripts.n; i++)
		free(w->scripts.v[i]);
	VEC_FREE(w->scripts);
	free(w->root);
	free(w);
}

/* --- signatures ------------------------------------------------------- */

static void
sig_of(int dirfd, const char *path, int flags, struct sig *s)
{
	struct stat st;
	if (fstatat(dirfd, path, &st, flags) < 0) {
		*s = (struct sig){.err = errno};
		return;
	}
	*s = (struct sig){
		.dev = st.st_dev,
		.ino = st.st_ino,
		.size = st.st_size,
		.mtime_s = st.st_mtim.tv_sec,
		.mtime_ns = st.st_mtim.tv_nsec,
		.ctime_s = st.st_ctim.tv_sec,
		.ctime_ns = st.st_ctim.tv_nsec,
	};
}

static bool
sig_equal(const struct sig *x, const struct sig *y)
{
	/* Field by field: padding is not compared. */
	return x->dev == y->dev && x->ino == y->ino && x->size == y->size &&
	       x->mtime_s == y->mtime_s && x->mtime_ns == y->mtime_ns &&
	       x->ctime_s == y->ctime_s && x->ctime_ns == y->ctime_ns &&
	       x->err == y->err;
}

/* Whether a change after seen might not show in s. */
static bool
sig_racy(const struct sig *s, time_t seen)
{
	return s->err == 0 && (s->mtime_s >= seen - WARM_RACY_SECONDS ||
			       s->ctime_s >= seen - WARM_RACY_SECONDS);
}

/* A hash of the text of root/rel as the analysis would read it; false
 * when it cannot be read (the analysis says why). */
static bool
hash_file(const struct warm *w, const char *rel, uint64_t *hash)
{
	char *text, *note;
	uint32_t len;
	if (workspace_read_file(w->root, rel, UINT32_MAX, &text, &len, &note) <
	    0) {
		free(note);
		return false;
	}
	*hash = summary_hash_text(text, len) ^ len;
	free(text);
	return true;
}

static uint64_t
hash_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return 0;
	struct stat st;
	uint64_t h = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		struct strbuf b;
		strbuf_init(&b);
		char buf[65536];
		ssize_t n;
		while ((n = read(fd, buf, sizeof buf)) > 0 ||
		       (n < 0 && errno == EINTR))
			if (n > 0)
				strbuf_append(&b, buf, (size_t)n);
		h = summary_hash_text(b.s ? b.s : "", (uint32_t)b.len) ^
		    (b.len + 1);
		strbuf_finish(&b);
	}
	close(fd);
	return h;
}

/* --- the settings ------------------------------------------------------ */

static void
put_globs(struct strbuf *b, const char *what, char *const *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		strbuf_printf(b, "%s %zu:%s\n", what, strlen(v[i]), v[i]);
}

uint64_t
warm_settings_key(const struct sf_engine *e, const struct config *c)
{
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(&b, "engine %016llx\n",
		      (unsigned long long)cache_fingerprint(e));
	const char *origin = c->origin ? c->origin : "";
	const char *base = c->base ? c->base : "";
	strbuf_printf(&b, "origin %zu:%s base %zu:%s\n", strlen(origin), origin,
		      strlen(base), base);
	put_globs(&b, "include", c->include.v, c->include.n);
	put_globs(&b, "exclude", c->exclude.v, c->exclude.n);
	put_globs(&b, "cli", c->cli.v, c->cli.n);
	put_globs(&b, "tests", c->tests.v, c->tests.n);
	/* The configurations of folders below the root, and their globs. */
	strbuf_printf(&b, "nested %016llx\n",
		      (unsigned long long)config_fingerprint(c));
	for (uint32_t i = 0; i < c->nested.n; i++) {
		const struct config *n = c->nested.v[i];
		const char *dir = n->dir ? n->dir : "";
		strbuf_printf(&b, "dir %zu:%s\n", strlen(dir), dir);
		put_globs(&b, "include", n->include.v, n->include.n);
		put_globs(&b, "exclude", n->exclude.v, n->exclude.n);
		put_globs(&b, "cli", n->cli.v, n->cli.n);
		put_globs(&b, "tests", n->tests.v, n->tests.n);
	}
	uint64_t h = summary_hash_text(b.s, (uint32_t)b.len);
	strbuf_finish(&b);
	return h;
}

/* --- folders ----------------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether name is a manifest of a family (package.json...). */
static bool
is_manifest(const char *name)
{
	for (int f = 0; f < SF_FAMILY_COUNT; f++)
		for (const char *const *m = language_family(f)->manifests;
		     m && *m; m++)
			if (strcmp(*m, name) == 0)
				return true;
	return false;
}

/* Lists the folder rel: a hash of the names in it that decide which
 * files the workspace has (sources, manifests, .gitignore, folders that
 * are looked into), and those folders (pushed to sub, owned by the
 * caller) and .gitignore files (pushed to extras) when asked. Returns
 * false when it cannot be listed. */
static bool
list_dir(struct warm *w, const char *rel, uint64_t *names, void *sub,
	 bool add_extras)
{
	VEC(char *) *subdirs = sub;
	char *abs =
		rel[0] ? xasprintf("%s/%s", w->root, rel) : xstrdup(w->root);
	int fd = open(abs, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		free(abs);
		*names = 0;
		return false;
	}
	VEC(char *) seen = {0};
	/* A folder holding pyvenv.cfg is a virtualenv: never analysed. */
	bool venv = rel[0] && faccessat(fd, "pyvenv.cfg", F_OK, 0) == 0;
	struct dirent *e;
	while (!venv && (e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
			continue;
		unsigned char type = e->d_type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			if (fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) == 0)
				type = S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
		}
		bool folder = type == DT_DIR && !workspace_skip_dir(n);
		if (folder) {
			*VEC_PUSH(seen) = xasprintf("%s/", n);
			if (subdirs != NULL)
				*VEC_PUSH(*subdirs) =
					rel[0] ? xasprintf("%s/%s", rel, n)
					       : xstrdup(n);
		} else if (type != DT_DIR &&
			   (language_for_path(n) != NULL ||
			    strcmp(n, ".gitignore") == 0 || is_manifest(n))) {
			*VEC_PUSH(seen) = xstrdup(n);
			if (add_extras && strcmp(n, ".gitignore") == 0) {
				struct wextra *x = VEC_PUSH(w->extras);
				x->path = xasprintf("%s/%s", abs, n);
			}
		}
	}
	closedir(d);
	free(abs);
	if (seen.n > 1)
		qsort(seen.v, seen.n, sizeof *seen.v, cmp_str);
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(&b, "venv %d\n", (int)venv);
	for (uint32_t i = 0; i < seen.n; i++) {
		strbuf_printf(&b, "%s\n", seen.v[i]);
		free(seen.v[i]);
	}
	VEC_FREE(seen);
	*names = summary_hash_text(b.s, (uint32_t)b.len);
	strbuf_finish(&b);
	return true;
}

/* Every folder under the root that a discovery may look into, with its
 * signature and names; the .gitignore files found become extras. */
static void
walk_dirs(struct warm *w, time_t now)
{
	free_dirs(w);
	w->too_many = false;
	VEC(char *) stack = {0};
	*VEC_PUSH(stack) = xstrdup("");
	int rootfd = open(w->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	while (stack.n > 0) {
		char *rel = stack.v[--stack.n];
		if (w->dirs.n >= WARM_FOLDERS_MAX) {
			w->too_many = true;
			free(rel);
			continue;
		}
		struct wdir *d = VEC_PUSH(w->dirs);
		d->rel = rel;
		d->seen = now;
		sig_of(rootfd, rel[0] ? rel : ".", AT_SYMLINK_NOFOLLOW,
		       &d->sig);
		list_dir(w, rel, &d->names, &stack, true);
	}
	VEC_FREE(stack);
	if (rootfd >= 0)
		close(rootfd);
}

/* --- extras ------------------------------------------------------------ */

/* The names of the files a configuration is read from (config.h). */
static const char *const config_names[] = {
	".stackfit.json",
	"package.json",
	"pyproject.toml",
};

/* Whether one of the n paths in v is a configuration file. */
static bool
names_config(const char *const *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const char *slash = strrchr(v[i], '/');
		const char *base = slash ? slash + 1 : v[i];
		for (size_t k = 0;
		     k < sizeof config_names / sizeof *config_names; k++)
			if (strcmp(base, config_names[k]) == 0)
				return true;
	}
	return false;
}

/* Whether the folder rel is one of the n paths in v or holds one. */
static bool
touched(const char *rel, const char *const *v, uint32_t n)
{
	size_t len = strlen(rel);
	for (uint32_t i = 0; i < n; i++) {
		const char *p = v[i];
		const char *slash = strrchr(p, '/');
		size_t plen = slash ? (size_t)(slash - p) : 0;
		if (strcmp(p, rel) == 0 ||
		    (plen == len && memcmp(p, rel, len) == 0))
			return true;
	}
	return false;
}

static void
add_extra(struct warm *w, char *path)
{
	struct wextra *x = VEC_PUSH(w->extras);
	x->path = path;
}

/* git's files that decide what `git ls-files` lists: the index and the
 * exclude file of the repository the root is in, the .gitignore files
 * above the root up to its top, and the user's global ignore file and
 * configuration. */
static void
add_git_extras(struct warm *w)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", w->root);
	for (;;) {
		char *dotgit = xasprintf("%s/.git", dir);
		struct stat st;
		if (lstat(dotgit, &st) == 0) {
			char *gitdir = NULL;
			if (S_ISDIR(st.st_mode)) {
				gitdir = xstrdup(dotgit);
			} else if (S_ISREG(st.st_mode)) {
				/* "gitdir: PATH" (a worktree, a submodule). */
				char buf[PATH_MAX + 16];
				FILE *f = fopen(dotgit, "re");
				if (f != NULL &&
				    fgets(buf, sizeof buf, f) != NULL &&
				    strncmp(buf, "gitdir: ", 8) == 0) {
					buf[strcspn(buf, "\n")] = '\0';
					gitdir = buf[8] == '/'
							 ? xstrdup(buf + 8)
							 : xasprintf("%s/%s",
								     dir,
								     buf + 8);
				}
				if (f != NULL)
					fclose(f);
			}
			if (gitdir != NULL) {
				add_extra(w, xasprintf("%s/index", gitdir));
				add_extra(w,
					  xasprintf("%s/info/exclude", gitdir));
				add_extra(w, xasprintf("%s/commondir", gitdir));
				/* A worktree's exclude file is the common
				 * folder's. */
				char *common =
					xasprintf("%s/commondir", gitdir);
				FILE *f = fopen(common, "re");
				char buf[PATH_MAX];
				if (f != NULL &&
				    fgets(buf, sizeof buf, f) != NULL) {
					buf[strcspn(buf, "\n")] = '\0';
					add_extra(
						w,
						buf[0] == '/'
							? xasprintf("%s/info/"
								    "exclude",
								    buf)
							: xasprintf(
								  "%s/%s/info/"
								  "exclude",
								  gitdir, buf));
				}
				if (f != NULL)
					fclose(f);
				free(common);
				free(gitdir);
			}
			free(dotgit);
			break;
		}
		free(dotgit);
		char *slash = strrchr(dir, '/');
		if (slash == NULL || slash == dir)
			break;
		*slash = '\0';
		/* Above the root: its .gitignore files count too, and the
		 * configuration files the root's may be read from. */
		add_extra(w, xasprintf("%s/.gitignore", dir));
		for (size_t i = 0;
		     i < sizeof config_names / sizeof *config_names; i++)
			add_extra(w, xasprintf("%s/%s", dir, config_names[i]));
	}
	const char *home = getenv("HOME");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg != NULL && xdg[0] == '/') {
		add_extra(w, xasprintf("%s/git/ignore", xdg));
		add_extra(w, xasprintf("%s/git/config", xdg));
	} else if (home != NULL && home[0] == '/') {
		add_extra(w, xasprintf("%s/.config/git/ignore", home));
		add_extra(w, xasprintf("%s/.config/git/config", home));
	}
	if (home != NULL && home[0] == '/')
		add_extra(w, xasprintf("%s/.gitconfig", home));
}

struct manifest_ctx {
	VEC(char *) found;
};

static void
on_manifest(void *arg, const char *rel, const char *text, uint32_t len)
{
	struct manifest_ctx *m = arg;
	(void)text;
	(void)len;
	*VEC_PUSH(m->found) = xstrdup(rel);
}

/* The manifests of the workspace, as extras. Returns false when one the
 * project had is gone (a project cannot drop one: it must start
 * again). */
static bool
sync_manifests(struct warm *w)
{
	struct manifest_ctx m = {0};
	workspace_each_manifest(&w->ws, on_manifest, &m);
	if (m.found.n > 1)
		qsort(m.found.v, m.found.n, sizeof *m.found.v, cmp_str);
	bool kept = true;
	/* Every manifest the project had must still be there. */
	for (uint32_t i = 0, k = 0; i < w->manifests.n; i++) {
		while (k < m.found.n &&
		       strcmp(m.found.v[k], w->manifests.v[i]) < 0)
			k++;
		if (k == m.found.n || strcmp(m.found.v[k], w->manifests.v[i]))
			kept = false;
	}
	free_manifests(w);
	for (uint32_t i = 0; i < m.found.n; i++) {
		char *rel = m.found.v[i];
		*VEC_PUSH(w->manifests) = rel;
		add_extra(w, xasprintf("%s/%s", w->root, rel));
	}
	VEC_FREE(m.found);
	return kept;
}

static void
add_manifest_to(void *ctx, const char *rel, const char *text, uint32_t len)
{
	project_add_manifest(ctx, rel, text, len);
}

/* Takes the signatures and hashes of every extra, now. */
static void
seal_extras(struct warm *w, time_t now)
{
	for (uint32_t i = 0; i < w->extras.n; i++) {
		struct wextra *x = &w->extras.v[i];
		sig_of(AT_FDCWD, x->path, 0, &x->sig);
		x->seen = now;
		x->hash = x->sig.err == 0 ? hash_path(x->path) : 0;
	}
}

/* --- files ------------------------------------------------------------- */

/* The folder of the files looked at in turn (they come in path order): a
 * stat through it walks one name, not the whole path. */
struct cursor {
	int rootfd;
	char *dir; /* of fd, or NULL */
	int fd;
};

static void
cursor_init(struct cursor *c, int rootfd)
{
	*c = (struct cursor){.rootfd = rootfd, .fd = -1};
}

static void
cursor_finish(struct cursor *c)
{
	if (c->fd >= 0)
		close(c->fd);
	free(c->dir);
	cursor_init(c, c->rootfd);
}

/* The descriptor to stat rel through, and rel's name in it (*base). */
static int
cursor_at(struct cursor *c, const char *rel, const char **base)
{
	const char *slash = strrchr(rel, '/');
	if (slash == NULL) {
		*base = rel;
		return c->rootfd;
	}
	size_t n = (size_t)(slash - rel);
	*base = slash + 1;
	if (c->dir == NULL || strlen(c->dir) != n ||
	    memcmp(c->dir, rel, n) != 0) {
		if (c->fd >= 0)
			close(c->fd);
		free(c->dir);
		c->dir = xstrndup(rel, n);
		c->fd = openat(c->rootfd, c->dir,
			       O_PATH | O_DIRECTORY | O_CLOEXEC);
	}
	if (c->fd < 0) {
		/* The folder went: the whole path says why. */
		*base = rel;
		return c->rootfd;
	}
	return c->fd;
}

/* Looks at the file i as it is now; true when it must be analysed
 * again. fresh: the file is new to the project (analysed anyway). */
static bool
look_at_file(struct warm *w, uint32_t i, time_t now, struct cursor *cur,
	     bool fresh)
{
	struct wfile *f = &w->files[i];
	const char *rel = w->ws.files.v[i];
	struct sig s;
	const char *base;
	int at = cursor_at(cur, rel, &base);
	sig_of(at, base, 0, &s);
	bool again = fresh;
	if (fresh || !sig_equal(&s, &f->sig) || sig_racy(&f->sig, f->seen)) {
		uint64_t h = 0;
		bool hashed = sig_racy(&s, now) || !fresh
				      ? hash_file(w, rel, &h)
				      : false;
		if (!fresh)
			again = !hashed || !f->hashed || h != f->hash;
		f->hash = h;
		f->hashed = hashed;
	}
	f->sig = s;
	f->seen = now;
	return again;
}

/* --- discovery ---------------------------------------------------------- */

/* Adds the scripts checks named that ws does not list (it lists files
 * by their extension) and the configuration c wants, in path order, with
 * c's flags, as `check` does in process. */
static void
add_scripts(const struct warm *w, const struct config *c, struct workspace *ws)
{
	for (uint32_t i = 0; i < w->scripts.n; i++) {
		const char *rel = w->scripts.v[i];
		if (workspace_find(ws, rel) >= 0 || !config_wants(c, rel) ||
		    workspace_in_skipped_dir(rel))
			continue;
		char *abs = xasprintf("%s/%s", w->root, rel);
		if (workspace_script_language(abs) != NULL)
			workspace_insert(ws, rel, config_file_flags(c, rel));
		free(abs);
	}
}

/* Discovers the workspace (into ws) as check does. */
static int
discover(struct warm *w, const struct config *c, struct workspace *ws,
	 char **cause)
{
	if (workspace_init(ws, w->root, cause) < 0)
		return -1;
	config_apply_workspace(c, ws);
	add_scripts(w, c, ws);
	return 0;
}

/* Puts the new workspace nw in place of w's, telling the project which
 * files came, went or changed flags. Returns how many. */
static uint32_t
take_workspace(struct warm *w, struct workspace *nw, time_t now, int rootfd)
{
	uint32_t n = nw->files.n, changed = 0;
	struct wfile *files = xcalloc(n ? n : 1, sizeof *files);
	bool *fresh = xcalloc(n ? n : 1, sizeof *fresh);
	uint32_t i = 0, k = 0;
	while (i < w->ws.files.n || k < n) {
		int c = i == w->ws.files.n ? 1
			: k == n           ? -1
				 : strcmp(w->ws.files.v[i], nw->files.v[k]);
		if (c < 0) {
			project_remove(w->pj, w->ws.files.v[i]);
			changed++;
			i++;
		} else if (c > 0) {
			fresh[k] = true;
			project_update_file(w->pj, nw->files.v[k],
					    nw->flags.v[k]);
			changed++;
			k++;
		} else {
			files[k] = w->files[i];
			if (w->ws.flags.v[i] != nw->flags.v[k]) {
				project_update_file(w->pj, nw->files.v[k],
						    nw->flags.v[k]);
				changed++;
			}
			i++;
			k++;
		}
	}
	workspace_finish(&w->ws);
	w->ws = *nw;
	*nw = (struct workspace){0};
	free(w->files);
	w->files = files;
	struct cursor cur;
	cursor_init(&cur, rootfd);
	for (k = 0; k < n; k++)
		if (fresh[k])
			look_at_file(w, k, now, &cur, true);
	cursor_finish(&cur);
	free(fresh);
	return changed;
}

/* Whether a folder, an extra or the tree's size says the workspace must
 * be discovered again; the folders and extras that did not change are
 * sealed again at now. With o->trust, only the folders that changed or
 * hold a path that changed (o->changed) are looked at. */
static bool
structure_changed(struct warm *w, time_t now, int rootfd,
		  const struct warm_refresh *o)
{
	bool changed = w->too_many;
	for (uint32_t i = 0; !changed && i < w->dirs.n; i++) {
		struct wdir *d = &w->dirs.v[i];
		if (o->trust && !touched(d->rel, o->changed, o->nchanged))
			continue;
		struct sig s;
		sig_of(rootfd, d->rel[0] ? d->rel : ".", AT_SYMLINK_NOFOLLOW,
		       &s);
		if (sig_equal(&s, &d->sig) && !sig_racy(&d->sig, d->seen))
			continue;
		uint64_t names = 0;
		if (s.err != 0 || !list_dir(w, d->rel, &names, NULL, false) ||
		    names != d->names) {
			changed = true;
			break;
		}
		d->sig = s;
		d->seen = now;
	}
	for (uint32_t i = 0; !changed && i < w->extras.n; i++) {
		struct wextra *x = &w->extras.v[i];
		struct sig s;
		sig_of(AT_FDCWD, x->path, 0, &s);
		if (sig_equal(&s, &x->sig) && !sig_racy(&x->sig, x->seen))
			continue;
		uint64_t h = s.err == 0 ? hash_path(x->path) : 0;
		if (h != x->hash || (s.err == 0) != (x->sig.err == 0)) {
			changed = true;
			break;
		}
		x->sig = s;
		x->seen = now;
	}
	return changed;
}

/* --- the refresh -------------------------------------------------------- */

/* Forgets the configurations below the root that c read (of an older
 * workspace). */
static void
drop_nested(struct config *c)
{
	for (uint32_t i = 0; i < c->nested.n; i++) {
		config_finish(c->nested.v[i]);
		free(c->nested.v[i]);
	}
	VEC_FREE(c->nested);
}

/* The root's configuration (into c, with engine e) and those of the
 * folders of ws below it, when ws is not NULL; its settings key in
 * *key. Returns 0, or -1 with *cause and c finished. */
static int
load_config(const struct warm *w, struct config *c, struct sf_engine *e,
	    const struct workspace *ws, uint64_t *key, char **cause)
{
	if (config_load(c, w->root, e, cause) < 0)
		return -1;
	if (ws != NULL && config_load_nested(c, ws, cause) < 0)
		return -1;
	*key = warm_settings_key(e, c);
	return 0;
}

/* A new project of every file (config c and engine e taken over); the
 * configurations below the root are read again for the files found. */
static int
rebuild(struct warm *w, struct config *c, struct sf_engine *e,
	const struct warm_refresh *o, FILE *err, char **cause)
{
	struct workspace ws;
	if (workspace_init(&ws, w->root, cause) < 0) {
		config_finish(c);
		engine_destroy(e);
		return -1;
	}
	drop_nested(c);
	if (config_load_nested(c, &ws, cause) < 0) {
		workspace_finish(&ws);
		engine_destroy(e);
		return -1;
	}
	config_apply_workspace(c, &ws);
	add_scripts(w, c, &ws);
	w->rescan = false;
	uint64_t key = warm_settings_key(e, c);
	time_t now = time(NULL);
	project_destroy(w->pj);
	workspace_finish(&w->ws);
	if (w->loaded)
		config_finish(&w->config);
	w->config = *c;
	w->loaded = true;
	w->key = key;
	w->ws = ws;
	w->pj = project_create(e);
	config_install(&w->config, w->pj);
	free(w->files);
	w->files = xcalloc(ws.files.n ? ws.files.n : 1, sizeof *w->files);
	free_extras(w);
	free_manifests(w);
	walk_dirs(w, now);
	add_git_extras(w);
	sync_manifests(w);
	seal_extras(w, now);
	/* Signatures before the analysis reads: a change during it shows
	 * at the next refresh. */
	int rootfd = open(w->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct cursor cur;
	cursor_init(&cur, rootfd);
	for (uint32_t i = 0; i < ws.files.n; i++)
		look_at_file(w, i, now, &cur, true);
	cursor_finish(&cur);
	if (rootfd >= 0)
		close(rootfd);
	w->unused = o->unused_ignores || w->config.report_unused_ignores;
	struct cmd_request rq = {
		.cache = !o->full,
		.jobs = o->jobs,
		.unused_ignores = w->unused,
	};
	cmd_report_analyse(w->pj, &w->ws, NULL, &rq, false, err);
	return 0;
}

int
warm_refresh(struct warm *w, const struct warm_refresh *o, FILE *err,
	     struct warm_stats *stats, char **cause)
{
	*stats = (struct warm_stats){0};
	struct warm_refresh all = *o;
	if (w->pj == NULL || o->full)
		all.trust = false;
	o = &all;
	/* The configuration is read again unless the watches say no
	 * configuration file changed. */
	if (!o->trust || names_config(o->changed, o->nchanged)) {
		struct sf_engine *e = engine_create();
		struct config c;
		uint64_t key;
		if (load_config(w, &c, e, w->pj != NULL ? &w->ws : NULL, &key,
				cause) < 0) {
			engine_destroy(e);
			return -1;
		}
		if (w->pj == NULL || o->full || key != w->key) {
			stats->rebuilt = stats->rediscovered = stats->solved =
				true;
			if (rebuild(w, &c, e, o, err, cause) < 0)
				return -1;
			stats->updated = w->ws.files.n;
			return 0;
		}
		config_finish(&c);
		engine_destroy(e);
	}

	time_t now = time(NULL);
	int rootfd = open(w->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	uint32_t updated = 0;
	bool solve = false;
	if (w->rescan || structure_changed(w, now, rootfd, o)) {
		w->rescan = false;
		struct workspace nw;
		if (discover(w, &w->config, &nw, cause) < 0) {
			if (rootfd >= 0)
				close(rootfd);
			return -1;
		}
		stats->rediscovered = true;
		updated += take_workspace(w, &nw, now, rootfd);
		free_extras(w);
		walk_dirs(w, now);
		add_git_extras(w);
		bool kept = sync_manifests(w);
		seal_extras(w, now);
		/* A new folder may hold a configuration of its own. */
		struct sf_engine *e3 = engine_create();
		struct config c3;
		uint64_t key3 = w->key;
		if (load_config(w, &c3, e3, &w->ws, &key3, cause) < 0) {
			engine_destroy(e3);
			if (rootfd >= 0)
				close(rootfd);
			return -1;
		}
		config_finish(&c3);
		engine_destroy(e3);
		if (!kept || key3 != w->key) {
			/* A manifest went: the index cannot forget it. */
			if (rootfd >= 0)
				close(rootfd);
			struct sf_engine *e2 = engine_create();
			struct config c2;
			if (config_load(&c2, w->root, e2, cause) < 0) {
				engine_destroy(e2);
				return -1;
			}
			stats->rebuilt = stats->solved = true;
			struct warm_refresh full = *o;
			full.full = false;
			if (rebuild(w, &c2, e2, &full, err, cause) < 0)
				return -1;
			stats->updated = w->ws.files.n;
			return 0;
		}
		/* Manifests again, whatever changed in them. */
		workspace_each_manifest(&w->ws, add_manifest_to, w->pj);
		solve = true;
	}
	struct cursor cur;
	cursor_init(&cur, rootfd);
	if (o->trust) {
		/* Only what the watches saw (in path order, for the
		 * cursor). */
		for (uint32_t k = 0; k < o->nchanged; k++) {
			int64_t i = workspace_find(&w->ws, o->changed[k]);
			if (i >= 0 &&
			    look_at_file(w, (uint32_t)i, now, &cur, false)) {
				project_update_file(w->pj, w->ws.files.v[i],
						    w->ws.flags.v[i]);
				updated++;
			}
		}
	} else {
		for (uint32_t i = 0; i < w->ws.files.n; i++)
			if (look_at_file(w, i, now, &cur, false)) {
				project_update_file(w->pj, w->ws.files.v[i],
						    w->ws.flags.v[i]);
				updated++;
			}
	}
	cursor_finish(&cur);
	if (rootfd >= 0)
		close(rootfd);
	bool unused = o->unused_ignores || w->config.report_unused_ignores;
	if (unused != w->unused) {
		w->unused = unused;
		project_set_report_unused(w->pj, unused);
		solve = true;
	}
	if (updated > 0 || solve) {
		struct scheduler_options so = {.jobs = o->jobs};
		scheduler_solve(w->pj, w->root, &so);
		stats->solved = true;
	}
	stats->updated = updated;
	return 0;
}

void
warm_add_script(struct warm *w, const char *rel)
{
	for (uint32_t i = 0; i < w->scripts.n; i++)
		if (strcmp(w->scripts.v[i], rel) == 0)
			return;
	if (w->loaded && workspace_find(&w->ws, rel) >= 0)
		return;
	*VEC_PUSH(w->scripts) = xstrdup(rel);
	w->rescan = true;
}

const struct sf_project *
warm_project(const struct warm *w)
{
	return w->pj;
}

const struct workspace *
warm_workspace(const struct warm *w)
{
	return w->loaded ? &w->ws : NULL;
}

const struct config *
warm_config(const struct warm *w)
{
	return w->loaded ? &w->config : NULL;
}

const char *const *
warm_dirs(const struct warm *w, uint32_t *n)
{
	*n = w->dirs.n;
	/* struct wdir begins with its rel: a view of them is made once
	 * per call. */
	struct warm *m = (struct warm *)w;
	m->dir_names.n = 0;
	for (uint32_t i = 0; i < w->dirs.n; i++)
		*VEC_PUSH(m->dir_names) = w->dirs.v[i].rel;
	return (const char *const *)m->dir_names.v;
}

bool
warm_dirs_complete(const struct warm *w)
{
	return w->loaded && !w->too_many;
}

uint64_t
warm_settings(const struct warm *w)
{
	return w->key;
}

bool
warm_unused_ignores(const struct warm *w)
{
	return w->unused;
}
