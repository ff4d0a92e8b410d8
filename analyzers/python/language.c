/*
 * The Python family: Python, read with tree-sitter-python, extracted by
 * python/extract.c.
 */
#include "language.h"

#include <stdlib.h>
#include <string.h>

#include "../profile.h"
#include "../util/strbuf.h"
#include "extract.h"
#include "judge.h"
#include "manifest.h"
#include "resolve.h"

extern const char catalogue_python_tsv[];

const TSLanguage *tree_sitter_python(void);

static const char *const manifests[] = {
	"pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", NULL,
};

/* --- summaries ---------------------------------------------------------- */

/* Modules of the standard library that code calls often (sorted): a name
 * under one leads nowhere in the project. */
static const char *const stdlib[] = {
	"abc",          "argparse",    "ast",         "asyncio",
	"base64",       "binascii",    "bisect",      "builtins",
	"calendar",     "codecs",      "collections", "concurrent",
	"configparser", "contextlib",  "copy",        "csv",
	"ctypes",       "dataclasses", "datetime",    "decimal",
	"difflib",      "email",       "enum",        "errno",
	"fnmatch",      "fractions",   "functools",   "gc",
	"getpass",      "gettext",     "glob",        "gzip",
	"hashlib",      "heapq",       "hmac",        "html",
	"http",         "importlib",   "inspect",     "io",
	"ipaddress",    "itertools",   "json",        "locale",
	"logging",      "math",        "mimetypes",   "multiprocessing",
	"operator",     "os",          "pathlib",     "pickle",
	"platform",     "pprint",      "queue",       "random",
	"re",           "secrets",     "select",      "selectors",
	"shlex",        "shutil",      "signal",      "socket",
	"sqlite3",      "ssl",         "stat",        "statistics",
	"string",       "struct",      "subprocess",  "sys",
	"tarfile",      "tempfile",    "textwrap",    "threading",
	"time",         "traceback",   "types",       "typing",
	"unicodedata",  "unittest",    "urllib",      "uuid",
	"warnings",     "weakref",     "xml",         "zipfile",
	"zlib",         "zoneinfo",
};

static int
cmp_module(const void *key, const void *elem)
{
	const char *name = key;
	const char *mod = *(const char *const *)elem;
	size_t n = strcspn(name, ".(");
	size_t m = strlen(mod);
	int c = strncmp(name, mod, n < m ? n : m);
	return c != 0 ? c : (n > m) - (n < m);
}

/* Imports always resolve to a dotted name: one without a dot is a
 * builtin, which leads nowhere in the project, nor does a name in the
 * standard library. */
static bool
may_be_project(const char *name)
{
	return strchr(name, '.') != NULL &&
	       bsearch(name, stdlib, sizeof stdlib / sizeof *stdlib,
		       sizeof *stdlib, cmp_module) == NULL;
}

static enum language_handoff
handoff(struct sf_facts *f, const struct sf_catalogue *cat,
	const struct sf_call *c, const struct sf_arg **arg, int32_t *local)
{
	enum py_submit k = py_submission(f, cat, c, arg);
	if (k == PY_SUBMIT_NONE || *arg == NULL)
		return LANGUAGE_HANDOFF_NONE;
	*local = py_target_function(f, c, *arg);
	return k == PY_SUBMIT_THREAD ? LANGUAGE_HANDOFF_THREAD
				     : LANGUAGE_HANDOFF_PROCESS;
}

/* --- the stack-fit profile ----------------------------------------------- */

static const char *const entry_names[] = {
	"main.py", "app.py",      "server.py", "wsgi.py",
	"asgi.py", "__main__.py", NULL,
};

static void
concurrency(const struct profile_component *c, struct strbuf *out)
{
	const char *sep = "";
	if (profile_has_role(c, FW_ASGI) && c->sync_endpoints > 0 &&
	    c->async_endpoints == 0) {
		/* FastAPI and Starlette run a plain `def` endpoint in their
		 * thread pool, not on the loop. */
		strbuf_puts(out, "a thread pool (ASGI, sync endpoints)");
		sep = " + ";
	} else if (profile_has_role(c, FW_ASGI)) {
		strbuf_puts(out, "asyncio event loop (ASGI)");
		if (c->sync_endpoints > 0)
			strbuf_puts(out, " + a thread pool (sync endpoints)");
		else if (profile_has_role(c, FW_ASGI_SERVER) &&
			 profile_has_role(c, FW_WSGI))
			/* Django (or Flask) served by uvicorn or daphne: its
			 * sync views run in threads the ASGI adapter keeps. */
			strbuf_puts(out, " + threads for sync views");
		sep = " + ";
	} else if (profile_has_role(c, FW_WSGI)) {
		strbuf_puts(out, "a thread per request (WSGI)");
		sep = " + ";
	} else if (c->async_handlers > 0) {
		strbuf_puts(out, "asyncio");
		sep = " + ";
	}
	if (profile_has_role(c, FW_TASKS)) {
		strbuf_printf(out, "%stask-queue workers", sep);
		sep = " + ";
	}
	if (c->thread_targets > 0) {
		strbuf_printf(out, "%sthreads", sep);
		sep = " + ";
	}
	if (c->process_targets > 0) {
		strbuf_printf(out, "%sprocesses", sep);
		sep = " + ";
	}
	if (sep[0] == '\0')
		strbuf_puts(out, "sequential");
}

static void
architecture(struct profile_component *c)
{
	if (profile_has_role(c, FW_ASGI) && c->sync_endpoints > 0 &&
	    c->async_endpoints == 0)
		profile_add_reason(
			c, 0,
			"architecture: ASGI with %u plain `def` endpoints, "
			"which the framework runs in its thread pool: "
			"blocking calls there do not stall the event loop",
			c->sync_endpoints);
	else if (profile_has_role(c, FW_ASGI_SERVER) &&
		 profile_has_role(c, FW_WSGI))
		profile_add_reason(
			c, 0,
			"architecture: a WSGI framework served by an ASGI "
			"server — its sync views run in threads, and %u async "
			"handlers share one event loop",
			c->async_handlers);
	else if (profile_has_role(c, FW_ASGI))
		profile_add_reason(
			c, 0,
			"architecture: asyncio (ASGI) — %u async "
			"handlers serve requests concurrently on one "
			"event loop",
			c->async_handlers);
	else if (profile_has_role(c, FW_WSGI))
		profile_add_reason(c, 0,
				   "architecture: WSGI — a thread per request: "
				   "fine for I/O-bound work, but the GIL lets "
				   "one thread compute at a time");
}

const struct sf_family python_family = {
	.id = SF_FAMILY_PYTHON,
	.name = "python",
	.extract = py_extract,
	.resolve = py_resolve,
	.context = py_context,
	.anonymous = "lambda",
	.constructor = "__init__",
	.coroutines = true,
	.explicit_self = true,
	.catalogue = catalogue_python_tsv,
	.catalogue_origin = "catalogue/python.tsv",
	.fold_package_names = true,
	.manifests = manifests,
	.read_manifest = py_read_manifest,
	.resolve_module = py_resolve_module,
	.first_code = py_first_code,
	.continues = py_continues,
	.may_reach = py_may_reach,
	.resolve_file = py_resolve_file,
	.catalogue_name = py_catalogue_name,
	.may_be_project = may_be_project,
	.releases_gil = py_releases_gil,
	.handoff = handoff,
	.entry_names = entry_names,
	.concurrency = concurrency,
	.architecture = architecture,
	.loop_name = "asyncio loop",
	.cpu_one = "it stops every other request while it runs",
	.cpu_many = "they stop every other request while they run",
};

static const char *const py_extensions[] = {".py", NULL};
static const char *const py_lsp_ids[] = {"python", NULL};

static const char *const py_interpreters[] = {"python", "pypy", NULL};

const struct sf_language python_language = {
	.id = SF_LANG_PYTHON,
	.name = "python",
	.title = "Python",
	.family = &python_family,
	.extensions = py_extensions,
	.lsp_ids = py_lsp_ids,
	.comment = "#",
	.grammar = tree_sitter_python,
	.interpreters = py_interpreters,
};
