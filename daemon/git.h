/*
 * Git, as a program: the commands stackfit runs to find a workspace's top
 * level and to read what is staged. Nothing of the repository is executed
 * (no hooks run for these commands, and the fsmonitor hook is off).
 */
#ifndef SF_GIT_H
#define SF_GIT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* The most a git command may print to us (staged blobs included). */
#define GIT_OUTPUT_MAX (256u * 1024 * 1024)

/* Runs `git -c core.fsmonitor=false ARGS...` (args ends with NULL) in dir
 * with input (input_len bytes) on its stdin and its stderr discarded.
 * Returns 0 when it exited with 0, its output appended to out (at most
 * GIT_OUTPUT_MAX bytes); else -1. */
int git_run(const char *dir, const char *const *args, const char *input,
	    size_t input_len, struct strbuf *out);

/* The git top level of the current directory, else the current
 * directory: the workspace root of `check` and `daemon`. Owned by the
 * caller; NULL with *cause (owned by the caller) when neither can be had.
 * *in_git says which. */
char *git_find_root(bool *in_git, char **cause);

#endif
