/* Escaping of untrusted text for terminals, logs and URIs (escape.h). */
#include "escape.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/* The UTF-8 of U+2400 + c (c < 0x20) or of U+2421 for DEL. */
static void
control_picture(struct strbuf *b, unsigned char c)
{
	uint32_t cp = c == 0x7F ? 0x2421 : 0x2400 + c;
	char u[3] = {(char)(0xE0 | (cp >> 12)),
		     (char)(0x80 | ((cp >> 6) & 0x3F)),
		     (char)(0x80 | (cp & 0x3F))};
	strbuf_append(b, u, 3);
}

static bool
is_format_override(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void
escape_visible(struct strbuf *b, const char *s, size_t n, unsigned keep)
{
	size_t i = 0, run = 0; /* bytes from run to i are copied as they are */
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		bool copy;
		if (c == '\t')
			copy = keep & ESCAPE_KEEP_TAB;
		else if (c == '\n' || c == '\r')
			copy = keep & ESCAPE_KEEP_NEWLINE;
		else if (c < 0x80)
			copy = false; /* other C0 controls, DEL */
		else
			copy = !(len == 1 || (cp >= 0x80 && cp <= 0x9F) ||
				 is_format_override(cp));
		if (copy) {
			i += len;
			continue;
		}
		strbuf_append(b, s + run, i - run);
		if (c < 0x80)
			control_picture(b, c);
		else
			strbuf_puts(b, UTF8_REPLACEMENT);
		i += len;
		run = i;
	}
	strbuf_append(b, s + run, i - run);
}

char *
escape_visible_dup(const char *s, unsigned keep)
{
	struct strbuf b;
	strbuf_init(&b);
	escape_visible(&b, s, strlen(s), keep);
	return strbuf_detach(&b);
}

void
escape_fputs(FILE *out, const char *s, unsigned keep)
{
	struct strbuf b;
	strbuf_init(&b);
	escape_visible(&b, s, strlen(s), keep);
	fwrite(strbuf_str(&b), 1, b.len, out);
	strbuf_finish(&b);
}

void
escape_uri_path(struct strbuf *b, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c) != NULL) {
			strbuf_putc(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			strbuf_append(b, e, 3);
		}
	}
}

void
escape_vnote(FILE *out, const char *fmt, va_list ap)
{
	struct strbuf raw, b;
	strbuf_init(&raw);
	strbuf_init(&b);
	strbuf_vprintf(&raw, fmt, ap);
	strbuf_puts(&b, "stackfit: ");
	escape_visible(&b, strbuf_str(&raw), raw.len, ESCAPE_KEEP_TAB);
	strbuf_putc(&b, '\n');
	fwrite(strbuf_str(&b), 1, b.len, out);
	strbuf_finish(&raw);
	strbuf_finish(&b);
}

void
escape_note(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	escape_vnote(out, fmt, ap);
	va_end(ap);
}
