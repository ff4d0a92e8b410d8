/*
 * Untrusted text made safe to show. File names, source lines and strings
 * from a scanned repository reach terminals, CI logs and parsers; none of
 * them may carry a terminal escape sequence, a line break that starts a
 * GitHub workflow command, or bytes that are not UTF-8.
 */
#ifndef SF_ESCAPE_H
#define SF_ESCAPE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "strbuf.h"

/* What escape_visible leaves as it is. */
enum {
	ESCAPE_KEEP_TAB = 1,     /* '\t' */
	ESCAPE_KEEP_NEWLINE = 2, /* '\n' and '\r' */
};

/* Appends the n bytes at s to b as valid UTF-8 that nothing acts on: an
 * invalid byte becomes U+FFFD; a C0 control character or DEL its symbol
 * from Unicode's Control Pictures (ESC shows as U+241B, a line feed as
 * U+240A), as ruff and rustc show them; a C1 control character (U+0080 to
 * U+009F) and the bidirectional overrides and isolates that can make a
 * line read otherwise than it runs (U+202A to U+202E, U+2066 to U+2069)
 * become U+FFFD. Each replaced code point is one code point (and each
 * invalid byte one U+FFFD), so code point columns stay where they were. */
void escape_visible(struct strbuf *b, const char *s, size_t n, unsigned keep);
/* The same for a NUL-terminated string, as a new string owned by the
 * caller. */
char *escape_visible_dup(const char *s, unsigned keep);
/* The same, written to out. */
void escape_fputs(FILE *out, const char *s, unsigned keep);

/* Appends path to b percent-encoded as a URI path (RFC 3986): every byte
 * but the unreserved characters and '/' is written %XX, so that a space,
 * '%', '#', '?' or a byte that is not UTF-8 keeps its meaning and the URI
 * decodes to exactly the original bytes. */
void escape_uri_path(struct strbuf *b, const char *path);

/* Writes "stackfit: " and the formatted message to out on one line, with
 * every control character made visible as escape_visible does (a file name
 * holding a line break cannot start a line of its own), then '\n'. */
void escape_note(FILE *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void escape_vnote(FILE *out, const char *fmt, va_list ap);

#endif
