/*
 * The request-path model: where a service runs each piece of its code.
 *
 * Every function of a solved project (index.h) gets a role. A component —
 * a folder with a manifest of its family, or the workspace root for the
 * files under none — that creates or starts a service somewhere in its
 * code (a server entry: SF_FILE_ENTRY) is a service; one with no server
 * entry is a library, where any async function may run on someone's loop
 * and every function's role is REQPATH_LIBRARY.
 *
 * In a service, files are first sorted by what they are: tests, browser
 * code, build tooling and generated bundles, scripts (command-line
 * programs and folders of scripts that are not server entries), code that
 * runs in a worker thread or a forked child process, files the service
 * loads only in development runs (a test's role), and the rest, the
 * service's own code. Then, over the call graph of the index (resolved
 * calls, callback references, functions nested in the function that runs
 * them):
 *
 *   - handlers are what the service registers to run while it serves: a
 *     route, a socket or bot event, a command, a timer, a decorated
 *     endpoint, a callback passed by name, a method the framework calls
 *     by convention, a coroutine started as a background task;
 *   - reached is what a handler calls, any number of calls and files
 *     down; the first handler found and the shortest chain are kept;
 *   - start-up is the module top level, what the platform calls to start
 *     the code, the routes of a set-up wizard (a server one of its own
 *     routes closes, SF_FILE_SETUP, beside another server entry), and
 *     what only they call;
 *   - what only scripts, tests, workers... call takes their role, and
 *     so does what only a branch of development code calls (a test's);
 *   - the rest, reached from nothing the model knows, is unknown.
 *
 * A finding of a rule about the loop is worth reporting where the role is
 * handler, reached or library (project.c filters per-file and index
 * findings through it after the solve, and names the chain); the profile
 * is built from the same roles.
 *
 * The model is built from the solved index alone, after each solve, and
 * reads nothing else; it holds pointers into the index, which must not
 * change while the model is in use.
 */
#ifndef SF_REQPATH_H
#define SF_REQPATH_H

#include <stdbool.h>
#include <stdint.h>

#include "diagnostic.h"
#include "index.h"
#include "util/vec.h"

enum reqpath_role {
	REQPATH_LIBRARY, /* in a component with no server entry */
	REQPATH_HANDLER,
	REQPATH_REACHED,
	REQPATH_STARTUP,
	REQPATH_SCRIPT,
	REQPATH_TEST,
	REQPATH_BROWSER,
	REQPATH_BUILD,
	REQPATH_WORKER,
	REQPATH_UNKNOWN,
	REQPATH_ROLE_COUNT,
};

struct sf_reqpath;

/* Builds the model of the solved index ix (which must outlive it).
 * Returns a model owned by the caller (reqpath_destroy). */
struct sf_reqpath *reqpath_build(const struct sf_index *ix);
/* Frees rp. Accepts NULL. */
void reqpath_destroy(struct sf_reqpath *rp);

/* "handler", "start-up"... */
const char *reqpath_role_name(enum reqpath_role role);

/* The role of function fn of file (an index file id), -1 for the module's
 * top level. */
enum reqpath_role reqpath_role(const struct sf_reqpath *rp, uint32_t file,
			       int32_t fn);
/* What the file is as a whole: REQPATH_SCRIPT, _TEST, _BROWSER, _BUILD,
 * _WORKER, or REQPATH_HANDLER for the service's own code (whose
 * functions have roles of their own), REQPATH_LIBRARY in a library. */
enum reqpath_role reqpath_file_role(const struct sf_reqpath *rp, uint32_t file);
/* Is the file in a component that is a service (has a server entry)? */
bool reqpath_in_service(const struct sf_reqpath *rp, uint32_t file);
/* Is pos (1-based line, code-point column) of file in a branch taken
 * only in development or test runs (`if settings.DEBUG:`, `if (isDev)`,
 * `if is_trace_enabled():` with a development switch)? */
bool reqpath_dev_only(const struct sf_reqpath *rp, uint32_t file,
		      struct sf_position pos);
/* The innermost function of file whose text holds pos (1-based line,
 * code-point column), or -1 for the top level. */
int32_t reqpath_function_at(const struct sf_reqpath *rp, uint32_t file,
			    struct sf_position pos);

/* One step of the way from a handler to a function. */
struct reqpath_hop {
	const char *path; /* owned by the index */
	struct sf_position pos;
	char *message; /* owned by the chain */
};

/* How a function is reached: the handler, and the calls from it. */
struct reqpath_chain {
	/* "GET /invoice/:id", "socket.on('message')", "@bot.command"...;
	 * owned by the chain. */
	char *handler;
	const char *handler_path; /* where it is registered */
	struct sf_position handler_pos;
	/* The functions after the handler, in order, each with where it is
	 * defined ("`loadInvoice` (lib/invoice.js:10)"), and the related
	 * locations: the registration, then each call. */
	VEC(char *) steps;
	VEC(struct reqpath_hop) hops;
};

/* When function fn of file is a handler or reached from one, fills *out
 * (reqpath_chain_finish frees it) and returns true. */
bool reqpath_chain(const struct sf_reqpath *rp, uint32_t file, int32_t fn,
		   struct reqpath_chain *out);
void reqpath_chain_finish(struct reqpath_chain *c);

#endif
