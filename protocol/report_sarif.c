/*
 * The SARIF 2.1.0 report, shaped for GitHub code scanning: one run, the
 * rules that ran in tool.driver.rules, one result per finding located
 * relative to %SRCROOT%, related locations for chains, and a stable
 * partial fingerprint so that a finding keeps its identity when lines move.
 * It passes the SARIF multitool's GitHub rules (`validate --rule-kind
 * "Sarif;Gh"`): every rule has a full description and plain-text help
 * beside the Markdown, and every URI is percent-encoded, so that a file
 * named `a#b.js`, `50%.js` or `café.js` is found again.
 */
#include "report.h"

#include <string.h>

#include <json-c/json.h>

#include "util/escape.h"
#include "util/hash.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* SARIF has no info/hint: both are notes. */
static const char *
sarif_level(enum sf_severity s)
{
	switch (s) {
	case SF_SEV_ERROR:
		return "error";
	case SF_SEV_WARNING:
		return "warning";
	case SF_SEV_INFO:
	case SF_SEV_HINT:
		return "note";
	case SF_SEV_OFF:
		break;
	}
	return "none";
}

static json_object *
text_message(const char *text)
{
	json_object *m = json_object_new_object();
	json_object_object_add(m, "text", json_object_new_string(text));
	return m;
}

static json_object *
location(const char *path, uint32_t line, uint32_t column, uint32_t end_line,
	 uint32_t end_column, const char *snippet)
{
	json_object *artifact = json_object_new_object();
	struct strbuf uri;
	strbuf_init(&uri);
	escape_uri_path(&uri, path);
	json_object_object_add(artifact, "uri",
			       json_object_new_string(strbuf_str(&uri)));
	strbuf_finish(&uri);
	json_object_object_add(artifact, "uriBaseId",
			       json_object_new_string("%SRCROOT%"));
	json_object *region = json_object_new_object();
	json_object_object_add(region, "startLine",
			       json_object_new_int64(line));
	json_object_object_add(region, "startColumn",
			       json_object_new_int64(column));
	if (end_line > 0) {
		json_object_object_add(region, "endLine",
				       json_object_new_int64(end_line));
		json_object_object_add(region, "endColumn",
				       json_object_new_int64(end_column));
	}
	if (snippet != NULL)
		json_object_object_add(region, "snippet",
				       text_message(snippet));
	json_object *physical = json_object_new_object();
	json_object_object_add(physical, "artifactLocation", artifact);
	json_object_object_add(physical, "region", region);
	json_object *loc = json_object_new_object();
	json_object_object_add(loc, "physicalLocation", physical);
	return loc;
}

static json_object *
rule_descriptor(const struct sf_report_rule *rule)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_string(rule->id));
	/* The multitool's SARIF1001: a name must differ from the id (the
	 * findings that are not rules of the catalogue have no other). */
	if (strcmp(rule->name, rule->id) != 0)
		json_object_object_add(o, "name",
				       json_object_new_string(rule->name));
	json_object_object_add(o, "shortDescription",
			       text_message(rule->summary));
	char *full = report_rule_description(rule->doc);
	json_object_object_add(o, "fullDescription", text_message(full));
	free(full);
	char *plain = report_markdown_to_text(rule->doc);
	json_object *help = text_message(plain);
	free(plain);
	json_object_object_add(help, "markdown",
			       json_object_new_string(rule->doc));
	json_object_object_add(o, "help", help);
	json_object *config = json_object_new_object();
	json_object_object_add(
		config, "level",
		json_object_new_string(sarif_level(rule->severity)));
	json_object_object_add(o, "defaultConfiguration", config);
	return o;
}

/* A fingerprint that survives edits elsewhere in the file: the rule, the
 * path and the flagged line's text without its indentation. */
static char *
fingerprint(const struct sf_diagnostic *d)
{
	const char *t = d->line_text ? d->line_text : "";
	while (*t == ' ' || *t == '\t')
		t++;
	uint32_t h1 = sf_hash(d->rule_id, strlen(d->rule_id));
	uint32_t h2 = sf_hash(d->path, strlen(d->path));
	uint32_t h3 = sf_hash(t, strlen(t));
	return xasprintf("%08x%08x%08x", h1, h2, h3);
}

static int
rule_index_of(const struct sf_report *r, const char *id)
{
	for (uint32_t i = 0; i < r->nrules; i++)
		if (strcmp(r->rules[i].id, id) == 0)
			return (int)i;
	return -1;
}

static json_object *
result(const struct sf_report *r, const struct sf_diagnostic *d)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "ruleId", json_object_new_string(d->rule_id));
	int index = rule_index_of(r, d->rule_id);
	if (index >= 0)
		json_object_object_add(o, "ruleIndex",
				       json_object_new_int(index));
	json_object_object_add(
		o, "level", json_object_new_string(sarif_level(d->severity)));
	char *text = d->help ? xasprintf("%s. Fix: %s", d->message, d->help)
			     : xstrdup(d->message);
	json_object_object_add(o, "message", text_message(text));
	free(text);
	json_object *locations = json_object_new_array();
	json_object_array_add(locations, location(d->path, d->start.line,
						  d->start.column, d->end.line,
						  d->end.column, d->line_text));
	json_object_object_add(o, "locations", locations);
	if (d->related.n > 0) {
		json_object *related = json_object_new_array();
		for (uint32_t i = 0; i < d->related.n; i++) {
			const struct sf_related *rel = &d->related.v[i];
			json_object *loc =
				location(rel->path, rel->pos.line,
					 rel->pos.column, 0, 0, NULL);
			json_object_object_add(loc, "id",
					       json_object_new_int((int)i));
			json_object_object_add(loc, "message",
					       text_message(rel->message));
			json_object_array_add(related, loc);
		}
		json_object_object_add(o, "relatedLocations", related);
	}
	char *fp = fingerprint(d);
	json_object *fps = json_object_new_object();
	json_object_object_add(fps, "stackfit/v1", json_object_new_string(fp));
	json_object_object_add(o, "partialFingerprints", fps);
	free(fp);
	return o;
}

int
report_sarif(FILE *out, const struct sf_report *r)
{
	json_object *driver = json_object_new_object();
	json_object_object_add(driver, "name",
			       json_object_new_string("stackfit"));
	json_object_object_add(driver, "version",
			       json_object_new_string(r->tool_version));
	json_object_object_add(driver, "informationUri",
			       json_object_new_string(STACKFIT_HOMEPAGE));
	json_object *rules = json_object_new_array();
	for (uint32_t i = 0; i < r->nrules; i++)
		json_object_array_add(rules, rule_descriptor(&r->rules[i]));
	json_object_object_add(driver, "rules", rules);
	json_object *tool = json_object_new_object();
	json_object_object_add(tool, "driver", driver);

	json_object *run = json_object_new_object();
	json_object_object_add(run, "tool", tool);
	/* The root as a file URI ending in '/', so that relative result
	 * URIs resolve against it. */
	struct strbuf root_uri;
	strbuf_init(&root_uri);
	strbuf_puts(&root_uri, "file://");
	escape_uri_path(&root_uri, strcmp(r->root, "/") == 0 ? "" : r->root);
	strbuf_putc(&root_uri, '/');
	json_object *srcroot = json_object_new_object();
	json_object_object_add(srcroot, "uri",
			       json_object_new_string(strbuf_str(&root_uri)));
	strbuf_finish(&root_uri);
	json_object *bases = json_object_new_object();
	json_object_object_add(bases, "%SRCROOT%", srcroot);
	json_object_object_add(run, "originalUriBaseIds", bases);
	json_object_object_add(run, "columnKind",
			       json_object_new_string("unicodeCodePoints"));
	json_object *results = json_object_new_array();
	for (uint32_t i = 0; i < r->diags->items.n; i++)
		json_object_array_add(results,
				      result(r, &r->diags->items.v[i]));
	json_object_object_add(run, "results", results);

	json_object *root = json_object_new_object();
	json_object_object_add(
		root, "$schema",
		json_object_new_string(
			"https://docs.oasis-open.org/sarif/sarif/"
			"v2.1.0/errata01/os/schemas/"
			"sarif-schema-2.1.0.json"));
	json_object_object_add(root, "version",
			       json_object_new_string("2.1.0"));
	json_object *runs = json_object_new_array();
	json_object_array_add(runs, run);
	json_object_object_add(root, "runs", runs);
	return report_json_emit(out, root);
}
