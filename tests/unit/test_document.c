/* Unit tests of documents: edits in each position encoding, the tree kept
 * in step, and findings after incremental reparses. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"

/* Line 2 has an emoji (4 bytes, 2 UTF-16 units) and é (2 bytes, 1 unit). */
static const char *const SRC =
	"const fs = require('fs');\n"
	"app.get('/', (req, res) => {\n"
	"  const s = \"\xf0\x9f\x98\x80\xc3\xa9\"; fs.readFileSync(p);\n"
	"});\n";

static struct sf_document *
open_js(const char *src)
{
	return document_create(language_for_path("a.js"), "a.js", 0, src,
			       (uint32_t)strlen(src));
}

static uint32_t
analyse(struct sf_document *d)
{
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	document_analyse(d, e, p, NULL);
	parser_destroy(p);
	engine_destroy(e);
	return document_diagnostics(d)->items.n;
}

static void
position__after_multibyte__per_encoding(void **state)
{
	(void)state;
	struct sf_document *d = open_js(SRC);
	assert_int_equal(analyse(d), 1);
	const struct sf_diagnostic *g = &document_diagnostics(d)->items.v[0];
	struct document_position p16 =
		document_position(d, DOCUMENT_UTF16, g->span.start);
	struct document_position p8 =
		document_position(d, DOCUMENT_UTF8, g->span.start);
	struct document_position p32 =
		document_position(d, DOCUMENT_UTF32, g->span.start);
	assert_int_equal(p16.line, 2);
	assert_int_equal(p16.character, 19); /* `  const s = "` 13 + 2+1+2 */
	assert_int_equal(p8.character, 22);
	assert_int_equal(p32.character, 18);
	for (int e = DOCUMENT_UTF16; e <= DOCUMENT_UTF32; e++) {
		struct document_position p =
			document_position(d, e, g->span.start);
		assert_int_equal(document_offset(d, e, p), g->span.start);
	}
	document_destroy(d);
}

static const char *
text(const struct sf_document *d)
{
	uint32_t n;
	return document_text(d, &n);
}

static void
edit__utf16_after_emoji__lands_on_the_right_byte(void **state)
{
	(void)state;
	struct sf_document *d = open_js(SRC);
	const char *why;
	/* Insert "X" right after the closing quote: UTF-16 column 17. */
	struct document_position at = {2, 17};
	assert_int_equal(document_edit(d, DOCUMENT_UTF16, at, at, "X", 1, &why),
			 0);
	assert_non_null(strstr(text(d), "\xc3\xa9\"X; fs"));
	document_destroy(d);
}

static void
edit__incremental_sequence__equals_full_reparse(void **state)
{
	(void)state;
	struct sf_document *d = open_js(SRC);
	assert_int_equal(analyse(d), 1);
	const char *why;
	/* A new flagged line at the top of the handler... */
	struct document_position a = {2, 0};
	const char *ins = "  fs.readdirSync(q);\n";
	assert_int_equal(document_edit(d, DOCUMENT_UTF16, a, a, ins,
				       (uint32_t)strlen(ins), &why),
			 0);
	assert_int_equal(analyse(d), 2);
	/* ...then readFileSync becomes readFile on (now) line 3. */
	struct document_position s = {3, 30}, e = {3, 34};
	assert_int_equal(document_edit(d, DOCUMENT_UTF16, s, e, "", 0, &why),
			 0);
	assert_non_null(strstr(text(d), "fs.readFile(p)"));
	assert_int_equal(analyse(d), 1);
	/* The same text parsed from scratch gives the same findings. */
	struct sf_document *fresh = open_js(text(d));
	assert_int_equal(analyse(fresh), 1);
	assert_int_equal(document_diagnostics(fresh)->items.v[0].span.start,
			 document_diagnostics(d)->items.v[0].span.start);
	document_destroy(fresh);
	document_destroy(d);
}

static void
edit__out_of_range__clamped_or_refused(void **state)
{
	(void)state;
	struct sf_document *d = open_js("ab\r\ncd");
	const char *why;
	/* Past the end of a line: before its \r\n. */
	struct document_position p = {0, 99};
	assert_int_equal(document_edit(d, DOCUMENT_UTF16, p, p, "!", 1, &why),
			 0);
	assert_string_equal(text(d), "ab!\r\ncd");
	/* Past the last line: the end of the document. */
	struct document_position q = {50, 0};
	assert_int_equal(document_edit(d, DOCUMENT_UTF8, q, q, "?", 1, &why),
			 0);
	assert_string_equal(text(d), "ab!\r\ncd?");
	struct document_position s = {1, 1}, e = {0, 0};
	assert_int_equal(document_edit(d, DOCUMENT_UTF8, s, e, "", 0, &why),
			 -1);
	assert_non_null(why);
	assert_string_equal(text(d), "ab!\r\ncd?");
	assert_int_equal(document_line_count(d), 2);
	document_destroy(d);
}

static void
replace__full_text__reanalysed(void **state)
{
	(void)state;
	struct sf_document *d = open_js(SRC);
	assert_int_equal(analyse(d), 1);
	document_replace(d, "let x = 1;\n", 11);
	assert_int_equal(analyse(d), 0);
	assert_int_equal(document_line_count(d), 2);
	document_destroy(d);
}

static void
language__none__text_kept_no_findings(void **state)
{
	(void)state;
	struct sf_document *d =
		document_create(NULL, "notes.txt", 0, "fs.readFileSync()", 17);
	assert_int_equal(analyse(d), 0);
	document_destroy(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(position__after_multibyte__per_encoding),
		cmocka_unit_test(
			edit__utf16_after_emoji__lands_on_the_right_byte),
		cmocka_unit_test(
			edit__incremental_sequence__equals_full_reparse),
		cmocka_unit_test(edit__out_of_range__clamped_or_refused),
		cmocka_unit_test(replace__full_text__reanalysed),
		cmocka_unit_test(language__none__text_kept_no_findings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
