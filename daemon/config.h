/*
 * Configuration: read from `.stackfit.json`, else the
 * "stackfit" key of package.json, else `[tool.stackfit]` in pyproject.toml,
 * in the audited folder or the nearest folder above it that has one.
 * Everything is validated: an unknown key or a bad value is an error that
 * names the file, the key and the expected form; nothing is guessed.
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
 *     "reportUnusedIgnores": true   as --report-unused-ignores
 *   }
 */
#ifndef SF_CONFIG_H
#define SF_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "engine.h"
#include "util/vec.h"
#include "workspace.h"

struct config {
	char *origin; /* the file it came from, or NULL: defaults */
	char *base;   /* root's path relative to the file's folder ("" or
			 "sub/dir/"), to match globs */
	VEC(char *) include;
	VEC(char *) exclude;
	VEC(char *) cli;
	VEC(char *) tests;
	/* "reportUnusedIgnores": audit and check act as if given
	 * --report-unused-ignores. */
	bool report_unused_ignores;
	struct sf_engine *engine; /* severities etc. are applied here */
};

/* Finds and reads the configuration for the workspace at root (absolute)
 * and applies what concerns analysis to e (rule severities, extra
 * blocking APIs, thresholds, file size). Returns 0 (also when there is no
 * configuration), or -1 with *cause set (owned by the caller). */
int config_load(struct config *c, const char *root, struct sf_engine *e,
		char **cause);
/* Reads the configuration from text (len bytes, any bytes) as if it were
 * the file name (".stackfit.json", "package.json" or "pyproject.toml") at
 * the workspace root, for tests and fuzzing. Returns 1 with c filled, 0
 * when the file holds no configuration of ours (c has the defaults), or
 * -1 with *cause set (owned by the caller). */
int config_load_text(struct config *c, const char *name, const char *text,
		     uint32_t len, struct sf_engine *e, char **cause);
void config_finish(struct config *c);

/* Is the root-relative path analysed (include/exclude)? */
bool config_wants(const struct config *c, const char *rel);
/* The file flags (SF_FILE_CLI, SF_FILE_TEST) the configuration gives rel. */
uint32_t config_file_flags(const struct config *c, const char *rel);

/* Drops the files the configuration leaves out and adds its file flags. */
void config_apply_workspace(const struct config *c, struct workspace *ws);

#endif
