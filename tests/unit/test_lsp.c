/* Unit tests of the LSP conversions. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "lsp.h"

static void
uri__round_trip__percent_encoding(void **state)
{
	(void)state;
	char *uri = lsp_path_to_uri("/tmp/a b/é#1.js");
	assert_string_equal(uri, "file:///tmp/a%20b/%C3%A9%231.js");
	char *path = lsp_uri_to_path(uri);
	assert_string_equal(path, "/tmp/a b/é#1.js");
	free(uri);
	free(path);
	path = lsp_uri_to_path("file://localhost/x/y.py");
	assert_string_equal(path, "/x/y.py");
	free(path);
}

static void
uri__not_a_local_file__refused(void **state)
{
	(void)state;
	assert_null(lsp_uri_to_path("untitled:Untitled-1"));
	assert_null(lsp_uri_to_path("file://host/x.js"));
	assert_null(lsp_uri_to_path("file:///a%00b.js"));
	assert_null(lsp_uri_to_path("file:///a%zz.js"));
	assert_null(lsp_uri_to_path("file:///a%4"));
}

static void
read_range__bad_shapes__refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"{}",
		"{\"start\":{\"line\":0},\"end\":{\"line\":0,\"character\":0}}",
		"{\"start\":{\"line\":-1,\"character\":0},\"end\":{\"line\":0,"
		"\"character\":0}}",
		"{\"start\":{\"line\":\"0\",\"character\":0},\"end\":{\"line\":"
		"0,\"character\":0}}",
		"{\"start\":{\"line\":5000000000,\"character\":0},\"end\":{"
		"\"line\":0,\"character\":0}}",
		"[]",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		json_object *o = json_tokener_parse(bad[i]);
		struct lsp_range r;
		const char *why = NULL;
		if (lsp_read_range(o, &r, &why) != -1)
			fail_msg("accepted %s", bad[i]);
		assert_non_null(why);
		json_object_put(o);
	}
	json_object *o = json_tokener_parse(
		"{\"start\":{\"line\":1,\"character\":2},\"end\":{\"line\":3,"
		"\"character\":4}}");
	struct lsp_range r;
	const char *why;
	assert_int_equal(lsp_read_range(o, &r, &why), 0);
	assert_int_equal(r.start.line, 1);
	assert_int_equal(r.end.character, 4);
	json_object_put(o);
}

static const char *
str(json_object *o, const char *key)
{
	json_object *v = json_object_object_get(o, key);
	assert_non_null(v);
	return json_object_get_string(v);
}

static void
diagnostic__fields__code_source_href_related(void **state)
{
	(void)state;
	struct sf_diag_list l;
	diag_list_init(&l);
	test_check("src/app.js",
		   "const fs = require('fs');\n"
		   "app.get('/', (req, res) => { fs.readFileSync(p); });\n",
		   &l);
	assert_int_equal(l.items.n, 1);
	struct sf_diagnostic *d = &l.items.v[0];
	diag_add_related(d, "lib/helper.js", (struct sf_position){3, 5},
			 "called here");
	struct lsp_diagnostic_options o = {
		.code_description = true,
		.related = true,
		.docs_url = "https://docs.example/{name}/{id}",
		.root = "/repo",
	};
	struct lsp_range r = {{1, 29}, {1, 44}};
	json_object *j = lsp_diagnostic_json(d, r, &o);
	assert_string_equal(str(j, "code"), "JS101");
	assert_string_equal(str(j, "source"), "stackfit");
	assert_int_equal(
		json_object_get_int(json_object_object_get(j, "severity")), 2);
	assert_non_null(strstr(str(j, "message"), "\nhelp: use "));
	json_object *cd = json_object_object_get(j, "codeDescription");
	assert_string_equal(str(cd, "href"),
			    "https://docs.example/sync-io-in-event-loop/JS101");
	json_object *ri = json_object_array_get_idx(
		json_object_object_get(j, "relatedInformation"), 0);
	json_object *loc = json_object_object_get(ri, "location");
	assert_string_equal(str(loc, "uri"), "file:///repo/lib/helper.js");
	json_object *start = json_object_object_get(
		json_object_object_get(loc, "range"), "start");
	assert_int_equal(
		json_object_get_int(json_object_object_get(start, "line")), 2);
	assert_int_equal(
		json_object_get_int(json_object_object_get(start, "character")),
		4);
	json_object_put(j);

	/* A client without the capabilities gets neither field. */
	struct lsp_diagnostic_options bare = {
		.docs_url = "https://docs.example/{id}"};
	j = lsp_diagnostic_json(d, r, &bare);
	assert_null(json_object_object_get(j, "codeDescription"));
	assert_null(json_object_object_get(j, "relatedInformation"));
	json_object_put(j);
	/* Nor does one when no documentation URL was given. */
	struct lsp_diagnostic_options no_url = {.code_description = true};
	j = lsp_diagnostic_json(d, r, &no_url);
	assert_null(json_object_object_get(j, "codeDescription"));
	assert_null(json_object_object_get(j, "tags"));
	json_object_put(j);
	/* Code that can go: tagged Unnecessary (1), for clients that can
	 * show it. */
	struct lsp_diagnostic_options tagged = {.unnecessary = true};
	j = lsp_diagnostic_json(d, r, &tagged);
	json_object *tags = json_object_object_get(j, "tags");
	assert_int_equal(json_object_array_length(tags), 1);
	assert_int_equal(
		json_object_get_int(json_object_array_get_idx(tags, 0)), 1);
	json_object_put(j);
	diag_list_finish(&l);
}

static void
workspace_edit__both_shapes(void **state)
{
	(void)state;
	struct lsp_range r = {{0, 0}, {0, 3}};
	json_object *edits = json_object_new_array();
	json_object_array_add(edits, lsp_text_edit(r, "x"));
	json_object *we = lsp_workspace_edit("file:///a.js", 4, edits, false);
	json_object *changes = json_object_object_get(we, "changes");
	assert_int_equal(json_object_array_length(json_object_object_get(
				 changes, "file:///a.js")),
			 1);
	json_object_put(we);
	edits = json_object_new_array();
	json_object_array_add(edits, lsp_text_edit(r, "x"));
	we = lsp_workspace_edit("file:///a.js", 4, edits, true);
	json_object *dc = json_object_array_get_idx(
		json_object_object_get(we, "documentChanges"), 0);
	json_object *td = json_object_object_get(dc, "textDocument");
	assert_int_equal(
		json_object_get_int(json_object_object_get(td, "version")), 4);
	json_object_put(we);
}

static void
markdown_to_plain__fences_and_headings__dropped(void **state)
{
	(void)state;
	char *p = lsp_markdown_to_plain("# JS101 x\n\n## Why\nText `a`.\n"
					"```js\ncode();\n```\n");
	assert_string_equal(p, "JS101 x\n\nWhy\nText `a`.\ncode();\n");
	free(p);
}

static const char brief_doc[] =
	"# JS101 sync-io\n\n## What it does\nFlags sync calls.\n\n"
	"## Why is this bad\nOne thread.\nEverything waits.\n\nMore.\n\n"
	"## Example\n```js\nbad();\n```\n\n"
	"## Use instead\n```js\ngood();\n```\nProse after.\n";

static void
rule_brief__why_and_instead__first_blocks_only(void **state)
{
	(void)state;
	char *md = lsp_rule_brief(brief_doc, true);
	assert_string_equal(md, "**Why is this bad:** One thread.\n"
				"Everything waits.\n\n**Use instead:**\n"
				"```js\ngood();\n```");
	free(md);
	char *plain = lsp_rule_brief(brief_doc, false);
	assert_string_equal(plain, "Why is this bad: One thread.\n"
				   "Everything waits.\n\nUse instead:\n"
				   "good();\n");
	free(plain);
}

static void
rule_brief__no_why__what_it_does_and_long_fence_closed(void **state)
{
	(void)state;
	char *md = lsp_rule_brief("## What it does\nFlags x:\n- a\n\n"
				  "## Use instead\n```py\n1\n2\n3\n4\n5\n"
				  "6\n7\n8\n9\n10\n11\n12\n13\n```\n",
				  true);
	assert_string_equal(md, "Flags x:\n- a\n\n**Use instead:**\n```py\n"
				"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n```");
	free(md);
	md = lsp_rule_brief("## Use instead\nUse this:\n```py\nx = 1\n\n"
			    "y = 2\n```\n",
			    true);
	assert_string_equal(md, "Use this:\n```py\nx = 1\n```");
	free(md);
	char *none = lsp_rule_brief("# title only\n", true);
	assert_string_equal(none, "");
	free(none);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uri__round_trip__percent_encoding),
		cmocka_unit_test(uri__not_a_local_file__refused),
		cmocka_unit_test(read_range__bad_shapes__refused),
		cmocka_unit_test(diagnostic__fields__code_source_href_related),
		cmocka_unit_test(workspace_edit__both_shapes),
		cmocka_unit_test(
			markdown_to_plain__fences_and_headings__dropped),
		cmocka_unit_test(
			rule_brief__why_and_instead__first_blocks_only),
		cmocka_unit_test(
			rule_brief__no_why__what_it_does_and_long_fence_closed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
