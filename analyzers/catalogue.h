/*
 * Catalogue: what stackfit knows about other people's APIs — which calls
 * block, in what way, and what to write instead. Knowledge is data:
 * the lists live in the TSV files of catalogue/, compiled into the binary,
 * and users add entries in their configuration with the same loader.
 *
 * A line is `name<TAB>kind<TAB>replacement`, where name is a resolved
 * qualified name (`fs.readFileSync`, `time.sleep`,
 * `requests.Session().get`) or a prefix ending in `.*` that matches any
 * member, one level down (`requests.Session().*`). `#` starts a comment
 * line.
 */
#ifndef SF_CATALOGUE_H
#define SF_CATALOGUE_H

#include <stdbool.h>

#include "facts.h"

enum sf_api_kind {
	/* JavaScript: synchronous variants that block the event loop. */
	SF_API_SYNC_FS,
	SF_API_SYNC_PROCESS,
	SF_API_SYNC_ZLIB,
	SF_API_SYNC_CRYPTO,
	/* Python: calls that block the thread running the event loop. */
	SF_API_SLEEP,
	SF_API_NETWORK,
	SF_API_SUBPROCESS,
	SF_API_FILE_IO,
	SF_API_INPUT,
	SF_API_DATABASE,
	/* Python: threading primitives whose waits block (PY204). */
	SF_API_SYNC_PRIMITIVE,
	/* Python: waits for work handed to a thread or process pool
	 * (`Future.result()`, `concurrent.futures.wait`, `as_completed`,
	 * leaving a `with ThreadPoolExecutor(...)` block, which shuts the
	 * pool down and waits): the loop's thread waits as if it did the
	 * work itself (PY201). */
	SF_API_FUTURE_WAIT,
	/* Python: calls that run outside the GIL (numpy, hashlib, zlib...).
	 * The name is a module or member; everything under it counts, at any
	 * depth. The third field says what it is, in prose. */
	SF_API_RELEASES_GIL,
	/* Python: calls that hand a callable to a thread / a process (PY210,
	 * PY211). The third field says where the callable is: a 0-based
	 * positional index, then `|keyword` (`1|target`). */
	SF_API_THREAD_SUBMIT,
	SF_API_PROCESS_SUBMIT,
	/* Clocks (`Date.now`, `time.monotonic`): a loop that only polls one
	 * is a busy-wait (JS104), not work. */
	SF_API_CLOCK,
	/* Evidence of size for the cost model: what the call returns can
	 * be large (parsed JSON, query results, a file's lines, a split
	 * string). The third field says what it is, in prose. Such entries
	 * are kept apart: catalogue_match never returns them, only
	 * catalogue_match_data does. A name `*.m` matches a call of method
	 * m on any receiver. */
	SF_API_LARGE_DATA,
	/* A member that does no I/O under an `X().*` entry that says every
	 * member does (`redis.Redis().pipeline` only makes the pipeline its
	 * `execute` sends): nothing blocks. */
	SF_API_NO_IO,
	SF_API_KIND_COUNT,
};

struct sf_api {
	const char *name; /* without the trailing `.*` of a prefix */
	enum sf_api_kind kind;
	const char *replacement; /* what to write instead, as code or prose */
	bool prefix;             /* matches every `name.<member>` */
};

struct sf_catalogue;

/* Returns an empty catalogue, owned by the caller (catalogue_destroy). */
struct sf_catalogue *catalogue_create(void);
void catalogue_destroy(struct sf_catalogue *c);

/* Adds the entries of a TSV text to the catalogue of a language family.
 * origin names the text in errors ("catalogue/javascript.tsv"). Returns 0,
 * or -1 with *cause set to a message naming origin, line and problem
 * (owned by the caller); nothing is added on error. */
int catalogue_load(struct sf_catalogue *c, enum sf_family_id family,
		   const char *text, const char *origin, char **cause);

/* Adds the catalogues compiled into the binary (each family's, as its
 * definition in language.h names it). */
void catalogue_load_builtin(struct sf_catalogue *c);

/* The entry matching a resolved name in the catalogue of lang's family,
 * exact first, then a `prefix.*` whose prefix is the name without its last
 * member; NULL when none. The entry is owned by the catalogue. */
const struct sf_api *catalogue_match(const struct sf_catalogue *c,
				     enum sf_lang lang, const char *name);

/* The SF_API_LARGE_DATA entry for a call with this resolved name (exact,
 * then `prefix.*`), else for its method (`*.method`); NULL when none. */
const struct sf_api *catalogue_match_data(const struct sf_catalogue *c,
					  enum sf_lang lang, const char *name,
					  const char *method);

/* Calls fn on every entry, family by family, in the order they were added
 * (to fingerprint the catalogue in effect). */
void catalogue_each(const struct sf_catalogue *c,
		    void (*fn)(void *ctx, enum sf_family_id family,
			       const struct sf_api *api),
		    void *ctx);

/* "sync-fs", "sleep"...; and back (-1 when unknown). */
const char *catalogue_kind_name(enum sf_api_kind kind);
int catalogue_kind_from_name(const char *name);

#endif
