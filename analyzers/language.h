/*
 * Languages: the one list to touch when adding a language. Each entry ties
 * file extensions to a tree-sitter grammar and to the extractor that turns
 * its trees into facts.
 */
#ifndef SF_LANGUAGE_H
#define SF_LANGUAGE_H

#include <stdbool.h>
#include <stdint.h>

#include <tree_sitter/api.h>

#include "facts.h"

/* How to extract a text that is not a whole file (see document.c: the
 * language server extracts a file in fragments, one per group of
 * top-level statements, and merges them with facts_append). */
struct extract_options {
	/* Leave names unresolved: the language's resolve runs once the
	 * fragments are merged. */
	bool fragment;
	/* The text does not begin the file, so no comment in it belongs to the
	 * file's first comment block (`stackfit: ignore-file`). */
	bool not_first;
	/* When set, called before each top-level node that starts on a line
	 * after every earlier top-level node ended, except the first: it
	 * returns the facts to fill from there on (the next fragment). It gets
	 * the byte offset and row of the start of the node's line. */
	struct sf_facts *(*split)(void *ctx, uint32_t line_byte, uint32_t row);
	void *ctx;
};

struct sf_language {
	enum sf_lang id;
	const char *name;
	const char *const *extensions; /* ".js"...; NULL-terminated */
	const TSLanguage *(*grammar)(void);
	/* Walks tree once and fills f (which starts empty but for path and
	 * flags). src is the text the tree was parsed from. opts is NULL for
	 * a whole file. */
	void (*extract)(struct sf_facts *f, const TSTree *tree, const char *src,
			uint32_t len, const struct extract_options *opts);
	/* Resolves the names of f's calls and arguments through its bindings
	 * (extract does it for a whole file; merged fragments need it once
	 * merged). */
	void (*resolve)(struct sf_facts *f);
	/* Marks the functions that run on the event loop (SF_FN_ON_LOOP) and
	 * applies the language's exemptions; runs after extract. */
	void (*context)(struct sf_facts *f);
};

/* The language of a file by its extension, or NULL. */
const struct sf_language *language_for_path(const char *path);
const struct sf_language *language_get(enum sf_lang id);

/* Checks that every grammar's ABI is one the core can load. Returns 0, or
 * -1 with *cause set (owned by the caller). */
int language_check_abi(char **cause);

#endif
