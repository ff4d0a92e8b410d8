/*
 * Module resolution for the Python family (struct sf_family's
 * resolve_module), through the index's resolution API (index.h).
 */
#ifndef SF_PY_RESOLVE_H
#define SF_PY_RESOLVE_H

#include <stdbool.h>
#include <stdint.h>

struct index_target;
struct sf_index;

/* The project function or class that name, as resolved in file from,
 * names; false when none. */
bool py_resolve_module(const struct sf_index *ix, int32_t from,
		       const char *name, int depth, struct index_target *out);
/* The file of the index that module, imported in file from, is; -1 when
 * none. */
int32_t py_resolve_file(const struct sf_index *ix, int32_t from,
			const char *module);

#endif
