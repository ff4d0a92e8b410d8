/*
 * A report file written safely (`--output FILE`): the report goes to a
 * temporary file in FILE's folder, renamed over FILE once it is complete.
 * FILE is untouched until then — a configuration error, a failed analysis
 * or an interrupted run leaves the previous report as it was — and never
 * written through a symbolic link.
 */
#ifndef SF_REPORT_FILE_H
#define SF_REPORT_FILE_H

#include <stdio.h>

struct report_file {
	FILE *out;  /* where to write the report */
	char *path; /* FILE as given */
	char *tmp;  /* the temporary file, NULL when out is FILE itself */
};

/* Opens rf for path. Refuses, with a message in *cause (owned by the
 * caller): a symbolic link, a directory, an existing file stackfit reads
 * (a source file by its extension, or a configuration or manifest such as
 * package.json), and a folder it cannot create a file in. A device or FIFO
 * that exists (/dev/null) is written directly. Returns 0 or -1. */
int report_file_open(struct report_file *rf, const char *path, char **cause);
/* Finishes the report: flushes it to disk and renames it over the path.
 * Returns 0, or -1 with *cause (the temporary file is removed and the path
 * left as it was). Frees rf either way. */
int report_file_commit(struct report_file *rf, char **cause);
/* Drops the report: removes the temporary file, leaves the path as it
 * was, and frees rf. Accepts an rf that was never opened (zeroed). */
void report_file_abort(struct report_file *rf);

#endif
