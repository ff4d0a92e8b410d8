/*
 * The text report: one block per finding — `path:line:col: ID [severity]
 * message`, the source line with a caret under the range, and a `help:`
 * line — then a summary. Colour only when asked (the caller decides from
 * the terminal and NO_COLOR). Everything that comes from the scanned
 * repository — paths, source lines, names in messages — is written through
 * escape_visible, so that it cannot move the cursor, set the title or the
 * clipboard, or start a GitHub workflow command in a CI log.
 */
#include "report.h"

#include <string.h>

#include "diagnostic.h"
#include "util/escape.h"

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

/* Text from the repository, made visible (tabs kept for the frame). */
static void
put(FILE *out, const char *s)
{
	escape_fputs(out, s, ESCAPE_KEEP_TAB);
}

/* A path at the start of a line: GitHub's runner takes a log line that
 * starts with "::" (after blanks) as a workflow command, so a path that
 * starts with ':' or a blank gets "./" before it. */
static void
put_path(FILE *out, const char *path)
{
	if (path[0] == ':' || path[0] == ' ' || path[0] == '\t')
		fputs("./", out);
	escape_fputs(out, path, 0);
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
	/* A window of a long line says so. */
	fprintf(out, "%s%*u |%s %s", dim, w, d->start.line, reset,
		d->line_col > 1 ? "…" : "");
	put(out, d->line_text);
	fputc('\n', out);
	/* The caret line copies tabs so it lines up under the text. */
	fprintf(out, "%*s %s|%s ", w, "", dim, reset);
	uint32_t width = report_caret_indent(out, d);
	fputs(color ? severity_color(d->severity) : "", out);
	for (uint32_t i = 0; i < width; i++)
		fputc('^', out);
	fprintf(out, "%s\n", reset);
}

/* Findings listed after a reason, at most. */
#define REPORT_TEXT_REASON_REFS 4

static const char *
verdict_color(const char *verdict)
{
	if (strcmp(verdict, "good") == 0)
		return GREEN;
	if (strcmp(verdict, "fair") == 0)
		return YELLOW;
	return RED;
}

/* The stack-fit profile: one block per component. */
static void
profile_text(FILE *out, const struct sf_report *r, bool color)
{
	if (r->ncomponents == 0)
		return;
	const char *bold = color ? BOLD : "", *reset = color ? RESET : "";
	fprintf(out, "\n%sStack fit%s\n", bold, reset);
	for (uint32_t i = 0; i < r->ncomponents; i++) {
		const struct report_component *c = &r->components[i];
		const struct report_workload *w = &c->workload;
		fprintf(out, "\n  %s", bold);
		put_path(out, c->path);
		fprintf(out, "%s (%s", reset, c->language);
		for (uint32_t k = 0; k < c->nframeworks; k++) {
			fputs(k ? ", " : ": ", out);
			put(out, c->frameworks[k]);
		}
		fprintf(out, "): %s%s%s, %d/100\n",
			color ? verdict_color(c->verdict) : "", c->verdict,
			reset, c->score);
		fprintf(out,
			"    workload:    %s — %u files, %u event-loop/async "
			"handlers, %u request handlers, %u CPU hot spots, "
			"%u thread and %u process targets, %u real-time "
			"endpoints\n",
			w->shape, w->files, w->async_handlers,
			w->request_handlers, w->cpu_hot_spots,
			w->thread_targets, w->process_targets,
			w->realtime_endpoints);
		fprintf(out, "    concurrency: %s\n", c->concurrency);
		for (uint32_t k = 0; k < c->nreasons; k++) {
			const struct report_reason *rs = &c->reasons[k];
			fprintf(out, "    %s ", rs->weight < 0 ? "-" : "+");
			put(out, rs->text);
			for (uint32_t j = 0;
			     j < rs->ndiags && j < REPORT_TEXT_REASON_REFS;
			     j++) {
				const struct sf_diagnostic *d =
					&r->diags->items.v[rs->diags[j]];
				fprintf(out, "%s%s ", j ? ", " : " (",
					d->rule_id);
				put(out, d->path);
				fprintf(out, ":%u", d->start.line);
			}
			if (rs->ndiags > REPORT_TEXT_REASON_REFS)
				fprintf(out, ", and %u more",
					rs->ndiags - REPORT_TEXT_REASON_REFS);
			fputs(rs->ndiags ? ")\n" : "\n", out);
		}
	}
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
		fputs(bold, out);
		put_path(out, d->path);
		fprintf(out, ":%u:%u:%s %s%s%s %s[%s]%s ", d->start.line,
			d->start.column, reset,
			color ? severity_color(d->severity) : "", d->rule_id,
			reset, color ? severity_color(d->severity) : "",
			severity_name(d->severity), reset);
		put(out, d->message);
		fputc('\n', out);
		code_frame(out, d, color);
		for (uint32_t k = 0; k < d->related.n; k++) {
			const struct sf_related *rel = &d->related.v[k];
			fputs("  = note: ", out);
			put(out, rel->path);
			fprintf(out, ":%u:%u: ", rel->pos.line,
				rel->pos.column);
			put(out, rel->message);
			fputc('\n', out);
		}
		if (d->help != NULL) {
			fprintf(out, "  = %shelp:%s ", color ? GREEN : "",
				reset);
			put(out, d->help);
			fputc('\n', out);
		}
		fputc('\n', out);
	}
	uint32_t total = r->diags->items.n;
	if (total == 0) {
		fprintf(out, "%sNo problems found%s in %u file%s.\n", bold,
			reset, r->files, r->files == 1 ? "" : "s");
		profile_text(out, r, color);
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
	profile_text(out, r, color);
	return 0;
}
