/*
 * libFuzzer target on the daemon's request handling: the input is what a
 * client writes to the daemon's socket, fed through the connection's
 * reader to the dispatcher (daemon_server_feed) of a daemon without a
 * socket. The first byte chooses where the rest is cut in two, so that
 * messages also arrive in pieces.
 *
 * The daemon is for a tiny workspace made once per process in a temporary
 * folder (removed at exit), with the runtime and cache folders there too,
 * so that requests that pass validation run real analyses. A request the
 * client would send names the root and the executable's identity
 * (daemon_proto_exe_id), neither known when the corpus is written: the
 * root is
 * /tmp/stackfit-fuzz-XXXXXX/ws with mkdtemp's letters for the X's, and
 * "/tmp/stackfit-fuzz-XXXXXX/ws" and "FINGERPRINT_HERE" in the input are
 * replaced by the root and the identity before it is fed — the same
 * length, so that the frames' Content-Length still holds.
 *
 * Every answer must be a JSON-RPC response (a result or an error with a
 * code and a message); after the input, unless it stopped the daemon
 * (`shutdown`, `exit`), a new client's `stackfit/status` must be
 * answered. `shutdown` only stops the daemon's loop, which this target
 * never runs: the process goes on.
 */
#define _GNU_SOURCE /* nftw's FTW_DEPTH, FTW_PHYS */
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon_proto.h"
#include "daemon_server.h"
#include "jsonrpc.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The workspace: a file with findings per language and a manifest. */
static const char *const ws_files[][2] = {
	{"package.json", "{\"name\": \"w\", \"dependencies\": "
			 "{\"express\": \"4\"}}\n"},
	{"app.js", "const fs = require('fs');\n"
		   "const express = require('express');\n"
		   "const app = express();\n"
		   "app.get('/', (req, res) => {\n"
		   "  res.send(fs.readFileSync('/etc/hosts'));\n"
		   "});\n"},
	{"lib/tool.py", "import time\n\n\n"
			"async def handler():\n"
			"    time.sleep(1)\n"},
};

/* What the corpus says for the root and the fingerprint. */
#define ROOT_TEMPLATE "/tmp/stackfit-fuzz-XXXXXX/ws"
#define FP_TEMPLATE   "FINGERPRINT_HERE"

static char *top;  /* the temporary folder */
static char *root; /* top/ws, canonical */
static char fingerprint[17];
/* FUZZ_DAEMON_ECHO=1 in the environment: the answers go to stderr. */
static bool echo;

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	remove(path);
	return 0;
}

static void
remove_workspace(void)
{
	nftw(top, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(top);
	free(root);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

static void
make_workspace(void)
{
	/* Not $TMPDIR: the root's length is the placeholder's. */
	char *tmpl = xstrdup(ROOT_TEMPLATE);
	tmpl[strlen(tmpl) - 3] = '\0'; /* without "/ws" */
	if (mkdtemp(tmpl) == NULL) {
		perror(tmpl);
		abort();
	}
	top = tmpl;
	atexit(remove_workspace);
	char *ws = xasprintf("%s/ws", top);
	char *lib = xasprintf("%s/ws/lib", top);
	char *run = xasprintf("%s/run", top);
	char *cache = xasprintf("%s/cache", top);
	mkdir(ws, 0700);
	mkdir(lib, 0700);
	mkdir(run, 0700);
	/* The analyses' cache and the paths of the daemon's socket (never
	 * made) stay in the temporary folder. */
	setenv("STACKFIT_CACHE_DIR", cache, 1);
	setenv("XDG_RUNTIME_DIR", run, 1);
	for (size_t i = 0; i < sizeof ws_files / sizeof *ws_files; i++) {
		char *p = xasprintf("%s/%s", ws, ws_files[i][0]);
		write_file(p, ws_files[i][1]);
		free(p);
	}
	char buf[PATH_MAX];
	if (realpath(ws, buf) == NULL) {
		perror(ws);
		abort();
	}
	root = xstrdup(buf);
	if (strlen(root) != strlen(ROOT_TEMPLATE)) {
		fprintf(stderr, "fuzz_daemon: %s: /tmp is a link?\n", root);
		abort();
	}
	free(ws);
	free(lib);
	free(run);
	free(cache);
	/* The executable's identity a client of this build would send. */
	daemon_proto_exe_id(fingerprint, sizeof fingerprint);
}

/* Appends data to out with the placeholders replaced. */
static void
substitute(struct strbuf *out, const char *data, size_t size)
{
	size_t nroot = strlen(ROOT_TEMPLATE), nfp = strlen(FP_TEMPLATE);
	for (size_t i = 0; i < size;) {
		if (size - i >= nroot &&
		    memcmp(data + i, ROOT_TEMPLATE, nroot) == 0) {
			strbuf_append(out, root, nroot);
			i += nroot;
		} else if (size - i >= nfp &&
			   memcmp(data + i, FP_TEMPLATE, nfp) == 0) {
			strbuf_append(out, fingerprint, nfp);
			i += nfp;
		} else {
			strbuf_putc(out, data[i++]);
		}
	}
}

struct answers {
	unsigned n;
	unsigned results; /* answers with a result */
};

/* Checks one answer (daemon_server_send_fn) and serialises it as the
 * daemon would. */
static bool
take(void *user, json_object *msg)
{
	struct answers *a = user;
	json_object *v, *code, *message;
	if (!json_object_is_type(msg, json_type_object) ||
	    !json_object_object_get_ex(msg, "jsonrpc", &v) ||
	    strcmp(json_object_get_string(v), "2.0") != 0 ||
	    !json_object_object_get_ex(msg, "id", &v))
		abort();
	if (json_object_object_get_ex(msg, "error", &v)) {
		if (!json_object_object_get_ex(v, "code", &code) ||
		    !json_object_is_type(code, json_type_int) ||
		    !json_object_object_get_ex(v, "message", &message) ||
		    !json_object_is_type(message, json_type_string))
			abort();
	} else if (json_object_object_get_ex(msg, "result", &v)) {
		a->results++;
	} else {
		abort();
	}
	a->n++;
	struct strbuf b;
	strbuf_init(&b);
	jsonrpc_frame(&b, msg);
	if (echo)
		fprintf(stderr, "%s\n", b.s);
	strbuf_finish(&b);
	json_object_put(msg);
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (root == NULL) {
		xalloc_install_tree_sitter();
		/* As the daemon does (daemon_server_run): git may leave before
		 * it read what a staged check writes to it. */
		signal(SIGPIPE, SIG_IGN);
		make_workspace();
		echo = getenv("FUZZ_DAEMON_ECHO") != NULL;
	}
	if (size == 0)
		return 0;
	struct strbuf in;
	strbuf_init(&in);
	substitute(&in, (const char *)data + 1, size - 1);
	size_t cut = (size_t)data[0] * in.len / 256;

	struct daemon_server_options o = {
		.root = root,
		.idle_timeout = 0,
		.ready_fd = -1,
		.log = NULL,
	};
	struct daemon_server *d = daemon_server_create(&o);
	struct jsonrpc_reader *r = jsonrpc_reader_create();
	struct answers a = {0};
	const char *bytes = in.s != NULL ? in.s : "";
	daemon_server_feed(d, r, bytes, cut, take, &a);
	daemon_server_feed(d, r, bytes + cut, in.len - cut, take, &a);
	jsonrpc_reader_destroy(r);

	/* Whatever came before, a new client is answered. */
	if (!daemon_server_stopped(d)) {
		static const char status[] = "Content-Length: 51\r\n\r\n"
					     "{\"jsonrpc\":\"2.0\",\"id\":1,"
					     "\"method\":\"stackfit/status\"}";
		struct answers s = {0};
		r = jsonrpc_reader_create();
		daemon_server_feed(d, r, status, sizeof status - 1, take, &s);
		jsonrpc_reader_destroy(r);
		if (s.n != 1 || s.results != 1)
			abort();
	}
	daemon_server_destroy(d);
	strbuf_finish(&in);
	return 0;
}
