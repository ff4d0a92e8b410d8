/*
 * The rule table as a whole: every rule's descriptor is complete and
 * consistent, every rule's documentation (JavaScript's, Python's and the
 * project rules') has its title and four parts, and the README's rule
 * table lists exactly the rules of the table, in its order. Run with the
 * source folder as argument.
 */
#include "helpers.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "rules/rule.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char *source_dir;

static bool
is_kebab(const char *s)
{
	if (!islower((unsigned char)s[0]))
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) ||
		      isdigit((unsigned char)*s) ||
		      (*s == '-' && s[1] != '\0' && s[1] != '-')))
			return false;
	return true;
}

static void
table__every_rule__descriptor_complete(void **state)
{
	(void)state;
	assert_true(rule_count > 0);
	for (size_t i = 0; i < rule_count; i++) {
		const struct sf_rule *r = rule_table[i];
		const char *id = r->id;
		if (strlen(id) != 5 || !isupper((unsigned char)id[0]) ||
		    !isupper((unsigned char)id[1]) ||
		    strspn(id + 2, "0123456789") != 3)
			fail_msg("%s: an id is two capitals and three digits",
				 id);
		if (i > 0 && strcmp(rule_table[i - 1]->id, id) >= 0)
			fail_msg("%s: the table is not in id order after %s",
				 id, rule_table[i - 1]->id);
		if (!is_kebab(r->name))
			fail_msg("%s: name `%s` is not kebab-case", id,
				 r->name);
		if (r->families == 0 || (r->families >> SF_FAMILY_COUNT) != 0)
			fail_msg("%s: families 0x%x name no family or an "
				 "unknown one",
				 id, r->families);
		if (r->category > RULE_CAT_OTHER)
			fail_msg("%s: unknown category", id);
		if (r->summary == NULL || r->summary[0] == '\0' ||
		    r->doc == NULL)
			fail_msg("%s: no summary or no documentation", id);
		if (r->scope == RULE_SCOPE_PROJECT
			    ? r->check_project == NULL || r->check_file ||
				      r->check_indexed
			    : r->check_project != NULL ||
				      (r->check_file == NULL &&
				       r->check_indexed == NULL))
			fail_msg("%s: its scope does not match its checks", id);
		assert_ptr_equal(rule_find(id), r);
		/* Names are unique within a family only (JS106 and PY205
		 * are both await-in-loop). */
		for (size_t k = 0; k < i; k++)
			if (strcmp(rule_table[k]->name, r->name) == 0 &&
			    (rule_table[k]->families & r->families) != 0)
				fail_msg("%s and %s: one name in one family",
					 rule_table[k]->id, id);
	}
}

/* The text of the `## heading` section of doc (up to the next `## `),
 * or NULL; owned by the caller. */
static char *
section(const char *doc, const char *heading)
{
	char *want = xasprintf("\n## %s\n", heading);
	const char *at = strstr(doc, want);
	size_t hl = strlen(want);
	free(want);
	if (at == NULL)
		return NULL;
	at += hl;
	const char *end = strstr(at, "\n## ");
	return xstrndup(at, end ? (size_t)(end - at) : strlen(at));
}

static bool
blank(const char *s)
{
	return s[strspn(s, " \t\n")] == '\0';
}

static void
docs__every_rule__title_and_four_parts(void **state)
{
	(void)state;
	static const char *const parts[] = {"What it does", "Why is this bad",
					    "Example", "Use instead"};
	for (size_t i = 0; i < rule_count; i++) {
		const struct sf_rule *r = rule_table[i];
		char *title = xasprintf("# %s %s\n", r->id, r->name);
		if (strncmp(r->doc, title, strlen(title)) != 0)
			fail_msg("%s: the documentation does not open with "
				 "`%.*s`",
				 r->id, (int)strlen(title) - 1, title);
		free(title);
		const char *prev = r->doc;
		for (size_t p = 0; p < 4; p++) {
			char *want = xasprintf("\n## %s\n", parts[p]);
			const char *at = strstr(r->doc, want);
			free(want);
			if (at == NULL || at < prev)
				fail_msg("%s: no `## %s` after the part "
					 "before it",
					 r->id, parts[p]);
			prev = at;
			char *text = section(r->doc, parts[p]);
			if (blank(text))
				fail_msg("%s: `## %s` is empty", r->id,
					 parts[p]);
			if ((p == 2 || p == 3) && strstr(text, "```") == NULL)
				fail_msg("%s: `## %s` has no code", r->id,
					 parts[p]);
			free(text);
		}
	}
}

/* The README's rule table: rows `| ID | name | ... |` under `### Rules`. */
static void
readme__rule_table__lists_the_rules_in_order(void **state)
{
	(void)state;
	char *path = xasprintf("%s/README.md", source_dir);
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		fail_msg("%s: cannot open", path);
	char line[4096];
	bool in_rules = false;
	size_t next = 0;
	uint32_t lineno = 0;
	while (fgets(line, sizeof line, fp) != NULL) {
		lineno++;
		if (strncmp(line, "### ", 4) == 0 ||
		    strncmp(line, "## ", 3) == 0)
			in_rules = strcmp(line, "### Rules\n") == 0;
		if (!in_rules || strncmp(line, "| ", 2) != 0 ||
		    strncmp(line, "| id ", 5) == 0)
			continue;
		char id[16], name[128];
		if (sscanf(line, "| %15s | %127s |", id, name) != 2)
			fail_msg("%s:%u: a row that is not `| id | name | "
				 "...`",
				 path, lineno);
		if (next >= rule_count)
			fail_msg("%s:%u: %s is not in the rule table", path,
				 lineno, id);
		const struct sf_rule *r = rule_table[next++];
		if (strcmp(id, r->id) != 0 || strcmp(name, r->name) != 0)
			fail_msg("%s:%u: `%s %s` where the rule table has `%s "
				 "%s`",
				 path, lineno, id, name, r->id, r->name);
	}
	fclose(fp);
	if (next != rule_count)
		fail_msg("%s: the rule table lists %s, the README does not",
			 path, rule_table[next]->id);
	free(path);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_rules SOURCE_DIR\n");
		return 2;
	}
	source_dir = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table__every_rule__descriptor_complete),
		cmocka_unit_test(docs__every_rule__title_and_four_parts),
		cmocka_unit_test(readme__rule_table__lists_the_rules_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
