/*
 * The daemon: one process per workspace root that answers
 * check, audit and status requests on a Unix socket (daemon_proto.h) with
 * the same code the commands run in process, its on-disk analysis cache
 * kept warm. It exits on `shutdown`, on SIGTERM or SIGINT, or after an
 * idle timeout, and removes its socket; a daemon killed outright leaves a
 * socket whose lock is free, which the next daemon replaces.
 */
#ifndef SF_DAEMON_SERVER_H
#define SF_DAEMON_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

struct daemon_server_options {
	const char *root;      /* the workspace root, canonical */
	unsigned idle_timeout; /* seconds without a request; 0: never */
	/* A descriptor to write one line to once the daemon listens (then
	 * closed): "ready PID", "running" when another daemon holds the
	 * root's lock, or "error MESSAGE"; -1 for none. */
	int ready_fd;
	FILE *log; /* one line per notable event */
};

struct daemon_server;
struct jsonrpc_reader;

/* Makes the state of a daemon for o->root (o is read now; root and log
 * are borrowed and must outlive it) without a socket: its requests come
 * through daemon_server_feed. Nothing is scanned, watched or listened
 * to; the on-disk cache is used as requests ask. */
struct daemon_server *
daemon_server_create(const struct daemon_server_options *o);
/* Frees d and what it holds; accepts NULL. */
void daemon_server_destroy(struct daemon_server *d);

/* Sends one answer, msg (consumed by the function), to the client user.
 * Returns false when the client is gone: nothing more is read for it. */
typedef bool daemon_server_send_fn(void *user, json_object *msg);

/* Feeds n bytes a client wrote to r (its reader, owned by the caller) and
 * answers every whole message they complete, in order, through send: a
 * framing or JSON error, an invalid request, an unknown method and wrong
 * params each get their JSON-RPC error. Requests are answered before it
 * returns (an analysis too: the caller waits for it). After `shutdown` (its
 * answer sent) or the `exit` notification d stops: the rest is not read
 * and every later call answers nothing. */
void daemon_server_feed(struct daemon_server *d, struct jsonrpc_reader *r,
			const char *buf, size_t n, daemon_server_send_fn *send,
			void *user);

/* Whether d was told to stop (`shutdown`, `exit`, a signal, the idle
 * timeout). */
bool daemon_server_stopped(const struct daemon_server *d);

/* Runs the daemon until it is told to stop. Returns 0, or 1 when it could
 * not start (the reason logged and sent to ready_fd); a daemon that finds
 * another running for the root returns 0 at once. */
int daemon_server_run(const struct daemon_server_options *o);

#endif
