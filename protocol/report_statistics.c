/*
 * `--statistics`: how many findings each rule has, most frequent first, as
 * ruff prints them — for a first look at a repository, or to follow a
 * migration in CI. The JSON form is described in docs/json-report.md.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "util/vec.h"

struct row {
	const char *rule, *name; /* borrowed from the findings */
	uint32_t count, fixable;
};

static int
cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->rule, y->rule);
}

int
report_statistics(FILE *out, const struct sf_report *r, bool json)
{
	VEC(struct row) rows = {0};
	for (uint32_t i = 0; i < r->diags->items.n; i++) {
		const struct sf_diagnostic *d = &r->diags->items.v[i];
		struct row *row = NULL;
		for (uint32_t k = 0; k < rows.n && row == NULL; k++)
			if (strcmp(rows.v[k].rule, d->rule_id) == 0)
				row = &rows.v[k];
		if (row == NULL) {
			row = VEC_PUSH(rows);
			*row = (struct row){.rule = d->rule_id,
					    .name = d->rule_name};
		}
		row->count++;
		row->fixable += d->fix != NULL;
	}
	if (rows.n > 0)
		qsort(rows.v, rows.n, sizeof *rows.v, cmp_rows);
	int rc = 0;
	if (json) {
		json_object *a = json_object_new_array();
		for (uint32_t i = 0; i < rows.n; i++) {
			json_object *o = json_object_new_object();
			json_object_object_add(
				o, "rule",
				json_object_new_string(rows.v[i].rule));
			json_object_object_add(
				o, "name",
				json_object_new_string(rows.v[i].name));
			json_object_object_add(
				o, "count",
				json_object_new_int64(rows.v[i].count));
			json_object_object_add(
				o, "fixable",
				json_object_new_int64(rows.v[i].fixable));
			json_object_array_add(a, o);
		}
		rc = report_json_emit(out, a);
	} else {
		int width =
			rows.n ? snprintf(NULL, 0, "%u", rows.v[0].count) : 1;
		for (uint32_t i = 0; i < rows.n; i++) {
			fprintf(out, "%*u\t", width, rows.v[i].count);
			escape_fputs(out, rows.v[i].rule, 0);
			fputs(rows.v[i].fixable ? "\t[*] " : "\t[ ] ", out);
			escape_fputs(out, rows.v[i].name, 0);
			fputc('\n', out);
		}
	}
	VEC_FREE(rows);
	return rc;
}
