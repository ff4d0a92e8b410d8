/*
 * Configuration: read from `.stackfit.json`, else the "stackfit" key of
 * package.json, else `[tool.stackfit]` in pyproject.toml. The root's is
 * that of the workspace root or the nearest folder above it that has one
 * (config_load); a folder below the root that has its own governs the
 * files under it instead, whole — the nearest configuration wins, as in
 * ruff, and nothing is inherited from the ones above
 * (config_load_nested). Everything is validated: an unknown key or a bad
 * value is an error that names the file, the key and the expected form;
 * nothing is guessed.
 *
 *   {
 *     "rules":      {"JS106": "off", "PY201": "error"},   ids or names
 *     "include":    ["src"],             only these files (globs)
 *     "exclude":    ["legacy"],          never these
 *     "cli":        ["tools"],           command-line programs (exempt)
 *     "tests":      ["e2e"],             test code (exempt like test/)
 *     "blocking":   {"python": [{"name": "mylib.fetch", "kind": "network",
 *                                "replacement": "mylib.afetch"}]},
 *     "thresholds": {"heavyLoopWork": 1000000},
 *     "maxFileSize": 5242880,
 *     "reportUnusedIgnores": true,  as --report-unused-ignores
 *     "overrides":  [{"files": ["legacy"], "rules": {"JS101": "off"}}]
 *   }
 */
#ifndef SF_CONFIG_H
#define SF_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "engine.h"
#include "project.h"
#include "util/vec.h"
#include "workspace.h"

/* "overrides": rule severities for the files some globs match. */
struct config_override {
	VEC(char *) files;
	int8_t *severity; /* per rule_table entry: enum sf_severity, or -1 */
};

struct config {
	char *origin; /* the file it came from, or NULL: defaults */
	char *base;   /* root's path relative to the file's folder ("" or
			 "sub/dir/"), to match globs */
	/* The folder it governs, root-relative with a trailing '/' ("" for
	 * the root's): globs match what follows it. */
	char *dir;
	VEC(char *) include;
	VEC(char *) exclude;
	VEC(char *) cli;
	VEC(char *) tests;
	/* "reportUnusedIgnores": audit and check act as if given
	 * --report-unused-ignores. */
	bool report_unused_ignores;
	struct sf_engine *engine; /* severities etc. are applied here */
	/* The root's only: the configurations of folders below the root,
	 * sorted by folder (config_load_nested). Each owns its engine until
	 * config_install gives it to a project. */
	VEC(struct config *) nested;
	bool engine_owned;
	/* In the order written; the last that matches a file wins. */
	VEC(struct config_override) overrides;
	/* Per rule_table entry, the severity "rules" gives (before an
	 * override turned a rule that is off on in the engine, for the
	 * files it matches). NULL without overrides. */
	int8_t *base_severity;
	/* Given with --config: it governs every file, nothing nested is
	 * read. */
	bool explicit_file;
};

/* Finds and reads the configuration for the workspace at root (absolute)
 * and applies what concerns analysis to e (rule severities, extra
 * blocking APIs, thresholds, file size). Returns 0 (also when there is no
 * configuration), or -1 with *cause set (owned by the caller). */
int config_load(struct config *c, const char *root, struct sf_engine *e,
		char **cause);
/* The same with the configuration read from file (--config FILE): a
 * `.stackfit.json`-style JSON file, or a package.json or pyproject.toml
 * by its name, which must hold a configuration. It governs every file of
 * the workspace: config_load_nested reads nothing more. Its globs are
 * relative to its folder when that is the root or above it, else to the
 * root. */
int config_load_file(struct config *c, const char *root, const char *file,
		     struct sf_engine *e, char **cause);
/* Reads the configuration from text (len bytes, any bytes) as if it were
 * the file name (".stackfit.json", "package.json" or "pyproject.toml") at
 * the workspace root, for tests and fuzzing. Returns 1 with c filled, 0
 * when the file holds no configuration of ours (c has the defaults), or
 * -1 with *cause set (owned by the caller). */
int config_load_text(struct config *c, const char *name, const char *text,
		     uint32_t len, struct sf_engine *e, char **cause);
/* Frees c and its nested configurations (and the engines no project
 * took). Accepts NULL. */
void config_finish(struct config *c);

/* Reads the configuration of every folder below the root (c, loaded by
 * config_load) that holds one of ws's files or is above one: each found
 * gets an engine of its own, with the defaults and what it says, and
 * governs the files under its folder. Returns 0, or -1 with *cause set
 * (owned by the caller) naming the file, key and problem, and c finished
 * (as after a failed config_load). */
int config_load_nested(struct config *c, const struct workspace *ws,
		       char **cause);
/* What the commands read: the configuration of ws's root, from file
 * (--config FILE) when it is not NULL, else found there (config_load),
 * then the nested ones (config_load_nested). Returns 0, or -1 with
 * *cause set (owned by the caller). */
int config_load_workspace(struct config *c, const struct workspace *ws,
			  const char *file, struct sf_engine *e, char **cause);
/* Gives the nested configurations' engines to pj (project_set_engine of
 * their folders); c keeps pointers to them, valid while pj lives. */
void config_install(struct config *c, struct sf_project *pj);
/* The configuration that governs rel: the nearest nested one above it,
 * else c. */
const struct config *config_for(const struct config *c, const char *rel);
/* A fingerprint of every configuration's settings (the root's engine's
 * and the nested ones', with their folders), for a daemon and its client
 * to compare. */
uint64_t config_fingerprint(const struct config *c);
/* Whether any configuration asks for reportUnusedIgnores. */
bool config_any_report_unused(const struct config *c);

/* The severity of rule (an index into rule_table) for the file rel under
 * the configuration that governs it and its overrides: what the engine
 * ran it at, unless an override says otherwise (SF_SEV_OFF: not
 * reported). */
int config_severity(const struct config *c, const char *rel, size_t rule,
		    int engine_severity);

/* Whether any configuration has overrides. */
bool config_has_overrides(const struct config *c);

/* Is the root-relative path analysed (the include/exclude of the
 * configuration that governs it)? */
bool config_wants(const struct config *c, const char *rel);
/* The file flags (SF_FILE_CLI, SF_FILE_TEST) the configuration that
 * governs rel gives it. */
uint32_t config_file_flags(const struct config *c, const char *rel);

/* Drops the files the configuration leaves out and adds its file flags. */
void config_apply_workspace(const struct config *c, struct workspace *ws);

#endif
