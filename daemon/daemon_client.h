/*
 * The client side of the daemon (daemon_proto.h): connecting to the
 * daemon of a workspace root, one request and its answer, and the two
 * commands that ask it first, check and audit. A client trusts a socket
 * only in a private folder of its user's and only when the process at the
 * other end runs as its user (SO_PEERCRED).
 */
#ifndef SF_DAEMON_CLIENT_H
#define SF_DAEMON_CLIENT_H

#include <stdbool.h>
#include <stdio.h>

#include <json-c/json.h>

#include "cmd_report.h"
#include "staged.h"

/* How long a client waits for an answer, in milliseconds: to a status or
 * shutdown; to the status check and analyse ask first, to tell a daemon
 * that is stuck or busy with another client from one that will answer;
 * and to an analysis, which may be a cold run of a large repository. */
#define DAEMON_CLIENT_STATUS_TIMEOUT  10000
#define DAEMON_CLIENT_PING_TIMEOUT    2000
#define DAEMON_CLIENT_ANALYSE_TIMEOUT 300000

struct daemon_client;

/* Connects to the daemon of the canonical root. Returns the connection
 * (daemon_client_close), or NULL when no daemon of this user's listens
 * there (no socket, a stale one, or one that is not this user's); *cause
 * (owned by the caller) then says which. */
struct daemon_client *daemon_client_connect(const char *root, char **cause);
/* Closes the connection. Accepts NULL. */
void daemon_client_close(struct daemon_client *c);

/* Sends request method with params (consumed; NULL for none) and waits at
 * most timeout_ms for its answer. Returns 0 with *result (owned by the
 * caller; may be NULL for JSON null); 1 when the daemon answered an error
 * (with this request's id, or with none: a request it could not read), or
 * the request is one it would refuse (larger than JSONRPC_MAX_BODY), with
 * *code and *cause (owned by the caller) set; -1 when no answer came
 * (connection lost, timeout, garbage), with *cause set. */
int daemon_client_call(struct daemon_client *c, const char *method,
		       json_object *params, int timeout_ms,
		       json_object **result, int *code, char **cause);

/* What `stackfit check` asks a daemon. */
struct daemon_check_args {
	/* The FILES arguments as given, and their root-relative paths (NULL:
	 * a file skipped, no source stackfit reads). */
	const char *const *args;
	const char *const *paths;
	uint32_t n;
	/* With --staged: git's index as the client read it. */
	const struct staged_index *staged;
	const struct cmd_request *rq;
};

/* `stackfit check` through the daemon of root, when one answers: the
 * report is written to stdout and the notes to stderr, as the command in
 * process would, and *exit is set. Returns false, having written nothing
 * but perhaps a one-line note on stderr, when no daemon answered well:
 * the command then analyses in process. */
bool daemon_client_check(const char *root, const struct daemon_check_args *a,
			 int *exit);
/* The same for `stackfit audit` of root, the report written to out: of
 * what is under subset (root-relative) when it is not NULL. */
bool daemon_client_audit(const char *root, const char *subset,
			 const struct cmd_request *rq, FILE *out, int *exit);

#endif
