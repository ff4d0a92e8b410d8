/*
 * JSON-RPC framing: the reader is a small state machine over one growing
 * buffer (header → body, plus two recovery states), so a message may arrive
 * in any number of pieces and garbage costs one error, not one per byte.
 */
#include "jsonrpc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"
#include "util/xalloc.h"

enum state {
	ST_HEADER, /* reading a header block */
	ST_BODY,   /* waiting for `want` bytes of body */
	ST_SKIP,   /* discarding `want` bytes (a body we refused) */
	ST_RESYNC, /* discarding until a `Content-Length` header */
};

struct jsonrpc_reader {
	char *buf;
	size_t off, len, cap; /* unread bytes are buf[off, len) */
	enum state state;
	size_t want;
	uint64_t consumed; /* stream offset of buf[off] */
	json_tokener *tok;
};

static const char CONTENT_LENGTH[] = "content-length:";
#define CONTENT_LENGTH_LEN (sizeof CONTENT_LENGTH - 1)

struct jsonrpc_reader *
jsonrpc_reader_create(void)
{
	struct jsonrpc_reader *r = xcalloc(1, sizeof *r);
	r->tok = json_tokener_new_ex(JSONRPC_MAX_DEPTH);
	if (r->tok == NULL)
		abort(); /* only fails on out-of-memory */
	json_tokener_set_flags(r->tok, JSON_TOKENER_STRICT |
					       JSON_TOKENER_VALIDATE_UTF8);
	return r;
}

void
jsonrpc_reader_destroy(struct jsonrpc_reader *r)
{
	if (r == NULL)
		return;
	json_tokener_free(r->tok);
	free(r->buf);
	free(r);
}

uint64_t
jsonrpc_reader_offset(const struct jsonrpc_reader *r)
{
	return r->consumed;
}

static void
consume(struct jsonrpc_reader *r, size_t n)
{
	r->off += n;
	r->consumed += n;
	if (r->off == r->len)
		r->off = r->len = 0;
}

void
jsonrpc_reader_feed(struct jsonrpc_reader *r, const char *buf, size_t n)
{
	/* A refused body is dropped as it arrives, never buffered. */
	if (r->state == ST_SKIP && r->off == r->len) {
		size_t k = n < r->want ? n : r->want;
		r->want -= k;
		r->consumed += k;
		buf += k;
		n -= k;
		if (r->want == 0)
			r->state = ST_HEADER;
	}
	if (n == 0)
		return;
	if (r->off > 0 && r->off >= r->len / 2) {
		memmove(r->buf, r->buf + r->off, r->len - r->off);
		r->len -= r->off;
		r->off = 0;
	}
	if (r->len + n > r->cap) {
		size_t cap = r->cap ? r->cap : 4096;
		while (cap < r->len + n)
			cap *= 2;
		r->buf = xrealloc(r->buf, cap);
		r->cap = cap;
	}
	memcpy(r->buf + r->len, buf, n);
	r->len += n;
}

/* Position of needle (n bytes) in hay (h bytes), or -1; case-insensitive
 * when fold. */
static long
find(const char *hay, size_t h, const char *needle, size_t n, bool fold)
{
	if (h < n)
		return -1;
	for (size_t i = 0; i + n <= h; i++) {
		if (fold ? strncasecmp(hay + i, needle, n) == 0
			 : memcmp(hay + i, needle, n) == 0)
			return (long)i;
	}
	return -1;
}

/* Parses one header block (without its final blank line). Returns 0 with
 * *length set, or -1 with *why; *length is still set (and *have_length
 * true) when a valid Content-Length was among bad lines, so that the body
 * can be skipped. */
static int
parse_header(const char *h, size_t n, size_t *length, bool *have_length,
	     const char **why)
{
	*have_length = false;
	*why = NULL;
	size_t i = 0;
	while (i < n) {
		const char *line = h + i;
		const char *eol = memchr(line, '\r', n - i);
		size_t ll = eol ? (size_t)(eol - line) : n - i;
		i += ll + 2; /* lines end in \r\n; the last one was cut off */
		const char *colon = memchr(line, ':', ll);
		if (colon == NULL) {
			*why = "header line without ':'";
			continue;
		}
		size_t nl = (size_t)(colon - line);
		const char *v = colon + 1;
		const char *end = line + ll;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (nl == CONTENT_LENGTH_LEN - 1 &&
		    strncasecmp(line, CONTENT_LENGTH, nl) == 0) {
			if (*have_length) {
				*why = "two Content-Length headers";
				continue;
			}
			if (v == end) {
				*why = "empty Content-Length";
				continue;
			}
			size_t value = 0;
			bool ok = true;
			for (const char *p = v; p < end; p++) {
				if (!isdigit((unsigned char)*p) ||
				    value > JSONRPC_MAX_BODY) {
					ok = false;
					break;
				}
				value = value * 10 + (size_t)(*p - '0');
			}
			if (!ok) {
				*why = value > JSONRPC_MAX_BODY
					       ? "Content-Length over the limit"
					       : "Content-Length is not a "
						 "number";
				continue;
			}
			*length = value;
			*have_length = true;
			if (value > JSONRPC_MAX_BODY)
				*why = "Content-Length over the limit";
		}
		/* Content-Type and unknown headers are ignored. */
	}
	if (*why == NULL && !*have_length)
		*why = "no Content-Length header";
	return *why ? -1 : 0;
}

static enum jsonrpc_read
fail(struct jsonrpc_reader *r, uint64_t at, char **cause, const char *why)
{
	(void)r;
	*cause = xasprintf("byte %llu: %s", (unsigned long long)at, why);
	return JSONRPC_READ_ERROR;
}

enum jsonrpc_read
jsonrpc_reader_next(struct jsonrpc_reader *r, json_object **msg, char **cause)
{
	*msg = NULL;
	*cause = NULL;
	for (;;) {
		/* Nothing was ever fed: buf is NULL, and NULL + 0 is UB. */
		const char *p = r->buf ? r->buf + r->off : "";
		size_t avail = r->len - r->off;
		switch (r->state) {
		case ST_SKIP: {
			size_t k = avail < r->want ? avail : r->want;
			consume(r, k);
			r->want -= k;
			if (r->want > 0)
				return JSONRPC_READ_MORE;
			r->state = ST_HEADER;
			break;
		}
		case ST_RESYNC: {
			long at = find(p, avail, CONTENT_LENGTH,
				       CONTENT_LENGTH_LEN, true);
			if (at < 0) {
				/* Keep a tail that may be the start of the
				 * header name. */
				if (avail >= CONTENT_LENGTH_LEN)
					consume(r,
						avail - CONTENT_LENGTH_LEN + 1);
				return JSONRPC_READ_MORE;
			}
			consume(r, (size_t)at);
			r->state = ST_HEADER;
			break;
		}
		case ST_HEADER: {
			/* Blank lines between messages are tolerated. */
			size_t lead = 0;
			while (lead < avail &&
			       (p[lead] == '\r' || p[lead] == '\n'))
				lead++;
			if (lead > 0) {
				consume(r, lead);
				break;
			}
			size_t scan = avail < JSONRPC_MAX_HEADER + 4
					      ? avail
					      : JSONRPC_MAX_HEADER + 4;
			long end = find(p, scan, "\r\n\r\n", 4, false);
			if (end < 0) {
				if (avail < JSONRPC_MAX_HEADER + 4)
					return JSONRPC_READ_MORE;
				uint64_t at = r->consumed;
				consume(r, 1);
				r->state = ST_RESYNC;
				return fail(r, at, cause,
					    "no end of header within "
					    "8192 bytes");
			}
			size_t length = 0;
			bool have_length;
			const char *why;
			uint64_t at = r->consumed;
			int rc = parse_header(p, (size_t)end, &length,
					      &have_length, &why);
			consume(r, (size_t)end + 4);
			if (rc == 0) {
				r->state = ST_BODY;
				r->want = length;
				break;
			}
			if (have_length) {
				r->state = ST_SKIP;
				r->want = length;
			} else {
				r->state = ST_RESYNC;
			}
			return fail(r, at, cause, why);
		}
		case ST_BODY: {
			if (avail < r->want)
				return JSONRPC_READ_MORE;
			uint64_t at = r->consumed;
			size_t n = r->want;
			json_tokener_reset(r->tok);
			json_object *o = NULL;
			enum json_tokener_error err = json_tokener_success;
			if (n > 0 && n <= INT32_MAX) {
				o = json_tokener_parse_ex(r->tok, p, (int)n);
				err = json_tokener_get_error(r->tok);
			}
			size_t used = json_tokener_get_parse_end(r->tok);
			consume(r, n);
			r->state = ST_HEADER;
			if (n == 0)
				return fail(r, at, cause, "empty body");
			if (o == NULL || err != json_tokener_success) {
				json_object_put(o);
				char *why = xasprintf(
					"body is not valid JSON: %s",
					err == json_tokener_continue
						? "it ends inside a value"
						: json_tokener_error_desc(err));
				enum jsonrpc_read rc = fail(r, at, cause, why);
				free(why);
				return rc;
			}
			for (size_t i = used; i < n; i++)
				if (!isspace((unsigned char)p[i])) {
					json_object_put(o);
					return fail(r, at, cause,
						    "body has bytes after its "
						    "JSON value");
				}
			*msg = o;
			return JSONRPC_READ_MESSAGE;
		}
		}
	}
}

static bool
is_id(json_object *id)
{
	json_type t = json_object_get_type(id);
	return t == json_type_int || t == json_type_string ||
	       t == json_type_null || t == json_type_double;
}

int
jsonrpc_parse_message(json_object *msg, struct jsonrpc_message *out,
		      const char **why)
{
	*out = (struct jsonrpc_message){0};
	if (json_object_get_type(msg) == json_type_array) {
		*why = "batches are not supported";
		return -1;
	}
	if (!json_object_is_type(msg, json_type_object)) {
		*why = "a message must be a JSON object";
		return -1;
	}
	json_object *v, *id = NULL, *method = NULL;
	bool has_id = json_object_object_get_ex(msg, "id", &id);
	if (has_id && is_id(id))
		out->id = id;
	if (!json_object_object_get_ex(msg, "jsonrpc", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    strcmp(json_object_get_string(v), "2.0") != 0) {
		*why = "\"jsonrpc\" must be \"2.0\"";
		return -1;
	}
	if (has_id && !is_id(id)) {
		*why = "\"id\" must be a number, a string or null";
		return -1;
	}
	if (json_object_object_get_ex(msg, "method", &method)) {
		if (!json_object_is_type(method, json_type_string)) {
			*why = "\"method\" must be a string";
			return -1;
		}
		out->method = json_object_get_string(method);
		out->kind = has_id ? JSONRPC_REQUEST : JSONRPC_NOTIFICATION;
		if (json_object_object_get_ex(msg, "params", &v) && v != NULL) {
			if (!json_object_is_type(v, json_type_object) &&
			    !json_object_is_type(v, json_type_array)) {
				*why = "\"params\" must be an object or an "
				       "array";
				return -1;
			}
			out->params = v;
		}
		return 0;
	}
	if (!has_id) {
		*why = "a message needs a \"method\" or an \"id\"";
		return -1;
	}
	out->kind = JSONRPC_RESPONSE;
	bool has_result = json_object_object_get_ex(msg, "result", &v);
	out->result = v;
	bool has_error = json_object_object_get_ex(msg, "error", &v);
	out->error = has_error ? v : NULL;
	if (has_result == has_error) {
		*why = "a response needs exactly one of \"result\" and "
		       "\"error\"";
		return -1;
	}
	return 0;
}

static json_object *
envelope(void)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "jsonrpc", json_object_new_string("2.0"));
	return o;
}

/* A copy of an id (ids are small scalars). */
static json_object *
copy_id(json_object *id)
{
	json_object *c = NULL;
	if (id != NULL && json_object_deep_copy(id, &c, NULL) != 0)
		c = NULL;
	return c;
}

json_object *
jsonrpc_response(json_object *id, json_object *result)
{
	json_object *o = envelope();
	json_object_object_add(o, "id", copy_id(id));
	json_object_object_add(o, "result", result);
	return o;
}

json_object *
jsonrpc_error(json_object *id, int code, const char *message)
{
	json_object *o = envelope();
	json_object_object_add(o, "id", copy_id(id));
	json_object *e = json_object_new_object();
	json_object_object_add(e, "code", json_object_new_int(code));
	json_object_object_add(e, "message", json_object_new_string(message));
	json_object_object_add(o, "error", e);
	return o;
}

json_object *
jsonrpc_request(int64_t id, const char *method, json_object *params)
{
	json_object *o = envelope();
	json_object_object_add(o, "id", json_object_new_int64(id));
	json_object_object_add(o, "method", json_object_new_string(method));
	if (params != NULL)
		json_object_object_add(o, "params", params);
	return o;
}

json_object *
jsonrpc_notification(const char *method, json_object *params)
{
	json_object *o = envelope();
	json_object_object_add(o, "method", json_object_new_string(method));
	if (params != NULL)
		json_object_object_add(o, "params", params);
	return o;
}

static void
frame(struct strbuf *out, json_object *msg, bool utf8)
{
	size_t n;
	const char *s = json_object_to_json_string_length(
		msg, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
		&n);
	/* json-c copies string bytes of 0x80 and above as they are. */
	char *valid =
		utf8 && !utf8_valid(s, n) ? utf8_sanitize(s, n, &n) : NULL;
	strbuf_printf(out, "Content-Length: %zu\r\n\r\n", n);
	strbuf_append(out, valid ? valid : s, n);
	free(valid);
}

void
jsonrpc_frame(struct strbuf *out, json_object *msg)
{
	frame(out, msg, true);
}

void
jsonrpc_frame_raw(struct strbuf *out, json_object *msg)
{
	frame(out, msg, false);
}

void
jsonrpc_frame_text(struct strbuf *out, const char *body, size_t n)
{
	char *valid = !utf8_valid(body, n) ? utf8_sanitize(body, n, &n) : NULL;
	strbuf_printf(out, "Content-Length: %zu\r\n\r\n", n);
	strbuf_append(out, valid ? valid : body, n);
	free(valid);
}
