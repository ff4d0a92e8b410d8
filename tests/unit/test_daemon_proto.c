/* Unit tests of the daemon's wire helpers: base64 both ways (every length,
 * every byte, bad input refused), where a root's socket lives, which
 * socket folders a client and a daemon accept, and which paths a client
 * may name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon_proto.h"
#include "helpers.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static void
base64__every_length_and_byte__round_trips(void **state)
{
	(void)state;
	unsigned char data[300];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	for (size_t n = 0; n <= sizeof data; n++) {
		struct strbuf enc, dec;
		strbuf_init(&enc);
		strbuf_init(&dec);
		daemon_proto_base64_encode(&enc, data, n);
		assert_int_equal(enc.len, (n + 2) / 3 * 4);
		assert_int_equal(daemon_proto_base64_decode(
					 &dec, enc.len ? enc.s : "", enc.len),
				 0);
		assert_int_equal(dec.len, n);
		if (n > 0)
			assert_memory_equal(dec.s, data, n);
		strbuf_finish(&enc);
		strbuf_finish(&dec);
	}
}

static void
base64__known_values(void **state)
{
	(void)state;
	struct strbuf b;
	strbuf_init(&b);
	daemon_proto_base64_encode(&b, "foobar", 6);
	daemon_proto_base64_encode(&b, "fo", 2);
	daemon_proto_base64_encode(&b, "f", 1);
	strbuf_putc(&b, '\0');
	assert_string_equal(b.s, "Zm9vYmFyZm8=Zg==");
	strbuf_finish(&b);
}

static void
base64_decode__not_base64__refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"Zg=",      /* not a multiple of 4 */
		"Z===",     /* too much padding */
		"=Zg=",     /* padding first */
		"Zg==Zg==", /* padding before the end */
		"Zm9v\n",   "Zm9*", "Zm\0v",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct strbuf b;
		strbuf_init(&b);
		size_t len = i == 6 ? 4 : strlen(bad[i]);
		assert_int_equal(daemon_proto_base64_decode(&b, bad[i], len),
				 -1);
		strbuf_finish(&b);
	}
}

static void
daemon_proto_paths__xdg_runtime_dir__used_and_named_by_root(void **state)
{
	(void)state;
	char *cause = NULL;
	struct daemon_paths a, b, c;
	setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
	assert_int_equal(daemon_proto_paths("/src/app", &a, &cause), 0);
	assert_int_equal(daemon_proto_paths("/src/app", &b, &cause), 0);
	assert_int_equal(daemon_proto_paths("/src/other", &c, &cause), 0);
	assert_string_equal(a.dir, "/run/user/1000/stackfit");
	assert_string_equal(a.socket, b.socket);
	assert_string_not_equal(a.socket, c.socket);
	assert_int_equal(strncmp(a.socket, "/run/user/1000/stackfit/", 24), 0);
	assert_string_equal(a.socket + strlen(a.socket) - 5, ".sock");
	assert_string_equal(a.lock + strlen(a.lock) - 5, ".lock");
	assert_string_equal(a.log + strlen(a.log) - 4, ".log");
	daemon_proto_paths_finish(&a);
	daemon_proto_paths_finish(&b);
	daemon_proto_paths_finish(&c);
}

static void
daemon_proto_paths__no_xdg_runtime_dir__tmp_per_user(void **state)
{
	(void)state;
	char *cause = NULL;
	struct daemon_paths p;
	unsetenv("XDG_RUNTIME_DIR");
	assert_int_equal(daemon_proto_paths("/src/app", &p, &cause), 0);
	char *want = xasprintf("/tmp/stackfit-%lu", (unsigned long)getuid());
	assert_string_equal(p.dir, want);
	free(want);
	daemon_proto_paths_finish(&p);
	/* A relative XDG_RUNTIME_DIR is not one. */
	setenv("XDG_RUNTIME_DIR", "run", 1);
	assert_int_equal(daemon_proto_paths("/src/app", &p, &cause), 0);
	assert_int_equal(strncmp(p.dir, "/tmp/stackfit-", 14), 0);
	daemon_proto_paths_finish(&p);
}

static void
daemon_proto_paths__too_long__cause(void **state)
{
	(void)state;
	char long_dir[200];
	memset(long_dir, 'x', sizeof long_dir - 1);
	long_dir[0] = '/';
	long_dir[sizeof long_dir - 1] = '\0';
	setenv("XDG_RUNTIME_DIR", long_dir, 1);
	char *cause = NULL;
	struct daemon_paths p;
	assert_int_equal(daemon_proto_paths("/src/app", &p, &cause), -1);
	assert_non_null(strstr(cause, "XDG_RUNTIME_DIR"));
	free(cause);
	unsetenv("XDG_RUNTIME_DIR");
}

static void
daemon_proto_private_dir__modes_links_and_files(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/sf-daemon-proto-XXXXXX";
	char *top = mkdtemp(tmpl);
	assert_non_null(top);
	char *dir = xasprintf("%s/stackfit", top);
	char *cause = NULL;
	/* A client does not create it. */
	assert_int_equal(daemon_proto_private_dir(dir, false, &cause), -1);
	free(cause);
	cause = NULL;
	/* A daemon does, 0700. */
	assert_int_equal(daemon_proto_private_dir(dir, true, &cause), 0);
	struct stat st;
	assert_int_equal(lstat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(daemon_proto_private_dir(dir, false, &cause), 0);
	/* Open to others: a client refuses it, a daemon closes it. */
	assert_int_equal(chmod(dir, 0755), 0);
	assert_int_equal(daemon_proto_private_dir(dir, false, &cause), -1);
	assert_non_null(strstr(cause, "others may enter"));
	free(cause);
	cause = NULL;
	assert_int_equal(daemon_proto_private_dir(dir, true, &cause), 0);
	assert_int_equal(lstat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	/* A link to a private folder is not one. */
	char *link = xasprintf("%s/link", top);
	assert_int_equal(symlink(dir, link), 0);
	assert_int_equal(daemon_proto_private_dir(link, true, &cause), -1);
	free(cause);
	cause = NULL;
	/* Nor is a file. */
	char *file = xasprintf("%s/file", top);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(daemon_proto_private_dir(file, true, &cause), -1);
	free(cause);
	unlink(file);
	unlink(link);
	rmdir(dir);
	rmdir(top);
	free(file);
	free(link);
	free(dir);
}

static void
daemon_proto_good_path__relative_only__no_dotdot_no_nul(void **state)
{
	(void)state;
	static const char *const good[] = {
		"app.js", "lib/tool.py", "./app.js", "a/..b/c.js",
		"..a",    "a..",         "a/b..",    "a//b.js",
	};
	static const char *const bad[] = {
		"",     "/etc/passwd",  "..",        "../x.js",
		"a/..", "a/../../x.js", "lib/../..",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_true(daemon_proto_good_path(good[i], strlen(good[i])));
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(daemon_proto_good_path(bad[i], strlen(bad[i])));
	/* A NUL byte would cut "app.js\0.py" to app.js. */
	assert_false(daemon_proto_good_path("app.js\0.py", 10));
	assert_false(daemon_proto_good_path("\0", 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(base64__every_length_and_byte__round_trips),
		cmocka_unit_test(base64__known_values),
		cmocka_unit_test(base64_decode__not_base64__refused),
		cmocka_unit_test(
			daemon_proto_paths__xdg_runtime_dir__used_and_named_by_root),
		cmocka_unit_test(
			daemon_proto_paths__no_xdg_runtime_dir__tmp_per_user),
		cmocka_unit_test(daemon_proto_paths__too_long__cause),
		cmocka_unit_test(
			daemon_proto_private_dir__modes_links_and_files),
		cmocka_unit_test(
			daemon_proto_good_path__relative_only__no_dotdot_no_nul),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
