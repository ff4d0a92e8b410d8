/* Unit tests of the API catalogue: loading, errors, matching. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue.h"

static void
match__exact_and_prefix__found(void **state)
{
	(void)state;
	struct sf_catalogue *c = catalogue_create();
	catalogue_load_builtin(c);
	const struct sf_api *a =
		catalogue_match(c, SF_LANG_JAVASCRIPT, "fs.readFileSync");
	assert_non_null(a);
	assert_int_equal(a->kind, SF_API_SYNC_FS);
	assert_string_equal(a->replacement, "fs.promises.readFile");
	a = catalogue_match(c, SF_LANG_PYTHON, "requests.Session().post");
	assert_non_null(a);
	assert_int_equal(a->kind, SF_API_NETWORK);
	assert_null(catalogue_match(c, SF_LANG_PYTHON, "requests.Session"));
	assert_null(catalogue_match(c, SF_LANG_JAVASCRIPT, "fs.readFile"));
	assert_null(
		catalogue_match(c, SF_LANG_JAVASCRIPT, "fs.promises.readFile"));
	assert_null(catalogue_match(c, SF_LANG_PYTHON, NULL));
	catalogue_destroy(c);
}

static void
load__later_entries__override_builtin(void **state)
{
	(void)state;
	struct sf_catalogue *c = catalogue_create();
	catalogue_load_builtin(c);
	char *cause = NULL;
	assert_int_equal(
		catalogue_load(c, SF_FAMILY_PYTHON,
			       "# mine\nmylib.block\tsleep\tmylib.ablock\n"
			       "time.sleep\tsleep\ttrio.sleep\n",
			       ".stackfit.json", &cause),
		0);
	assert_string_equal(
		catalogue_match(c, SF_LANG_PYTHON, "mylib.block")->replacement,
		"mylib.ablock");
	assert_string_equal(
		catalogue_match(c, SF_LANG_PYTHON, "time.sleep")->replacement,
		"trio.sleep");
	catalogue_destroy(c);
}

static void
load__bad_line__error_names_origin_and_line(void **state)
{
	(void)state;
	struct sf_catalogue *c = catalogue_create();
	char *cause = NULL;
	assert_int_equal(catalogue_load(c, SF_FAMILY_PYTHON,
					"a.b\tsleep\tx\nc.d\tnap-time\ty\n",
					"cfg", &cause),
			 -1);
	assert_string_equal(cause, "cfg:2: unknown kind");
	free(cause);
	/* Nothing of the failed text stays. */
	assert_null(catalogue_match(c, SF_LANG_PYTHON, "a.b"));
	assert_int_equal(catalogue_load(c, SF_FAMILY_PYTHON,
					"only.two\tsleep\n", "cfg", &cause),
			 -1);
	assert_string_equal(cause,
			    "cfg:1: expected three tab-separated fields: "
			    "name, kind, replacement");
	free(cause);
	catalogue_destroy(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(match__exact_and_prefix__found),
		cmocka_unit_test(load__later_entries__override_builtin),
		cmocka_unit_test(load__bad_line__error_names_origin_and_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
