/* Unit tests of UTF-8 column arithmetic. */
#include "helpers.h"

#include <string.h>

#include "util/escape.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static uint32_t
count(const char *s)
{
	return utf8_count(s, strlen(s));
}

static uint32_t
count16(const char *s)
{
	return utf8_count_utf16(s, strlen(s));
}

static void
count__ascii_runs_of_every_length(void **state)
{
	(void)state;
	char buf[40];
	for (size_t n = 0; n < sizeof buf; n++) {
		memset(buf, 'a', n);
		assert_int_equal(utf8_count(buf, n), n);
		assert_int_equal(utf8_count_utf16(buf, n), n);
	}
}

static void
count__multibyte_anywhere_in_a_run(void **state)
{
	(void)state;
	/* "é" (2 bytes) at every offset of a 20-byte ASCII run: the fast
	 * 8-byte path must stop at it wherever it falls. */
	for (size_t at = 0; at <= 20; at++) {
		char buf[32];
		memset(buf, 'x', 20);
		memmove(buf + at + 2, buf + at, 20 - at);
		memcpy(buf + at, "\xc3\xa9", 2);
		assert_int_equal(utf8_count(buf, 22), 21);
		assert_int_equal(utf8_count_utf16(buf, 22), 21);
	}
	assert_int_equal(count("const s = '\xe2\x82\xac\xe2\x82\xac'; f()"),
			 19);
	/* U+1F600: one code point, two UTF-16 units. */
	assert_int_equal(count("abcdefgh\xf0\x9f\x98\x80ijklmnop"), 17);
	assert_int_equal(count16("abcdefgh\xf0\x9f\x98\x80ijklmnop"), 18);
}

static void
count__invalid_bytes_are_one_each(void **state)
{
	(void)state;
	assert_int_equal(count("abcdefgh\xff\xfeijklmnop"), 18);
	/* A truncated sequence at the end, after a long ASCII run. */
	assert_int_equal(utf8_count("abcdefghijklmnop\xe2\x82", 18), 18);
	/* A lead byte followed by ASCII. */
	assert_int_equal(count("abcdefgh\xc3xyz"), 12);
}

static void
valid__strict_like_json_parsers(void **state)
{
	(void)state;
	assert_true(utf8_valid("caf\xc3\xa9 \xf0\x9f\x98\x80", 10));
	assert_false(utf8_valid("caf\xe9", 4));          /* Latin-1 */
	assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong '/' */
	assert_false(utf8_valid("\xed\xa0\x80", 3));     /* a surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* past U+10FFFF */
	assert_false(utf8_valid("abc\xe2\x82", 5));      /* cut short */
	/* An overlong form is three invalid bytes, three columns. */
	assert_int_equal(count("\xe0\x80\xaf"), 3);
}

static void
sanitize__one_replacement_per_invalid_byte(void **state)
{
	(void)state;
	size_t n;
	char *s = utf8_sanitize("caf\xe9/\xc3\xa9\xed\xa0\x80", 10, &n);
	assert_string_equal(s,
			    "caf\xef\xbf\xbd/\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd"
			    "\xef\xbf\xbd");
	assert_int_equal(n, strlen(s));
	assert_true(utf8_valid(s, n));
	assert_int_equal(utf8_count(s, n), 9);
	free(s);
}

static void
escape__controls_shown_columns_kept(void **state)
{
	(void)state;
	const char *in = "a\x1b]52;c;x\x07\tb\n\x7f\xc2\x9b\xe2\x80\xaeZ\xff";
	char *s = escape_visible_dup(in, ESCAPE_KEEP_TAB);
	/* ESC, BEL, LF, DEL as Control Pictures; CSI (C1), RLO, 0xFF as
	 * U+FFFD; the tab kept. */
	assert_string_equal(
		s, "a\xe2\x90\x9b]52;c;x\xe2\x90\x87\tb\xe2\x90\x8a"
		   "\xe2\x90\xa1\xef\xbf\xbd\xef\xbf\xbdZ\xef\xbf\xbd");
	assert_int_equal(utf8_count(s, strlen(s)), utf8_count(in, strlen(in)));
	free(s);
	s = escape_visible_dup("a\r\nb", ESCAPE_KEEP_NEWLINE);
	assert_string_equal(s, "a\r\nb");
	free(s);
}

static void
escape__uri_path_keeps_every_byte(void **state)
{
	(void)state;
	struct strbuf b;
	strbuf_init(&b);
	escape_uri_path(&b, "sp ace/a#b?c=1%25caf\xe9\xc3\xa9.js");
	assert_string_equal(strbuf_str(&b),
			    "sp%20ace/a%23b%3Fc%3D1%2525caf%E9%C3%A9.js");
	strbuf_finish(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(count__ascii_runs_of_every_length),
		cmocka_unit_test(count__multibyte_anywhere_in_a_run),
		cmocka_unit_test(count__invalid_bytes_are_one_each),
		cmocka_unit_test(valid__strict_like_json_parsers),
		cmocka_unit_test(sanitize__one_replacement_per_invalid_byte),
		cmocka_unit_test(escape__controls_shown_columns_kept),
		cmocka_unit_test(escape__uri_path_keeps_every_byte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
