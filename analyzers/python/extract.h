/*
 * The Python extractor (tree-sitter-python trees to facts) and the async
 * model (context.c).
 */
#ifndef SF_PY_EXTRACT_H
#define SF_PY_EXTRACT_H

#include <tree_sitter/api.h>

#include "../facts.h"
#include "../language.h"

/* Fills f from tree (see struct sf_language.extract). */
void py_extract(struct sf_facts *f, const TSTree *tree, const char *src,
		uint32_t len, const struct extract_options *opts);
/* Resolves names through f's bindings (see struct sf_language.resolve). */
void py_resolve(struct sf_facts *f);

/* The name the catalogue knows a call by (struct sf_family's
 * catalogue_name): the light types' one name for file objects, paths and
 * sockets, as the extractor gives them. */
void py_catalogue_name(const char *name, char *buf, size_t size);
/* Marks async code: `async def` bodies (nested def/lambda/class bodies are
 * functions of their own) and sync functions registered as loop
 * callbacks. */
void py_context(struct sf_facts *f);

#endif
