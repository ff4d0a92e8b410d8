/*
 * Paths as the analyzers see them: relative to the workspace root,
 * '/'-separated, "" for the root itself. Nothing here touches the disk.
 */
#ifndef SF_PATH_H
#define SF_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* Longest path built while resolving a module; a longer one names no file
 * the index knows. */
#define PATH_BUILD_MAX 4096

/* snprintf into buf that says whether the result fitted; a path that does
 * not fit names no file we know, so callers treat false as "not found". */
bool path_printf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The last component of path (a pointer into it). */
const char *path_base(const char *path);

/* The folder of path ("" at the root), in buf (truncated to size). */
void path_dir(const char *path, char *buf, size_t size);

/* Joins dir and rel into out and folds `.` and `..`. Returns false when
 * the result leaves the root or does not fit. */
bool path_join(const char *dir, const char *rel, char *out, size_t size);

#endif
