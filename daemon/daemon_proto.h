/*
 * The daemon's wire protocol and where its socket lives, shared by the
 * daemon and its clients (check, audit, `stackfit daemon`).
 *
 * Transport: a Unix stream socket, JSON-RPC 2.0 with LSP framing
 * (protocol/jsonrpc.h), one request answered at a time per connection.
 * Place: $XDG_RUNTIME_DIR/stackfit/ (else /tmp/stackfit-$UID/), a folder
 * of mode 0700 owned by the user, holding per workspace root, named by a
 * hash of the canonical root: H.sock (the socket, 0600), H.lock (held
 * with flock by the running daemon: a socket whose lock is free is stale)
 * and H.log (the daemon's output).
 *
 * Methods (params and results are JSON objects):
 *
 *   stackfit/status   {} -> {"root", "pid", "socket", "version",
 *                     "startedAt", "uptimeSeconds", "filesIndexed",
 *                     "lastRefresh", "requests", "idleTimeout"}
 *   stackfit/check    {"version", "exe", "root", "args": [...],
 *                     "checked": [...], "staged"?: {"paths": [...],
 *                     "oids": [...], "changed": [...]}, "format",
 *                     "failOn", "color", "pathPrefix"?, "cache",
 *                     "jobs", "unusedIgnores"?}
 *                     -> {"stdout": base64, "stderr": base64, "exit"}
 *   stackfit/audit    the same without "args", "checked" and "staged"
 *   stackfit/profile  as audit -> the "profile" object of the JSON report
 *   shutdown          {} -> null, and the daemon exits
 *
 * The client sends what only it knows: its version and executable
 * ("exe", daemon_proto_exe_id: a daemon of another build answers
 * DAEMON_PROTO_MISMATCH and the client analyses in process), how to
 * report, the FILES it was given ("args", as given, for notes) and their
 * root-relative paths ("checked"), and for `check --staged` git's index
 * as it read it (the paths and object ids of its sources and manifests,
 * in path order, and the files the commit changes), since a hook's git
 * environment (GIT_INDEX_FILE) is the client's. The daemon discovers the
 * workspace and reads the configuration itself, as the command would
 * (warm.h); a configuration it cannot read is DAEMON_PROTO_CONFIG, and
 * the client then analyses in process, which says why. Bytes that need
 * not be UTF-8 (reports with code frames) travel in base64.
 */
#ifndef SF_DAEMON_PROTO_H
#define SF_DAEMON_PROTO_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* Error codes of the daemon's methods (JSON-RPC server errors). */
enum daemon_proto_code {
	/* Another version, build or configuration than the client's. */
	DAEMON_PROTO_MISMATCH = -32001,
	/* The request is for another workspace root. */
	DAEMON_PROTO_WRONG_ROOT = -32002,
	/* The configuration cannot be read. */
	DAEMON_PROTO_CONFIG = -32003,
};

/* The default idle timeout, in seconds. */
#define DAEMON_PROTO_IDLE_DEFAULT (3 * 3600)

/* The longest socket path (sun_path holds 108 bytes with its NUL). */
#define DAEMON_PROTO_PATH_MAX 107

/* The paths of the daemon of one workspace root. Strings owned. */
struct daemon_paths {
	char *dir;    /* the private folder */
	char *socket; /* dir/H.sock */
	char *lock;   /* dir/H.lock */
	char *log;    /* dir/H.log */
};

/* Fills p for the canonical root. Returns 0, or -1 with *cause (owned by
 * the caller) when the socket's path would be too long. */
int daemon_proto_paths(const char *root, struct daemon_paths *p, char **cause);
void daemon_proto_paths_finish(struct daemon_paths *p);

/* Makes p->dir (mode 0700) when it does not exist. Returns 0 when it is a
 * real folder (not a link) owned by this user that no one else may enter
 * (its mode is tightened when it is this user's), else -1 with *cause
 * (owned by the caller). With create false, only checks. */
int daemon_proto_private_dir(const char *dir, bool create, char **cause);

/* Whether the len bytes at s name a path relative to the root, as a
 * client may: not empty, not absolute, no ".." component and no NUL byte
 * (JSON strings may hold one; C strings would end there). */
bool daemon_proto_good_path(const char *s, size_t len);

/* The identity of the running executable (a hash of its device, inode,
 * size and modification time: 16 hex digits), into buf (n bytes): a
 * daemon answers only a client of the very file it runs. */
void daemon_proto_exe_id(char *buf, size_t n);
/* The workspace root check would use, found without running git: the
 * nearest folder above the current one that holds a .git of this user's
 * (*in_git set), else the current folder when there is none. NULL when
 * git could decide otherwise (a GIT_DIR-like variable is set, the walk
 * meets a .git of another user's or leaves the file system, the current
 * folder is a git directory): then ask git. Owned by the caller. */
char *daemon_proto_find_root(bool *in_git);

/* Appends the base64 of n bytes to out. */
void daemon_proto_base64_encode(struct strbuf *out, const void *data, size_t n);
/* Appends the bytes of base64 text s (len chars) to out. Returns 0, or -1
 * when s is not base64 (out then holds a prefix). */
int daemon_proto_base64_decode(struct strbuf *out, const char *s, size_t len);

#endif
