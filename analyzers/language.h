/*
 * Languages: everything stackfit knows of a language, in one definition.
 *
 * A language (struct sf_language) is a grammar and what names it: its file
 * extensions, the language ids editors send, its comment syntax. A family
 * (struct sf_family) is what the languages of one extractor share: the
 * extractor and its passes, the catalogue of blocking APIs, the manifests
 * that make a component, module resolution, and the hooks through which
 * the summary and the stack-fit profile ask where languages differ.
 *
 * The shared code (walk, index, summary, profile, rules, engine, the
 * daemon) asks these definitions and never names a language: only
 * language.c, which lists them, and the code under analyzers/<family>/
 * (the definitions, extractors, resolvers and hooks) tell one language
 * from another. Rules say which families they apply to (rules/rule.h).
 *
 * To add a language to an existing family: a value in enum sf_lang
 * (facts.h), its definition in analyzers/<family>/language.c and one line
 * in the table of language.c; the family's extractor builds its field
 * table for the new grammar by itself. A new family adds its extractor,
 * catalogue, resolve.c and hooks under analyzers/<family>/ and one line in
 * the family table.
 */
#ifndef SF_LANGUAGE_H
#define SF_LANGUAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tree_sitter/api.h>

#include "facts.h"

struct index_manifest;
struct index_target;
struct profile_component;
struct sf_catalogue;
struct sf_index;
struct strbuf;

/* How to extract a text that is not a whole file (see document.c: the
 * language server extracts a file in fragments, one per group of
 * top-level statements, and merges them with facts_append). */
struct extract_options {
	/* Leave names unresolved: the language's resolve runs once the
	 * fragments are merged. */
	bool fragment;
	/* The text does not begin the file, so no comment in it belongs to the
	 * file's first comment block (`stackfit: ignore-file`). */
	bool not_first;
	/* When set, called before each top-level node that starts on a line
	 * after every earlier top-level node ended, except the first: it
	 * returns the facts to fill from there on (the next fragment). It gets
	 * the byte offset and row of the start of the node's line. */
	struct sf_facts *(*split)(void *ctx, uint32_t line_byte, uint32_t row);
	/* When set, asked for the value of a numeric constant called name
	 * that the text so far does not define: the constants of the file
	 * before the text (they fold into its constants as in a whole
	 * file). True with *value when there is one. */
	bool (*constant)(void *ctx, const char *name, double *value);
	void *ctx;
};

/* Where a call hands a callable to a thread or a process (the summary's
 * execs; PY210, PY211). */
enum language_handoff {
	LANGUAGE_HANDOFF_NONE,
	LANGUAGE_HANDOFF_THREAD,
	LANGUAGE_HANDOFF_PROCESS,
};

/* How a top-level statement ends, for the language server's chunks
 * (document.c): can the text after it continue it, so that a parse of the
 * two apart differs from a parse of both? */
enum language_tail {
	LANGUAGE_TAIL_CLOSED, /* no: `;`, a declaration, a block statement */
	LANGUAGE_TAIL_OPEN,   /* by an operator, `(`, `[`, `.` */
	LANGUAGE_TAIL_WORD,   /* by a word too: `let`, `async` alone */
};

struct sf_family {
	enum sf_family_id id;
	/* "javascript": configuration keys (`blocking.javascript`), the first
	 * column of catalogue/frameworks.tsv, the reports' `language`. */
	const char *name;

	/* --- extraction -------------------------------------------------- */

	/* Walks tree once and fills f (which starts empty but for path, lang
	 * and flags). src is the text the tree was parsed from. opts is NULL
	 * for a whole file. The extractor reads f->lang's grammar through a
	 * field table it builds per grammar. */
	void (*extract)(struct sf_facts *f, const TSTree *tree, const char *src,
			uint32_t len, const struct extract_options *opts);
	/* Resolves the names of f's calls and arguments through its bindings
	 * (extract does it for a whole file; merged fragments need it once
	 * merged). */
	void (*resolve)(struct sf_facts *f);
	/* Marks the functions that run on the event loop (SF_FN_ON_LOOP) and
	 * applies the family's exemptions; runs after extract. */
	void (*context)(struct sf_facts *f);
	/* What messages call an anonymous function ("lambda"). */
	const char *anonymous;
	/* The method that calling a class runs ("constructor", "__init__"):
	 * a call of class X reaches X.<constructor>. */
	const char *constructor;
	/* Calling an async function makes a coroutine and runs none of its
	 * body (Python): an async callee's body is not its caller's, and an
	 * awaited call is not the blocking API of the same name. When false
	 * (JavaScript), a call runs the callee's body up to its first await;
	 * the index then goes by the event-loop flags the context pass
	 * set. */
	bool coroutines;
	/* A method declares the instance as its first parameter (Python's
	 * `self`): the caller's arguments start at the second. */
	bool explicit_self;

	/* --- the language server's chunks (document.c) -------------------- */

	/* How the top-level node n of a parse of src ends; NULL: a statement
	 * never runs on into the next line's (Python's lines end them). */
	enum language_tail (*statement_tail)(const char *src, TSNode n);
	/* The first byte of code at or after byte at of the len bytes at t
	 * (past blanks and comments), or len; *indented when it is not the
	 * first thing on its line. */
	uint32_t (*first_code)(const char *t, uint32_t len, uint32_t at,
			       bool *indented);
	/* Could the code at t (n bytes, to the end of the text; the first on
	 * its line unless indented) continue a statement that ends with
	 * tail? */
	bool (*continues)(enum language_tail tail, const char *t, uint32_t n,
			  bool indented);
	/* Could the len bytes at t hold the start of a token that only text
	 * further on ends (a block comment, a template literal, a
	 * triple-quoted string)? Other strings and comments end with their
	 * line. */
	bool (*may_reach)(const char *t, uint32_t len);

	/* --- knowledge --------------------------------------------------- */

	/* The built-in API catalogue (catalogue.h): TSV text and its name in
	 * errors ("catalogue/javascript.tsv"). */
	const char *catalogue;
	const char *catalogue_origin;
	/* Package names are compared with case and - _ . folded, as pip
	 * does (frameworks_for_package). */
	bool fold_package_names;

	/* --- components and modules -------------------------------------- */

	/* Base names of the files that make a folder a component of this
	 * family ("package.json"); NULL-terminated. */
	const char *const *manifests;
	/* Fills m (path, dir and family set) from a manifest's text; base is
	 * its base name. Returns 0, or -1 with *cause (owned by the caller)
	 * naming the file, position and problem, and m->bad set. */
	int (*read_manifest)(struct index_manifest *m, const char *base,
			     const char *text, uint32_t len, char **cause);
	/* Configuration files the family's module resolution reads too
	 * (`tsconfig.json`), which make no component: base names looked for in
	 * every folder, as manifests are; NULL-terminated, or NULL. They are
	 * read by read_manifest and kept apart (index_config_at). */
	const char *const *configs;
	/* Is base the name of such a file, also of one that only another
	 * names (`"extends": "./tsconfig.base.json"`)? NULL: only configs'. */
	bool (*is_config)(const char *base);
	/* The configuration files the one at path (root-relative) names, to
	 * be read as well (its `extends`): root-relative paths in a
	 * NULL-terminated array owned by the caller, as are its strings. NULL
	 * when configs is. */
	char **(*config_refs)(const char *path, const char *text, uint32_t len);
	/* Frees what read_manifest kept in a manifest's data; NULL when it
	 * keeps nothing there. */
	void (*free_manifest_data)(void *data);
	/* The manifest whose entries name command-line programs (its `bin`),
	 * or NULL; and the programs it names, as root-relative paths in a
	 * NULL-terminated array owned by the caller, as are its strings.
	 * dir is the manifest's folder ("" at the root). */
	const char *bin_manifest;
	char **(*manifest_bins)(const char *dir, const char *text,
				uint32_t len);
	/* Resolves name (a resolved callee or import: "./lib/store.list",
	 * "app.services.stock.reserve") as seen from file `from` of the index
	 * being solved to a project function or class, at recursion depth
	 * depth, through the index's resolution API (index.h). Returns false
	 * when it names neither. */
	bool (*resolve_module)(const struct sf_index *ix, int32_t from,
			       const char *name, int depth,
			       struct index_target *out);
	/* The file of the index a module, as a summary's import names it
	 * ("./lib/store", ".models", "app.services"), is, as seen from file
	 * `from`; -1 when it is not one of the project's. */
	int32_t (*resolve_file)(const struct sf_index *ix, int32_t from,
				const char *module);
	/* The file of the project that module name (as file `from` names
	 * it: "./yapi.js") is, or -1; NULL when the family sets no
	 * properties on modules (summary_prop). */
	int32_t (*module_file)(const struct sf_index *ix, int32_t from,
			       const char *name);
	/* The name the catalogue knows a call by, for a name the index's
	 * types built across files (a method of a path another file's
	 * function returns: "pathlib.Path().joinpath().exists" is
	 * "pathlib.Path().exists"), written to buf (size bytes); NULL when
	 * the family's names need nothing. */
	void (*catalogue_name)(const char *name, char *buf, size_t size);

	/* --- summaries (summary.c) --------------------------------------- */

	/* Could a resolved name (with no call in it) lead into the project?
	 * False for builtins and the runtime's own modules; this only saves
	 * memory. */
	bool (*may_be_project)(const char *name);
	/* Does the call with this resolved name run outside the GIL (native
	 * code)? NULL when the family has no GIL. */
	bool (*releases_gil)(const struct sf_catalogue *cat, const char *name);
	/* Summary markers (enum summary_marker) that a call of this resolved
	 * name sets; NULL when none ever does. */
	uint32_t (*call_markers)(const char *name);
	/* Does call c hand a callable to a thread or a process? Then *arg is
	 * the callable argument and *local the function of this file it
	 * names, or -1. NULL when the family has no such hand-offs. */
	enum language_handoff (*handoff)(struct sf_facts *f,
					 const struct sf_catalogue *cat,
					 const struct sf_call *c,
					 const struct sf_arg **arg,
					 int32_t *local);

	/* --- the stack-fit profile (profile.c) --------------------------- */

	/* Base names of likely entry points ("server.js"), NULL-terminated:
	 * the profile anchors a component at a framework import there
	 * first. */
	const char *const *entry_names;
	/* Does an anonymous function on the loop count as a handler? (An
	 * arrow callback does; a lambda in async code does not.) */
	bool anonymous_handlers;
	/* Writes the component's concurrency model ("one event loop + worker
	 * threads") to out. */
	void (*concurrency)(const struct profile_component *c,
			    struct strbuf *out);
	/* Adds the reasons that describe the component's architecture
	 * (profile_add_reason), first among its reasons. */
	void (*architecture)(struct profile_component *c);
	/* What the verdict calls the loop ("event loop"), and what CPU work on
	 * the request path does there, for one place and for several. */
	const char *loop_name;
	const char *cpu_one, *cpu_many;
};

struct sf_language {
	enum sf_lang id;
	/* "javascript"; also what a configuration may call it. */
	const char *name;
	/* "JavaScript", for messages. */
	const char *title;
	const struct sf_family *family;
	const char *const *extensions; /* ".js"...; NULL-terminated */
	/* Endings of file names that have one of the extensions but are not
	 * sources to analyse (".d.ts": declarations), or NULL;
	 * NULL-terminated. */
	const char *const *excluded;
	/* The LSP languageIds of its documents ("javascriptreact"), used when
	 * a document's path has no known extension; NULL-terminated. */
	const char *const *lsp_ids;
	/* What starts a line comment ("//"), for the suppression comments a
	 * quick fix writes. */
	const char *comment;
	const TSLanguage *(*grammar)(void);
	/* The interpreters a `#!` line names for a script of it without an
	 * extension ("node", "python": also "python3", "python3.12"), or
	 * NULL; NULL-terminated. */
	const char *const *interpreters;
};

/* The language of a file by its extension, or NULL. */
const struct sf_language *language_for_path(const char *path);
/* The language of a script by its first line (text, len bytes): a `#!`
 * line naming one of a language's interpreters, directly
 * (`#!/usr/bin/python3`) or through env (`#!/usr/bin/env -S node
 * --flag`); else NULL. */
const struct sf_language *language_for_shebang(const char *text, uint32_t len);
/* The language of an LSP languageId ("javascriptreact"), or NULL. */
const struct sf_language *language_for_lsp_id(const char *id);
/* The family called name, or the family of the language called name
 * ("python"); NULL when none. */
const struct sf_family *language_family_named(const char *name);
/* By id; NULL when out of range. */
const struct sf_language *language_get(enum sf_lang id);
const struct sf_family *language_family(enum sf_family_id id);
/* The family of language id (which must be valid). */
enum sf_family_id language_family_of(enum sf_lang id);

/* The family that reads the manifest with this base name
 * ("requirements.txt"), or NULL. */
const struct sf_family *language_manifest_family(const char *base);
/* The family whose module resolution reads the configuration file with
 * this base name ("tsconfig.json", "tsconfig.base.json"), or NULL. */
const struct sf_family *language_config_family(const char *base);

/* The extensions of every language of family, in table order;
 * NULL-terminated, static. */
const char *const *language_family_extensions(const struct sf_family *family);

/* "JavaScript, TypeScript, TSX or Python": the titles of the languages, for
 * messages. */
const char *language_titles(void);

/* Checks that every grammar's ABI is one the core can load. Returns 0, or
 * -1 with *cause set (owned by the caller). */
int language_check_abi(char **cause);

#endif
