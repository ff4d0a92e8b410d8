/*
 * Git, as a program: the commands stackfit runs to find a workspace's top
 * level, to list its files and to read what is staged. Nothing of the
 * repository is executed (no hooks run for these commands, and the
 * fsmonitor hook is off), and no command may take longer than
 * git_timeout(): a repository can make git wait for ever (a FIFO named
 * by its configuration, a .gitignore that is a FIFO).
 */
#ifndef SF_GIT_H
#define SF_GIT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* The most a git command may print to us (staged blobs included). */
#define GIT_OUTPUT_MAX (256u * 1024 * 1024)
/* The most of its error output kept. */
#define GIT_STDERR_MAX (64u * 1024)
/* How long a git command may run, in seconds, unless STACKFIT_GIT_TIMEOUT
 * says otherwise (1 to GIT_TIMEOUT_MAX). */
#define GIT_TIMEOUT_DEFAULT 60
#define GIT_TIMEOUT_MAX     86400

/* What git_run returns besides 0. */
enum git_failure {
	GIT_FAILED = -1, /* could not run, exited non-zero, printed too much */
	GIT_TIMED_OUT = -2, /* killed after git_timeout() seconds */
};

/* Runs `git -c core.fsmonitor=false ARGS...` (args ends with NULL) in dir
 * with input (input_len bytes) on its stdin, in the C locale, its error
 * output discarded. Returns 0 when it exited with 0, its output appended
 * to out (at most GIT_OUTPUT_MAX bytes); else an enum git_failure. */
int git_run(const char *dir, const char *const *args, const char *input,
	    size_t input_len, struct strbuf *out);
/* The same, git's error output appended to err (at most GIT_STDERR_MAX
 * bytes). */
int git_run_full(const char *dir, const char *const *args, const char *input,
		 size_t input_len, struct strbuf *out, struct strbuf *err);

/* Kills (SIGKILL) the git commands running in this process, for a daemon
 * that must exit at once. */
void git_kill_running(void);

/* The time limit of a git command, in seconds. */
unsigned git_timeout(void);

/* What git_find_top found. */
enum git_top {
	GIT_TOP_NONE,  /* no work tree holds the folder */
	GIT_TOP_FOUND, /* *top is the top level of the one that does */
	GIT_TOP_ASK,   /* only git can say (`git rev-parse --show-toplevel`) */
};
/* The top level of the git work tree holding dir (an absolute, canonical
 * path), found as git finds it, without a git process: the nearest folder
 * at or above dir that holds a .git (a folder, or a file that points to
 * one), on dir's file system. Says GIT_TOP_ASK where git might answer
 * otherwise: an environment that moves git's search (GIT_DIR,
 * GIT_WORK_TREE, GIT_CEILING_DIRECTORIES and the like), a repository whose
 * configuration names its work tree, a .git across a mount point. A .git
 * that git cannot use is found all the same: listing its files fails,
 * and the caller then does without git. *top is owned by the caller. */
enum git_top git_find_top(const char *dir, char **top);

/* The git top level of the current directory, else the current
 * directory: the workspace root of `check` and `daemon`. Owned by the
 * caller; NULL with *cause (owned by the caller) when neither can be had.
 * *in_git says which. */
char *git_find_root(bool *in_git, char **cause);

#endif
