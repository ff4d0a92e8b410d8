/* Unit tests of workspace discovery and file reading. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd_audit.h"
#include "git.h"
#include "scheduler.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "workspace.h"

static char *
make_tree(void)
{
	char tmpl[] = "/tmp/stackfit-ws-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	return xstrdup(dir);
}

static void
put(const char *root, const char *rel, const char *text, size_t n)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	/* Create the parent directories. */
	for (char *p = path + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(text, 1, n, f);
	fclose(f);
}

static void
cleanup(const char *root)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

static bool
listed(const struct workspace *ws, const char *rel)
{
	for (uint32_t i = 0; i < ws->files.n; i++)
		if (strcmp(ws->files.v[i], rel) == 0)
			return true;
	return false;
}

static void
walk__plain_tree__skips_dependencies_and_links(void **state)
{
	(void)state;
	char *root = make_tree();
	put(root, "b/app.py", "x = 1\n", 6);
	put(root, "a.js", "x\n", 2);
	put(root, "README.md", "#\n", 2);
	put(root, "node_modules/dep/index.js", "x\n", 2);
	put(root, "env/pyvenv.cfg", "home = /usr\n", 12);
	put(root, "env/lib/site.py", "x\n", 2);
	put(root, "dist/bundle.js", "x\n", 2);
	put(root, "src/__pycache__/m.py", "x\n", 2);
	char link[4200], target[4200];
	/* A loop, a link to a file outside the root, a link inside. */
	snprintf(link, sizeof link, "%s/b/loop", root);
	assert_int_equal(symlink("..", link), 0);
	snprintf(link, sizeof link, "%s/outside.js", root);
	assert_int_equal(symlink("/etc/hostname", link), 0);
	snprintf(link, sizeof link, "%s/inside.js", root);
	snprintf(target, sizeof target, "%s/a.js", root);
	assert_int_equal(symlink(target, link), 0);

	struct workspace ws;
	char *cause = NULL;
	assert_int_equal(workspace_init(&ws, root, &cause), 0);
	assert_false(ws.from_git);
	assert_int_equal(ws.files.n, 3);
	assert_string_equal(ws.files.v[0], "a.js");
	assert_string_equal(ws.files.v[1], "b/app.py");
	assert_string_equal(ws.files.v[2], "inside.js");
	/* The folders said what their files are, not their sizes. */
	assert_int_equal(ws.sizes.n, 0);
	workspace_finish(&ws);
	cleanup(root);
	free(root);
}

/* each_manifest's callback: "path " per manifest read. */
static void
note_manifest(void *ctx, const char *rel, const char *text, uint32_t len)
{
	(void)text;
	(void)len;
	strbuf_printf(ctx, "%s ", rel);
}

/* A walk told to note its folders knows which of the manifests' and
 * configurations' names each holds, whatever their case, and says a file
 * of such a name may be there only where one was seen; elsewhere (other
 * names, folders it did not read, a listing without notes) it cannot
 * tell. The manifests read are those read without notes. A folder holding
 * pyvenv.cfg is a virtualenv, unless that is a link to nothing. */
static void
walk__noted_folders__may_hold_what_was_seen(void **state)
{
	(void)state;
	char *root = make_tree();
	put(root, "package.json", "{}", 2);
	put(root, "a/package.json", "{\"main\": \"x.js\"}", 16);
	put(root, "a/x.js", "x\n", 2);
	put(root, "a/b/y.js", "x\n", 2);
	put(root, "c/PyProject.toml", "[project]\n", 10);
	put(root, "c/m.py", "x\n", 2);
	put(root, "env/pyvenv.cfg", "home = /usr\n", 12);
	put(root, "env/lib/site.py", "x\n", 2);
	put(root, "fake/lib.py", "x\n", 2);
	char link[4200];
	snprintf(link, sizeof link, "%s/fake/pyvenv.cfg", root);
	assert_int_equal(symlink("nowhere", link), 0);
	struct workspace ws, plain;
	char *cause = NULL;
	assert_int_equal(workspace_list(&ws, root, WORKSPACE_WALK,
					WORKSPACE_NOTE_DIRS, NULL, &cause),
			 0);
	assert_int_equal(
		workspace_list(&plain, root, WORKSPACE_WALK, 0, NULL, &cause),
		0);
	assert_true(listed(&ws, "fake/lib.py"));
	assert_false(listed(&ws, "env/lib/site.py"));
	assert_int_equal(ws.files.n, plain.files.n);
	assert_true(workspace_may_hold(&ws, "package.json"));
	assert_true(workspace_may_hold(&ws, "a/package.json"));
	assert_false(workspace_may_hold(&ws, "a/b/package.json"));
	assert_false(workspace_may_hold(&ws, "a/b/tsconfig.json"));
	assert_false(workspace_may_hold(&ws, "a/.stackfit.json"));
	assert_false(workspace_may_hold(&ws, "a/setup.py"));
	/* Case is not compared. */
	assert_true(workspace_may_hold(&ws, "c/pyproject.toml"));
	assert_false(workspace_may_hold(&ws, "c/package.json"));
	/* Not a name it notes; a folder it did not read. */
	assert_true(workspace_may_hold(&ws, "a/b/README.md"));
	assert_true(workspace_may_hold(&ws, "env/lib/package.json"));
	assert_true(workspace_may_hold(&ws, "zzz/package.json"));
	assert_true(workspace_may_hold(&plain, "a/b/package.json"));
	assert_true(workspace_probe_name("PACKAGE.JSON") >= 0);
	assert_int_equal(workspace_probe_name("index.js"), -1);
	struct strbuf with, without;
	strbuf_init(&with);
	strbuf_init(&without);
	workspace_each_manifest(&ws, note_manifest, &with);
	workspace_each_manifest(&plain, note_manifest, &without);
	assert_non_null(with.s);
	assert_string_equal(with.s, without.s);
	assert_non_null(strstr(with.s, "a/package.json"));
	strbuf_finish(&with);
	strbuf_finish(&without);
	workspace_finish(&ws);
	workspace_finish(&plain);
	cleanup(root);
	free(root);
}

/* The sizes of a walked workspace's files, looked at on two threads a
 * slice at a time, are those workspace_file_size gives one by one: of
 * what a link leads to, 0 for what is gone. */
static void
sizing__walked_files__as_looked_at_one_by_one(void **state)
{
	(void)state;
	char *root = make_tree();
	char text[300];
	memset(text, 'x', sizeof text);
	/* More files than a slice (and than two). */
	for (int i = 0; i < 150; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "d%d/f%03d.js", i % 7, i);
		put(root, rel, text, (size_t)i * 2);
	}
	char link[4200], target[4200];
	snprintf(link, sizeof link, "%s/d0/link.js", root);
	snprintf(target, sizeof target, "%s/d1/f001.js", root);
	assert_int_equal(symlink(target, link), 0);
	struct workspace ws;
	char *cause = NULL;
	assert_int_equal(
		workspace_list(&ws, root, WORKSPACE_WALK, 0, NULL, &cause), 0);
	assert_int_equal(ws.files.n, 151);
	assert_int_equal(ws.sizes.n, 0);
	/* One goes before it is looked at. */
	snprintf(target, sizeof target, "%s/d2/f002.js", root);
	assert_int_equal(unlink(target), 0);
	struct scheduler_sizing *s = scheduler_sizing_start(&ws);
	assert_non_null(s);
	uint64_t *sizes = scheduler_sizing_finish(s);
	assert_non_null(sizes);
	for (uint32_t i = 0; i < ws.files.n; i++)
		assert_int_equal(sizes[i],
				 workspace_file_size(ws.root, ws.files.v[i]));
	int64_t k = workspace_find(&ws, "d0/link.js");
	assert_true(k >= 0);
	assert_int_equal(sizes[k], 2);
	k = workspace_find(&ws, "d2/f002.js");
	assert_true(k >= 0);
	assert_int_equal(sizes[k], 0);
	k = workspace_find(&ws, "d2/f149.js");
	assert_true(k >= 0);
	assert_int_equal(sizes[k], 298);
	free(sizes);
	assert_null(scheduler_sizing_finish(NULL));
	workspace_finish(&ws);
	cleanup(root);
	free(root);
}

static void
git__ignored_files__left_out(void **state)
{
	(void)state;
	char *root = make_tree();
	char cmd[4200];
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && git init -q . && git config user.email t@t && "
		 "git config user.name t",
		 root);
	if (system(cmd) != 0) {
		cleanup(root);
		free(root);
		skip();
	}
	put(root, ".gitignore", "generated/\n*.min.js\n", 20);
	put(root, "src/app.js", "let x = 1;\n", 11);
	put(root, "lib/b.js", "x\n", 2);
	put(root, "src/app.min.js", "x\n", 2);
	put(root, "generated/out.py", "x\n", 2);
	put(root, "tracked.py", "x\n", 2);
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && git add tracked.py && git commit -qm i", root);
	assert_int_equal(system(cmd), 0);
	struct workspace ws;
	char *cause = NULL;
	assert_int_equal(workspace_init(&ws, root, &cause), 0);
	assert_true(ws.from_git);
	assert_true(listed(&ws, "src/app.js"));
	assert_true(listed(&ws, "tracked.py"));
	assert_false(listed(&ws, "src/app.min.js"));
	assert_false(listed(&ws, "generated/out.py"));
	/* Each file git named was looked at: its size, in path order. */
	assert_int_equal(ws.files.n, 3);
	assert_int_equal(ws.sizes.n, 3);
	assert_string_equal(ws.files.v[0], "lib/b.js");
	assert_int_equal(ws.sizes.v[0], 2);
	assert_string_equal(ws.files.v[1], "src/app.js");
	assert_int_equal(ws.sizes.v[1], 11);
	assert_string_equal(ws.files.v[2], "tracked.py");
	assert_int_equal(ws.sizes.v[2], 2);
	workspace_finish(&ws);

	/* A git-ignored folder given as the path is walked as it is. */
	char sub[4200];
	snprintf(sub, sizeof sub, "%s/generated", root);
	assert_int_equal(workspace_init(&ws, sub, &cause), 0);
	assert_true(listed(&ws, "out.py"));
	workspace_finish(&ws);

	/* An audit's: a folder git lists files under is a subset of the
	 * repository's listing; an ignored one, walked (beside git's
	 * listing), is its own root. */
	char *subset = NULL;
	snprintf(sub, sizeof sub, "%s/src", root);
	assert_int_equal(cmd_audit_workspace(&ws, sub, &subset, &cause), 0);
	assert_true(ws.from_git);
	assert_string_equal(subset, "src");
	assert_true(listed(&ws, "lib/b.js"));
	assert_int_equal(ws.dirs.n, 0);
	workspace_finish(&ws);
	free(subset);
	snprintf(sub, sizeof sub, "%s/generated", root);
	assert_int_equal(cmd_audit_workspace(&ws, sub, &subset, &cause), 0);
	assert_false(ws.from_git);
	assert_null(subset);
	assert_int_equal(ws.files.n, 1);
	assert_true(listed(&ws, "out.py"));
	size_t n = strlen(ws.root);
	assert_true(n > 10 && strcmp(ws.root + n - 10, "/generated") == 0);
	workspace_finish(&ws);
	/* One that is not there: the walk's error. */
	snprintf(sub, sizeof sub, "%s/missing", root);
	assert_int_equal(cmd_audit_workspace(&ws, sub, &subset, &cause), -1);
	assert_non_null(strstr(cause, "missing"));
	free(cause);
	cleanup(root);
	free(root);
}

static void
init__bad_paths__clear_errors(void **state)
{
	(void)state;
	struct workspace ws;
	char *cause = NULL;
	assert_int_equal(workspace_init(&ws, "/nonexistent/x", &cause), -1);
	assert_string_equal(cause, "/nonexistent/x: No such file or directory");
	free(cause);
	char *root = make_tree();
	put(root, "notes.txt", "x", 1);
	char p[4200];
	snprintf(p, sizeof p, "%s/notes.txt", root);
	assert_int_equal(workspace_init(&ws, p, &cause), -1);
	assert_non_null(strstr(
		cause, "not a JavaScript, TypeScript, TSX or Python file"));
	free(cause);
	/* A single file: its folder is the root. */
	put(root, "one.py", "x\n", 2);
	snprintf(p, sizeof p, "%s/one.py", root);
	assert_int_equal(workspace_init(&ws, p, &cause), 0);
	assert_int_equal(ws.files.n, 1);
	assert_string_equal(ws.files.v[0], "one.py");
	workspace_finish(&ws);
	cleanup(root);
	free(root);
}

static void
read__binary_large_unreadable__skipped_with_note(void **state)
{
	(void)state;
	char *root = make_tree();
	put(root, "bin.js", "abc\0def", 7);
	put(root, "big.js", "0123456789", 10);
	put(root, "ok.py", "print(1)\n", 9);
	char *text, *note;
	uint32_t len;
	assert_int_equal(
		workspace_read_file(root, "bin.js", 100, &text, &len, &note),
		-1);
	assert_string_equal(note, "binary file");
	free(note);
	assert_int_equal(
		workspace_read_file(root, "big.js", 5, &text, &len, &note), -1);
	assert_string_equal(note, "larger than 5 bytes");
	free(note);
	assert_int_equal(
		workspace_read_file(root, "gone.js", 5, &text, &len, &note),
		-1);
	assert_string_equal(note, "No such file or directory");
	free(note);
	assert_int_equal(
		workspace_read_file(root, "ok.py", 100, &text, &len, &note), 0);
	assert_int_equal(len, 9);
	assert_string_equal(text, "print(1)\n");
	free(text);
	cleanup(root);
	free(root);
}

/* Texts of every size come whole: the read that asks for one byte more
 * than the file's size and comes short ends it; an empty file, a page, and
 * more than a megabyte. Its size too, for the order of the work. */
static void
read__sizes__whole_texts(void **state)
{
	(void)state;
	char *root = make_tree();
	static const size_t sizes[] = {0, 1, 4095, 4096, 4097, 1048577};
	char *want = xmalloc(1048577);
	for (size_t i = 0; i < 1048577; i++)
		want[i] = (char)('a' + i % 26);
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		char name[32];
		snprintf(name, sizeof name, "f%zu.js", sizes[k]);
		put(root, name, want, sizes[k]);
		assert_int_equal(workspace_file_size(root, name), sizes[k]);
		char *text, *note = NULL;
		uint32_t len;
		assert_int_equal(workspace_read_file(root, name, 1u << 21,
						     &text, &len, &note),
				 0);
		assert_int_equal(len, sizes[k]);
		assert_int_equal(memcmp(text, want, sizes[k]), 0);
		assert_int_equal(text[len], '\0');
		free(text);
	}
	assert_int_equal(workspace_file_size(root, "gone.js"), 0);
	free(want);
	cleanup(root);
	free(root);
}

static void
read__fifo__not_a_regular_file_at_once(void **state)
{
	(void)state;
	char *root = make_tree();
	char path[4200];
	snprintf(path, sizeof path, "%s/pipe.js", root);
	assert_int_equal(mkfifo(path, 0600), 0);
	/* Opening it for a blocking read would wait for a writer. */
	char *text, *note;
	uint32_t len;
	assert_int_equal(
		workspace_read_file(root, "pipe.js", 100, &text, &len, &note),
		-1);
	assert_string_equal(note, "not a regular file");
	free(note);
	cleanup(root);
	free(root);
}

/* What git_find_top says of dir, with *top compared to want (NULL: none). */
static void
expect_top(const char *dir, enum git_top says, const char *want)
{
	char *top = NULL;
	assert_int_equal(git_find_top(dir, &top), says);
	if (want == NULL)
		assert_null(top);
	else
		assert_string_equal(top, want);
	free(top);
}

/* The top level is found as git finds it, without git, or left to git
 * where git might answer otherwise. */
static void
git_find_top__as_git_finds_it(void **state)
{
	(void)state;
	char *made = make_tree();
	char real[4096], sub[4200], cmd[8600];
	assert_non_null(realpath(made, real));
	snprintf(cmd, sizeof cmd, "cd '%s' && git init -q repo", real);
	if (system(cmd) != 0) {
		cleanup(made);
		free(made);
		skip();
	}
	put(real, "repo/a/b/x.js", "x\n", 2);
	put(real, "plain/y.js", "x\n", 2);
	char repo[4200];
	snprintf(repo, sizeof repo, "%s/repo", real);
	snprintf(sub, sizeof sub, "%s/repo/a/b", real);
	expect_top(sub, GIT_TOP_FOUND, repo);
	expect_top(repo, GIT_TOP_FOUND, repo);
	/* git agrees. */
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && test \"$(git rev-parse --show-toplevel)\" = '%s'",
		 sub, repo);
	assert_int_equal(system(cmd), 0);
	/* No .git above (a temporary folder is in no work tree). */
	snprintf(sub, sizeof sub, "%s/plain", real);
	expect_top(sub, GIT_TOP_NONE, NULL);
	/* An environment that moves git's search: git is asked. */
	setenv("GIT_DIR", repo, 1);
	expect_top(sub, GIT_TOP_ASK, NULL);
	unsetenv("GIT_DIR");
	/* A worktree's or a submodule's .git file: its folder. */
	put(real, "plain/.git", "gitdir: ../repo/.git\n", 21);
	expect_top(sub, GIT_TOP_FOUND, sub);
	/* A configuration that names the work tree: git is asked. */
	snprintf(sub, sizeof sub, "%s/repo/a", real);
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && git config core.worktree '%s/plain'", repo, real);
	assert_int_equal(system(cmd), 0);
	expect_top(sub, GIT_TOP_ASK, NULL);
	/* A configuration that includes another, or that is a FIFO (not
	 * waited on): git is asked. */
	put(real, "inc/.git/config", "[include]\n\tpath = x\n", 20);
	snprintf(sub, sizeof sub, "%s/inc", real);
	expect_top(sub, GIT_TOP_ASK, NULL);
	put(real, "fifo/.git/HEAD", "ref: refs/heads/main\n", 21);
	snprintf(cmd, sizeof cmd, "%s/fifo/.git/config", real);
	assert_int_equal(mkfifo(cmd, 0600), 0);
	snprintf(sub, sizeof sub, "%s/fifo", real);
	expect_top(sub, GIT_TOP_ASK, NULL);
	cleanup(made);
	free(made);
}

int
main(void)
{
	/* The tests make git repositories of their own: a GIT_DIR inherited
	 * from a git hook or `git rebase -x` would send git elsewhere. */
	static const char *const git_env[] = {
		"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
		"GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR"};
	for (size_t i = 0; i < sizeof git_env / sizeof *git_env; i++)
		unsetenv(git_env[i]);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			walk__plain_tree__skips_dependencies_and_links),
		cmocka_unit_test(walk__noted_folders__may_hold_what_was_seen),
		cmocka_unit_test(sizing__walked_files__as_looked_at_one_by_one),
		cmocka_unit_test(git__ignored_files__left_out),
		cmocka_unit_test(git_find_top__as_git_finds_it),
		cmocka_unit_test(read__sizes__whole_texts),
		cmocka_unit_test(init__bad_paths__clear_errors),
		cmocka_unit_test(
			read__binary_large_unreadable__skipped_with_note),
		cmocka_unit_test(read__fifo__not_a_regular_file_at_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
