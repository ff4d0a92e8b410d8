/*
 * Roles: the knowledge that tells what part a piece of code plays in a
 * service — what creates and starts the service (a server entry), what
 * registers a handler and what only wraps or continues the code around it,
 * what makes a file a command-line program, browser code, a test or build
 * tooling, what runs once while the service starts. Knowledge is data:
 * catalogue/roles.tsv, compiled into the binary and loaded once.
 *
 * The families' context passes ask it while they mark a file's functions
 * (facts flags SF_FN_REGISTERED, SF_FN_STARTUP, SF_FN_MEMOISED, ...) and
 * its file flags (SF_FILE_ENTRY, SF_FILE_PROGRAM, SF_FILE_BROWSER, ...);
 * the request-path model (reqpath.h) joins them over the project index.
 */
#ifndef SF_ROLES_H
#define SF_ROLES_H

#include <stdbool.h>
#include <stdint.h>

#include "facts.h"

enum roles_kind {
	ROLES_ENTRY,
	ROLES_ENTRY_FUNCTION,
	ROLES_PROGRAM,
	ROLES_BROWSER,
	ROLES_TEST,
	ROLES_MEMOISE,
	ROLES_TRANSPARENT,
	ROLES_CONTINUATION,
	ROLES_STARTUP,
	ROLES_STARTUP_METHOD,
	ROLES_HANDLER_METHOD,
	ROLES_SPAWN,
	ROLES_DIR_SCRIPT,
	ROLES_DIR_TEST,
	ROLES_DIR_BROWSER,
	ROLES_DIR_BUILD,
	ROLES_FILE_BUILD,
	ROLES_FILE_TEST,
	ROLES_DEV_GUARD,
	ROLES_DEV_ENV,
	ROLES_DEV_VALUE,
	ROLES_SERVER_MODULE,
	ROLES_SINGLETON,
	ROLES_STARTS,
	ROLES_KIND_COUNT,
};

/* Is fn a method that hands out one lazily built instance
 * (`getInstance`), memoised by what it does: it constructs once, so what
 * the constructor blocks on is not its callers' concern? */
bool roles_singleton(enum sf_family_id family, const struct sf_function *fn);

/* Does name (a resolved call, decorator, base class or import; a method
 * or function name for the *-method kinds) match an entry of kind for
 * family? arg is the first string argument of the call or decorator, or
 * NULL; entries that name an argument match only that one. */
bool roles_match(enum sf_family_id family, enum roles_kind kind,
		 const char *name, const char *arg);

/* Is an environment variable of this name a development switch: one of
 * its words (split at `_` and anything not a letter or digit, compared in
 * capitals) a dev-env entry (`APP_DEBUG`, `DEV_MODE`, `PROMPT_TRACE_DIR`;
 * `*TRACE` matches words that end with TRACE)? */
bool roles_dev_env(enum sf_family_id family, const char *name);

/* The file flags a path (root-relative, '/'-separated) gives a file of
 * family: SF_FILE_TEST, SF_FILE_CONFIG (build tooling and documentation),
 * SF_FILE_BROWSER, SF_FILE_PROGRAM (a folder of scripts). */
uint32_t roles_path_flags(enum sf_family_id family, const char *path);

/* The file flags f's imports, calls, base classes, functions and globals
 * give it: SF_FILE_ENTRY (it creates or starts a service),
 * SF_FILE_PROGRAM, SF_FILE_BROWSER, SF_FILE_TEST. Call after extraction
 * and resolution. Marks the functions that create or start the service
 * start-up code (SF_FN_STARTUP). */
uint32_t roles_file_flags(struct sf_facts *f);

/* The first string argument of call c, or NULL. */
const char *roles_call_arg(const struct sf_facts *f, const struct sf_call *c);

#endif
