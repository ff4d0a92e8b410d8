/*
 * Helpers for Python quick fixes: under which name a
 * module is visible at a position, and where a new import line can go. They
 * read facts and the file's text only.
 */
#ifndef SF_PY_FIX_H
#define SF_PY_FIX_H

#include <stdbool.h>
#include <stdint.h>

#include "../facts.h"

/* The local name that stands for module (`asyncio`, or `aio` after `import
 * asyncio as aio`) seen from function fn at byte pos, or NULL. When it is
 * NULL, *free_name tells whether the module's own name is unbound there, so
 * that adding `import module` is safe. The string is owned by f. */
const char *py_fix_module_name(const struct sf_facts *f, int32_t fn,
			       uint32_t pos, const char *module,
			       bool *free_name);

/* Where a new module-level import line can be inserted: the start of the
 * first unindented `import`/`from` line that is not a `__future__` import.
 * Fills *at with an empty span there and returns true; false when the file
 * has no such line. src is the file's text (len bytes). */
bool py_fix_import_point(const struct sf_facts *f, const char *src,
			 uint32_t len, struct sf_span *at);

#endif
