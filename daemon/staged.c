/*
 * A project of git's index (staged.h): the entries of the index that
 * matter, what each file of the project was made from (its object id and
 * flags), and the blobs read for those that changed.
 */
#include "staged.h"

#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "git.h"
#include "language.h"
#include "scheduler.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"

/* What a file or manifest of the project was made from. */
struct made {
	char oid[STAGED_OID_MAX + 1];
	uint32_t flags;
};

struct staged {
	char *root;
	struct sf_project *pj;
	uint64_t key;
	struct workspace ws;     /* the files of the project */
	struct strmap files;     /* path -> struct made * */
	struct strmap manifests; /* path -> struct made * */
};

static bool
is_manifest(const char *base)
{
	for (int f = 0; f < SF_FAMILY_COUNT; f++)
		for (const char *const *m = language_family(f)->manifests;
		     m && *m; m++)
			if (strcmp(*m, base) == 0)
				return true;
	return false;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Is any folder of rel one the workspace never reads (node_modules...)? */
static bool
in_skipped_dir(const char *rel)
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

bool
staged_good_oid(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	return s[n] == '\0' && (n == 40 || n == 64);
}

/* --- reading the index --------------------------------------------------- */

/* `git ls-files --stage -z`: "MODE OID STAGE\tPATH\0" records. */
static int
parse_stage(const char *out, size_t len, struct staged_index *si)
{
	const char *p = out, *end = out + len;
	while (p < end) {
		const char *rec_end = memchr(p, '\0', (size_t)(end - p));
		const char *tab =
			rec_end ? memchr(p, '\t', (size_t)(rec_end - p)) : NULL;
		if (tab == NULL)
			return -1;
		char mode[8], oid[STAGED_OID_MAX + 2];
		unsigned stage;
		char head[128];
		size_t hn = (size_t)(tab - p);
		if (hn >= sizeof head)
			return -1;
		memcpy(head, p, hn);
		head[hn] = '\0';
		if (sscanf(head, "%7s %65s %u", mode, oid, &stage) != 3 ||
		    !staged_good_oid(oid))
			return -1;
		const char *path = tab + 1;
		p = rec_end + 1;
		bool regular = strcmp(mode, "100644") == 0 ||
			       strcmp(mode, "100755") == 0;
		const char *base = base_name(path);
		bool script = strcmp(mode, "100755") == 0 &&
			      strchr(base, '.') == NULL;
		if (!regular || stage != 0 || path[0] == '\0' ||
		    (language_for_path(base) == NULL && !is_manifest(base) &&
		     !script))
			continue;
		struct staged_entry *e = VEC_PUSH(si->entries);
		e->path = xstrdup(path);
		e->script = script && language_for_path(base) == NULL;
		memcpy(e->oid, oid, strlen(oid) + 1);
	}
	return 0;
}

/* `git diff --cached --raw -z`: ":old-mode new-mode old-oid new-oid
 * status\0path\0", a second path (the new name) after a rename or copy. */
static void
parse_raw_diff(const char *out, size_t len, struct staged_index *si)
{
	const char *p = out, *end = out + len;
	while (p < end && *p == ':') {
		const char *status_end = memchr(p, '\0', (size_t)(end - p));
		if (status_end == NULL)
			return;
		const char *sp = status_end;
		while (sp > p && sp[-1] != ' ')
			sp--;
		char status = *sp;
		const char *path = status_end + 1;
		const char *path_end =
			path < end ? memchr(path, '\0', (size_t)(end - path))
				   : NULL;
		if (path_end == NULL)
			return;
		if (status == 'R' || status == 'C') {
			path = path_end + 1;
			path_end = path < end ? memchr(path, '\0',
						       (size_t)(end - path))
					      : NULL;
			if (path_end == NULL)
				return;
		}
		p = path_end + 1;
		*VEC_PUSH(si->changed) = xstrdup(path);
	}
}

int
staged_index_read(const char *root, struct staged_index *si, char **cause)
{
	*si = (struct staged_index){0};
	static const char *const ls[] = {"ls-files", "--stage", "-z", NULL};
	static const char *const diff[] = {
		"diff",        "--cached",           "--raw",         "-z",
		"--no-abbrev", "--diff-filter=ACMR", "--no-ext-diff", NULL,
	};
	struct strbuf out;
	strbuf_init(&out);
	int rc = 0;
	if (git_run(root, ls, NULL, 0, &out) < 0) {
		*cause = xasprintf("%s: `git ls-files --stage` failed", root);
		rc = -1;
	} else if (parse_stage(out.s ? out.s : "", out.len, si) < 0) {
		*cause = xasprintf("%s: `git ls-files --stage` printed "
				   "something else than index entries",
				   root);
		rc = -1;
	}
	strbuf_reset(&out);
	if (rc == 0 && git_run(root, diff, NULL, 0, &out) < 0) {
		*cause = xasprintf("%s: `git diff --cached` failed", root);
		rc = -1;
	}
	if (rc == 0)
		parse_raw_diff(out.s ? out.s : "", out.len, si);
	strbuf_finish(&out);
	if (rc < 0)
		staged_index_finish(si);
	return rc;
}

void
staged_index_finish(struct staged_index *si)
{
	if (si == NULL)
		return;
	for (uint32_t i = 0; i < si->entries.n; i++)
		free(si->entries.v[i].path);
	VEC_FREE(si->entries);
	for (uint32_t i = 0; i < si->changed.n; i++)
		free(si->changed.v[i]);
	VEC_FREE(si->changed);
}

/* --- the project --------------------------------------------------------- */

struct staged *
staged_create(const char *root)
{
	struct staged *s = xcalloc(1, sizeof *s);
	s->root = xstrdup(root);
	strmap_init(&s->files);
	strmap_init(&s->manifests);
	return s;
}

static void
clear_map(struct strmap *m)
{
	for (uint32_t i = 0; i < m->cap; i++)
		free(m->slots[i].value);
	strmap_finish(m);
	strmap_init(m);
}

void
staged_destroy(struct staged *s)
{
	if (s == NULL)
		return;
	project_destroy(s->pj);
	workspace_finish(&s->ws);
	clear_map(&s->files);
	strmap_finish(&s->files);
	clear_map(&s->manifests);
	strmap_finish(&s->manifests);
	free(s->root);
	free(s);
}

/* One blob to read, and where its text goes. */
struct want {
	const char *path;
	const char *oid;
	uint32_t flags;
	bool manifest;
};

/* Reads the blobs of wants with one `git cat-file --batch` and gives
 * them to the project. Returns 0, or -1 with *cause. */
static int
read_blobs(struct staged *s, const struct want *wants, uint32_t n, char **cause)
{
	if (n == 0)
		return 0;
	struct strbuf ids, out;
	strbuf_init(&ids);
	strbuf_init(&out);
	for (uint32_t i = 0; i < n; i++)
		strbuf_printf(&ids, "%s\n", wants[i].oid);
	static const char *const cat[] = {"cat-file", "--batch", NULL};
	int rc = 0;
	if (git_run(s->root, cat, ids.s, ids.len, &out) < 0) {
		*cause =
			xasprintf("%s: `git cat-file --batch` failed", s->root);
		rc = -1;
	}
	/* "<oid> blob <size>\n<contents>\n" per id, in order. */
	size_t at = 0;
	for (uint32_t i = 0; rc == 0 && i < n; i++) {
		const char *line = out.s + at;
		const char *nl =
			at < out.len ? memchr(line, '\n', out.len - at) : NULL;
		unsigned long long size;
		char type[16];
		if (nl == NULL ||
		    sscanf(line, "%*s %15s %llu", type, &size) != 2 ||
		    strcmp(type, "blob") != 0 ||
		    size > out.len - (size_t)(nl + 1 - out.s) ||
		    size > UINT32_MAX) {
			*cause =
				xasprintf("%s: cannot read the staged %s "
					  "(object %s)",
					  s->root, wants[i].path, wants[i].oid);
			rc = -1;
			break;
		}
		const char *text = nl + 1;
		if (wants[i].manifest)
			project_add_manifest(s->pj, wants[i].path, text,
					     (uint32_t)size);
		else
			project_update_text(s->pj, wants[i].path,
					    wants[i].flags, text,
					    (uint32_t)size);
		at = (size_t)(text - out.s) + size + 1;
	}
	strbuf_finish(&ids);
	strbuf_finish(&out);
	return rc;
}

static struct made *
made_of(const char *oid, uint32_t flags)
{
	struct made *m = xcalloc(1, sizeof *m);
	memcpy(m->oid, oid, strlen(oid) + 1);
	m->flags = flags;
	return m;
}

/* Whether the folder of a manifest (rel) is one of dirs or above one. */
static bool
manifest_applies(const struct strmap *dirs, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *dir = slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup("");
	bool found;
	strmap_get(dirs, dir, &found);
	free(dir);
	return found;
}

/* Which of si's #! script entries name node or python on their first
 * line (ours[i], for entry i), read with one `git cat-file --batch`.
 * Returns 0, or -1 with *cause. */
static int
scripts_of_ours(const struct staged *s, const struct staged_index *si,
		bool *ours, char **cause)
{
	struct strbuf ids, out;
	strbuf_init(&ids);
	strbuf_init(&out);
	for (uint32_t i = 0; i < si->entries.n; i++)
		if (si->entries.v[i].script)
			strbuf_printf(&ids, "%s\n", si->entries.v[i].oid);
	int rc = 0;
	static const char *const cat[] = {"cat-file", "--batch", NULL};
	if (ids.len > 0 && git_run(s->root, cat, ids.s, ids.len, &out) < 0) {
		*cause =
			xasprintf("%s: `git cat-file --batch` failed", s->root);
		rc = -1;
	}
	size_t at = 0;
	for (uint32_t i = 0; rc == 0 && ids.len > 0 && i < si->entries.n; i++) {
		if (!si->entries.v[i].script)
			continue;
		const char *line = out.s + at;
		const char *nl =
			at < out.len ? memchr(line, '\n', out.len - at) : NULL;
		unsigned long long size;
		char type[16];
		if (nl == NULL ||
		    sscanf(line, "%*s %15s %llu", type, &size) != 2 ||
		    strcmp(type, "blob") != 0 ||
		    size > out.len - (size_t)(nl + 1 - out.s) ||
		    size > UINT32_MAX) {
			*cause = xasprintf("%s: cannot read the staged %s "
					   "(object %s)",
					   s->root, si->entries.v[i].path,
					   si->entries.v[i].oid);
			rc = -1;
			break;
		}
		ours[i] = language_for_shebang(nl + 1, (uint32_t)size) != NULL;
		at = (size_t)(nl + 1 - out.s) + size + 1;
	}
	strbuf_finish(&ids);
	strbuf_finish(&out);
	return rc;
}

int
staged_update(struct staged *s, struct sf_engine *e, uint64_t key,
	      struct config *c, const struct workspace *tree,
	      const struct staged_index *si, const struct cmd_request *rq,
	      FILE *err, char **cause)
{
	/* The files of the commit we analyse, and every folder that holds
	 * one or is above one (where manifests count). */
	bool *ours = xcalloc(si->entries.n ? si->entries.n : 1, sizeof *ours);
	if (scripts_of_ours(s, si, ours, cause) < 0) {
		free(ours);
		engine_destroy(e);
		return -1;
	}
	struct workspace ws = {.root = xstrdup(s->root)};
	struct strmap dirs;
	strmap_init(&dirs);
	strmap_put(&dirs, "", NULL);
	for (uint32_t i = 0; i < si->entries.n; i++) {
		const char *path = si->entries.v[i].path;
		if ((language_for_path(base_name(path)) == NULL && !ours[i]) ||
		    in_skipped_dir(path) || !config_wants(c, path))
			continue;
		int64_t t = workspace_find(tree, path);
		*VEC_PUSH(ws.files) = xstrdup(path);
		*VEC_PUSH(ws.flags) =
			t >= 0 ? tree->flags.v[t] : config_file_flags(c, path);
		char *dir = xstrdup(path);
		for (char *slash; (slash = strrchr(dir, '/')) != NULL;) {
			*slash = '\0';
			strmap_put(&dirs, dir, NULL);
		}
		free(dir);
	}
	free(ours);
	/* --no-cache analyses every file again, as without a daemon. */
	bool fresh = s->pj == NULL || key != s->key || !rq->cache;
	VEC(struct want) wants = {0};
	/* The manifests: one gone means a new project (an index cannot
	 * forget one). */
	struct strmap manifests;
	strmap_init(&manifests);
	for (uint32_t i = 0; i < si->entries.n; i++) {
		const struct staged_entry *en = &si->entries.v[i];
		if (!is_manifest(base_name(en->path)) ||
		    in_skipped_dir(en->path) ||
		    !manifest_applies(&dirs, en->path))
			continue;
		strmap_put(&manifests, en->path, made_of(en->oid, 0));
	}
	for (uint32_t i = 0; !fresh && i < s->manifests.cap; i++)
		if (s->manifests.slots[i].key != NULL &&
		    s->manifests.slots[i].value != NULL &&
		    strmap_get(&manifests, s->manifests.slots[i].key, NULL) ==
			    NULL)
			fresh = true;
	if (fresh) {
		project_destroy(s->pj);
		s->pj = project_create(e);
		config_install(c, s->pj); /* the nested configurations */
		s->key = key;
		clear_map(&s->files);
		clear_map(&s->manifests);
	} else {
		engine_destroy(e);
	}
	project_set_report_unused(s->pj, rq->unused_ignores);
	for (uint32_t i = 0; i < si->entries.n; i++) {
		const struct staged_entry *en = &si->entries.v[i];
		const struct made *now = strmap_get(&manifests, en->path, NULL);
		const struct made *had =
			strmap_get(&s->manifests, en->path, NULL);
		if (now != NULL && (had == NULL || strcmp(had->oid, now->oid)))
			*VEC_PUSH(wants) = (struct want){
				.path = en->path,
				.oid = en->oid,
				.manifest = true,
			};
	}
	/* The files: both lists are in path order. */
	uint32_t k = 0;
	for (uint32_t i = 0; i < si->entries.n && k < ws.files.n; i++) {
		const struct staged_entry *en = &si->entries.v[i];
		if (strcmp(en->path, ws.files.v[k]) != 0)
			continue;
		const struct made *had = strmap_get(&s->files, en->path, NULL);
		if (had == NULL || strcmp(had->oid, en->oid) != 0 ||
		    had->flags != ws.flags.v[k])
			*VEC_PUSH(wants) = (struct want){
				.path = en->path,
				.oid = en->oid,
				.flags = ws.flags.v[k],
			};
		free(strmap_put(&s->files, en->path,
				made_of(en->oid, ws.flags.v[k])));
		k++;
	}
	/* The files that left the index, or the analysis. */
	for (uint32_t i = 0; i < s->files.cap; i++) {
		struct strmap_slot *sl = &s->files.slots[i];
		if (sl->key == NULL || sl->value == NULL ||
		    workspace_find(&ws, sl->key) >= 0)
			continue;
		project_remove(s->pj, sl->key);
		free(sl->value);
		strmap_put(&s->files, sl->key, NULL);
	}
	clear_map(&s->manifests);
	strmap_finish(&s->manifests);
	s->manifests = manifests;
	strmap_finish(&dirs);

	int rc = read_blobs(s, wants.v, wants.n, cause);
	VEC_FREE(wants);
	workspace_finish(&s->ws);
	s->ws = ws;
	if (rc < 0) {
		/* What the project holds is unknown now: start again next
		 * time. */
		s->key = 0;
		project_destroy(s->pj);
		s->pj = NULL;
		clear_map(&s->files);
		clear_map(&s->manifests);
		return -1;
	}
	/* A new project reads every file: through the on-disk cache, which
	 * keeps what every file of it gave. An update reads a few: a cache
	 * flushed after it would forget the others. */
	struct cmd_request r = *rq;
	r.cache = rq->cache && fresh;
	char *note = NULL;
	struct scheduler_options o = {.jobs = rq->jobs};
	if (r.cache) {
		o.cache = cache_open(s->root, project_engine(s->pj, ""), &note);
		if (o.cache == NULL) {
			escape_note(err, "%s", note);
			free(note);
		}
	}
	scheduler_solve(s->pj, s->root, &o);
	if (o.cache != NULL) {
		cache_flush(o.cache);
		if (cache_note(o.cache) != NULL)
			escape_note(err, "%s", cache_note(o.cache));
		cache_close(o.cache);
	}
	return fresh ? 1 : 0;
}

const struct sf_project *
staged_project(const struct staged *s)
{
	return s->pj;
}

const struct workspace *
staged_workspace(const struct staged *s)
{
	return &s->ws;
}

void
staged_checked(const struct staged *s, const struct staged_index *si,
	       struct check_set *ck)
{
	for (uint32_t i = 0; i < si->changed.n; i++)
		if (workspace_find(&s->ws, si->changed.v[i]) >= 0)
			cmd_check_set_add(ck, si->changed.v[i]);
}
