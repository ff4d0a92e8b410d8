/* Unit tests of documents: edits in each position encoding, the tree kept
 * in step, and findings after incremental reparses. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

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

/* A syntax error in one statement of several: after an edit elsewhere,
 * the chunks' findings may differ from the whole file's. */
static const char *const ERR_SRC = "const fs = require('fs');\n"
				   "function f( {\n"
				   "app.get('/', (req, res) => {\n"
				   "  fs.readFileSync(p);\n"
				   "});\n"
				   "\n"
				   "app.get('/b', (req, res) => {\n"
				   "  fs.readFileSync(q);\n"
				   "});\n";

/* d edited at its end and analysed fast: approximate. */
static void
approximate_after_edit(struct sf_document *d, const struct sf_engine *e,
		       struct sf_parser *p)
{
	document_analyse_fast(d, e, p, NULL);
	assert_false(document_approximate(d));
	const char *why;
	struct document_position end = {9, 0};
	assert_int_equal(document_edit(d, DOCUMENT_UTF16, end, end,
				       "fs.statSync(r);\n", 16, &why),
			 0);
	document_analyse_fast(d, e, p, NULL);
	assert_true(document_approximate(d));
}

/* Fails unless d's findings are those of a fresh open of its text, in the
 * same order with the same messages; returns how many there are. */
static uint32_t
same_as_fresh(struct sf_document *d, const struct sf_engine *e,
	      struct sf_parser *p)
{
	struct sf_document *fresh = open_js(text(d));
	document_analyse(fresh, e, p, NULL);
	const struct sf_diag_list *a = document_diagnostics(d),
				  *b = document_diagnostics(fresh);
	assert_int_equal(a->items.n, b->items.n);
	for (uint32_t i = 0; i < a->items.n; i++) {
		assert_int_equal(diag_compare(&a->items.v[i], &b->items.v[i]),
				 0);
		assert_string_equal(a->items.v[i].message,
				    b->items.v[i].message);
	}
	uint32_t n = a->items.n;
	document_destroy(fresh);
	return n;
}

static void
take_parse__same_text__findings_of_the_exact_analysis(void **state)
{
	(void)state;
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	struct sf_document *d = open_js(ERR_SRC);
	approximate_after_edit(d, e, p);
	struct sf_document *copy = document_copy(d);
	document_parse_whole(copy, p, NULL);
	assert_true(document_take_parse(d, copy, e, NULL));
	assert_false(document_approximate(d));
	assert_true(same_as_fresh(d, e, p) > 0);
	/* Taken once: nothing is left to take. */
	copy = document_copy(d);
	document_parse_whole(copy, p, NULL);
	assert_false(document_take_parse(d, copy, e, NULL));
	document_destroy(d);
	parser_destroy(p);
	engine_destroy(e);
}

/* A parse cancelled (the text changed while it ran) stops and leaves the
 * copy unparsed: nothing is taken, the document stays as it was; the
 * next parse, not cancelled, is taken. */
static void
parse_whole__cancelled__nothing_taken(void **state)
{
	(void)state;
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	struct sf_document *d = open_js(ERR_SRC);
	approximate_after_edit(d, e, p);
	uint32_t n = document_diagnostics(d)->items.n;
	atomic_bool cancel;
	atomic_init(&cancel, true);
	struct sf_document *copy = document_copy(d);
	document_parse_whole(copy, p, &cancel);
	assert_false(document_take_parse(d, copy, e, NULL));
	assert_true(document_approximate(d));
	assert_int_equal(document_diagnostics(d)->items.n, n);
	atomic_store(&cancel, false);
	copy = document_copy(d);
	document_parse_whole(copy, p, &cancel);
	assert_true(document_take_parse(d, copy, e, NULL));
	assert_false(document_approximate(d));
	assert_true(same_as_fresh(d, e, p) > 0);
	document_destroy(d);
	parser_destroy(p);
	engine_destroy(e);
}

static void
take_parse__text_changed__dropped(void **state)
{
	(void)state;
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	struct sf_document *d = open_js(ERR_SRC);
	approximate_after_edit(d, e, p);
	struct sf_document *copy = document_copy(d);
	document_parse_whole(copy, p, NULL);
	const char *why;
	struct document_position top = {0, 0};
	assert_int_equal(
		document_edit(d, DOCUMENT_UTF16, top, top, "\n", 1, &why), 0);
	document_analyse_fast(d, e, p, NULL);
	uint32_t n = document_diagnostics(d)->items.n;
	assert_false(document_take_parse(d, copy, e, NULL));
	/* Unchanged: still the keystroke's findings, still approximate. */
	assert_true(document_approximate(d));
	assert_int_equal(document_diagnostics(d)->items.n, n);
	document_destroy(d);
	parser_destroy(p);
	engine_destroy(e);
}

/* Two lines, then n handlers of six lines, a chunk and a finding each. */
static char *
many_chunks(int n, uint32_t *len)
{
	struct strbuf b;
	strbuf_init(&b);
	strbuf_puts(&b, "const fs = require('fs');\n"
			"const app = require('express')();\n");
	for (int i = 0; i < n; i++)
		strbuf_printf(&b,
			      "app.get('/r%d', (req, res) => {\n"
			      "  let total = 0;\n"
			      "  for (let k = 0; k < req.body.length; k++)\n"
			      "    total += req.body[k] * %d;\n"
			      "  res.send(fs.readFileSync('f' + total));\n"
			      "});\n",
			      i, i);
	*len = (uint32_t)b.len;
	return strbuf_detach(&b);
}

/* Issue 15, item 16: a chunk kept the syntax tree of its last reparse, so
 * typing a character into every statement of a file in turn left a tree
 * for each (a tree weighs about fifty times its text, more than the
 * chunks' facts). Only the trees of the chunks being edited are kept: the
 * heap stays near a fresh open's. */
static void
memory__typing_through_every_chunk__trees_not_kept(void **state)
{
	(void)state;
#if defined(__SANITIZE_ADDRESS__)
	skip();
#else
	xalloc_install_tree_sitter();
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	uint32_t len;
	char *src = many_chunks(300, &len);
	size_t m0 = test_heap_used();
	struct sf_document *d = open_js(src);
	document_analyse(d, e, p, NULL);
	size_t fresh = test_heap_used() - m0;
	const char *why;
	for (uint32_t line = 2; line < document_line_count(d) - 1; line += 6) {
		struct document_position at = {line + 1, 0};
		assert_int_equal(
			document_edit(d, DOCUMENT_UTF8, at, at, " ", 1, &why),
			0);
		document_analyse_fast(d, e, p, NULL);
		struct document_position to = {line + 1, 1};
		assert_int_equal(
			document_edit(d, DOCUMENT_UTF8, at, to, "", 0, &why),
			0);
		document_analyse_fast(d, e, p, NULL);
	}
	assert_string_equal(text(d), src);
	size_t edited = test_heap_used() - m0;
	fprintf(stderr, "fresh %zu bytes, after typing %zu\n", fresh, edited);
	assert_true(edited < fresh + fresh / 4);
	document_destroy(d);
	free(src);
	parser_destroy(p);
	engine_destroy(e);
#endif
}

/* Issue 15, item 16: the exact analysis of a text with a syntax error
 * made a second set of chunks (facts for every statement) beside the
 * document's, in a copy parsed whole. When the whole parse cuts the text
 * where the document's chunks are, with the same trees, their facts are
 * the whole file's already: the copy keeps nothing of its parse, and the
 * document taken from it has the findings of a fresh analysis. */
static void
take_parse__trees_as_the_chunks__copy_keeps_no_chunks(void **state)
{
	(void)state;
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	uint32_t len;
	char *src = many_chunks(200, &len);
	struct sf_document *d = open_js(src);
	document_analyse(d, e, p, NULL);
	/* A statement half typed into the 100th function. */
	const char *why;
	struct document_position at = {2 + 6 * 100 + 2, 0};
	assert_int_equal(
		document_edit(d, DOCUMENT_UTF8, at, at, "fs.statS", 8, &why),
		0);
	document_analyse_fast(d, e, p, NULL);
	assert_true(document_approximate(d));
	struct sf_document *copy = document_copy(d);
#if !defined(__SANITIZE_ADDRESS__)
	size_t m0 = test_heap_used();
#endif
	document_parse_whole(copy, p, NULL);
#if !defined(__SANITIZE_ADDRESS__)
	/* Not a chunk's facts (about 5 KB each) per statement. */
	size_t kept = test_heap_used() - m0;
	fprintf(stderr, "the copy's parse keeps %zu bytes\n", kept);
	assert_true(kept < 50u * 1024);
#endif
	assert_true(document_take_parse(d, copy, e, NULL));
	assert_false(document_approximate(d));
	assert_true(same_as_fresh(d, e, p) >= 200);
	document_destroy(d);
	free(src);
	parser_destroy(p);
	engine_destroy(e);
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
		cmocka_unit_test(
			take_parse__same_text__findings_of_the_exact_analysis),
		cmocka_unit_test(parse_whole__cancelled__nothing_taken),
		cmocka_unit_test(take_parse__text_changed__dropped),
		cmocka_unit_test(
			memory__typing_through_every_chunk__trees_not_kept),
		cmocka_unit_test(
			take_parse__trees_as_the_chunks__copy_keeps_no_chunks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
