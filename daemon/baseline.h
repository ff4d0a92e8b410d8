/*
 * The baseline (`stackfit baseline`): the findings a repository had when
 * a team adopted stackfit, in `.stackfit-baseline.json` at the workspace
 * root, so that `audit` and `check` report only new ones. Each finding is
 * kept by a fingerprint that survives line moves: its rule, its path, the
 * text of its line with white space collapsed, and which occurrence of
 * that (rule, path, text) it is in the file — not its line number, nor its
 * message (whose chains name lines of other files). A finding matches one
 * entry; two identical lines with one entry leave the second reported.
 *
 *   {"formatVersion": 1,
 *    "findings": [{"rule": "JS101", "path": "src/app.js",
 *                  "fingerprint": "5e0c…", "line": 31,
 *                  "message": "…"}]}
 *
 * "line" and "message" are for people reading a diff of the file; only
 * rule, path and fingerprint are matched.
 */
#ifndef SF_BASELINE_H
#define SF_BASELINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diagnostic.h"
#include "util/strmap.h"

/* Its name, at the workspace root. */
#define BASELINE_FILE           ".stackfit-baseline.json"
#define BASELINE_FORMAT_VERSION 1
/* A larger baseline is refused. */
#define BASELINE_FILE_MAX (64u * 1024 * 1024)

struct baseline {
	/* "rule\npath\nfingerprint" -> count of entries (uintptr_t). */
	struct strmap entries;
	uint32_t n;
	bool loaded; /* a file was read */
};

/* Reads root/BASELINE_FILE into b: 0 (nothing when there is none), or -1
 * with *cause (owned by the caller) naming the file, the place and the
 * problem. */
int baseline_load(struct baseline *b, const char *root, char **cause);
void baseline_finish(struct baseline *b);

/* The fingerprints of l's findings, in l's order: out[i] is a 32-hex
 * digest (owned by the caller, free each and the array). */
char **baseline_fingerprints(const struct sf_diag_list *l);

/* Which of l's findings b holds: keep[i] is false for those (each entry
 * matching one finding). Returns how many it holds. keep has
 * l->items.n entries. */
uint32_t baseline_match(const struct baseline *b, const struct sf_diag_list *l,
			bool *keep);

/* Writes l's findings as a baseline to out. */
void baseline_write(FILE *out, const struct sf_diag_list *l);

#endif
