/*
 * libFuzzer targets on one layer each, fast enough to run hundreds of
 * inputs a second where the whole-analysis targets (fuzz_source.c) run a
 * few:
 *
 * - FUZZ_LAYER_EXTRACT (targets extract_javascript, extract_typescript,
 *   extract_python; FUZZ_PATH chooses the language): the input is a file's
 *   text, parsed, extracted into facts, put through the family's context
 *   pass and summarised — no rule, no index. Every span the facts keep
 *   lies within the text, and the summary's cache encoding reads back to
 *   the same bytes.
 * - FUZZ_LAYER_CACHE (target cache): the input is a cache entry — the
 *   encoding of one file's first pass (summary, then findings) that the
 *   analysis cache keeps on disk. A project of three files is solved with
 *   the first passes of app.js and app.py decoded from the input (when it
 *   decodes; else they are analysed from their texts) and lib.js analysed
 *   (the entry of a file may hold another's summary): the index, its
 *   solve, the rules that judge through it, the profile and the reports
 *   meet whatever a corrupted or hostile entry decodes to.
 *   tests/fuzz/cache_seeds.c writes the seeds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagnostic_io.h"
#include "engine.h"
#include "facts.h"
#include "language.h"
#include "parse.h"
#include "project.h"
#include "report.h"
#include "summary.h"
#include "summary_io.h"
#include "util/binio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef FUZZ_LAYER_EXTRACT

#ifndef FUZZ_PATH
#error "FUZZ_PATH names the file (and so the language) of the input"
#endif

static void
check_span(struct sf_span s, uint32_t len)
{
	if (s.start > s.end || s.end > len)
		abort();
}

static void
encode(const struct sf_summary *s, struct strbuf *out)
{
	struct binio_writer w;
	binio_writer_init(&w);
	summary_io_write(&w, s);
	binio_writer_output(&w, out);
	binio_writer_finish(&w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sf_parser *parser;
	static struct sf_engine *engine;
	if (parser == NULL) {
		xalloc_install_tree_sitter();
		parser = parser_create();
		engine = engine_create();
	}
	if (size > ENGINE_MAX_FILE_SIZE)
		return 0;
	const struct sf_language *lang = language_for_path(FUZZ_PATH);
	const char *text = (const char *)data;
	uint32_t len = (uint32_t)size;
	TSTree *tree = parser_parse(parser, lang, text, len, NULL, NULL);
	if (tree == NULL)
		abort();
	struct sf_source src = {.path = FUZZ_PATH, .text = text, .len = len};
	struct sf_facts *f = engine_extract(lang, tree, &src);
	ts_tree_delete(tree);
	for (uint32_t i = 0; i < f->calls.n; i++)
		check_span(f->calls.v[i].span, len);
	for (uint32_t i = 0; i < f->functions.n; i++)
		check_span(f->functions.v[i].span, len);
	for (uint32_t i = 0; i < f->loops.n; i++)
		check_span(f->loops.v[i].span, len);
	for (uint32_t i = 0; i < f->bindings.n; i++)
		check_span(f->bindings.v[i].span, len);

	struct sf_summary *s = engine_summarise(engine, f, text, len);
	struct strbuf a, b;
	strbuf_init(&a);
	strbuf_init(&b);
	encode(s, &a);
	struct binio_reader r;
	if (!binio_reader_init(&r, a.s, a.len))
		abort();
	struct sf_summary *back = summary_io_read(&r);
	if (back == NULL)
		abort();
	encode(back, &b);
	if (a.len != b.len || memcmp(a.s, b.s, a.len) != 0)
		abort();
	summary_destroy(back);
	summary_destroy(s);
	strbuf_finish(&a);
	strbuf_finish(&b);
	facts_destroy(f);
	return 0;
}

#elif defined(FUZZ_LAYER_CACHE)

static const char app_js[] =
	"const fs = require('fs');\n"
	"const { load } = require('./lib');\n"
	"app.get('/a', (req, res) => res.send(load(req.query.f)));\n";
static const char lib_js[] =
	"const fs = require('fs');\n"
	"exports.load = (f) => fs.readFileSync(f, 'utf8');\n";
static const char app_py[] = "import time\n"
			     "async def handler(request):\n"
			     "    time.sleep(1)\n";

struct entry {
	const uint8_t *data;
	size_t size;
	bool used;
};

static bool
entry_load(void *ctx, const struct project_key *k, struct sf_diag_list *diags,
	   struct sf_summary **summary)
{
	struct entry *e = ctx;
	if (strcmp(k->path, "app.js") != 0 && strcmp(k->path, "app.py") != 0)
		return false;
	struct binio_reader r;
	if (!binio_reader_init(&r, e->data, e->size))
		return false;
	struct sf_summary *s = summary_io_read(&r);
	if (s == NULL)
		return false;
	if (!diagnostic_io_read(&r, diags)) {
		summary_destroy(s);
		return false;
	}
	*summary = s;
	e->used = true;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	if (devnull == NULL) {
		xalloc_install_tree_sitter();
		devnull = fopen("/dev/null", "w");
		if (devnull == NULL)
			abort();
	}
	struct entry e = {.data = data, .size = size};
	struct project_host host = {.ctx = &e, .load = entry_load};
	struct sf_project *pj = project_create(engine_create());
	project_update_text(pj, "app.js", 0, app_js, sizeof app_js - 1);
	project_update_text(pj, "lib.js", 0, lib_js, sizeof lib_js - 1);
	project_update_text(pj, "app.py", 0, app_py, sizeof app_py - 1);
	project_solve(pj, &host);
	struct sf_report rep = {
		.tool_version = "fuzz",
		.root = "/fuzz",
		.files = 3,
		.diags = project_findings(pj),
	};
	struct report_options o = {.color = false};
	report_write(devnull, REPORT_JSON, &rep, &o);
	report_write(devnull, REPORT_SARIF, &rep, &o);
	report_write(devnull, REPORT_TEXT, &rep, &o);
	project_destroy(pj);
	return 0;
}

#else
#error "FUZZ_LAYER_EXTRACT or FUZZ_LAYER_CACHE chooses the layer"
#endif
