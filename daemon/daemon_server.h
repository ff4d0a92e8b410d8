/*
 * The daemon (DESIGN §8): one process per workspace root that answers
 * check, audit and status requests on a Unix socket (daemon_proto.h) with
 * the same code the commands run in process, its on-disk analysis cache
 * kept warm. It exits on `shutdown`, on SIGTERM or SIGINT, or after an
 * idle timeout, and removes its socket; a daemon killed outright leaves a
 * socket whose lock is free, which the next daemon replaces.
 */
#ifndef SF_DAEMON_SERVER_H
#define SF_DAEMON_SERVER_H

#include <stdio.h>

struct daemon_server_options {
	const char *root;      /* the workspace root, canonical */
	unsigned idle_timeout; /* seconds without a request; 0: never */
	/* A descriptor to write one line to once the daemon listens (then
	 * closed): "ready PID", "running" when another daemon holds the
	 * root's lock, or "error MESSAGE"; -1 for none. */
	int ready_fd;
	FILE *log; /* one line per notable event */
};

/* Runs the daemon until it is told to stop. Returns 0, or 1 when it could
 * not start (the reason logged and sent to ready_fd); a daemon that finds
 * another running for the root returns 0 at once. */
int daemon_server_run(const struct daemon_server_options *o);

#endif
