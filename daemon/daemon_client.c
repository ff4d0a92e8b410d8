/*
 * The daemon's client (daemon_client.h). A command asks one question and
 * waits for its answer, so the connection is a plain blocking socket with
 * poll() for the time limit; the reader and the framing are the language
 * server's (protocol/jsonrpc.h).
 */
#define _GNU_SOURCE /* struct ucred */
#include "daemon_client.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cmd.h"
#include "daemon_proto.h"
#include "jsonrpc.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

struct daemon_client {
	int fd;
	struct jsonrpc_reader *reader;
	int64_t next_id;
};

struct daemon_client *
daemon_client_connect(const char *root, char **cause)
{
	struct daemon_paths p;
	if (daemon_proto_paths(root, &p, cause) < 0)
		return NULL;
	struct daemon_client *c = NULL;
	int fd = -1;
	/* A folder someone else made, or opened to others, may hold
	 * anyone's socket: our sources are not sent there. */
	if (daemon_proto_private_dir(p.dir, false, cause) < 0)
		goto fail;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		*cause = xasprintf("socket: %s", strerror(errno));
		goto fail;
	}
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	memcpy(addr.sun_path, p.socket, strlen(p.socket) + 1);
	if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
		*cause = xasprintf("%s: %s", p.socket, strerror(errno));
		goto fail;
	}
	struct ucred cred;
	socklen_t len = sizeof cred;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 ||
	    cred.uid != geteuid()) {
		*cause = xasprintf("%s: the daemon is not this user's",
				   p.socket);
		goto fail;
	}
	c = xcalloc(1, sizeof *c);
	c->fd = fd;
	c->reader = jsonrpc_reader_create();
	c->next_id = 1;
	daemon_proto_paths_finish(&p);
	return c;
fail:
	if (fd >= 0)
		close(fd);
	daemon_proto_paths_finish(&p);
	return NULL;
}

void
daemon_client_close(struct daemon_client *c)
{
	if (c == NULL)
		return;
	close(c->fd);
	jsonrpc_reader_destroy(c->reader);
	free(c);
}

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for fd to be ready for events until deadline. 0, or -1 with
 * errno (ETIMEDOUT when the time ran out). */
static int
wait_fd(int fd, short events, int64_t deadline)
{
	for (;;) {
		int64_t left = deadline - now_ms();
		if (left <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		struct pollfd pfd = {.fd = fd, .events = events};
		int n = poll(&pfd, 1, left > 60000 ? 60000 : (int)left);
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return -1;
	}
}

int
daemon_client_call(struct daemon_client *c, const char *method,
		   json_object *params, int timeout_ms, json_object **result,
		   int *code, char **cause)
{
	int64_t deadline = now_ms() + timeout_ms;
	int64_t id = c->next_id++;
	json_object *req = jsonrpc_request(id, method, params);
	struct strbuf out;
	strbuf_init(&out);
	jsonrpc_frame_raw(&out, req);
	json_object_put(req);
	*result = NULL;
	int rc = -1;
	/* The daemon would skip it and answer an error: not worth sending. */
	const char *body = strstr(out.s, "\r\n\r\n");
	size_t body_len = body ? out.len - (size_t)(body + 4 - out.s) : 0;
	if (body_len > JSONRPC_MAX_BODY) {
		*code = JSONRPC_INVALID_REQUEST;
		*cause = xasprintf("the request (%zu MiB) is larger than the "
				   "%u MiB a daemon reads",
				   body_len >> 20, JSONRPC_MAX_BODY >> 20);
		rc = 1;
		goto done;
	}
	for (size_t at = 0; at < out.len;) {
		if (wait_fd(c->fd, POLLOUT, deadline) < 0) {
			*cause = xasprintf("sending: %s", strerror(errno));
			goto done;
		}
		ssize_t n = send(c->fd, out.s + at, out.len - at,
				 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			*cause = xasprintf("sending: %s", strerror(errno));
			goto done;
		}
		at += (size_t)n;
	}
	char buf[65536];
	for (;;) {
		json_object *msg = NULL;
		char *why = NULL;
		enum jsonrpc_read r =
			jsonrpc_reader_next(c->reader, &msg, &why);
		if (r == JSONRPC_READ_ERROR) {
			*cause = xasprintf("a bad answer: %s", why);
			free(why);
			goto done;
		}
		if (r == JSONRPC_READ_MESSAGE) {
			struct jsonrpc_message m;
			const char *invalid;
			bool ours =
				jsonrpc_parse_message(msg, &m, &invalid) == 0 &&
				m.kind == JSONRPC_RESPONSE &&
				/* An error without an id answers a request
				 * the daemon could not read (too large, not
				 * JSON): ours, the only one in flight. */
				((m.id == NULL && m.error != NULL) ||
				 (json_object_is_type(m.id, json_type_int) &&
				  json_object_get_int64(m.id) == id));
			if (!ours) {
				json_object_put(msg);
				continue;
			}
			if (m.error != NULL) {
				json_object *v;
				*code = json_object_object_get_ex(m.error,
								  "code", &v)
						? json_object_get_int(v)
						: 0;
				*cause = xstrdup(
					json_object_object_get_ex(m.error,
								  "message", &v)
						? json_object_get_string(v)
						: "an error without a message");
				rc = 1;
			} else {
				*result = json_object_get(m.result);
				rc = 0;
			}
			json_object_put(msg);
			goto done;
		}
		if (wait_fd(c->fd, POLLIN, deadline) < 0) {
			*cause = xasprintf("waiting for the answer: %s",
					   strerror(errno));
			goto done;
		}
		ssize_t n = recv(c->fd, buf, sizeof buf, MSG_DONTWAIT);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			*cause = xstrdup(n == 0 ? "the daemon hung up"
						: strerror(errno));
			goto done;
		}
		jsonrpc_reader_feed(c->reader, buf, (size_t)n);
	}
done:
	strbuf_finish(&out);
	return rc;
}

/* --- check and audit -------------------------------------------------- */

/* What every analysis request carries: the client's version and
 * executable, the root, and how to analyse and report. The daemon
 * discovers the workspace and reads the configuration itself. */
static json_object *
request_params(const char *root, const struct cmd_request *rq)
{
	json_object *p = json_object_new_object();
	json_object_object_add(p, "version",
			       json_object_new_string(STACKFIT_VERSION));
	char exe[128];
	daemon_proto_exe_id(exe, sizeof exe);
	json_object_object_add(p, "exe", json_object_new_string(exe));
	json_object_object_add(p, "root", json_object_new_string(root));
	json_object_object_add(p, "format", json_object_new_int(rq->format));
	json_object_object_add(p, "failOn", json_object_new_int(rq->fail_on));
	json_object_object_add(p, "color", json_object_new_boolean(rq->color));
	if (rq->path_prefix != NULL)
		json_object_object_add(p, "pathPrefix",
				       json_object_new_string(rq->path_prefix));
	json_object_object_add(p, "cache", json_object_new_boolean(rq->cache));
	json_object_object_add(p, "jobs", json_object_new_int64(rq->jobs));
	json_object_object_add(p, "unusedIgnores",
			       json_object_new_boolean(rq->unused_ignores));
	return p;
}

/* The base64 member key of o, decoded into out. */
static bool
get_bytes(json_object *o, const char *key, struct strbuf *out)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return false;
	return daemon_proto_base64_decode(
		       out, json_object_get_string(v),
		       (size_t)json_object_get_string_len(v)) == 0;
}

/* Asks the daemon of root to run method and writes its answer's stdout
 * to out and stderr to stderr. A request larger than the daemon reads
 * is not sent (daemon_client_call); a staged check sends the index's
 * object names, not its texts. */
static bool
ask(const char *root, const char *method, json_object *params, FILE *out,
    int *exit)
{
	char *cause = NULL;
	struct daemon_client *c = daemon_client_connect(root, &cause);
	if (c == NULL) {
		/* No daemon: the usual case, nothing to say. */
		free(cause);
		json_object_put(params);
		return false;
	}
	json_object *result = NULL;
	int code = 0;
	/* A daemon that cannot say how it is in a moment is not waited
	 * for: stuck, or busy with another client's long analysis. */
	int rc = daemon_client_call(c, "stackfit/status", NULL,
				    DAEMON_CLIENT_PING_TIMEOUT, &result, &code,
				    &cause);
	json_object_put(result);
	result = NULL;
	if (rc == 0)
		rc = daemon_client_call(c, method, params,
					DAEMON_CLIENT_ANALYSE_TIMEOUT, &result,
					&code, &cause);
	else
		json_object_put(params);
	daemon_client_close(c);
	bool ok = false;
	struct strbuf o, e;
	strbuf_init(&o);
	strbuf_init(&e);
	json_object *v;
	if (rc == 0 && json_object_is_type(result, json_type_object) &&
	    get_bytes(result, "stdout", &o) &&
	    get_bytes(result, "stderr", &e) &&
	    json_object_object_get_ex(result, "exit", &v) &&
	    json_object_is_type(v, json_type_int)) {
		*exit = json_object_get_int(v);
		ok = true;
		if ((o.len > 0 && fwrite(o.s, 1, o.len, out) != o.len) ||
		    fflush(out) != 0) {
			fprintf(stderr,
				"stackfit: writing the report failed: %s\n",
				strerror(errno));
			*exit = EXIT_USAGE;
		}
		if (e.len > 0)
			fwrite(e.s, 1, e.len, stderr);
	} else if (rc == 1 && code == DAEMON_PROTO_CONFIG) {
		/* A configuration (or staged blob) it cannot read: the run
		 * in process reads it and says what is wrong, as it would
		 * without a daemon. */
	} else if (rc == 1) {
		/* A mismatch, a request too large: the daemon's words. */
		fprintf(stderr,
			"stackfit: the daemon for %s: %s; analysing in "
			"process\n",
			root, cause);
	} else {
		fprintf(stderr,
			"stackfit: the daemon for %s did not answer (%s); "
			"analysing in process\n",
			root, rc == 0 ? "an answer without a report" : cause);
	}
	strbuf_finish(&o);
	strbuf_finish(&e);
	free(cause);
	json_object_put(result);
	return ok;
}

bool
daemon_client_check(const char *root, const struct daemon_check_args *a,
		    int *exit)
{
	json_object *p = request_params(root, a->rq);
	json_object *args = json_object_new_array_ext((int)a->n);
	json_object *checked = json_object_new_array_ext((int)a->n);
	for (uint32_t i = 0; i < a->n; i++) {
		json_object_array_add(args, json_object_new_string(a->args[i]));
		/* None: a file skipped (json null). */
		json_object_array_add(
			checked, a->paths[i]
					 ? json_object_new_string(a->paths[i])
					 : NULL);
	}
	json_object_object_add(p, "args", args);
	json_object_object_add(p, "checked", checked);
	if (a->staged != NULL) {
		const struct staged_index *si = a->staged;
		json_object *paths =
			json_object_new_array_ext((int)si->entries.n);
		json_object *oids =
			json_object_new_array_ext((int)si->entries.n);
		/* Executables without an extension (their mode, which the
		 * daemon is not told otherwise): #! scripts, perhaps. */
		json_object *scripts = json_object_new_array();
		for (uint32_t i = 0; i < si->entries.n; i++) {
			json_object_array_add(
				paths,
				json_object_new_string(si->entries.v[i].path));
			json_object_array_add(
				oids,
				json_object_new_string(si->entries.v[i].oid));
			if (si->entries.v[i].script)
				json_object_array_add(
					scripts,
					json_object_new_string(
						si->entries.v[i].path));
		}
		json_object *changed =
			json_object_new_array_ext((int)si->changed.n);
		for (uint32_t i = 0; i < si->changed.n; i++)
			json_object_array_add(
				changed,
				json_object_new_string(si->changed.v[i]));
		json_object *staged = json_object_new_object();
		json_object_object_add(staged, "paths", paths);
		json_object_object_add(staged, "oids", oids);
		json_object_object_add(staged, "changed", changed);
		json_object_object_add(staged, "scripts", scripts);
		json_object_object_add(p, "staged", staged);
	}
	return ask(root, "stackfit/check", p, stdout, exit);
}

bool
daemon_client_audit(const char *root, const char *subset,
		    const struct cmd_request *rq, FILE *out, int *exit)
{
	json_object *p = request_params(root, rq);
	if (subset != NULL)
		json_object_object_add(p, "subset",
				       json_object_new_string(subset));
	return ask(root, "stackfit/audit", p, out, exit);
}
