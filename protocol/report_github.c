/*
 * The GitHub Actions report: one workflow command per finding
 * (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`),
 * which GitHub shows as annotations on the pull request's diff.
 */
#include "report.h"

#include <string.h>

/* Workflow-command escaping: data escapes %, CR and LF; property values
 * also escape ':' and ','. */
static void
escaped(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
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
			fputc(*s, out);
		}
	}
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
