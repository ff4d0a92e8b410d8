/*
 * Arena: chunks chained newest first, the first ARENA_FIRST bytes and each
 * next one twice the last up to ARENA_CHUNK, so that a small arena (the
 * facts of one statement, as the language server keeps thousands) stays
 * small; a large request gets a chunk of its own.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define ARENA_FIRST 1024
#define ARENA_CHUNK (32 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

void
arena_init(struct arena *a)
{
	*a = (struct arena){0};
}

void
arena_finish(struct arena *a)
{
	if (a == NULL)
		return;
	struct arena_chunk *c = a->head;
	while (c != NULL) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	*a = (struct arena){0};
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk *keep = a->head;
	if (keep != NULL && keep->size > ARENA_CHUNK)
		keep = NULL;
	struct arena_chunk *c = a->head;
	while (c != NULL) {
		struct arena_chunk *next = c->next;
		if (c != keep)
			free(c);
		c = next;
	}
	if (keep != NULL)
		keep->next = NULL;
	a->head = keep;
	a->used = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (a->head == NULL || a->head->size - a->used < n) {
		size_t step = a->head == NULL ? ARENA_FIRST
			      : a->head->size >= ARENA_CHUNK / 2
				      ? ARENA_CHUNK
				      : a->head->size * 2;
		size_t size = n > step ? n : step;
		struct arena_chunk *c = xmalloc(sizeof *c + size);
		c->size = size;
		if (a->head != NULL && n > step) {
			/* Keep filling the current chunk: the big one goes
			 * behind. */
			c->next = a->head->next;
			a->head->next = c;
			memset(c->data, 0, n);
			return c->data;
		}
		c->next = a->head;
		a->head = c;
		a->used = 0;
	}
	void *p = a->head->data + a->used;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_concat(struct arena *ar, const char *a, size_t n, const char *b)
{
	size_t m = strlen(b);
	char *p = arena_alloc(ar, n + m + 1);
	memcpy(p, a, n);
	memcpy(p + n, b, m + 1);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	/* Formatted once when it fits a small buffer (most do), not
	 * measured first. */
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	if ((size_t)n < sizeof tmp)
		return arena_strndup(a, tmp, (size_t)n);
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

char *
arena_join(struct arena *a, ...)
{
	va_list ap;
	size_t n = 0;
	va_start(ap, a);
	for (const char *s = va_arg(ap, const char *); s != NULL;
	     s = va_arg(ap, const char *))
		n += strlen(s);
	va_end(ap);
	char *p = arena_alloc(a, n + 1), *q = p;
	va_start(ap, a);
	for (const char *s = va_arg(ap, const char *); s != NULL;
	     s = va_arg(ap, const char *)) {
		size_t m = strlen(s);
		memcpy(q, s, m);
		q += m;
	}
	va_end(ap);
	*q = '\0';
	return p;
}
