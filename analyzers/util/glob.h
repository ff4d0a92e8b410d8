/*
 * Path globs for configuration (include, exclude, cli, tests): `*` matches
 * within one path segment, `**` across segments, `?` one character,
 * `[abc]` a class. A pattern is relative to the workspace root; a pattern
 * that matches a directory matches everything below it, and a pattern with
 * no '/' matches a file or directory of that name at any depth (as in
 * .gitignore).
 */
#ifndef SF_GLOB_H
#define SF_GLOB_H

#include <stdbool.h>

/* True when the root-relative, '/'-separated path matches pattern. */
bool glob_match(const char *pattern, const char *path);

/* NULL when pattern is well formed, else what is wrong with it. */
const char *glob_check(const char *pattern);

#endif
