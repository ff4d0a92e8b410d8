/*
 * libFuzzer target on one language's way from bytes to findings, as an
 * audit takes it: a one-file project (analyzers/project.h) solved — parse,
 * extract the facts, the context pass and every per-file rule that is not
 * off; the file's summary; the index, solved, with the second per-file
 * pass when it asks for one; the rules that judge files through it, the
 * stack-fit profile and the project rules; the unused-suppression report;
 * code frames — and the JSON, SARIF and text reports. The project is then
 * solved again with the file's first pass taken from the cache's encoding
 * of the first solve's, which must read back and give the same findings.
 * The fixes of unused suppressions must stay within the text. The input
 * is the file's text; FUZZ_PATH (a file name, set by the build) chooses
 * the language.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagnostic_io.h"
#include "engine.h"
#include "parse.h"
#include "project.h"
#include "report.h"
#include "summary.h"
#include "summary_io.h"
#include "suppression.h"
#include "util/binio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#ifndef FUZZ_PATH
#error "FUZZ_PATH names the file (and so the language) of the input"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Set up once: it holds nothing of one input for the next. */
static FILE *devnull;

/* The cache of one input's project: its first pass, encoded as the
 * analysis cache encodes it. */
struct blob_cache {
	struct strbuf blob;
	bool stored;
};

static void
blob_store(void *ctx, const struct project_key *k,
	   const struct sf_diag_list *diags, const struct sf_summary *s)
{
	(void)k;
	struct blob_cache *c = ctx;
	struct binio_writer w;
	binio_writer_init(&w);
	summary_io_write(&w, s);
	diagnostic_io_write(&w, diags);
	strbuf_reset(&c->blob);
	binio_writer_output(&w, &c->blob);
	binio_writer_finish(&w);
	c->stored = true;
}

static bool
blob_load(void *ctx, const struct project_key *k, struct sf_diag_list *diags,
	  struct sf_summary **summary)
{
	(void)k;
	struct blob_cache *c = ctx;
	if (!c->stored)
		return false;
	struct binio_reader r;
	struct sf_summary *back = NULL;
	if (binio_reader_init(&r, c->blob.s, c->blob.len)) {
		back = summary_io_read(&r);
		if (back != NULL && !diagnostic_io_read(&r, diags)) {
			summary_destroy(back);
			back = NULL;
		}
	}
	/* What was written must read back. */
	if (back == NULL)
		abort();
	*summary = back;
	return true;
}

/* The fixes of the unused suppressions (the project has the text: it
 * was given) must stay within the text. */
static void
check_fixes(const struct sf_diag_list *l, uint32_t len)
{
	for (uint32_t i = 0; i < l->items.n; i++) {
		const struct sf_fix *fix = l->items.v[i].fix;
		for (uint32_t k = 0; fix != NULL && k < fix->edits.n; k++)
			if (fix->edits.v[k].span.start >
				    fix->edits.v[k].span.end ||
			    fix->edits.v[k].span.end > len)
				abort();
	}
}

static void
reports(const struct sf_diag_list *diags)
{
	struct sf_report r = {
		.tool_version = "fuzz",
		.root = "/fuzz",
		.files = 1,
		.diags = diags,
	};
	struct report_options o = {.color = true};
	report_write(devnull, REPORT_JSON, &r, &o);
	report_write(devnull, REPORT_SARIF, &r, &o);
	report_write(devnull, REPORT_TEXT, &r, &o);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (devnull == NULL) {
		xalloc_install_tree_sitter();
		devnull = fopen("/dev/null", "w");
		if (devnull == NULL)
			abort();
	}
	if (size > ENGINE_MAX_FILE_SIZE)
		return 0;
	const char *text = (const char *)data;
	uint32_t len = (uint32_t)size;
	struct sf_project *pj = project_create(engine_create());

	struct blob_cache cache = {0};
	strbuf_init(&cache.blob);
	struct project_host host = {
		.ctx = &cache,
		.load = blob_load,
		.store = blob_store,
	};
	project_set_report_unused(pj, true);
	project_update_text(pj, FUZZ_PATH, 0, text, len);
	project_solve(pj, &host);
	reports(project_findings(pj));
	check_fixes(project_findings(pj), len);
	uint64_t fresh = diag_list_hash(project_findings(pj));

	/* Again, from the cache: the same findings, so nothing changed. */
	project_update_text(pj, FUZZ_PATH, 0, text, len);
	project_solve(pj, &host);
	uint32_t changed;
	project_changes(pj, &changed);
	if (cache.stored &&
	    (diag_list_hash(project_findings(pj)) != fresh || changed != 0))
		abort();
	strbuf_finish(&cache.blob);
	project_destroy(pj);
	return 0;
}
