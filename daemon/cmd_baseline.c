/*
 * `stackfit baseline [--prune] [PATH]`: writes the findings of the whole
 * workspace (as `audit` finds them, every severity) to
 * .stackfit-baseline.json at its root (baseline.h), so that `audit` and
 * `check` report only new ones from then on. Run again, it drops what was
 * fixed and takes in what is new; with --prune it only drops.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "cmd.h"
#include "cmd_audit.h"
#include "cmd_report.h"
#include "config.h"
#include "engine.h"
#include "project.h"
#include "report_file.h"
#include "util/escape.h"
#include "util/xalloc.h"
#include "workspace.h"

enum {
	OPT_NO_CACHE = 256,
	OPT_PRUNE,
	OPT_CONFIG,
};

struct baseline_options {
	const char *path;
	unsigned jobs;
	bool cache;
	bool prune;
	const char *config; /* --config FILE */
};

static int
parse_args(int argc, char **argv, struct baseline_options *o)
{
	static const struct option options[] = {
		{"prune", no_argument, NULL, OPT_PRUNE},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"jobs", required_argument, NULL, 'j'},
		{"no-cache", no_argument, NULL, OPT_NO_CACHE},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	*o = (struct baseline_options){.path = ".", .cache = true};
	const struct cmd_entry *cmd = &cmd_baseline_entry;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":j:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_PRUNE:
			o->prune = true;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case 'j':
			if (cmd_report_parse_jobs(cmd, optarg, &o->jobs))
				return EXIT_USAGE;
			break;
		case OPT_NO_CACHE:
			o->cache = false;
			break;
		case 'h':
			cmd_print_usage(stdout, cmd);
			fputs("\noptions:\n"
			      "      --prune          only drop the findings "
			      "that are gone; add no new one\n"
			      "  -j, --jobs N         worker threads (default: "
			      "one per core)\n"
			      "      --no-cache       analyse every file "
			      "again\n"
			      "      --config FILE    this configuration for "
			      "every file\n"
			      "\nWrites every finding of the workspace of PATH "
			      "(default: .; in a git work\ntree, the whole "
			      "repository) to .stackfit-baseline.json at its "
			      "root.\n`audit` and `check` then report only the "
			      "findings it does not hold\n(--no-baseline: "
			      "all). "
			      "Commit the file.\n",
			      stdout);
			return EXIT_CLEAN;
		default:
			return cmd_option_error(cmd, c, argv);
		}
	}
	if (argc - optind > 1)
		return cmd_usage_error(cmd, "expected one PATH, got %d",
				       argc - optind);
	if (optind < argc)
		o->path = argv[optind];
	return -1;
}

static int
exec_baseline(int argc, char **argv)
{
	struct baseline_options o;
	int rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	char *cause = NULL, *subset = NULL;
	struct workspace ws;
	if (cmd_audit_workspace(&ws, o.path, &subset, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	free(subset); /* the baseline is the whole workspace's */
	struct sf_engine *engine = engine_create();
	struct config config;
	struct baseline old;
	if (config_load_workspace(&config, &ws, o.config, engine, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		engine_destroy(engine);
		workspace_finish(&ws);
		return EXIT_USAGE;
	}
	if (baseline_load(&old, ws.root, &cause) < 0) {
		/* A damaged baseline is written again from scratch. */
		escape_note(stderr, "%s", cause);
		free(cause);
		cause = NULL;
		old = (struct baseline){0};
	}
	config_apply_workspace(&config, &ws);
	struct sf_project *pj = project_create(engine);
	config_install(&config, pj);
	struct cmd_request rq = {
		.cache = o.cache,
		.jobs = o.jobs,
		.unused_ignores = config.report_unused_ignores,
	};
	cmd_report_analyse(pj, &ws, NULL, &rq, isatty(STDERR_FILENO), stderr);
	const struct sf_diag_list *all = project_findings(pj);
	bool *keep = xcalloc(all->items.n ? all->items.n : 1, sizeof *keep);
	uint32_t held = baseline_match(&old, all, keep);
	struct sf_diag_list write = {0};
	for (uint32_t i = 0; i < all->items.n; i++)
		if (!o.prune || !keep[i])
			*VEC_PUSH(write.items) = all->items.v[i];
	char *path = xasprintf("%s/%s", ws.root, BASELINE_FILE);
	struct report_file rf = {0};
	rc = EXIT_CLEAN;
	if (report_file_open(&rf, path, &cause) < 0) {
		rc = EXIT_USAGE;
	} else {
		baseline_write(rf.out, &write);
		if (report_file_commit(&rf, &cause) < 0)
			rc = EXIT_USAGE;
	}
	if (rc == EXIT_USAGE) {
		escape_note(stderr, "%s", cause);
		free(cause);
	} else {
		uint32_t added = write.items.n - held;
		uint32_t gone = old.n - held;
		escape_note(stderr,
			    "wrote %s: %u finding%s (%u new, %u fixed and "
			    "removed)",
			    path, write.items.n, write.items.n == 1 ? "" : "s",
			    added, gone);
	}
	free(path);
	VEC_FREE(write.items);
	free(keep);
	baseline_finish(&old);
	config_finish(&config);
	project_destroy(pj);
	workspace_finish(&ws);
	return rc;
}

const struct cmd_entry cmd_baseline_entry = {
	.name = "baseline",
	.usage = "[--prune] [--jobs N] [--no-cache] [--config FILE] [PATH]",
	.summary = "record today's findings, so that audit and check report "
		   "only new ones",
	.exec = exec_baseline,
};
