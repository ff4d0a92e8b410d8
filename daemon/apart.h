/*
 * Work run apart: on a thread of its own that ends with it.
 *
 * The language server parses whole files and solves its folders off the
 * loop, on libuv's worker pool. glibc gives each thread that allocates a
 * malloc arena, and a thread keeps a cache of the small blocks it freed
 * (tcache) for as long as it lives: a pool thread that ran a whole-file
 * parse would hold that cache, scattered through the pages of its arena,
 * which malloc_trim can then not give back; one arena shared by every
 * thread instead lets the loop's long-lived blocks spread through the
 * pages a parse's tree used. A thread that ends returns its cache to its
 * arena, and the arena to glibc's list of free arenas for the next such
 * thread, so the pages its work freed can all go back to the system.
 */
#ifndef SF_APART_H
#define SF_APART_H

/* Runs fn(arg) on a new thread (with libuv's worker stack size) and waits
 * for it to end; then gives the memory freed by then back to the system
 * (xalloc_release_free). Runs fn(arg) on the calling thread when no thread
 * can be made. */
void apart_run(void (*fn)(void *), void *arg);

#endif
