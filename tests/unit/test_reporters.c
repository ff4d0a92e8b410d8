/* Unit tests of the text and JSON reports. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "report.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static const char *const SRC =
	"const fs = require('fs');\n"
	"app.get('/', (req, res) => {\n"
	"  const s = \"\xc3\xa9\xf0\x9f\x98\x80\"; fs.readFileSync(p);\n"
	"});\n";

/* Renders the findings of SRC in fmt into a string (caller frees). */
static char *
render(enum report_format fmt, bool color, struct sf_diag_list *l)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct sf_report r = {
		.tool_version = "0.0.0",
		.root = "/repo",
		.files = 1,
		.diags = l,
	};
	struct report_options o = {.color = color};
	assert_int_equal(report_write(out, fmt, &r, &o), 0);
	fclose(out);
	return buf;
}

static void
json__document__has_the_contract_keys(void **state)
{
	(void)state;
	struct sf_diag_list l;
	diag_list_init(&l);
	test_check("src/app.js", SRC, &l);
	assert_int_equal(l.items.n, 1);
	char *s = render(REPORT_JSON, false, &l);
	json_object *root = json_tokener_parse(s);
	assert_non_null(root);
	json_object *v;
	assert_true(json_object_object_get_ex(root, "tool", &v));
	assert_true(json_object_object_get_ex(root, "root", &v));
	assert_string_equal(json_object_get_string(v), "/repo");
	assert_true(json_object_object_get_ex(root, "files", &v));
	assert_int_equal(json_object_get_int(v), 1);
	assert_true(json_object_object_get_ex(root, "profile", &v));
	assert_true(json_object_object_get_ex(root, "diagnostics", &v));
	json_object *d = json_object_array_get_idx(v, 0);
	static const char *const keys[] = {
		"rule",    "name",      "severity", "path", "line",   "column",
		"endLine", "endColumn", "message",  "help", "related"};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		assert_true(json_object_object_get_ex(d, keys[i], &v));
	json_object_object_get_ex(d, "rule", &v);
	assert_string_equal(json_object_get_string(v), "JS101");
	json_object_object_get_ex(d, "path", &v);
	assert_string_equal(json_object_get_string(v), "src/app.js");
	json_object_object_get_ex(d, "line", &v);
	assert_int_equal(json_object_get_int(v), 3);
	/* Columns count code points: `  const s = "é😀"; ` is 18 of them. */
	json_object_object_get_ex(d, "column", &v);
	assert_int_equal(json_object_get_int(v), 19);
	json_object_object_get_ex(d, "endColumn", &v);
	assert_int_equal(json_object_get_int(v), 19 + 15);
	json_object_put(root);
	free(s);
	diag_list_finish(&l);
}

static void
text__finding__header_frame_caret_help(void **state)
{
	(void)state;
	struct sf_diag_list l;
	diag_list_init(&l);
	test_check("src/app.js", SRC, &l);
	char *s = render(REPORT_TEXT, false, &l);
	assert_non_null(strstr(s, "src/app.js:3:19: JS101 [warning] "
				  "`fs.readFileSync` blocks the event loop"));
	/* The caret sits under the call: 18 spaces after the gutter. */
	assert_non_null(strstr(s, "  |                   ^^^^^^^^^^^^^^^\n"));
	assert_non_null(strstr(s, "  = help: use fs.promises.readFile\n"));
	assert_non_null(
		strstr(s, "Found 1 problem (1 warning) in 1 of 1 file."));
	assert_null(strchr(s, '\033'));
	free(s);
	s = render(REPORT_TEXT, true, &l);
	assert_non_null(strchr(s, '\033'));
	free(s);
	diag_list_finish(&l);
}

static void
text__minified_line__window_with_caret(void **state)
{
	(void)state;
	/* One line: 3,000 `é;` (three bytes, two code points each) and a
	 * handler that reads synchronously at its end. */
	struct strbuf b;
	strbuf_init(&b);
	strbuf_puts(&b, "const fs = require('fs');");
	for (int i = 0; i < 3000; i++)
		strbuf_puts(&b, "\xc3\xa9;");
	strbuf_puts(&b, "app.get('/', (q, r) => fs.readFileSync(p));\n");
	struct sf_diag_list l;
	diag_list_init(&l);
	test_check("m.js", strbuf_str(&b), &l);
	assert_int_equal(l.items.n, 1);
	const struct sf_diagnostic *d = &l.items.v[0];
	assert_int_equal(d->start.column, 25 + 6000 + 23 + 1);
	/* A window of at most DIAG_LINE_TEXT_MAX bytes, from about
	 * DIAG_LINE_TEXT_BEFORE bytes before the call (back to the start of
	 * a character), and its column. */
	assert_true(strlen(d->line_text) <= DIAG_LINE_TEXT_MAX);
	const char *call = strstr(d->line_text, "fs.readFileSync");
	assert_non_null(call);
	size_t before = (size_t)(call - d->line_text);
	assert_true(before >= DIAG_LINE_TEXT_BEFORE &&
		    before <= DIAG_LINE_TEXT_BEFORE + 3);
	uint32_t cps = utf8_count(d->line_text, before);
	assert_int_equal(d->line_col + cps, d->start.column);
	char *s = render(REPORT_TEXT, false, &l);
	/* The frame says it is cut ("…"); the caret is under the call. */
	assert_non_null(strstr(s, "| \xe2\x80\xa6"));
	char caret[200];
	snprintf(caret, sizeof caret, "  | %*s^^^^^^^^^^^^^^^\n", (int)cps + 1,
		 "");
	assert_non_null(strstr(s, caret));
	free(s);
	diag_list_finish(&l);
	strbuf_finish(&b);
}

static void
text__no_findings__says_so(void **state)
{
	(void)state;
	struct sf_diag_list l;
	diag_list_init(&l);
	char *s = render(REPORT_TEXT, false, &l);
	assert_string_equal(s, "No problems found in 1 file.\n");
	free(s);
}

static void
github__special_characters__escaped(void **state)
{
	(void)state;
	struct sf_diag_list l;
	diag_list_init(&l);
	test_check("a,b:c.js", SRC, &l);
	free(l.items.v[0].message);
	l.items.v[0].message = xstrdup("50% done\nnext: a, b");
	char *s = render(REPORT_GITHUB, false, &l);
	assert_non_null(
		strstr(s, "::warning file=a%2Cb%3Ac.js,line=3,col=19,"));
	assert_non_null(strstr(s, "::50%25 done%0Anext: a, b%0Ahelp: use "));
	/* One line: the only newline is the last character. */
	assert_int_equal(strcspn(s, "\n") + 1, strlen(s));
	free(s);
	diag_list_finish(&l);
}

/* Positions past the line (a corrupted cache entry's) draw the caret to
 * the end of the line shown, not billions of carets. */
static void
text__end_past_the_line__caret_stops_at_the_line(void **state)
{
	(void)state;
	struct sf_diag_list l;
	diag_list_init(&l);
	test_check("src/app.js", SRC, &l);
	assert_int_equal(l.items.n, 1);
	l.items.v[0].end.column = 4000000000u;
	char *s = render(REPORT_TEXT, false, &l);
	assert_true(strlen(s) < 4096);
	/* The caret runs from fs.readFileSync to the end of its line:
	 * `fs.readFileSync(p);` is 19 characters. */
	assert_non_null(strstr(s, " ^^^^^^^^^^^^^^^^^^^\n"));
	free(s);
	diag_list_finish(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json__document__has_the_contract_keys),
		cmocka_unit_test(text__finding__header_frame_caret_help),
		cmocka_unit_test(text__minified_line__window_with_caret),
		cmocka_unit_test(text__no_findings__says_so),
		cmocka_unit_test(github__special_characters__escaped),
		cmocka_unit_test(
			text__end_past_the_line__caret_stops_at_the_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
