/*
 * Parsing: one sf_parser per worker thread (tree-sitter parsers are not
 * shared between threads). This and the extractors are the only code that
 * sees syntax trees.
 */
#ifndef SF_PARSE_H
#define SF_PARSE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <tree_sitter/api.h>

#include "language.h"

struct sf_parser;

/* Returns a parser for any language, owned by the caller. */
struct sf_parser *parser_create(void);
/* Frees the parser. Accepts NULL. */
void parser_destroy(struct sf_parser *p);

/* The work a parse may do, in tree-sitter's progress checks (one per 100
 * parser operations) per KiB of text, counted over the text plus 4 KiB.
 * Real files need at most about 22 (the npm and Python standard library
 * corpora, 9,400 files); a few hostile kilobytes can keep tree-sitter's
 * error recovery busy for minutes and gigabytes, and are given up on at
 * this budget, the same way on every machine. */
#define PARSE_CHECKS_PER_KIB 500

/* Parses len bytes of src as lang, reusing old (may be NULL; it must have
 * been edited with ts_tree_edit to match src). When cancel is not NULL and
 * becomes true during the parse, or the parse exceeds its budget
 * (PARSE_CHECKS_PER_KIB; parser_gave_up says so), the parse stops and NULL
 * is returned. Returns a tree owned by the caller (ts_tree_delete). */
TSTree *parser_parse(struct sf_parser *p, const struct sf_language *lang,
		     const char *src, uint32_t len, const TSTree *old,
		     const atomic_bool *cancel);

/* Whether p's last parse returned NULL because it exceeded its budget. */
bool parser_gave_up(const struct sf_parser *p);

#endif
