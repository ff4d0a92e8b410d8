/*
 * The text report: one block per finding — `path:line:col: ID [severity]
 * message`, the source line with a caret under the range, and a `help:`
 * line — then a summary. Colour only when asked (the caller decides from
 * the terminal and NO_COLOR).
 */
#include "report.h"

#include <string.h>

#include "diagnostic.h"
#include "util/utf8.h"

#define BOLD   "\033[1m"
#define RESET  "\033[0m"
#define RED    "\033[31m"
#define YELLOW "\033[33m"
#define BLUE   "\033[34m"
#define CYAN   "\033[36m"
#define GREEN  "\033[32m"
#define DIM    "\033[2m"

static const char *
severity_color(enum sf_severity s)
{
	switch (s) {
	case SF_SEV_ERROR:
		return RED;
	case SF_SEV_WARNING:
		return YELLOW;
	case SF_SEV_INFO:
		return BLUE;
	default:
		return CYAN;
	}
}

/* Digits in n, for the gutter width. */
static int
digits(uint32_t n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void
code_frame(FILE *out, const struct sf_diagnostic *d, bool color)
{
	if (d->line_text == NULL)
		return;
	int w = digits(d->start.line);
	const char *dim = color ? DIM : "", *reset = color ? RESET : "";
	fprintf(out, "%*s %s|%s\n", w, "", dim, reset);
	fprintf(out, "%s%*u |%s %s\n", dim, w, d->start.line, reset,
		d->line_text);
	/* The caret line copies tabs so it lines up under the text. */
	fprintf(out, "%*s %s|%s ", w, "", dim, reset);
	const char *t = d->line_text;
	size_t len = strlen(t);
	size_t at = utf8_offset_of_cp(t, len, d->start.column - 1);
	for (size_t i = 0; i < at; i++)
		if ((t[i] & 0xC0) != 0x80)
			fputc(t[i] == '\t' ? '\t' : ' ', out);
	uint32_t width;
	if (d->end.line == d->start.line && d->end.column > d->start.column)
		width = d->end.column - d->start.column;
	else
		width = utf8_count(t + at, len - at);
	if (width == 0)
		width = 1;
	fputs(color ? severity_color(d->severity) : "", out);
	for (uint32_t i = 0; i < width; i++)
		fputc('^', out);
	fprintf(out, "%s\n", reset);
}

int
report_text(FILE *out, const struct sf_report *r,
	    const struct report_options *opts)
{
	bool color = opts && opts->color;
	const char *bold = color ? BOLD : "", *reset = color ? RESET : "";
	uint32_t count[5] = {0};
	uint32_t files_with = 0;
	const char *last_path = NULL;
	for (uint32_t i = 0; i < r->diags->items.n; i++) {
		const struct sf_diagnostic *d = &r->diags->items.v[i];
		count[d->severity]++;
		if (last_path == NULL || strcmp(last_path, d->path) != 0)
			files_with++;
		last_path = d->path;
		fprintf(out, "%s%s:%u:%u:%s %s%s%s %s[%s]%s %s\n", bold,
			d->path, d->start.line, d->start.column, reset,
			color ? severity_color(d->severity) : "", d->rule_id,
			reset, color ? severity_color(d->severity) : "",
			severity_name(d->severity), reset, d->message);
		code_frame(out, d, color);
		for (uint32_t k = 0; k < d->related.n; k++) {
			const struct sf_related *rel = &d->related.v[k];
			fprintf(out, "  = note: %s:%u:%u: %s\n", rel->path,
				rel->pos.line, rel->pos.column, rel->message);
		}
		if (d->help != NULL)
			fprintf(out, "  = %shelp:%s %s\n", color ? GREEN : "",
				reset, d->help);
		fputc('\n', out);
	}
	uint32_t total = r->diags->items.n;
	if (total == 0) {
		fprintf(out, "%sNo problems found%s in %u file%s.\n", bold,
			reset, r->files, r->files == 1 ? "" : "s");
		return 0;
	}
	fprintf(out, "%sFound %u problem%s%s (", bold, total,
		total == 1 ? "" : "s", reset);
	const char *sep = "";
	for (int s = SF_SEV_ERROR; s <= SF_SEV_HINT; s++) {
		if (count[s] == 0)
			continue;
		fprintf(out, "%s%u %s%s", sep, count[s],
			severity_name((enum sf_severity)s),
			count[s] == 1 ? "" : "s");
		sep = ", ";
	}
	fprintf(out, ") in %u of %u file%s.\n", files_with, r->files,
		r->files == 1 ? "" : "s");
	return 0;
}
