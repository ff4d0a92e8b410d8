/* Unit tests of the unused-suppression report of a file given as text, as
 * the language server gives an open document to its project: which
 * comments are reported, and that each fix's edit, applied to the text,
 * leaves the expected code. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "project.h"
#include "suppression.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The unused-ignore findings of src (a file at path) into out. */
static void
report(const char *path, const char *src, struct sf_diag_list *out)
{
	xalloc_install_tree_sitter();
	struct sf_project *pj = project_create(engine_create());
	project_set_report_unused(pj, true);
	project_update_text(pj, path, 0, src, (uint32_t)strlen(src));
	project_solve(pj, NULL);
	const struct sf_diag_list *all = project_findings(pj);
	struct sf_diag_list one = {0};
	for (uint32_t i = 0; i < all->items.n; i++) {
		if (strcmp(all->items.v[i].rule_id, SUPPRESSION_RULE) != 0)
			continue;
		one.items.v = &all->items.v[i];
		one.items.n = 1;
		diag_list_copy(out, &one);
	}
	project_destroy(pj);
}

/* src with the edits of finding i's fix applied (owned by the caller). */
static char *
apply(const char *src, const struct sf_diag_list *l, uint32_t i)
{
	assert_true(i < l->items.n);
	const struct sf_fix *fix = l->items.v[i].fix;
	assert_non_null(fix);
	assert_int_equal(fix->edits.n, 1);
	const struct sf_edit *e = &fix->edits.v[0];
	size_t len = strlen(src);
	assert_true(e->span.start <= e->span.end && e->span.end <= len);
	struct strbuf b;
	strbuf_init(&b);
	strbuf_append(&b, src, e->span.start);
	strbuf_puts(&b, e->text);
	strbuf_puts(&b, src + e->span.end);
	return strbuf_detach(&b);
}

/* The one finding of src, fixed, is want. */
static void
expect_fixed(const char *path, const char *src, const char *want)
{
	struct sf_diag_list l;
	diag_list_init(&l);
	report(path, src, &l);
	assert_int_equal(l.items.n, 1);
	assert_string_equal(l.items.v[0].rule_id, SUPPRESSION_RULE);
	char *got = apply(src, &l, 0);
	assert_string_equal(got, want);
	free(got);
	diag_list_finish(&l);
}

static void
fix__trailing_line_comment__comment_and_blanks_go(void **state)
{
	(void)state;
	expect_fixed("a.js", "let x = 1;   // stackfit: ignore\nx++;\n",
		     "let x = 1;\nx++;\n");
	expect_fixed("a.py", "x = 1  # stackfit: ignore\r\ny = 2\r\n",
		     "x = 1\r\ny = 2\r\n");
	/* What follows the directive is its reason: it goes with it. */
	expect_fixed("a.js", "let x = 1; // stackfit: ignore -- start-up\n",
		     "let x = 1;\n");
}

static void
fix__alone_on_line__line_goes(void **state)
{
	(void)state;
	expect_fixed("a.js",
		     "let a = 1;\n  // stackfit: ignore[JS101]\nlet b;\n",
		     "let a = 1;\nlet b;\n");
	expect_fixed("a.py", "a = 1\n\t# stackfit: ignore\r\nb = 2\n",
		     "a = 1\nb = 2\n");
	/* The last line, without a newline: the one before goes. */
	expect_fixed("a.py", "a = 1\n# stackfit: ignore", "a = 1");
	expect_fixed("a.js", "// stackfit: ignore-file\nlet a = 1;\n",
		     "let a = 1;\n");
}

static void
fix__block_comment__comment_goes(void **state)
{
	(void)state;
	expect_fixed("a.js", "/* stackfit: ignore */ let a = 1;\n",
		     "let a = 1;\n");
	expect_fixed("a.js", "let a = 1; /** stackfit: ignore */\n",
		     "let a = 1;\n");
	/* Over two lines: only the directive goes, the comment stays
	 * closed. */
	expect_fixed("a.js", "/* stackfit: ignore\n   why */\nlet a = 1;\n",
		     "/* \n   why */\nlet a = 1;\n");
}

static void
fix__other_comment_on_line__it_stays(void **state)
{
	(void)state;
	expect_fixed("a.py", "x = 1  # stackfit: ignore  # noqa: E501\n",
		     "x = 1  # noqa: E501\n");
	expect_fixed("a.py", "x = 1  # noqa stackfit: ignore\n",
		     "x = 1  # noqa\n");
	expect_fixed("a.js", "let x = 1; // see #12 stackfit: ignore\n",
		     "let x = 1; // see #12\n");
}

static const char *const HANDLER =
	"const fs = require('fs');\n"
	"app.get('/', (req, res) => {\n"
	"  fs.readFileSync('a'); // stackfit: ignore[js101, JS999, JS102]\n"
	"});\n";

static void
fix__partial_list__only_those_ids_go(void **state)
{
	(void)state;
	struct sf_diag_list l;
	diag_list_init(&l);
	report("a.js", HANDLER, &l);
	/* JS999 unknown, JS102 unused; JS101 used. */
	assert_int_equal(l.items.n, 2);
	uint32_t unknown = strstr(l.items.v[0].message, "JS999") ? 0 : 1;
	assert_non_null(strstr(l.items.v[unknown].message, "unknown rule id"));
	assert_non_null(strstr(l.items.v[1 - unknown].message, "no JS102"));
	assert_null(strstr(l.items.v[1 - unknown].message, "JS101"));
	char *a = apply(HANDLER, &l, unknown);
	assert_non_null(
		strstr(a, "('a'); // stackfit: ignore[js101, JS102]\n"));
	char *b = apply(HANDLER, &l, 1 - unknown);
	assert_non_null(
		strstr(b, "('a'); // stackfit: ignore[js101, JS999]\n"));
	free(a);
	free(b);
	diag_list_finish(&l);
}

static void
report__used_comment__nothing(void **state)
{
	(void)state;
	struct sf_diag_list l;
	diag_list_init(&l);
	report("a.js",
	       "const fs = require('fs');\n"
	       "app.get('/', (req, res) => {\n"
	       "  // stackfit: ignore\n"
	       "  fs.readFileSync('a');\n"
	       "});\n",
	       &l);
	assert_int_equal(l.items.n, 0);
	diag_list_finish(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			fix__trailing_line_comment__comment_and_blanks_go),
		cmocka_unit_test(fix__alone_on_line__line_goes),
		cmocka_unit_test(fix__block_comment__comment_goes),
		cmocka_unit_test(fix__other_comment_on_line__it_stays),
		cmocka_unit_test(fix__partial_list__only_those_ids_go),
		cmocka_unit_test(report__used_comment__nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
