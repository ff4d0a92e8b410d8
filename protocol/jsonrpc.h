/*
 * JSON-RPC 2.0 with LSP framing (`Content-Length: N\r\n\r\n` + N bytes of
 * JSON): an incremental reader that takes bytes as they arrive and hands
 * out whole messages, the framing of outgoing messages, and the
 * construction of responses, errors and notifications.
 *
 * The reader never trusts its input: headers and bodies have named size
 * limits, JSON nesting is bounded through json_tokener_new_ex, and a bad
 * frame is reported and skipped so that reading goes on.
 */
#ifndef SF_JSONRPC_H
#define SF_JSONRPC_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "util/strbuf.h"

/* Limits on what a client may send. */
#define JSONRPC_MAX_HEADER 8192                /* bytes of one header block */
#define JSONRPC_MAX_BODY   (64u * 1024 * 1024) /* bytes of one body */
#define JSONRPC_MAX_DEPTH  64                  /* JSON nesting */

/* Error codes of JSON-RPC 2.0 and LSP 3.17. */
enum jsonrpc_code {
	JSONRPC_PARSE_ERROR = -32700,
	JSONRPC_INVALID_REQUEST = -32600,
	JSONRPC_METHOD_NOT_FOUND = -32601,
	JSONRPC_INVALID_PARAMS = -32602,
	JSONRPC_INTERNAL_ERROR = -32603,
	JSONRPC_SERVER_NOT_INITIALIZED = -32002,
	JSONRPC_REQUEST_FAILED = -32803,
	JSONRPC_CONTENT_MODIFIED = -32801,
	JSONRPC_REQUEST_CANCELLED = -32800,
};

struct jsonrpc_reader;

/* Returns an empty reader, owned by the caller. */
struct jsonrpc_reader *jsonrpc_reader_create(void);
/* Frees the reader and any bytes it holds. Accepts NULL. */
void jsonrpc_reader_destroy(struct jsonrpc_reader *r);

/* Appends n bytes received from the peer (copied). */
void jsonrpc_reader_feed(struct jsonrpc_reader *r, const char *buf, size_t n);

enum jsonrpc_read {
	JSONRPC_READ_MORE,    /* no whole message buffered yet */
	JSONRPC_READ_MESSAGE, /* *msg holds the next message */
	JSONRPC_READ_ERROR,   /* a bad frame was skipped; *cause says why */
};

/* Takes the next message out of the buffered bytes. On MESSAGE, *msg is
 * the parsed body (owned by the caller: json_object_put). On ERROR, *cause
 * is a one-line message naming the byte offset in the stream and the
 * problem (owned by the caller: free); the reader has skipped the bad frame
 * (or the garbage up to the next `Content-Length` header) and the next call
 * goes on with what follows. */
enum jsonrpc_read jsonrpc_reader_next(struct jsonrpc_reader *r,
				      json_object **msg, char **cause);

/* Bytes consumed so far (for messages). */
uint64_t jsonrpc_reader_offset(const struct jsonrpc_reader *r);

/* One incoming message, its fields borrowed from the parsed object. */
enum jsonrpc_kind {
	JSONRPC_REQUEST,      /* method and id */
	JSONRPC_NOTIFICATION, /* method, no id */
	JSONRPC_RESPONSE,     /* id and result or error */
};

struct jsonrpc_message {
	enum jsonrpc_kind kind;
	const char *method;  /* requests and notifications */
	json_object *id;     /* requests and responses; may be JSON null */
	json_object *params; /* object or array, or NULL when absent */
	json_object *result; /* responses */
	json_object *error;  /* responses that failed */
};

/* Checks that msg is a JSON-RPC 2.0 request, notification or response and
 * fills out with borrowed pointers into msg. Returns 0, or -1 with *why set
 * to a static description (the answer is then JSONRPC_INVALID_REQUEST, with
 * out->id set when an id could be read, else NULL). */
int jsonrpc_parse_message(json_object *msg, struct jsonrpc_message *out,
			  const char **why);

/* Message builders. Each returns a new object owned by the caller; id is
 * copied (a NULL id is JSON null), result and params are consumed (NULL
 * is JSON null for result, "no params" for params). */
json_object *jsonrpc_response(json_object *id, json_object *result);
json_object *jsonrpc_error(json_object *id, int code, const char *message);
json_object *jsonrpc_request(int64_t id, const char *method,
			     json_object *params);
json_object *jsonrpc_notification(const char *method, json_object *params);

/* Appends msg to out with its Content-Length header, as valid UTF-8 (JSON
 * text must be): bytes of strings that are not UTF-8 (a Latin-1 file name
 * or configuration key) become U+FFFD, so that an editor can parse every
 * message. */
void jsonrpc_frame(struct strbuf *out, json_object *msg);
/* The same with string bytes as they are, for a peer that is stackfit
 * itself and needs them exactly (the daemon's file names); json-c reads
 * them back. */
void jsonrpc_frame_raw(struct strbuf *out, json_object *msg);
/* Appends a message already written as JSON text (n bytes at body), made
 * valid UTF-8 as jsonrpc_frame does, with its header. */
void jsonrpc_frame_text(struct strbuf *out, const char *body, size_t n);

#endif
