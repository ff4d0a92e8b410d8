/*
 * The options and report pieces audit and check share.
 */
#include "cmd_report.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "cache.h"
#include "rules/rule.h"
#include "scheduler.h"
#include "suppression.h"
#include "util/escape.h"
#include "util/xalloc.h"

int
cmd_report_parse_format(const struct cmd_entry *cmd, const char *arg,
			enum report_format *out)
{
	int f = report_format_from_name(arg);
	if (f < 0)
		return cmd_usage_error(cmd, "unknown format '%s' (expected %s)",
				       arg, report_format_names());
	*out = (enum report_format)f;
	return 0;
}

int
cmd_report_parse_jobs(const struct cmd_entry *cmd, const char *arg,
		      unsigned *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > 256)
		return cmd_usage_error(
			cmd, "--jobs expects a number from 1 to 256, not '%s'",
			arg);
	*out = (unsigned)v;
	return 0;
}

int
cmd_report_parse_fail_on(const struct cmd_entry *cmd, const char *arg, int *out)
{
	if (strcmp(arg, "none") == 0) {
		*out = SF_SEV_OFF;
		return 0;
	}
	int v = severity_from_name(arg);
	if (v <= SF_SEV_OFF)
		return cmd_usage_error(cmd,
				       "--fail-on expects error, warning, "
				       "info, hint or none, not '%s'",
				       arg);
	*out = v;
	return 0;
}

int
cmd_report_statistics(const struct cmd_entry *cmd, enum report_format *format)
{
	if (*format == REPORT_TEXT)
		*format = REPORT_STATISTICS_TEXT;
	else if (*format == REPORT_JSON)
		*format = REPORT_STATISTICS_JSON;
	else
		return cmd_usage_error(cmd, "--statistics is written as text "
					    "or json");
	return 0;
}

int
cmd_report_parse_color(const struct cmd_entry *cmd, const char *arg, int *out)
{
	if (strcmp(arg, "auto") == 0)
		*out = -1;
	else if (strcmp(arg, "always") == 0)
		*out = 1;
	else if (strcmp(arg, "never") == 0)
		*out = 0;
	else
		return cmd_usage_error(
			cmd, "--color expects auto, always or never, not '%s'",
			arg);
	return 0;
}

bool
cmd_report_color(int setting, FILE *out)
{
	if (setting >= 0)
		return setting == 1;
	const char *no = getenv("NO_COLOR");
	if (no != NULL && no[0] != '\0')
		return false;
	return isatty(fileno(out));
}

char *
cmd_report_github_prefix(const char *root)
{
	const char *ws = getenv("GITHUB_WORKSPACE");
	char real[PATH_MAX];
	if (ws == NULL || realpath(ws, real) == NULL)
		return NULL;
	size_t n = strlen(real);
	if (strncmp(root, real, n) != 0 || root[n] != '/')
		return NULL;
	return xasprintf("%s/", root + n + 1);
}

/* Whether l has a finding of the rule id. */
static bool
has_rule(const struct sf_diag_list *l, const char *id)
{
	for (uint32_t i = 0; l != NULL && i < l->items.n; i++)
		if (strcmp(l->items.v[i].rule_id, id) == 0)
			return true;
	return false;
}

struct sf_report_rule *
cmd_report_rules(const struct sf_engine *e, bool unused_ignores,
		 const struct sf_diag_list *diags, uint32_t *n)
{
	struct sf_report_rule *rules = xcalloc(rule_count + 2, sizeof *rules);
	*n = 0;
	for (size_t i = 0; i < rule_count; i++) {
		enum sf_severity sev = engine_severity(e, rule_table[i]);
		/* A rule off at the root may be on in a folder that has a
		 * configuration of its own. */
		if (sev == SF_SEV_OFF && has_rule(diags, rule_table[i]->id))
			sev = rule_table[i]->default_severity;
		if (sev == SF_SEV_OFF)
			continue;
		rules[(*n)++] = (struct sf_report_rule){
			.id = rule_table[i]->id,
			.name = rule_table[i]->name,
			.summary = rule_table[i]->summary,
			.doc = rule_table[i]->doc,
			.severity = sev,
		};
	}
	if (unused_ignores)
		rules[(*n)++] = (struct sf_report_rule){
			.id = SUPPRESSION_RULE,
			.name = SUPPRESSION_RULE,
			.summary = suppression_summary,
			.doc = suppression_doc,
			.severity = SF_SEV_INFO,
		};
	if (has_rule(diags, ENGINE_SYNTAX_RULE))
		rules[(*n)++] = (struct sf_report_rule){
			.id = ENGINE_SYNTAX_RULE,
			.name = ENGINE_SYNTAX_RULE,
			.summary = engine_syntax_summary,
			.doc = syntax_doc,
			.severity = SF_SEV_ERROR,
		};
	return rules;
}

int
cmd_report_exit_status(const struct sf_diag_list *l, int fail_on)
{
	if (fail_on == SF_SEV_OFF)
		return EXIT_CLEAN;
	for (uint32_t i = 0; i < l->items.n; i++)
		if ((int)l->items.v[i].severity <= fail_on)
			return EXIT_FINDINGS;
	return EXIT_CLEAN;
}

void
cmd_report_analyse(struct sf_project *pj, const struct workspace *ws,
		   const struct strmap *texts, const struct cmd_request *rq,
		   bool progress, FILE *err)
{
	char *cause = NULL;
	struct scheduler_options o = {.jobs = rq->jobs, .progress = progress};
	if (rq->cache) {
		o.cache = cache_open(ws->root, project_engine(pj, ""), &cause);
		if (o.cache == NULL) {
			escape_note(err, "%s", cause);
			free(cause);
		}
	}
	project_set_report_unused(pj, rq->unused_ignores);
	scheduler_add_workspace(pj, ws, texts);
	scheduler_solve(pj, ws->root, &o);
	if (o.cache != NULL) {
		cache_flush(o.cache);
		if (cache_note(o.cache) != NULL)
			escape_note(err, "%s", cache_note(o.cache));
	}
	cache_close(o.cache);
}

static int write_report(const struct sf_engine *e, const struct cmd_request *rq,
			struct sf_report *report, FILE *out, FILE *err);

/* report without the findings that the configurations' overrides turn
 * off (and with the severities they give) and that b (when loaded)
 * holds: its diags and components (with their reasons' indexes)
 * replaced by those of *kept and the arrays returned (free with
 * free_kept). Returns how many b held. */
static uint32_t
filter_report(const struct baseline *b, const struct config *config,
	      struct sf_report *report, struct sf_diag_list *kept,
	      struct report_component **comps)
{
	const struct sf_diag_list *l = report->diags;
	/* The overrides first: a finding they turn off is not one the
	 * baseline needs to hold. */
	struct sf_diag_list now = {0};
	int64_t *first = xcalloc(l->items.n ? l->items.n : 1, sizeof *first);
	for (uint32_t i = 0; i < l->items.n; i++) {
		struct sf_diagnostic d = l->items.v[i];
		const struct sf_rule *r = rule_find(d.rule_id);
		if (config != NULL && r != NULL &&
		    strcmp(r->id, d.rule_id) == 0)
			d.severity = (enum sf_severity)config_severity(
				config, d.path, rule_index(r), (int)d.severity);
		first[i] = d.severity == SF_SEV_OFF ? -1 : (int64_t)now.items.n;
		if (d.severity != SF_SEV_OFF)
			*VEC_PUSH(now.items) = d;
	}
	bool *keep = xcalloc(now.items.n ? now.items.n : 1, sizeof *keep);
	uint32_t held = 0;
	if (b->loaded)
		held = baseline_match(b, &now, keep);
	else
		for (uint32_t i = 0; i < now.items.n; i++)
			keep[i] = true;
	int64_t *at = xcalloc(l->items.n ? l->items.n : 1, sizeof *at);
	*kept = (struct sf_diag_list){0};
	for (uint32_t i = 0; i < l->items.n; i++) {
		int64_t k = first[i];
		at[i] = k >= 0 && keep[k] ? (int64_t)kept->items.n : -1;
		if (at[i] >= 0)
			*VEC_PUSH(kept->items) = now.items.v[k];
	}
	VEC_FREE(now.items);
	free(first);
	uint32_t nc = report->ncomponents;
	*comps = xcalloc(nc ? nc : 1, sizeof **comps);
	for (uint32_t c = 0; c < nc; c++) {
		(*comps)[c] = report->components[c];
		uint32_t nr = report->components[c].nreasons;
		struct report_reason *r = xcalloc(nr ? nr : 1, sizeof *r);
		for (uint32_t k = 0; k < nr; k++) {
			const struct report_reason *from =
				&report->components[c].reasons[k];
			uint32_t *d = xcalloc(from->ndiags ? from->ndiags : 1,
					      sizeof *d);
			uint32_t nd = 0;
			for (uint32_t q = 0; q < from->ndiags; q++)
				if (at[from->diags[q]] >= 0)
					d[nd++] = (uint32_t)at[from->diags[q]];
			r[k] = *from;
			r[k].diags = d;
			r[k].ndiags = nd;
		}
		(*comps)[c].reasons = r;
	}
	report->diags = kept;
	report->components = *comps;
	free(keep);
	free(at);
	return held;
}

static void
free_kept(struct sf_diag_list *kept, struct report_component *comps,
	  uint32_t nc)
{
	for (uint32_t c = 0; c < nc; c++) {
		for (uint32_t k = 0; k < comps[c].nreasons; k++)
			free((void *)comps[c].reasons[k].diags);
		free((void *)comps[c].reasons);
	}
	free(comps);
	VEC_FREE(kept->items);
}

int
cmd_report_write(const struct sf_engine *e, const struct cmd_request *rq,
		 struct sf_report *report, FILE *out, FILE *err)
{
	struct baseline b = {0};
	char *cause = NULL;
	if (!rq->no_baseline && baseline_load(&b, report->root, &cause) < 0) {
		escape_note(err, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	const struct sf_diag_list *all = report->diags;
	const struct report_component *all_comps = report->components;
	struct sf_diag_list kept = {0};
	struct report_component *comps = NULL;
	bool filter = b.loaded ||
		      (rq->config != NULL && config_has_overrides(rq->config));
	if (filter) {
		uint32_t held =
			filter_report(&b, rq->config, report, &kept, &comps);
		if (held > 0)
			escape_note(err,
				    "%u finding%s in %s not reported "
				    "(--no-baseline shows them)",
				    held, held == 1 ? "" : "s", BASELINE_FILE);
	}
	int rc = write_report(e, rq, report, out, err);
	if (filter) {
		free_kept(&kept, comps, report->ncomponents);
		report->diags = all;
		report->components = all_comps;
	}
	baseline_finish(&b);
	return rc;
}

static int
write_report(const struct sf_engine *e, const struct cmd_request *rq,
	     struct sf_report *report, FILE *out, FILE *err)
{
	uint32_t nrules;
	struct sf_report_rule *rules =
		cmd_report_rules(e, rq->unused_ignores, report->diags, &nrules);
	report->tool_version = STACKFIT_VERSION;
	report->rules = rules;
	report->nrules = nrules;
	report->path_prefix = rq->path_prefix;
	struct report_options ropts = {.color = rq->color};
	int rc = cmd_report_exit_status(report->diags, rq->fail_on);
	if (report_write(out, rq->format, report, &ropts) < 0 ||
	    fflush(out) != 0) {
		fprintf(err, "stackfit: writing the report failed: %s\n",
			strerror(errno));
		rc = EXIT_USAGE;
	}
	free(rules);
	report->rules = NULL;
	report->nrules = 0;
	return rc;
}
