/*
 * Module resolution for the JavaScript family: relative `require` and
 * `import` specifiers with extension and `index` resolution, a folder's
 * package.json `main`/`exports`, and bare specifiers that name a package
 * of the repository (its package.json `name`); then the member through
 * the module's exports and re-exports. TypeScript's own rules are kept
 * apart, at the end: a `.js` specifier that names a `.ts` source, and
 * tsconfig.json's `paths` and `baseUrl` (with `extends`).
 */
#include "resolve.h"

#include <assert.h>
#include <string.h>

#include "../index.h"
#include "../util/path.h"
#include "language.h"
#include "manifest.h"

/* Longer than any extension of the family (".tsx"). */
#define EXT_MAX 8

static int32_t ts_source_for_js(const struct sf_index *ix, const char *p);
static int32_t ts_resolve_bare(const struct sf_index *ix, const char *from,
			       const char *spec);

static struct index_target
function_target(int32_t file, int32_t fn)
{
	return fn >= 0 ? INDEX_FN_TARGET(file, fn) : INDEX_NO_TARGET;
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
	id = ts_source_for_js(ix, p);
	if (id >= 0)
		return id;
	/* p, then p/index, each with every extension: built in place, the
	 * extension written over the last one; not when no file's path is
	 * the stem followed by an extension. */
	char buf[PATH_BUILD_MAX];
	size_t lp = strlen(p);
	if (lp + sizeof "/index" + EXT_MAX <= sizeof buf) {
		memcpy(buf, p, lp);
		for (int pass = 0; pass < 2; pass++) {
			size_t stem = lp;
			if (pass == 1) {
				const char *index = p[0] ? "/index" : "index";
				size_t li = strlen(index);
				memcpy(buf + lp, index, li);
				stem += li;
			}
			buf[stem] = '\0';
			if (!index_has_stem(ix, buf))
				continue;
			for (const char *const *e = exts; *e; e++) {
				size_t le = strlen(*e);
				assert(le < EXT_MAX);
				memcpy(buf + stem, *e, le + 1);
				id = index_path_file(ix, buf);
				if (id >= 0)
					return id;
			}
		}
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
	int32_t mapped = ts_resolve_bare(ix, from, spec);
	if (mapped >= 0)
		return mapped;
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
			if (index_target_found(r))
				return r;
		}
	}
	/* A property another file sets on this module (`yapi.commons =
	 * commons` in app.js, yapi being this module): what it was set to,
	 * seen from that file. */
	int32_t setter;
	bool in_setter;
	const char *set =
		index_module_prop(ix, id, want, head, &setter, &in_setter);
	if (set != NULL) {
		path_printf(buf, sizeof buf, "%s%s", set, rest);
		return in_setter
			       ? index_lookup_local(ix, setter, buf, depth + 1)
			       : index_resolve_name(ix, setter, buf, depth + 1);
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
	return index_target_found(*out);
}

int32_t
js_module_file(const struct sf_index *ix, int32_t from, const char *name)
{
	return js_resolve_spec(ix, index_file(ix, (uint32_t)from)->path, name);
}

/* --- TypeScript's module resolution -------------------------------------- */

/* A `.js` specifier names the TypeScript source it is compiled from
 * (`import { x } from './util.js'` with util.ts: the ESM convention):
 * `.js` is `.ts` or `.tsx`, `.mjs` `.mts`, `.cjs` `.cts`, `.jsx` `.tsx`.
 * The file, or -1. */
static int32_t
ts_source_for_js(const struct sf_index *ix, const char *p)
{
	static const struct {
		const char *js, *ts[3];
	} map[] = {
		{".js", {".ts", ".tsx", NULL}},
		{".mjs", {".mts", NULL}},
		{".cjs", {".cts", NULL}},
		{".jsx", {".tsx", NULL}},
	};
	const char *dot = strrchr(p, '.');
	if (dot == NULL || strchr(dot, '/') != NULL)
		return -1;
	char buf[PATH_BUILD_MAX];
	for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
		if (strcmp(dot, map[i].js) != 0)
			continue;
		for (const char *const *t = map[i].ts; *t; t++)
			if (path_printf(buf, sizeof buf, "%.*s%s",
					(int)(dot - p), p, *t)) {
				int32_t id = index_path_file(ix, buf);
				if (id >= 0)
					return id;
			}
	}
	return -1;
}

/* The compiler options in effect for a file, from the nearest
 * tsconfig.json (or jsconfig.json) above it and what that extends: the
 * nearest `baseUrl` and the nearest `paths` with the folder of the file
 * that sets them (targets are relative to baseUrl when there is one, else
 * to that folder). */
struct ts_options {
	const char *base_url;
	const struct js_config *paths;
	const char *paths_dir;
};

static void
ts_options_from(const struct sf_index *ix, const char *config_path, int depth,
		struct ts_options *out)
{
	const struct index_manifest *m = index_config_at(ix, config_path);
	if (m == NULL || m->data == NULL || depth > INDEX_RESOLVE_DEPTH)
		return;
	const struct js_config *c = m->data;
	if (out->base_url == NULL)
		out->base_url = c->base_url;
	if (out->paths == NULL && c->has_paths) {
		out->paths = c;
		out->paths_dir = m->dir;
	}
	/* Later entries of an `extends` list win over earlier ones. */
	size_t n = 0;
	while (c->extends[n] != NULL)
		n++;
	while (n-- > 0)
		ts_options_from(ix, c->extends[n], depth + 1, out);
}

/* The configuration that governs file from: the nearest folder above it
 * with a tsconfig.json, else a jsconfig.json. False when none. */
static bool
ts_options_of(const struct sf_index *ix, const char *from,
	      struct ts_options *out)
{
	*out = (struct ts_options){0};
	char dir[PATH_BUILD_MAX], buf[PATH_BUILD_MAX];
	path_dir(from, dir, sizeof dir);
	for (;;) {
		static const char *const names[] = {"tsconfig.json",
						    "jsconfig.json"};
		for (size_t i = 0; i < 2; i++) {
			if (!path_printf(buf, sizeof buf, "%s%s%s", dir,
					 dir[0] ? "/" : "", names[i]) ||
			    index_config_at(ix, buf) == NULL)
				continue;
			ts_options_from(ix, buf, 0, out);
			return true;
		}
		if (dir[0] == '\0')
			return false;
		char *slash = strrchr(dir, '/');
		if (slash != NULL)
			*slash = '\0';
		else
			dir[0] = '\0';
	}
}

/* Does spec match pattern (at most one `*`)? Then *star is what the `*`
 * stands for (start and length) and the result is the length of the
 * pattern's prefix; -1 when it does not match. */
static int
ts_pattern_match(const char *pattern, const char *spec, size_t *star_at,
		 size_t *star_len)
{
	const char *star = strchr(pattern, '*');
	size_t sl = strlen(spec);
	if (star == NULL) {
		*star_at = *star_len = 0;
		return strcmp(pattern, spec) == 0 ? (int)strlen(pattern) : -1;
	}
	size_t pre = (size_t)(star - pattern), post = strlen(star + 1);
	if (sl < pre + post || strncmp(spec, pattern, pre) != 0 ||
	    strcmp(spec + sl - post, star + 1) != 0)
		return -1;
	*star_at = pre;
	*star_len = sl - pre - post;
	return (int)pre;
}

/* A bare specifier through the compiler options of file from: the best
 * `paths` pattern (an exact one, else the longest prefix), each of its
 * targets in order, then the specifier under `baseUrl`. The file, or
 * -1. */
static int32_t
ts_resolve_bare(const struct sf_index *ix, const char *from, const char *spec)
{
	struct ts_options o;
	if (!ts_options_of(ix, from, &o))
		return -1;
	char rel[PATH_BUILD_MAX], p[PATH_BUILD_MAX];
	if (o.paths != NULL) {
		const struct js_path_map *best = NULL;
		int best_len = -1;
		size_t at = 0, len = 0;
		for (uint32_t i = 0; i < o.paths->npaths; i++) {
			const struct js_path_map *m = &o.paths->paths[i];
			size_t a, l;
			int n = ts_pattern_match(m->pattern, spec, &a, &l);
			if (n < 0)
				continue;
			bool exact = strchr(m->pattern, '*') == NULL;
			if (exact)
				n = INT32_MAX;
			if (n > best_len) {
				best = m;
				best_len = n;
				at = a;
				len = l;
			}
		}
		const char *base = o.base_url ? o.base_url : o.paths_dir;
		for (char *const *t = best ? best->targets : NULL; t && *t;
		     t++) {
			const char *star = strchr(*t, '*');
			bool fits =
				star ? path_printf(
					       rel, sizeof rel, "%.*s%.*s%s",
					       (int)(star - *t), *t, (int)len,
					       spec + at, star + 1)
				     : path_printf(rel, sizeof rel, "%s", *t);
			if (!fits || !path_join(base, rel, p, sizeof p))
				continue;
			int32_t id = js_resolve_path(ix, p, 0);
			if (id >= 0)
				return id;
		}
	}
	if (o.base_url != NULL && path_join(o.base_url, spec, p, sizeof p))
		return js_resolve_path(ix, p, 0);
	return -1;
}

int32_t
js_resolve_file(const struct sf_index *ix, int32_t from, const char *module)
{
	if (strlen(module) >= PATH_BUILD_MAX)
		return -1;
	return js_resolve_spec(ix, index_file(ix, (uint32_t)from)->path,
			       module);
}
