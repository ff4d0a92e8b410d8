/*
 * The language server: LSP 3.17 over JSON-RPC. One libuv loop
 * owns every open document, so notifications are applied in the order the
 * client sent them; the workspace-wide analysis runs on libuv's worker pool
 * and reports back to the loop.
 *
 * The protocol core is independent of where bytes come from: server_feed
 * takes bytes from the client and everything the server says goes through
 * the write callback. server_run_stdio binds it to stdin/stdout (pipes,
 * files or terminals); the fuzz target feeds it directly.
 */
#ifndef SF_SERVER_H
#define SF_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include <uv.h>

/* Limits. */
#define SERVER_MAX_WRITE_QUEUE                                                 \
	(64u * 1024 * 1024)         /* bytes queued to client                  \
				     */
#define SERVER_SCAN_MAX_FILES 50000 /* larger workspaces are not scanned */

struct server_options {
	/* Analyse the whole workspace after `initialized` (off in the fuzz
	 * target, which must not read the disk). */
	bool scan;
	/* Watch the workspace's directories when the client cannot
	 * (no dynamic registration of didChangeWatchedFiles). */
	bool watch;
	/* Worker threads of an analysis of the workspace (0: one per
	 * core). */
	unsigned scan_jobs;
	/* Milliseconds from a change to the solve of the workspace that
	 * takes it (negative: FOLDER_SOLVE_DELAY_MS, folder.h). */
	int solve_delay;
	/* Where to report failures the client cannot be told of (its
	 * output is gone), or NULL. Everything else goes to the client's
	 * log (window/logMessage). */
	FILE *log;
};

/* Called with bytes to send to the client (a whole number of framed
 * messages); buf is only valid during the call. */
typedef void (*server_write_fn)(void *user, const char *buf, size_t n);

struct server;

/* Returns a server on loop (which must outlive it), writing through write.
 * Owned by the caller. */
struct server *server_create(uv_loop_t *loop, const struct server_options *o,
			     server_write_fn write, void *user);
/* Frees the server. Call once no work of it is pending on the loop (see
 * server_busy). Accepts NULL. */
void server_destroy(struct server *s);

/* Handles bytes from the client: every whole message in them is
 * dispatched, then the documents they changed are analysed and their
 * diagnostics published. */
void server_feed(struct server *s, const char *buf, size_t n);

/* The client's end is closed (or broken): no more input will come. */
void server_hangup(struct server *s);

/* True once the session is over (`exit`, or hang-up); *code is then the
 * exit status: 0 after shutdown + exit, else 1. */
bool server_finished(const struct server *s, int *code);

/* True while work of the server is queued on the loop's worker pool. */
bool server_busy(const struct server *s);

/* Runs a whole session on stdin/stdout. Returns the exit status. */
int server_run_stdio(const struct server_options *o);

#endif
