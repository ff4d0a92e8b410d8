/*
 * Chunked documents against whole files: for every analyzer case and every
 * example, the findings of a document (parsed and extracted chunk by chunk,
 * then merged) must equal those of the audit's whole-file pipeline — when
 * the file is opened, and after each of a sequence of edits that keep the
 * code valid (blank lines, trailing spaces, comments, at lines spread over
 * the file, then undone). Run with the source folder as argument.
 */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "document.h"
#include "language.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char *source_dir;
/* Files in which the function added at the end was flagged. */
static uint32_t added_found;

/* Every finding as one line of text, in order. */
static char *
render(const struct sf_diag_list *l)
{
	struct strbuf b;
	strbuf_init(&b);
	for (uint32_t i = 0; i < l->items.n; i++) {
		const struct sf_diagnostic *d = &l->items.v[i];
		strbuf_printf(&b, "%u:%u-%u:%u %s %s | %s\n", d->start.line,
			      d->start.column, d->end.line, d->end.column,
			      d->rule_id, d->message, d->help ? d->help : "");
		for (uint32_t k = 0; k < d->related.n; k++)
			strbuf_printf(&b, "  related %u:%u %s\n",
				      d->related.v[k].pos.line,
				      d->related.v[k].pos.column,
				      d->related.v[k].message);
	}
	return strbuf_detach(&b);
}

/* Findings of the whole-file pipeline for text. */
static char *
whole(struct sf_engine *e, struct sf_parser *p, const char *path,
      const char *text, uint32_t len)
{
	struct sf_diag_list l;
	diag_list_init(&l);
	struct sf_source s = {.path = path, .text = text, .len = len};
	facts_destroy(engine_check_source(e, p, &s, &l));
	diag_list_sort(&l);
	char *r = render(&l);
	diag_list_finish(&l);
	return r;
}

static void
expect_same(const char *what, const char *path, const char *want,
	    const char *got)
{
	if (strcmp(want, got) != 0)
		fail_msg("%s: %s: chunked findings differ\n--- whole "
			 "file:\n%s--- "
			 "chunked:\n%s",
			 path, what, want, got);
}

static char *
slurp(const char *path, uint32_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *b = xmalloc((size_t)n + 1);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	b[n] = '\0';
	fclose(f);
	*len = (uint32_t)n;
	return b;
}

static uint32_t
count_lines(const char *t, uint32_t len)
{
	uint32_t n = 1;
	for (uint32_t i = 0; i < len; i++)
		n += t[i] == '\n';
	return n;
}

/* Checks one file: open, then edits that keep it valid. */
static void
check_file(struct sf_engine *e, struct sf_parser *p, const char *abs,
	   const char *rel)
{
	const struct sf_language *lang = language_for_path(rel);
	uint32_t len;
	char *text = slurp(abs, &len);
	struct sf_document *d = document_create(lang, rel, 0, text, len);
	document_analyse(d, e, p, NULL);
	char *want = whole(e, p, rel, text, len);
	char *got = render(document_diagnostics(d));
	expect_same("open", rel, want, got);
	free(want);
	free(got);

	/* Insert at line starts and line ends spread over the file, check,
	 * then take each back and check again. A blank line at a line start
	 * and a space at a line end are valid almost anywhere; lines inside
	 * multi-line strings are skipped by only touching lines that do not
	 * end inside one (we cannot know cheaply, so skip files with
	 * triple-quoted or template strings for the line-end edits). */
	bool strings = strstr(text, "\"\"\"") || strstr(text, "'''") ||
		       strchr(text, '`');
	uint32_t lines = count_lines(text, len);
	const char *comment =
		lang->id == SF_LANG_PYTHON ? "# edited\n" : "// edited\n";
	for (uint32_t step = 0; step < 6 && lines > 2; step++) {
		uint32_t line = 1 + (step * 7919u) % (lines - 1);
		struct document_position at = {line, 0};
		const char *ins = step % 3 == 0   ? "\n"
				  : step % 3 == 1 ? comment
						  : NULL;
		const char *why;
		if (ins == NULL) {
			if (strings)
				continue;
			/* A space at the end of the line before. */
			at = (struct document_position){line - 1, 100000};
			ins = " ";
		}
		assert_int_equal(document_edit(d, DOCUMENT_UTF8, at, at, ins,
					       (uint32_t)strlen(ins), &why),
				 0);
		document_analyse(d, e, p, NULL);
		uint32_t tl;
		const char *now = document_text(d, &tl);
		want = whole(e, p, rel, now, tl);
		got = render(document_diagnostics(d));
		char what[64];
		snprintf(what, sizeof what, "after insert %u", step);
		expect_same(what, rel, want, got);
		free(want);
		free(got);
		/* Undo. */
		struct document_position end = at;
		if (ins[0] == '\n') {
			end = (struct document_position){at.line + 1, 0};
		} else if (ins[0] == ' ') {
			/* The space is the line's last character now. */
			uint32_t off = 0;
			const char *t = document_text(d, &tl);
			for (uint32_t l = 0, i = 0; i < tl; i++) {
				if (l == at.line && (t[i] == '\n')) {
					off = i;
					break;
				}
				if (t[i] == '\n')
					l++;
			}
			uint32_t ls = off;
			while (ls > 0 && t[ls - 1] != '\n')
				ls--;
			at.character = off - ls - 1;
			end = (struct document_position){at.line, off - ls};
		} else {
			end = (struct document_position){at.line + 1, 0};
		}
		assert_int_equal(
			document_edit(d, DOCUMENT_UTF8, at, end, "", 0, &why),
			0);
		document_analyse(d, e, p, NULL);
		now = document_text(d, &tl);
		assert_int_equal(tl, len);
		assert_memory_equal(now, text, len);
		want = whole(e, p, rel, now, tl);
		got = render(document_diagnostics(d));
		snprintf(what, sizeof what, "after undoing insert %u", step);
		expect_same(what, rel, want, got);
		free(want);
		free(got);
	}
	/* A new top-level function typed at the end (a new chunk), then
	 * removed again. */
	const char *fn = lang->id == SF_LANG_PYTHON
				 ? "\nasync def zz_added():\n    import time\n"
				   "    time.sleep(1)\n"
				 : "\nasync function zzAdded() {\n"
				   "  require('fs').readFileSync('a');\n}\n";
	uint32_t tl;
	document_text(d, &tl);
	struct document_position eof = {lines + 5, 0}; /* clamped to the end */
	const char *why;
	assert_int_equal(document_edit(d, DOCUMENT_UTF8, eof, eof, fn,
				       (uint32_t)strlen(fn), &why),
			 0);
	document_analyse(d, e, p, NULL);
	const char *now = document_text(d, &tl);
	want = whole(e, p, rel, now, tl);
	got = render(document_diagnostics(d));
	expect_same("after adding a function at the end", rel, want, got);
	if (strstr(got, lang->id == SF_LANG_PYTHON ? "zz_added" : "zzAdded"))
		added_found++;
	free(want);
	free(got);
	document_destroy(d);
	free(text);
}

/* Every .js/.mjs/.cjs/.py file under dir, iteratively. */
static uint32_t
check_tree(struct sf_engine *e, struct sf_parser *p, const char *root)
{
	uint32_t checked = 0;
	VEC(char *) stack = {0};
	*VEC_PUSH(stack) = xstrdup("");
	while (stack.n > 0) {
		char *rel = stack.v[--stack.n];
		char *abs = xasprintf("%s/%s", root, rel);
		DIR *dir = opendir(abs);
		struct dirent *ent;
		while (dir != NULL && (ent = readdir(dir)) != NULL) {
			if (ent->d_name[0] == '.' ||
			    strcmp(ent->d_name, "node_modules") == 0)
				continue;
			char *r = rel[0] ? xasprintf("%s/%s", rel, ent->d_name)
					 : xstrdup(ent->d_name);
			char *a = xasprintf("%s/%s", root, r);
			struct stat st;
			if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
				*VEC_PUSH(stack) = r;
				free(a);
				continue;
			}
			if (language_for_path(r) != NULL) {
				check_file(e, p, a, r);
				checked++;
			}
			free(a);
			free(r);
		}
		if (dir != NULL)
			closedir(dir);
		free(abs);
		free(rel);
	}
	VEC_FREE(stack);
	return checked;
}

static void
chunked__every_case_and_example__equals_whole_file(void **state)
{
	(void)state;
	xalloc_install_tree_sitter();
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	const char *dirs[] = {"tests/cases/javascript", "tests/cases/python",
			      "examples"};
	uint32_t total = 0;
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		char *root = xasprintf("%s/%s", source_dir, dirs[i]);
		total += check_tree(e, p, root);
		free(root);
	}
	assert_true(total >= 60);
	/* Most files are not exempt: the added function was seen. */
	assert_true(added_found >= total / 2);
	parser_destroy(p);
	engine_destroy(e);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_chunks SOURCE_DIR\n");
		return 2;
	}
	source_dir = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			chunked__every_case_and_example__equals_whole_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
