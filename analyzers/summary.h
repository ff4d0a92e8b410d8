/*
 * Summaries: what the project index keeps of a file once its facts (and
 * tree) are gone. A summary holds, per function, what the function does in
 * its own body that matters to a caller — it waits (blocking I/O, sleep,
 * subprocess, database), it burns CPU (a heavy loop, tree recursion, a
 * CPU-bound synchronous call), it does I/O, it calls a library that
 * releases the GIL — each with the places that show it; and, per call that
 * may reach project code, the name it resolves to. The index joins
 * summaries into a call graph and propagates effects to a fixed point
 * (index.h).
 *
 * A summary is built from one file's facts by summary_build, which reads
 * nothing else and may run on any worker thread. Its memory is one arena:
 * it grows with functions and calls, not with the syntax tree.
 */
#ifndef SF_SUMMARY_H
#define SF_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>

#include "catalogue.h"
#include "cost.h"
#include "diagnostic.h"
#include "facts.h"
#include "util/arena.h"
#include "util/vec.h"

/* What a function does, as bits (its own body, or, once the index has
 * solved, through what it calls). */
enum summary_effect {
	/* Waits for the outside world on the calling thread: synchronous fs,
	 * child_process, zlib (JavaScript); sleep, network, subprocess, file
	 * I/O, input, database drivers (Python). */
	SUMMARY_BLOCKS = 1u << 0,
	/* Burns CPU: a heavy loop, tree recursion, a CPU-bound synchronous
	 * call such as crypto.pbkdf2Sync. */
	SUMMARY_CPU = 1u << 1,
	/* Does I/O of any kind (for thread and process targets). */
	SUMMARY_IO = 1u << 2,
	/* Calls a library that does its work in native code and releases
	 * the GIL (numpy, hashlib...: frameworks.tsv role "native"). */
	SUMMARY_NATIVE = 1u << 3,
};
#define SUMMARY_EFFECT_COUNT 4

enum summary_event_kind {
	SUMMARY_EV_API,       /* a call of a catalogued API */
	SUMMARY_EV_LOOP,      /* a heavy loop */
	SUMMARY_EV_RECURSION, /* the function calls itself twice or more */
	SUMMARY_EV_NATIVE,    /* a call into a native library */
};

/* A reason in a function's own body. */
struct summary_event {
	enum summary_event_kind kind;
	uint32_t effects; /* enum summary_effect */
	/* "`fs.readFileSync`", "a loop (about 10^6 operations)"; arena. */
	const char *what;
	/* The catalogue's replacement for an API, else NULL. */
	const char *replacement;
	struct sf_position pos;
};

enum summary_call_flags {
	/* The call makes a coroutine that runs as a background task of its
	 * own (`asyncio.create_task(poll())`), not in the caller. */
	SUMMARY_CALL_SPAWN = 1u << 0,
	/* Made only in development or test runs (`if (isDev) {...}`). */
	SUMMARY_CALL_DEV_ONLY = 1u << 1,
};

/* A call that may reach a function of the project. */
struct summary_call {
	int32_t fn;    /* calling function, -1 at module level */
	uint32_t call; /* index in the file's facts calls */
	/* The callee resolved through imports ("./lib/store.list",
	 * "app.services.inventory.reserve_stock"), when it leaves the file;
	 * else NULL. */
	const char *target;
	int32_t local;  /* a function of this file, or -1 */
	uint32_t flags; /* enum summary_call_flags */
	/* target is a value path whose head is a name of this file
	 * (`Store().load`, `Controller().repos.get`): see summary_type. */
	bool in_file;
	/* Directly awaited: where calls make coroutines, not the blocking
	 * API a type may lead to. */
	bool awaited;
	const char *callee;          /* as written, for messages */
	struct sf_position pos, end; /* the callee expression */
};

/* A callable handed to a thread or a process (what PY210 and PY211
 * judge). */
enum summary_exec_kind {
	SUMMARY_EXEC_THREAD,
	SUMMARY_EXEC_PROCESS,
};

struct summary_exec {
	enum summary_exec_kind kind;
	int32_t fn;      /* the function that sends it, -1 at module level */
	uint32_t call;   /* the sending call (`pool.submit`) */
	const char *via; /* the sending call as written, for messages */
	/* The callable: a function of this file, or a name that leaves it. */
	int32_t local;
	const char *target;
	const char *text;            /* the argument as written */
	struct sf_position pos, end; /* the argument */
};

/* A module-level name bound to something outside the file (an import, or
 * an alias of one): `reserve_stock` -> ".inventory.reserve_stock"; or an
 * instance of a class (`db = Database()`: "Database", or the imported
 * class's name), so that `db.query` leads to `Database.query`; or a
 * property of a module-level object (`r.fs` with `const r = { fs }`). */
struct summary_binding {
	const char *local;
	const char *target;
	/* target names something of this file (`db = Database()` with a
	 * class Database here: target "Database"), not an import. */
	bool in_file;
	/* The name is what target makes: an instance of the class, or the
	 * function's result (`db = Database()`, `dirs = get_dirs()`). */
	bool made;
};

enum summary_import_kind {
	SUMMARY_IMPORT_MODULE, /* imported: its code runs in this process */
	/* A file this one runs as a process or thread of its own
	 * (`child_process.fork('worker')`, `new Worker('./resize.js')`):
	 * module is the path as written. */
	SUMMARY_IMPORT_PROCESS,
};

struct summary_import {
	const char *module; /* as imported: "express", "flask_sock" */
	struct sf_position pos;
	uint8_t kind; /* enum summary_import_kind */
};

/* A property this file sets on a module it imports (`yapi.commons =
 * require('./commons')`, yapi being that module): the index finds it when
 * any file asks that module for the property. */
struct summary_prop {
	const char *target; /* the module as this file names it: "./yapi.js" */
	const char *member; /* "commons" */
	const char *value;  /* a value path, as summary_type's */
	bool in_file;
};

/* A callback registered by an imported name (`router.get('/', h.show)`). */
struct summary_cbref {
	int32_t fn; /* the registering code's function, -1 at module level */
	/* The function runs on the event loop once registered; it runs at
	 * start-up (see struct sf_callback_ref). */
	bool loop, startup;
	const char *target; /* "./handlers.show" */
	const char *label;  /* "router.get('/')" */
	struct sf_position pos;
};

struct summary_function {
	const char *name;       /* as in facts: "handler", "Class.method" */
	struct sf_position pos; /* the name */
	int32_t parent;
	uint32_t flags;      /* enum sf_function_flags after the context pass */
	const char *context; /* why it is on the loop, or NULL */
	/* The call or decorator that registers it (`router.get`,
	 * `fastapi.APIRouter().post`), resolved; NULL when none. */
	const char *registered_by;
	/* The same as written, with its first string argument:
	 * "router.get('/invoice/:id')", "@bot.command('play')"; NULL when
	 * none. */
	const char *label;
	/* Where the whole function starts and ends. */
	struct sf_position start, end;
	uint32_t effects;         /* own body */
	uint32_t event0, nevents; /* its slice of events */
	/* It or a function nested in it has something the per-file
	 * event-loop rules look at (a catalogued call, a loop, a regex): if
	 * another file makes it event-loop code, the file is parsed again
	 * so that they can. */
	bool rule_sensitive;
};

/* A class of the file; its methods are its functions named
 * "Class.method". */
struct summary_class {
	const char *name;
	uint32_t type0, ntypes; /* its slice of types: bases, attributes */
};

/* What a name of the file stands for, for the index's types: method calls
 * through attributes, results and bases, across files. A value is a path
 * as calls resolve, "()" marking a call: "app.repos.AllRepositories()" (an
 * instance of an imported class), "app.config.get_dirs().data",
 * "pathlib.Path()"; with in_file, its head is a name of this file
 * ("Store()", "Controller().repos"). */
enum summary_type_kind {
	SUMMARY_TYPE_RETURN,   /* function owner returns value */
	SUMMARY_TYPE_PROPERTY, /* function owner is read as an attribute (a
				* property); value: what it returns, or NULL */
	SUMMARY_TYPE_BASE,     /* class owner derives from value */
	SUMMARY_TYPE_ATTR,     /* attribute name of class owner is value */
};

struct summary_type {
	uint8_t kind; /* enum summary_type_kind */
	bool in_file;
	int32_t owner;    /* the function or class */
	const char *name; /* ATTR: the attribute, else NULL */
	const char *value;
};

/* A branch of development code (struct sf_dev): nothing in it runs while
 * the service serves, if guard is -1 or the function its call leads to is
 * a development switch (SF_FN_DEV_SWITCH). */
struct summary_dev {
	struct sf_position start, end;
	int32_t guard; /* a summary call (index in calls), or -1 */
};

enum summary_marker {
	/* A string "text/event-stream" is passed somewhere (SSE). */
	SUMMARY_MARK_SSE = 1u << 0,
	/* The file starts a worker thread (worker_threads.Worker). */
	SUMMARY_MARK_STARTS_WORKER = 1u << 1,
};

struct sf_summary {
	enum sf_lang lang;
	char *path;     /* relative to the root */
	uint32_t flags; /* enum sf_file_flags */
	uint32_t lines;
	uint64_t hash;              /* of the text the facts came from */
	uint32_t markers;           /* enum summary_marker */
	struct sf_position sse_pos; /* the first SUMMARY_MARK_SSE string */
	uint32_t nfacts_calls, nfacts_functions; /* sanity checks */

	VEC(struct summary_function) functions; /* same indexes as facts */
	VEC(struct summary_class) classes;      /* same indexes as facts */
	/* Functions' results first, by function; then classes' bases and
	 * attributes, by class (summary_class's slice). */
	VEC(struct summary_type) types;
	VEC(struct summary_event) events;
	VEC(struct summary_call) calls; /* sorted by call */
	VEC(struct summary_exec) execs;
	VEC(struct summary_binding) bindings;
	VEC(struct summary_import) imports;
	/* JavaScript exports and imported callback registrations, as in the
	 * facts (strings copied to the arena). */
	VEC(struct sf_export) exports;
	VEC(struct summary_cbref) cbrefs;
	VEC(struct summary_prop) props;
	/* `stackfit: ignore` comments, for rules that run on summaries. */
	VEC(struct sf_suppression) suppressions;
	VEC(struct summary_dev) devs;

	/* Every string above: built in an arena, then packed into one block
	 * of exactly their size, so a summary costs what it holds. */
	struct arena arena;
	char *strings;
	/* Functions by name (summary_index_names): open addressing over
	 * function index + 1, the names compared in place. */
	uint32_t *fn_slots;
	uint32_t fn_cap;
	/* Classes by name, the same way. */
	uint32_t *cls_slots;
	uint32_t cls_cap;
};

/* What summary_build needs besides the facts. */
struct summary_env {
	const struct sf_catalogue *catalogue;
	const struct cost_options *cost;
};

/* Builds the summary of one file from its facts (after the context pass)
 * and the text they were extracted from. Reads nothing shared but env,
 * which must not change meanwhile. Returns a summary owned by the caller
 * (summary_destroy). */
struct sf_summary *summary_build(struct sf_facts *f, const char *text,
				 uint32_t len, const struct summary_env *env);
/* Frees s. Accepts NULL. */
void summary_destroy(struct sf_summary *s);

/* Builds the name lookup of s's functions and classes
 * (summary_find_function, summary_find_class). Not
 * thread-safe; the index calls it once per summary it stores. */
void summary_index_names(struct sf_summary *s);
/* The named function (first of that name), or -1. */
int32_t summary_find_function(const struct sf_summary *s, const char *name);
/* The method that calling class `name` runs (its family's constructor:
 * "Client.constructor", "Bot.__init__"), or -1. */
int32_t summary_find_constructor(const struct sf_summary *s, const char *name);
/* The named class (first of that name), or -1. */
int32_t summary_find_class(const struct sf_summary *s, const char *name);
/* The result type of function fn (RETURN or PROPERTY), or NULL. */
const struct summary_type *summary_returns(const struct sf_summary *s,
					   int32_t fn);

/* The summary call for facts call `call`, or NULL. */
const struct summary_call *summary_call_at(const struct sf_summary *s,
					   uint32_t call);

/* A 64-bit hash of a text, to tell one text of a file from another. */
uint64_t summary_hash_text(const char *text, uint32_t len);

/* A file read in a function with these flags that caches what it reads
 * (SF_FN_CACHES) happens once per key (a translation, a template), not on
 * each call: no effect its callers wait for. */
bool summary_read_once(enum sf_api_kind kind, uint32_t fn_flags);

/* "a synchronous file-system call"... for an API kind. */
const char *summary_kind_words(enum sf_api_kind kind);
/* The effects (enum summary_effect) of calling an API of this kind. */
uint32_t summary_api_effects(enum sf_api_kind kind);

#endif
