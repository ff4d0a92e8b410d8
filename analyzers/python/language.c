/*
 * The Python family: Python, read with tree-sitter-python, extracted by
 * python/extract.c.
 */
#include "language.h"

#include "extract.h"
#include "manifest.h"
#include "resolve.h"

extern const char catalogue_python_tsv[];

const TSLanguage *tree_sitter_python(void);

static const char *const manifests[] = {
	"pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", NULL,
};

const struct sf_family python_family = {
	.id = SF_FAMILY_PYTHON,
	.name = "python",
	.extract = py_extract,
	.resolve = py_resolve,
	.context = py_context,
	.anonymous = "lambda",
	.coroutines = true,
	.catalogue = catalogue_python_tsv,
	.catalogue_origin = "catalogue/python.tsv",
	.fold_package_names = true,
	.manifests = manifests,
	.read_manifest = py_read_manifest,
	.resolve_module = py_resolve_module,
};

static const char *const py_extensions[] = {".py", NULL};
static const char *const py_lsp_ids[] = {"python", NULL};

const struct sf_language python_language = {
	.id = SF_LANG_PYTHON,
	.name = "python",
	.title = "Python",
	.family = &python_family,
	.extensions = py_extensions,
	.lsp_ids = py_lsp_ids,
	.comment = "#",
	.grammar = tree_sitter_python,
};
