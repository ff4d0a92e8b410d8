/*
 * The HTML report: one self-contained page — inline CSS, inline SVG charts,
 * nothing fetched — with the stack-fit profile per component, findings per
 * rule and per folder, every finding with its code frame, and the
 * documentation of the rules found. It reads on a phone (390 px) as on a
 * desktop. A small script (report_html.js, allowed by its hash and nothing
 * else by the page's Content-Security-Policy) filters the findings by
 * rule, severity and path; without it every finding is shown.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "diagnostic.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "util/vec.h"
#include "util/xalloc.h"

/* report_html.js, embedded by the build. */
extern const char report_html_script[];

/* Findings open (not folded to their summary line) in a report of at most
 * this many. */
#define HTML_OPEN_FINDINGS 100
/* Findings linked from a reason of the profile, at most. */
#define HTML_REASON_REFS 8
/* Bars drawn per chart; the rest are summed into one "other" bar. */
#define HTML_CHART_ROWS 16
/* Chart geometry (SVG user units). */
#define HTML_CHART_W 720
#define HTML_LABEL_W 240
#define HTML_ROW_H   26
/* The workload chart sits in a card half the page wide: drawn narrower so
 * that its text keeps its size. */
#define HTML_CARD_CHART_W 460
#define HTML_CARD_LABEL_W 190

static const char style[] =
	":root{--fg:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#f6f7fb;"
	"--card:#fff;--good:#1a7f37;--fair:#9a6700;--poor:#c0262d;"
	"--error:#c0262d;--warning:#9a6700;--info:#0b5cad;--hint:#5b6475}"
	"*{box-sizing:border-box}"
	"body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',"
	"Roboto,'DejaVu Sans',sans-serif;color:var(--fg);background:var(--bg)}"
	"header,main{max-width:1180px;margin:0 auto;padding:0 24px}"
	"@media (max-width:600px){header,main,footer{padding:0 12px}"
	"body{font-size:14px}h1{font-size:22px}}"
	"header{padding-top:28px}"
	"h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 12px;"
	"padding-bottom:6px;border-bottom:1px solid var(--line)}"
	"h3{font-size:17px;margin:0}"
	".meta{color:var(--muted);margin:0 0 8px;word-break:break-all}"
	".summary{font-weight:600}"
	"nav a{margin-right:16px;display:inline-block}"
	"a{color:#0b5cad}"
	".components{display:grid;grid-template-columns:repeat(auto-fit,"
	"minmax(min(100%,440px),1fr));gap:16px}"
	".card{background:var(--card);border:1px solid var(--line);"
	"border-radius:8px;padding:16px 20px}"
	".head{display:flex;gap:16px;align-items:center;flex-wrap:wrap}"
	".head p{margin:2px 0}"
	".chip{display:inline-block;background:#eef1f7;border-radius:10px;"
	"padding:0 8px;margin:0 4px 4px 0;font-size:13px}"
	".verdict{font-weight:700;text-transform:uppercase;letter-spacing:."
	"04em}"
	".good{color:var(--good)}.fair{color:var(--fair)}.poor{color:var(--"
	"poor)}"
	"dl{display:grid;grid-template-columns:minmax(90px,auto) 1fr;"
	"margin:12px 0;gap:2px 8px}"
	"dt{color:var(--muted)}dd{margin:0}"
	"ol.reasons{padding-left:0;list-style:none;margin:8px 0 0}"
	"ol.reasons li{margin:6px 0;padding-left:56px;text-indent:-56px}"
	".w{display:inline-block;width:48px;text-align:right;margin-right:8px;"
	"font-weight:700;text-indent:0}"
	".cost .w{color:var(--poor)}.gain .w{color:var(--good)}"
	".refs{display:block;text-indent:0;font-size:13px}"
	".refs a{margin-right:10px;overflow-wrap:anywhere}"
	"svg{max-width:100%;height:auto;display:block}"
	"svg text{font:13px system-ui,'DejaVu Sans',sans-serif;fill:var(--fg)}"
	".finding{margin:0 0 8px;padding:8px 14px}"
	".finding summary{cursor:pointer;overflow-wrap:anywhere}"
	".finding .loc{font-weight:600}"
	".finding[open] summary{margin-bottom:6px}"
	"a.rule{text-decoration:none}"
	".sev{display:inline-block;min-width:70px;text-align:center;"
	"border-radius:4px;color:#fff;font-size:12px;padding:1px 6px;"
	"margin-right:6px;text-transform:uppercase}"
	".sev.error{background:var(--error)}.sev.warning{background:var(--"
	"warning)}"
	".sev.info{background:var(--info)}.sev.hint{background:var(--hint)}"
	".msg{margin:6px 0}"
	"pre{background:#f3f4f8;border:1px solid var(--line);border-radius:6px;"
	"padding:8px 12px;overflow-x:auto;font:13px/1.45 ui-monospace,"
	"'DejaVu Sans Mono',monospace;margin:6px 0}"
	".ln{color:var(--muted);user-select:none}"
	".caret.error{color:var(--error)}.caret.warning{color:var(--warning)}"
	".caret.info{color:var(--info)}.caret.hint{color:var(--hint)}"
	"ul.related{margin:4px 0;padding-left:20px;font-size:14px;"
	"overflow-wrap:anywhere}"
	"form#filter{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:end;"
	"background:var(--card);border:1px solid var(--line);border-radius:8px;"
	"padding:10px 14px;margin:0 0 12px}"
	"form#filter fieldset{border:0;margin:0;padding:0}"
	"form#filter legend,form#filter label.f{font-size:13px;"
	"color:var(--muted);display:block}"
	"form#filter fieldset label{margin-right:10px;white-space:nowrap}"
	"form#filter select,form#filter input[type=search]{font:inherit;"
	"max-width:100%}"
	"#shown{font-size:13px;color:var(--muted)}"
	".rule h4{font-size:15px;margin:14px 0 4px}"
	".rule p,.rule li{max-width:80ch}"
	".help{margin:4px 0;color:var(--good)}"
	"code{font-family:ui-monospace,'DejaVu Sans Mono',monospace}"
	"footer{max-width:1180px;margin:24px auto;padding:0 24px;"
	"color:var(--muted);font-size:13px}";

/* Writes s with the characters HTML gives meaning to escaped, as valid
 * UTF-8 without control characters (escape_visible). */
static void
esc(FILE *out, const char *s)
{
	if (s == NULL)
		return;
	char *visible = escape_visible_dup(s, ESCAPE_KEEP_TAB);
	for (const char *p = visible; *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fputc(*p, out);
		}
	}
	free(visible);
}

/* Like esc, with `code` spans for text between backquotes. */
static void
esc_code(FILE *out, const char *s)
{
	bool open = false;
	for (const char *p = s; p != NULL && *p;) {
		if (*p == '`') {
			fputs(open ? "</code>" : "<code>", out);
			open = !open;
			p++;
			continue;
		}
		size_t n = strcspn(p, "`");
		char *run = xstrndup(p, n);
		esc(out, run);
		free(run);
		p += n;
	}
	if (open)
		fputs("</code>", out);
}

struct tally_row {
	const char *key; /* borrowed */
	uint32_t n;
	enum sf_severity sev; /* the most severe of them */
};

static void
tally(void *vec, const char *key, enum sf_severity sev)
{
	VEC(struct tally_row) *t = vec;
	for (uint32_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].key, key) == 0) {
			t->v[i].n++;
			if (sev < t->v[i].sev)
				t->v[i].sev = sev;
			return;
		}
	struct tally_row *r = VEC_PUSH(*t);
	r->key = key;
	r->n = 1;
	r->sev = sev;
}

/* A severity's colour, so that a hint is not drawn as an error. */
static const char *
severity_color(enum sf_severity s)
{
	switch (s) {
	case SF_SEV_ERROR:
		return "#c0262d";
	case SF_SEV_WARNING:
		return "#9a6700";
	case SF_SEV_INFO:
		return "#0b5cad";
	default:
		return "#5b6475";
	}
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct tally_row *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->key, y->key);
}

/* A horizontal bar chart of rows (sorted here), in color, or each row in
 * its severity's colour when color is NULL. */
static void
bar_chart(FILE *out, const char *title, struct tally_row *rows, uint32_t n,
	  const char *color)
{
	qsort(rows, n, sizeof *rows, cmp_rows);
	uint32_t shown = n > HTML_CHART_ROWS ? HTML_CHART_ROWS : n;
	uint32_t other = 0;
	for (uint32_t i = shown; i < n; i++)
		other += rows[i].n;
	uint32_t lines = shown + (other ? 1 : 0);
	uint32_t max = 1;
	for (uint32_t i = 0; i < shown; i++)
		if (rows[i].n > max)
			max = rows[i].n;
	if (other > max)
		max = other;
	int h = (int)lines * HTML_ROW_H + 8;
	fprintf(out,
		"<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"role=\"img\" aria-label=\"",
		HTML_CHART_W, h, HTML_CHART_W, h);
	esc(out, title);
	fputs("\"><title>", out);
	esc(out, title);
	fputs("</title>", out);
	int bar_max = HTML_CHART_W - HTML_LABEL_W - 60;
	for (uint32_t i = 0; i < lines; i++) {
		const char *key = i < shown ? rows[i].key : "other";
		uint32_t v = i < shown ? rows[i].n : other;
		int y = (int)i * HTML_ROW_H + 4;
		int w = (int)((double)v / max * bar_max);
		if (w < 2)
			w = 2;
		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
			HTML_LABEL_W - 8, y + 17);
		/* Long folder names keep their end, which tells most. */
		size_t len = strlen(key);
		if (len > 34) {
			fputs("…", out);
			esc(out, key + len - 33);
		} else {
			esc(out, key);
		}
		fprintf(out,
			"</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
			"height=\"%d\" rx=\"3\" fill=\"%s\"/>"
			"<text x=\"%d\" y=\"%d\">%u</text>",
			HTML_LABEL_W, y + 3, w, HTML_ROW_H - 8,
			color ? color
			      : severity_color(i < shown ? rows[i].sev
							 : SF_SEV_HINT),
			HTML_LABEL_W + w + 6, y + 17, v);
	}
	fputs("</svg>\n", out);
}

/* A ring showing score/100 in the verdict's colour. */
static void
gauge(FILE *out, const struct report_component *c)
{
	const double circ = 2 * 3.14159265 * 42;
	double len = circ * c->score / 100.0;
	const char *color = strcmp(c->verdict, "good") == 0   ? "#1a7f37"
			    : strcmp(c->verdict, "fair") == 0 ? "#9a6700"
							      : "#c0262d";
	fprintf(out,
		"<svg viewBox=\"0 0 100 100\" width=\"96\" height=\"96\" "
		"role=\"img\" aria-label=\"score %d of 100\">"
		"<title>score %d of 100</title>"
		"<circle cx=\"50\" cy=\"50\" r=\"42\" fill=\"none\" "
		"stroke=\"#e4e7ee\" stroke-width=\"10\"/>"
		"<circle cx=\"50\" cy=\"50\" r=\"42\" fill=\"none\" "
		"stroke=\"%s\" stroke-width=\"10\" stroke-linecap=\"round\" "
		"stroke-dasharray=\"%.1f %.1f\" "
		"transform=\"rotate(-90 50 50)\"/>"
		"<text x=\"50\" y=\"57\" text-anchor=\"middle\" "
		"style=\"font-size:24px;font-weight:700\">%d</text></svg>",
		c->score, c->score, color, len, circ - len, c->score);
}

static void
workload_chart(FILE *out, const struct report_component *c)
{
	const struct report_workload *w = &c->workload;
	struct tally_row rows[] = {
		{"event-loop / async handlers", w->async_handlers, SF_SEV_HINT},
		{"request handlers", w->request_handlers, SF_SEV_HINT},
		{"CPU hot spots", w->cpu_hot_spots, SF_SEV_HINT},
		{"thread targets", w->thread_targets, SF_SEV_HINT},
		{"process targets", w->process_targets, SF_SEV_HINT},
		{"real-time endpoints", w->realtime_endpoints, SF_SEV_HINT},
	};
	/* Keep the order fixed (not by size): it is a profile, not a rank. */
	uint32_t max = 1;
	for (size_t i = 0; i < 6; i++)
		if (rows[i].n > max)
			max = rows[i].n;
	int h = 6 * HTML_ROW_H + 8,
	    bar_max = HTML_CARD_CHART_W - HTML_CARD_LABEL_W - 60;
	fprintf(out,
		"<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"role=\"img\" aria-label=\"workload of ",
		HTML_CARD_CHART_W, h, HTML_CARD_CHART_W, h);
	esc(out, c->path);
	fputs("\"><title>workload of ", out);
	esc(out, c->path);
	fputs("</title>", out);
	for (size_t i = 0; i < 6; i++) {
		int y = (int)i * HTML_ROW_H + 4;
		int bw = rows[i].n ? (int)((double)rows[i].n / max * bar_max)
				   : 0;
		if (rows[i].n && bw < 2)
			bw = 2;
		fprintf(out,
			"<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			"rx=\"3\" fill=\"%s\"/>"
			"<text x=\"%d\" y=\"%d\">%u</text>",
			HTML_CARD_LABEL_W - 8, y + 17, rows[i].key,
			HTML_CARD_LABEL_W, y + 3, bw, HTML_ROW_H - 8,
			i == 2 ? "#c0262d" : "#4c6ef5",
			HTML_CARD_LABEL_W + bw + 6, y + 17, rows[i].n);
	}
	fputs("</svg>\n", out);
}

static void
component_html(FILE *out, const struct sf_report *r,
	       const struct report_component *c, uint32_t idx)
{
	fprintf(out,
		"<article class=\"card component\" id=\"c%u\">"
		"<div class=\"head\">",
		idx);
	gauge(out, c);
	fputs("<div><h3>", out);
	esc(out, c->path);
	fputs("</h3><p>", out);
	esc(out, c->language);
	fputs(c->nframeworks ? " · " : "", out);
	for (uint32_t i = 0; i < c->nframeworks; i++) {
		fputs("<span class=\"chip\">", out);
		esc(out, c->frameworks[i]);
		fputs("</span>", out);
	}
	fprintf(out, "</p><p class=\"verdict %s\">%s · %d/100</p></div></div>",
		c->verdict, c->verdict, c->score);
	fputs("<dl><dt>Workload</dt><dd>", out);
	esc(out, c->workload.shape);
	fprintf(out, " (%u files, %u functions)</dd><dt>Concurrency</dt><dd>",
		c->workload.files, c->workload.functions);
	esc(out, c->concurrency);
	fputs("</dd></dl>", out);
	workload_chart(out, c);
	fputs("<ol class=\"reasons\">", out);
	for (uint32_t i = 0; i < c->nreasons; i++) {
		const struct report_reason *rs = &c->reasons[i];
		fprintf(out, "<li class=\"%s\"><span class=\"w\">%+d</span>",
			rs->weight < 0 ? "cost" : "gain", rs->weight);
		esc_code(out, rs->text);
		if (rs->ndiags > 0)
			fputs("<span class=\"refs\">", out);
		for (uint32_t k = 0; k < rs->ndiags && k < HTML_REASON_REFS;
		     k++) {
			const struct sf_diagnostic *d =
				&r->diags->items.v[rs->diags[k]];
			fprintf(out, "<a href=\"#d%u\">%s ", rs->diags[k],
				d->rule_id);
			esc(out, d->path);
			fprintf(out, ":%u</a>", d->start.line);
		}
		if (rs->ndiags > HTML_REASON_REFS)
			fprintf(out, "and %u more",
				rs->ndiags - HTML_REASON_REFS);
		if (rs->ndiags > 0)
			fputs("</span>", out);
		fputs("</li>", out);
	}
	fputs("</ol></article>\n", out);
}

/* The source line with a caret line under the finding's range. */
static void
frame_html(FILE *out, const struct sf_diagnostic *d)
{
	if (d->line_text == NULL)
		return;
	fprintf(out, "<pre class=\"frame\"><span class=\"ln\">%u | </span>",
		d->start.line);
	if (d->line_col > 1)
		fputs("…", out);
	esc(out, d->line_text);
	int gutter = snprintf(NULL, 0, "%u | ", d->start.line);
	fprintf(out, "\n<span class=\"ln\">%*s</span>", gutter, "");
	uint32_t width = report_caret_indent(out, d);
	fprintf(out, "<span class=\"caret %s\">", severity_name(d->severity));
	for (uint32_t i = 0; i < width; i++)
		fputc('^', out);
	fputs("</span></pre>", out);
}

static void
finding_html(FILE *out, const struct sf_diagnostic *d, uint32_t idx, bool open)
{
	const char *sev = severity_name(d->severity);
	fprintf(out, "<details class=\"card finding\" id=\"d%u\" data-rule=\"",
		idx);
	esc(out, d->rule_id);
	fprintf(out, "\" data-sev=\"%s\" data-path=\"", sev);
	esc(out, d->path);
	fprintf(out,
		"\"%s><summary><span class=\"sev %s\">%s</span>"
		"<a class=\"rule\" href=\"#rule-",
		open ? " open" : "", sev, sev);
	esc(out, d->rule_id);
	fputs("\" title=\"", out);
	esc(out, d->rule_name);
	fputs("\"><code>", out);
	esc(out, d->rule_id);
	fputs("</code></a> <span class=\"loc\">", out);
	esc(out, d->path);
	fprintf(out, ":%u:%u</span> <span class=\"msg\">", d->start.line,
		d->start.column);
	esc_code(out, d->message);
	fputs("</span></summary>", out);
	frame_html(out, d);
	if (d->related.n > 0) {
		fputs("<ul class=\"related\">", out);
		for (uint32_t i = 0; i < d->related.n; i++) {
			const struct sf_related *rel = &d->related.v[i];
			fputs("<li>", out);
			esc(out, rel->path);
			fprintf(out, ":%u:%u: ", rel->pos.line,
				rel->pos.column);
			esc_code(out, rel->message);
			fputs("</li>", out);
		}
		fputs("</ul>", out);
	}
	if (d->help != NULL) {
		fputs("<p class=\"help\">help: ", out);
		esc_code(out, d->help);
		fputs("</p>", out);
	}
	fputs("</details>\n", out);
}

/* A rule's Markdown documentation as HTML: its "## " headings, paragraphs,
 * "- " lists and fenced code (the forms rule documents use); its "# "
 * title is the card's. */
static void
doc_html(FILE *out, const char *md)
{
	struct strbuf para;
	strbuf_init(&para);
	bool fence = false, list = false, item = false;
	for (const char *p = md; *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		char *line = xstrndup(p, n);
		p += n + (eol != NULL);
		bool flush = fence || n == 0 || strncmp(line, "```", 3) == 0 ||
			     line[0] == '#' || strncmp(line, "- ", 2) == 0;
		if (!fence && flush && para.len > 0) {
			fputs(item ? "" : "<p>", out);
			esc_code(out, strbuf_str(&para));
			fputs(item ? "</li>" : "</p>", out);
			strbuf_reset(&para);
			item = false;
		}
		if (!fence && list &&
		    (n == 0 || line[0] == '#' ||
		     strncmp(line, "```", 3) == 0)) {
			fputs("</ul>", out);
			list = false;
		}
		if (strncmp(line, "```", 3) == 0) {
			fputs(fence ? "</code></pre>" : "<pre><code>", out);
			fence = !fence;
		} else if (fence) {
			esc(out, line);
			fputc('\n', out);
		} else if (strncmp(line, "## ", 3) == 0) {
			fputs("<h4>", out);
			esc_code(out, line + 3);
			fputs("</h4>", out);
		} else if (line[0] == '#') {
			/* the title */
		} else if (strncmp(line, "- ", 2) == 0) {
			fputs(list ? "<li>" : "<ul><li>", out);
			list = item = true;
			strbuf_puts(&para, line + 2);
		} else if (n > 0) {
			if (para.len > 0)
				strbuf_putc(&para, ' ');
			strbuf_puts(&para, line);
		}
		free(line);
	}
	if (para.len > 0) {
		fputs(item ? "" : "<p>", out);
		esc_code(out, strbuf_str(&para));
		fputs(item ? "</li>" : "</p>", out);
	}
	fputs(fence ? "</code></pre>" : "", out);
	fputs(list ? "</ul>" : "", out);
	strbuf_finish(&para);
}

/* The filter form: hidden until the script shows it. */
static void
filter_html(FILE *out, const struct sf_report *r, const struct tally_row *rules,
	    uint32_t nrules, const uint32_t *count)
{
	fputs("<form id=\"filter\" hidden><label class=\"f\">Rule<br>"
	      "<select name=\"rule\"><option value=\"\">all rules</option>",
	      out);
	for (uint32_t i = 0; i < nrules; i++) {
		fputs("<option value=\"", out);
		esc(out, rules[i].key);
		fputs("\">", out);
		esc(out, rules[i].key);
		for (uint32_t k = 0; k < r->nrules; k++)
			if (strcmp(r->rules[k].id, rules[i].key) == 0 &&
			    strcmp(r->rules[k].name, rules[i].key) != 0) {
				fputc(' ', out);
				esc(out, r->rules[k].name);
			}
		fprintf(out, " (%u)</option>", rules[i].n);
	}
	fputs("</select></label><fieldset><legend>Severity</legend>", out);
	for (int s = SF_SEV_ERROR; s <= SF_SEV_HINT; s++) {
		const char *name = severity_name((enum sf_severity)s);
		fprintf(out,
			"<label><input type=\"checkbox\" name=\"sev\" "
			"value=\"%s\" checked> %s (%u)</label>",
			name, name, count[s]);
	}
	fputs("</fieldset><label class=\"f\">Path<br><input type=\"search\" "
	      "name=\"path\" placeholder=\"part of a path\"></label>"
	      "<span>showing <output id=\"shown\"></output></span></form>\n",
	      out);
}

/* The documentation of each rule that has findings, in catalogue order. */
static void
rules_html(FILE *out, const struct sf_report *r, const struct tally_row *rows,
	   uint32_t nrows)
{
	for (uint32_t k = 0; k < r->nrules; k++) {
		const struct sf_report_rule *rule = &r->rules[k];
		bool found = false;
		for (uint32_t i = 0; i < nrows && !found; i++)
			found = strcmp(rows[i].key, rule->id) == 0;
		if (!found)
			continue;
		fputs("<article class=\"card rule\" id=\"rule-", out);
		esc(out, rule->id);
		fputs("\"><h3><code>", out);
		esc(out, rule->id);
		fputs("</code> ", out);
		if (strcmp(rule->name, rule->id) != 0)
			esc(out, rule->name);
		fputs("</h3>", out);
		doc_html(out, rule->doc);
		fputs("</article>\n", out);
	}
}

int
report_html(FILE *out, const struct sf_report *r)
{
	const struct sf_diag_list *l = r->diags;
	uint32_t count[5] = {0};
	VEC(struct tally_row) by_rule = {0};
	VEC(struct tally_row) by_dir = {0};
	VEC(char *) dirs = {0};
	for (uint32_t i = 0; i < l->items.n; i++) {
		const struct sf_diagnostic *d = &l->items.v[i];
		count[d->severity]++;
		tally(&by_rule, d->rule_id, d->severity);
		const char *slash = strrchr(d->path, '/');
		char *dir = slash ? xstrndup(d->path, (size_t)(slash - d->path))
				  : xstrdup(".");
		*VEC_PUSH(dirs) = dir;
		tally(&by_dir, dir, d->severity);
	}
	fputs("<!doctype html>\n<html lang=\"en\"><head><meta "
	      "charset=\"utf-8\">"
	      /* Nothing is fetched; only our script runs. */
	      "<meta http-equiv=\"Content-Security-Policy\" "
	      "content=\"default-src 'none'; style-src 'unsafe-inline'; "
	      "img-src data:; script-src 'sha256-" REPORT_HTML_SCRIPT_SHA256
	      "'\">"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\"><title>stackfit report: ",
	      out);
	esc(out, r->root);
	fprintf(out,
		"</title><style>%s</style></head><body>\n<header>"
		"<h1>stackfit report</h1><p class=\"meta\">",
		style);
	esc(out, r->root);
	fprintf(out, " · %u files analysed", r->files);
	if (r->skipped)
		fprintf(out, ", %u skipped", r->skipped);
	fprintf(out, " · stackfit %s</p><p class=\"summary\">",
		r->tool_version);
	if (l->items.n == 0) {
		fputs("No problems found.", out);
	} else {
		fprintf(out, "Found %u problem%s (", l->items.n,
			l->items.n == 1 ? "" : "s");
		const char *sep = "";
		for (int s = SF_SEV_ERROR; s <= SF_SEV_HINT; s++)
			if (count[s]) {
				fprintf(out, "%s%u %s%s", sep, count[s],
					severity_name((enum sf_severity)s),
					count[s] == 1 ? "" : "s");
				sep = ", ";
			}
		fputs(").", out);
	}
	fputs("</p><nav><a href=\"#profile\">Stack fit</a>"
	      "<a href=\"#by-rule\">Per rule</a><a href=\"#by-folder\">Per "
	      "folder</a><a href=\"#findings\">Findings</a>"
	      "<a href=\"#rules\">Rules</a></nav></header>\n"
	      "<main>\n<section id=\"profile\"><h2>Stack fit</h2>",
	      out);
	if (r->ncomponents == 0)
		fputs("<p>No component found.</p>", out);
	fputs("<div class=\"components\">\n", out);
	for (uint32_t i = 0; i < r->ncomponents; i++)
		component_html(out, r, &r->components[i], i);
	fputs("</div></section>\n<section id=\"by-rule\"><h2>Findings per "
	      "rule</h2>",
	      out);
	if (l->items.n == 0)
		fputs("<p>None.</p>", out);
	else
		bar_chart(out, "findings per rule", by_rule.v, by_rule.n, NULL);
	fputs("</section>\n<section id=\"by-folder\"><h2>Findings per "
	      "folder</h2>",
	      out);
	if (l->items.n == 0)
		fputs("<p>None.</p>", out);
	else
		bar_chart(out, "findings per folder", by_dir.v, by_dir.n,
			  "#4c6ef5");
	fputs("</section>\n<section id=\"findings\"><h2>Findings</h2>\n", out);
	if (l->items.n == 0)
		fputs("<p>None.</p>", out);
	else
		filter_html(out, r, by_rule.v, by_rule.n, count);
	for (uint32_t i = 0; i < l->items.n; i++)
		finding_html(out, &l->items.v[i], i,
			     l->items.n <= HTML_OPEN_FINDINGS);
	fputs("</section>\n<section id=\"rules\"><h2>Rules</h2>\n", out);
	if (l->items.n == 0)
		fputs("<p>None found.</p>", out);
	rules_html(out, r, by_rule.v, by_rule.n);
	fprintf(out,
		"</section></main>\n<footer>Generated by stackfit; this page "
		"is self-contained and fetches nothing.</footer>\n"
		"<script>%s</script>\n</body></html>\n",
		report_html_script);
	for (uint32_t i = 0; i < dirs.n; i++)
		free(dirs.v[i]);
	VEC_FREE(dirs);
	VEC_FREE(by_rule);
	VEC_FREE(by_dir);
	return ferror(out) ? -1 : 0;
}
