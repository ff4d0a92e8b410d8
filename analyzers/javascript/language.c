/*
 * The JavaScript family: JavaScript (with JSX) and TypeScript (with TSX) on
 * Node.js, read with tree-sitter-javascript and tree-sitter-typescript's
 * two grammars, extracted by javascript/extract.c.
 */
#include "language.h"

#include <string.h>

#include "../profile.h"
#include "../summary.h"
#include "../util/strbuf.h"
#include "extract.h"
#include "manifest.h"
#include "resolve.h"

extern const char catalogue_javascript_tsv[];

const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

static const char *const manifests[] = {"package.json", NULL};
/* TypeScript's compiler options (jsconfig.json: the same for JavaScript
 * projects), for `baseUrl` and `paths`. */
static const char *const configs[] = {"tsconfig.json", "jsconfig.json", NULL};

/* --- summaries ---------------------------------------------------------- */

/* A resolved name may lead into the project unless it is a JavaScript
 * global or a Node.js built-in module (a name kept in vain resolves to
 * nothing: this only saves memory). */
static bool
may_be_project(const char *name)
{
	if (name[0] == '.' || name[0] == '/')
		return true;
	static const char *const builtin[] = {
		"console",
		"JSON",
		"Math",
		"Object",
		"Array",
		"Promise",
		"process",
		"Buffer",
		"Date",
		"Number",
		"String",
		"Symbol",
		"Reflect",
		"require",
		"fs",
		"path",
		"os",
		"crypto",
		"http",
		"https",
		"url",
		"util",
		"events",
		"stream",
		"zlib",
		"net",
		"child_process",
		"worker_threads",
		"assert",
		"timers",
		"dns",
		"readline",
		"querystring",
		"setTimeout",
		"setImmediate",
		"setInterval",
		"fetch",
		"fs/promises",
		"timers/promises",
	};
	size_t n = strcspn(name, ".");
	for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++)
		if (strlen(builtin[i]) == n &&
		    strncmp(builtin[i], name, n) == 0)
			return false;
	return true;
}

static uint32_t
call_markers(const char *name)
{
	return strcmp(name, "worker_threads.Worker") == 0
		       ? SUMMARY_MARK_STARTS_WORKER
		       : 0;
}

/* --- the stack-fit profile ----------------------------------------------- */

static const char *const entry_names[] = {"server.js", "app.js",    "index.js",
					  "main.js",   "server.ts", "app.ts",
					  "index.ts",  "main.ts",   NULL};

static void
concurrency(const struct profile_component *c, struct strbuf *out)
{
	strbuf_puts(out, "one event loop");
	if (c->worker_threads)
		strbuf_puts(out, " + worker threads");
}

static void
architecture(struct profile_component *c)
{
	profile_add_reason(c, 0,
			   "architecture: event-driven — %u event-loop "
			   "handlers (%u registered request handlers) share "
			   "one thread, which suits I/O-bound work",
			   c->async_handlers, c->request_handlers);
	if (c->worker_threads)
		profile_add_reason(c, 10,
				   "speed on CPU-bound work: the service has "
				   "worker threads, so heavy work can run off "
				   "the event loop");
}

const struct sf_family javascript_family = {
	.id = SF_FAMILY_JAVASCRIPT,
	.name = "javascript",
	.extract = js_extract,
	.resolve = js_resolve,
	.context = js_context,
	.anonymous = "anonymous function",
	.constructor = "constructor",
	.catalogue = catalogue_javascript_tsv,
	.catalogue_origin = "catalogue/javascript.tsv",
	.manifests = manifests,
	.read_manifest = js_read_manifest,
	.configs = configs,
	.is_config = js_is_config,
	.config_refs = js_config_refs,
	.free_manifest_data = js_free_config,
	.bin_manifest = "package.json",
	.manifest_bins = js_manifest_bins,
	.resolve_module = js_resolve_module,
	.statement_tail = js_statement_tail,
	.first_code = js_first_code,
	.continues = js_continues,
	.may_reach = js_may_reach,
	.resolve_file = js_resolve_file,
	.module_file = js_module_file,
	.may_be_project = may_be_project,
	.call_markers = call_markers,
	.entry_names = entry_names,
	.anonymous_handlers = true,
	.concurrency = concurrency,
	.architecture = architecture,
	.loop_name = "event loop",
	.cpu_one = "Node.js runs it on the one thread that serves every "
		   "request",
	.cpu_many = "Node.js runs them on the one thread that serves every "
		    "request",
};

static const char *const js_extensions[] = {".js", ".mjs", ".cjs", ".jsx",
					    NULL};
static const char *const js_lsp_ids[] = {"javascript", "javascriptreact", "js",
					 NULL};

static const char *const js_interpreters[] = {"node", "nodejs", NULL};

const struct sf_language javascript_language = {
	.id = SF_LANG_JAVASCRIPT,
	.name = "javascript",
	.title = "JavaScript",
	.family = &javascript_family,
	.extensions = js_extensions,
	.lsp_ids = js_lsp_ids,
	.comment = "//",
	.grammar = tree_sitter_javascript,
	.interpreters = js_interpreters,
};

/* TypeScript's declaration files (`.d.ts`) hold types only. */
static const char *const ts_extensions[] = {".ts", ".mts", ".cts", NULL};
static const char *const ts_excluded[] = {".d.ts", ".d.mts", ".d.cts", NULL};
static const char *const ts_lsp_ids[] = {"typescript", "ts", NULL};

const struct sf_language typescript_language = {
	.id = SF_LANG_TYPESCRIPT,
	.name = "typescript",
	.title = "TypeScript",
	.family = &javascript_family,
	.extensions = ts_extensions,
	.excluded = ts_excluded,
	.lsp_ids = ts_lsp_ids,
	.comment = "//",
	.grammar = tree_sitter_typescript,
};

static const char *const tsx_extensions[] = {".tsx", NULL};
static const char *const tsx_lsp_ids[] = {"typescriptreact", "tsx", NULL};

const struct sf_language tsx_language = {
	.id = SF_LANG_TSX,
	.name = "tsx",
	.title = "TSX",
	.family = &javascript_family,
	.extensions = tsx_extensions,
	.lsp_ids = tsx_lsp_ids,
	.comment = "//",
	.grammar = tree_sitter_tsx,
};
