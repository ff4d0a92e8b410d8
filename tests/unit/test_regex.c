/* Unit tests of the regex parser and its ambiguity check (JS105). */
#include "helpers.h"

#include <string.h>

#include "regex.h"
#include "util/strbuf.h"

static struct regex_result
check(const char *pattern, const char *flags)
{
	struct regex_result r;
	regex_check(pattern, strlen(pattern), flags, &r);
	return r;
}

/* The verdict is exponential and names loop and what fails after it. */
static void
assert_exponential(const char *pattern, const char *loop, const char *fail)
{
	struct regex_result r = check(pattern, "");
	if (r.verdict != REGEX_EXPONENTIAL)
		fail_msg("%s: expected exponential, got %d", pattern,
			 (int)r.verdict);
	assert_int_equal(r.loop_end - r.loop_start, strlen(loop));
	assert_memory_equal(pattern + r.loop_start, loop, strlen(loop));
	assert_int_equal(r.fail_end - r.fail_start, strlen(fail));
	assert_memory_equal(pattern + r.fail_start, fail, strlen(fail));
}

static void
assert_safe(const char *pattern, const char *flags)
{
	struct regex_result r = check(pattern, flags);
	if (r.verdict != REGEX_SAFE)
		fail_msg("%s: expected safe, got %d", pattern, (int)r.verdict);
}

static void
nested_repetition__same_text_two_ways__exponential(void **state)
{
	(void)state;
	assert_exponential("(a+)+$", "(a+)+", "$");
	assert_exponential("^(\\w+)+$", "(\\w+)+", "$");
	assert_exponential("([a-z0-9]+)*@", "([a-z0-9]+)*", "@");
	assert_exponential("^(\\w+\\s?)*$", "(\\w+\\s?)*", "$");
	assert_exponential("(a*)*b", "(a*)*", "b");
	assert_exponential("^(a?a)*$", "(a?a)*", "$");
	assert_exponential("(x+x+)+y", "(x+x+)+", "y");
	assert_exponential("^(\\s*,\\s*)*$", "(\\s*,\\s*)*", "$");
	assert_exponential("(a{1,3})+$", "(a{1,3})+", "$");
	assert_exponential("^(([a-z])+.)+[A-Z]([a-z])+$", "(([a-z])+.)+",
			   "[A-Z]");
}

static void
overlapping_alternatives__repeated__exponential(void **state)
{
	(void)state;
	assert_exponential("(a|a)*b", "(a|a)*", "b");
	assert_exponential("(a|aa)*$", "(a|aa)*", "$");
	assert_exponential("^(\\w|\\d)+:$", "(\\w|\\d)+", ":");
}

static void
unambiguous_repetition__safe(void **state)
{
	(void)state;
	assert_safe("[a-z]+(-[a-z]+)*", "");
	assert_safe("^[a-z0-9]+(-[a-z0-9]+)*$", "");
	assert_safe("(a|ab)*c", "");
	assert_safe("^\\d{1,3}(\\.\\d{1,3}){3}$", "");
	assert_safe("^([a-z0-9-]+\\.)+[a-z]{2,}$", "i");
	assert_safe("\"(?:[^\"\\\\]|\\\\.)*\"", "");
	assert_safe("^(\\w+)(\\.\\w+)*$", "");
	assert_safe("^v?\\d+(\\.\\d+)*$", "");
	assert_safe("(['\"])(?:(?!\\1).)*\\1", "");
	assert_safe("^\\s+|\\s+$", "");
	/* An exact count is a sequence, not a loop (webpack's printer). */
	assert_safe("(?:^|[^\\\\])(?:\\\\{2})*$", "");
	assert_exponential("((a|a){2})*$", "((a|a){2})*", "$");
	/* async's autoInject: every repetition starts with a non-space. */
	assert_safe("^(?:async\\s)?\\s*(?:\\(\\s*)?((?:[^)=\\s]\\s*)*)"
		    "(?:\\)\\s*)?=>",
		    "");
}

static void
nothing_can_fail_after__safe(void **state)
{
	(void)state;
	assert_safe("(a+)+", "");
	assert_safe("^(\\w+\\s?)*", "");
	assert_safe("x(a|a)*", "");
	/* A lookahead can fail: then it counts. */
	assert_exponential("(a+)+(?=b)", "(a+)+", "(?=b)");
}

static void
bounded_repetition__small_bound__safe(void **state)
{
	(void)state;
	assert_safe("(\\w+){1,2}$", "");
	assert_exponential("(\\w+){1,20}$", "(\\w+){1,20}", "$");
}

static void
flags_and_classes__characters_compared(void **state)
{
	(void)state;
	/* Disjoint without i, overlapping with it. */
	assert_safe("^(a|A)*$", "");
	struct regex_result r = check("^(a|A)*$", "i");
	assert_int_equal(r.verdict, REGEX_EXPONENTIAL);
	/* Negated classes and non-Latin-1 characters. */
	assert_safe("^([^,]+,)*$", "");
	assert_safe("^(日|本)*$", "u");
	r = check("^(日|日)*$", "u");
	assert_int_equal(r.verdict, REGEX_EXPONENTIAL);
	/* \p{L} has no white space in it. */
	assert_safe("^\\p{L}+(\\s\\p{L}+)*$", "u");
}

static void
invalid_patterns__error_with_position(void **state)
{
	(void)state;
	struct regex_result r = check("(a", "");
	assert_int_equal(r.verdict, REGEX_INVALID);
	assert_int_equal(r.error_at, 0);
	r = check("a)", "");
	assert_int_equal(r.verdict, REGEX_INVALID);
	assert_int_equal(r.error_at, 1);
	r = check("[b-a]", "");
	assert_int_equal(r.verdict, REGEX_INVALID);
	r = check("*a", "");
	assert_int_equal(r.verdict, REGEX_INVALID);
	assert_string_equal(r.error, "nothing to repeat");
	r = check("a{2,1}", "");
	assert_int_equal(r.verdict, REGEX_INVALID);
	r = check("\\", "");
	assert_int_equal(r.verdict, REGEX_INVALID);
	/* Annex B: a lone brace is a character without u. */
	assert_safe("a{", "");
	r = check("a{", "u");
	assert_int_equal(r.verdict, REGEX_INVALID);
}

static void
limits__deep_and_huge_patterns__no_crash(void **state)
{
	(void)state;
	struct strbuf b;
	strbuf_init(&b);
	for (int i = 0; i < 10000; i++)
		strbuf_putc(&b, '(');
	strbuf_putc(&b, 'a');
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&b, ")");
	struct regex_result r = check(strbuf_str(&b), "");
	assert_int_equal(r.verdict, REGEX_UNCHECKED); /* too long */
	strbuf_reset(&b);
	for (int i = 0; i < 2000; i++)
		strbuf_putc(&b, '(');
	strbuf_puts(&b, "a+");
	for (int i = 0; i < 2000; i++)
		strbuf_puts(&b, ")+");
	strbuf_putc(&b, '$');
	r = check(strbuf_str(&b), "");
	assert_true(r.verdict == REGEX_EXPONENTIAL ||
		    r.verdict == REGEX_UNCHECKED);
	strbuf_reset(&b);
	for (int i = 0; i < 200; i++)
		strbuf_puts(&b, "[a-z]?");
	strbuf_putc(&b, '$');
	r = check(strbuf_str(&b), "");
	assert_int_equal(r.verdict, REGEX_UNCHECKED); /* too many positions */
	strbuf_finish(&b);
	r = check("[\\", "");
	assert_int_equal(r.verdict, REGEX_INVALID);
	r = check("\xff\xfe(\xc3", "u");
	assert_int_equal(r.verdict, REGEX_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			nested_repetition__same_text_two_ways__exponential),
		cmocka_unit_test(
			overlapping_alternatives__repeated__exponential),
		cmocka_unit_test(unambiguous_repetition__safe),
		cmocka_unit_test(nothing_can_fail_after__safe),
		cmocka_unit_test(bounded_repetition__small_bound__safe),
		cmocka_unit_test(flags_and_classes__characters_compared),
		cmocka_unit_test(invalid_patterns__error_with_position),
		cmocka_unit_test(limits__deep_and_huge_patterns__no_crash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
