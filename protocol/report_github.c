/*
 * The GitHub Actions report: one workflow command per finding
 * (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`),
 * which GitHub shows as annotations on the pull request's diff.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "util/escape.h"

/* Workflow-command escaping: data escapes %, CR and LF; property values
 * also escape ':' and ','. Other control characters (an ESC would colour
 * or hide text in the log) and bytes that are not UTF-8 are made visible
 * first, as escape_visible does. */
static void
escaped(FILE *out, const char *s, bool property)
{
	char *visible =
		escape_visible_dup(s, ESCAPE_KEEP_TAB | ESCAPE_KEEP_NEWLINE);
	for (const char *p = visible; *p; p++) {
		switch (*p) {
		case '%':
			fputs("%25", out);
			break;
		case '\r':
			fputs("%0D", out);
			break;
		case '\n':
			fputs("%0A", out);
			break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default:
			fputc(*p, out);
		}
	}
	free(visible);
}

static const char *
command(enum sf_severity s)
{
	switch (s) {
	case SF_SEV_ERROR:
		return "error";
	case SF_SEV_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

int
report_github(FILE *out, const struct sf_report *r)
{
	for (uint32_t i = 0; i < r->diags->items.n; i++) {
		const struct sf_diagnostic *d = &r->diags->items.v[i];
		fprintf(out, "::%s file=", command(d->severity));
		if (r->path_prefix != NULL)
			escaped(out, r->path_prefix, true);
		escaped(out, d->path, true);
		fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=",
			d->start.line, d->start.column, d->end.line,
			d->end.column);
		escaped(out, d->rule_id, true);
		/* A finding without a catalogue id (unused-ignore) has its
		 * name for id: once is enough. */
		if (strcmp(d->rule_name, d->rule_id) != 0) {
			fputc(' ', out);
			escaped(out, d->rule_name, true);
		}
		fputs("::", out);
		escaped(out, d->message, false);
		if (d->help != NULL) {
			escaped(out, "\nhelp: ", false);
			escaped(out, d->help, false);
		}
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}
