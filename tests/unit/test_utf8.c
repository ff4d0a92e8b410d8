/* Unit tests of UTF-8 column arithmetic. */
#include "helpers.h"

#include <string.h>

#include "util/utf8.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(count__ascii_runs_of_every_length),
		cmocka_unit_test(count__multibyte_anywhere_in_a_run),
		cmocka_unit_test(count__invalid_bytes_are_one_each),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
