/*
 * `stackfit audit [PATH]`: the whole repository, one report — analysed by
 * the daemon of PATH's root when one answers (daemon_client.h), with this
 * file's report code, else in process.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <uv.h>

#include "cmd.h"
#include "cmd_audit.h"
#include "cmd_merge.h"
#include "cmd_report.h"
#include "config.h"
#include "daemon_client.h"
#include "engine.h"
#include "git.h"
#include "profile.h"
#include "project.h"
#include "report.h"
#include "report_file.h"
#include "shard.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "workspace.h"

enum {
	OPT_COLOR = 256,
	OPT_FAIL_ON,
	OPT_NO_PROGRESS,
	OPT_NO_CACHE,
	OPT_NO_DAEMON,
	OPT_UNUSED_IGNORES,
	OPT_STATISTICS,
	OPT_NO_BASELINE,
	OPT_CONFIG,
	OPT_SHARD,
};

struct audit_options {
	const char *path;
	enum report_format format;
	const char *output;
	unsigned jobs;
	int fail_on; /* enum sf_severity; SF_SEV_OFF means never fail */
	int color;   /* -1 auto, 0 never, 1 always */
	bool progress;
	bool cache;
	bool daemon; /* ask a running daemon first */
	bool unused_ignores;
	bool statistics; /* counts per rule instead of the findings */
	bool no_baseline;
	const char *config; /* --config FILE */
	bool format_given;
	bool shard; /* --shard I/N: write a shard file (cmd_merge.h) */
	uint32_t shard_i, shard_n;
};

static int
parse_args(int argc, char **argv, struct audit_options *o)
{
	static const struct option options[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"jobs", required_argument, NULL, 'j'},
		{"fail-on", required_argument, NULL, OPT_FAIL_ON},
		{"color", required_argument, NULL, OPT_COLOR},
		{"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
		{"no-cache", no_argument, NULL, OPT_NO_CACHE},
		{"no-daemon", no_argument, NULL, OPT_NO_DAEMON},
		{"report-unused-ignores", no_argument, NULL,
		 OPT_UNUSED_IGNORES},
		{"statistics", no_argument, NULL, OPT_STATISTICS},
		{"no-baseline", no_argument, NULL, OPT_NO_BASELINE},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"shard", required_argument, NULL, OPT_SHARD},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	*o = (struct audit_options){
		.path = ".",
		.format = REPORT_TEXT,
		.fail_on = SF_SEV_WARNING,
		.color = -1,
		.progress = true,
		.cache = true,
		.daemon = true,
	};
	const struct cmd_entry *cmd = &cmd_audit_entry;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:o:j:h", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (cmd_report_parse_format(cmd, optarg, &o->format))
				return EXIT_USAGE;
			o->format_given = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'j':
			if (cmd_report_parse_jobs(cmd, optarg, &o->jobs))
				return EXIT_USAGE;
			break;
		case OPT_SHARD:
			if (shard_parse_spec(optarg, &o->shard_i, &o->shard_n) <
			    0)
				return cmd_usage_error(
					cmd,
					"--shard expects I/N, 0 <= I < N <= "
					"%u, not '%s'",
					SHARD_COUNT_MAX, optarg);
			o->shard = true;
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
		case OPT_NO_CACHE:
			o->cache = false;
			break;
		case OPT_NO_DAEMON:
			o->daemon = false;
			break;
		case OPT_UNUSED_IGNORES:
			o->unused_ignores = true;
			break;
		case OPT_STATISTICS:
			o->statistics = true;
			break;
		case OPT_NO_BASELINE:
			o->no_baseline = true;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case 'h':
			cmd_print_usage(stdout, cmd);
			fputs("\noptions:\n"
			      "  -f, --format FORMAT  text (default), json, "
			      "sarif, github or html\n"
			      "  -o, --output FILE    write the report to "
			      "FILE\n"
			      "  -j, --jobs N         worker threads (default: "
			      "one "
			      "per core)\n"
			      "      --fail-on LEVEL  exit 1 on findings at or "
			      "above "
			      "LEVEL:\n"
			      "                       error, warning "
			      "(default), "
			      "info, hint, none\n"
			      "      --color WHEN     auto (default), always, "
			      "never; "
			      "NO_COLOR is honoured\n"
			      "      --no-progress    no progress line on a "
			      "terminal\n"
			      "      --no-cache       analyse every file again "
			      "(no on-disk cache)\n"
			      "      --no-daemon      analyse in this process "
			      "even when a daemon runs\n"
			      "      --report-unused-ignores\n"
			      "                       report `stackfit: "
			      "ignore` "
			      "comments that\n"
			      "                       suppress nothing (info)\n"
			      "      --statistics     counts per rule instead "
			      "of the findings (text, json)\n"
			      "      --no-baseline    also report the findings "
			      "of .stackfit-baseline.json\n"
			      "      --config FILE    this configuration for "
			      "every file (none other is read)\n"
			      "      --shard I/N      analyse the files of "
			      "shard "
			      "I of N only and write\n"
			      "                       them to the shard file "
			      "--output, for `stackfit merge`\n"
			      "\nWhen a daemon runs for PATH's workspace root "
			      "(`stackfit daemon start`),\nit does the "
			      "analysis, "
			      "with the same report; when none answers, audit\n"
			      "analyses in process.\n",
			      stdout);
			return EXIT_CLEAN;
		default:
			return cmd_option_error(cmd, c, argv);
		}
	}
	if (o->statistics && cmd_report_statistics(cmd, &o->format))
		return EXIT_USAGE;
	if (o->shard && o->output == NULL)
		return cmd_usage_error(cmd, "--shard writes a shard file: give "
					    "it with --output FILE");
	if (o->shard && (o->format_given || o->statistics))
		return cmd_usage_error(cmd, "--shard writes a shard file, not "
					    "a report: the format is "
					    "`stackfit merge`'s");
	if (argc - optind > 1)
		return cmd_usage_error(cmd, "expected one PATH, got %d",
				       argc - optind);
	if (optind < argc)
		o->path = argv[optind];
	return -1; /* go on */
}

/* Is the root-relative path rel under subset (a folder or a file; NULL
 * or "": everything)? */
static bool
under(const char *subset, const char *rel)
{
	if (subset == NULL || subset[0] == '\0')
		return true;
	size_t n = strlen(subset);
	return strncmp(rel, subset, n) == 0 &&
	       (rel[n] == '\0' || rel[n] == '/');
}

/* The report's view of the profile: arrays that borrow the profile's
 * strings, of the components under subset, whose reasons index the
 * findings kept (keep[i]: the report's index of finding i, or -1).
 * *n is their number. Free with report_components_free. */
static struct report_component *
report_components(const struct sf_profile *p, const char *subset,
		  const int64_t *keep, uint32_t *nout)
{
	uint32_t n = p ? p->components.n : 0;
	struct report_component *out = xcalloc(n ? n : 1, sizeof *out);
	*nout = 0;
	for (uint32_t i = 0; i < n; i++) {
		const struct profile_component *c = &p->components.v[i];
		if (!under(subset, c->path))
			continue;
		struct report_reason *reasons = xcalloc(
			c->reasons.n ? c->reasons.n : 1, sizeof *reasons);
		for (uint32_t k = 0; k < c->reasons.n; k++) {
			const uint32_t *from = c->reasons.v[k].diags.v;
			uint32_t nd = c->reasons.v[k].diags.n;
			uint32_t *to = xcalloc(nd ? nd : 1, sizeof *to);
			uint32_t kept = 0;
			for (uint32_t q = 0; q < nd; q++)
				if (keep[from[q]] >= 0)
					to[kept++] = (uint32_t)keep[from[q]];
			reasons[k] = (struct report_reason){
				.text = c->reasons.v[k].text,
				.weight = c->reasons.v[k].weight,
				.diags = to,
				.ndiags = kept,
			};
		}
		out[(*nout)++] = (struct report_component){
			.path = c->path,
			.language = c->family->name,
			.frameworks = (const char *const *)c->frameworks.v,
			.nframeworks = c->frameworks.n,
			.workload =
				{
					.shape = c->shape,
					.files = c->files,
					.functions = c->functions,
					.async_handlers = c->async_handlers,
					.request_handlers = c->request_handlers,
					.cpu_hot_spots = c->cpu_hot_spots,
					.thread_targets = c->thread_targets,
					.process_targets = c->process_targets,
					.cpu_bound_thread_targets =
						c->cpu_bound_threads,
					.io_bound_process_targets =
						c->io_bound_processes,
					.realtime_endpoints =
						c->realtime_endpoints,
					.worker_threads = c->worker_threads,
				},
			.concurrency = c->concurrency,
			.verdict = profile_verdict_name(c->verdict),
			.score = c->score,
			.reasons = reasons,
			.nreasons = c->reasons.n,
		};
	}
	return out;
}

static void
report_components_free(struct report_component *c, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		for (uint32_t k = 0; k < c[i].nreasons; k++)
			free((void *)c[i].reasons[k].diags);
		free((void *)c[i].reasons);
	}
	free(c);
}

int
cmd_audit_write(const struct sf_project *pj, const struct workspace *ws,
		const struct audit_request *rq, FILE *out, FILE *err)
{
	const char *subset = rq->subset;
	uint32_t nnotes, skipped = 0;
	const char *const *notes = project_notes(pj, &nnotes);
	for (uint32_t i = 0; i < nnotes; i++) {
		/* "path: why": the notes of what is under the subset. */
		size_t n = subset ? strlen(subset) : 0;
		if (n > 0 && (strncmp(notes[i], subset, n) != 0 ||
			      (notes[i][n] != '/' && notes[i][n] != ':')))
			continue;
		escape_note(err, "%s", notes[i]);
		skipped++;
	}
	/* The findings under the subset (all, without one). */
	const struct sf_diag_list *all = project_findings(pj);
	struct sf_diag_list diags = {0};
	int64_t *keep = xcalloc(all->items.n ? all->items.n : 1, sizeof *keep);
	for (uint32_t i = 0; i < all->items.n; i++) {
		keep[i] = -1;
		if (under(subset, all->items.v[i].path)) {
			keep[i] = diags.items.n;
			*VEC_PUSH(diags.items) = all->items.v[i];
		}
	}
	uint32_t analysed = 0;
	for (uint32_t i = 0; i < ws->files.n; i++)
		if (under(subset, ws->files.v[i]) &&
		    project_file_note(pj, ws->files.v[i]) == NULL)
			analysed++;
	uint32_t ncomponents;
	struct report_component *components = report_components(
		project_profile(pj), subset, keep, &ncomponents);
	struct sf_report report = {
		.root = ws->root,
		.files = analysed,
		.skipped = skipped,
		.diags = &diags,
		.components = components,
		.ncomponents = ncomponents,
	};
	int rc = cmd_report_write(project_engine(pj, ""), &rq->r, &report, out,
				  err);
	report_components_free(components, ncomponents);
	VEC_FREE(diags.items);
	free(keep);
	return rc;
}

/* Asks the daemon of the workspace root (a folder) to audit it, or what
 * is under subset, when a daemon runs for it: the report goes to
 * --output or stdout. Returns true with *rc when it answered (or the
 * output could not be written). */
static bool
ask_daemon(const struct audit_options *o, const char *real, const char *subset,
	   int *rc)
{
	struct stat st;
	if (stat(real, &st) < 0 || !S_ISDIR(st.st_mode))
		return false;
	char *cause = NULL;
	struct report_file rf = {0};
	if (o->output != NULL && report_file_open(&rf, o->output, &cause) < 0) {
		/* Said by the run in process. */
		free(cause);
		return false;
	}
	FILE *out = o->output != NULL ? rf.out : stdout;
	char *prefix = o->format == REPORT_GITHUB
			       ? cmd_report_github_prefix(real)
			       : NULL;
	struct cmd_request rq = {
		.format = o->format,
		.fail_on = o->fail_on,
		.color = cmd_report_color(o->color, out),
		.path_prefix = prefix,
		.cache = o->cache,
		.jobs = o->jobs,
		.unused_ignores = o->unused_ignores,
	};
	bool ok = daemon_client_audit(real, subset, &rq, out, rc);
	free(prefix);
	if (!ok || o->output == NULL)
		report_file_abort(&rf);
	else if (*rc == EXIT_USAGE)
		report_file_abort(&rf);
	else if (report_file_commit(&rf, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		*rc = EXIT_USAGE;
	}
	return ok;
}

/* The git top level of the folder dir, or NULL when it is in no work
 * tree (or git cannot say). Owned by the caller. The last answer is kept:
 * audit asks about the same folder twice (is it its own root, for the
 * daemon; then its workspace), and a question git_find_top leaves to git
 * is a git process. */
static char *
git_top(const char *dir)
{
	static char *last_dir, *last_top;
	if (last_dir != NULL && strcmp(last_dir, dir) == 0)
		return last_top ? xstrdup(last_top) : NULL;
	char *top = NULL;
	/* Found without a git process where it can be (tens of
	 * milliseconds, the most of a small audit). */
	if (git_find_top(dir, &top) == GIT_TOP_ASK) {
		static const char *const args[] = {"rev-parse",
						   "--show-toplevel", NULL};
		struct strbuf out;
		strbuf_init(&out);
		if (git_run(dir, args, NULL, 0, &out) == 0 && out.len > 1 &&
		    out.s[out.len - 1] == '\n') {
			out.s[out.len - 1] = '\0';
			char real[PATH_MAX];
			if (realpath(out.s, real) != NULL)
				top = xstrdup(real);
		}
		strbuf_finish(&out);
	}
	free(last_dir);
	free(last_top);
	last_dir = xstrdup(dir);
	last_top = top ? xstrdup(top) : NULL;
	return top;
}

/* A walk of path on a thread of its own (audit_workspace), its notes
 * kept in text. */
struct walk {
	const char *path;
	unsigned flags;
	FILE *notes; /* open_memstream's, into text */
	char *text;
	size_t len;
	uv_thread_t thread;
	struct workspace ws;
	char *cause;
	int rc;
};

static void
walk_path(void *arg)
{
	struct walk *w = arg;
	w->rc = workspace_list(&w->ws, w->path, WORKSPACE_WALK, w->flags,
			       w->notes, &w->cause);
}

/* Frees what a walk (done, or never started) made. */
static void
walk_discard(struct walk *w)
{
	fclose(w->notes);
	free(w->text);
	if (w->rc == 0)
		workspace_finish(&w->ws);
	free(w->cause);
}

/* cmd_audit.h, with workspace_list's flags for a walk. In a git work
 * tree it is the whole repository (its top level is the root, so that
 * paths are repository-relative and helpers outside path are analysed),
 * and *subset (owned by the caller) is path relative to it; elsewhere, or
 * when git lists nothing under path (a git-ignored folder), path itself
 * is the root and *subset NULL. Returns 0, or -1 with *cause. */
static int
audit_workspace(struct workspace *ws, const char *path, char **subset,
		unsigned flags, char **cause)
{
	*subset = NULL;
	char real[PATH_MAX];
	struct stat st;
	/* (workspace_list says why.) */
	if (realpath(path, real) == NULL || stat(real, &st) < 0)
		return workspace_list(ws, path, WORKSPACE_GIT_OR_WALK, flags,
				      NULL, cause);
	char *dir = xstrdup(real);
	if (!S_ISDIR(st.st_mode)) {
		char *slash = strrchr(dir, '/');
		if (slash != NULL && slash != dir)
			*slash = '\0';
	}
	char *top = git_top(dir);
	free(dir);
	size_t n = top ? strlen(top) : 0;
	if (top == NULL || strcmp(top, real) == 0 ||
	    strncmp(real, top, n) != 0 || real[n] != '/') {
		free(top);
		return workspace_list(ws, path, WORKSPACE_GIT_OR_WALK, flags,
				      NULL, cause);
	}
	const char *rel = real + n + 1;
	/* git lists the whole repository (a process: tens of milliseconds);
	 * meanwhile path is walked on a thread, as it is when git lists
	 * nothing under it (a git-ignored folder), its notes kept until it
	 * is known which listing holds. */
	struct walk w = {.path = path, .flags = flags};
	w.notes = open_memstream(&w.text, &w.len);
	bool walking = w.notes != NULL &&
		       uv_thread_create(&w.thread, walk_path, &w) == 0;
	if (!walking && w.notes != NULL)
		walk_discard(&w);
	bool listed = workspace_init_git(ws, top, cause) == 0;
	bool found = false;
	for (uint32_t i = 0; listed && !found && i < ws->files.n; i++)
		found = under(rel, ws->files.v[i]);
	if (walking)
		uv_thread_join(&w.thread);
	if (found) {
		if (walking)
			walk_discard(&w);
		*subset = xstrdup(rel);
		free(top);
		return 0;
	}
	free(*cause);
	*cause = NULL;
	workspace_finish(ws);
	free(top);
	/* Git listed the repository and nothing under path: path is
	 * ignored (or has no source), and git would list nothing there
	 * either. */
	if (listed && walking) {
		fclose(w.notes);
		if (w.len > 0)
			fwrite(w.text, 1, w.len, stderr);
		free(w.text);
		*ws = w.ws;
		*cause = w.cause;
		return w.rc;
	}
	if (walking)
		walk_discard(&w);
	return workspace_list(ws, path,
			      listed ? WORKSPACE_WALK : WORKSPACE_GIT_OR_WALK,
			      flags, NULL, cause);
}

int
cmd_audit_workspace(struct workspace *ws, const char *path, char **subset,
		    char **cause)
{
	return audit_workspace(ws, path, subset, 0, cause);
}

/* path's real path when it is a folder that is its own workspace root
 * (the top of a git work tree, or outside one), else NULL (owned by the
 * caller). */
static char *
own_root(const char *path)
{
	char real[PATH_MAX];
	struct stat st;
	if (realpath(path, real) == NULL || stat(real, &st) < 0 ||
	    !S_ISDIR(st.st_mode))
		return NULL;
	char *top = git_top(real);
	bool own = top == NULL || strcmp(top, real) == 0;
	free(top);
	return own ? xstrdup(real) : NULL;
}

/* The project of an audit is not freed: the process ends right after (its
 * summaries, findings and index are 100 MB of small blocks on a large
 * repository, 20-30 ms to free one by one). Kept reachable here, so that
 * leak checkers do not count it; volatile, so that the store stays. */
static struct sf_project *volatile left_to_exit;

static int
exec_audit(int argc, char **argv)
{
	struct audit_options o;
	int rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;

	/* A daemon answers without the workspace listed here (tens of
	 * milliseconds on a large tree, as long as its whole answer) when
	 * the folder is its own root: listing it is only needed to tell a
	 * sub-folder of a repository from a git-ignored one. */
	bool ask = !o.shard && o.daemon && !o.no_baseline && o.config == NULL;
	char *own = ask ? own_root(o.path) : NULL;
	bool answered = own != NULL && ask_daemon(&o, own, NULL, &rc);
	/* Asked already (the same root the listing would find). */
	if (own != NULL)
		ask = false;
	free(own);
	if (answered)
		return rc;

	char *cause = NULL;
	struct workspace ws;
	char *subset = NULL;
	/* The manifests and configurations are looked for right after,
	 * where the walk saw them. */
	if (audit_workspace(&ws, o.path, &subset, WORKSPACE_NOTE_DIRS, &cause) <
	    0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	/* A daemon reads the configurations it finds, and the baseline. */
	if (ask && ask_daemon(&o, ws.root, subset, &rc)) {
		workspace_finish(&ws);
		free(subset);
		return rc;
	}
	if (o.shard) {
		/* Every configuration, as the audit below reads them: a
		 * file under a folder with its own is analysed with it. */
		struct sf_engine *e = engine_create();
		struct config config;
		if (config_load_workspace(&config, &ws, o.config, e, &cause) <
		    0) {
			escape_note(stderr, "%s", cause);
			free(cause);
			engine_destroy(e);
			workspace_finish(&ws);
			free(subset);
			return EXIT_USAGE;
		}
		config_apply_workspace(&config, &ws);
		rc = cmd_merge_write_shard(&ws, &config, o.shard_i, o.shard_n,
					   o.output, o.jobs,
					   o.progress && isatty(STDERR_FILENO));
		config_finish(&config);
		workspace_finish(&ws);
		free(subset);
		return rc;
	}
	/* --output: a temporary file renamed over FILE at the end. */
	struct report_file rf = {0};
	if (o.output != NULL && report_file_open(&rf, o.output, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		workspace_finish(&ws);
		free(subset);
		return EXIT_USAGE;
	}
	FILE *out = o.output != NULL ? rf.out : stdout;

	struct sf_engine *engine = engine_create();
	struct config config;
	if (config_load_workspace(&config, &ws, o.config, engine, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		engine_destroy(engine);
		workspace_finish(&ws);
		report_file_abort(&rf);
		free(subset);
		return EXIT_USAGE;
	}
	config_apply_workspace(&config, &ws);
	struct sf_project *pj = project_create(engine);
	config_install(&config, pj);

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
				.cache = o.cache,
				.jobs = o.jobs,
				.unused_ignores = o.unused_ignores ||
						  config.report_unused_ignores,
				.no_baseline = o.no_baseline,
				.config = &config,
			},
		.progress = o.progress && isatty(STDERR_FILENO),
		.subset = subset,
	};
	cmd_report_analyse(pj, &ws, NULL, &rq.r, rq.progress, stderr);
	rc = cmd_audit_write(pj, &ws, &rq, out, stderr);
	if (o.output != NULL && rc == EXIT_USAGE) {
		report_file_abort(&rf);
	} else if (o.output != NULL && report_file_commit(&rf, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		rc = EXIT_USAGE;
	}
	free(prefix);
	free(subset);
	config_finish(&config);
	/* The process ends now: the project goes with it. */
	left_to_exit = pj;
	workspace_finish(&ws);
	return rc;
}

const struct cmd_entry cmd_audit_entry = {
	.name = "audit",
	.usage = "[--format text|json|sarif|github|html] [--output FILE] "
		 "[--jobs N] "
		 "[--fail-on LEVEL] [--no-cache] [--no-daemon] "
		 "[--report-unused-ignores] [--statistics] [--no-baseline] "
		 "[--config FILE] [--shard I/N] [PATH]",
	.summary = "analyse a whole repository and report",
	.exec = exec_audit,
};
