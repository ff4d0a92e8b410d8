/*
 * The JSON report. Key names are a contract: tools parse them.
 * docs/json-report.md documents it and docs/json-report.schema.json
 * describes it; a change other than a new key raises
 * REPORT_JSON_FORMAT_VERSION.
 */
#include "report.h"

#include <string.h>

#include <json-c/json.h>

#include "diagnostic.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* "path", and "pathUri" beside it when the path is not UTF-8: the report
 * is UTF-8, so "path" has U+FFFD for those bytes, and "pathUri" keeps them
 * percent-encoded (a URI reference relative to the root). */
static void
add_path(json_object *o, const char *path)
{
	json_object_object_add(o, "path", json_object_new_string(path));
	if (utf8_valid(path, strlen(path)))
		return;
	struct strbuf b;
	strbuf_init(&b);
	escape_uri_path(&b, path);
	json_object_object_add(o, "pathUri",
			       json_object_new_string(strbuf_str(&b)));
	strbuf_finish(&b);
}

static json_object *
diagnostic_json(const struct sf_diagnostic *d)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "rule", json_object_new_string(d->rule_id));
	json_object_object_add(o, "name", json_object_new_string(d->rule_name));
	json_object_object_add(
		o, "severity",
		json_object_new_string(severity_name(d->severity)));
	add_path(o, d->path);
	json_object_object_add(o, "line", json_object_new_int64(d->start.line));
	json_object_object_add(o, "column",
			       json_object_new_int64(d->start.column));
	json_object_object_add(o, "endLine",
			       json_object_new_int64(d->end.line));
	json_object_object_add(o, "endColumn",
			       json_object_new_int64(d->end.column));
	json_object_object_add(o, "message",
			       json_object_new_string(d->message));
	json_object_object_add(
		o, "help", d->help ? json_object_new_string(d->help) : NULL);
	json_object *related = json_object_new_array();
	for (uint32_t i = 0; i < d->related.n; i++) {
		const struct sf_related *r = &d->related.v[i];
		json_object *ro = json_object_new_object();
		add_path(ro, r->path);
		json_object_object_add(ro, "line",
				       json_object_new_int64(r->pos.line));
		json_object_object_add(ro, "column",
				       json_object_new_int64(r->pos.column));
		json_object_object_add(ro, "message",
				       json_object_new_string(r->message));
		json_object_array_add(related, ro);
	}
	json_object_object_add(o, "related", related);
	if (d->fix != NULL) {
		json_object *fix = json_object_new_object();
		json_object_object_add(fix, "title",
				       json_object_new_string(d->fix->title));
		json_object *edits = json_object_new_array();
		for (uint32_t i = 0; i < d->fix->edits.n; i++) {
			const struct sf_edit *e = &d->fix->edits.v[i];
			json_object *eo = json_object_new_object();
			/* Byte offsets plus 1-based lines; editors apply
			 * these against the same file. */
			json_object_object_add(
				eo, "startByte",
				json_object_new_int64(e->span.start));
			json_object_object_add(
				eo, "endByte",
				json_object_new_int64(e->span.end));
			json_object_object_add(
				eo, "line",
				json_object_new_int64(e->span.start_row + 1));
			json_object_object_add(eo, "text",
					       json_object_new_string(e->text));
			json_object_array_add(edits, eo);
		}
		json_object_object_add(fix, "edits", edits);
		json_object_object_add(o, "fix", fix);
	}
	return o;
}

static void
add_count(json_object *o, const char *key, uint32_t n)
{
	json_object_object_add(o, key, json_object_new_int64(n));
}

static json_object *
component_json(const struct report_component *c)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "path", json_object_new_string(c->path));
	json_object_object_add(o, "language",
			       json_object_new_string(c->language));
	json_object *fw = json_object_new_array();
	for (uint32_t i = 0; i < c->nframeworks; i++)
		json_object_array_add(fw,
				      json_object_new_string(c->frameworks[i]));
	json_object_object_add(o, "frameworks", fw);
	const struct report_workload *w = &c->workload;
	json_object *wo = json_object_new_object();
	json_object_object_add(wo, "shape", json_object_new_string(w->shape));
	add_count(wo, "files", w->files);
	add_count(wo, "functions", w->functions);
	add_count(wo, "asyncHandlers", w->async_handlers);
	add_count(wo, "requestHandlers", w->request_handlers);
	add_count(wo, "cpuHotSpots", w->cpu_hot_spots);
	add_count(wo, "threadTargets", w->thread_targets);
	add_count(wo, "processTargets", w->process_targets);
	add_count(wo, "cpuBoundThreadTargets", w->cpu_bound_thread_targets);
	add_count(wo, "ioBoundProcessTargets", w->io_bound_process_targets);
	add_count(wo, "realtimeEndpoints", w->realtime_endpoints);
	json_object_object_add(wo, "workerThreads",
			       json_object_new_boolean(w->worker_threads));
	json_object_object_add(o, "workload", wo);
	json_object_object_add(o, "concurrency",
			       json_object_new_string(c->concurrency));
	json_object *fit = json_object_new_object();
	json_object_object_add(fit, "verdict",
			       json_object_new_string(c->verdict));
	json_object_object_add(fit, "score", json_object_new_int(c->score));
	json_object *reasons = json_object_new_array();
	for (uint32_t i = 0; i < c->nreasons; i++) {
		const struct report_reason *rs = &c->reasons[i];
		json_object *ro = json_object_new_object();
		json_object_object_add(ro, "text",
				       json_object_new_string(rs->text));
		json_object_object_add(ro, "weight",
				       json_object_new_int(rs->weight));
		json_object *ids = json_object_new_array();
		for (uint32_t k = 0; k < rs->ndiags; k++)
			json_object_array_add(
				ids, json_object_new_int64(rs->diags[k]));
		json_object_object_add(ro, "diagnostics", ids);
		json_object_array_add(reasons, ro);
	}
	json_object_object_add(fit, "reasons", reasons);
	json_object_object_add(o, "fit", fit);
	return o;
}

static json_object *
profile_json(const struct sf_report *r)
{
	json_object *profile = json_object_new_object();
	json_object *components = json_object_new_array();
	for (uint32_t i = 0; i < r->ncomponents; i++)
		json_object_array_add(components,
				      component_json(&r->components[i]));
	json_object_object_add(profile, "components", components);
	return profile;
}

int
report_json(FILE *out, const struct sf_report *r)
{
	json_object *root = json_object_new_object();
	json_object_object_add(root, "formatVersion",
			       json_object_new_int(REPORT_JSON_FORMAT_VERSION));
	json_object *tool = json_object_new_object();
	json_object_object_add(tool, "name",
			       json_object_new_string("stackfit"));
	json_object_object_add(tool, "version",
			       json_object_new_string(r->tool_version));
	json_object_object_add(root, "tool", tool);
	json_object_object_add(root, "root", json_object_new_string(r->root));
	json_object_object_add(root, "files", json_object_new_int64(r->files));
	json_object *diags = json_object_new_array();
	for (uint32_t i = 0; i < r->diags->items.n; i++)
		json_object_array_add(diags,
				      diagnostic_json(&r->diags->items.v[i]));
	json_object_object_add(root, "diagnostics", diags);
	json_object_object_add(root, "profile", profile_json(r));
	return report_json_emit(out, root);
}
