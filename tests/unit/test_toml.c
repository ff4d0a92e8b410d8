/* Unit tests of the TOML reader used for pyproject.toml. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "toml.h"

static json_object *
parse(const char *text, char **cause)
{
	*cause = NULL;
	return toml_parse(text, strlen(text), cause);
}

static const char *
get_str(json_object *o, const char *a, const char *b, const char *c)
{
	json_object *v = o;
	const char *keys[] = {a, b, c};
	for (int i = 0; i < 3 && keys[i]; i++)
		if (!json_object_object_get_ex(v, keys[i], &v))
			return NULL;
	return json_object_get_string(v);
}

static void
parse__tables_keys_and_values(void **state)
{
	(void)state;
	char *cause;
	json_object *o =
		parse("# a comment\n"
		      "title = \"x\" # trailing\n"
		      "[tool.stackfit]\n"
		      "exclude = [\n  'legacy',  # why\n  \"gen\",\n]\n"
		      "rules.JS101 = \"off\"\n"
		      "\"quoted key\" = 1_000\n"
		      "hex = 0x10\n"
		      "pi = 3.5\n"
		      "on = true\n"
		      "inline = { a = \"b\", c.d = 2 }\n"
		      "multi = \"\"\"\nline1\nline2\"\"\"\n"
		      "esc = \"tab\\there \\u00e9\"\n"
		      "[[tool.stackfit.blocking.python]]\nname = \"a.b\"\n"
		      "[[tool.stackfit.blocking.python]]\nname = \"c.d\"\n",
		      &cause);
	assert_non_null(o);
	assert_string_equal(get_str(o, "title", NULL, NULL), "x");
	json_object *sf, *v;
	assert_true(json_object_object_get_ex(o, "tool", &v));
	assert_true(json_object_object_get_ex(v, "stackfit", &sf));
	assert_true(json_object_object_get_ex(sf, "exclude", &v));
	assert_int_equal(json_object_array_length(v), 2);
	assert_string_equal(get_str(sf, "rules", "JS101", NULL), "off");
	json_object_object_get_ex(sf, "quoted key", &v);
	assert_int_equal(json_object_get_int(v), 1000);
	json_object_object_get_ex(sf, "hex", &v);
	assert_int_equal(json_object_get_int(v), 16);
	json_object_object_get_ex(sf, "on", &v);
	assert_true(json_object_get_boolean(v));
	json_object_object_get_ex(sf, "inline", &v);
	json_object *d;
	assert_true(json_object_object_get_ex(v, "c", &d));
	assert_string_equal(get_str(sf, "multi", NULL, NULL), "line1\nline2");
	assert_string_equal(get_str(sf, "esc", NULL, NULL),
			    "tab\there \xc3\xa9");
	assert_true(json_object_object_get_ex(sf, "blocking", &v));
	assert_true(json_object_object_get_ex(v, "python", &v));
	assert_int_equal(json_object_array_length(v), 2);
	json_object_put(o);
}

static void
parse__errors__line_and_column(void **state)
{
	(void)state;
	static const struct {
		const char *text, *error;
	} bad[] = {
		{"a = off\n", "line 1, column 5: 'off' is not a TOML value"},
		{"a = 1\na = 2\n",
		 "line 2, column 1: key 'a' is defined twice"},
		{"x = \"open\n", "line 1, column 10: newline in a single-line"},
		{"[t\n", "line 1, column 3: expected ']' to close"},
		{"a = [1, 2\n", "line 2, column 1: unterminated array"},
		{"a = 1 b = 2\n",
		 "line 1, column 7: expected the end of the line"},
		{"= 1\n", "line 1, column 1: expected a key"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *cause;
		json_object *o = parse(bad[i].text, &cause);
		assert_null(o);
		assert_non_null(cause);
		if (strstr(cause, bad[i].error) == NULL)
			fail_msg("%s: got \"%s\"", bad[i].text, cause);
		free(cause);
	}
	/* Deep nesting is bounded, not a crash. */
	char deep[200] = "a = ";
	for (int i = 0; i < 100; i++)
		strcat(deep, "[");
	char *cause;
	assert_null(parse(deep, &cause));
	assert_non_null(strstr(cause, "nested deeper"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse__tables_keys_and_values),
		cmocka_unit_test(parse__errors__line_and_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
