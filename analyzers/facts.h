/*
 * Facts: the project's intermediate form, the same for every language.
 *
 * An extractor walks one syntax tree once and fills a struct sf_facts; from
 * then on nothing looks at the tree. Rules, the cost model, the index and the
 * stack profile read facts only. Everything is addressed by index (functions,
 * calls, loops...), never by pointer, so vectors may grow during extraction.
 *
 * Positions are byte offsets into the file plus 0-based rows and byte
 * columns, as tree-sitter gives them; reporters convert to the encoding their
 * reader wants.
 */
#ifndef SF_FACTS_H
#define SF_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/strmap.h"
#include "util/vec.h"

/* The languages stackfit reads, and their families (the languages that
 * share one extractor): each is defined in language.h's tables. Only
 * language.c and the code under analyzers/<family>/ name one; rules name
 * the families they apply to. */
enum sf_lang {
	SF_LANG_JAVASCRIPT,
	SF_LANG_TYPESCRIPT,
	SF_LANG_TSX,
	SF_LANG_PYTHON,
	SF_LANG_COUNT,
};

enum sf_family_id {
	SF_FAMILY_JAVASCRIPT,
	SF_FAMILY_PYTHON,
	SF_FAMILY_COUNT,
};

struct sf_span {
	uint32_t start, end;         /* bytes */
	uint32_t start_row, end_row; /* 0-based */
	uint32_t start_col, end_col; /* 0-based, bytes */
};

/* --- functions ---------------------------------------------------------- */

enum sf_function_flags {
	SF_FN_ASYNC = 1u << 0,
	SF_FN_GENERATOR = 1u << 1,
	SF_FN_ANONYMOUS =
		1u << 2, /* arrow function, lambda, function expression */
	SF_FN_METHOD = 1u << 3, /* method of a class or object literal */
	/* Passed literally as an argument of a call (see cb_call, cb_arg). */
	SF_FN_CALLBACK = 1u << 4,
	/* A named function or method referenced by name as a call argument in
	 * this file (`app.get('/', handler)`, `emitter.on('x', this.onX)`). */
	SF_FN_CALLBACK_REF = 1u << 5,
	/* Computed by the language's context pass: the function runs on the
	 * event loop (JavaScript event-loop code, Python async code). */
	SF_FN_ON_LOOP = 1u << 6,
	/* Computed: the function is a thread target (PY210 and friends). */
	SF_FN_THREAD_TARGET = 1u << 7,
	/* Computed: the function is a process target. */
	SF_FN_PROCESS_TARGET = 1u << 8,
	/* The function calls itself at least twice on one path. */
	SF_FN_TREE_RECURSIVE = 1u << 9,
	/* Decorated (Python) or wrapped; the decorator names are in facts. */
	SF_FN_DECORATED = 1u << 10,
	/* Computed: code that must stay synchronous or runs off the loop by
	 * design (process.on('exit') handlers, worker bodies). */
	SF_FN_EXEMPT = 1u << 11,
	/* Called where it is defined: `(function () { ... })()`,
	 * `(() => ...).call(this)`. */
	SF_FN_IIFE = 1u << 12,
	/* Computed: runs only while the program starts (module top level,
	 * functions called only from there, IIFEs there), never later on the
	 * event loop. */
	SF_FN_STARTUP = 1u << 13,
	/* Its name is an identifier node of its own (`function f`, `const f
	 * = () => ...`): one occurrence of the name is the definition. */
	SF_FN_NAME_IDENT = 1u << 14,
	/* `export function f`, `export const f = ...` */
	SF_FN_EXPORTED = 1u << 15,
	/* Computed by the context pass: registered to run later on its own —
	 * a route, an event, a command, a timer, a decorated endpoint — not
	 * a continuation of the code that registers it (a promise's `then`,
	 * a timeout): a handler of the service (reqpath.h). */
	SF_FN_REGISTERED = 1u << 16,
	/* Memoised (`@functools.lru_cache`): it does its work once per
	 * argument, so what it blocks on is not its callers' concern. */
	SF_FN_MEMOISED = 1u << 17,
	/* Registered only in development or test runs (`if (isDev)`). */
	SF_FN_DEV_ONLY = 1u << 18,
	/* Computed by the summary: it keeps running — an endless loop, or a
	 * `while` loop that awaits — so a task that runs it is a background
	 * job of the service, not a step of whoever starts it. */
	SF_FN_ENDLESS = 1u << 19,
	/* Keeps what it computes in a cache (a store into a name or
	 * container named as one: Python's `cls._cache[lang] = data`,
	 * JavaScript's `cachedHtml = ...`): the files it reads are read once
	 * per key, not on every call. */
	SF_FN_CACHES = 1u << 20,
	/* A development switch (Python): its body only returns a test of
	 * an environment variable named for debugging, development or
	 * tracing (`return bool(os.getenv("APP_TRACE_DIR"))`), so what
	 * runs only when it is true is development code. */
	SF_FN_DEV_SWITCH = 1u << 21,
	/* Passed by name to a function of this file that calls it before
	 * it returns (Python: `run_once(flags, edit)` with `def
	 * run_once(flags, func): loop.run_until_complete(func(flags))`):
	 * it runs as part of that function (registered_by), not as a
	 * handler. */
	SF_FN_RUN_IN_PLACE = 1u << 22,
};

struct sf_function {
	/* "handler", "UserController.list", "<anonymous>", "<lambda>"; owned by
	 * the facts' arena. */
	const char *name;
	struct sf_span span;
	struct sf_span
		name_span;   /* the name, or the first token for anonymous */
	int32_t parent;      /* enclosing function, -1 at module level */
	int32_t class_index; /* enclosing class, -1 when none */
	int32_t cb_call;     /* call receiving it as an argument, or -1 */
	int32_t cb_arg;      /* 0-based argument position in cb_call */
	uint32_t flags;      /* enum sf_function_flags */
	/* Why the function runs on the loop, for messages ("callback passed to
	 * `app.get`", "async function `load`"); set by the context pass. */
	const char *context;
	/* Bit i (i < 32): the body calls its i-th parameter directly (not in
	 * a nested function) and the parameter goes nowhere else, so a
	 * callback passed there runs before the call returns. */
	uint32_t sync_params;
	/* References to a plain named function's name in the file other than
	 * its definition (calls included; an `export` counts as one);
	 * UINT32_MAX for methods and anonymous functions. */
	uint32_t refs;
};

/* --- where values come from --------------------------------------------- */

/* What a collection is, as far as one file shows: the evidence of size the
 * cost model needs before it calls a loop nest heavy. The extractor records
 * the expression a loop runs over, and the value of each binding, in these
 * terms; the cost model follows names through the bindings and asks the
 * catalogue about calls (analyzers/cost.h). */
enum sf_origin_kind {
	SF_ORIGIN_UNKNOWN = 0, /* state (`this.x`, `self.x`), anything else */
	/* Written out: an array, object, list, dict, set, tuple or string
	 * literal. Small. */
	SF_ORIGIN_LITERAL,
	/* An empty container made here (`{}`, `[]`, `new Map()`, `dict()`,
	 * `defaultdict(list)`): small, and a place to gather results. */
	SF_ORIGIN_CONTAINER,
	/* Parameter `param` (0-based) of function `fn`. */
	SF_ORIGIN_PARAM,
	/* What a call returns (`JSON.parse(s)`, `cur.fetchall()`,
	 * `text.split(',')`): `call` once names are resolved; until then
	 * the call's byte span is start, end. */
	SF_ORIGIN_CALL,
	/* Request data by the names frameworks give it: `req.body`,
	 * `ctx.request.body`, `request.form`... (text: as written). */
	SF_ORIGIN_REQUEST,
	/* The value of the name `text` as bound in function `fn` at byte
	 * `start`: looked up in the bindings. */
	SF_ORIGIN_NAME,
	/* What the function `text` (a dotted path, as seen from `fn` at
	 * `start`) returns: the result of `await asyncio.to_thread(f, ...)`
	 * or `loop.run_in_executor(None, f, ...)`. */
	SF_ORIGIN_RETURN,
};

struct sf_origin {
	uint8_t kind; /* enum sf_origin_kind */
	int8_t param; /* PARAM: the position (< 127) */
	int32_t fn;   /* PARAM, NAME, RETURN: the function (-1: module) */
	int32_t call; /* CALL: the call, or -1 before resolution */
	uint32_t start, end; /* CALL: its span before resolution; NAME */
	const char *text;    /* NAME, REQUEST, RETURN */
};

/* --- calls -------------------------------------------------------------- */

enum sf_call_flags {
	SF_CALL_AWAITED = 1u << 0, /* directly under await */
	SF_CALL_NEW = 1u << 1,     /* `new X()` */
	SF_CALL_IN_LOOP_HEADER = 1u << 2,
	/* The callee is a method of `this`/`self`. */
	SF_CALL_SELF = 1u << 3,
	/* Computed by rules that consult the catalogue. */
	SF_CALL_BLOCKING = 1u << 4,
	/* Used as a `with` context manager (Python), e.g. `with lock:`. */
	SF_CALL_WITH = 1u << 5,
	/* Its value is returned or assigned (not a bare statement). */
	SF_CALL_VALUE_USED = 1u << 6,
	/* Its value is used as an operand that binds tighter than `await`:
	 * the object of a member access or a callee (`f().x`, `f()()`). */
	SF_CALL_OPERAND = 1u << 7,
	/* An argument makes the problem smaller by arithmetic or slicing
	 * (`n - 1`, `lo + 1`, `s.slice(1)`, `xs[1:]`): how a recursive call
	 * that enumerates, rather than walks a structure, looks. */
	SF_CALL_SHRINKS = 1u << 8,
	/* In a branch taken only in development or test runs (`if (isDev)`):
	 * what it registers is not part of the service in production. */
	SF_CALL_DEV_ONLY = 1u << 9,
};

/* A branch of a conditional that a call may sit in: an if's consequence
 * or alternative (each elif), a switch or match case, a try block or one
 * of its catch/except clauses, an arm of a conditional expression. Calls
 * in different arms of one conditional do not both run in one
 * invocation. Recorded for the calls that may be recursive (a callee named
 * like the enclosing function), which the cost model pairs up. */
struct sf_arm {
	uint32_t construct; /* start byte of the conditional */
	uint32_t index;     /* which arm */
	int32_t parent;     /* the arm around that conditional, or -1 */
};

enum sf_arg_kind {
	SF_ARG_OTHER,
	SF_ARG_NAME,     /* identifier or dotted path: `handler`, `this.onX` */
	SF_ARG_FUNCTION, /* function literal: see function */
	SF_ARG_STRING,   /* string literal: text is its unquoted value */
	SF_ARG_NUMBER,
	SF_ARG_CALL, /* another call: see call */
};

struct sf_arg {
	enum sf_arg_kind kind;
	/* Source text of the argument; for strings, the unquoted contents; for
	 * names, the dotted path. Owned by the arena. */
	const char *text;
	/* Python keyword arguments: the keyword (`target`), else NULL. */
	const char *keyword;
	int32_t function; /* SF_ARG_FUNCTION: the function's index, else -1 */
	int32_t call;     /* SF_ARG_CALL: the call's index, else -1 */
	/* SF_ARG_NAME: the name resolved through imports, else NULL. */
	const char *resolved;
	struct sf_span span;
	/* Where its value comes from (for what a caller passes). */
	struct sf_origin origin;
};

struct sf_call {
	/* The callee as written, normalised to a dotted path:
	 * `fs.readFileSync`, `requests.Session().get`,
	 * `require('fs').readFileSync` becomes `require(fs).readFileSync`. NULL
	 * when the callee is not a path (a call of a parenthesised expression,
	 * a subscript...). */
	const char *callee;
	/* The callee resolved through imports, aliases and simple assignments
	 * (facts_resolve): `fs.readFileSync`, `time.sleep`,
	 * `requests.Session().get`. NULL when the head is not bound to anything
	 * known; then rules may still match callee. */
	const char *name;
	/* The property called when the callee is a member access (`map` in
	 * `[1, 2].map(f)`), even when the callee is not a path; else NULL. */
	const char *method;
	struct sf_span span;        /* the whole call */
	struct sf_span callee_span; /* the callee expression */
	int32_t function;           /* enclosing function, -1 at module level */
	int32_t loop;   /* innermost enclosing loop in that function, or -1 */
	uint32_t flags; /* enum sf_call_flags */
	uint32_t arg0;  /* index of the first argument in facts.args */
	uint32_t nargs;
	/* May be recursive (see struct sf_arm): the innermost arm it is in
	 * within its function, or -1; and the end of the `return` statement
	 * it is part of, or 0. Both -1/0 for other calls. */
	int32_t arm;
	uint32_t return_end;
};

/* --- loops -------------------------------------------------------------- */

enum sf_loop_kind {
	SF_LOOP_FOR,    /* C-style for (JS) */
	SF_LOOP_FOR_IN, /* for...in / for...of (JS), for (Python) */
	SF_LOOP_WHILE,
	SF_LOOP_DO,
	SF_LOOP_COMPREHENSION, /* Python comprehension clause */
};

enum sf_loop_flags {
	SF_LOOP_AWAIT = 1u << 0,    /* awaits in its body (not nested fns) */
	SF_LOOP_YIELD = 1u << 1,    /* yields in its body */
	SF_LOOP_INFINITE = 1u << 2, /* while True, for(;;), while (1) */
	SF_LOOP_COLLECTION =
		1u << 3,         /* runs over a non-literal range/collection */
	SF_LOOP_ARITH = 1u << 4, /* arithmetic directly in its body */
	SF_LOOP_COMPARE = 1u << 5,    /* comparison directly in its body */
	SF_LOOP_INDEX = 1u << 6,      /* subscript directly in its body */
	SF_LOOP_ASYNC_ITER = 1u << 7, /* for await (JS), async for (Python) */
	SF_LOOP_BREAKS = 1u << 8, /* has break/return directly in its body */
	SF_LOOP_CALLS = 1u << 9,  /* calls something directly in its body */
	/* Nested in another loop of the same function and runs over data
	 * reached from it (`for (const m of chunk.modules)` inside `for
	 * (const chunk of chunks)`, `for cell in row`): the nest walks nested
	 * data once, it does not multiply two collections. */
	SF_LOOP_NESTED_DATA = 1u << 10,
	/* Its body relates its own elements to an enclosing loop's: a
	 * comparison, index or arithmetic that uses both loops' variables
	 * (`a.id === b.id`, `grid[i][j]`, `x[i] * y[j]`). */
	SF_LOOP_PAIRS = 1u << 11,
	/* Its body works on text (Python): an f-string, a string method
	 * (`.join`, `.format`, `.split`, `.strip`...), `str()`, an operator
	 * with a string operand. Such loops are not numeric work. */
	SF_LOOP_TEXT = 1u << 12,
	/* It counts to a bound: `for i in range(n)` (Python; a JavaScript
	 * counting loop is SF_LOOP_FOR). over is then the bound. */
	SF_LOOP_COUNTING = 1u << 13,
	/* Its author says its awaits run in order on purpose: an
	 * `eslint-disable... no-await-in-loop` comment in its body. */
	SF_LOOP_SEQUENTIAL = 1u << 14,
	/* Its body sets a field of `this`/`self` (`this.current = library`):
	 * state of the object that the awaited work may read and that the
	 * next iteration overwrites. */
	SF_LOOP_SETS_STATE = 1u << 15,
};

struct sf_loop {
	enum sf_loop_kind kind;
	struct sf_span span;
	struct sf_span head_span; /* keyword to end of the header, for carets */
	struct sf_span body;      /* the body statement or block */
	int32_t parent;   /* enclosing loop in the same function, or -1 */
	int32_t function; /* enclosing function, -1 at module level */
	uint32_t depth;   /* 0 for an outermost loop */
	uint32_t flags;   /* enum sf_loop_flags */
	/* Iterations when the header shows a literal bound (`range(10**6)`,
	 * `i < 1e6`), else -1. */
	double trip;
	/* The bound when it is a plain identifier (`i < n`, `range(n)`), so a
	 * const-propagation pass can fill trip; else NULL. */
	const char *bound_name;
	/* Operations (arithmetic, comparisons, subscripts, calls) directly in
	 * the body, not counting nested loops and functions. */
	uint32_t ops;
	/* The iteration variable (`x` in `for (const x of xs)` / `for x in
	 * xs`, `i` in `for (let i = 0; ...)`), or NULL. */
	const char *var;
	/* What it runs over, as written: the collection (`products`,
	 * `this.items`) or the bound of a counting loop (`arr.length`, `n`);
	 * NULL when none or longer than WALK_PATH_MAX. */
	const char *over;
	/* Where that collection comes from (the array of `arr.length`, the
	 * list of `range(len(xs))`). */
	struct sf_origin origin;
};

/* --- names -------------------------------------------------------------- */

enum sf_binding_kind {
	SF_BIND_MODULE, /* `import fs from 'fs'`, `import time`: the module */
	SF_BIND_MEMBER, /* `from time import sleep`: a member of a module */
	/* `s = requests.Session()`: an instance of a resolved callable; target
	 * is "requests.Session()" so `s.get` resolves to
	 * "requests.Session().get" */
	SF_BIND_INSTANCE,
	SF_BIND_ALIAS, /* `const r = fs.readFileSync`, `x = time.sleep` */
	/* A function or class defined in this file, or a parameter: it shadows
	 * outer names and resolves to nothing external. */
	SF_BIND_LOCAL,
};

struct sf_binding {
	enum sf_binding_kind kind;
	const char *local;  /* the bound name */
	const char *target; /* qualified name it stands for; `node:` stripped */
	int32_t scope; /* function whose body binds it, -1 for the module */
	struct sf_span span;
	bool is_import; /* came from import/require (not an assignment) */
	/* A block-scoped binding (`let`/`const` in a block) is visible only
	 * for positions in [valid_start, valid_end); 0, 0 means the whole
	 * scope. */
	uint32_t valid_start, valid_end;
	/* Where its value comes from (a parameter: PARAM). */
	struct sf_origin origin;
	/* Python: the class a parameter or variable is annotated with, as a
	 * dotted path (`Path` for `target: Path`, `Optional[Path]` and
	 * `Path | None`), else NULL. */
	const char *type;
};

/* A `const`/module-level constant with a numeric literal value. */
struct sf_constant {
	const char *name;
	int32_t scope;
	double value;
};

struct sf_class {
	const char *name;
	struct sf_span span;
	int32_t parent_function;
	const char *bases; /* source text of the base list, or NULL */
};

/* A regular-expression literal or `new RegExp("literal")`. */
struct sf_regex {
	const char
		*pattern; /* as written between the slashes / in the string */
	const char *flags;
	struct sf_span span;
	int32_t function;
};

enum sf_await_flags {
	/* The awaited expression mentions the innermost loop's variable. */
	SF_AWAIT_USES_LOOP_VAR = 1u << 0,
	/* The result is assigned to an existing variable (`x = await f(x)`),
	 * not declared: a later iteration may read it. */
	SF_AWAIT_REASSIGNS = 1u << 1,
	/* The awaited call is a method of what an enclosing loop's element
	 * is, or holds (`repo.checkout(c)` in `for c in commits` inside `for
	 * repo in repos`; `calc.update(x)` where calc is made in the outer
	 * loop's body): the same object through this loop's iterations. */
	SF_AWAIT_OUTER_RECEIVER = 1u << 2,
};

/* An `await` expression (JS) or `await` (Python). */
struct sf_await {
	struct sf_span span;
	int32_t function;
	int32_t loop;
	int32_t call; /* the awaited call, or -1 */
	/* The variable the result is assigned to (`const x = await f()`), else
	 * NULL. */
	const char *assigned;
	uint32_t flags; /* enum sf_await_flags */
};

/* A decorator on a Python function (`@app.get("/")`). */
struct sf_decorator {
	int32_t function;
	const char *name; /* resolved when possible, else as written */
	int32_t call;     /* the decorator call when it has arguments, or -1 */
};

/* How often an identifier occurs in the file (JavaScript; the context
 * pass counts references to functions with it). A fragment has its own
 * counts; merged facts list a name once per fragment. */
struct sf_ident {
	const char *name;
	uint32_t count;
};

/* An attribute of a class's instances with a known value (Python):
 * `self.x = value` in `__init__`, or `x = value` in the class body. */
struct sf_attr {
	int32_t cls;      /* the class */
	const char *attr; /* "x" */
	const char *path; /* the value as written, resolved from scope at pos */
	int32_t scope;
	uint32_t pos;
};

/* A base of a class (`class A(Base)`): the base as a dotted path
 * (subscripts dropped: `Repo[T]` is `Repo`), resolved from scope at pos. */
struct sf_base {
	int32_t cls;
	const char *path;
	int32_t scope;
	uint32_t pos;
};

/* What a function returns, as sf_attr's path: its return annotation as an
 * instance (`-> Path` is `Path()`), else the value of its first `return`
 * that is a path or a call (`return self._repos`, `return Store(db)`);
 * resolved from scope at pos. */
struct sf_return {
	int32_t fn;
	const char *path;
	int32_t scope;
	uint32_t pos;
};

/* A property set on a named object (JavaScript): `yapi.commons = commons`,
 * `r.mail = mail`, or a pair of an object literal a module-level name is
 * declared with (`const r = { fs: fs }`). value is a path as written
 * (`require(fs)` for a require), resolved from scope at pos. */
struct sf_prop {
	const char *object; /* "yapi", "r" */
	const char *member; /* "commons" */
	const char *value;
	int32_t scope;
	uint32_t pos;
};

/* What a `stackfit:` suppression comment is (suppression.md). */
enum sf_suppression_kind {
	/* `stackfit: ignore` or `stackfit: ignore[JS101,PY201]`: one line. */
	SF_SUPPRESS_LINE = 0,
	/* `stackfit: ignore-file` in the file's first comment block: the
	 * whole file (SF_FILE_IGNORED). */
	SF_SUPPRESS_FILE = 1,
	/* `stackfit: ignore-file` after code: it has no effect, and is kept
	 * only so that --report-unused-ignores can say so. */
	SF_SUPPRESS_FILE_LATE = 2,
};

/* A `stackfit: ignore` comment (suppression.md). Which findings it silenced is
 * not kept here but in the findings' list (struct sf_silenced), which
 * every pass fills, the cross-file ones included. */
struct sf_suppression {
	uint32_t row; /* the line it applies to (0-based); LINE only */
	uint32_t comment_row;
	const char *ids; /* "JS101,PY201", or NULL for every rule */
	uint32_t kind;   /* enum sf_suppression_kind */
	/* Where the directive (`stackfit: ignore[…]`) is, to report it:
	 * 0-based rows, 1-based columns counted in code points. */
	uint32_t at_row, at_col, end_row, end_col;
};

/* What a JavaScript module exports (`module.exports = …`, `exports.x = …`,
 * `export function f`, `export default …`, `export { a as b }`,
 * `export { x } from './y'`), for the project index. Python needs none:
 * every module-level name is importable. */
struct sf_export {
	/* The exported name; "default" for `module.exports = x` and
	 * `export default x`. */
	const char *name;
	/* What it names in this file, as a dotted path (`renderTemplate`,
	 * `handlers.show`; for an instance, `new Store()`, its class `Store`,
	 * whose methods are the instance's members), or NULL when the value is
	 * a function/class literal (see function) or something else. */
	const char *local;
	/* A re-export (`export { x } from './y'`, `export * from './y'`): the
	 * module specifier, `node:` stripped; local is then the name in that
	 * module ("*" for all of them). NULL otherwise. */
	const char *from;
	/* The function literal exported, or -1. */
	int32_t function;
	struct sf_span span; /* the exported value or specifier */
};

/* A named callback registration whose function is imported from another
 * module (`router.get('/', handlers.show)` with `handlers` required from
 * './handlers'): filled by the JavaScript context pass, so that the index
 * can make the function in the other file event-loop code. */
struct sf_callback_ref {
	int32_t call;       /* the registering call */
	int32_t arg;        /* argument position */
	const char *target; /* the argument resolved through imports */
	/* "registered with `router.get('/')`" for messages. */
	const char *label;
	/* The function runs on the event loop once registered (JavaScript);
	 * when false, the reference only tells the request-path model who
	 * calls it (Python). */
	bool loop;
	/* It is registered to run while the service starts
	 * (`dp.startup.register(on_startup)`). */
	bool startup;
};

/* A branch taken only in development or test runs: the body of `if
 * isDev:`, `if settings.DEBUG:`, `if os.getenv("APP_DEBUG"):` (roles.h's
 * dev guards), or of an `if` whose condition calls a function of the
 * project that may be a development switch (SF_FN_DEV_SWITCH, known once
 * the index is solved). Nothing in it runs while the service serves in
 * production. */
struct sf_dev {
	struct sf_span span;
	/* The call in the condition (`is_trace_enabled()`) that makes the
	 * branch development code if its callee is a development switch,
	 * or -1 when the condition is one already. */
	int32_t guard;
};

/* --- the file ----------------------------------------------------------- */

enum sf_file_flags {
	SF_FILE_CLI = 1u << 0,    /* `#!...node` or package.json bin */
	SF_FILE_TEST = 1u << 1,   /* test/, tests/, __tests__/, *.test.*, ... */
	SF_FILE_CONFIG = 1u << 2, /* *.config.js, Gruntfile, gulpfile */
	SF_FILE_WORKER = 1u << 3, /* takes parentPort/workerData */
	SF_FILE_IGNORED = 1u << 4,    /* `stackfit: ignore-file` */
	SF_FILE_HAS_ERRORS = 1u << 5, /* the tree has syntax errors */
	SF_FILE_ESM = 1u << 6,
	/* Code (not comments or a docstring) was seen: a later
	 * `stackfit: ignore-file` does not count (and for fragments: no
	 * comment after this one is in the file's first comment block). */
	SF_FILE_HAS_CODE = 1u << 7,
	/* Browser code: under static/, public/..., or using the browser's
	 * globals (`window`, `document`) or a front-end library. */
	SF_FILE_BROWSER = 1u << 8,
	/* A command-line program (argv, argparse, `if __name__ ==
	 * "__main__"`) or under a folder of scripts: a script unless it is a
	 * server entry or the service calls into it (reqpath.h). */
	SF_FILE_PROGRAM = 1u << 9,
	/* Creates or starts a service (`express()`, `FastAPI()`, a bot
	 * class): a server entry. */
	SF_FILE_ENTRY = 1u << 10,
	/* Minified or bundled text: generated, not written by hand. */
	SF_FILE_GENERATED = 1u << 11,
	/* Starts a server that one of its own routes closes (`app.post(
	 * '/setup', ... server.close())`): a set-up wizard, served once
	 * before the service proper starts. */
	SF_FILE_SETUP = 1u << 12,
};

struct sf_facts {
	enum sf_lang lang;
	const char *path; /* relative to the workspace root, '/'-separated */
	uint32_t flags;   /* enum sf_file_flags */
	uint32_t lines;
	/* With SF_FILE_HAS_ERRORS: the first place that does not parse. */
	struct sf_span syntax_error;

	VEC(struct sf_function) functions;
	VEC(struct sf_call) calls;
	VEC(struct sf_arg) args;
	VEC(struct sf_loop) loops;
	VEC(struct sf_binding) bindings;
	VEC(struct sf_constant) constants;
	VEC(struct sf_class) classes;
	VEC(struct sf_regex) regexes;
	VEC(struct sf_await) awaits;
	VEC(struct sf_decorator) decorators;
	VEC(struct sf_suppression) suppressions;
	VEC(struct sf_attr) attrs;
	VEC(struct sf_ident) idents;
	VEC(struct sf_arm) arms;
	VEC(struct sf_dev) devs;

	struct arena arena; /* every string above */

	/* Functions by name, built on the first facts_find_function. */
	struct facts_functions *function_index;

	/* Lookup of bindings by name (facts_index_bindings). */
	struct facts_names *names;
	/* The storage of a lookup of facts made before (scratch facts),
	 * for facts_index_bindings to fill; not a lookup of these. */
	struct facts_names *names_kept;

	/* For the project index (appended; see struct sf_export). */
	VEC(struct sf_export) exports;
	VEC(struct sf_callback_ref) callback_refs;

	/* For the index's types (appended). */
	VEC(struct sf_base) bases;
	VEC(struct sf_return) returns;
	VEC(struct sf_prop) props;

	/* Made by facts_create_scratch: facts_destroy gives it back to its
	 * thread. */
	bool scratch;
};

/* Returns empty facts for a file; path is copied. Free with facts_destroy. */
struct sf_facts *facts_create(enum sf_lang lang, const char *path);
/* The same for one file of a worker that analyses many, one after the
 * other: the facts are those facts_destroy last gave back on this thread
 * (emptied, with the storage of their arrays and arena), when it kept
 * them. Strings and items of facts destroyed before must not be read
 * after this: their storage is written again. */
struct sf_facts *facts_create_scratch(enum sf_lang lang, const char *path);
/* Frees the facts and every string in them, or, for facts of
 * facts_create_scratch, keeps them emptied for the thread's next
 * facts_create_scratch (at most one set a thread, of at most a megabyte
 * of storage; freed when the thread ends). Accepts NULL. */
void facts_destroy(struct sf_facts *f);

/* Appends the facts of src (a fragment: the facts of some top-level
 * statements, see struct extract_options) to dst: indexes are renumbered
 * and every position moves by delta_byte bytes and delta_row rows (columns
 * do not move: fragments start at a line start). Strings are shared, not
 * copied: dst must be destroyed before src. Flags are or-ed. Every field of
 * the facts that holds an index or a position must be handled here. */
void facts_append(struct sf_facts *dst, const struct sf_facts *src,
		  int64_t delta_byte, int64_t delta_row);

/* Makes room in dst for the items of the n fragments srcs (NULLs
 * skipped), so that appending them all grows each array once. */
void facts_reserve(struct sf_facts *dst, const struct sf_facts *const *srcs,
		   uint32_t n);

/* The binding of `name` visible from function fn (walking out through parent
 * functions to the module), or NULL. */
const struct sf_binding *facts_lookup(const struct sf_facts *f, int32_t fn,
				      uint32_t pos, const char *name);
/* How many index entries the lookups made on this thread, and the
 * building of their index (facts_index_bindings), have examined so far: a
 * test hook, so that tests can check that a lookup's cost does not grow
 * with the file. */
uint64_t facts_lookup_work(void);

/* The argument of call c at position pos (0-based, positional arguments
 * only) or with keyword kw (Python); NULL when absent. */
const struct sf_arg *facts_call_arg(const struct sf_facts *f,
				    const struct sf_call *c, uint32_t pos,
				    const char *kw);

/* Resolves the dotted path `path` as seen from function fn at byte offset
 * pos: the head is replaced by its binding's target, repeatedly for aliases
 * of aliases. `require(fs).x` becomes `fs.x`. Sets *bound to whether the
 * head had a binding at all. Returns an arena string, or NULL when the head
 * is unbound or bound to something local. Call facts_index_bindings first. */
const char *facts_resolve(struct sf_facts *f, int32_t fn, uint32_t pos,
			  const char *path, bool *bound);

/* Builds the lookup structure of the bindings; call after extraction added
 * every binding and before facts_lookup/facts_resolve. */
void facts_index_bindings(struct sf_facts *f);

/* Turns the call spans of SF_ORIGIN_CALL origins (loops, bindings, args) into
 * call indexes; an origin whose call is not found becomes unknown. Call
 * once every call is recorded (after fragments are merged). */
void facts_resolve_origins(struct sf_facts *f);

/* Strips `node:` from a JavaScript module specifier (in place in the
 * returned arena copy). */
const char *facts_module_name(struct sf_facts *f, const char *spec);

/* The function named name (as recorded: "handler", "Class.method"), the
 * first one in source order, or -1. Call after extraction: the first call
 * indexes the functions. */
int32_t facts_find_function(struct sf_facts *f, const char *name);

/* The last segment of a dotted path ("get" for "app.get"), or the path. */
const char *facts_last_segment(const char *path);

/* A printable name for function fn: "`name`" or "anonymous function". */
const char *facts_function_name(const struct sf_facts *f, int32_t fn);

#endif
