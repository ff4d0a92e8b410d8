/*
 * Module resolution for the Python family: absolute imports against the
 * component's source roots (the folder of its pyproject.toml / setup.py /
 * setup.cfg / requirements.txt, that folder's `src/`, the workspace root
 * and the importing file's folder) and relative imports, through
 * `__init__.py` re-exports and `from … import *`.
 */
#include "resolve.h"

#include <string.h>

#include "../index.h"
#include "../util/path.h"

/* A Python module file for folder path p: p.py or p/__init__.py (built
 * in place: this runs for every prefix of every dotted name). */
static int32_t
py_module(const struct sf_index *ix, const char *p)
{
	char buf[PATH_BUILD_MAX];
	size_t lp = strlen(p);
	if (lp + sizeof "/__init__.py" > sizeof buf)
		return -1;
	memcpy(buf, p, lp);
	memcpy(buf + lp, ".py", sizeof ".py");
	int32_t id = index_path_file(ix, buf);
	if (id >= 0)
		return id;
	size_t at = lp;
	if (lp > 0)
		buf[at++] = '/';
	memcpy(buf + at, "__init__.py", sizeof "__init__.py");
	return index_path_file(ix, buf);
}

static struct index_target
py_member(const struct sf_index *ix, int32_t id, const char *member, int depth)
{
	const struct sf_summary *s = index_use(ix, id);
	struct index_target t = index_lookup_local(ix, id, member, depth + 1);
	if (index_target_found(t) || depth > INDEX_RESOLVE_DEPTH)
		return t;
	for (uint32_t i = 0; i < s->bindings.n; i++) {
		const struct summary_binding *b = &s->bindings.v[i];
		size_t n = strlen(b->target);
		if (strcmp(b->local, "*") != 0 || n < 2)
			continue;
		char buf[PATH_BUILD_MAX];
		/* "x.*" -> "x.member"; ".*" -> ".member" */
		path_printf(buf, sizeof buf, "%.*s%s", (int)(n - 1), b->target,
			    member);
		t = index_resolve_name(ix, id, buf, depth + 1);
		if (index_target_found(t))
			return t;
	}
	return INDEX_NO_TARGET;
}

/* dotted (no leading dots) against folder base: the longest prefix that
 * is a module; with package true, base itself is a package whose
 * __init__.py may hold the member. */
static struct index_target
py_in_base(const struct sf_index *ix, const char *base, const char *dotted,
	   bool package, int depth)
{
	char p[PATH_BUILD_MAX];
	size_t bl = strlen(base);
	if (bl + strlen(dotted) + 2 >= sizeof p)
		return INDEX_NO_TARGET;
	memcpy(p, base, bl);
	size_t len = bl;
	if (len > 0)
		p[len++] = '/';
	const char *seg = dotted;
	/* Try each prefix, longest last; keep the longest that is a module. */
	int32_t best = -1;
	const char *best_rest = NULL;
	if (package) {
		p[bl] = '\0';
		best = py_module(ix, p);
		best_rest = dotted;
		if (len > bl)
			p[bl] = '/';
	}
	while (*seg) {
		size_t n = strcspn(seg, ".");
		memcpy(p + len, seg, n);
		p[len + n] = '\0';
		int32_t id = py_module(ix, p);
		const char *rest = seg[n] ? seg + n + 1 : "";
		if (id >= 0) {
			best = id;
			best_rest = rest;
		}
		if (!seg[n])
			break;
		len += n;
		p[len++] = '/';
		seg += n + 1;
	}
	if (best < 0 || best_rest == NULL || best_rest[0] == '\0')
		return INDEX_NO_TARGET;
	return py_member(ix, best, best_rest, depth + 1);
}

static struct index_target
resolve_name(const struct sf_index *ix, int32_t from, const char *name,
	     int depth)
{
	if (strchr(name, '(') != NULL || strlen(name) >= PATH_BUILD_MAX)
		return INDEX_NO_TARGET;
	const char *path = index_file(ix, (uint32_t)from)->path;
	char dir[PATH_BUILD_MAX];
	path_dir(path, dir, sizeof dir);
	size_t dots = strspn(name, ".");
	if (dots > 0) {
		for (size_t i = 1; i < dots; i++) {
			if (dir[0] == '\0')
				return INDEX_NO_TARGET;
			char up[PATH_BUILD_MAX];
			path_dir(dir, up, sizeof up);
			memcpy(dir, up, strlen(up) + 1);
		}
		return py_in_base(ix, dir, name + dots, true, depth);
	}
	/* Source roots: each Python component folder above the file (and its
	 * src/), the workspace root, the file's own folder. */
	char cur[PATH_BUILD_MAX];
	memcpy(cur, dir, strlen(dir) + 1);
	for (;;) {
		if (index_manifest_in(ix, cur, SF_FAMILY_PYTHON) != NULL) {
			struct index_target t =
				py_in_base(ix, cur, name, false, depth);
			if (index_target_found(t))
				return t;
			char src[PATH_BUILD_MAX];
			path_printf(src, sizeof src, "%s%ssrc", cur,
				    cur[0] ? "/" : "");
			t = py_in_base(ix, src, name, false, depth);
			if (index_target_found(t))
				return t;
		}
		if (cur[0] == '\0')
			break;
		char up[PATH_BUILD_MAX];
		path_dir(cur, up, sizeof up);
		memcpy(cur, up, strlen(up) + 1);
	}
	struct index_target t = py_in_base(ix, "", name, false, depth);
	if (index_target_found(t) || dir[0] == '\0')
		return t;
	return py_in_base(ix, dir, name, false, depth);
}

bool
py_resolve_module(const struct sf_index *ix, int32_t from, const char *name,
		  int depth, struct index_target *out)
{
	*out = resolve_name(ix, from, name, depth);
	return index_target_found(*out);
}

/* The module file of a dotted name under folder base: the longest prefix
 * of dotted that is a module, so that "pkg.mod.member" names pkg/mod.py;
 * -1 when none. */
static int32_t
py_file_in(const struct sf_index *ix, const char *base, const char *dotted)
{
	char p[PATH_BUILD_MAX];
	size_t bl = strlen(base);
	if (bl + strlen(dotted) + 2 >= sizeof p)
		return -1;
	memcpy(p, base, bl);
	size_t len = bl;
	int32_t best = -1;
	if (dotted[0] == '\0') {
		p[bl] = '\0';
		return py_module(ix, p);
	}
	if (len > 0)
		p[len++] = '/';
	for (const char *seg = dotted; *seg;) {
		size_t n = strcspn(seg, ".");
		memcpy(p + len, seg, n);
		p[len + n] = '\0';
		int32_t id = py_module(ix, p);
		if (id >= 0)
			best = id;
		else if (best >= 0)
			break;
		if (!seg[n])
			break;
		len += n;
		p[len++] = '/';
		seg += n + 1;
	}
	return best;
}

int32_t
py_resolve_file(const struct sf_index *ix, int32_t from, const char *module)
{
	if (strlen(module) >= PATH_BUILD_MAX)
		return -1;
	char dir[PATH_BUILD_MAX];
	path_dir(index_file(ix, (uint32_t)from)->path, dir, sizeof dir);
	size_t dots = strspn(module, ".");
	if (dots > 0) {
		for (size_t i = 1; i < dots; i++) {
			if (dir[0] == '\0')
				return -1;
			char up[PATH_BUILD_MAX];
			path_dir(dir, up, sizeof up);
			memcpy(dir, up, strlen(up) + 1);
		}
		return py_file_in(ix, dir, module + dots);
	}
	/* The source roots resolve_name tries, in its order. */
	char cur[PATH_BUILD_MAX];
	memcpy(cur, dir, strlen(dir) + 1);
	for (;;) {
		if (index_manifest_in(ix, cur, SF_FAMILY_PYTHON) != NULL) {
			int32_t id = py_file_in(ix, cur, module);
			if (id >= 0)
				return id;
			char src[PATH_BUILD_MAX];
			path_printf(src, sizeof src, "%s%ssrc", cur,
				    cur[0] ? "/" : "");
			id = py_file_in(ix, src, module);
			if (id >= 0)
				return id;
		}
		if (cur[0] == '\0')
			break;
		char up[PATH_BUILD_MAX];
		path_dir(cur, up, sizeof up);
		memcpy(cur, up, strlen(up) + 1);
	}
	int32_t id = py_file_in(ix, "", module);
	if (id >= 0 || dir[0] == '\0')
		return id;
	return py_file_in(ix, dir, module);
}
