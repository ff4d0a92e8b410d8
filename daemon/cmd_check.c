/*
 * `stackfit check [--staged] [FILES…]`: the pre-commit gate.
 * The whole workspace is analysed — through the on-disk cache, so that a
 * warm check costs about the files that changed — because a finding in a
 * checked file may come from a file that is not checked (a helper that
 * blocks); the checked files' findings are reported, with those of other
 * files whose chain runs through a checked file, and the exit status says
 * whether any is at or above --fail-on.
 *
 * With --staged what is analysed is the commit: every file as git's index
 * has it (staged.h), and the files checked are those it changes. The
 * workspace root is the git top level of the current directory, else the
 * current directory.
 *
 * A daemon of the workspace (daemon_client.h), when one answers, runs the
 * analysis from its warm project and this file's report code for the
 * command, and its answer is printed as it is.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_report.h"
#include "cmd_check.h"
#include "config.h"
#include "daemon_client.h"
#include "daemon_proto.h"
#include "engine.h"
#include "git.h"
#include "language.h"
#include "project.h"
#include "report.h"
#include "rules/rule.h"
#include "scheduler.h"
#include "staged.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "workspace.h"

enum {
	OPT_COLOR = 256,
	OPT_FAIL_ON,
	OPT_NO_CACHE,
	OPT_NO_DAEMON,
	OPT_STAGED,
	OPT_UNUSED_IGNORES,
	OPT_STATISTICS,
	OPT_NO_BASELINE,
	OPT_CONFIG,
	OPT_SHOW_SETTINGS,
};

struct check_options {
	enum report_format format;
	unsigned jobs;
	int fail_on; /* enum sf_severity; SF_SEV_OFF means never fail */
	int color;   /* -1 auto, 0 never, 1 always */
	bool cache;
	bool daemon; /* ask a running daemon first */
	bool staged;
	bool unused_ignores;
	bool statistics; /* counts per rule instead of the findings */
	bool no_baseline;
	const char *config; /* --config FILE */
	bool show_settings; /* of FILES, instead of checking them */
	char **files;       /* the FILES arguments */
	int nfiles;
};

static const char check_help[] =
	"\noptions:\n"
	"      --staged         check the files staged in git, as staged\n"
	"  -f, --format FORMAT  text (default), json, sarif or github\n"
	"  -j, --jobs N         worker threads (default: one per core)\n"
	"      --fail-on LEVEL  exit 1 on findings at or above LEVEL:\n"
	"                       error, warning (default), info, hint, none\n"
	"      --color WHEN     auto (default), always, never; NO_COLOR is "
	"honoured\n"
	"      --no-cache       analyse every file again (no on-disk cache)\n"
	"      --no-daemon      analyse in this process even when a daemon "
	"runs\n"
	"      --report-unused-ignores\n"
	"                       report `stackfit: ignore` comments that "
	"suppress\n"
	"                       nothing (info)\n"
	"      --statistics     counts per rule instead of the findings "
	"(text, json)\n"
	"      --no-baseline    also report the findings of "
	".stackfit-baseline.json\n"
	"      --config FILE    this configuration for every file (none "
	"other is read)\n"
	"      --show-settings  print the settings in effect for FILES and "
	"where each\n"
	"                       comes from, instead of checking them\n"
	"\nThe whole workspace (the git top level of the current directory, "
	"else the\ncurrent directory) is analysed, so that findings across "
	"files are right;\nonly the findings of FILES (or of the staged "
	"files) are reported. When a\ndaemon runs for the workspace "
	"(`stackfit daemon start`), it does the\nanalysis, with the same "
	"result; when none answers, check analyses in\nprocess.\n";

static int
parse_args(int argc, char **argv, struct check_options *o)
{
	static const struct option options[] = {
		{"staged", no_argument, NULL, OPT_STAGED},
		{"format", required_argument, NULL, 'f'},
		{"jobs", required_argument, NULL, 'j'},
		{"fail-on", required_argument, NULL, OPT_FAIL_ON},
		{"color", required_argument, NULL, OPT_COLOR},
		{"no-cache", no_argument, NULL, OPT_NO_CACHE},
		{"no-daemon", no_argument, NULL, OPT_NO_DAEMON},
		{"report-unused-ignores", no_argument, NULL,
		 OPT_UNUSED_IGNORES},
		{"statistics", no_argument, NULL, OPT_STATISTICS},
		{"no-baseline", no_argument, NULL, OPT_NO_BASELINE},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"show-settings", no_argument, NULL, OPT_SHOW_SETTINGS},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	*o = (struct check_options){
		.format = REPORT_TEXT,
		.fail_on = SF_SEV_WARNING,
		.color = -1,
		.cache = true,
		.daemon = true,
	};
	const struct cmd_entry *cmd = &cmd_check_entry;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:j:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_STAGED:
			o->staged = true;
			break;
		case 'f':
			if (cmd_report_parse_format(cmd, optarg, &o->format))
				return EXIT_USAGE;
			/* A gate has no stack-fit profile to draw. */
			if (o->format == REPORT_HTML)
				return cmd_usage_error(
					cmd, "check writes text, json, sarif "
					     "or github; the html report is "
					     "audit's");
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
		case OPT_SHOW_SETTINGS:
			o->show_settings = true;
			break;
		case 'h':
			cmd_print_usage(stdout, cmd);
			fputs(check_help, stdout);
			return EXIT_CLEAN;
		default:
			return cmd_option_error(cmd, c, argv);
		}
	}
	if (o->statistics && cmd_report_statistics(cmd, &o->format))
		return EXIT_USAGE;
	o->files = argv + optind;
	o->nfiles = argc - optind;
	if (o->show_settings && (o->staged || o->nfiles == 0))
		return cmd_usage_error(cmd, "--show-settings takes FILES");
	if (o->staged && o->nfiles > 0)
		return cmd_usage_error(cmd, "give FILES or --staged, not both");
	if (!o->staged && o->nfiles == 0)
		return cmd_usage_error(cmd, "nothing to check: give FILES or "
					    "--staged");
	return -1; /* go on */
}

/* --- which files ----------------------------------------------------- */

void
cmd_check_skipped_note(FILE *err, const char *arg)
{
	escape_note(err,
		    "%s: skipped: not a source stackfit reads (%s files by "
		    "their extension, or a script whose #! line names node or "
		    "python)",
		    arg, language_titles());
}

/* The root-relative path of a FILES argument, or NULL after a usage
 * error naming it (*rc; said on stderr unless quiet), or after a note
 * that it is skipped (*skipped; said unless quiet): a file of no
 * language stackfit reads (a shell script, `.pyi` stubs, a README, as
 * a hook's file list may hold) is not an error. A link keeps its own
 * name: only its folder is resolved. */
static char *
relative_path(const char *root, const char *arg, bool quiet, bool *skipped)
{
	const struct cmd_entry *cmd = &cmd_check_entry;
	struct stat st;
	if (stat(arg, &st) < 0) {
		if (!quiet)
			cmd_usage_error(NULL, "%s: %s", arg, strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!quiet)
			cmd_usage_error(cmd,
					"%s: a directory (check takes files; "
					"`stackfit audit` takes a folder)",
					arg);
		return NULL;
	}
	const char *slash = strrchr(arg, '/');
	const char *base = slash ? slash + 1 : arg;
	if (!S_ISREG(st.st_mode)) {
		if (!quiet)
			cmd_usage_error(cmd, "%s: not a regular file", arg);
		return NULL;
	}
	if (language_for_path(base) == NULL &&
	    workspace_script_language(arg) == NULL) {
		*skipped = true;
		if (!quiet)
			cmd_check_skipped_note(stderr, arg);
		return NULL;
	}
	char *dir =
		slash ? xstrndup(arg, (size_t)(slash - arg) + 1) : xstrdup(".");
	char real[PATH_MAX];
	bool ok = realpath(dir, real) != NULL;
	free(dir);
	size_t n = strlen(root);
	if (!ok) {
		if (!quiet)
			cmd_usage_error(NULL, "%s: %s", arg, strerror(errno));
		return NULL;
	}
	if (strcmp(real, root) == 0)
		return xstrdup(base);
	if (strncmp(real, root, n) != 0 || real[n] != '/' ||
	    strcmp(root, "/") == 0) {
		if (!quiet)
			cmd_usage_error(cmd, "%s: outside the workspace %s",
					arg, root);
		return NULL;
	}
	return xasprintf("%s/%s", real + n + 1, base);
}

static char *
relative_path_rc(const char *root, const char *arg, bool quiet, int *rc)
{
	bool skipped = false;
	char *rel = relative_path(root, arg, quiet, &skipped);
	if (rel == NULL && !skipped)
		*rc = EXIT_USAGE;
	return rel;
}

/* Is rel one of the workspace's files? */
static bool
in_workspace(const struct workspace *ws, const char *rel)
{
	uint32_t lo = 0, hi = ws->files.n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ws->files.v[mid], rel);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* --- --show-settings -------------------------------------------------- */

/* Prints one line made harmless (names come from the repository). */
static void __attribute__((format(printf, 1, 2)))
print_line(const char *fmt, ...)
{
	struct strbuf b;
	strbuf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	escape_fputs(stdout, b.s ? b.s : "", 0);
	putchar('\n');
	strbuf_finish(&b);
}

/* Prints the settings in effect for the root-relative file rel (arg as
 * given) and where each comes from. */
static void
show_settings(const struct config *root, const struct workspace *ws,
	      const char *rel, const char *arg)
{
	const struct config *c = config_for(root, rel);
	const char *from = c->origin ? c->origin : "the defaults";
	print_line("%s", arg);
	print_line("  configuration: %s",
		   c->origin ? c->origin : "none (the defaults)");
	bool wanted = config_wants(root, rel);
	printf("  analysed: %s\n",
	       !wanted ? "no (include/exclude of the configuration)"
	       : in_workspace(ws, rel)
		       ? "yes"
		       : "no (ignored by git, or in a folder never read)");
	uint32_t flags = config_file_flags(root, rel);
	if (flags & (SF_FILE_CLI | SF_FILE_TEST))
		printf("  treated as: %s%s%s (\"%s\" of the configuration)\n",
		       flags & SF_FILE_CLI ? "a command-line program" : "",
		       (flags & SF_FILE_CLI) && (flags & SF_FILE_TEST) ? ", "
								       : "",
		       flags & SF_FILE_TEST ? "test code" : "",
		       flags & SF_FILE_CLI ? "cli" : "tests");
	struct sf_engine *defaults = engine_create();
	printf("  rules:\n");
	for (size_t i = 0; i < rule_count; i++) {
		const struct sf_rule *r = rule_table[i];
		int base = c->base_severity
				   ? c->base_severity[i]
				   : (int)engine_severity(c->engine, r);
		int sev = config_severity(root, rel, i,
					  (int)engine_severity(c->engine, r));
		const char *why = "default";
		char *owned = NULL;
		if (base != (int)engine_severity(defaults, r))
			why = owned = xasprintf("%s: rules", from);
		for (uint32_t k = 0; k < c->overrides.n; k++) {
			const struct config_override *ov = &c->overrides.v[k];
			if (ov->severity[i] >= 0 && ov->severity[i] == sev &&
			    sev != base) {
				free(owned);
				why = owned = xasprintf("%s: overrides[%u]",
							from, k + 1);
			}
		}
		print_line("    %-6s %-32s %-8s (%s)", r->id, r->name,
			   severity_name((enum sf_severity)sev), why);
		free(owned);
	}
	struct cost_options mine = engine_cost_options(c->engine);
	struct cost_options def = engine_cost_options(defaults);
	print_line("  thresholds.heavyLoopWork: %.15g (%s)",
		   mine.heavy_work ? mine.heavy_work : COST_HEAVY_WORK,
		   mine.heavy_work != def.heavy_work ? from : "default");
	print_line("  maxFileSize: %llu (%s)",
		   (unsigned long long)engine_max_file_size(c->engine),
		   engine_max_file_size(c->engine) !=
				   engine_max_file_size(defaults)
			   ? from
			   : "default");
	engine_destroy(defaults);
}

/* --- the run --------------------------------------------------------- */

void
cmd_check_set_init(struct check_set *ck)
{
	*ck = (struct check_set){0};
	strmap_init(&ck->set);
}

void
cmd_check_set_add(struct check_set *ck, const char *rel)
{
	bool found;
	strmap_get(&ck->set, rel, &found);
	if (found)
		return;
	strmap_put(&ck->set, rel, NULL);
	*VEC_PUSH(ck->paths) = xstrdup(rel);
}

void
cmd_check_set_finish(struct check_set *ck)
{
	if (ck == NULL)
		return;
	for (uint32_t i = 0; i < ck->paths.n; i++)
		free(ck->paths.v[i]);
	VEC_FREE(ck->paths);
	strmap_finish(&ck->set);
}

static bool
checked(const struct check_set *ck, const char *path)
{
	bool found;
	strmap_get(&ck->set, path, &found);
	return found;
}

/* Whether d, a finding in a file not checked, belongs to the check of ck
 * all the same: a finding at a place whose chain runs through a checked
 * file (a caller of a checked helper that blocks). Project findings go
 * with their anchor file only. */
static bool
through_checked(const struct sf_diagnostic *d, const struct check_set *ck)
{
	const struct sf_rule *r = rule_find(d->rule_id);
	if (r == NULL || r->scope != RULE_SCOPE_FILE)
		return false;
	for (uint32_t i = 0; i < d->related.n; i++)
		if (checked(ck, d->related.v[i].path))
			return true;
	return false;
}

/* The findings of the check, in their order: copies of l's items, whose
 * strings still belong to l. Free with VEC_FREE only. */
static void
checked_diags(const struct sf_diag_list *l, const struct check_set *ck,
	      struct sf_diag_list *out)
{
	*out = (struct sf_diag_list){0};
	/* l is in path order: a file's findings are asked about once. */
	const char *path = NULL;
	bool in = false;
	for (uint32_t i = 0; i < l->items.n; i++) {
		const struct sf_diagnostic *d = &l->items.v[i];
		if (path == NULL || strcmp(path, d->path) != 0) {
			path = d->path;
			in = checked(ck, path);
		}
		if (in || (d->related.n > 0 && through_checked(d, ck)))
			*VEC_PUSH(out->items) = *d;
	}
}

static int
cmp_index(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

int
cmd_check_write(const struct sf_project *pj, const struct workspace *ws,
		const struct check_set *ck, const struct check_request *rq,
		FILE *out, FILE *err)
{
	/* The checked files the project skipped, in the workspace's
	 * order: looked up by the few paths checked, not by every file of
	 * the workspace (a daemon answers each check from memory). */
	VEC(uint32_t) at = {0};
	for (uint32_t i = 0; i < ck->paths.n; i++) {
		int64_t k = workspace_find(ws, ck->paths.v[i]);
		if (k >= 0)
			*VEC_PUSH(at) = (uint32_t)k;
	}
	if (at.n > 1) /* none checked: at.v is NULL, which qsort may not take */
		qsort(at.v, at.n, sizeof *at.v, cmp_index);
	uint32_t skipped = 0;
	for (uint32_t i = 0; i < at.n; i++) {
		const char *path = ws->files.v[at.v[i]];
		const char *note = project_file_note(pj, path);
		if (note != NULL) {
			escape_note(err, "%s: skipped: %s", path, note);
			skipped++;
		}
	}
	VEC_FREE(at);
	struct sf_diag_list diags;
	checked_diags(project_findings(pj), ck, &diags);
	/* The files the report covers: those checked, and those of
	 * findings whose chain runs through one (diags is in path order). */
	uint32_t others = 0;
	for (uint32_t i = 0; i < diags.items.n; i++) {
		const char *path = diags.items.v[i].path;
		if (!checked(ck, path) &&
		    (i == 0 || strcmp(diags.items.v[i - 1].path, path) != 0))
			others++;
	}
	struct sf_report report = {
		.root = ws->root,
		.files = ck->paths.n - skipped + others,
		.skipped = skipped,
		.diags = &diags,
	};
	int rc = cmd_report_write(project_engine(pj, ""), &rq->r, &report, out,
				  err);
	VEC_FREE(diags.items);
	return rc;
}

/* The request of o, with root's GitHub prefix (owned by the caller,
 * *prefix) when the format needs it. */
static struct check_request
request_of(const struct check_options *o, const char *root, bool unused,
	   char **prefix)
{
	*prefix = o->format == REPORT_GITHUB ? cmd_report_github_prefix(root)
					     : NULL;
	return (struct check_request){
		.r =
			{
				.format = o->format,
				.fail_on = o->fail_on,
				.color = cmd_report_color(o->color, stdout),
				.path_prefix = *prefix,
				.cache = o->cache,
				.jobs = o->jobs,
				.unused_ignores = o->unused_ignores || unused,
				.no_baseline = o->no_baseline,
			},
	};
}

/* Asks the daemon of the workspace to check, when one runs: the root is
 * found without git when that is certain, the FILES are resolved (any
 * trouble with them is said by the run in process), and with --staged
 * git's index is read here, where git's environment is the hook's.
 * Returns true with *rc when it answered. */
static bool
ask_daemon(const struct check_options *o, int *rc)
{
	bool in_git = false;
	char *root = daemon_proto_find_root(&in_git);
	if (root == NULL || (o->staged && !in_git)) {
		free(root);
		return false;
	}
	VEC(char *) paths = {0};
	bool ok = true;
	for (int i = 0; ok && i < o->nfiles; i++) {
		/* A file skipped goes as none (the daemon says so, in its
		 * place among the others); a #! script as a file, which the
		 * daemon adds to its workspace; trouble with a file is said
		 * by the run in process. */
		bool skipped = false;
		char *rel = relative_path(root, o->files[i], true, &skipped);
		ok = rel != NULL || skipped;
		if (ok)
			*VEC_PUSH(paths) = rel;
	}
	struct staged_index si = {0};
	char *cause = NULL;
	if (ok && o->staged && staged_index_read(root, &si, &cause) < 0) {
		free(cause);
		ok = false;
	}
	if (ok) {
		char *prefix;
		struct check_request rq = request_of(o, root, false, &prefix);
		struct daemon_check_args a = {
			.args = (const char *const *)o->files,
			.paths = (const char *const *)paths.v,
			.n = paths.n,
			.staged = o->staged ? &si : NULL,
			.rq = &rq.r,
		};
		ok = daemon_client_check(root, &a, rc);
		free(prefix);
	}
	staged_index_finish(&si);
	for (uint32_t i = 0; i < paths.n; i++)
		free(paths.v[i]);
	VEC_FREE(paths);
	free(root);
	return ok;
}

static int
exec_check(int argc, char **argv)
{
	struct check_options o;
	int rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.daemon && !o.no_baseline && o.config == NULL &&
	    !o.show_settings && ask_daemon(&o, &rc))
		return rc;

	char *cause = NULL;
	bool in_git;
	char *root = git_find_root(&in_git, &cause);
	if (root == NULL) {
		escape_note(stderr, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if (o.staged && !in_git) {
		free(root);
		return cmd_usage_error(&cmd_check_entry,
				       "--staged: the current directory is "
				       "not in a git work tree");
	}
	struct workspace ws;
	int wrc = workspace_init(&ws, root, &cause);
	free(root);
	if (wrc < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	struct sf_engine *engine = engine_create();
	struct config config;
	if (config_load_workspace(&config, &ws, o.config, engine, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		engine_destroy(engine);
		workspace_finish(&ws);
		return EXIT_USAGE;
	}
	config_apply_workspace(&config, &ws);
	char *prefix;
	struct check_request rq =
		request_of(&o, ws.root, config.report_unused_ignores, &prefix);
	rq.r.config = &config;
	struct check_set ck;
	cmd_check_set_init(&ck);
	rc = -1;
	if (o.staged) {
		/* Every file as git's index has it (staged.h). */
		struct staged_index si;
		struct staged *st = staged_create(ws.root);
		if (staged_index_read(ws.root, &si, &cause) < 0 ||
		    staged_update(st, engine, 0, &config, &ws, &si, &rq.r,
				  stderr, &cause) < 0) {
			escape_note(stderr, "%s", cause);
			free(cause);
			rc = EXIT_USAGE;
		} else {
			staged_checked(st, &si, &ck);
			rc = cmd_check_write(staged_project(st),
					     staged_workspace(st), &ck, &rq,
					     stdout, stderr);
		}
		engine = NULL; /* the project's */
		staged_index_finish(&si);
		staged_destroy(st);
	} else if (o.show_settings) {
		for (int i = 0; i < o.nfiles && rc < 0; i++) {
			char *rel = relative_path_rc(ws.root, o.files[i], false,
						     &rc);
			if (rel != NULL)
				show_settings(&config, &ws, rel, o.files[i]);
			free(rel);
		}
		if (rc < 0)
			rc = EXIT_CLEAN;
		engine_destroy(engine);
		engine = NULL;
	} else {
		for (int i = 0; i < o.nfiles && rc < 0; i++) {
			char *rel = relative_path_rc(ws.root, o.files[i], false,
						     &rc);
			if (rel == NULL)
				continue; /* a usage error ends the loop */
			/* A script without an extension: the workspace
			 * lists none, so it joins it when it is not left out
			 * by the configuration. */
			if (!in_workspace(&ws, rel) &&
			    language_for_path(rel) == NULL &&
			    config_wants(&config, rel) &&
			    !workspace_in_skipped_dir(rel))
				workspace_insert(
					&ws, rel,
					config_file_flags(&config, rel));
			if (in_workspace(&ws, rel))
				cmd_check_set_add(&ck, rel);
			else
				escape_note(stderr,
					    "%s: not analysed (ignored, or "
					    "excluded by the configuration)",
					    o.files[i]);
			free(rel);
		}
		struct sf_project *pj = project_create(engine);
		config_install(&config, pj);
		engine = NULL;
		if (rc < 0) {
			if (ck.paths.n > 0)
				cmd_report_analyse(pj, &ws, NULL, &rq.r, false,
						   stderr);
			rc = cmd_check_write(pj, &ws, &ck, &rq, stdout, stderr);
		}
		project_destroy(pj);
	}
	free(prefix);
	cmd_check_set_finish(&ck);
	config_finish(&config);
	workspace_finish(&ws);
	return rc;
}

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "[--staged] [--format text|json|sarif|github] "
		 "[--fail-on LEVEL] [--color WHEN] [--jobs N] [--no-cache] "
		 "[--no-daemon] [--report-unused-ignores] [--statistics] "
		 "[--no-baseline] [--config FILE] [--show-settings] "
		 "[FILES...]",
	.summary = "check files before a commit (exit 1 on findings)",
	.exec = exec_check,
};
