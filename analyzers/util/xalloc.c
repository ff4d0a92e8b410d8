/*
 * Allocation that never returns NULL: on out-of-memory the process ends with
 * a message, which is the only sane answer for a command-line analyser.
 */
#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

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
