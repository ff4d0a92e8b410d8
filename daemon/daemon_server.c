/*
 * The daemon (daemon_server.h). One libuv loop owns the listening socket,
 * the connections and the idle timer; the signals are read by a thread of
 * their own (daemon_signals.h), which wakes it. Requests are answered
 * one at a time, on the loop: an analysis runs the scheduler, which has
 * its own worker threads, and the commands' own report code
 * (cmd_check_write, cmd_audit_write) writes into memory streams whose
 * bytes are the answer.
 *
 * Freshness: every request brings the workspace the client discovered;
 * the daemon loads the configuration again and stats every file. The last
 * analysis (the snapshot) answers only when all of that is as it was;
 * else the files are analysed again, through the on-disk cache keyed by
 * their contents. Watching the folders only makes the next answer ready
 * sooner: 3 s after a change the daemon discovers and analyses the
 * workspace itself, which becomes the snapshot.
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
#include "project.h"
#include "report.h"
#include "scheduler.h"
#include "server.h"
#include "summary.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

struct conn;

/* What one file looked like on disk (0s and the errno when it could not
 * be seen). */
struct filesig {
	uint64_t dev, ino;
	int64_t size, mtime_s, mtime_ns, ctime_s, ctime_ns;
	int err;
};

/* The last analysis and what it was made of: answers are written from it
 * while the inputs are the same — the settings' fingerprint, the files
 * and their flags, staged texts, the manifests, and every file as stat
 * sees it. A file changed less than DAEMON_RACY_SECONDS before it was
 * read may change again within its timestamp's granularity, unseen: such
 * a snapshot is never used again (git's "racily clean" entries). */
#define DAEMON_RACY_SECONDS 2
struct snapshot {
	bool valid;
	bool racy;
	uint64_t key;
	struct filesig *sigs; /* one per file of the workspace */
	uint32_t nsigs;
	struct sf_project *project; /* solved */
};

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
	uint64_t reused; /* analyses answered from the snapshot */
	struct conn *conns;
	struct snapshot snap;
	/* Watching (dirwatch.h): a change re-scans once things are
	 * quiet. */
	struct dirwatch *watch;
	bool watch_full_said;
	uv_timer_t rescan;
};

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
	fprintf(d->log, "%s [%ld] ", stamp, (long)getpid());
	va_list ap;
	va_start(ap, fmt);
	vfprintf(d->log, fmt, ap);
	va_end(ap);
	fputc('\n', d->log);
	fflush(d->log);
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

/* Quiet time after a change before the re-scan: long enough for the files
 * changed to be trusted to their timestamps (DAEMON_RACY_SECONDS). */
#define DAEMON_RESCAN_MS 3000

static void
on_change(void *user, const char *rel)
{
	(void)rel;
	struct daemon_server *d = user;
	if (d->stopping)
		return;
	/* Again and again while things change; once when they are
	 * quiet. */
	uv_timer_start(&d->rescan, on_rescan, DAEMON_RESCAN_MS, 0);
}

/* Watches the root and every folder that holds a file of ws. */
static void
sync_watches(struct daemon_server *d, const struct workspace *ws)
{
	if (d->watch == NULL)
		d->watch = dirwatch_create(&d->loop, d->root, on_change, d);
	dirwatch_sync(d->watch, ws);
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
	struct workspace ws;
	/* The configuration's settings; a new analysis's project takes them
	 * (NULL then). */
	struct sf_engine *engine;
	struct config config;
	bool config_loaded;
	struct cmd_request rq; /* path_prefix borrowed from the params */
	uint64_t fingerprint;
};

static void
analysis_finish(struct analysis *a)
{
	if (a->config_loaded)
		config_finish(&a->config);
	engine_destroy(a->engine);
	workspace_finish(&a->ws);
}

/* Reads the common params into a; the configuration is loaded now, so
 * that no request is answered with an older one. */
static bool
analysis_init(struct daemon_server *d, json_object *params, struct analysis *a,
	      struct fail *f)
{
	*a = (struct analysis){0};
	json_object *version = member(params, "version", json_type_string);
	json_object *fp = member(params, "fingerprint", json_type_string);
	json_object *root = member(params, "root", json_type_string);
	json_object *files = member(params, "files", json_type_array);
	json_object *flags = member(params, "flags", json_type_array);
	json_object *format = member(params, "format", json_type_int);
	json_object *fail_on = member(params, "failOn", json_type_int);
	json_object *color = member(params, "color", json_type_boolean);
	json_object *cache = member(params, "cache", json_type_boolean);
	json_object *jobs = member(params, "jobs", json_type_int);
	json_object *prefix = member(params, "pathPrefix", json_type_string);
	json_object *from_git = member(params, "fromGit", json_type_boolean);
	json_object *unused =
		member(params, "unusedIgnores", json_type_boolean);
	if (version == NULL)
		return failed(f, JSONRPC_INVALID_PARAMS,
			      "params: \"version\" (a string) is missing");
	if (strcmp(json_object_get_string(version), STACKFIT_VERSION) != 0)
		return failed(f, DAEMON_PROTO_MISMATCH,
			      "it runs stackfit %s, this is %s",
			      STACKFIT_VERSION,
			      json_object_get_string(version));
	if (fp == NULL || root == NULL || files == NULL || flags == NULL ||
	    format == NULL || fail_on == NULL || color == NULL ||
	    cache == NULL || jobs == NULL)
		return failed(f, JSONRPC_INVALID_PARAMS,
			      "params: expected fingerprint, root, files, "
			      "flags, format, failOn, color, cache and jobs");
	if (strcmp(json_object_get_string(root), d->root) != 0)
		return failed(f, DAEMON_PROTO_WRONG_ROOT,
			      "this daemon is for %s, not %s", d->root,
			      json_object_get_string(root));
	size_t n = json_object_array_length(files);
	int64_t fmt = json_object_get_int64(format);
	int64_t sev = json_object_get_int64(fail_on);
	int64_t nj = json_object_get_int64(jobs);
	if (json_object_array_length(flags) != n ||
	    n > SERVER_SCAN_MAX_FILES * 4 || fmt < REPORT_TEXT ||
	    fmt >= REPORT_FORMATS || sev < SF_SEV_OFF || sev > SF_SEV_HINT ||
	    nj < 0 || nj > 256)
		return failed(f, JSONRPC_INVALID_PARAMS,
			      "params: files and flags differ in length, or "
			      "format, failOn or jobs is out of range");
	a->ws.root = xstrdup(d->root);
	a->ws.from_git = from_git != NULL && json_object_get_boolean(from_git);
	for (size_t i = 0; i < n; i++) {
		json_object *p = json_object_array_get_idx(files, i);
		json_object *fl = json_object_array_get_idx(flags, i);
		if (!path_member(p) ||
		    !json_object_is_type(fl, json_type_int)) {
			analysis_finish(a);
			return failed(f, JSONRPC_INVALID_PARAMS,
				      "params: files[%zu] is not a relative "
				      "path with its flags",
				      i);
		}
		*VEC_PUSH(a->ws.files) = xstrdup(json_object_get_string(p));
		*VEC_PUSH(a->ws.flags) = (uint32_t)json_object_get_int64(fl);
	}
	a->engine = engine_create();
	char *cause = NULL;
	if (config_load(&a->config, d->root, a->engine, &cause) < 0 ||
	    config_load_nested(&a->config, &a->ws, &cause) < 0) {
		failed(f, DAEMON_PROTO_CONFIG, "%s", cause);
		free(cause);
		analysis_finish(a);
		return false;
	}
	a->config_loaded = true;
	a->fingerprint = cache_fingerprint(a->engine);
	char mine[17];
	snprintf(mine, sizeof mine, "%016llx",
		 (unsigned long long)a->fingerprint);
	if (strcmp(mine, json_object_get_string(fp)) != 0) {
		analysis_finish(a);
		return failed(f, DAEMON_PROTO_MISMATCH,
			      "its build or configuration differs from this "
			      "command's");
	}
	/* The snapshot's key covers the nested configurations too. */
	a->fingerprint = config_fingerprint(&a->config);
	a->rq = (struct cmd_request){
		.format = (enum report_format)fmt,
		.fail_on = (int)sev,
		.color = json_object_get_boolean(color),
		.path_prefix = prefix ? json_object_get_string(prefix) : NULL,
		.cache = json_object_get_boolean(cache),
		.jobs = (unsigned)nj,
		.unused_ignores =
			unused != NULL && json_object_get_boolean(unused),
		.config = &a->config, /* its overrides */
	};
	return true;
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

/* --- the snapshot ----------------------------------------------------- */

static void
snapshot_clear(struct snapshot *sn)
{
	free(sn->sigs);
	project_destroy(sn->project);
	*sn = (struct snapshot){0};
}

/* The signature of every file of ws, in its order (owned by the caller). */
static struct filesig *
stat_files(const struct workspace *ws)
{
	struct filesig *sigs =
		xcalloc(ws->files.n ? ws->files.n : 1, sizeof *sigs);
	int dir = open(ws->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (uint32_t i = 0; i < ws->files.n; i++) {
		struct stat st;
		if (dir < 0 || fstatat(dir, ws->files.v[i], &st, 0) < 0) {
			sigs[i].err = dir < 0 ? EBADF : errno;
			continue;
		}
		sigs[i] = (struct filesig){
			.dev = st.st_dev,
			.ino = st.st_ino,
			.size = st.st_size,
			.mtime_s = st.st_mtim.tv_sec,
			.mtime_ns = st.st_mtim.tv_nsec,
			.ctime_s = st.st_ctim.tv_sec,
			.ctime_ns = st.st_ctim.tv_nsec,
		};
	}
	if (dir >= 0)
		close(dir);
	return sigs;
}

static void
add_manifest(void *ctx, const char *rel, const char *text, uint32_t len)
{
	strbuf_printf(ctx, "manifest %zu:%s %u %016llx\n", strlen(rel), rel,
		      len, (unsigned long long)summary_hash_text(text, len));
}

/* A hash of every input of an analysis but the files' contents. */
static uint64_t
input_key(const struct analysis *a, const struct strmap *texts)
{
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(&b, "fingerprint %016llx git %d unused-ignores %d\n",
		      (unsigned long long)a->fingerprint, (int)a->ws.from_git,
		      (int)a->rq.unused_ignores);
	for (uint32_t i = 0; i < a->ws.files.n; i++) {
		const char *rel = a->ws.files.v[i];
		strbuf_printf(&b, "file %zu:%s %u", strlen(rel), rel,
			      a->ws.flags.v[i]);
		const struct scheduler_text *t =
			texts ? strmap_get(texts, rel, NULL) : NULL;
		if (t != NULL)
			strbuf_printf(&b, " text %u %016llx", t->len,
				      (unsigned long long)summary_hash_text(
					      t->text, t->len));
		strbuf_putc(&b, '\n');
	}
	/* Manifests are read by the analysis (components, frameworks)
	 * without being files of the workspace. */
	workspace_each_manifest(&a->ws, add_manifest, &b);
	uint64_t h = summary_hash_text(b.s ? b.s : "", (uint32_t)b.len);
	strbuf_finish(&b);
	return h;
}

static bool
sigs_equal(const struct filesig *x, const struct filesig *y, uint32_t n)
{
	/* Field by field: padding is not compared. */
	for (uint32_t i = 0; i < n; i++)
		if (x[i].dev != y[i].dev || x[i].ino != y[i].ino ||
		    x[i].size != y[i].size || x[i].mtime_s != y[i].mtime_s ||
		    x[i].mtime_ns != y[i].mtime_ns ||
		    x[i].ctime_s != y[i].ctime_s ||
		    x[i].ctime_ns != y[i].ctime_ns || x[i].err != y[i].err)
			return false;
	return true;
}

/* The solved project of the analysis a (with ck and its texts for a
 * staged check, else NULL) describes: the snapshot's when its inputs are
 * the same, else a new analysis (which takes a's engine), which becomes
 * the snapshot. Owned by d. */
static const struct sf_project *
analysis_result(struct daemon_server *d, struct analysis *a,
		const struct check_set *ck, bool staged, FILE *err)
{
	const struct strmap *texts = staged ? &ck->texts : NULL;
	uint64_t key = input_key(a, texts);
	struct filesig *sigs = stat_files(&a->ws);
	struct snapshot *sn = &d->snap;
	/* --no-cache asks for a new analysis: it gets one. */
	if (a->rq.cache && sn->valid && !sn->racy && sn->key == key &&
	    sn->nsigs == a->ws.files.n &&
	    sigs_equal(sn->sigs, sigs, a->ws.files.n)) {
		free(sigs);
		d->reused++;
		return sn->project;
	}
	time_t start = time(NULL);
	struct sf_project *pj = project_create(a->engine);
	a->engine = NULL;
	config_install(&a->config, pj);
	if (ck != NULL) {
		struct check_request rq = {.r = a->rq, .staged = staged};
		cmd_check_analyse(pj, &a->ws, ck, &rq, err);
	} else {
		struct audit_request rq = {.r = a->rq};
		cmd_audit_analyse(pj, &a->ws, &rq, err);
	}
	struct filesig *after = stat_files(&a->ws);
	bool racy = !sigs_equal(sigs, after, a->ws.files.n);
	for (uint32_t i = 0; !racy && i < a->ws.files.n; i++)
		racy = after[i].err == 0 &&
		       (after[i].mtime_s >= start - DAEMON_RACY_SECONDS ||
			after[i].ctime_s >= start - DAEMON_RACY_SECONDS);
	free(sigs);
	snapshot_clear(sn);
	*sn = (struct snapshot){
		.valid = true,
		.racy = racy,
		.key = key,
		.sigs = after,
		.nsigs = a->ws.files.n,
		.project = pj,
	};
	d->files_indexed = a->ws.files.n;
	d->last_refresh = time(NULL);
	return pj;
}

static json_object *
handle_check(struct daemon_server *d, json_object *params, struct fail *f)
{
	struct analysis a;
	if (!analysis_init(d, params, &a, f))
		return NULL;
	json_object *checked = member(params, "checked", json_type_array);
	json_object *texts = member(params, "texts", json_type_object);
	if (checked == NULL) {
		analysis_finish(&a);
		failed(f, JSONRPC_INVALID_PARAMS,
		       "params: \"checked\" (an array) is missing");
		return NULL;
	}
	struct check_set ck;
	cmd_check_set_init(&ck);
	bool ok = true;
	for (size_t i = 0; ok && i < json_object_array_length(checked); i++) {
		json_object *p = json_object_array_get_idx(checked, i);
		ok = path_member(p);
		if (ok)
			cmd_check_set_add(&ck, json_object_get_string(p));
	}
	/* The staged texts, one after the other in blobs, then pointed
	 * at (blobs no longer grows). */
	VEC(size_t) offsets = {0};
	if (ok && texts != NULL) {
		json_object_object_foreach(texts, key, val)
		{
			*VEC_PUSH(offsets) = ck.blobs.len;
			ok = ok && daemon_proto_good_path(key, strlen(key)) &&
			     json_object_is_type(val, json_type_string) &&
			     daemon_proto_base64_decode(
				     &ck.blobs, json_object_get_string(val),
				     (size_t)json_object_get_string_len(val)) ==
				     0 &&
			     ck.blobs.len - offsets.v[offsets.n - 1] <=
				     UINT32_MAX;
		}
		uint32_t i = 0;
		json_object_object_foreach(texts, key2, val2)
		{
			(void)val2;
			if (!ok)
				break;
			size_t end = i + 1 < offsets.n ? offsets.v[i + 1]
						       : ck.blobs.len;
			struct scheduler_text *t = xmalloc(sizeof *t);
			t->text = ck.blobs.len ? ck.blobs.s + offsets.v[i] : "";
			t->len = (uint32_t)(end - offsets.v[i]);
			free(strmap_put(&ck.texts, key2, t));
			i++;
		}
	}
	VEC_FREE(offsets);
	json_object *answer = NULL;
	if (!ok) {
		failed(f, JSONRPC_INVALID_PARAMS,
		       "params: \"checked\" or \"texts\" holds something "
		       "else than relative paths and base64 texts");
	} else {
		struct check_request rq = {.r = a.rq, .staged = texts != NULL};
		struct capture cap;
		capture_open(&cap);
		uint64_t reused = d->reused;
		const struct sf_project *pj =
			analysis_result(d, &a, &ck, rq.staged, cap.ferr);
		int rc = cmd_check_write(pj, &a.ws, &ck, &rq, cap.fout,
					 cap.ferr);
		answer = capture_answer(&cap, rc);
		dlog(d, "check of %u file(s)%s: exit %d", ck.paths.n,
		     d->reused > reused ? ", nothing changed" : "", rc);
	}
	cmd_check_set_finish(&ck);
	analysis_finish(&a);
	return answer;
}

static json_object *
handle_audit(struct daemon_server *d, json_object *params, struct fail *f,
	     bool profile_only)
{
	struct analysis a;
	if (!analysis_init(d, params, &a, f))
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
	uint64_t reused = d->reused;
	const struct sf_project *pj =
		analysis_result(d, &a, NULL, false, cap.ferr);
	int rc = cmd_audit_write(pj, &a.ws, &rq, cap.fout, cap.ferr);
	dlog(d, "%s of %u file(s)%s: exit %d",
	     profile_only ? "profile" : "audit", a.ws.files.n,
	     d->reused > reused ? ", nothing changed" : "", rc);
	analysis_finish(&a);
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

/* A scan: the whole workspace, as check would discover it, becomes the
 * snapshot (and fills the on-disk cache), so that the next check finds
 * the daemon warm; its folders are watched. Made at start and once things
 * are quiet after a change. Best effort: a configuration error is logged
 * (and answered to each request until it is fixed). */
static void
scan(struct daemon_server *d, const char *why)
{
	struct analysis a = {.rq = {.cache = true}};
	char *cause = NULL;
	if (workspace_init(&a.ws, d->root, &cause) < 0) {
		dlog(d, "scan: %s", cause);
		free(cause);
		return;
	}
	a.engine = engine_create();
	if (config_load(&a.config, a.ws.root, a.engine, &cause) < 0 ||
	    config_load_nested(&a.config, &a.ws, &cause) < 0) {
		dlog(d, "scan: %s", cause);
		free(cause);
		analysis_finish(&a);
		return;
	}
	a.config_loaded = true;
	config_apply_workspace(&a.config, &a.ws);
	/* What a check or audit without the flag asks for. */
	a.rq.unused_ignores = a.config.report_unused_ignores;
	a.fingerprint = config_fingerprint(&a.config);
	uint64_t reused = d->reused;
	const struct sf_project *pj =
		analysis_result(d, &a, NULL, false, d->log ? d->log : stderr);
	d->reused = reused; /* not an answer */
	dlog(d, "%s: scan of %u file(s): %u finding(s)", why, a.ws.files.n,
	     project_findings(pj)->items.n);
	sync_watches(d, &a.ws);
	analysis_finish(&a);
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
	snapshot_clear(&d->snap);
	dirwatch_destroy(d->watch);
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
