/* Unit-test helpers: run the real extractor and engine on strings. */
#include "helpers.h"

#include <malloc.h>
#include <string.h>

#include "language.h"
#include "parse.h"
#include "summary.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

struct sf_facts *
test_facts(const char *path, const char *src)
{
	xalloc_install_tree_sitter();
	const struct sf_language *lang = language_for_path(path);
	assert_non_null(lang);
	struct sf_parser *p = parser_create();
	uint32_t len = (uint32_t)strlen(src);
	TSTree *tree = parser_parse(p, lang, src, len, NULL, NULL);
	assert_non_null(tree);
	struct sf_source s = {.path = path, .text = src, .len = len};
	struct sf_facts *f = engine_extract(lang, tree, &s);
	ts_tree_delete(tree);
	parser_destroy(p);
	return f;
}

void
test_check(const char *path, const char *src, struct sf_diag_list *out)
{
	xalloc_install_tree_sitter();
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	struct sf_source s = {
		.path = path, .text = src, .len = (uint32_t)strlen(src)};
	facts_destroy(engine_check_source(e, p, &s, out));
	parser_destroy(p);
	engine_destroy(e);
	diag_list_sort(out);
}

const struct sf_call *
test_call(const struct sf_facts *f, const char *callee)
{
	for (uint32_t i = 0; i < f->calls.n; i++)
		if (f->calls.v[i].callee &&
		    strcmp(f->calls.v[i].callee, callee) == 0)
			return &f->calls.v[i];
	return NULL;
}

const struct sf_function *
test_function(const struct sf_facts *f, const char *name)
{
	for (uint32_t i = 0; i < f->functions.n; i++)
		if (strcmp(f->functions.v[i].name, name) == 0)
			return &f->functions.v[i];
	return NULL;
}

const struct sf_binding *
test_binding(const struct sf_facts *f, const char *local)
{
	for (uint32_t i = 0; i < f->bindings.n; i++)
		if (strcmp(f->bindings.v[i].local, local) == 0)
			return &f->bindings.v[i];
	return NULL;
}

uint32_t
test_count(const struct sf_diag_list *l, const char *id)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < l->items.n; i++)
		n += strcmp(l->items.v[i].rule_id, id) == 0;
	return n;
}

uint64_t
test_lookup_work(const char *path, const char *line, uint32_t n)
{
	xalloc_install_tree_sitter();
	struct strbuf b;
	strbuf_init(&b);
	for (uint32_t i = 0; i < n; i++)
		strbuf_puts(&b, line);
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	struct sf_source s = {
		.path = path, .text = b.s, .len = (uint32_t)b.len};
	struct sf_diag_list l;
	diag_list_init(&l);
	uint64_t before = facts_lookup_work();
	struct sf_facts *f = engine_check_source(e, p, &s, &l);
	assert_non_null(f);
	struct cost_options cost = engine_cost_options(e);
	struct summary_env env = {.catalogue = engine_catalogue(e),
				  .cost = &cost};
	summary_destroy(summary_build(f, b.s, (uint32_t)b.len, &env));
	uint64_t work = facts_lookup_work() - before;
	facts_destroy(f);
	diag_list_finish(&l);
	parser_destroy(p);
	engine_destroy(e);
	strbuf_finish(&b);
	return work;
}

void
test_assert_lookup_linear(const char *path, const char *line)
{
	uint64_t small = test_lookup_work(path, line, 500);
	uint64_t large = test_lookup_work(path, line, 4000);
	if (small == 0 || large >= 16 * small)
		fail_msg("%s, \"%s\" 500 times: %llu steps; 4000 times: %llu",
			 path, line, (unsigned long long)small,
			 (unsigned long long)large);
}

size_t
test_heap_used(void)
{
	struct mallinfo2 m = mallinfo2();
	return m.uordblks + m.hblkhd;
}
