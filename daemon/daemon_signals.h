/*
 * The daemon's signals: SIGTERM, SIGINT and SIGHUP stop it even when its
 * loop is busy or stuck (an analysis, or a git command, that does not
 * end). A thread of its own waits for them; the first asks the loop to
 * stop (through an async handle), and when the process is still there
 * DAEMON_SIGNALS_GRACE_MS later, or a second signal comes, the thread
 * kills the git commands still running, removes the socket and exits.
 */
#ifndef SF_DAEMON_SIGNALS_H
#define SF_DAEMON_SIGNALS_H

#include <uv.h>

/* How long a signalled daemon has to stop by itself, in milliseconds. */
#define DAEMON_SIGNALS_GRACE_MS 5000

struct daemon_signals;

/* Blocks the three signals in the calling thread, which must be the only
 * one (threads started later inherit the mask; children started through
 * libuv get theirs reset), and starts the thread that waits for them. On
 * the first it sends wake (initialised on the loop by the caller, which
 * then stops; daemon_signals_last says which signal). When exiting by
 * force, it writes one line to fd 2 and removes socket (borrowed: must
 * outlive the thread). Returns NULL with *cause (owned by the caller) when
 * it cannot. */
struct daemon_signals *daemon_signals_start(uv_async_t *wake,
					    const char *socket, char **cause);
/* The signal received ("SIGTERM", "SIGINT", "SIGHUP"), or NULL. */
const char *daemon_signals_last(const struct daemon_signals *s);
/* Ends the thread (the daemon stopped by itself) and frees s. Accepts
 * NULL. */
void daemon_signals_stop(struct daemon_signals *s);

#endif
