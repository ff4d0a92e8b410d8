/*
 * Workspace discovery. git is asked with fsmonitor and other hooks switched
 * off, so nothing of the scanned repository is executed; when git is absent,
 * fails, or lists nothing (the path itself may be git-ignored), a plain walk
 * takes over.
 */
#include "workspace.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts.h"
#include "git.h"
#include "language.h"
#include "util/escape.h"
#include "util/path.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"

bool
workspace_skip_dir(const char *name)
{
	static const char *const skip[] = {
		".git",
		".hg",
		".svn",
		"node_modules",
		"bower_components",
		"__pycache__",
		".venv",
		"venv",
		".tox",
		".nox",
		".mypy_cache",
		".pytest_cache",
		".ruff_cache",
		"site-packages",
		"dist",
		"build",
		".next",
		".nuxt",
		"coverage",
		".cache",
	};
	for (size_t i = 0; i < sizeof skip / sizeof *skip; i++)
		if (strcmp(name, skip[i]) == 0)
			return true;
	return false;
}

/* Does any directory component of rel make it skipped? */
static bool
path_skipped(const char *rel)
{
	char buf[PATH_MAX];
	const char *p = rel;
	for (;;) {
		const char *slash = strchr(p, '/');
		if (slash == NULL)
			return false;
		size_t n = (size_t)(slash - p);
		if (n < sizeof buf) {
			memcpy(buf, p, n);
			buf[n] = '\0';
			if (workspace_skip_dir(buf))
				return true;
		}
		p = slash + 1;
	}
}

/* Is the real path of the link inside root? */
static bool
link_inside(const char *root, const char *abs)
{
	char real[PATH_MAX];
	if (realpath(abs, real) == NULL)
		return false;
	size_t n = strlen(root);
	return strncmp(real, root, n) == 0 &&
	       (real[n] == '/' || real[n] == '\0');
}

/* Adds rel when it is a regular file of a known language, or a link to
 * one inside the root. One that cannot be looked at (in a folder without
 * search permission) is kept too: git or its folder says it is there, so
 * the run counts it and says why it was not read. */
static void
consider(struct workspace *ws, const char *rel)
{
	if (language_for_path(rel) == NULL || path_skipped(rel))
		return;
	char *abs = xasprintf("%s/%s", ws->root, rel);
	struct stat st;
	bool keep = false;
	uint64_t size = 0;
	if (lstat(abs, &st) == 0) {
		if (S_ISREG(st.st_mode))
			keep = true;
		else if (S_ISLNK(st.st_mode) && stat(abs, &st) == 0 &&
			 S_ISREG(st.st_mode) && link_inside(ws->root, abs))
			keep = true;
		size = (uint64_t)st.st_size;
	} else if (errno == EACCES) {
		keep = true;
	}
	free(abs);
	if (keep) {
		*VEC_PUSH(ws->files) = xstrdup(rel);
		*VEC_PUSH(ws->sizes) = size;
	}
}

/* Notes the folders git could not read (its "could not open directory"
 * warnings, in the C locale): what is in them is not listed. */
static void
note_unreadable(const struct strbuf *err, FILE *notes)
{
	static const char prefix[] = "warning: could not open directory '";
	if (err->len == 0)
		return;
	const char *p = err->s, *end = err->s + err->len;
	while (p != NULL && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		size_t n = (size_t)(line_end - p);
		const char *close = NULL;
		for (const char *q = p; q + 3 <= line_end; q++)
			if (memcmp(q, "': ", 3) == 0)
				close = q;
		if (n > sizeof prefix - 1 &&
		    memcmp(p, prefix, sizeof prefix - 1) == 0 &&
		    close != NULL) {
			const char *dir = p + sizeof prefix - 1;
			int dn = (int)(close - dir);
			if (dn > 1 && dir[dn - 1] == '/')
				dn--;
			/* Repository paths: made safe to show. */
			escape_note(notes, "%.*s: skipped: %.*s", dn, dir,
				    (int)(line_end - close - 3), close + 3);
		}
		p = nl ? nl + 1 : NULL;
	}
}

static int
from_git(struct workspace *ws, FILE *notes)
{
	static const char *const args[] = {
		"-c", "core.untrackedCache=false", "ls-files", "-z", "-c",
		"-o", "--exclude-standard",        "--",       ".",  NULL,
	};
	struct strbuf out, err;
	strbuf_init(&out);
	strbuf_init(&err);
	int rc = git_run_full(ws->root, args, NULL, 0, &out, &err);
	if (rc == GIT_TIMED_OUT)
		escape_note(notes,
			    "git ls-files did not finish within %u s "
			    "(STACKFIT_GIT_TIMEOUT); listing the files by "
			    "walking the folders instead",
			    git_timeout());
	/* (out.s is NULL when git printed nothing.) */
	const char *p = out.s, *end = out.s ? out.s + out.len : NULL;
	while (rc == 0 && p != NULL && p < end) {
		size_t n = strnlen(p, (size_t)(end - p));
		if (n > 0)
			consider(ws, p);
		p += n + 1;
	}
	/* (No file: the walk that follows says what it cannot read.) */
	if (rc == 0 && ws->files.n > 0)
		note_unreadable(&err, notes);
	strbuf_finish(&err);
	strbuf_finish(&out);
	ws->from_git = rc == 0;
	return rc == 0 ? 0 : -1;
}

/* The names workspace_may_hold knows (a bit each in ws->dirs): the
 * families' manifests and configurations, stackfit's configuration
 * files, and pyvenv.cfg. */
#define WORKSPACE_PROBE_MAX 31
static struct {
	const char *name;
	size_t len;
} probe_names[WORKSPACE_PROBE_MAX];
static uint32_t probe_count;
static pthread_once_t probe_once = PTHREAD_ONCE_INIT;

static void
probe_add(const char *name)
{
	for (uint32_t i = 0; i < probe_count; i++)
		if (strcasecmp(probe_names[i].name, name) == 0)
			return;
	if (probe_count == WORKSPACE_PROBE_MAX)
		return; /* not known: looked for */
	probe_names[probe_count].name = name;
	probe_names[probe_count++].len = strlen(name);
}

static void
probe_init(void)
{
	for (int f = 0; f < SF_FAMILY_COUNT; f++) {
		const struct sf_family *fam = language_family(f);
		for (const char *const *n = fam->manifests; n && *n; n++)
			probe_add(*n);
		for (const char *const *n = fam->configs; n && *n; n++)
			probe_add(*n);
		if (fam->bin_manifest != NULL)
			probe_add(fam->bin_manifest);
	}
	/* config.c's, and the walk's own. */
	probe_add(".stackfit.json");
	probe_add("package.json");
	probe_add("pyproject.toml");
	probe_add("pyvenv.cfg");
}

int
workspace_probe_name(const char *name)
{
	pthread_once(&probe_once, probe_init);
	size_t n = strlen(name);
	for (uint32_t i = 0; i < probe_count; i++)
		if (probe_names[i].len == n &&
		    strcasecmp(probe_names[i].name, name) == 0)
			return (int)i;
	return -1;
}

bool
workspace_may_hold(const struct workspace *ws, const char *rel)
{
	if (ws == NULL || ws->dirs.n == 0)
		return true;
	const char *slash = strrchr(rel, '/');
	int k = workspace_probe_name(slash ? slash + 1 : rel);
	char dir[PATH_MAX];
	size_t n = slash ? (size_t)(slash - rel) : 0;
	if (k < 0 || n >= sizeof dir)
		return true;
	memcpy(dir, rel, n);
	dir[n] = '\0';
	bool found;
	uintptr_t v = (uintptr_t)strmap_get(&ws->dirs, dir, &found);
	return !found || (v >> 1 & (uintptr_t)1 << k) != 0;
}

/* A folder's entry, its name in a buffer of the walk's. */
struct entry {
	size_t name; /* offset */
	unsigned char type;
};

/* An iterative walk: a stack of directories still to read. Links to
 * directories are not followed, so there are no loops. Each folder is
 * read whole first: one holding pyvenv.cfg is a virtualenv, skipped (no
 * look for the file in every folder), and with note, which of the
 * probe names it holds goes to ws->dirs. */
static void
walk_tree(struct workspace *ws, bool note, FILE *notes)
{
	VEC(char *) stack = {0};
	VEC(struct entry) entries = {0};
	struct strbuf names;
	strbuf_init(&names);
	*VEC_PUSH(stack) = xstrdup("");
	int venv_name = workspace_probe_name("pyvenv.cfg");
	while (stack.n > 0) {
		char *rel = stack.v[--stack.n];
		char *abs = rel[0] ? xasprintf("%s/%s", ws->root, rel)
				   : xstrdup(ws->root);
		DIR *d = opendir(abs);
		if (d == NULL) {
			escape_note(notes, "%s: skipped: %s",
				    rel[0] ? rel : ".", strerror(errno));
			free(abs);
			free(rel);
			continue;
		}
		uintptr_t mask = 0;
		struct dirent *e;
		entries.n = 0;
		names.len = 0;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			int k = workspace_probe_name(e->d_name);
			if (k >= 0)
				mask |= (uintptr_t)1 << k;
			*VEC_PUSH(entries) =
				(struct entry){names.len, e->d_type};
			strbuf_append(&names, e->d_name, strlen(e->d_name) + 1);
		}
		closedir(d);
		/* A directory holding pyvenv.cfg is a virtualenv: the name
		 * seen, the file asked for as before (a link, a folder that
		 * cannot be searched). */
		bool venv = false;
		if (rel[0] && venv_name >= 0 &&
		    (mask & (uintptr_t)1 << venv_name)) {
			char *cfg = xasprintf("%s/pyvenv.cfg", abs);
			venv = access(cfg, F_OK) == 0;
			free(cfg);
		}
		if (note && !venv)
			strmap_put(&ws->dirs, rel, (void *)(mask << 1 | 1));
		for (uint32_t i = 0; i < entries.n; i++) {
			if (venv)
				break;
			const char *name = names.s + entries.v[i].name;
			char *child = rel[0] ? xasprintf("%s/%s", rel, name)
					     : xstrdup(name);
			unsigned char type = entries.v[i].type;
			if (type == DT_UNKNOWN) {
				struct stat st;
				char *ca = xasprintf("%s/%s", ws->root, child);
				if (lstat(ca, &st) == 0)
					type = S_ISDIR(st.st_mode)   ? DT_DIR
					       : S_ISLNK(st.st_mode) ? DT_LNK
					       : S_ISREG(st.st_mode)
						       ? DT_REG
						       : DT_UNKNOWN;
				free(ca);
			}
			if (type == DT_DIR && !workspace_skip_dir(name)) {
				*VEC_PUSH(stack) = child;
				continue;
			}
			/* A regular file needs no second look (consider's
			 * lstat): the folder said what it is (and not its
			 * size, which the workspace then does not give). */
			if (type == DT_REG &&
			    language_for_path(child) != NULL) {
				*VEC_PUSH(ws->files) = child;
				continue;
			}
			if (type == DT_LNK)
				consider(ws, child);
			free(child);
		}
		free(abs);
		free(rel);
	}
	VEC_FREE(entries);
	strbuf_finish(&names);
	VEC_FREE(stack);
}

/* Manifests larger than this are not read for `bin`. */
#define WORKSPACE_BIN_MANIFEST_MAX (1024u * 1024)

/* The programs the family's bin manifest in dir names (see struct
 * sf_family), or NULL when dir has no such manifest. */
static char **
manifest_bins(const struct workspace *ws, const char *dir,
	      const struct sf_family *fam)
{
	char *rel = dir[0] ? xasprintf("%s/%s", dir, fam->bin_manifest)
			   : xstrdup(fam->bin_manifest);
	char *text, *note = NULL;
	uint32_t len;
	int rc = workspace_may_hold(ws, rel)
			 ? workspace_read_file(ws->root, rel,
					       WORKSPACE_BIN_MANIFEST_MAX,
					       &text, &len, &note)
			 : -1;
	free(rel);
	if (rc < 0) {
		free(note);
		return NULL;
	}
	char **bins = fam->manifest_bins(dir, text, len);
	free(text);
	return bins;
}

/* SF_FILE_CLI for files named by the `bin` of the nearest manifest of
 * their family that has one (package.json), looked up once per
 * directory. */
static void
mark_bins(struct workspace *ws)
{
	/* "package.json:dir" -> bins of dir's manifest, or NULL */
	struct strmap bins_of;
	/* "package.json:dir" -> bins of the nearest manifest */
	struct strmap nearest;
	strmap_init(&bins_of);
	strmap_init(&nearest);
	static char *none[] = {NULL};
	for (uint32_t i = 0; i < ws->files.n; i++) {
		const char *rel = ws->files.v[i];
		*VEC_PUSH(ws->flags) = 0;
		const struct sf_language *lang = language_for_path(rel);
		const struct sf_family *fam = lang ? lang->family : NULL;
		if (fam == NULL || fam->bin_manifest == NULL)
			continue;
		const char *slash = strrchr(rel, '/');
		char *dir = xasprintf("%s:%s", fam->bin_manifest, rel);
		/* Cut after the folder ("package.json:" at the root). */
		dir[strlen(fam->bin_manifest) + 1 +
		    (slash ? (size_t)(slash - rel) : 0)] = '\0';
		bool found;
		char **bins = strmap_get(&nearest, dir, &found);
		if (!found) {
			/* Walk up to the root until a manifest. */
			char *d = xstrdup(dir);
			char *top = strchr(d, ':') + 1;
			for (;;) {
				bool known;
				bins = strmap_get(&bins_of, d, &known);
				if (!known) {
					bins = manifest_bins(ws, top, fam);
					strmap_put(&bins_of, d, bins);
				}
				if (bins != NULL || top[0] == '\0')
					break;
				char *up = strrchr(top, '/');
				if (up)
					*up = '\0';
				else
					top[0] = '\0';
			}
			free(d);
			strmap_put(&nearest, dir, bins ? bins : none);
		}
		for (char **b = bins; b && *b; b++)
			if (strcmp(*b, rel) == 0)
				ws->flags.v[i] |= SF_FILE_CLI;
		free(dir);
	}
	for (uint32_t i = 0; i < bins_of.cap; i++) {
		char **bins = bins_of.slots[i].value;
		for (char **b = bins; b && *b; b++)
			free(*b);
		free(bins);
	}
	strmap_finish(&bins_of);
	strmap_finish(&nearest);
}

struct listed {
	char *path;
	uint64_t size;
};

static int
compare_paths(const void *a, const void *b)
{
	return strcmp(((const struct listed *)a)->path,
		      ((const struct listed *)b)->path);
}

/* The files (and their sizes, when each was looked at) in path order. */
static void
sort_files(struct workspace *ws)
{
	uint32_t n = ws->files.n;
	if (ws->sizes.n != n)
		VEC_FREE(ws->sizes);
	if (n < 2)
		return;
	struct listed *l = xmalloc(n * sizeof *l);
	for (uint32_t i = 0; i < n; i++)
		l[i] = (struct listed){ws->files.v[i],
				       ws->sizes.n ? ws->sizes.v[i] : 0};
	qsort(l, n, sizeof *l, compare_paths);
	for (uint32_t i = 0; i < n; i++) {
		ws->files.v[i] = l[i].path;
		if (ws->sizes.n)
			ws->sizes.v[i] = l[i].size;
	}
	free(l);
}

int
workspace_list(struct workspace *ws, const char *path, enum workspace_how how,
	       unsigned flags, FILE *notes, char **cause)
{
	if (notes == NULL)
		notes = stderr;
	*ws = (struct workspace){0};
	char real[PATH_MAX];
	if (realpath(path, real) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (stat(real, &st) < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISREG(st.st_mode)) {
		char *slash = strrchr(real, '/');
		const char *base = slash + 1;
		ws->root = slash == real
				   ? xstrdup("/")
				   : xstrndup(real, (size_t)(slash - real));
		if (language_for_path(base) == NULL) {
			*cause = xasprintf("%s: not a %s file", path,
					   language_titles());
			free(ws->root);
			ws->root = NULL;
			return -1;
		}
		*VEC_PUSH(ws->files) = xstrdup(base);
		*VEC_PUSH(ws->sizes) = (uint64_t)st.st_size;
		mark_bins(ws);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: not a file or directory", path);
		return -1;
	}
	ws->root = xstrdup(real);
	if (how == WORKSPACE_WALK || from_git(ws, notes) < 0 ||
	    ws->files.n == 0) {
		ws->from_git = false;
		if (how == WORKSPACE_GIT) {
			*cause = xasprintf("%s: git lists no file", path);
			workspace_finish(ws);
			return -1;
		}
		walk_tree(ws, (flags & WORKSPACE_NOTE_DIRS) != 0, notes);
	}
	sort_files(ws);
	mark_bins(ws);
	return 0;
}

int
workspace_init(struct workspace *ws, const char *path, char **cause)
{
	return workspace_list(ws, path, WORKSPACE_GIT_OR_WALK, 0, NULL, cause);
}

int
workspace_init_walk(struct workspace *ws, const char *path, char **cause)
{
	return workspace_list(ws, path, WORKSPACE_WALK, 0, NULL, cause);
}

int
workspace_init_git(struct workspace *ws, const char *path, char **cause)
{
	return workspace_list(ws, path, WORKSPACE_GIT, 0, NULL, cause);
}

void
workspace_finish(struct workspace *ws)
{
	if (ws == NULL)
		return;
	for (uint32_t i = 0; i < ws->files.n; i++)
		free(ws->files.v[i]);
	VEC_FREE(ws->files);
	VEC_FREE(ws->flags);
	VEC_FREE(ws->sizes);
	strmap_finish(&ws->dirs);
	free(ws->root);
	*ws = (struct workspace){0};
}

int64_t
workspace_find(const struct workspace *ws, const char *rel)
{
	uint32_t lo = 0, hi = ws ? ws->files.n : 0;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ws->files.v[mid], rel);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

bool
workspace_in_skipped_dir(const char *rel)
{
	char *p = xstrdup(rel);
	bool skip = false;
	for (char *s = p, *slash; !skip && (slash = strchr(s, '/')) != NULL;
	     s = slash + 1) {
		*slash = '\0';
		skip = workspace_skip_dir(s);
	}
	free(p);
	return skip;
}

const struct sf_language *
workspace_script_language(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (strchr(slash ? slash + 1 : path, '.') != NULL)
		return NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	struct stat st;
	char line[256];
	ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
			    ? read(fd, line, sizeof line)
			    : -1;
	close(fd);
	return n > 0 ? language_for_shebang(line, (uint32_t)n) : NULL;
}

void
workspace_insert(struct workspace *ws, const char *rel, uint32_t flags)
{
	uint32_t at = 0;
	while (at < ws->files.n && strcmp(ws->files.v[at], rel) < 0)
		at++;
	(void)VEC_PUSH(ws->files);
	(void)VEC_PUSH(ws->flags);
	memmove(ws->files.v + at + 1, ws->files.v + at,
		(ws->files.n - 1 - at) * sizeof *ws->files.v);
	memmove(ws->flags.v + at + 1, ws->flags.v + at,
		(ws->flags.n - 1 - at) * sizeof *ws->flags.v);
	ws->files.v[at] = xstrdup(rel);
	ws->flags.v[at] = flags;
	if (ws->sizes.n + 1 == ws->files.n) {
		(void)VEC_PUSH(ws->sizes);
		memmove(ws->sizes.v + at + 1, ws->sizes.v + at,
			(ws->sizes.n - 1 - at) * sizeof *ws->sizes.v);
		ws->sizes.v[at] = workspace_file_size(ws->root, rel);
	}
}

uint64_t
workspace_file_size(const char *root, const char *rel)
{
	char *abs = xasprintf("%s/%s", root, rel);
	struct stat st;
	int rc = stat(abs, &st);
	free(abs);
	return rc == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
}

int
workspace_read_file(const char *root, const char *rel, uint64_t max_size,
		    char **text, uint32_t *len, char **note)
{
	*text = NULL;
	*len = 0;
	if (max_size > WORKSPACE_FILE_MAX)
		max_size = WORKSPACE_FILE_MAX;
	char *abs = xasprintf("%s/%s", root, rel);
	/* Not blocking: opening a FIFO for reading would wait for a writer
	 * (for ever), and a device may do anything. Its type is checked
	 * before anything is read; for a regular file the flag changes
	 * nothing. */
	int fd = open(abs, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	free(abs);
	if (fd < 0) {
		*note = xasprintf("%s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*note = xstrdup("not a regular file");
		close(fd);
		return -1;
	}
	if ((uint64_t)st.st_size > max_size) {
		*note = xasprintf("larger than %llu bytes",
				  (unsigned long long)max_size);
		close(fd);
		return -1;
	}
	/* Read to the end, not to st_size: the file may change under us. One
	 * byte more than st_size is asked for, so that a read that comes
	 * short says the end is reached: a regular file's read comes short
	 * only there, and no second read is needed to hear it. Not for a
	 * file that says it is empty (/proc's), which may come a page at a
	 * time. */
	size_t cap = (size_t)st.st_size + 2, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max_size) {
				*note = xasprintf("larger than %llu bytes",
						  (unsigned long long)max_size);
				free(buf);
				close(fd);
				return -1;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		size_t want = cap - 1 - n;
		ssize_t r = read(fd, buf + n, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			*note = xasprintf("%s", strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (st.st_size > 0 && (size_t)r < want)
			break;
	}
	close(fd);
	buf[n] = '\0';
	if (memchr(buf, '\0', n < 8192 ? n : 8192) != NULL) {
		*note = xstrdup("binary file");
		free(buf);
		return -1;
	}
	*text = buf;
	*len = (uint32_t)n;
	return 0;
}

/* Configurations followed from one another (`extends`), at most. */
#define WORKSPACE_CONFIG_DEPTH 16

/* Reads rel and calls fn with it, once per path (seen holds the paths
 * read). config is 0 for a manifest; for a configuration file of
 * family's (tsconfig.json), 1 plus the number of configurations whose
 * `extends` led to it: it brings in the ones it names too, up to
 * WORKSPACE_CONFIG_DEPTH deep. */
static void
read_manifest(const struct workspace *ws, const char *rel,
	      const struct sf_family *family, int config, struct strmap *seen,
	      void (*fn)(void *ctx, const char *rel, const char *text,
			 uint32_t len),
	      void *ctx)
{
	bool found;
	strmap_get(seen, rel, &found);
	if (found || config > WORKSPACE_CONFIG_DEPTH)
		return;
	strmap_put(seen, rel, NULL);
	char *text = NULL, *note = NULL;
	uint32_t len;
	if (workspace_may_hold(ws, rel) &&
	    workspace_read_file(ws->root, rel, WORKSPACE_MANIFEST_MAX, &text,
				&len, &note) == 0) {
		fn(ctx, rel, text, len);
		char **refs = config && family->config_refs
				      ? family->config_refs(rel, text, len)
				      : NULL;
		for (char **r = refs; r && *r; r++) {
			if (language_config_family(path_base(*r)) == family)
				read_manifest(ws, *r, family, config + 1, seen,
					      fn, ctx);
			free(*r);
		}
		free(refs);
	}
	free(note);
	free(text);
}

/* Calls fn for each manifest and configuration of family in dir that can
 * be read. */
static void
each_manifest_in(const struct workspace *ws, const char *dir,
		 const struct sf_family *family, struct strmap *seen,
		 void (*fn)(void *ctx, const char *rel, const char *text,
			    uint32_t len),
		 void *ctx)
{
	for (int config = 0; config < 2; config++) {
		const char *const *names =
			config ? family->configs : family->manifests;
		for (; names && *names; names++) {
			char *rel = dir[0] ? xasprintf("%s/%s", dir, *names)
					   : xstrdup(*names);
			read_manifest(ws, rel, family, config, seen, fn, ctx);
			free(rel);
		}
	}
}

void
workspace_each_manifest(const struct workspace *ws,
			void (*fn)(void *ctx, const char *rel, const char *text,
				   uint32_t len),
			void *ctx)
{
	struct strmap seen; /* folders already looked at */
	strmap_init(&seen);
	struct strmap read; /* manifests and configurations read */
	strmap_init(&read);
	for (uint32_t i = 0; i < ws->files.n; i++) {
		char *dir = xstrdup(ws->files.v[i]);
		for (;;) {
			char *slash = strrchr(dir, '/');
			if (slash == NULL)
				dir[0] = '\0';
			else
				*slash = '\0';
			bool found;
			strmap_get(&seen, dir, &found);
			if (found)
				break;
			strmap_put(&seen, dir, NULL);
			for (int fam = 0; fam < SF_FAMILY_COUNT; fam++)
				each_manifest_in(ws, dir, language_family(fam),
						 &read, fn, ctx);
			if (dir[0] == '\0')
				break;
		}
		free(dir);
	}
	strmap_finish(&seen);
	strmap_finish(&read);
}
