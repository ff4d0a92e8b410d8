/* Unit tests of configuration globs. */
#include "helpers.h"

#include "util/glob.h"

static void
match__segments_and_double_star(void **state)
{
	(void)state;
	assert_true(glob_match("src/*.js", "src/a.js"));
	assert_false(glob_match("src/*.js", "src/lib/a.js"));
	assert_true(glob_match("src/**/*.js", "src/a.js"));
	assert_true(glob_match("src/**/*.js", "src/lib/deep/a.js"));
	assert_false(glob_match("src/**/*.js", "test/a.js"));
	assert_true(glob_match("**/fixtures/**", "a/b/fixtures/c/d.py"));
	assert_true(glob_match("a?c.py", "abc.py"));
	assert_false(glob_match("a?c.py", "a/c.py"));
	assert_true(glob_match("[ab]*.py", "bz.py"));
	assert_false(glob_match("[!ab]*.py", "bz.py"));
	assert_true(glob_match("*.config.*", "web/webpack.config.js"));
}

static void
match__directories_cover_their_contents(void **state)
{
	(void)state;
	assert_true(glob_match("legacy", "legacy/a/b.js"));
	assert_true(glob_match("legacy/", "x/legacy/b.js"));
	assert_true(glob_match("/legacy", "legacy/b.js"));
	assert_false(glob_match("/legacy", "x/legacy/b.js"));
	assert_true(glob_match("scripts/tools", "scripts/tools/run.js"));
	assert_false(glob_match("scripts/tools", "scripts/toolsets/run.js"));
}

static void
check__bad_patterns__explained(void **state)
{
	(void)state;
	assert_null(glob_check("src/**/*.js"));
	assert_non_null(glob_check(""));
	assert_non_null(glob_check("src/[ab"));
	assert_non_null(glob_check("..\\x"));
	assert_non_null(glob_check("../outside"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(match__segments_and_double_star),
		cmocka_unit_test(match__directories_cover_their_contents),
		cmocka_unit_test(check__bad_patterns__explained),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
