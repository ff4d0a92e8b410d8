/*
 * The project index: every file's summary, the manifests that
 * say how modules resolve, and the call graph across files, solved to a
 * fixed point so that a call is judged by what the called function does,
 * wherever it is defined.
 *
 * Life cycle: index_create; index_add_manifest and index_put (a summary
 * per file, summary_build); index_solve; then queries, and
 * engine_check_indexed for the rules that judge files through it. A file
 * extracted with sf_source.index set sees the registrations other files
 * make, which its per-file rules need when index_needs_recheck says so.
 * The project (project.h) runs this recipe: `audit`, `check`, the daemon,
 * the language server and the fuzz targets hold a project.
 *
 * Queries are read-only and may run on any thread between solves; puts,
 * removes and solves need the index to themselves.
 *
 * Module resolution is each family's (struct sf_family's resolve_module,
 * in analyzers/<family>/resolve.c): JavaScript's relative `require` and
 * `import` with extension, `index` and package.json `main`/`exports`
 * resolution and bare specifiers naming a package of the repository;
 * Python's absolute imports against the component's source roots and
 * relative imports, through `__init__.py` re-exports and `from … import
 * *`. The resolvers ask the index through the functions at the end of
 * this header.
 *
 * Effects propagate from callee to caller over resolved calls until
 * nothing changes; each effect remembers the first call that brought it,
 * so a chain can be printed and chains cannot loop (recursion and import
 * cycles terminate). An async function (or JavaScript event-loop code) is
 * not a blocking callee: its own body is judged where it is, by the
 * per-file rules.
 *
 * The index never sees a syntax tree; its memory grows with summaries.
 * It knows nothing of files on disk or transports: callers hand it texts.
 */
#ifndef SF_INDEX_H
#define SF_INDEX_H

#include <stdbool.h>
#include <stdint.h>

#include "diagnostic.h"
#include "facts.h"
#include "summary.h"
#include "util/vec.h"

struct sf_api;
struct sf_index;

/* Longest chain reported (hops from the caller to the blocking call). */
#define INDEX_CHAIN_MAX 16
/* Re-exports and aliases followed when resolving one name. */
#define INDEX_RESOLVE_DEPTH 8
/* Largest manifest read (bytes). */
#define INDEX_MANIFEST_MAX (1u << 20)

/* Returns an empty index, owned by the caller (index_destroy). */
struct sf_index *index_create(void);
/* Frees the index and every summary in it. Accepts NULL. */
void index_destroy(struct sf_index *ix);

/* Adds a manifest (a file a family's definition names: `package.json`,
 * `pyproject.toml`, `setup.py`, `setup.cfg`, `requirements.txt`) or a
 * configuration of module resolution (`tsconfig.json`), with its path
 * relative to the root; the family reads it. Replaces an earlier text of
 * the same path. Returns 0, or -1 with *cause (owned by the caller) naming the
 * file, position and problem when the text cannot be read (a package.json that
 * is not JSON); the folder still counts as a component then. */
int index_add_manifest(struct sf_index *ix, const char *path, const char *text,
		       uint32_t len, char **cause);

/* Stores s (ownership passes to the index), replacing the summary of the
 * same path, and returns true; call index_solve before querying again.
 * When s holds what the stored summary of its path holds but for the
 * text it was made from (summary_io_same: an edit of a comment, or of code
 * no summary sees), s is freed, the stored summary takes its text's hash
 * and line count, and the index stands as solved: returns false. */
bool index_put(struct sf_index *ix, struct sf_summary *s);
/* Forgets a file. */
void index_remove(struct sf_index *ix, const char *path);
/* What the index asks outside it (index_set_apis) may answer otherwise
 * now: the next solve resolves every name again. */
void index_invalidate(struct sf_index *ix);

/* Paths of files whose cross-file results changed. Owned. */
struct index_changes {
	VEC(char *) paths;
};
void index_changes_finish(struct index_changes *c);

/* How the index judges a name its types lead to outside the project (a
 * method of a value whose type only another file tells, `pathlib.Path()
 * .exists` for `cog_data_path(self) / "x"`): the catalogue's API of that
 * name for file path, in language lang, or NULL. */
typedef const struct sf_api *(*index_api_fn)(void *ctx, const char *path,
					     enum sf_lang lang,
					     const char *name);
/* Sets how (before index_solve); without it such calls are not judged.
 * The entry need not outlive the call: the index copies what it keeps. */
void index_set_apis(struct sf_index *ix, index_api_fn fn, void *ctx);

/* Runs fn(arg, k) for every k < n, each once, on several threads at once
 * (the project's workers), and returns when all are done. */
struct index_map {
	void *ctx;
	void (*map)(void *ctx, uint32_t n, void (*fn)(void *arg, uint32_t k),
		    void *arg);
};

/* Resolves every call and registration, propagates effects to a fixed
 * point and, when changed is not NULL, fills it with the paths whose
 * cross-file results (a callee's effects or chain, a cross-file event-loop
 * registration) differ from the previous solve, sorted. Names are resolved
 * through m when it is not NULL (the rest runs here). Everything a query
 * needs is built here: after it, queries are read-only and thread-safe. */
void index_solve(struct sf_index *ix, struct index_changes *changed,
		 const struct index_map *m);

/* Files whose per-file rules must run again with the index
 * (engine's sf_source.index): they hold a function another file registers
 * as an event-loop callback or sends to a thread or process, which only
 * the index knows, and that function has something those rules look at
 * (a catalogued call, a loop, a regex); or a call that only the types
 * across files show to be a catalogued API. Rules that judge a file through the
 * index (engine_check_indexed) need no recheck. */
bool index_needs_recheck(const struct sf_index *ix, const char *path);

/* Marks the functions of f that another file registers as event-loop
 * callbacks (SF_FN_ON_LOOP with a context naming the registration) or
 * sends to a thread or a process (SF_FN_THREAD_TARGET,
 * SF_FN_PROCESS_TARGET), and gives the calls that the types lead to a
 * catalogued API outside the project that API's name (so the per-file
 * rules judge them as if the type were written there). Call between
 * extraction and the context pass; does nothing when f's text is not the
 * one summarised. */
void index_apply_registrations(const struct sf_index *ix, struct sf_facts *f,
			       uint64_t text_hash);

/* One hop of a chain: where, and what happens there. */
struct index_hop {
	const char *path; /* owned by the index */
	struct sf_position pos;
	char *message; /* owned by the hop list (index_blocking_finish) */
};

/* Why a call blocks. */
struct index_blocking {
	uint32_t effect;       /* SUMMARY_BLOCKS or SUMMARY_CPU */
	const char *callee;    /* the called function's name */
	const char *path;      /* where it is defined */
	struct sf_position at; /* its name */
	/* The blocking thing at the end of the chain: "`fs.readFileSync`, a
	 * synchronous file-system call"; its replacement when catalogued. */
	const char *what, *replacement;
	const char *end_path;
	struct sf_position end_pos;
	const char *end_callee; /* the function that holds it */
	uint32_t depth; /* functions from the callee to the blocking call */
	VEC(struct index_hop) hops;
	uint32_t end_hop; /* the hop that shows the blocking thing */
};
void index_blocking_finish(struct index_blocking *b);

/* When call `call` of f (whose text hashes to text_hash) reaches a project
 * function that is not itself event-loop/async code and whose summary
 * blocks or burns CPU (effects & mask), fills *out and returns true. */
bool index_call_blocks(const struct sf_index *ix, const struct sf_facts *f,
		       uint64_t text_hash, uint32_t call, uint32_t mask,
		       struct index_blocking *out);

/* --- for thread/process targets (PY210, PY211) and the profile ---------- */

/* A function as the index knows it. */
struct index_fn {
	const struct sf_summary *file;
	int32_t fn; /* in file->functions */
};

/* The function a name resolves to as seen from file `path` (a local
 * function name, or a resolved import such as
 * "app.services.risk.simulate_portfolio"). Returns false when it is not a
 * project function. */
bool index_resolve(const struct sf_index *ix, const char *path,
		   const char *local, const char *name, struct index_fn *out);

/* What running a function on a thread or process amounts to. */
enum index_workload {
	INDEX_WORK_UNKNOWN,
	/* CPU-heavy, does no I/O, calls nothing that releases the GIL:
	 * threads cannot run it in parallel on CPython (PY210). */
	INDEX_WORK_CPU_BOUND,
	/* Waits on I/O and burns no CPU: processes buy nothing (PY211). */
	INDEX_WORK_IO_BOUND,
	INDEX_WORK_MIXED, /* both, or CPU in native code */
};

struct index_fn_profile {
	uint32_t effects; /* solved: own body and everything it calls */
	enum index_workload workload;
	/* The first place that shows the workload (a heavy loop, a network
	 * call), for messages; static/owned by the index. */
	const char *what;
	const char *path;
	struct sf_position pos;
};

/* The solved profile of fn. */
void index_fn_profile(const struct sf_index *ix, struct index_fn fn,
		      struct index_fn_profile *out);

/* The summaries, in path order. Valid until the next
 * index_put/index_remove. */
uint32_t index_file_count(const struct sf_index *ix);
/* The position of path among them, or -1. */
int32_t index_file_id(const struct sf_index *ix, const char *path);
const struct sf_summary *index_file(const struct sf_index *ix, uint32_t i);
/* True when file i would take part in a registration across files but
 * for its being exempt (a command-line, test, build, worker or
 * `stackfit: ignore-file` file, whose registrations the solve does not
 * follow): it registers a function of another file as a callback, or
 * another file registers one of its functions. */
bool index_exempt_registrations(const struct sf_index *ix, uint32_t i);
/* Solved effects of function fn of file i. */
uint32_t index_effects(const struct sf_index *ix, uint32_t file, int32_t fn);
/* True when function fn of file i is event-loop code because another file
 * registers it; *context says how. */
bool index_registered(const struct sf_index *ix, uint32_t file, int32_t fn,
		      const char **context);
/* True when function fn of file i is event-loop / async code (its own
 * flags, a callback inside such code, or a cross-file registration). */
bool index_on_loop(const struct sf_index *ix, uint32_t file, int32_t fn);
/* Why function fn of file i runs on the loop ("the callback passed to
 * `app.get('/')`", "async function `load`"), or NULL when it does not. */
const char *index_loop_context(const struct sf_index *ix, uint32_t file,
			       int32_t fn);
/* index_call_blocks for summary call k of file i. */
bool index_file_call_blocks(const struct sf_index *ix, uint32_t file,
			    uint32_t k, uint32_t mask,
			    struct index_blocking *out);
/* The solved target of a thread/process send, or false. */
bool index_exec_target(const struct sf_index *ix, uint32_t file,
		       const struct summary_exec *e, struct index_fn *out);

/* Manifests, for components (profile.c) and module resolution. Strings
 * are owned by the index (a family's read_manifest fills them with
 * xstrdup). */
struct index_manifest {
	char *path; /* "svc/package.json" */
	char *dir;  /* "svc", "" for the root */
	enum sf_family_id family;
	char *name; /* package.json name, or NULL */
	char *main; /* resolved entry (package.json exports/main), or NULL */
	VEC(char *) dependencies; /* as the manifest names them */
	/* Files its scripts run as programs ("extra/reset-password.js",
	 * "app": root-relative, the extension maybe left out). */
	VEC(char *) programs;
	bool bad; /* could not be read */
	/* What else the family read of it (a tsconfig.json's `paths`),
	 * freed by its free_manifest_data; or NULL. */
	void *data;
};
uint32_t index_manifest_count(const struct sf_index *ix);
const struct index_manifest *index_manifest(const struct sf_index *ix,
					    uint32_t i);

/* --- for module resolution (analyzers/<family>/resolve.c) --------------- */

/* A project function or class while index_solve resolves names: a file id
 * (its position in index_file order) and a function of it, or a class of it
 * (then fn is -1); -1 when none. */
struct index_target {
	int32_t file, fn;
	int32_t cls;
	/* The name stands for what the target makes, not the target: an
	 * instance of the class, or the function's result (`store =
	 * Store()`, `dirs = get_dirs()`). */
	bool made;
};
#define INDEX_NO_TARGET ((struct index_target){-1, -1, -1, false})
#define INDEX_FN_TARGET(file_, fn_)                                            \
	((struct index_target){(file_), (fn_), -1, false})

/* Did a resolution find a function or a class? */
static inline bool
index_target_found(struct index_target t)
{
	return t.fn >= 0 || t.cls >= 0;
}

/* After a solve: the target of summary call k of file i (whatever the
 * callee is: async and event-loop code included), or false. */
bool index_call_target(const struct sf_index *ix, uint32_t file, uint32_t k,
		       struct index_target *out);
/* After a solve: the target of callback reference r of file i (summary
 * cbrefs), or false (also in the files whose registrations are not
 * followed). */
bool index_cbref_target(const struct sf_index *ix, uint32_t file, uint32_t r,
			struct index_target *out);
/* After a solve: per import of file's summary (summary imports, in
 * order), the id of the file a module import names (its family's
 * resolve_file), or -1 for one that names no file of the project and
 * for the other kinds of import. Owned by the index, valid until the next
 * put, remove or solve. */
const int32_t *index_import_files(const struct sf_index *ix, uint32_t file);
/* After a solve: the project function that function fn of file is given
 * to (its summary's registered_by): for a function run in place
 * (SF_FN_RUN_IN_PLACE, not registered), the function of that name in the
 * file's own scope (index_lookup_local); for a registered callback, what
 * the name resolves to (index_resolve_name). False when none. */
bool index_given_to(const struct sf_index *ix, uint32_t file, uint32_t fn,
		    struct index_target *out);

/* The id of the file at path (root-relative), or -1. */
int32_t index_path_file(const struct sf_index *ix, const char *path);
/* Is some file's path stem followed by an extension (`lib/util` for
 * lib/util.js, lib/util.test.ts: all of the path before its last
 * component's last `.`)? A resolver trying each extension of a module
 * path asks this once instead of once per extension. */
bool index_has_stem(const struct sf_index *ix, const char *stem);
/* The summary of file id, noting that the names being resolved depend on
 * it (when it changes, they are resolved again). */
const struct sf_summary *index_use(const struct sf_index *ix, int32_t id);
/* The configuration file (struct sf_family's configs: tsconfig.json) at
 * path (root-relative), or NULL. Configurations are added with
 * index_add_manifest and make no component: index_manifest does not list
 * them. */
const struct index_manifest *index_config_at(const struct sf_index *ix,
					     const char *path);
/* The manifest of family in folder dir ("" for the root), or NULL. */
const struct index_manifest *index_manifest_in(const struct sf_index *ix,
					       const char *dir,
					       enum sf_family_id family);
/* A dotted path as seen in file id's own scope: a function of that name
 * (`helper`, `Class.method`), a class, or a module-level binding whose
 * target leads on. depth counts the hops followed so far; past
 * INDEX_RESOLVE_DEPTH nothing resolves. */
struct index_target index_lookup_local(const struct sf_index *ix, int32_t id,
				       const char *path, int depth);
/* A property another file sets on module `file` (`yapi.commons = …` in a
 * file that imports it as yapi), member being n bytes: what it is set to,
 * a value path of file *from (in that file's scope when *in_file); NULL
 * when no file sets it. */
const char *index_module_prop(const struct sf_index *ix, int32_t file,
			      const char *member, size_t n, int32_t *from,
			      bool *in_file);
/* Resolves name as seen from file `from` by the module resolution of its
 * family: a function or a class (index_target_found). */
struct index_target index_resolve_name(const struct sf_index *ix, int32_t from,
				       const char *name, int depth);

#endif
