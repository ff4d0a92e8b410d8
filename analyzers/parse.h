/*
 * Parsing: one sf_parser per worker thread (tree-sitter parsers are not
 * shared between threads). This and the extractors are the only code that
 * sees syntax trees.
 */
#ifndef SF_PARSE_H
#define SF_PARSE_H

#include <stdatomic.h>
#include <stdint.h>

#include <tree_sitter/api.h>

#include "language.h"

struct sf_parser;

/* Returns a parser for any language, owned by the caller. */
struct sf_parser *parser_create(void);
/* Frees the parser. Accepts NULL. */
void parser_destroy(struct sf_parser *p);

/* Parses len bytes of src as lang, reusing old (may be NULL; it must have
 * been edited with ts_tree_edit to match src). When cancel is not NULL and
 * becomes true during the parse, the parse stops and NULL is returned.
 * Returns a tree owned by the caller (ts_tree_delete). */
TSTree *parser_parse(struct sf_parser *p, const struct sf_language *lang,
		     const char *src, uint32_t len, const TSTree *old,
		     const atomic_bool *cancel);

#endif
