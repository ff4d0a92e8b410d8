/*
 * The daemon (daemon_server.h). One libuv loop owns the listening socket,
 * the connections and the idle timer; the signals are read by a thread of
 * their own (daemon_signals.h), which wakes it. Requests are answered
 * one at a time, on the loop: an analysis runs the scheduler, which has
 * its own worker threads, and the commands' own report code
 * (cmd_check_write, cmd_audit_write) writes into memory streams whose
 * bytes are the answer.
 *
 * Freshness: the daemon holds a warm project (warm.h), which every
 * request brings up to date before it is answered, so a file edited,
 * created or deleted just before a request is in its answer. The
 * daemon watches every folder the project looks at (inotify,
 * dirwatch.h); a request first reads every event the kernel queued
 * (each was queued when its change was made), and when the watches are
 * whole and lost nothing, only the paths they named are looked at and
 * the configuration is read again only when a configuration file
 * changed. Otherwise — no watches, a folder not watched, the kernel's
 * queue overflowed, folders just added to the watches — the request
 * looks at everything: the configuration read again, every file and
 * folder stat'ed. A moment after a change the daemon also refreshes the
 * project itself, so that the answer is ready sooner. `check --staged` has a
 * second project, of git's index (staged.h), kept between checks, which reads
 * only the blobs that changed; the working tree's is not disturbed by it.
 */
#define _GNU_SOURCE /* struct ucred */
#include "daemon_server.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <uv.h>

#include "cache.h"
#include "cmd.h"
#include "cmd_audit.h"
#include "cmd_check.h"
#include "config.h"
#include "daemon_proto.h"
#include "daemon_signals.h"
#include "dirwatch.h"
#include "jsonrpc.h"
#include "language.h"
#include "project.h"
#include "report.h"
#include "scheduler.h"
#include "server.h"
#include "staged.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "warm.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"

struct conn;

struct daemon_server {
	uv_loop_t loop;
	uv_pipe_t listener;
	uv_async_t sigwake; /* a signal came (daemon_signals.h) */
	struct daemon_signals *signals;
	uv_timer_t idle;
	struct daemon_paths paths;
	const char *root;
	unsigned idle_timeout;
	FILE *log;
	int lock_fd;
	bool listening;
	bool stopping;
	time_t started;
	time_t last_refresh; /* 0: never */
	uint32_t files_indexed;
	uint64_t requests;
	uint64_t reused; /* answers for which nothing changed */
	struct conn *conns;
	struct warm *warm;     /* the working tree's project */
	struct staged *staged; /* git's index's, or NULL */
	char exe[128];         /* daemon_proto_exe_id */
	/* Watching (dirwatch.h): a change re-scans once things are
	 * quiet. */
	struct dirwatch *watch;
	bool watch_full_said;
	uv_timer_t rescan;
	/* Paths the watches named since the last refresh (root-relative;
	 * values unused), and whether the next refresh must look at
	 * everything instead. */
	struct strmap changed;
	bool look_all;
};

/* Past this many changed paths a refresh looks at everything: it costs
 * less than looking them up one by one. */
#define DAEMON_CHANGED_MAX 1024

struct conn {
	uv_pipe_t pipe;
	struct daemon_server *d;
	struct jsonrpc_reader *reader;
	size_t queued; /* bytes written but not yet sent */
	bool closing;
	struct conn *prev, *next;
};

struct write_req {
	uv_write_t req;
	struct conn *c;
	char *buf;
	size_t len;
};

/* The size past which the log is rotated (rotate_log), unless
 * STACKFIT_DAEMON_LOG_MAX says otherwise (bytes, at least 1024). */
#define DAEMON_LOG_MAX (1024 * 1024)

/* The most of an error message a log line holds. */
#define DAEMON_LOG_MESSAGE_MAX 512

/* The log is bounded: past DAEMON_LOG_MAX bytes it becomes HASH.log.1
 * (replacing the one before) and a new HASH.log is begun, so a daemon
 * that runs for weeks keeps at most twice that. Only the log file a
 * detached daemon writes to is rotated, not a terminal. */
static void
rotate_log(struct daemon_server *d)
{
	struct stat st, at;
	int fd = fileno(d->log);
	const char *env = getenv("STACKFIT_DAEMON_LOG_MAX");
	long long max = env ? atoll(env) : 0;
	if (max < 1024)
		max = DAEMON_LOG_MAX;
	if (d->paths.log == NULL || fd < 0 || fstat(fd, &st) < 0 ||
	    !S_ISREG(st.st_mode) || st.st_size < max ||
	    stat(d->paths.log, &at) < 0 || at.st_ino != st.st_ino ||
	    at.st_dev != st.st_dev)
		return;
	char *old = xasprintf("%s.1", d->paths.log);
	int nfd = -1;
	if (rename(d->paths.log, old) == 0)
		nfd = open(d->paths.log,
			   O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
				   O_NOFOLLOW,
			   0600);
	if (nfd >= 0) {
		/* stdout and stderr are the log too: a crash's words go to
		 * the new one. */
		if (fd == STDERR_FILENO)
			(void)dup2(nfd, STDOUT_FILENO);
		(void)dup2(nfd, fd);
		close(nfd);
	}
	free(old);
}

static void
dlog(struct daemon_server *d, const char *fmt, ...)
{
	if (d->log == NULL)
		return;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ",
		 gmtime_r(&now, &tm));
	/* One write per line (the log is unbuffered): a check that changed
	 * nothing costs the daemon little more than its log line. */
	struct strbuf line;
	strbuf_init(&line);
	strbuf_printf(&line, "%s [%ld] ", stamp, (long)getpid());
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&line, fmt, ap);
	va_end(ap);
	strbuf_putc(&line, '\n');
	fwrite(line.s, 1, line.len, d->log);
	fflush(d->log);
	strbuf_finish(&line);
	rotate_log(d);
}

/* --- connections ------------------------------------------------------ */

static void
on_conn_closed(uv_handle_t *h)
{
	struct conn *c = h->data;
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		c->d->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	jsonrpc_reader_destroy(c->reader);
	free(c);
}

static void
conn_close(struct conn *c)
{
	if (c->closing)
		return;
	c->closing = true;
	uv_close((uv_handle_t *)&c->pipe, on_conn_closed);
}

static void
on_conn_shutdown(uv_shutdown_t *req, int status)
{
	(void)status;
	struct conn *c = req->data;
	free(req);
	conn_close(c);
}

/* Closes c once what was written to it is sent. */
static void
conn_end(struct conn *c)
{
	if (c->closing)
		return;
	uv_read_stop((uv_stream_t *)&c->pipe);
	uv_shutdown_t *req = xcalloc(1, sizeof *req);
	req->data = c;
	if (uv_shutdown(req, (uv_stream_t *)&c->pipe, on_conn_shutdown) != 0) {
		free(req);
		conn_close(c);
	}
}

static void
on_written(uv_write_t *req, int status)
{
	struct write_req *w = (struct write_req *)req;
	w->c->queued -= w->len;
	if (status < 0 && status != UV_ECANCELED) {
		/* The client went away before its answer: its loss. */
		dlog(w->c->d, "a client hung up before its answer (%s)",
		     uv_strerror(status));
		conn_close(w->c);
	}
	free(w->buf);
	free(w);
}

/* Sends msg (consumed) to c. */
static void
send_msg(struct conn *c, json_object *msg)
{
	struct strbuf b;
	strbuf_init(&b);
	jsonrpc_frame_raw(&b, msg);
	json_object_put(msg);
	if (c->closing) {
		strbuf_finish(&b);
		return;
	}
	if (c->queued + b.len > SERVER_MAX_WRITE_QUEUE) {
		dlog(c->d,
		     "a client reads too slowly: %zu bytes queued; "
		     "closing it",
		     c->queued);
		strbuf_finish(&b);
		conn_close(c);
		return;
	}
	struct write_req *w = xcalloc(1, sizeof *w);
	w->c = c;
	w->len = b.len;
	w->buf = strbuf_detach(&b);
	uv_buf_t buf = uv_buf_init(w->buf, (unsigned)w->len);
	c->queued += w->len;
	if (uv_write(&w->req, (uv_stream_t *)&c->pipe, &buf, 1, on_written) !=
	    0) {
		c->queued -= w->len;
		free(w->buf);
		free(w);
		conn_close(c);
	}
}

/* --- watching --------------------------------------------------------- */

static void on_rescan(uv_timer_t *t);

/* Quiet time after a change before the refresh: what changes at once
 * (a save, a checkout) is taken together. */
#define DAEMON_RESCAN_MS 100

static void
on_change(void *user, const char *rel)
{
	struct daemon_server *d = user;
	if (d->stopping)
		return;
	if (d->changed.n < DAEMON_CHANGED_MAX)
		strmap_put(&d->changed, rel, NULL);
	else
		d->look_all = true;
	/* Again and again while things change; once when they are
	 * quiet. */
	uv_timer_start(&d->rescan, on_rescan, DAEMON_RESCAN_MS, 0);
}

/* Watches every folder the warm project looks at. A folder watched from
 * now on may have changed since the refresh looked at it: the next
 * refresh looks at everything. */
static void
sync_watches(struct daemon_server *d)
{
	if (d->watch == NULL)
		d->watch = dirwatch_create(&d->loop, d->root, on_change, d);
	uint32_t n;
	const char *const *dirs = warm_dirs(d->warm, &n);
	if (dirwatch_sync_dirs(d->watch, dirs, n))
		d->look_all = true;
	if (dirwatch_full(d->watch) && !d->watch_full_said) {
		dlog(d,
		     "watching no more than %u folders; the others are seen "
		     "at request time",
		     DIRWATCH_MAX);
		d->watch_full_said = true;
	}
}

/* --- stopping --------------------------------------------------------- */

/* Closes the listener, the signals, the timers and the watches, and ends
 * every connection: the loop then runs out. */
static void
close_handles(struct daemon_server *d)
{
	if (d->listening) {
		unlink(d->paths.socket);
		uv_close((uv_handle_t *)&d->listener, NULL);
	}
	uv_close((uv_handle_t *)&d->idle, NULL);
	uv_close((uv_handle_t *)&d->rescan, NULL);
	dirwatch_stop(d->watch);
	for (struct conn *c = d->conns; c != NULL; c = c->next)
		conn_end(c);
}

static void
daemon_stop(struct daemon_server *d, const char *why)
{
	if (d->stopping)
		return;
	d->stopping = true;
	dlog(d, "stopping: %s", why);
	/* The socket goes first, so that no new client connects to a
	 * daemon on its way out. */
	close_handles(d);
}

static void
on_signal(uv_async_t *h)
{
	struct daemon_server *d = h->data;
	const char *sig = daemon_signals_last(d->signals);
	if (sig != NULL)
		daemon_stop(d, sig);
}

static void
on_idle(uv_timer_t *t)
{
	struct daemon_server *d = t->data;
	char why[64];
	snprintf(why, sizeof why, "no request for %u s", d->idle_timeout);
	daemon_stop(d, why);
}

static void
idle_restart(struct daemon_server *d)
{
	if (d->stopping || d->idle_timeout == 0)
		return;
	/* An analysis ran on the loop: its clock is behind. */
	uv_update_time(&d->loop);
	uv_timer_start(&d->idle, on_idle, (uint64_t)d->idle_timeout * 1000, 0);
}

/* --- requests --------------------------------------------------------- */

/* A request that failed: the JSON-RPC error code and a message. */
struct fail {
	int code;
	char *message; /* owned */
};

static bool failed(struct fail *f, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool
failed(struct fail *f, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct strbuf b;
	strbuf_init(&b);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	f->code = code;
	f->message = strbuf_detach(&b);
	return false;
}

static json_object *
member(json_object *params, const char *key, enum json_type type)
{
	json_object *v;
	if (params == NULL || !json_object_object_get_ex(params, key, &v) ||
	    !json_object_is_type(v, type))
		return NULL;
	return v;
}

/* Whether v is a string that names a root-relative path
 * (daemon_proto_good_path). */
static bool
path_member(json_object *v)
{
	return json_object_is_type(v, json_type_string) &&
	       daemon_proto_good_path(json_object_get_string(v),
				      (size_t)json_object_get_string_len(v));
}

/* What every analysis request shares. */
struct analysis {
	struct cmd_request rq; /* path_prefix borrowed from the params */
	struct warm_stats stats;
};

/* Whether the client runs this version (else f says why). */
static bool
version_ok(json_object *params, struct fail *f)
{
	json_object *version = member(params, "version", json_type_string);
	if (version == NULL)
		return failed(f, JSONRPC_INVALID_PARAMS,
			      "params: \"version\" (a string) is missing");
	if (strcmp(json_object_get_string(version), STACKFIT_VERSION) != 0)
		return failed(f, DAEMON_PROTO_MISMATCH,
			      "it runs stackfit %s, this is %s",
			      STACKFIT_VERSION,
			      json_object_get_string(version));
	return true;
}

/* Reads the common params into a and brings the warm project up to
 * date, so that no request is answered with older files or
 * configuration. */
static bool
analysis_init(struct daemon_server *d, json_object *params, struct analysis *a,
	      struct fail *f)
{
	*a = (struct analysis){0};
	if (!version_ok(params, f))
		return false;
	json_object *exe = member(params, "exe", json_type_string);
	json_object *root = member(params, "root", json_type_string);
	json_object *format = member(params, "format", json_type_int);
	json_object *fail_on = member(params, "failOn", json_type_int);
	json_object *color = member(params, "color", json_type_boolean);
	json_object *cache = member(params, "cache", json_type_boolean);
	json_object *jobs = member(params, "jobs", json_type_int);
	json_object *prefix = member(params, "pathPrefix", json_type_string);
	json_object *unused =
		member(params, "unusedIgnores", json_type_boolean);
	if (exe == NULL || root == NULL || format == NULL || fail_on == NULL ||
	    color == NULL || cache == NULL || jobs == NULL)
		return failed(f, JSONRPC_INVALID_PARAMS,
			      "params: expected exe, root, format, failOn, "
			      "color, cache and jobs");
	if (strcmp(json_object_get_string(root), d->root) != 0)
		return failed(f, DAEMON_PROTO_WRONG_ROOT,
			      "this daemon is for %s, not %s", d->root,
			      json_object_get_string(root));
	int64_t fmt = json_object_get_int64(format);
	int64_t sev = json_object_get_int64(fail_on);
	int64_t nj = json_object_get_int64(jobs);
	if (fmt < REPORT_TEXT || fmt >= REPORT_FORMATS || sev < SF_SEV_OFF ||
	    sev > SF_SEV_HINT || nj < 0 || nj > 256)
		return failed(f, JSONRPC_INVALID_PARAMS,
			      "params: format, failOn or jobs is out of "
			      "range");
	if (strcmp(json_object_get_string(exe), d->exe) != 0)
		return failed(f, DAEMON_PROTO_MISMATCH,
			      "its build differs from this command's");
	a->rq = (struct cmd_request){
		.format = (enum report_format)fmt,
		.fail_on = (int)sev,
		.color = json_object_get_boolean(color),
		.path_prefix = prefix ? json_object_get_string(prefix) : NULL,
		.cache = json_object_get_boolean(cache),
		.jobs = (unsigned)nj,
		.unused_ignores =
			unused != NULL && json_object_get_boolean(unused),
	};
	return true;
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Fills o's trust and changed paths (*names, sorted, owned by the
 * caller) from the watches: every change made so far is among them when
 * the watches are whole and lost nothing. */
static void
take_changes(struct daemon_server *d, struct warm_refresh *o,
	     const char ***names)
{
	*names = NULL;
	o->trust = false;
	if (d->watch == NULL)
		return;
	dirwatch_drain(d->watch);
	if (dirwatch_take_lost(d->watch)) {
		dlog(d, "the watches lost events (the kernel's queue "
			"overflowed): looking at every file");
		d->look_all = true;
	}
	if (d->look_all || !dirwatch_intact(d->watch) ||
	    !warm_dirs_complete(d->warm))
		return;
	const char **v = xcalloc(d->changed.n ? d->changed.n : 1, sizeof *v);
	uint32_t n = 0;
	for (uint32_t i = 0; i < d->changed.cap; i++)
		if (d->changed.slots[i].key != NULL)
			v[n++] = d->changed.slots[i].key;
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_path);
	o->trust = true;
	o->changed = v;
	o->nchanged = n;
	*names = v;
}

/* After a refresh: what the watches named is taken (or, when it failed,
 * the next refresh looks at everything). */
static void
changes_taken(struct daemon_server *d, const char **names, bool ok)
{
	free(names);
	strmap_finish(&d->changed);
	strmap_init(&d->changed);
	d->look_all = !ok;
}

/* Brings the warm project up to date for a (a->stats). */
static bool
refresh(struct daemon_server *d, struct analysis *a, struct fail *f)
{
	struct warm_refresh o = {
		.full = !a->rq.cache,
		.unused_ignores = a->rq.unused_ignores,
		.jobs = a->rq.jobs,
	};
	char *cause = NULL;
	/* The changes the watches saw so far are this refresh's: the
	 * rescan they asked for would find nothing more (a change from now
	 * on starts it again). */
	uv_timer_stop(&d->rescan);
	const char **names;
	take_changes(d, &o, &names);
	int rc = warm_refresh(d->warm, &o, d->log ? d->log : stderr, &a->stats,
			      &cause);
	changes_taken(d, names, rc == 0);
	if (rc < 0) {
		failed(f, DAEMON_PROTO_CONFIG, "%s", cause);
		free(cause);
		return false;
	}
	/* What the command in process would report with. */
	a->rq.unused_ignores = warm_unused_ignores(d->warm);
	a->rq.config = warm_config(d->warm); /* its overrides */
	d->files_indexed = warm_workspace(d->warm)->files.n;
	/* New folders are watched from now on (never without a loop that
	 * runs: daemon_server_feed alone watches nothing). */
	if (a->stats.rediscovered && d->watch != NULL)
		sync_watches(d);
	if (a->stats.solved)
		d->last_refresh = time(NULL);
	else
		d->reused++;
	return true;
}

/* What a refresh did, for the log. */
static const char *
refresh_said(const struct warm_stats *s, char *buf, size_t n)
{
	if (s->rebuilt)
		snprintf(buf, n, ", analysed again");
	else if (s->solved)
		snprintf(buf, n, ", %u file(s) changed%s", s->updated,
			 s->rediscovered ? ", discovered again" : "");
	else
		snprintf(buf, n, ", nothing changed");
	return buf;
}

/* Memory streams for a command's stdout and stderr. */
struct capture {
	char *out, *err;
	size_t out_len, err_len;
	FILE *fout, *ferr;
};

static void
capture_open(struct capture *c)
{
	*c = (struct capture){0};
	c->fout = open_memstream(&c->out, &c->out_len);
	c->ferr = open_memstream(&c->err, &c->err_len);
	if (c->fout == NULL || c->ferr == NULL)
		abort(); /* only fails on out-of-memory */
}

/* Closes the streams and returns the answer {"stdout", "stderr",
 * "exit"}. */
static json_object *
capture_answer(struct capture *c, int exit)
{
	fclose(c->fout);
	fclose(c->ferr);
	struct strbuf b;
	strbuf_init(&b);
	json_object *r = json_object_new_object();
	daemon_proto_base64_encode(&b, c->out, c->out_len);
	json_object_object_add(
		r, "stdout",
		json_object_new_string_len(b.len ? b.s : "", (int)b.len));
	strbuf_reset(&b);
	daemon_proto_base64_encode(&b, c->err, c->err_len);
	json_object_object_add(
		r, "stderr",
		json_object_new_string_len(b.len ? b.s : "", (int)b.len));
	json_object_object_add(r, "exit", json_object_new_int(exit));
	strbuf_finish(&b);
	free(c->out);
	free(c->err);
	return r;
}

/* --- requests: check, audit ----------------------------------------- */

/* Reads git's index as the client sent it: {"paths", "oids",
 * "changed"} and, optionally, "scripts" (the paths of executables without
 * an extension, which the client tells by their mode). */
static bool
read_staged(json_object *v, struct staged_index *si)
{
	json_object *paths = member(v, "paths", json_type_array);
	json_object *oids = member(v, "oids", json_type_array);
	json_object *changed = member(v, "changed", json_type_array);
	if (paths == NULL || oids == NULL || changed == NULL ||
	    json_object_array_length(paths) != json_object_array_length(oids))
		return false;
	for (size_t i = 0; i < json_object_array_length(paths); i++) {
		json_object *p = json_object_array_get_idx(paths, i);
		json_object *o = json_object_array_get_idx(oids, i);
		if (!path_member(p) ||
		    !json_object_is_type(o, json_type_string) ||
		    !staged_good_oid(json_object_get_string(o)))
			return false;
		/* In path order, as git lists them. */
		const char *path = json_object_get_string(p);
		if (si->entries.n > 0 &&
		    strcmp(si->entries.v[si->entries.n - 1].path, path) >= 0)
			return false;
		struct staged_entry *e = VEC_PUSH(si->entries);
		e->path = xstrdup(path);
		e->script = false; /* unless "scripts" names it */
		snprintf(e->oid, sizeof e->oid, "%s",
			 json_object_get_string(o));
	}
	for (size_t i = 0; i < json_object_array_length(changed); i++) {
		json_object *p = json_object_array_get_idx(changed, i);
		if (!path_member(p))
			return false;
		*VEC_PUSH(si->changed) = xstrdup(json_object_get_string(p));
	}
	json_object *scripts = NULL;
	if (json_object_object_get_ex(v, "scripts", &scripts) &&
	    !json_object_is_type(scripts, json_type_array))
		return false;
	for (size_t i = 0; scripts && i < json_object_array_length(scripts);
	     i++) {
		json_object *p = json_object_array_get_idx(scripts, i);
		if (!path_member(p))
			return false;
		const char *path = json_object_get_string(p);
		const char *slash = strrchr(path, '/');
		struct staged_entry *e = NULL;
		uint32_t lo = 0, hi = si->entries.n; /* in path order */
		while (lo < hi && e == NULL) {
			uint32_t mid = lo + (hi - lo) / 2;
			int c = strcmp(si->entries.v[mid].path, path);
			if (c == 0)
				e = &si->entries.v[mid];
			else if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* One of the index's paths, without an extension we read. */
		if (e == NULL ||
		    language_for_path(slash ? slash + 1 : path) != NULL)
			return false;
		e->script = true;
	}
	return true;
}

/* Brings the project of git's index up to date with si; the warm
 * project's configuration and flags apply. */
static const struct sf_project *
staged_result(struct daemon_server *d, struct analysis *a,
	      const struct staged_index *si, FILE *err, struct fail *f)
{
	if (d->staged == NULL)
		d->staged = staged_create(d->root);
	struct sf_engine *e = engine_create();
	struct config c;
	char *cause = NULL;
	if (config_load(&c, d->root, e, &cause) < 0 ||
	    config_load_nested(&c, warm_workspace(d->warm), &cause) < 0) {
		engine_destroy(e);
		failed(f, DAEMON_PROTO_CONFIG, "%s", cause);
		free(cause);
		return NULL;
	}
	uint64_t key = warm_settings_key(e, &c);
	int rc = staged_update(d->staged, e, key, &c, warm_workspace(d->warm),
			       si, &a->rq, err, &cause);
	config_finish(&c);
	if (rc < 0) {
		failed(f, DAEMON_PROTO_CONFIG, "%s", cause);
		free(cause);
		return NULL;
	}
	if (rc == 1)
		dlog(d, "staged: a new project of %u file(s)",
		     staged_workspace(d->staged)->files.n);
	return staged_project(d->staged);
}

static json_object *
handle_check(struct daemon_server *d, json_object *params, struct fail *f)
{
	if (!version_ok(params, f))
		return NULL;
	json_object *args = member(params, "args", json_type_array);
	json_object *checked = member(params, "checked", json_type_array);
	json_object *staged = member(params, "staged", json_type_object);
	size_t n = checked ? json_object_array_length(checked) : 0;
	bool ok = args != NULL && checked != NULL &&
		  json_object_array_length(args) == n;
	for (size_t i = 0; ok && i < n; i++) {
		/* null: a file the client skipped (no source of ours). */
		json_object *c = json_object_array_get_idx(checked, i);
		ok = (c == NULL || path_member(c)) &&
		     json_object_is_type(json_object_array_get_idx(args, i),
					 json_type_string);
	}
	struct staged_index si = {0};
	if (ok && staged != NULL)
		ok = read_staged(staged, &si);
	if (!ok) {
		staged_index_finish(&si);
		failed(f, JSONRPC_INVALID_PARAMS,
		       "params: \"args\" and \"checked\" (arrays of the same "
		       "length, the second of relative paths) or \"staged\" "
		       "are missing or wrong");
		return NULL;
	}
	/* A file without an extension we read: a #! script, perhaps, which
	 * the workspace lists only once a check names it. */
	for (size_t i = 0; staged == NULL && i < n; i++) {
		json_object *c = json_object_array_get_idx(checked, i);
		const char *rel = c ? json_object_get_string(c) : NULL;
		const char *slash = rel ? strrchr(rel, '/') : NULL;
		if (rel != NULL &&
		    language_for_path(slash ? slash + 1 : rel) == NULL)
			warm_add_script(d->warm, rel);
	}
	struct analysis a;
	if (!analysis_init(d, params, &a, f) || !refresh(d, &a, f)) {
		staged_index_finish(&si);
		return NULL;
	}
	struct check_set ck;
	cmd_check_set_init(&ck);
	struct capture cap;
	capture_open(&cap);
	const struct sf_project *pj = warm_project(d->warm);
	const struct workspace *ws = warm_workspace(d->warm);
	if (staged != NULL) {
		pj = staged_result(d, &a, &si, cap.ferr, f);
		if (pj != NULL) {
			ws = staged_workspace(d->staged);
			staged_checked(d->staged, &si, &ck);
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			json_object *c = json_object_array_get_idx(checked, i);
			const char *rel = c ? json_object_get_string(c) : NULL;
			if (rel == NULL)
				cmd_check_skipped_note(
					cap.ferr,
					json_object_get_string(
						json_object_array_get_idx(args,
									  i)));
			else if (workspace_find(ws, rel) >= 0)
				cmd_check_set_add(&ck, rel);
			else
				escape_note(cap.ferr,
					    "%s: not analysed (ignored, or "
					    "excluded by the configuration)",
					    json_object_get_string(
						    json_object_array_get_idx(
							    args, i)));
		}
	}
	json_object *answer = NULL;
	if (pj != NULL) {
		struct check_request rq = {.r = a.rq};
		int rc = cmd_check_write(pj, ws, &ck, &rq, cap.fout, cap.ferr);
		answer = capture_answer(&cap, rc);
		char said[96];
		dlog(d, "check of %u file(s)%s%s: exit %d", ck.paths.n,
		     staged ? " (staged)" : "",
		     refresh_said(&a.stats, said, sizeof said), rc);
	} else {
		fclose(cap.fout);
		fclose(cap.ferr);
		free(cap.out);
		free(cap.err);
	}
	cmd_check_set_finish(&ck);
	staged_index_finish(&si);
	return answer;
}

static json_object *
handle_audit(struct daemon_server *d, json_object *params, struct fail *f,
	     bool profile_only)
{
	struct analysis a;
	if (!analysis_init(d, params, &a, f) || !refresh(d, &a, f))
		return NULL;
	struct audit_request rq = {.r = a.rq};
	/* `audit SUBDIR`: the report of what is under it. */
	json_object *subset = member(params, "subset", json_type_string);
	if (subset != NULL && path_member(subset))
		rq.subset = json_object_get_string(subset);
	if (profile_only)
		rq.r.format = REPORT_JSON;
	struct capture cap;
	capture_open(&cap);
	int rc = cmd_audit_write(warm_project(d->warm), warm_workspace(d->warm),
				 &rq, cap.fout, cap.ferr);
	char said[96];
	dlog(d, "%s of %u file(s)%s: exit %d",
	     profile_only ? "profile" : "audit", d->files_indexed,
	     refresh_said(&a.stats, said, sizeof said), rc);
	if (!profile_only)
		return capture_answer(&cap, rc);
	/* The profile: that member of the JSON report. */
	fclose(cap.fout);
	fclose(cap.ferr);
	json_object *report = json_tokener_parse(cap.out);
	json_object *profile = NULL;
	if (report != NULL &&
	    json_object_object_get_ex(report, "profile", &profile))
		json_object_get(profile);
	json_object_put(report);
	free(cap.out);
	free(cap.err);
	if (profile == NULL)
		failed(f, JSONRPC_INTERNAL_ERROR, "the report has no profile");
	return profile;
}

static json_object *
handle_status(struct daemon_server *d)
{
	json_object *r = json_object_new_object();
	json_object_object_add(r, "root", json_object_new_string(d->root));
	json_object_object_add(r, "pid", json_object_new_int64(getpid()));
	json_object_object_add(r, "socket",
			       d->paths.socket
				       ? json_object_new_string(d->paths.socket)
				       : NULL);
	json_object_object_add(r, "version",
			       json_object_new_string(STACKFIT_VERSION));
	time_t now = time(NULL);
	json_object_object_add(r, "startedAt",
			       json_object_new_int64(d->started));
	json_object_object_add(r, "uptimeSeconds",
			       json_object_new_int64(now - d->started));
	json_object_object_add(r, "filesIndexed",
			       json_object_new_int64(d->files_indexed));
	json_object_object_add(r, "lastRefresh",
			       d->last_refresh
				       ? json_object_new_int64(d->last_refresh)
				       : NULL);
	json_object_object_add(r, "requests",
			       json_object_new_int64((int64_t)d->requests));
	json_object_object_add(r, "unchangedAnswers",
			       json_object_new_int64((int64_t)d->reused));
	json_object_object_add(
		r, "watchedFolders",
		json_object_new_int64(d->watch ? dirwatch_count(d->watch) : 0));
	json_object_object_add(r, "idleTimeout",
			       json_object_new_int64(d->idle_timeout));
	return r;
}

/* Where the answers of one client's messages go. */
struct reply {
	daemon_server_send_fn *send;
	void *user;
	bool open; /* false once send said the client is gone */
};

/* Sends msg (consumed) through r. */
static void
reply(struct reply *r, json_object *msg)
{
	if (!r->send(r->user, msg))
		r->open = false;
}

static void
dispatch(struct daemon_server *d, struct reply *rp, json_object *msg)
{
	struct jsonrpc_message m;
	const char *why;
	if (jsonrpc_parse_message(msg, &m, &why) < 0) {
		reply(rp, jsonrpc_error(m.id, JSONRPC_INVALID_REQUEST, why));
		return;
	}
	if (m.kind == JSONRPC_RESPONSE)
		return;
	if (m.kind == JSONRPC_NOTIFICATION) {
		if (strcmp(m.method, "exit") == 0)
			daemon_stop(d, "exit");
		return;
	}
	d->requests++;
	uv_timer_stop(&d->idle);
	struct fail f = {0};
	json_object *result = NULL;
	bool known = true;
	if (strcmp(m.method, "stackfit/status") == 0) {
		result = handle_status(d);
	} else if (strcmp(m.method, "stackfit/check") == 0) {
		result = handle_check(d, m.params, &f);
	} else if (strcmp(m.method, "stackfit/audit") == 0) {
		result = handle_audit(d, m.params, &f, false);
	} else if (strcmp(m.method, "stackfit/profile") == 0) {
		result = handle_audit(d, m.params, &f, true);
	} else if (strcmp(m.method, "shutdown") == 0) {
		reply(rp, jsonrpc_response(m.id, NULL));
		daemon_stop(d, "shutdown");
		return;
	} else {
		known = false;
	}
	if (!known) {
		char *text = xasprintf("unknown method '%s'", m.method);
		reply(rp, jsonrpc_error(m.id, JSONRPC_METHOD_NOT_FOUND, text));
		free(text);
	} else if (f.message != NULL) {
		/* The message may quote what the client sent (a root, a
		 * version) at any length: the log gets its start. */
		dlog(d, "%s: error %d: %.*s%s", m.method, f.code,
		     DAEMON_LOG_MESSAGE_MAX, f.message,
		     strlen(f.message) > DAEMON_LOG_MESSAGE_MAX ? "..." : "");
		reply(rp, jsonrpc_error(m.id, f.code, f.message));
		free(f.message);
	} else {
		reply(rp, jsonrpc_response(m.id, result));
	}
	idle_restart(d);
}

void
daemon_server_feed(struct daemon_server *d, struct jsonrpc_reader *r,
		   const char *buf, size_t n, daemon_server_send_fn *send,
		   void *user)
{
	struct reply rp = {.send = send, .user = user, .open = true};
	jsonrpc_reader_feed(r, buf, n);
	while (rp.open && !d->stopping) {
		json_object *msg = NULL;
		char *cause = NULL;
		enum jsonrpc_read rd = jsonrpc_reader_next(r, &msg, &cause);
		if (rd == JSONRPC_READ_MORE)
			break;
		if (rd == JSONRPC_READ_ERROR) {
			dlog(d, "input: %s", cause);
			reply(&rp,
			      jsonrpc_error(NULL, JSONRPC_PARSE_ERROR, cause));
			free(cause);
			continue;
		}
		dispatch(d, &rp, msg);
		json_object_put(msg);
	}
}

bool
daemon_server_stopped(const struct daemon_server *d)
{
	return d->stopping;
}

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	(void)h;
	(void)suggested;
	static char chunk[65536];
	*buf = uv_buf_init(chunk, sizeof chunk);
}

/* Sends an answer to the connection user (daemon_server_send_fn). */
static bool
send_to_conn(void *user, json_object *msg)
{
	struct conn *c = user;
	send_msg(c, msg);
	return !c->closing;
}

static void
on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
	struct conn *c = s->data;
	if (n == UV_EOF) {
		/* A client that is done sending (socat, nc -N shut their
		 * side down after the request) still reads: its answers go
		 * out before the connection closes. */
		conn_end(c);
		return;
	}
	if (n < 0) {
		conn_close(c);
		return;
	}
	daemon_server_feed(c->d, c->reader, buf->base, (size_t)n, send_to_conn,
			   c);
}

static void
on_connection(uv_stream_t *server, int status)
{
	struct daemon_server *d = server->data;
	if (status < 0 || d->stopping)
		return;
	struct conn *c = xcalloc(1, sizeof *c);
	c->d = d;
	uv_pipe_init(&d->loop, &c->pipe, 0);
	c->pipe.data = c;
	c->next = d->conns;
	if (d->conns != NULL)
		d->conns->prev = c;
	d->conns = c;
	c->reader = jsonrpc_reader_create();
	if (uv_accept(server, (uv_stream_t *)&c->pipe) != 0) {
		conn_close(c);
		return;
	}
	/* The folder is private, but a socket is the user's only when the
	 * kernel says so. */
	uv_os_fd_t fd;
	struct ucred cred;
	socklen_t len = sizeof cred;
	if (uv_fileno((uv_handle_t *)&c->pipe, &fd) != 0 ||
	    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 ||
	    cred.uid != geteuid()) {
		dlog(d, "refused a client of another user");
		conn_close(c);
		return;
	}
	uv_read_start((uv_stream_t *)&c->pipe, on_alloc, on_read);
}

/* --- start-up --------------------------------------------------------- */

static void tell(int fd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
tell(int fd, const char *fmt, ...)
{
	if (fd < 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	struct strbuf b;
	strbuf_init(&b);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	strbuf_putc(&b, '\n');
	for (size_t at = 0; at < b.len;) {
		ssize_t n = write(fd, b.s + at, b.len - at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		at += (size_t)n;
	}
	strbuf_finish(&b);
}

/* A refresh of the warm project (warm.h) outside a request: at start, so
 * that the first check finds the daemon warm, and a moment after the
 * watches saw a change, so that the next finds the answer ready; its
 * folders are watched. Best effort: a configuration error is logged (and
 * answered to each request until it is fixed). */
static void
scan(struct daemon_server *d, const char *why)
{
	struct warm_refresh o = {0};
	struct warm_stats stats;
	char *cause = NULL;
	const char **names;
	take_changes(d, &o, &names);
	int rc = warm_refresh(d->warm, &o, d->log ? d->log : stderr, &stats,
			      &cause);
	changes_taken(d, names, rc == 0);
	if (rc < 0) {
		dlog(d, "%s: %s", why, cause);
		free(cause);
		return;
	}
	const struct workspace *ws = warm_workspace(d->warm);
	d->files_indexed = ws->files.n;
	if (stats.solved) {
		d->last_refresh = time(NULL);
		char said[96];
		dlog(d, "%s: refresh of %u file(s)%s: %u finding(s)", why,
		     ws->files.n, refresh_said(&stats, said, sizeof said),
		     project_findings(warm_project(d->warm))->items.n);
	}
	sync_watches(d);
}

static void
on_rescan(uv_timer_t *t)
{
	struct daemon_server *d = t->data;
	if (!d->stopping)
		scan(d, "files changed");
}

/* Takes the root's lock and listens on its socket. Returns 0, 1 when
 * another daemon holds the lock, or -1 with *cause. */
static int
listen_socket(struct daemon_server *d, char **cause)
{
	if (daemon_proto_private_dir(d->paths.dir, true, cause) < 0)
		return -1;
	d->lock_fd = open(d->paths.lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (d->lock_fd < 0) {
		*cause = xasprintf("%s: %s", d->paths.lock, strerror(errno));
		return -1;
	}
	if (flock(d->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK)
			return 1;
		*cause = xasprintf("%s: %s", d->paths.lock, strerror(errno));
		return -1;
	}
	/* Our pid, for `daemon stop` when we do not answer. */
	char pid[24];
	int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(d->lock_fd, 0) < 0 ||
	    pwrite(d->lock_fd, pid, (size_t)n, 0) != n)
		dlog(d, "%s: cannot write the pid: %s", d->paths.lock,
		     strerror(errno));
	/* We hold the lock: a socket left there is a dead daemon's. */
	if (unlink(d->paths.socket) == 0)
		dlog(d, "replaced the stale socket %s", d->paths.socket);
	uv_pipe_init(&d->loop, &d->listener, 0);
	d->listener.data = d;
	mode_t old = umask(0177);
	int rc = uv_pipe_bind(&d->listener, d->paths.socket);
	umask(old);
	if (rc == 0 && chmod(d->paths.socket, 0600) < 0)
		rc = uv_translate_sys_error(errno);
	if (rc == 0)
		rc = uv_listen((uv_stream_t *)&d->listener, 64, on_connection);
	if (rc != 0) {
		*cause = xasprintf("%s: %s", d->paths.socket, uv_strerror(rc));
		uv_close((uv_handle_t *)&d->listener, NULL);
		return -1;
	}
	d->listening = true;
	return 0;
}

struct daemon_server *
daemon_server_create(const struct daemon_server_options *o)
{
	struct daemon_server *d = xcalloc(1, sizeof *d);
	d->root = o->root;
	d->idle_timeout = o->idle_timeout;
	d->log = o->log;
	d->lock_fd = -1;
	d->started = time(NULL);
	d->warm = warm_create(o->root);
	daemon_proto_exe_id(d->exe, sizeof d->exe);
	uv_loop_init(&d->loop);
	uv_async_init(&d->loop, &d->sigwake, on_signal);
	/* It does not keep the loop running; it is closed last, once the
	 * thread that sends it is gone. */
	uv_unref((uv_handle_t *)&d->sigwake);
	d->sigwake.data = d;
	uv_timer_init(&d->loop, &d->idle);
	d->idle.data = d;
	uv_timer_init(&d->loop, &d->rescan);
	d->rescan.data = d;
	strmap_init(&d->changed);
	d->look_all = true;
	return d;
}

void
daemon_server_destroy(struct daemon_server *d)
{
	if (d == NULL)
		return;
	if (!d->stopping) {
		d->stopping = true;
		close_handles(d);
	}
	daemon_signals_stop(d->signals);
	uv_close((uv_handle_t *)&d->sigwake, NULL);
	uv_run(&d->loop, UV_RUN_DEFAULT);
	uv_loop_close(&d->loop);
	if (d->lock_fd >= 0)
		close(d->lock_fd);
	warm_destroy(d->warm);
	staged_destroy(d->staged);
	dirwatch_destroy(d->watch);
	strmap_finish(&d->changed);
	daemon_proto_paths_finish(&d->paths);
	free(d);
}

int
daemon_server_run(const struct daemon_server_options *o)
{
	signal(SIGPIPE, SIG_IGN);
	struct daemon_server *d = daemon_server_create(o);
	char *cause = NULL;
	int rc = 0;
	int ready_fd = o->ready_fd;
	int lr = -1;
	/* First, while this is the only thread. */
	if (daemon_proto_paths(d->root, &d->paths, &cause) == 0)
		d->signals = daemon_signals_start(&d->sigwake, d->paths.socket,
						  &cause);
	if (d->signals != NULL)
		lr = listen_socket(d, &cause);
	if (lr == 1) {
		tell(ready_fd, "running");
		goto done;
	}
	if (lr < 0) {
		dlog(d, "cannot start: %s", cause);
		tell(ready_fd, "error %s", cause);
		free(cause);
		rc = 1;
		goto done;
	}
	dlog(d, "stackfit %s daemon for %s on %s", STACKFIT_VERSION, d->root,
	     d->paths.socket);
	scan(d, "start");
	idle_restart(d);
	tell(ready_fd, "ready %ld", (long)getpid());
	if (ready_fd >= 0)
		close(ready_fd);
	ready_fd = -1;
	uv_run(&d->loop, UV_RUN_DEFAULT);
	dlog(d, "stopped");
done:
	if (ready_fd >= 0)
		close(ready_fd);
	daemon_server_destroy(d);
	return rc;
}
