/*
 * Writes seeds for the cache fuzz target (fuzz_layers.c): for each source
 * file named, the cache entry of its first pass as the analysis cache
 * encodes it (summary, then findings), analysed under the name app.js (or
 * app.py), into OUTDIR/<base name>.sfc.
 *
 *   cache_seeds OUTDIR FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagnostic_io.h"
#include "engine.h"
#include "project.h"
#include "summary_io.h"
#include "util/binio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static void
store(void *ctx, const struct project_key *k, const struct sf_diag_list *diags,
      const struct sf_summary *s)
{
	(void)k;
	struct binio_writer w;
	binio_writer_init(&w);
	summary_io_write(&w, s);
	diagnostic_io_write(&w, diags);
	binio_writer_output(&w, ctx);
	binio_writer_finish(&w);
}

/* Nothing is cached yet: the project analyses, then stores. */
static bool
load_nothing(void *ctx, const struct project_key *k, struct sf_diag_list *diags,
	     struct sf_summary **summary)
{
	(void)ctx, (void)k, (void)diags, (void)summary;
	return false;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	struct strbuf b;
	strbuf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return b.s != NULL ? b.s : xstrdup("");
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: cache_seeds OUTDIR FILE...\n");
		return 2;
	}
	xalloc_install_tree_sitter();
	for (int i = 2; i < argc; i++) {
		size_t len;
		char *text = slurp(argv[i], &len);
		if (text == NULL) {
			fprintf(stderr, "cache_seeds: %s: cannot read\n",
				argv[i]);
			return 1;
		}
		const char *dot = strrchr(argv[i], '.');
		const char *name = dot != NULL && strcmp(dot, ".py") == 0
					   ? "app.py"
					   : "app.js";
		struct strbuf blob;
		strbuf_init(&blob);
		struct project_host host = {
			.ctx = &blob, .load = load_nothing, .store = store};
		struct sf_project *pj = project_create(engine_create());
		project_update_text(pj, name, 0, text, (uint32_t)len);
		project_solve(pj, &host);
		project_destroy(pj);
		const char *base = strrchr(argv[i], '/');
		base = base != NULL ? base + 1 : argv[i];
		char out[4096];
		snprintf(out, sizeof out, "%s/%s.sfc", argv[1], base);
		FILE *f = fopen(out, "wb");
		if (f == NULL || fwrite(blob.s, 1, blob.len, f) != blob.len ||
		    fclose(f) != 0) {
			fprintf(stderr, "cache_seeds: %s: cannot write\n", out);
			return 1;
		}
		printf("%s (%zu bytes)\n", out, blob.len);
		strbuf_finish(&blob);
		free(text);
	}
	return 0;
}
