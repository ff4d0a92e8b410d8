/*
 * package.json for the JavaScript family (struct sf_family's manifest
 * hooks), and tsconfig.json / jsconfig.json, the configurations its
 * module resolution reads (struct sf_family's configs).
 */
#ifndef SF_JS_MANIFEST_H
#define SF_JS_MANIFEST_H

#include <stdbool.h>
#include <stdint.h>

struct index_manifest;

/* One entry of `compilerOptions.paths`: a pattern with at most one `*`
 * ("@app/…") and what it maps to, as written ("src/app/…"; the `*`
 * stands for what the pattern's `*` matched). */
struct js_path_map {
	char *pattern;
	char **targets; /* NULL-terminated */
};

/* What a tsconfig.json or jsconfig.json says of module resolution (the
 * data of its struct index_manifest). Folders are root-relative. */
struct js_config {
	/* The configurations it extends, in order, root-relative; a
	 * package's (`@tsconfig/node20`) is not followed. NULL-terminated. */
	char **extends;
	/* compilerOptions.baseUrl, resolved against the file's folder;
	 * NULL when it sets none. */
	char *base_url;
	/* compilerOptions.paths, when it sets them (has_paths). */
	bool has_paths;
	struct js_path_map *paths;
	uint32_t npaths;
};

/* Reads a package.json into m (struct sf_family's read_manifest): its
 * name, its entry (`exports` "." with the require, node, import or
 * default condition, else `main`) and the names of its dependencies; or a
 * tsconfig.json (comments and trailing commas allowed) into a struct
 * js_config in m->data. */
int js_read_manifest(struct index_manifest *m, const char *base,
		     const char *text, uint32_t len, char **cause);

/* The `bin` entries of a package.json in folder dir, as root-relative
 * paths in a NULL-terminated array (owned by the caller, as are its
 * strings); empty when the text is not JSON or has no `bin`. */
char **js_manifest_bins(const char *dir, const char *text, uint32_t len);

/* struct sf_family's is_config, config_refs and free_manifest_data. */
bool js_is_config(const char *base);
char **js_config_refs(const char *path, const char *text, uint32_t len);
void js_free_config(void *data);

#endif
