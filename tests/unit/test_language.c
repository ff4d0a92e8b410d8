/*
 * The language table: every language and family is complete (what the
 * shared code asks of a definition is there), ids match positions, no
 * extension, LSP id or manifest is claimed twice, and lookups find each.
 */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "language.h"

static void
table__every_family__complete(void **state)
{
	(void)state;
	for (int i = 0; i < SF_FAMILY_COUNT; i++) {
		const struct sf_family *f = language_family(i);
		assert_non_null(f);
		assert_int_equal(f->id, i);
		assert_ptr_equal(language_family_named(f->name), f);
		if (!f->extract || !f->resolve || !f->context ||
		    !f->anonymous || !f->catalogue || !f->catalogue_origin ||
		    !f->manifests || !f->manifests[0] || !f->read_manifest ||
		    !f->resolve_module || !f->may_be_project ||
		    !f->entry_names || !f->concurrency || !f->architecture ||
		    !f->loop_name || !f->cpu_one || !f->cpu_many)
			fail_msg("family %s: a required part is missing",
				 f->name);
		if ((f->bin_manifest == NULL) != (f->manifest_bins == NULL))
			fail_msg("family %s: bin_manifest and manifest_bins "
				 "go together",
				 f->name);
		for (const char *const *m = f->manifests; *m; m++)
			assert_ptr_equal(language_manifest_family(*m), f);
		bool has_language = false;
		for (int l = 0; l < SF_LANG_COUNT; l++)
			has_language |= language_get(l)->family == f;
		if (!has_language)
			fail_msg("family %s has no language", f->name);
		assert_non_null(language_family_extensions(f)[0]);
	}
	assert_null(language_family(SF_FAMILY_COUNT));
	assert_null(language_manifest_family("Makefile"));
}

static void
table__every_language__complete_and_found(void **state)
{
	(void)state;
	for (int i = 0; i < SF_LANG_COUNT; i++) {
		const struct sf_language *l = language_get(i);
		assert_non_null(l);
		assert_int_equal(l->id, i);
		if (!l->name || !l->title || !l->family || !l->extensions ||
		    !l->extensions[0] || !l->lsp_ids || !l->lsp_ids[0] ||
		    !l->comment || !l->grammar)
			fail_msg("language %s: a required part is missing",
				 l->name);
		assert_int_equal(language_family_of(i), l->family->id);
		assert_ptr_equal(language_family_named(l->name), l->family);
		assert_non_null(strstr(language_titles(), l->title));
		for (const char *const *e = l->extensions; *e; e++) {
			char path[64];
			snprintf(path, sizeof path, "src/a%s", *e);
			assert_ptr_equal(language_for_path(path), l);
		}
		for (const char *const *id = l->lsp_ids; *id; id++)
			assert_ptr_equal(language_for_lsp_id(*id), l);
	}
	assert_null(language_get(SF_LANG_COUNT));
	assert_null(language_for_path("README.md"));
	assert_null(language_for_path("a.js/README"));
	assert_null(language_for_lsp_id("plaintext"));
	char *cause = NULL;
	assert_int_equal(language_check_abi(&cause), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table__every_family__complete),
		cmocka_unit_test(table__every_language__complete_and_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
