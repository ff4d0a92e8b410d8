/*
 * package.json, as the JavaScript family reads it: the package's name, its
 * entry module (`exports`, else `main`) and dependencies for the index and
 * the profile, the files its `scripts` run with Node, and the `bin` entries
 * that make files command-line programs. And tsconfig.json (or
 * jsconfig.json): the `baseUrl`, `paths` and `extends` that module
 * resolution follows.
 */
#include "manifest.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "../index.h"
#include "../util/path.h"
#include "../util/vec.h"
#include "../util/xalloc.h"

/* JSON nesting accepted in a package.json. */
#define JS_MANIFEST_JSON_DEPTH 64

/* Longest `scripts` command read. */
#define JS_MANIFEST_SCRIPT_MAX 4096

/* The files a `scripts` command runs with Node ("node extra/x.js --y",
 * "nodemon server/app.js && ..."), added to m->programs as root-relative
 * paths, as written (their extension may be left out). */
static void
script_programs(struct index_manifest *m, const char *cmd)
{
	static const char *const runners[] = {"node", "nodemon", "ts-node",
					      "tsx", "babel-node"};
	if (strlen(cmd) > JS_MANIFEST_SCRIPT_MAX)
		return;
	char *copy = xstrdup(cmd), *save = NULL;
	bool after_runner = false;
	for (char *t = strtok_r(copy, " \t", &save); t != NULL;
	     t = strtok_r(NULL, " \t", &save)) {
		if (after_runner && t[0] != '-') {
			char buf[PATH_BUILD_MAX];
			if (path_join(m->dir, t, buf, sizeof buf))
				*VEC_PUSH(m->programs) = xstrdup(buf);
			after_runner = false;
			continue;
		}
		if (after_runner)
			continue; /* a flag of the runner */
		const char *base = strrchr(t, '/');
		base = base ? base + 1 : t;
		for (size_t i = 0; i < sizeof runners / sizeof *runners; i++)
			if (strcmp(base, runners[i]) == 0)
				after_runner = true;
	}
	free(copy);
}

static void
parse_package_json(struct index_manifest *m, json_object *root)
{
	json_object *v;
	if (json_object_object_get_ex(root, "name", &v) &&
	    json_object_is_type(v, json_type_string))
		m->name = xstrdup(json_object_get_string(v));
	const char *entry = NULL;
	if (json_object_object_get_ex(root, "exports", &v)) {
		json_object *dot = v, *x;
		if (json_object_is_type(v, json_type_object) &&
		    json_object_object_get_ex(v, ".", &x))
			dot = x;
		static const char *const conds[] = {"require", "node", "import",
						    "default"};
		for (size_t i = 0;
		     json_object_is_type(dot, json_type_object) && i < 4; i++)
			if (json_object_object_get_ex(dot, conds[i], &x) &&
			    json_object_is_type(x, json_type_string)) {
				dot = x;
				break;
			}
		if (json_object_is_type(dot, json_type_string))
			entry = json_object_get_string(dot);
	}
	if (entry == NULL && json_object_object_get_ex(root, "main", &v) &&
	    json_object_is_type(v, json_type_string))
		entry = json_object_get_string(v);
	char buf[PATH_BUILD_MAX];
	if (entry != NULL && path_join(m->dir, entry, buf, sizeof buf))
		m->main = xstrdup(buf);
	if (json_object_object_get_ex(root, "scripts", &v) &&
	    json_object_is_type(v, json_type_object)) {
		/* What `npm start` runs is the service itself (`"start":
		 * "node server"`), not a script beside it. */
		json_object_object_foreach(v, key, cmd)
		{
			if (strcmp(key, "start") != 0 &&
			    json_object_is_type(cmd, json_type_string))
				script_programs(m, json_object_get_string(cmd));
		}
	}
	static const char *const deps[] = {"dependencies", "peerDependencies",
					   "optionalDependencies"};
	for (size_t i = 0; i < 3; i++) {
		if (!json_object_object_get_ex(root, deps[i], &v) ||
		    !json_object_is_type(v, json_type_object))
			continue;
		json_object_object_foreach(v, key, val)
		{
			(void)val;
			*VEC_PUSH(m->dependencies) = xstrdup(key);
		}
	}
}

/* --- tsconfig.json ---------------------------------------------------------
 */

/* `extends` as root-relative paths: a relative one (`../tsconfig.base.json`,
 * `./base`, which means `./base.json`) against the file's folder dir; a
 * package's is not followed. NULL-terminated; owned by the caller. */
static char **
config_extends(const char *dir, json_object *root)
{
	VEC(char *) out = {0};
	json_object *v;
	if (json_object_object_get_ex(root, "extends", &v)) {
		json_object *one[1] = {v};
		json_object **vals = one;
		size_t n = 1;
		if (json_object_is_type(v, json_type_array)) {
			n = json_object_array_length(v);
			vals = xcalloc(n ? n : 1, sizeof *vals);
			for (size_t i = 0; i < n; i++)
				vals[i] = json_object_array_get_idx(v, i);
		}
		for (size_t i = 0; i < n; i++) {
			if (!json_object_is_type(vals[i], json_type_string))
				continue;
			const char *e = json_object_get_string(vals[i]);
			if (strncmp(e, "./", 2) != 0 &&
			    strncmp(e, "../", 3) != 0)
				continue;
			size_t el = strlen(e);
			char rel[PATH_BUILD_MAX], buf[PATH_BUILD_MAX];
			bool json = el >= 5 && strcmp(e + el - 5, ".json") == 0;
			if (path_printf(rel, sizeof rel, "%s%s", e,
					json ? "" : ".json") &&
			    path_join(dir, rel, buf, sizeof buf))
				*VEC_PUSH(out) = xstrdup(buf);
		}
		if (vals != one)
			free(vals);
	}
	*VEC_PUSH(out) = NULL;
	return out.v;
}

static void
parse_config(struct index_manifest *m, json_object *root)
{
	struct js_config *c = xcalloc(1, sizeof *c);
	m->data = c;
	c->extends = config_extends(m->dir, root);
	json_object *opts, *v;
	if (!json_object_object_get_ex(root, "compilerOptions", &opts) ||
	    !json_object_is_type(opts, json_type_object))
		return;
	char buf[PATH_BUILD_MAX];
	if (json_object_object_get_ex(opts, "baseUrl", &v) &&
	    json_object_is_type(v, json_type_string) &&
	    path_join(m->dir, json_object_get_string(v), buf, sizeof buf))
		c->base_url = xstrdup(buf);
	if (!json_object_object_get_ex(opts, "paths", &v) ||
	    !json_object_is_type(v, json_type_object))
		return;
	c->has_paths = true;
	c->paths = xcalloc((size_t)json_object_object_length(v) + 1,
			   sizeof *c->paths);
	json_object_object_foreach(v, key, targets)
	{
		if (!json_object_is_type(targets, json_type_array))
			continue;
		struct js_path_map *p = &c->paths[c->npaths++];
		p->pattern = xstrdup(key);
		size_t n = json_object_array_length(targets), k = 0;
		p->targets = xcalloc(n + 1, sizeof *p->targets);
		for (size_t i = 0; i < n; i++) {
			json_object *t = json_object_array_get_idx(targets, i);
			if (json_object_is_type(t, json_type_string))
				p->targets[k++] =
					xstrdup(json_object_get_string(t));
		}
	}
}

void
js_free_config(void *data)
{
	struct js_config *c = data;
	for (char **e = c->extends; e && *e; e++)
		free(*e);
	free(c->extends);
	free(c->base_url);
	for (uint32_t i = 0; i < c->npaths; i++) {
		free(c->paths[i].pattern);
		for (char **t = c->paths[i].targets; *t; t++)
			free(*t);
		free(c->paths[i].targets);
	}
	free(c->paths);
	free(c);
}

bool
js_is_config(const char *base)
{
	/* tsconfig.json, jsconfig.json and the ones they extend by
	 * convention: tsconfig.base.json, tsconfig.app.json... */
	size_t n = strlen(base);
	return n >= 13 &&
	       (strncmp(base, "tsconfig.", 9) == 0 ||
		strncmp(base, "jsconfig.", 9) == 0) &&
	       strcmp(base + n - 5, ".json") == 0;
}

char **
js_config_refs(const char *path, const char *text, uint32_t len)
{
	char dir[PATH_BUILD_MAX];
	path_dir(path, dir, sizeof dir);
	json_tokener *tok = json_tokener_new_ex(JS_MANIFEST_JSON_DEPTH);
	json_object *root = json_tokener_parse_ex(tok, text, (int)len);
	json_tokener_free(tok);
	char **refs = json_object_is_type(root, json_type_object)
			      ? config_extends(dir, root)
			      : xcalloc(1, sizeof *refs);
	json_object_put(root);
	return refs;
}

/* --- reading ------------------------------------------------------------- */

/* "path:line:col" of byte offset off in text. */
static char *
where(const char *path, const char *text, uint32_t len, size_t off)
{
	uint32_t line = 1, col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	return xasprintf("%s:%u:%u", path, line, col);
}

int
js_read_manifest(struct index_manifest *m, const char *base, const char *text,
		 uint32_t len, char **cause)
{
	const char *path = m->path;
	json_tokener *tok = json_tokener_new_ex(JS_MANIFEST_JSON_DEPTH);
	json_object *root = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error err = json_tokener_get_error(tok);
	if (root == NULL || err != json_tokener_success) {
		if (err == json_tokener_continue)
			err = json_tokener_error_parse_eof;
		char *at =
			where(path, text, len, json_tokener_get_parse_end(tok));
		*cause = xasprintf("%s: invalid JSON: %s", at,
				   json_tokener_error_desc(err));
		free(at);
		json_object_put(root);
		json_tokener_free(tok);
		m->bad = true;
		return -1;
	}
	json_tokener_free(tok);
	if (!json_object_is_type(root, json_type_object)) {
		*cause = xasprintf("%s:1:1: expected a JSON object", path);
		json_object_put(root);
		m->bad = true;
		return -1;
	}
	if (strcmp(base, "package.json") == 0)
		parse_package_json(m, root);
	else
		parse_config(m, root);
	json_object_put(root);
	return 0;
}

char **
js_manifest_bins(const char *dir, const char *text, uint32_t len)
{
	json_tokener *tok = json_tokener_new();
	json_object *pkg = json_tokener_parse_ex(tok, text, (int)len);
	json_tokener_free(tok);
	VEC(char *) bins = {0};
	json_object *bin;
	if (pkg != NULL && json_object_object_get_ex(pkg, "bin", &bin)) {
		json_object *one[1] = {bin};
		json_object **vals = one;
		size_t n = 1;
		if (json_object_is_type(bin, json_type_object)) {
			n = (size_t)json_object_object_length(bin);
			vals = xcalloc(n ? n : 1, sizeof *vals);
			size_t k = 0;
			json_object_object_foreach(bin, key, val)
			{
				(void)key;
				vals[k++] = val;
			}
		}
		for (size_t i = 0; i < n; i++) {
			if (!json_object_is_type(vals[i], json_type_string))
				continue;
			const char *p = json_object_get_string(vals[i]);
			while (p[0] == '.' && p[1] == '/')
				p += 2;
			*VEC_PUSH(bins) = dir[0] ? xasprintf("%s/%s", dir, p)
						 : xstrdup(p);
		}
		if (vals != one)
			free(vals);
	}
	json_object_put(pkg);
	*VEC_PUSH(bins) = NULL;
	return bins.v;
}
