/*
 * Chunked documents against whole files: for every analyzer case and every
 * example, the findings of a document (parsed and extracted chunk by chunk,
 * then merged) must equal those of the audit's whole-file pipeline — when
 * the file is opened, after each of a sequence of edits that keep the code
 * valid (blank lines, trailing spaces, comments, at lines spread over the
 * file, then undone), and after every edit of random sequences that do not
 * (brackets, quotes, parts of lines typed anywhere, deletions), as a person
 * typing makes them. Run with the source folder as argument.
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

/* --- random edits ------------------------------------------------------- */

/* xorshift64*: the same sequence on every run. */
static uint64_t rnd_state;

static uint32_t
rnd(uint32_t n)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return n ? (uint32_t)((rnd_state * 2685821657736338717ull) >> 33) % n
		 : 0;
}

/* What people type that breaks code for a while. */
static const char *const js_bits[] = {
	"(",
	")",
	"[",
	"]",
	"{",
	"}",
	"'",
	"\"",
	"`",
	"/*",
	"*/",
	"//",
	";",
	"\n",
	",",
	"=>",
	"\\",
	"${",
	"const t = fs.readFileSync(f(g(",
	"'x')));",
	"function h(",
	"async () => {",
	"} else {",
	"if (x) ",
	"app.get('/', (req, res) => {\n",
	"});\n",
	"for (;;) {",
	"await ",
	"return ",
	"class A {",
	"import x from ",
	"/a+b/",
};
static const char *const py_bits[] = {
	"(",
	")",
	"[",
	"]",
	"{",
	"}",
	"'",
	"\"",
	"\"\"\"",
	"'''",
	"#",
	":",
	"\n",
	"\n    ",
	",",
	"\\\n",
	"def f(",
	"async def g():\n    ",
	"time.sleep(",
	"    await asyncio.sleep(1)\n",
	"else:\n",
	"@app.get(",
	"class A:\n",
	"lambda: ",
	"import time\n",
	"for i in range(",
	"while True:\n        pass\n",
	"    return x\n",
	"x = 1000000\n",
};

/* One random edit of d: what says which (for messages). */
static void
random_edit(struct sf_document *d, bool python, char *what, size_t n)
{
	uint32_t len;
	const char *t = document_text(d, &len);
	uint32_t at = rnd(len + 1);
	const char *why;
	uint32_t kind = rnd(10);
	if (kind < 4) {
		/* A bracket, a quote, a piece of code. */
		const char *const *bits = python ? py_bits : js_bits;
		size_t nb = python ? sizeof py_bits / sizeof *py_bits
				   : sizeof js_bits / sizeof *js_bits;
		const char *b = bits[rnd((uint32_t)nb)];
		snprintf(what, n, "insert \"%s\" at %u", b, at);
		assert_int_equal(document_edit_bytes(d, at, at, b,
						     (uint32_t)strlen(b), &why),
				 0);
	} else if (kind < 6 && len > 0) {
		/* Part of a line of the text, typed elsewhere. */
		uint32_t from = rnd(len);
		while (from > 0 && t[from - 1] != '\n')
			from--;
		uint32_t to = from;
		while (to < len && t[to] != '\n')
			to++;
		uint32_t cut = from + rnd(to - from + 1);
		char *piece = xstrndup(t + from, cut - from);
		snprintf(what, n, "insert \"%.40s\" at %u", piece, at);
		assert_int_equal(
			document_edit_bytes(d, at, at, piece, cut - from, &why),
			0);
		free(piece);
	} else if (kind < 8 && len > 0) {
		/* A few characters deleted. */
		uint32_t end = at + 1 + rnd(20);
		if (end > len)
			end = len;
		if (at >= end)
			at = end - 1;
		snprintf(what, n, "delete %u..%u", at, end);
		assert_int_equal(document_edit_bytes(d, at, end, "", 0, &why),
				 0);
	} else if (len > 0) {
		/* A whole line deleted (or joined with the next). */
		uint32_t from = at < len ? at : len - 1;
		while (from > 0 && t[from - 1] != '\n')
			from--;
		uint32_t to = from;
		while (to < len && t[to] != '\n')
			to++;
		if (kind == 9 && to < len)
			to++;
		snprintf(what, n, "delete line %u..%u", from, to);
		assert_int_equal(document_edit_bytes(d, from, to, "", 0, &why),
				 0);
	} else {
		snprintf(what, n, "insert a newline");
		assert_int_equal(document_edit_bytes(d, 0, 0, "\n", 1, &why),
				 0);
	}
}

/* The exact analysis as the language server makes it: the keystroke's,
 * then, when that may differ from the whole file's, a copy parsed whole
 * and taken (document_take_parse). */
static void
analyse_as_server(struct sf_document *d, struct sf_engine *e,
		  struct sf_parser *p)
{
	document_analyse_fast(d, e, p, NULL);
	if (!document_approximate(d))
		return;
	struct sf_document *copy = document_copy(d);
	document_parse_whole(copy, p, NULL);
	assert_true(document_take_parse(d, copy, e, NULL));
	assert_false(document_approximate(d));
}

/* Random edits of the file (text, len bytes, at rel): after each, the
 * document's findings are the whole file's, made by document_analyse, or
 * as the language server makes them (server). Every `restart` edits the
 * text goes back to the original (one edit over all of it). */
static void
random_session(struct sf_engine *e, struct sf_parser *p, const char *rel,
	       const char *text, uint32_t len, uint32_t edits, uint32_t restart,
	       bool server)
{
	const struct sf_language *lang = language_for_path(rel);
	bool python = lang->id == SF_LANG_PYTHON;
	struct sf_document *d = document_create(lang, rel, 0, text, len);
	document_analyse(d, e, p, NULL);
	char what[128];
	for (uint32_t step = 0; step < edits; step++) {
		const char *why;
		uint32_t tl;
		if (step > 0 && step % restart == 0) {
			document_text(d, &tl);
			snprintf(what, sizeof what, "back to the original");
			assert_int_equal(
				document_edit_bytes(d, 0, tl, text, len, &why),
				0);
		} else {
			random_edit(d, python, what, sizeof what);
		}
		if (server)
			analyse_as_server(d, e, p);
		else
			document_analyse(d, e, p, NULL);
		const char *now = document_text(d, &tl);
		char *want = whole(e, p, rel, now, tl);
		char *got = render(document_diagnostics(d));
		if (strcmp(want, got) != 0) {
			/* cmocka cuts long messages: the text goes first. */
			fprintf(stderr,
				"%s: step %u (%s): chunked findings differ\n"
				"--- text:\n%.*s\n--- whole file:\n%s--- "
				"chunked:\n%s",
				rel, step, what, (int)tl, now, want, got);
			fail();
		}
		free(want);
		free(got);
	}
	document_destroy(d);
}

/* A few hundred lines of handlers and helpers: many chunks. */
static char *
generated(bool python, uint32_t *len)
{
	struct strbuf b;
	strbuf_init(&b);
	if (python)
		strbuf_puts(&b, "import asyncio\nimport time\n\nN = 1000\n"
				"M = N * 4\n\n");
	else
		strbuf_puts(&b, "const fs = require('fs');\n"
				"const express = require('express');\n"
				"const app = express();\nconst N = 1000;\n"
				"const M = N * 4;\n\n");
	for (int i = 0; i < 40; i++) {
		if (python)
			strbuf_printf(&b,
				      "def helper_%d(items):\n    total = 0\n"
				      "    for k in range(M):\n"
				      "        total += k * %d\n"
				      "    return total\n\n"
				      "async def handler_%d(request):\n"
				      "    %s\n    return helper_%d([1])\n\n",
				      i, i, i,
				      i % 3 ? "await asyncio.sleep(0.1)"
					    : "time.sleep(0.1)",
				      i);
		else
			strbuf_printf(
				&b,
				"function helper%d(items) {\n"
				"  let total = 0;\n"
				"  for (let k = 0; k < M; k++) {\n"
				"    total += items[k %% 3] * %d;\n  }\n"
				"  return total;\n}\n"
				"app.get('/r%d', async (req, res) => {\n"
				"  const data = %s;\n"
				"  res.json(helper%d([1, 2, 3]) + data);\n"
				"});\n\n",
				i, i, i,
				i % 3 ? "await load(req.params.id)"
				      : "fs.readFileSync('d')",
				i);
	}
	*len = (uint32_t)b.len;
	return strbuf_detach(&b);
}

static void
chunked__random_edits__equal_whole_file_after_every_edit(void **state)
{
	(void)state;
	xalloc_install_tree_sitter();
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	rnd_state = 0x9e3779b97f4a7c15ull;
	for (int py = 0; py < 2; py++) {
		uint32_t len;
		char *text = generated(py, &len);
		random_session(e, p, py ? "gen.py" : "gen.js", text, len, 400,
			       25, false);
		random_session(e, p, py ? "gen.py" : "gen.js", text, len, 200,
			       25, true);
		free(text);
	}
	const char *files[] = {
		"examples/node-service/src/server.js",
		"examples/python-service/app/routes/orders.py",
		"tests/cases/javascript/express_routes.js",
		"tests/cases/python/fastapi_app.py",
	};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char *abs = xasprintf("%s/%s", source_dir, files[i]);
		uint32_t len;
		char *text = slurp(abs, &len);
		random_session(e, p, files[i], text, len, 150, 15, false);
		free(text);
		free(abs);
	}
	parser_destroy(p);
	engine_destroy(e);
}

/* The editors issue's report: two nested unclosed calls typed into a
 * handler, one character at a time, then the rest of the line. After
 * every keystroke the findings are the whole file's (they once all
 * vanished, for good). */
static void
chunked__typing_nested_unclosed_calls__findings_stay(void **state)
{
	(void)state;
	xalloc_install_tree_sitter();
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	const char *text = "const fs = require('fs');\n"
			   "app.get('/', (req, res) => {\n"
			   "  const a = fs.readFileSync('a.txt');\n"
			   "  \n"
			   "  res.send(a);\n"
			   "});\n"
			   "function g(x) { return x; }\n"
			   "function f(x) { return x; }\n"
			   "app.get('/b', (req, res) => {\n"
			   "  const b = fs.readFileSync('b.txt');\n"
			   "  res.send(b);\n"
			   "});\n";
	uint32_t len = (uint32_t)strlen(text);
	struct sf_document *d = document_create(language_for_path("a.js"),
						"a.js", 0, text, len);
	document_analyse(d, e, p, NULL);
	const char *typed = "const t = fs.readFileSync(f(g('x')));";
	uint32_t at = (uint32_t)(strstr(text, "  \n  res") - text) + 2;
	for (uint32_t i = 0; typed[i]; i++) {
		const char *why;
		assert_int_equal(document_edit_bytes(d, at + i, at + i,
						     typed + i, 1, &why),
				 0);
		document_analyse(d, e, p, NULL);
		uint32_t tl;
		const char *now = document_text(d, &tl);
		char *want = whole(e, p, "a.js", now, tl);
		char *got = render(document_diagnostics(d));
		char what[64];
		snprintf(what, sizeof what, "typed \"%.*s\"", (int)i + 1,
			 typed);
		expect_same(what, "a.js", want, got);
		free(want);
		free(got);
	}
	/* Both handlers' reads and the one typed. */
	assert_int_equal(document_diagnostics(d)->items.n, 3);
	document_destroy(d);
	parser_destroy(p);
	engine_destroy(e);
}

/* Issue 15, item 16: the language server's memory grew with editing, from
 * one 32 KiB facts arena per chunk (a chunk per group of statements): a
 * 778 KB document of one-line statements took 298 MB (about 380 bytes per
 * byte of text; this document took 1,340). A document's memory stays
 * proportional to its text on a fresh open (its trees, facts and
 * findings: under 256 bytes per byte), and within twice that after a long
 * typing session. */
static void
chunked__memory__proportional_to_the_text_and_stays_so(void **state)
{
	(void)state;
#if defined(__SANITIZE_ADDRESS__)
	skip();
#else
	xalloc_install_tree_sitter();
	struct sf_engine *e = engine_create();
	struct sf_parser *p = parser_create();
	struct strbuf b;
	strbuf_init(&b);
	strbuf_puts(&b, "const fs = require('fs');\n");
	for (int i = 0; i < 3000; i++)
		strbuf_printf(&b, "const v%d = f(%d, 'x');\n", i, i);
	uint32_t len = (uint32_t)b.len;
	size_t m0 = test_heap_used();
	struct sf_document *d =
		document_create(language_for_path("a.js"), "a.js", 0, b.s, len);
	document_analyse(d, e, p, NULL);
	size_t fresh = test_heap_used() - m0;
	/* 500 keystrokes: a statement typed at random places, a character
	 * at a time, each followed by its analysis, then taken out again. */
	rnd_state = 0x2545f4914f6cdd1dull;
	const char *typed = "x = g(1);\n";
	for (int round = 0; round < 50; round++) {
		uint32_t tl;
		const char *t = document_text(d, &tl);
		uint32_t at = rnd(tl);
		while (at > 0 && t[at - 1] != '\n')
			at--;
		const char *why;
		for (uint32_t k = 0; typed[k]; k++) {
			assert_int_equal(document_edit_bytes(d, at + k, at + k,
							     typed + k, 1,
							     &why),
					 0);
			document_analyse(d, e, p, NULL);
		}
		assert_int_equal(
			document_edit_bytes(d, at, at + (uint32_t)strlen(typed),
					    "", 0, &why),
			0);
		document_analyse(d, e, p, NULL);
	}
	size_t edited = test_heap_used() - m0;
	fprintf(stderr, "text %u bytes, fresh %zu bytes, after editing %zu\n",
		len, fresh, edited);
	assert_true(fresh < (size_t)len * 256);
	assert_true(edited < fresh * 2);
	document_destroy(d);
	strbuf_finish(&b);
	parser_destroy(p);
	engine_destroy(e);
#endif
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
		cmocka_unit_test(
			chunked__typing_nested_unclosed_calls__findings_stay),
		cmocka_unit_test(
			chunked__random_edits__equal_whole_file_after_every_edit),
		cmocka_unit_test(
			chunked__memory__proportional_to_the_text_and_stays_so),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
