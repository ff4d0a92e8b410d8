/* strbuf: append-only string building. */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
strbuf_init(struct strbuf *b)
{
	*b = (struct strbuf){0};
}

void
strbuf_finish(struct strbuf *b)
{
	if (b == NULL)
		return;
	free(b->s);
	*b = (struct strbuf){0};
}

static void
reserve(struct strbuf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void
strbuf_append(struct strbuf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
strbuf_puts(struct strbuf *b, const char *s)
{
	strbuf_append(b, s, strlen(s));
}

void
strbuf_putc(struct strbuf *b, char c)
{
	strbuf_append(b, &c, 1);
}

void
strbuf_vprintf(struct strbuf *b, const char *fmt, va_list ap)
{
	/* Most texts fit a small buffer: formatted once, not measured
	 * first (messages are formatted for every finding). */
	char tmp[512];
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(tmp, sizeof tmp, fmt, copy);
	va_end(copy);
	if (n <= 0)
		return;
	if ((size_t)n < sizeof tmp) {
		strbuf_append(b, tmp, (size_t)n);
		return;
	}
	reserve(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
strbuf_str(const struct strbuf *b)
{
	return b->s ? b->s : "";
}

char *
strbuf_detach(struct strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	*b = (struct strbuf){0};
	return s;
}

void
strbuf_reset(struct strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}
