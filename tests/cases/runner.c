/*
 * The analyzer case runner: analyses every file under a folder the way
 * `stackfit audit` does (same workspace discovery, same engine) and checks
 * the findings against the expectations written in the files themselves.
 *
 * A line expects findings with `expect: ID[,ID...]` in a comment on that
 * line (`fs.readFileSync(p)  // expect: JS101`, or a named finding:
 * `expect: syntax-error`). Every finding must be
 * expected and every expectation met, line by line. Paths relative to the
 * folder decide the path-based exemptions (test/, bin/...), so a case can
 * be a small project of its own in a subfolder.
 *
 * Known bugs are committed as such: `known-miss: ID` marks a finding the
 * tool should make and does not yet, `known-false: ID` one it makes and
 * should not. Both are counted, not failed; when the bug is fixed the
 * marker fails, so it cannot outlive the bug.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "project.h"
#include "scheduler.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "workspace.h"

/* The ids after marker on one line: "JS101,JS102" (as written), or NULL
 * when the marker is absent. */
static char *
ids_after(const char *line, size_t n, const char *marker)
{
	const char *hit = NULL;
	size_t m = strlen(marker);
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(line + i, marker, m) == 0 &&
		    (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t' ||
		     line[i - 1] == '#' || line[i - 1] == '/')) {
			hit = line + i + m;
			break;
		}
	if (hit == NULL)
		return NULL;
	struct strbuf b;
	strbuf_init(&b);
	const char *end = line + n;
	while (hit < end && (*hit == ' ' || *hit == '\t'))
		hit++;
	/* A finding named, not numbered: `expect: syntax-error`. */
	if (hit < end && *hit >= 'a' && *hit <= 'z') {
		while (hit < end &&
		       ((*hit >= 'a' && *hit <= 'z') || *hit == '-'))
			strbuf_putc(&b, *hit++);
		return strbuf_detach(&b);
	}
	for (const char *p = hit; p < end; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (*p == ',' || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'))
			strbuf_putc(&b, *p);
		else
			break;
	}
	return strbuf_detach(&b);
}

/* Removes one occurrence of id from the comma list ids; true if found. */
static bool
take(char *ids, const char *id)
{
	size_t n = strlen(id);
	for (char *p = ids; *p;) {
		char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && strncmp(p, id, n) == 0) {
			memmove(p, comma ? comma + 1 : p + len,
				strlen(comma ? comma + 1 : p + len) + 1);
			return true;
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return false;
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: case_runner DIR\n");
		return 2;
	}
	xalloc_install_tree_sitter();
	struct workspace ws;
	char *cause = NULL;
	if (workspace_init(&ws, argv[1], &cause) < 0) {
		fprintf(stderr, "case_runner: %s\n", cause);
		return 2;
	}
	struct sf_project *pj = project_create(engine_create());
	scheduler_add_workspace(pj, &ws, NULL);
	scheduler_solve(pj, ws.root, &(struct scheduler_options){0});
	const struct sf_diag_list *found = project_findings(pj);

	uint32_t failures = 0, expectations = 0, known = 0;
	if (ws.files.n == 0) {
		printf("FAIL %s: no case files\n", argv[1]);
		failures++;
	}
	for (uint32_t f = 0; f < ws.files.n; f++) {
		const char *rel = ws.files.v[f];
		char *text, *note;
		uint32_t len;
		if (workspace_read_file(ws.root, rel, 1u << 30, &text, &len,
					&note) < 0) {
			printf("FAIL %s: %s\n", rel, note);
			free(note);
			failures++;
			continue;
		}
		uint32_t lineno = 0;
		const char *p = text, *end = text + len;
		while (p < end) {
			const char *eol = memchr(p, '\n', (size_t)(end - p));
			size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
			lineno++;
			char *want = ids_after(p, n, "expect:");
			char *miss = ids_after(p, n, "known-miss:");
			char *wrong = ids_after(p, n, "known-false:");
			char *left = want ? xstrdup(want) : xstrdup("");
			if (want)
				expectations += (uint32_t)(strlen(want) > 0);
			for (uint32_t i = 0; i < found->items.n; i++) {
				const struct sf_diagnostic *d =
					&found->items.v[i];
				if (strcmp(d->path, rel) != 0 ||
				    d->start.line != lineno)
					continue;
				if (take(left, d->rule_id))
					continue;
				if (wrong && take(wrong, d->rule_id)) {
					known++;
					continue;
				}
				if (miss && take(miss, d->rule_id)) {
					printf("FAIL %s:%u: %s is found now: "
					       "make "
					       "`known-miss` an `expect`\n",
					       rel, lineno, d->rule_id);
					failures++;
					continue;
				}
				printf("FAIL %s:%u: unexpected %s: %s\n", rel,
				       lineno, d->rule_id, d->message);
				failures++;
			}
			for (char *id = strtok(left, ","); id;
			     id = strtok(NULL, ",")) {
				printf("FAIL %s:%u: expected %s, got nothing\n",
				       rel, lineno, id);
				failures++;
			}
			for (char *id = miss ? strtok(miss, ",") : NULL; id;
			     id = strtok(NULL, ","))
				known++;
			for (char *id = wrong ? strtok(wrong, ",") : NULL; id;
			     id = strtok(NULL, ",")) {
				printf("FAIL %s:%u: %s is no longer reported: "
				       "remove "
				       "`known-false`\n",
				       rel, lineno, id);
				failures++;
			}
			free(miss);
			free(wrong);
			free(want);
			free(left);
			p += n + 1;
		}
		free(text);
	}
	uint32_t nnotes;
	const char *const *notes = project_notes(pj, &nnotes);
	for (uint32_t i = 0; i < nnotes; i++)
		printf("note: %s\n", notes[i]);
	printf("%u files, %u expecting lines, %u findings, %u known bugs, %u "
	       "failures\n",
	       ws.files.n, expectations, found->items.n, known, failures);
	project_destroy(pj);
	workspace_finish(&ws);
	return failures ? 1 : 0;
}
