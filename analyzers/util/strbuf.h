/*
 * A growable, always NUL-terminated byte string for building output.
 */
#ifndef SF_STRBUF_H
#define SF_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *s; /* NUL-terminated; NULL until the first append */
	size_t len, cap;
};

void strbuf_init(struct strbuf *b);
/* Frees the storage. Accepts NULL and a buffer never appended to. */
void strbuf_finish(struct strbuf *b);
void strbuf_append(struct strbuf *b, const char *s, size_t n);
void strbuf_puts(struct strbuf *b, const char *s);
void strbuf_putc(struct strbuf *b, char c);
void strbuf_printf(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *b, const char *fmt, va_list ap);
/* Returns the contents ("" when empty), still owned by b. */
const char *strbuf_str(const struct strbuf *b);
/* Hands the contents to the caller (free) and resets b. */
char *strbuf_detach(struct strbuf *b);
void strbuf_reset(struct strbuf *b);

#endif
