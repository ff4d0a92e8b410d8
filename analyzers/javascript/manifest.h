/*
 * package.json for the JavaScript family (struct sf_family's manifest
 * hooks).
 */
#ifndef SF_JS_MANIFEST_H
#define SF_JS_MANIFEST_H

#include <stdint.h>

struct index_manifest;

/* Reads a package.json into m (struct sf_family's read_manifest): its
 * name, its entry (`exports` "." with the require, node, import or
 * default condition, else `main`) and the names of its dependencies. */
int js_read_manifest(struct index_manifest *m, const char *base,
		     const char *text, uint32_t len, char **cause);

/* The `bin` entries of a package.json in folder dir, as root-relative
 * paths in a NULL-terminated array (owned by the caller, as are its
 * strings); empty when the text is not JSON or has no `bin`. */
char **js_manifest_bins(const char *dir, const char *text, uint32_t len);

#endif
