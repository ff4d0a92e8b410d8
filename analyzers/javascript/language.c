/*
 * The JavaScript family: JavaScript (with JSX) on Node.js, read with
 * tree-sitter-javascript, extracted by javascript/extract.c.
 */
#include "language.h"

#include "extract.h"
#include "manifest.h"
#include "resolve.h"

extern const char catalogue_javascript_tsv[];

const TSLanguage *tree_sitter_javascript(void);

static const char *const manifests[] = {"package.json", NULL};

const struct sf_family javascript_family = {
	.id = SF_FAMILY_JAVASCRIPT,
	.name = "javascript",
	.extract = js_extract,
	.resolve = js_resolve,
	.context = js_context,
	.anonymous = "anonymous function",
	.catalogue = catalogue_javascript_tsv,
	.catalogue_origin = "catalogue/javascript.tsv",
	.manifests = manifests,
	.read_manifest = js_read_manifest,
	.bin_manifest = "package.json",
	.manifest_bins = js_manifest_bins,
	.resolve_module = js_resolve_module,
};

static const char *const js_extensions[] = {".js", ".mjs", ".cjs", ".jsx",
					    NULL};
static const char *const js_lsp_ids[] = {"javascript", "javascriptreact", "js",
					 NULL};

const struct sf_language javascript_language = {
	.id = SF_LANG_JAVASCRIPT,
	.name = "javascript",
	.title = "JavaScript",
	.family = &javascript_family,
	.extensions = js_extensions,
	.lsp_ids = js_lsp_ids,
	.comment = "//",
	.grammar = tree_sitter_javascript,
};
