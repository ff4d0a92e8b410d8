/*
 * Module resolution for the JavaScript family (struct sf_family's
 * resolve_module), through the index's resolution API (index.h).
 */
#ifndef SF_JS_RESOLVE_H
#define SF_JS_RESOLVE_H

#include <stdbool.h>
#include <stdint.h>

struct index_target;
struct sf_index;

/* The project function or class that name, as resolved in file from,
 * names; false when none. */
bool js_resolve_module(const struct sf_index *ix, int32_t from,
		       const char *name, int depth, struct index_target *out);
/* The file of the index that module, imported in file from, is; -1 when
 * none. */
int32_t js_resolve_file(const struct sf_index *ix, int32_t from,
			const char *module);
/* The file of the project that module specifier name, as file from
 * writes it, names; -1 when none (struct sf_family's module_file). */
int32_t js_module_file(const struct sf_index *ix, int32_t from,
		       const char *name);

#endif
