/*
 * Allocation that never returns NULL: on out-of-memory the process ends with
 * a message, which is the only sane answer for a command-line analyser.
 */
#include "xalloc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/mman.h>

#include <tree_sitter/api.h>

static void
oom(size_t n)
{
	fprintf(stderr, "stackfit: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		oom(n);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom(SIZE_MAX);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* What glibc's printf writes for a NULL string. */
#define NULL_PIECE "(null)"

/* Joins the pieces of fmt when its only conversions are %s (no %%, no
 * flags): most callers build paths that way, thousands of times a run, and
 * vsnprintf twice costs ten times a copy. NULL for any other format. */
static char *
join_strings(const char *fmt, va_list ap)
{
	size_t len = 0;
	va_list count;
	va_copy(count, ap);
	for (const char *p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			len++;
			continue;
		}
		if (p[1] != 's') {
			va_end(count);
			return NULL;
		}
		const char *piece = va_arg(count, const char *);
		len += strlen(piece ? piece : NULL_PIECE);
		p++;
	}
	va_end(count);
	char *out = xmalloc(len + 1), *o = out;
	for (const char *p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			*o++ = *p;
			continue;
		}
		const char *piece = va_arg(ap, const char *);
		if (piece == NULL)
			piece = NULL_PIECE;
		size_t n = strlen(piece);
		memcpy(o, piece, n);
		o += n;
		p++;
	}
	*o = '\0';
	return out;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *joined = join_strings(fmt, ap);
	va_end(ap);
	if (joined != NULL)
		return joined;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom(0);
	char *p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
xalloc_install_tree_sitter(void)
{
#if defined(__GLIBC__) && defined(M_MXFAST)
	/* A tree is freed as thousands of small blocks. glibc's fast bins
	 * keep them unmerged until a larger request sweeps them all up
	 * (malloc_consolidate), which costs more than merging each as it is
	 * freed: without fast bins a cold audit runs 0.3-0.4% fewer
	 * instructions (bench/RESULTS.md, cold4). */
	mallopt(M_MXFAST, 0);
#endif
	ts_set_allocator(xmalloc, xcalloc, xrealloc, free);
}

void
xalloc_release_free(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

/* --- one-shot analyses ---------------------------------------------------- */

/*
 * glibc grows a thread's heap one page at a time, each step a system call
 * (a cold audit of 5,400 npm files made 16,800 mprotect calls) and each page
 * a fault of its own (23,700). A process that analyses a batch of files and
 * exits instead asks for a whole heap's worth of address space at once (a
 * thread's heap is 64 MiB: its pages are still only taken when touched), and
 * marks its heaps for transparent huge pages, so that the kernel backs them
 * 2 MiB at a time where it is set to on request (`madvise`, Debian's
 * default): the audit's faults fall to about 2,500. A server keeps glibc's
 * defaults: it gives memory back between analyses (xalloc_release_free).
 */
#define ONE_SHOT_TOP_PAD (64u << 20)

#ifdef __GLIBC__
static bool one_shot;
#endif

#if defined(__linux__) && defined(MADV_HUGEPAGE)
/* The anonymous read-write mapping of /proc/self/maps that holds p: its
 * start, and the end of the reservation it begins (with the inaccessible
 * mapping right after it: the rest of a glibc thread heap). */
static bool
mapping_of(uintptr_t p, uintptr_t *start, uintptr_t *end)
{
	FILE *maps = fopen("/proc/self/maps", "re");
	if (maps == NULL)
		return false;
	char line[512];
	bool found = false;
	while (fgets(line, sizeof line, maps) != NULL) {
		unsigned long lo, hi, ino;
		unsigned long long off;
		unsigned major, minor;
		char perms[8];
		if (sscanf(line, "%lx-%lx %7s %llx %x:%x %lu", &lo, &hi, perms,
			   &off, &major, &minor, &ino) != 7)
			continue;
		if (found) {
			if (lo == *end && ino == 0 &&
			    strcmp(perms, "---p") == 0)
				*end = hi;
			break;
		}
		if (p < lo || p >= hi)
			continue;
		if (ino == 0 && strcmp(perms, "rw-p") == 0) {
			*start = lo;
			*end = hi;
			found = true;
		} else {
			break;
		}
	}
	fclose(maps);
	return found;
}

/* Marks the heap that holds p for huge pages. */
static void
hint_heap_of(const void *p)
{
	uintptr_t start, end;
	if (mapping_of((uintptr_t)p, &start, &end))
		(void)madvise((void *)start, end - start, MADV_HUGEPAGE);
}
#endif

void
xalloc_one_shot(void)
{
#ifdef __GLIBC__
	mallopt(M_TOP_PAD, ONE_SHOT_TOP_PAD);
	one_shot = true;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	/* The main thread's heap grows by the pad here (a block under the
	 * threshold above which glibc maps blocks of their own). */
	void *b = xmalloc(64 << 10);
	hint_heap_of(b);
	free(b);
#endif
#endif
}

void
xalloc_hint_heap(void)
{
#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE)
	/* The heap the calling thread allocates from: looked up again only
	 * when a block lands in another 64 MiB of the address space. */
	static _Thread_local uintptr_t seen;
	if (!one_shot)
		return;
	void *b = xmalloc(64);
	uintptr_t at = (uintptr_t)b & ~(uintptr_t)(ONE_SHOT_TOP_PAD - 1);
	if (at != seen) {
		seen = at;
		hint_heap_of(b);
	}
	free(b);
#endif
}
