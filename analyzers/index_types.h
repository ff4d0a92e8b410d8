/*
 * The index's types (private to the index): what a value path of a summary
 * (summary.h's struct summary_type: "app.repos.get_repos().users.get",
 * "Controller().repos", "pathlib.Path()") stands for across files — a
 * project function, a class or an instance of one, or a name outside the
 * project — so that a method call through attributes, results and bases
 * reaches the method it calls, and a call that leaves the project through
 * them gets the name the catalogue knows (`cog_data_path(self) / "x"` then
 * `.exists()` is `pathlib.Path().exists`).
 *
 * Types are light: a value is what its first known assignment, annotation
 * or return says; nothing is inferred from uses, unions keep their first
 * member, and a lookup follows at most TYPES_DEPTH hops. A name that
 * leads nowhere in the project is taken to be outside it: the catalogue
 * decides whether it means anything.
 *
 * Resolution runs while index_solve resolves a file's names (single
 * threaded), asking the index through index.h's resolution API, so every
 * file it reads is noted as a dependency of the file being resolved.
 */
#ifndef SF_INDEX_TYPES_H
#define SF_INDEX_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "index.h"

/* Hops (resolutions, members, bases) followed for one value. */
#define TYPES_DEPTH 24
/* Longest name handled; a longer one is generated code. */
#define TYPES_NAME_MAX 1024

enum types_kind {
	TYPES_NONE,
	TYPES_FN,       /* a function (or a bound method) */
	TYPES_CLASS,    /* a class */
	TYPES_INSTANCE, /* an instance of a class */
	TYPES_OUTSIDE,  /* a name outside the project: name */
};

struct types_value {
	enum types_kind kind;
	int32_t file, idx; /* FN: the function; CLASS, INSTANCE: the class */
	char name[TYPES_NAME_MAX];
};

/* What values resolved to while one file's names are resolved: the same
 * receiver (`self.config`, `logging.getLogger()`) is asked for again and
 * again. Only good for one file, whose dependencies the first answer
 * noted. */
struct types_memo;
struct types_memo *types_memo_create(void);
/* Forgets every answer (before the next file). */
void types_memo_reset(struct types_memo *m);
void types_memo_destroy(struct types_memo *m);

/* What value path `path` stands for, as seen from file `from` (in its own
 * scope when in_file), at depth hops; answers are kept in memo. */
void types_resolve(struct sf_index *ix, struct types_memo *memo, int32_t from,
		   const char *path, bool in_file, int depth,
		   struct types_value *out);

/* --- from index.c --------------------------------------------------------- */

/* Where a plain resolution left the project, or turned into a value path:
 * the name a binding of file `file` led to when nothing in the project
 * answered it (`r.fs` -> "fs-extra", `store.rows` -> "Store().rows"). The
 * index fills the one it is given while resolving (index_capture_begin),
 * the first one only. */
struct index_capture {
	bool set;
	bool in_file; /* name is in file's own scope */
	int32_t file;
	char name[TYPES_NAME_MAX];
};

/* Starts capturing into c; returns what was being captured into before,
 * to give back to index_capture_end. */
struct index_capture *index_capture_begin(struct sf_index *ix,
					  struct index_capture *c);
void index_capture_end(struct sf_index *ix, struct index_capture *previous);

#endif
