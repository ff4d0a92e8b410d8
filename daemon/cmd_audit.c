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

#include "cmd.h"
#include "cmd_audit.h"
#include "cmd_merge.h"
#include "cmd_report.h"
#include "config.h"
#include "daemon_client.h"
#include "engine.h"
#include "profile.h"
#include "project.h"
#include "report.h"
#include "report_file.h"
#include "shard.h"
#include "util/escape.h"
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
		case ':':
			return cmd_usage_error(cmd, "option '%s' needs a value",
					       argv[optind - 1]);
		default:
			return cmd_usage_error(cmd, "unknown option '%s'",
					       argv[optind - 1]);
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

/* The report's view of the profile: arrays that borrow the profile's
 * strings. Free with report_components_free. */
static struct report_component *
report_components(const struct sf_profile *p)
{
	uint32_t n = p ? p->components.n : 0;
	struct report_component *out = xcalloc(n ? n : 1, sizeof *out);
	for (uint32_t i = 0; i < n; i++) {
		const struct profile_component *c = &p->components.v[i];
		struct report_reason *reasons = xcalloc(
			c->reasons.n ? c->reasons.n : 1, sizeof *reasons);
		for (uint32_t k = 0; k < c->reasons.n; k++)
			reasons[k] = (struct report_reason){
				.text = c->reasons.v[k].text,
				.weight = c->reasons.v[k].weight,
				.diags = c->reasons.v[k].diags.v,
				.ndiags = c->reasons.v[k].diags.n,
			};
		out[i] = (struct report_component){
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
	for (uint32_t i = 0; i < n; i++)
		free((void *)c[i].reasons);
	free(c);
}

int
cmd_audit_write(const struct sf_project *pj, const struct workspace *ws,
		const struct audit_request *rq, FILE *out, FILE *err)
{
	uint32_t nnotes;
	const char *const *notes = project_notes(pj, &nnotes);
	for (uint32_t i = 0; i < nnotes; i++)
		escape_note(err, "%s", notes[i]);
	const struct sf_profile *profile = project_profile(pj);
	struct report_component *components = report_components(profile);
	struct project_stats stats;
	project_stats(pj, &stats);
	struct sf_report report = {
		.root = ws->root,
		.files = stats.analysed,
		.skipped = nnotes,
		.diags = project_findings(pj),
		.components = components,
		.ncomponents = profile ? profile->components.n : 0,
	};
	int rc = cmd_report_write(project_engine(pj, ""), &rq->r, &report, out,
				  err);
	report_components_free(components, report.ncomponents);
	return rc;
}

/* Asks the daemon of PATH's root to audit it, when PATH is a folder and
 * a daemon runs for it: the report goes to --output or stdout. Returns
 * true with *rc when it answered (or the output could not be written). */
static bool
ask_daemon(const struct audit_options *o, int *rc)
{
	char real[PATH_MAX];
	struct stat st;
	if (realpath(o->path, real) == NULL || stat(real, &st) < 0 ||
	    !S_ISDIR(st.st_mode))
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
	bool ok = daemon_client_audit(real, &rq, out, rc);
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

static int
exec_audit(int argc, char **argv)
{
	struct audit_options o;
	int rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (!o.shard && o.daemon && ask_daemon(&o, &rc))
		return rc;

	char *cause = NULL;
	struct workspace ws;
	if (workspace_init(&ws, o.path, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if (o.shard) {
		struct sf_engine *e = engine_create();
		struct config config;
		if (config_load(&config, ws.root, e, &cause) < 0) {
			escape_note(stderr, "%s", cause);
			free(cause);
			engine_destroy(e);
			workspace_finish(&ws);
			return EXIT_USAGE;
		}
		config_apply_workspace(&config, &ws);
		config_finish(&config);
		rc = cmd_merge_write_shard(&ws, e, o.shard_i, o.shard_n,
					   o.output, o.jobs,
					   o.progress && isatty(STDERR_FILENO));
		workspace_finish(&ws);
		return rc;
	}
	/* --output: a temporary file renamed over FILE at the end. */
	struct report_file rf = {0};
	if (o.output != NULL && report_file_open(&rf, o.output, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		workspace_finish(&ws);
		return EXIT_USAGE;
	}
	FILE *out = o.output != NULL ? rf.out : stdout;

	struct sf_engine *engine = engine_create();
	struct config config;
	if (config_load(&config, ws.root, engine, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		engine_destroy(engine);
		workspace_finish(&ws);
		report_file_abort(&rf);
		return EXIT_USAGE;
	}
	config_apply_workspace(&config, &ws);
	struct sf_project *pj = project_create(engine);

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
			},
		.progress = o.progress && isatty(STDERR_FILENO),
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
	config_finish(&config);
	project_destroy(pj);
	workspace_finish(&ws);
	return rc;
}

const struct cmd_entry cmd_audit_entry = {
	.name = "audit",
	.usage = "[--format text|json|sarif|github|html] [--output FILE] "
		 "[--jobs N] "
		 "[--fail-on LEVEL] [--no-cache] [--no-daemon] "
		 "[--report-unused-ignores] [--statistics] [--shard I/N] "
		 "[PATH]",
	.summary = "analyse a whole repository and report",
	.exec = exec_audit,
};
