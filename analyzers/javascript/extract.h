/*
 * The JavaScript extractor (tree-sitter-javascript trees to facts) and the
 * event-loop model (context.c).
 */
#ifndef SF_JS_EXTRACT_H
#define SF_JS_EXTRACT_H

#include <tree_sitter/api.h>

#include "../facts.h"
#include "../language.h"

/* Fills f from tree (see struct sf_language.extract). */
void js_extract(struct sf_facts *f, const TSTree *tree, const char *src,
		uint32_t len, const struct extract_options *opts);
/* Resolves names through f's bindings (see struct sf_language.resolve). */
void js_resolve(struct sf_facts *f);
/* Marks event-loop code and applies the exemptions (CLI programs,
 * build/config files, tests, worker threads, process.on('exit')). */
void js_context(struct sf_facts *f);

#endif
