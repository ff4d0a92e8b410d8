/*
 * `stackfit fix [--dry-run] [PATH]`: applies the fixes that findings
 * carry (the `fix` of the JSON report: mechanical rewrites such as
 * `time.sleep` to `await asyncio.sleep` in async code) to the files under
 * PATH, as `audit PATH` finds them. A fix is applied whole or not at all:
 * one whose edits overlap another's already taken in the file waits for
 * the next run. A file that changed since it was analysed is left alone.
 * Each file is written to a temporary file beside it and renamed over it.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_audit.h"
#include "cmd_report.h"
#include "config.h"
#include "engine.h"
#include "project.h"
#include "rules/rule.h"
#include "summary.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "workspace.h"

struct fix_options {
	const char *path;
	const char *config;
	bool dry_run;
};

enum { OPT_DRY_RUN = 256, OPT_CONFIG };

static int
parse_args(int argc, char **argv, struct fix_options *o)
{
	static const struct option options[] = {
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	*o = (struct fix_options){.path = "."};
	const struct cmd_entry *cmd = &cmd_fix_entry;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (c) {
		case OPT_DRY_RUN:
			o->dry_run = true;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case 'h':
			cmd_print_usage(stdout, cmd);
			fputs("\noptions:\n"
			      "      --dry-run        say what would be fixed, "
			      "change nothing\n"
			      "      --config FILE    this configuration for "
			      "every file\n"
			      "\nApplies the fixes the findings under PATH "
			      "(default: .) carry, as\n`stackfit audit "
			      "--format json` shows them.\n",
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

static bool
under(const char *subset, const char *rel)
{
	if (subset == NULL)
		return true;
	size_t n = strlen(subset);
	return strncmp(rel, subset, n) == 0 &&
	       (rel[n] == '\0' || rel[n] == '/');
}

static int
cmp_edit(const void *a, const void *b)
{
	const struct sf_edit *x = *(const struct sf_edit *const *)a;
	const struct sf_edit *y = *(const struct sf_edit *const *)b;
	/* By place; an insertion before a replacement that starts there. */
	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	return x->span.end < y->span.end ? -1 : x->span.end > y->span.end;
}

/* Applies the fixes of path's findings d[0..n) to root/path. Returns
 * how many fixes were applied (0 with a note when the file changed since
 * it was analysed or cannot be written), or -1. */
static int
fix_file(const struct sf_project *pj, const char *root, const char *path,
	 const struct sf_diagnostic *const *d, uint32_t n, bool dry_run)
{
	char *text, *note;
	uint32_t len;
	if (workspace_read_file(root, path, WORKSPACE_FILE_MAX, &text, &len,
				&note) < 0) {
		escape_note(stderr, "%s: not fixed: %s", path, note);
		free(note);
		return 0;
	}
	const struct sf_index *ix = project_index(pj);
	int32_t id = index_file_id(ix, path);
	if (id < 0 || index_file(ix, (uint32_t)id)->hash !=
			      summary_hash_text(text, len)) {
		escape_note(stderr,
			    "%s: not fixed: it changed since it was analysed",
			    path);
		free(text);
		return 0;
	}
	/* Whole fixes, in the order of the findings, none overlapping. */
	VEC(const struct sf_edit *) taken = {0};
	int fixed = 0;
	for (uint32_t i = 0; i < n; i++) {
		const struct sf_fix *f = d[i]->fix;
		bool ok = true;
		/* An edit another fix makes as well (both add `import
		 * asyncio` at the top) is made once; any other overlap, or two
		 * insertions at one place, waits for the next run. */
		bool *dup = xcalloc(f->edits.n ? f->edits.n : 1, sizeof *dup);
		for (uint32_t e = 0; ok && e < f->edits.n; e++) {
			const struct sf_edit *x = &f->edits.v[e];
			const struct sf_span *s = &x->span;
			ok = s->start <= s->end && s->end <= len;
			for (uint32_t t = 0; ok && !dup[e] && t < taken.n;
			     t++) {
				const struct sf_span *y = &taken.v[t]->span;
				if (s->start == y->start && s->end == y->end &&
				    strcmp(x->text ? x->text : "",
					   taken.v[t]->text ? taken.v[t]->text
							    : "") == 0)
					dup[e] = true;
				else if (s->start == s->end &&
					 y->start == y->end)
					ok = s->start != y->start;
				else
					ok = !(s->start < y->end &&
					       y->start < s->end);
			}
		}
		if (ok)
			for (uint32_t e = 0; e < f->edits.n; e++)
				if (!dup[e])
					*VEC_PUSH(taken) = &f->edits.v[e];
		free(dup);
		if (!ok)
			continue;
		fixed++;
		escape_note(stderr, "%s:%u:%u: %s %s: %s", path,
			    d[i]->start.line, d[i]->start.column,
			    dry_run ? "would fix" : "fixed", d[i]->rule_id,
			    f->title);
	}
	if (taken.n > 1)
		qsort(taken.v, taken.n, sizeof *taken.v, cmp_edit);
	struct strbuf b;
	strbuf_init(&b);
	uint32_t at = 0;
	for (uint32_t t = 0; t < taken.n; t++) {
		const struct sf_edit *e = taken.v[t];
		strbuf_append(&b, text + at, e->span.start - at);
		strbuf_printf(&b, "%s", e->text ? e->text : "");
		at = e->span.end;
	}
	strbuf_append(&b, text + at, len - at);
	int rc = fixed;
	if (fixed > 0 && !dry_run) {
		char *abs = xasprintf("%s/%s", root, path);
		char *tmp =
			xasprintf("%s.stackfit-fix.%ld", abs, (long)getpid());
		struct stat st;
		int fd = stat(abs, &st) == 0
				 ? open(tmp,
					O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
					st.st_mode & 07777)
				 : -1;
		bool ok = fd >= 0 &&
			  write(fd, b.s ? b.s : "", b.len) == (ssize_t)b.len;
		if (fd >= 0 && close(fd) != 0)
			ok = false;
		if (ok && rename(tmp, abs) != 0)
			ok = false;
		if (!ok) {
			escape_note(stderr, "%s: not fixed: %s", path,
				    strerror(errno));
			if (fd >= 0)
				unlink(tmp);
			rc = 0;
		}
		free(tmp);
		free(abs);
	}
	strbuf_finish(&b);
	VEC_FREE(taken);
	free(text);
	return rc;
}

static int
exec_fix(int argc, char **argv)
{
	struct fix_options o;
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
	struct sf_engine *engine = engine_create();
	struct config config;
	if (config_load_workspace(&config, &ws, o.config, engine, &cause) < 0) {
		escape_note(stderr, "%s", cause);
		free(cause);
		engine_destroy(engine);
		workspace_finish(&ws);
		free(subset);
		return EXIT_USAGE;
	}
	config_apply_workspace(&config, &ws);
	struct sf_project *pj = project_create(engine);
	config_install(&config, pj);
	struct cmd_request rq = {.cache = true};
	cmd_report_analyse(pj, &ws, NULL, &rq, isatty(STDERR_FILENO), stderr);
	/* The findings with a fix, file by file, that the overrides do not
	 * turn off. */
	const struct sf_diag_list *all = project_findings(pj);
	VEC(const struct sf_diagnostic *) mine = {0};
	uint32_t fixed = 0, files = 0;
	rc = EXIT_CLEAN;
	for (uint32_t i = 0; i <= all->items.n; i++) {
		const struct sf_diagnostic *d =
			i < all->items.n ? &all->items.v[i] : NULL;
		if (mine.n > 0 &&
		    (d == NULL || strcmp(d->path, mine.v[0]->path) != 0)) {
			int n = fix_file(pj, ws.root, mine.v[0]->path, mine.v,
					 mine.n, o.dry_run);
			if (n > 0) {
				fixed += (uint32_t)n;
				files++;
			}
			mine.n = 0;
		}
		if (d == NULL || d->fix == NULL || !under(subset, d->path))
			continue;
		const struct sf_rule *r = rule_find(d->rule_id);
		if (r != NULL &&
		    config_severity(&config, d->path, rule_index(r),
				    (int)d->severity) == SF_SEV_OFF)
			continue;
		*VEC_PUSH(mine) = d;
	}
	escape_note(stderr, "%s %u fix%s in %u file%s",
		    o.dry_run ? "would apply" : "applied", fixed,
		    fixed == 1 ? "" : "es", files, files == 1 ? "" : "s");
	VEC_FREE(mine);
	free(subset);
	config_finish(&config);
	project_destroy(pj);
	workspace_finish(&ws);
	return rc;
}

const struct cmd_entry cmd_fix_entry = {
	.name = "fix",
	.usage = "[--dry-run] [--config FILE] [PATH]",
	.summary = "apply the mechanical fixes findings carry",
	.exec = exec_fix,
};
