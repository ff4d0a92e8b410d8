/*
 * The one allocator family of stackfit. Every function aborts the process
 * with a message on out-of-memory, so callers never check for NULL. The same
 * functions are handed to tree-sitter (ts_set_allocator) at start-up.
 */
#ifndef SF_XALLOC_H
#define SF_XALLOC_H

#include <stddef.h>

/* Returns a new block of n bytes (n may be 0), owned by the caller. */
void *xmalloc(size_t n);
/* Returns n zeroed elements of size bytes each, owned by the caller. */
void *xcalloc(size_t n, size_t size);
/* Resizes p (which may be NULL) to n bytes; the old pointer is consumed. */
void *xrealloc(void *p, size_t n);
/* Resizes p to n elements of size bytes, checking the product for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
/* Returns a copy of s, owned by the caller. */
char *xstrdup(const char *s);
/* Returns a NUL-terminated copy of the first n bytes of s. */
char *xstrndup(const char *s, size_t n);
/* Returns a formatted string, owned by the caller. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Routes tree-sitter's allocations through this family. Call once at start. */
void xalloc_install_tree_sitter(void);

/* Gives the memory the allocator holds free back to the system. glibc
 * keeps what a thread frees in that thread's arena for its next
 * allocations, so a long-running server whose analyses run on worker
 * threads would hold the peak of every past analysis; the language server
 * calls this when such an analysis ends (a folder's solve, an exact
 * parse). It frees every thread's arena, whichever thread calls it. Takes
 * a few milliseconds on a heap of tens of megabytes; a no-op elsewhere
 * than glibc. */
void xalloc_release_free(void);

/* For a process that analyses a batch of files and exits (not the language
 * server or the daemon): heaps grow in large steps, and the kernel may back
 * them with huge pages. Call once at start, before any thread. */
void xalloc_one_shot(void);
/* After xalloc_one_shot, marks the heap the calling thread allocates from
 * for huge pages, once per heap; cheap enough to call per file. */
void xalloc_hint_heap(void);

#endif
