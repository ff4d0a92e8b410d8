/*
 * Module resolution for the JavaScript family: relative `require` and
 * `import` specifiers with extension and `index` resolution, a folder's
 * package.json `main`/`exports`, and bare specifiers that name a package
 * of the repository (its package.json `name`); then the member through
 * the module's exports and re-exports.
 */
#include "resolve.h"

#include <string.h>

#include "../index.h"
#include "../util/path.h"
#include "language.h"

static struct index_target
function_target(int32_t file, int32_t fn)
{
	return fn >= 0 ? (struct index_target){file, fn} : INDEX_NO_TARGET;
}

/* A module path without its extension resolution: p, p.js…, p/index.js…
 * (with the extensions of the family's languages), or p's package.json
 * main. */
static int32_t
js_resolve_path(const struct sf_index *ix, const char *p, int depth)
{
	const char *const *exts =
		language_family_extensions(&javascript_family);
	int32_t id = index_path_file(ix, p);
	if (id >= 0)
		return id;
	char buf[PATH_BUILD_MAX];
	for (const char *const *e = exts; *e; e++) {
		path_printf(buf, sizeof buf, "%s%s", p, *e);
		id = index_path_file(ix, buf);
		if (id >= 0)
			return id;
	}
	for (const char *const *e = exts; *e; e++) {
		path_printf(buf, sizeof buf, "%s%sindex%s", p, p[0] ? "/" : "",
			    *e);
		id = index_path_file(ix, buf);
		if (id >= 0)
			return id;
	}
	const struct index_manifest *m =
		index_manifest_in(ix, p, SF_FAMILY_JAVASCRIPT);
	if (m != NULL && m->main != NULL && depth < INDEX_RESOLVE_DEPTH &&
	    strcmp(m->main, p) != 0)
		return js_resolve_path(ix, m->main, depth + 1);
	return -1;
}

/* The file a module specifier names, seen from file `from`. */
static int32_t
js_resolve_spec(const struct sf_index *ix, const char *from, const char *spec)
{
	char dir[PATH_BUILD_MAX], p[PATH_BUILD_MAX];
	if (spec[0] == '.') {
		path_dir(from, dir, sizeof dir);
		if (!path_join(dir, spec, p, sizeof p))
			return -1;
		return js_resolve_path(ix, p, 0);
	}
	if (spec[0] == '/' || spec[0] == '\0')
		return -1;
	/* A bare specifier: a package of this repository? */
	const char *slash = strchr(spec, '/');
	if (spec[0] == '@' && slash != NULL)
		slash = strchr(slash + 1, '/');
	size_t n = slash ? (size_t)(slash - spec) : strlen(spec);
	for (uint32_t i = 0; i < index_manifest_count(ix); i++) {
		const struct index_manifest *m = index_manifest(ix, i);
		if (m->family != SF_FAMILY_JAVASCRIPT || m->name == NULL ||
		    strlen(m->name) != n || strncmp(m->name, spec, n) != 0)
			continue;
		if (slash != NULL) {
			if (!path_join(m->dir, slash + 1, p, sizeof p))
				return -1;
			return js_resolve_path(ix, p, 0);
		}
		if (m->main != NULL) {
			int32_t id = js_resolve_path(ix, m->main, 0);
			if (id >= 0)
				return id;
		}
		return js_resolve_path(ix, m->dir, 0);
	}
	return -1;
}

static struct index_target
js_member(const struct sf_index *ix, int32_t id, const char *member, int depth)
{
	if (depth > INDEX_RESOLVE_DEPTH)
		return INDEX_NO_TARGET;
	const struct sf_summary *s = index_use(ix, id);
	char buf[PATH_BUILD_MAX];
	const char *want = member[0] ? member : "default";
	size_t head = strcspn(want, ".");
	const char *rest = want + head;
	for (uint32_t i = 0; i < s->exports.n; i++) {
		const struct sf_export *e = &s->exports.v[i];
		if (strlen(e->name) != head ||
		    strncmp(e->name, want, head) != 0)
			continue;
		if (e->from != NULL) {
			int32_t t = js_resolve_spec(ix, s->path, e->from);
			if (t < 0)
				return INDEX_NO_TARGET;
			if (strcmp(e->local, "*") == 0)
				path_printf(buf, sizeof buf, "%s",
					    rest[0] ? rest + 1 : "");
			else
				path_printf(buf, sizeof buf, "%s%s", e->local,
					    rest);
			return js_member(ix, t, buf, depth + 1);
		}
		if (e->local != NULL) {
			path_printf(buf, sizeof buf, "%s%s", e->local, rest);
			return index_lookup_local(ix, id, buf, depth + 1);
		}
		if (e->function >= 0 && rest[0] == '\0')
			return function_target(id, e->function);
	}
	if (member[0] == '\0')
		return INDEX_NO_TARGET;
	/* `export * from './x'`, `module.exports = { ...require('./x') }` */
	for (uint32_t i = 0; i < s->exports.n; i++) {
		const struct sf_export *e = &s->exports.v[i];
		if (strcmp(e->name, "*") != 0 || e->from == NULL)
			continue;
		int32_t t = js_resolve_spec(ix, s->path, e->from);
		if (t >= 0) {
			struct index_target r =
				js_member(ix, t, member, depth + 1);
			if (r.fn >= 0)
				return r;
		}
	}
	/* Functions named after their export (`exports.x = function…`),
	 * and members of a default-exported object or class. */
	static const char *const prefixes[] = {"module.exports.", "exports."};
	for (size_t i = 0; i < 2; i++) {
		path_printf(buf, sizeof buf, "%s%s", prefixes[i], member);
		int32_t fn = summary_find_function(s, buf);
		if (fn >= 0)
			return function_target(id, fn);
	}
	for (uint32_t i = 0; i < s->exports.n; i++) {
		const struct sf_export *e = &s->exports.v[i];
		if (strcmp(e->name, "default") == 0 && e->local != NULL) {
			path_printf(buf, sizeof buf, "%s.%s", e->local, member);
			return index_lookup_local(ix, id, buf, depth + 1);
		}
	}
	return INDEX_NO_TARGET;
}

/* "./lib/templates.renderTemplate": the longest prefix that names a module
 * is the specifier, the rest a member. */
static struct index_target
resolve_name(const struct sf_index *ix, int32_t from, const char *name,
	     int depth)
{
	if (strchr(name, '(') != NULL || strlen(name) >= PATH_BUILD_MAX)
		return INDEX_NO_TARGET;
	const char *path = index_file(ix, (uint32_t)from)->path;
	const char *slash = strrchr(name, '/');
	const char *floor = slash ? slash : name;
	char spec[PATH_BUILD_MAX];
	for (const char *cut = name + strlen(name); cut > floor;) {
		size_t n = (size_t)(cut - name);
		memcpy(spec, name, n);
		spec[n] = '\0';
		int32_t t = js_resolve_spec(ix, path, spec);
		if (t >= 0)
			return js_member(ix, t, *cut ? cut + 1 : "", depth + 1);
		do
			cut--;
		while (cut > floor && *cut != '.');
	}
	return INDEX_NO_TARGET;
}

bool
js_resolve_module(const struct sf_index *ix, int32_t from, const char *name,
		  int depth, struct index_target *out)
{
	*out = resolve_name(ix, from, name, depth);
	return out->fn >= 0;
}
