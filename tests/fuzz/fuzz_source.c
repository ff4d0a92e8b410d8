/*
 * libFuzzer target on one language's way from bytes to findings, as an
 * audit takes it: parse, extract the facts, the context pass and every
 * per-file rule; the file's summary, through the cache's encoding and
 * back; a one-file project index, solved, with the second per-file pass
 * when it asks for one, the rules that judge files through it, the
 * stack-fit profile and the project rules; the unused-suppression report;
 * code frames; and the JSON, SARIF and text reports. The input is the
 * file's text; FUZZ_PATH (a file name, set by the build) chooses the
 * language.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diagnostic_io.h"
#include "engine.h"
#include "index.h"
#include "parse.h"
#include "profile.h"
#include "report.h"
#include "rules/rule.h"
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

/* Set up once: they hold nothing of one input for the next. */
static struct sf_engine *engine;
static struct sf_parser *parser;
static FILE *devnull;

/* The summary and findings through the cache's encoding: what is read
 * back replaces them. */
static struct sf_summary *
round_trip(struct sf_summary *s, struct sf_diag_list *diags)
{
	struct binio_writer w;
	binio_writer_init(&w);
	summary_io_write(&w, s);
	diagnostic_io_write(&w, diags);
	struct strbuf blob;
	strbuf_init(&blob);
	binio_writer_output(&w, &blob);
	binio_writer_finish(&w);
	struct binio_reader r;
	struct sf_summary *back = NULL;
	struct sf_diag_list got;
	diag_list_init(&got);
	if (binio_reader_init(&r, blob.s, blob.len)) {
		back = summary_io_read(&r);
		if (back != NULL && !diagnostic_io_read(&r, &got)) {
			summary_destroy(back);
			back = NULL;
		}
	}
	strbuf_finish(&blob);
	/* What was written must read back. */
	if (back == NULL)
		abort();
	summary_destroy(s);
	diag_list_finish(diags);
	*diags = got;
	return back;
}

static void
project_rules(const struct sf_index *ix, const struct sf_profile *p,
	      struct sf_diag_list *out)
{
	for (size_t i = 0; i < rule_count; i++) {
		const struct sf_rule *r = rule_table[i];
		if (r->check_project == NULL)
			continue;
		struct sf_project_ctx ctx = {
			.engine = engine,
			.rule = r,
			.index = ix,
			.profile = p,
			.severity = engine_severity(engine, r),
			.out = out,
		};
		r->check_project(&ctx);
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
	if (engine == NULL) {
		xalloc_install_tree_sitter();
		engine = engine_create();
		parser = parser_create();
		devnull = fopen("/dev/null", "w");
		if (devnull == NULL)
			abort();
	}
	if (size > ENGINE_MAX_FILE_SIZE)
		return 0;
	struct sf_source src = {
		.path = FUZZ_PATH,
		.text = (const char *)data,
		.len = (uint32_t)size,
	};
	struct sf_diag_list diags;
	diag_list_init(&diags);
	struct sf_facts *f = engine_check_source(engine, parser, &src, &diags);
	if (f == NULL) {
		diag_list_finish(&diags);
		return 0;
	}
	/* The language server's report of the comments, with fixes whose
	 * edits must stay within the text and on its lines' bounds. */
	struct sf_diag_list unused;
	diag_list_init(&unused);
	suppression_report_file(engine, NULL, f, src.text, src.len, &diags,
				&unused);
	for (uint32_t i = 0; i < unused.items.n; i++) {
		const struct sf_fix *fix = unused.items.v[i].fix;
		for (uint32_t k = 0; fix != NULL && k < fix->edits.n; k++)
			if (fix->edits.v[k].span.start >
				    fix->edits.v[k].span.end ||
			    fix->edits.v[k].span.end > src.len)
				abort();
	}
	diag_list_finish(&unused);
	struct cost_options cost = engine_cost_options(engine);
	struct summary_env env = {
		.catalogue = engine_catalogue(engine),
		.cost = &cost,
	};
	struct sf_summary *s = summary_build(f, src.text, src.len, &env);
	facts_destroy(f);
	s = round_trip(s, &diags);

	struct sf_index *ix = index_create();
	index_put(ix, s);
	index_solve(ix, NULL);
	if (index_needs_recheck(ix, FUZZ_PATH)) {
		src.index = ix;
		struct sf_diag_list again;
		diag_list_init(&again);
		facts_destroy(
			engine_check_source(engine, parser, &src, &again));
		diag_list_finish(&diags);
		diags = again;
	}
	engine_check_indexed(engine, ix, FUZZ_PATH, src.text, src.len, &diags);
	struct sf_profile *p = profile_build(ix);
	project_rules(ix, p, &diags);
	suppression_report_unused(engine, ix, &diags);
	diag_list_sort(&diags);
	struct diag_cursor c = {0};
	for (uint32_t i = 0; i < diags.items.n; i++)
		if (diags.items.v[i].line_text == NULL)
			rule_locate_line_at(&diags.items.v[i], src.text,
					    src.len, &c);
	profile_judge(p, &diags);
	reports(&diags);
	profile_destroy(p);
	index_destroy(ix);
	diag_list_finish(&diags);
	return 0;
}
