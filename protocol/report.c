/* Report dispatch by format. */
#include "report.h"

#include <string.h>

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
	uint32_t width;
	if (d->end.line == d->start.line && d->end.column > d->start.column)
		width = d->end.column - d->start.column;
	else
		width = utf8_count(t + at, len - at);
	return width ? width : 1;
}
