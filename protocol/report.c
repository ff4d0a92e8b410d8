/* Report dispatch by format. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"

int
report_format_from_name(const char *name)
{
	if (strcmp(name, "text") == 0)
		return REPORT_TEXT;
	if (strcmp(name, "json") == 0)
		return REPORT_JSON;
	if (strcmp(name, "sarif") == 0)
		return REPORT_SARIF;
	if (strcmp(name, "github") == 0)
		return REPORT_GITHUB;
	if (strcmp(name, "html") == 0)
		return REPORT_HTML;
	return -1;
}

const char *
report_format_names(void)
{
	return "text, json, sarif, github, html";
}

int
report_write(FILE *out, enum report_format fmt, const struct sf_report *r,
	     const struct report_options *opts)
{
	int rc = -1;
	switch (fmt) {
	case REPORT_TEXT:
		rc = report_text(out, r, opts);
		break;
	case REPORT_JSON:
		rc = report_json(out, r);
		break;
	case REPORT_SARIF:
		rc = report_sarif(out, r);
		break;
	case REPORT_GITHUB:
		rc = report_github(out, r);
		break;
	case REPORT_HTML:
		rc = report_html(out, r);
		break;
	case REPORT_STATISTICS_TEXT:
	case REPORT_STATISTICS_JSON:
		rc = report_statistics(out, r, fmt == REPORT_STATISTICS_JSON);
		break;
	case REPORT_FORMATS:
		break;
	}
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	return rc;
}

uint32_t
report_caret_indent(FILE *out, const struct sf_diagnostic *d)
{
	const char *t = d->line_text;
	size_t len = strlen(t);
	/* A window of a long line starts at line_col, after the "…" the
	 * frames print (report_line_cut). */
	uint32_t first = d->line_col > 1 ? d->line_col : 1;
	if (first > 1)
		fputc(' ', out);
	uint32_t col = d->start.column > first ? d->start.column - first : 0;
	size_t at = utf8_offset_of_cp(t, len, col);
	for (size_t i = 0; i < at; i++)
		if ((t[i] & 0xC0) != 0x80)
			fputc(t[i] == '\t' ? '\t' : ' ', out);
	/* Never past the text shown (a window of a long line, or positions
	 * that do not fit the line: a corrupted cache entry's). */
	uint32_t rest = (uint32_t)utf8_count(t + at, len - at);
	uint32_t width = rest;
	if (d->end.line == d->start.line && d->end.column > d->start.column &&
	    d->end.column - d->start.column < rest)
		width = d->end.column - d->start.column;
	return width ? width : 1;
}

int
report_json_emit(FILE *out, json_object *o)
{
	size_t n = 0;
	const char *s = json_object_to_json_string_length(
		o,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE |
			JSON_C_TO_STRING_SPACED,
		&n);
	/* json-c answers NULL when the text does not fit its buffer (2 GB):
	 * a report that cannot be written is an error, not a crash. json-c
	 * copies bytes of 0x80 and above as they are, so text that is not
	 * UTF-8 (a Latin-1 file name) would make the report unparseable. */
	char *valid =
		s != NULL && !utf8_valid(s, n) ? utf8_sanitize(s, n, &n) : NULL;
	int rc = s == NULL || fwrite(valid ? valid : s, 1, n, out) != n ||
				 fputc('\n', out) == EOF
			 ? -1
			 : 0;
	free(valid);
	json_object_put(o);
	return rc;
}

/* Appends n bytes of Markdown without the marks of inline code and of
 * emphasis (an asterisk outside code), and with each line break as
 * newline (a space when joining). */
static void
plain_inline(struct strbuf *b, const char *s, size_t n, char newline)
{
	bool code = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '`')
			code = !code;
		else if (s[i] == '\n')
			strbuf_putc(b, newline);
		else if (code || s[i] != '*')
			strbuf_putc(b, s[i]);
	}
}

char *
report_markdown_to_text(const char *md)
{
	struct strbuf b;
	strbuf_init(&b);
	bool fence = false;
	for (const char *p = md; *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (n >= 3 && strncmp(p, "```", 3) == 0) {
			fence = !fence;
		} else if (fence) {
			strbuf_puts(&b, "    ");
			strbuf_append(&b, p, n);
			strbuf_putc(&b, '\n');
		} else {
			size_t k = 0;
			while (k < n && p[k] == '#')
				k++;
			if (k > 0)
				while (k < n && p[k] == ' ')
					k++;
			plain_inline(&b, p + k, n - k, '\n');
			strbuf_putc(&b, '\n');
		}
		p += n + (eol != NULL);
	}
	return strbuf_detach(&b);
}

char *
report_rule_description(const char *md)
{
	const char *p = strstr(md, "## What it does\n");
	p = p ? p + strlen("## What it does\n") : md;
	/* Skip a title line and blank lines. */
	while (*p == '#' || *p == '\n') {
		const char *eol = strchr(p, '\n');
		p = eol ? eol + 1 : p + strlen(p);
	}
	const char *end = strstr(p, "\n\n");
	size_t n = end ? (size_t)(end - p) : strlen(p);
	struct strbuf b;
	strbuf_init(&b);
	plain_inline(&b, p, n, ' ');
	return strbuf_detach(&b);
}
