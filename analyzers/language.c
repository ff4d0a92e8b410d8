/* The language table. */
#include "language.h"

#include <string.h>

#include "javascript/extract.h"
#include "python/extract.h"
#include "util/xalloc.h"

const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_python(void);

static const char *const js_extensions[] = {".js", ".mjs", ".cjs", ".jsx",
					    NULL};
static const char *const py_extensions[] = {".py", NULL};

static const struct sf_language languages[SF_LANG_COUNT] = {
	[SF_LANG_JAVASCRIPT] = {SF_LANG_JAVASCRIPT, "javascript", js_extensions,
				tree_sitter_javascript, js_extract, js_resolve,
				js_context},
	[SF_LANG_PYTHON] = {SF_LANG_PYTHON, "python", py_extensions,
			    tree_sitter_python, py_extract, py_resolve,
			    py_context},
};

const struct sf_language *
language_get(enum sf_lang id)
{
	return (unsigned)id < SF_LANG_COUNT ? &languages[id] : NULL;
}

const struct sf_language *
language_for_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return NULL;
	for (int i = 0; i < SF_LANG_COUNT; i++)
		for (const char *const *e = languages[i].extensions; *e; e++)
			if (strcmp(dot, *e) == 0)
				return &languages[i];
	return NULL;
}

int
language_check_abi(char **cause)
{
	for (int i = 0; i < SF_LANG_COUNT; i++) {
		uint32_t abi = ts_language_abi_version(languages[i].grammar());
		if (abi < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION ||
		    abi > TREE_SITTER_LANGUAGE_VERSION) {
			*cause = xasprintf(
				"the %s grammar has ABI %u; this tree-sitter "
				"core loads %u to %u",
				languages[i].name, abi,
				TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION,
				TREE_SITTER_LANGUAGE_VERSION);
			return -1;
		}
	}
	return 0;
}
