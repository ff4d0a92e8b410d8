/*
 * Git, as a program (git.h): a command run to its end on a private libuv
 * loop, its input written and its output read through pipes.
 */
#include "git.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <uv.h>

#include "util/xalloc.h"

/* One git command run to its end: stdin from a buffer, stdout into a
 * strbuf (at most GIT_OUTPUT_MAX bytes), stderr discarded. */
struct git_run {
	uv_process_t proc;
	uv_pipe_t in, out;
	uv_write_t write;
	struct strbuf *output;
	char chunk[65536];
	bool too_big;
	bool exited;
	int64_t status;
	int signal;
};

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	(void)suggested;
	struct git_run *g = h->data;
	*buf = uv_buf_init(g->chunk, sizeof g->chunk);
}

static void
on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
	struct git_run *g = s->data;
	if (n > 0) {
		if (g->output->len + (size_t)n > GIT_OUTPUT_MAX) {
			g->too_big = true;
			uv_process_kill(&g->proc, SIGTERM);
			uv_close((uv_handle_t *)s, NULL);
			return;
		}
		strbuf_append(g->output, buf->base, (size_t)n);
	} else if (n < 0) {
		uv_close((uv_handle_t *)s, NULL);
	}
}

static void
on_written(uv_write_t *w, int status)
{
	(void)status;
	struct git_run *g = w->data;
	/* Closing the pipe is git's end of input. */
	uv_close((uv_handle_t *)&g->in, NULL);
}

static void
on_git_exit(uv_process_t *p, int64_t status, int signal)
{
	struct git_run *g = p->data;
	g->exited = true;
	g->status = status;
	g->signal = signal;
	uv_close((uv_handle_t *)p, NULL);
}

/* Runs `git -c core.fsmonitor=false ARGS...` in dir (nothing of the
 * repository is executed: no hooks run for these commands, and the
 * fsmonitor hook is off) with input on its stdin. Returns 0 when it
 * exited with 0, its output in out; else -1. */
int
git_run(const char *dir, const char *const *args, const char *input,
	size_t input_len, struct strbuf *out)
{
	char *argv[32];
	size_t n = 0;
	argv[n++] = "git";
	argv[n++] = "-c";
	argv[n++] = "core.fsmonitor=false";
	for (size_t i = 0;
	     args[i] != NULL && n + 1 < sizeof argv / sizeof *argv; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;

	uv_loop_t loop;
	uv_loop_init(&loop);
	struct git_run *g = xcalloc(1, sizeof *g);
	g->output = out;
	uv_pipe_init(&loop, &g->in, 0);
	uv_pipe_init(&loop, &g->out, 0);
	g->in.data = g->out.data = g->proc.data = g->write.data = g;
	uv_stdio_container_t stdio[3] = {
		{.flags = UV_CREATE_PIPE | UV_READABLE_PIPE,
		 .data.stream = (uv_stream_t *)&g->in},
		{.flags = UV_CREATE_PIPE | UV_WRITABLE_PIPE,
		 .data.stream = (uv_stream_t *)&g->out},
		{.flags = UV_IGNORE},
	};
	uv_process_options_t po = {
		.exit_cb = on_git_exit,
		.file = "git",
		.args = argv,
		.cwd = dir,
		.stdio_count = 3,
		.stdio = stdio,
	};
	int rc = -1;
	if (uv_spawn(&loop, &g->proc, &po) != 0) {
		uv_close((uv_handle_t *)&g->in, NULL);
		uv_close((uv_handle_t *)&g->out, NULL);
		uv_close((uv_handle_t *)&g->proc, NULL);
		uv_run(&loop, UV_RUN_DEFAULT);
		goto done;
	}
	uv_buf_t b = uv_buf_init((char *)input, (unsigned)input_len);
	if (input_len == 0 ||
	    uv_write(&g->write, (uv_stream_t *)&g->in, &b, 1, on_written) != 0)
		uv_close((uv_handle_t *)&g->in, NULL);
	uv_read_start((uv_stream_t *)&g->out, on_alloc, on_read);
	uv_run(&loop, UV_RUN_DEFAULT);
	if (g->exited && g->status == 0 && g->signal == 0 && !g->too_big)
		rc = 0;
done:
	uv_loop_close(&loop);
	free(g);
	return rc;
}

/* The git top level of the current directory, else the current
 * directory. Owned by the caller; NULL with *cause when neither can be
 * had. *in_git says which. */
char *
git_find_root(bool *in_git, char **cause)
{
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof cwd) == NULL) {
		*cause =
			xasprintf("the current directory: %s", strerror(errno));
		return NULL;
	}
	struct strbuf out;
	strbuf_init(&out);
	static const char *const args[] = {"rev-parse", "--show-toplevel",
					   NULL};
	*in_git = git_run(cwd, args, NULL, 0, &out) == 0 && out.len > 1 &&
		  out.s[out.len - 1] == '\n';
	char *root;
	if (*in_git) {
		out.s[out.len - 1] = '\0';
		root = xstrdup(out.s);
	} else {
		root = xstrdup(cwd);
	}
	strbuf_finish(&out);
	return root;
}
