/*
 * Languages: the one list to touch when adding a language. Each entry ties
 * file extensions to a tree-sitter grammar and to the extractor that turns
 * its trees into facts.
 */
#ifndef SF_LANGUAGE_H
#define SF_LANGUAGE_H

#include <stdint.h>

#include <tree_sitter/api.h>

#include "facts.h"

struct sf_language {
	enum sf_lang id;
	const char *name;
	const char *const *extensions; /* ".js"...; NULL-terminated */
	const TSLanguage *(*grammar)(void);
	/* Walks tree once and fills f (which starts empty but for path and
	 * flags). src is the text the tree was parsed from. */
	void (*extract)(struct sf_facts *f, const TSTree *tree, const char *src,
			uint32_t len);
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
