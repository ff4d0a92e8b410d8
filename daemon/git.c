/*
 * Git, as a program (git.h): a command run to its end, or to its time
 * limit, on a private libuv loop, its input written and its output read
 * through pipes.
 */
#include "git.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <uv.h>

#include "util/escape.h"
#include "util/xalloc.h"

extern char **environ;

/* One git command run to its end: stdin from a buffer, stdout into a
 * strbuf (at most GIT_OUTPUT_MAX bytes), stderr into another or
 * discarded. */
struct git_run {
	uv_process_t proc;
	uv_pipe_t in, out, err;
	uv_timer_t timer;
	uv_write_t write;
	struct strbuf *output, *errors;
	char chunk[65536];
	bool too_big;
	bool timed_out;
	bool exited;
	pid_t pid;
	int64_t status;
	int signal;
};

/* The git commands running, for git_kill_running: their pids, 0 free. */
#define GIT_RUNNING_MAX 16
static pthread_mutex_t running_lock = PTHREAD_MUTEX_INITIALIZER;
static pid_t running[GIT_RUNNING_MAX];

static void
set_running(pid_t old, pid_t pid)
{
	pthread_mutex_lock(&running_lock);
	for (int i = 0; i < GIT_RUNNING_MAX; i++)
		if (running[i] == old) {
			running[i] = pid;
			break;
		}
	pthread_mutex_unlock(&running_lock);
}

void
git_kill_running(void)
{
	pthread_mutex_lock(&running_lock);
	for (int i = 0; i < GIT_RUNNING_MAX; i++)
		if (running[i] > 0)
			kill(running[i], SIGKILL);
	pthread_mutex_unlock(&running_lock);
}

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	(void)suggested;
	struct git_run *g = h->data;
	*buf = uv_buf_init(g->chunk, sizeof g->chunk);
}

static void
close_once(uv_handle_t *h)
{
	if (!uv_is_closing(h))
		uv_close(h, NULL);
}

/* Once git has exited and every pipe is closed, the time limit goes too:
 * the loop then runs out. */
static void
maybe_done(struct git_run *g)
{
	if (g->exited && uv_is_closing((uv_handle_t *)&g->in) &&
	    uv_is_closing((uv_handle_t *)&g->out) &&
	    uv_is_closing((uv_handle_t *)&g->err))
		close_once((uv_handle_t *)&g->timer);
}

static void
on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
	struct git_run *g = s->data;
	if (n > 0) {
		if (g->output->len + (size_t)n > GIT_OUTPUT_MAX) {
			g->too_big = true;
			uv_process_kill(&g->proc, SIGKILL);
			close_once((uv_handle_t *)s);
			maybe_done(g);
			return;
		}
		strbuf_append(g->output, buf->base, (size_t)n);
	} else if (n < 0) {
		close_once((uv_handle_t *)s);
		maybe_done(g);
	}
}

static void
on_read_err(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
	struct git_run *g = s->data;
	if (n > 0) {
		size_t room = GIT_STDERR_MAX > g->errors->len
				      ? GIT_STDERR_MAX - g->errors->len
				      : 0;
		strbuf_append(g->errors, buf->base,
			      (size_t)n < room ? (size_t)n : room);
	} else if (n < 0) {
		close_once((uv_handle_t *)s);
		maybe_done(g);
	}
}

static void
on_written(uv_write_t *w, int status)
{
	(void)status;
	struct git_run *g = w->data;
	/* Closing the pipe is git's end of input. */
	close_once((uv_handle_t *)&g->in);
	maybe_done(g);
}

static void
on_git_exit(uv_process_t *p, int64_t status, int signal)
{
	struct git_run *g = p->data;
	g->exited = true;
	g->status = status;
	g->signal = signal;
	set_running(g->pid, 0);
	uv_close((uv_handle_t *)p, NULL);
	maybe_done(g);
}

/* The time is up: git is killed, and its pipes are closed, so that the
 * loop does not wait on them (a child of git's may hold them open). The
 * process handle closes when it has exited, at once after SIGKILL. */
static void
on_timeout(uv_timer_t *t)
{
	struct git_run *g = t->data;
	g->timed_out = true;
	uv_process_kill(&g->proc, SIGKILL);
	close_once((uv_handle_t *)&g->in);
	close_once((uv_handle_t *)&g->out);
	if (g->errors != NULL)
		close_once((uv_handle_t *)&g->err);
	close_once((uv_handle_t *)t);
}

unsigned
git_timeout(void)
{
	const char *v = getenv("STACKFIT_GIT_TIMEOUT");
	if (v == NULL || v[0] < '1' || v[0] > '9')
		return GIT_TIMEOUT_DEFAULT;
	char *end;
	unsigned long n = strtoul(v, &end, 10);
	if (*end != '\0' || n > GIT_TIMEOUT_MAX)
		return GIT_TIMEOUT_DEFAULT;
	return (unsigned)n;
}

/* environ with LC_ALL=C and without LANGUAGE, so that git's messages
 * are the same everywhere (workspace.c reads some). The array is owned
 * by the caller; its strings are environ's, but for the first. */
static char **
c_locale_env(void)
{
	size_t n = 0;
	while (environ[n] != NULL)
		n++;
	char **env = xcalloc(n + 2, sizeof *env);
	size_t k = 0;
	env[k++] = "LC_ALL=C";
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "LC_ALL=", 7) != 0 &&
		    strncmp(environ[i], "LANGUAGE=", 9) != 0)
			env[k++] = environ[i];
	env[k] = NULL;
	return env;
}

int
git_run_full(const char *dir, const char *const *args, const char *input,
	     size_t input_len, struct strbuf *out, struct strbuf *err)
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
	g->errors = err;
	uv_pipe_init(&loop, &g->in, 0);
	uv_pipe_init(&loop, &g->out, 0);
	uv_pipe_init(&loop, &g->err, 0);
	uv_timer_init(&loop, &g->timer);
	g->in.data = g->out.data = g->err.data = g->proc.data = g->write.data =
		g->timer.data = g;
	uv_stdio_container_t stdio[3] = {
		{.flags = UV_CREATE_PIPE | UV_READABLE_PIPE,
		 .data.stream = (uv_stream_t *)&g->in},
		{.flags = UV_CREATE_PIPE | UV_WRITABLE_PIPE,
		 .data.stream = (uv_stream_t *)&g->out},
		{.flags = err ? UV_CREATE_PIPE | UV_WRITABLE_PIPE : UV_IGNORE,
		 .data.stream = (uv_stream_t *)&g->err},
	};
	char **env = c_locale_env();
	uv_process_options_t po = {
		.exit_cb = on_git_exit,
		.file = "git",
		.args = argv,
		.env = env,
		.cwd = dir,
		.stdio_count = 3,
		.stdio = stdio,
	};
	int rc = GIT_FAILED;
	if (uv_spawn(&loop, &g->proc, &po) != 0) {
		uv_close((uv_handle_t *)&g->in, NULL);
		uv_close((uv_handle_t *)&g->out, NULL);
		uv_close((uv_handle_t *)&g->err, NULL);
		uv_close((uv_handle_t *)&g->timer, NULL);
		uv_close((uv_handle_t *)&g->proc, NULL);
		uv_run(&loop, UV_RUN_DEFAULT);
		goto done;
	}
	g->pid = g->proc.pid;
	set_running(0, g->pid);
	uv_buf_t b = uv_buf_init((char *)input, (unsigned)input_len);
	if (input_len == 0 ||
	    uv_write(&g->write, (uv_stream_t *)&g->in, &b, 1, on_written) != 0)
		uv_close((uv_handle_t *)&g->in, NULL);
	uv_read_start((uv_stream_t *)&g->out, on_alloc, on_read);
	if (err != NULL)
		uv_read_start((uv_stream_t *)&g->err, on_alloc, on_read_err);
	else
		uv_close((uv_handle_t *)&g->err, NULL);
	uv_timer_start(&g->timer, on_timeout, (uint64_t)git_timeout() * 1000,
		       0);
	maybe_done(g);
	uv_run(&loop, UV_RUN_DEFAULT);
	if (g->timed_out)
		rc = GIT_TIMED_OUT;
	else if (g->exited && g->status == 0 && g->signal == 0 && !g->too_big)
		rc = 0;
done:
	uv_loop_close(&loop);
	free(env);
	free(g);
	return rc;
}

int
git_run(const char *dir, const char *const *args, const char *input,
	size_t input_len, struct strbuf *out)
{
	return git_run_full(dir, args, input, input_len, out, NULL);
}

/* Environment variables that change where git looks for a repository. */
static const char *const discovery_env[] = {
	"GIT_DIR",
	"GIT_WORK_TREE",
	"GIT_CEILING_DIRECTORIES",
	"GIT_DISCOVERY_ACROSS_FILESYSTEM",
	"GIT_COMMON_DIR",
	"GIT_CONFIG_PARAMETERS",
	"GIT_CONFIG_COUNT",
};

/* The most of a repository's configuration read for core.worktree. */
#define GIT_CONFIG_READ_MAX (1u << 20)

/* Does the git folder's configuration (gitdir/config) set core.worktree
 * (or might it: one that includes others, cannot be read, is not a
 * regular file or is larger than GIT_CONFIG_READ_MAX)? A word search: a
 * `worktree` or `include` anywhere, a comment's included, sends the
 * question to git (which has a time limit: a FIFO is never opened for a
 * blocking read here). */
static bool
names_work_tree(const char *gitdir)
{
	char *path = xasprintf("%s/config", gitdir);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	int err = errno;
	free(path);
	if (fd < 0)
		return err != ENOENT;
	struct stat st;
	FILE *f = NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > GIT_CONFIG_READ_MAX || (f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return true;
	}
	char line[4096];
	bool found = false;
	while (!found && fgets(line, sizeof line, f) != NULL)
		for (char *p = line; !found && *p; p++)
			found = strncasecmp(p, "worktree", 8) == 0 ||
				strncasecmp(p, "include", 7) == 0;
	fclose(f);
	return found;
}

enum git_top
git_find_top(const char *dir, char **top)
{
	*top = NULL;
	for (size_t i = 0; i < sizeof discovery_env / sizeof *discovery_env;
	     i++)
		if (getenv(discovery_env[i]) != NULL)
			return GIT_TOP_ASK;
	struct stat st;
	if (dir[0] != '/' || stat(dir, &st) < 0)
		return GIT_TOP_ASK;
	dev_t dev = st.st_dev;
	char *d = xstrdup(dir);
	enum git_top found = GIT_TOP_NONE;
	for (;;) {
		size_t n = strlen(d);
		char *dotgit = xasprintf("%s/.git", n > 1 ? d : "");
		struct stat g;
		if (lstat(dotgit, &g) == 0) {
			/* A file: a worktree's or a submodule's, whose top
			 * is where it is. A folder: unless its configuration
			 * puts the work tree elsewhere. */
			if (S_ISREG(g.st_mode))
				found = GIT_TOP_FOUND;
			else if (S_ISDIR(g.st_mode) && !names_work_tree(dotgit))
				found = GIT_TOP_FOUND;
			else
				found = GIT_TOP_ASK;
			free(dotgit);
			break;
		}
		free(dotgit);
		if (n <= 1)
			break;
		char *slash = strrchr(d, '/');
		if (slash == d)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (stat(d, &st) < 0 || st.st_dev != dev) {
			found = GIT_TOP_ASK;
			break;
		}
	}
	if (found == GIT_TOP_FOUND)
		*top = d;
	else
		free(d);
	return found;
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
	int rc = git_run(cwd, args, NULL, 0, &out);
	if (rc == GIT_TIMED_OUT)
		escape_note(stderr,
			    "git rev-parse did not finish within %u s "
			    "(STACKFIT_GIT_TIMEOUT); the current directory is "
			    "taken as the workspace",
			    git_timeout());
	*in_git = rc == 0 && out.len > 1 && out.s[out.len - 1] == '\n';
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
