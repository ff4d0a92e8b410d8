/*
 * `stackfit audit --shard I/N` and `stackfit merge` (cmd_merge.h,
 * shard.h). A shard is the first pass of its files, run as an audit runs
 * it (project_take, project_run on the scheduler's workers) with a host
 * that keeps what the pass would give the on-disk cache. The merge is an
 * audit of the same tree whose first passes come from the shards (the
 * host's load): the project then solves as it always does.
 */
#include "cmd_merge.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <uv.h>

#include "cache.h"
#include "cmd.h"
#include "cmd_audit.h"
#include "cmd_report.h"
#include "config.h"
#include "project.h"
#include "report_file.h"
#include "scheduler.h"
#include "shard.h"
#include "util/escape.h"
#include "util/strmap.h"
#include "util/xalloc.h"

/* --- writing a shard ----------------------------------------------------- */

struct writer {
	const char *root;
	const struct scheduler_options *o;
	uv_mutex_t lock;
	struct strmap records; /* path -> struct strbuf * (its record) */
	struct project_job **jobs;
};

static int
read_file(void *ctx, const char *path, uint64_t max_size, char **text,
	  uint32_t *len, char **note)
{
	const char *root = *(const char *const *)ctx;
	return workspace_read_file(root, path, max_size, text, len, note);
}

static bool
never(void *ctx, const struct project_key *k, struct sf_diag_list *diags,
      struct sf_summary **summary)
{
	(void)ctx;
	(void)k;
	(void)diags;
	(void)summary;
	return false;
}

static void
keep(void *ctx, const struct project_key *k, const struct sf_diag_list *diags,
     const struct sf_summary *summary)
{
	struct writer *w = ctx;
	struct shard_record r = {
		.path = (char *)k->path,
		.flags = k->flags,
		.hash = k->hash,
		.len = k->len,
		.analysed = true,
		.diags = diags,
		.summary = summary,
	};
	struct strbuf *b = xmalloc(sizeof *b);
	strbuf_init(b);
	shard_write_record(b, &r);
	uv_mutex_lock(&w->lock);
	struct strbuf *old = strmap_put(&w->records, k->path, b);
	uv_mutex_unlock(&w->lock);
	if (old != NULL) {
		strbuf_finish(old);
		free(old);
	}
}

struct run {
	struct writer *w;
	const struct project_host *h;
};

static void
run_job(void *arg, struct sf_parser *p, uint32_t i)
{
	struct run *r = arg;
	project_run(r->w->jobs[i], p, r->h);
}

int
cmd_merge_write_shard(const struct workspace *ws, struct config *c, uint32_t i,
		      uint32_t n, const char *output, unsigned jobs,
		      bool progress)
{
	char *cause = NULL;
	struct report_file rf = {0};
	if (report_file_open(&rf, output, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		engine_destroy(c->engine);
		return EXIT_USAGE;
	}
	uint64_t settings = config_fingerprint(c);
	struct sf_project *pj = project_create(c->engine);
	config_install(c, pj);
	VEC(uint32_t) mine = {0};
	for (uint32_t k = 0; k < ws->files.n; k++)
		if (shard_of(ws->files.v[k], n) == i) {
			*VEC_PUSH(mine) = k;
			scheduler_update_listed(pj, ws, k);
		}
	struct scheduler_options so = {.jobs = jobs, .progress = progress};
	struct writer w = {.root = ws->root, .o = &so};
	uv_mutex_init(&w.lock);
	strmap_init(&w.records);
	VEC(struct project_job *) taken = {0};
	for (struct project_job *j; (j = project_take(pj)) != NULL;)
		*VEC_PUSH(taken) = j;
	w.jobs = taken.v;
	/* read's ctx is the root; load and store's the writer. */
	struct project_host h = {
		.ctx = &w,
		.read = read_file,
		.load = never,
		.store = keep,
	};
	struct run r = {.w = &w, .h = &h};
	scheduler_map(&so, "analysing", taken.n, run_job, &r);
	for (uint32_t k = 0; k < taken.n; k++)
		project_commit(pj, taken.v[k]);
	VEC_FREE(taken);

	struct strbuf out;
	strbuf_init(&out);
	shard_write_header(&out, settings, i, n, mine.n);
	for (uint32_t k = 0; k < mine.n; k++) {
		const char *path = ws->files.v[mine.v[k]];
		struct strbuf *b = strmap_get(&w.records, path, NULL);
		if (b != NULL) {
			strbuf_append(&out, b->s, b->len);
			continue;
		}
		/* Skipped (unreadable, too large, binary) or not parsed:
		 * the merge reads it and says so again. */
		struct shard_record none = {
			.path = (char *)path,
			.flags = ws->flags.v[mine.v[k]],
		};
		shard_write_record(&out, &none);
	}
	int rc = EXIT_CLEAN;
	if (fwrite(out.s, 1, out.len, rf.out) != out.len ||
	    report_file_commit(&rf, &cause) < 0) {
		if (cause == NULL) {
			cause = xasprintf("%s: cannot write the shard", output);
			report_file_abort(&rf);
		}
		escape_note(stderr, "%s", cause);
		free(cause);
		rc = EXIT_USAGE;
	}
	strbuf_finish(&out);
	for (uint32_t k = 0; k < w.records.cap; k++) {
		struct strbuf *b = w.records.slots[k].value;
		if (b != NULL) {
			strbuf_finish(b);
			free(b);
		}
	}
	strmap_finish(&w.records);
	uv_mutex_destroy(&w.lock);
	VEC_FREE(mine);
	project_destroy(pj);
	return rc;
}

/* --- the merge ----------------------------------------------------------- */

enum {
	OPT_COLOR = 256,
	OPT_FAIL_ON,
	OPT_NO_PROGRESS,
	OPT_UNUSED_IGNORES,
	OPT_STATISTICS,
	OPT_ROOT,
	OPT_CONFIG,
};

struct merge_options {
	const char *root;
	enum report_format format;
	const char *output;
	unsigned jobs;
	int fail_on;
	int color;
	bool progress;
	bool unused_ignores;
	bool statistics;
	const char *config; /* --config FILE */
	char **shards;
	int nshards;
};

static const char merge_help[] =
	"\noptions:\n"
	"      --root PATH      the tree the shards were made of (default: "
	"the current\n"
	"                       folder): the PATH each `audit --shard` was "
	"given\n"
	"  -f, --format FORMAT  text (default), json, sarif, github or html\n"
	"  -o, --output FILE    write the report to FILE\n"
	"  -j, --jobs N         worker threads (default: one per core)\n"
	"      --fail-on LEVEL  exit 1 on findings at or above LEVEL:\n"
	"                       error, warning (default), info, hint, none\n"
	"      --color WHEN     auto (default), always, never; NO_COLOR is "
	"honoured\n"
	"      --no-progress    no progress line on a terminal\n"
	"      --report-unused-ignores\n"
	"                       report `stackfit: ignore` comments that "
	"suppress\n"
	"                       nothing (info)\n"
	"      --statistics     counts per rule instead of the findings "
	"(text, json)\n"
	"      --config FILE    the configuration the shards were made with "
	"(as given\n"
	"                       to `audit --shard --config FILE`)\n"
	"\nEvery shard of the audit must be given (`audit --shard I/N` for I "
	"from 0\nto N-1), made by this stackfit with the same configuration "
	"from the same\ntree; the report and exit status are those of one "
	"`stackfit audit` of the\ntree.\n";

static int
parse_args(int argc, char **argv, struct merge_options *o)
{
	static const struct option options[] = {
		{"root", required_argument, NULL, OPT_ROOT},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"jobs", required_argument, NULL, 'j'},
		{"fail-on", required_argument, NULL, OPT_FAIL_ON},
		{"color", required_argument, NULL, OPT_COLOR},
		{"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
		{"report-unused-ignores", no_argument, NULL,
		 OPT_UNUSED_IGNORES},
		{"statistics", no_argument, NULL, OPT_STATISTICS},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	*o = (struct merge_options){
		.root = ".",
		.format = REPORT_TEXT,
		.fail_on = SF_SEV_WARNING,
		.color = -1,
		.progress = true,
	};
	const struct cmd_entry *cmd = &cmd_merge_entry;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:o:j:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_ROOT:
			o->root = optarg;
			break;
		case 'f':
			if (cmd_report_parse_format(cmd, optarg, &o->format))
				return EXIT_USAGE;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'j':
			if (cmd_report_parse_jobs(cmd, optarg, &o->jobs))
				return EXIT_USAGE;
			break;
		case OPT_FAIL_ON:
			if (cmd_report_parse_fail_on(cmd, optarg, &o->fail_on))
				return EXIT_USAGE;
			break;
		case OPT_COLOR:
			if (cmd_report_parse_color(cmd, optarg, &o->color))
				return EXIT_USAGE;
			break;
		case OPT_NO_PROGRESS:
			o->progress = false;
			break;
		case OPT_UNUSED_IGNORES:
			o->unused_ignores = true;
			break;
		case OPT_STATISTICS:
			o->statistics = true;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case 'h':
			cmd_print_usage(stdout, cmd);
			fputs(merge_help, stdout);
			return EXIT_CLEAN;
		default:
			return cmd_option_error(cmd, c, argv);
		}
	}
	if (o->statistics && cmd_report_statistics(cmd, &o->format))
		return EXIT_USAGE;
	o->shards = argv + optind;
	o->nshards = argc - optind;
	if (o->nshards == 0)
		return cmd_usage_error(cmd, "no SHARD files given");
	return -1;
}

/* The shards, read and checked against each other: one of each index of
 * the same count, made with the same settings. */
struct shards {
	struct shard_file *v;
	uint32_t n;            /* files given */
	uint32_t count_of;     /* N */
	struct strmap by_path; /* path -> struct shard_entry * */
};

static void
shards_finish(struct shards *s)
{
	for (uint32_t i = 0; i < s->n; i++)
		shard_file_finish(&s->v[i]);
	free(s->v);
	strmap_finish(&s->by_path);
}

static int
read_shards(const struct merge_options *o, struct shards *s, char **cause)
{
	*s = (struct shards){0};
	strmap_init(&s->by_path);
	s->v = xcalloc((size_t)o->nshards, sizeof *s->v);
	for (int i = 0; i < o->nshards; i++) {
		if (shard_read(o->shards[i], &s->v[i], cause) < 0)
			return -1;
		s->n++;
	}
	const struct shard_file *first = &s->v[0];
	s->count_of = first->count_of;
	const struct shard_file **seen = xcalloc(s->count_of, sizeof *seen);
	int rc = 0;
	for (uint32_t i = 0; rc == 0 && i < s->n; i++) {
		const struct shard_file *f = &s->v[i];
		if (f->count_of != s->count_of) {
			*cause = xasprintf("%s: shard %u of %u, but %s is of "
					   "%u: shards of different audits",
					   f->name, f->index, f->count_of,
					   first->name, s->count_of);
			rc = -1;
		} else if (f->settings != first->settings) {
			*cause = xasprintf("%s: made with other settings or "
					   "another build than %s",
					   f->name, first->name);
			rc = -1;
		} else if (seen[f->index] != NULL) {
			*cause = xasprintf("%s: shard %u of %u again (%s is "
					   "it too)",
					   f->name, f->index, f->count_of,
					   seen[f->index]->name);
			rc = -1;
		}
		if (rc == 0)
			seen[f->index] = f;
	}
	for (uint32_t i = 0; rc == 0 && i < s->count_of; i++)
		if (seen[i] == NULL) {
			*cause = xasprintf("shard %u of %u is missing: give "
					   "every shard of the audit",
					   i, s->count_of);
			rc = -1;
		}
	free(seen);
	for (uint32_t i = 0; rc == 0 && i < s->n; i++) {
		struct shard_file *f = &s->v[i];
		for (uint32_t k = 0; rc == 0 && k < f->entries.n; k++) {
			struct shard_entry *e = &f->entries.v[k];
			if (shard_of(e->path, s->count_of) != f->index) {
				*cause = xasprintf(
					"%s: %s belongs to shard %u of %u, "
					"not %u",
					f->name, e->path,
					shard_of(e->path, s->count_of),
					s->count_of, f->index);
				rc = -1;
			} else {
				strmap_put(&s->by_path, e->path, e);
			}
		}
	}
	return rc;
}

/* The host of the merge's solve: files read from the tree, first passes
 * from the shards. */
struct merger {
	const char *root; /* first: read_file's ctx */
	const struct shards *s;
	const struct scheduler_options *o;
	uv_mutex_t lock;
	VEC(char *) differ; /* files whose text is not the shard's */
};

static bool
from_shard(void *ctx, const struct project_key *k, struct sf_diag_list *diags,
	   struct sf_summary **summary)
{
	struct merger *m = ctx;
	const struct shard_entry *e = strmap_get(&m->s->by_path, k->path, NULL);
	if (e == NULL || !e->analysed)
		return false; /* analysed here, as the shard tried to */
	if (e->hash != k->hash || e->len != k->len || e->flags != k->flags ||
	    !shard_results(e, diags, summary)) {
		uv_mutex_lock(&m->lock);
		*VEC_PUSH(m->differ) = xstrdup(k->path);
		uv_mutex_unlock(&m->lock);
		return false;
	}
	return true;
}

static void
merge_map(void *ctx, const char *what, uint32_t n, project_map_fn *fn,
	  void *arg)
{
	struct merger *m = ctx;
	scheduler_map(m->o, what, n, fn, arg);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether the workspace's files are the shards' files, with the same
 * flags; else *cause names the first that is not. */
static int
same_files(const struct workspace *ws, const struct shards *s, char **cause)
{
	for (uint32_t i = 0; i < ws->files.n; i++) {
		const struct shard_entry *e =
			strmap_get(&s->by_path, ws->files.v[i], NULL);
		if (e == NULL) {
			*cause = xasprintf("%s: in no shard; the shards were "
					   "made from another tree or "
					   "configuration",
					   ws->files.v[i]);
			return -1;
		}
		if (e->flags != ws->flags.v[i]) {
			*cause = xasprintf("%s: the shards say it is another "
					   "kind of file (a program, a test) "
					   "than this tree's configuration "
					   "does",
					   ws->files.v[i]);
			return -1;
		}
	}
	if (s->by_path.n != ws->files.n) {
		/* One the tree does not have. */
		for (uint32_t i = 0; i < s->n; i++)
			for (uint32_t k = 0; k < s->v[i].entries.n; k++) {
				const char *p = s->v[i].entries.v[k].path;
				uint32_t lo = 0, hi = ws->files.n;
				bool found = false;
				while (lo < hi && !found) {
					uint32_t mid = lo + (hi - lo) / 2;
					int c = strcmp(ws->files.v[mid], p);
					found = c == 0;
					if (c < 0)
						lo = mid + 1;
					else
						hi = mid;
				}
				if (!found) {
					*cause = xasprintf(
						"%s: %s is not a file of this "
						"tree; the shards were made "
						"from another tree or "
						"configuration",
						s->v[i].name, p);
					return -1;
				}
			}
	}
	return 0;
}

static int
exec_merge(int argc, char **argv)
{
	struct merge_options o;
	int rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	char *cause = NULL;
	struct shards s;
	if (read_shards(&o, &s, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		shards_finish(&s);
		return EXIT_USAGE;
	}
	/* The workspace as `audit --shard PATH` made it: in a git work
	 * tree, the whole repository, the report covering what is under
	 * PATH. */
	struct workspace ws;
	char *subset = NULL;
	if (cmd_audit_workspace(&ws, o.root, &subset, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		shards_finish(&s);
		return EXIT_USAGE;
	}
	struct report_file rf = {0};
	struct sf_engine *engine = engine_create();
	struct config config;
	bool loaded = false;
	if (o.output != NULL && report_file_open(&rf, o.output, &cause) < 0)
		goto fail;
	if (config_load_workspace(&config, &ws, o.config, engine, &cause) < 0)
		goto fail;
	loaded = true;
	config_apply_workspace(&config, &ws);
	if (config_fingerprint(&config) != s.v[0].settings) {
		cause = xasprintf("%s: made with other settings or another "
				  "build than this merge's (the configuration "
				  "of %s, or the stackfit binary, differ)",
				  s.v[0].name, ws.root);
		goto fail;
	}
	if (same_files(&ws, &s, &cause) < 0)
		goto fail;

	FILE *out = o.output != NULL ? rf.out : stdout;
	char *prefix = o.format == REPORT_GITHUB
			       ? cmd_report_github_prefix(ws.root)
			       : NULL;
	struct audit_request rq = {
		.r =
			{
				.format = o.format,
				.fail_on = o.fail_on,
				.color = cmd_report_color(o.color, out),
				.path_prefix = prefix,
				.jobs = o.jobs,
				.unused_ignores = o.unused_ignores ||
						  config.report_unused_ignores,
				.config = &config,
			},
		.subset = subset,
	};
	struct sf_project *pj = project_create(engine);
	engine = NULL;
	config_install(&config, pj);
	project_set_report_unused(pj, rq.r.unused_ignores);
	scheduler_add_workspace(pj, &ws, NULL);
	struct scheduler_options so = {
		.jobs = o.jobs,
		.progress = o.progress && isatty(STDERR_FILENO),
	};
	struct merger m = {.root = ws.root, .s = &s, .o = &so};
	uv_mutex_init(&m.lock);
	struct project_host h = {
		.ctx = &m,
		.read = read_file,
		.load = from_shard,
		.map = merge_map,
	};
	project_solve(pj, &h);
	uv_mutex_destroy(&m.lock);
	if (m.differ.n > 0) {
		qsort(m.differ.v, m.differ.n, sizeof *m.differ.v, cmp_str);
		const struct shard_entry *e =
			strmap_get(&s.by_path, m.differ.v[0], NULL);
		cause = xasprintf(
			"%s: its text is not the one shard %u of "
			"%u analysed (%u such file%s); the shards "
			"were made from another tree",
			m.differ.v[0], e ? shard_of(e->path, s.count_of) : 0,
			s.count_of, m.differ.n, m.differ.n == 1 ? "" : "s");
		rc = EXIT_USAGE;
	} else {
		rc = cmd_audit_write(pj, &ws, &rq, out, stderr);
	}
	for (uint32_t i = 0; i < m.differ.n; i++)
		free(m.differ.v[i]);
	VEC_FREE(m.differ);
	project_destroy(pj);
	free(prefix);
	if (cause != NULL)
		goto fail;
	if (o.output != NULL && rc == EXIT_USAGE) {
		report_file_abort(&rf);
	} else if (o.output != NULL && report_file_commit(&rf, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		rc = EXIT_USAGE;
	}
	config_finish(&config);
	workspace_finish(&ws);
	free(subset);
	shards_finish(&s);
	return rc;
fail:
	escape_note(stderr, "%s", cause);
	free(cause);
	report_file_abort(&rf);
	engine_destroy(engine);
	if (loaded)
		config_finish(&config);
	workspace_finish(&ws);
	free(subset);
	shards_finish(&s);
	return EXIT_USAGE;
}

const struct cmd_entry cmd_merge_entry = {
	.name = "merge",
	.usage = "[--root PATH] [--format text|json|sarif|github|html] "
		 "[--output FILE] [--jobs N] [--fail-on LEVEL] "
		 "[--report-unused-ignores] [--statistics] [--config FILE] "
		 "SHARD...",
	.summary = "make one audit report of the shard files of `audit "
		   "--shard`",
	.exec = exec_merge,
};
