/* Unit tests of the JSON-RPC reader, message checks and builders. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonrpc.h"

static const char MSG[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"}";

/* Feeds s and returns what the next read gives; *out the message. */
static enum jsonrpc_read
read_one(struct jsonrpc_reader *r, json_object **out, char **cause)
{
	return jsonrpc_reader_next(r, out, cause);
}

static void
reader__message_in_pieces__is_read_once_whole(void **state)
{
	(void)state;
	char frame[128];
	int n = snprintf(frame, sizeof frame, "Content-Length: %zu\r\n\r\n%s",
			 strlen(MSG), MSG);
	struct jsonrpc_reader *r = jsonrpc_reader_create();
	json_object *m;
	char *cause;
	for (int i = 0; i < n - 1; i++) {
		jsonrpc_reader_feed(r, frame + i, 1);
		assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MORE);
	}
	jsonrpc_reader_feed(r, frame + n - 1, 1);
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MESSAGE);
	assert_string_equal(
		json_object_get_string(json_object_object_get(m, "method")),
		"m");
	json_object_put(m);
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MORE);
	assert_int_equal(jsonrpc_reader_offset(r), (uint64_t)n);
	jsonrpc_reader_destroy(r);
}

static void
reader__two_messages_and_content_type__both_read(void **state)
{
	(void)state;
	char buf[512];
	snprintf(buf, sizeof buf,
		 "content-length: %zu\r\nContent-Type: application/"
		 "vscode-jsonrpc; charset=utf-8\r\n\r\n%s"
		 "Content-Length:%zu\r\n\r\n%s",
		 strlen(MSG), MSG, strlen(MSG), MSG);
	struct jsonrpc_reader *r = jsonrpc_reader_create();
	jsonrpc_reader_feed(r, buf, strlen(buf));
	json_object *m;
	char *cause;
	for (int i = 0; i < 2; i++) {
		assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MESSAGE);
		json_object_put(m);
	}
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MORE);
	jsonrpc_reader_destroy(r);
}

/* Each bad input gives one error naming its byte offset, and the good
 * message after it is still read. */
static void
expect_error_then_message(const char *bad, const char *why)
{
	char buf[1024];
	snprintf(buf, sizeof buf, "%sContent-Length: %zu\r\n\r\n%s", bad,
		 strlen(MSG), MSG);
	struct jsonrpc_reader *r = jsonrpc_reader_create();
	jsonrpc_reader_feed(r, buf, strlen(buf));
	json_object *m;
	char *cause;
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_ERROR);
	assert_int_equal(strncmp(cause, "byte ", 5), 0);
	if (strstr(cause, why) == NULL)
		fail_msg("cause '%s' lacks '%s'", cause, why);
	free(cause);
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MESSAGE);
	json_object_put(m);
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MORE);
	jsonrpc_reader_destroy(r);
}

static void
reader__bad_frames__answered_and_skipped(void **state)
{
	(void)state;
	expect_error_then_message("garbage\r\n\r\n", "without ':'");
	expect_error_then_message("X-Foo: 1\r\n\r\n", "no Content-Length");
	expect_error_then_message("Content-Length: abc\r\n\r\n",
				  "not a number");
	expect_error_then_message("Content-Length: 5\r\n\r\n{\"a\":",
				  "ends inside a value");
	expect_error_then_message("Content-Length: 5\r\n\r\n{}  x",
				  "not valid JSON");
	expect_error_then_message("Content-Length: 4\r\n\r\n\xff\xfe{}",
				  "not valid JSON");
	expect_error_then_message("Content-Length: 0\r\n\r\n", "empty body");
}

static void
reader__deep_nesting__refused(void **state)
{
	(void)state;
	struct jsonrpc_reader *r = jsonrpc_reader_create();
	char body[2 * 1000 + 1];
	for (int i = 0; i < 1000; i++) {
		body[i] = '[';
		body[1000 + i] = ']';
	}
	body[2000] = '\0';
	char head[64];
	snprintf(head, sizeof head, "Content-Length: 2000\r\n\r\n");
	jsonrpc_reader_feed(r, head, strlen(head));
	jsonrpc_reader_feed(r, body, 2000);
	json_object *m;
	char *cause;
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_ERROR);
	assert_non_null(strstr(cause, "nesting"));
	free(cause);
	jsonrpc_reader_destroy(r);
}

static void
reader__body_over_the_limit__skipped_unbuffered(void **state)
{
	(void)state;
	struct jsonrpc_reader *r = jsonrpc_reader_create();
	char head[64];
	size_t big = (size_t)JSONRPC_MAX_BODY + 10;
	snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", big);
	jsonrpc_reader_feed(r, head, strlen(head));
	json_object *m;
	char *cause;
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_ERROR);
	assert_non_null(strstr(cause, "over the limit"));
	free(cause);
	static char chunk[1 << 20];
	memset(chunk, 'x', sizeof chunk);
	for (size_t left = big; left > 0;) {
		size_t k = left < sizeof chunk ? left : sizeof chunk;
		jsonrpc_reader_feed(r, chunk, k);
		left -= k;
		assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MORE);
	}
	char frame[128];
	snprintf(frame, sizeof frame, "Content-Length: %zu\r\n\r\n%s",
		 strlen(MSG), MSG);
	jsonrpc_reader_feed(r, frame, strlen(frame));
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MESSAGE);
	json_object_put(m);
	jsonrpc_reader_destroy(r);
}

static void
reader__endless_header__one_error_then_resync(void **state)
{
	(void)state;
	struct jsonrpc_reader *r = jsonrpc_reader_create();
	static char junk[3 * JSONRPC_MAX_HEADER];
	memset(junk, 'a', sizeof junk);
	jsonrpc_reader_feed(r, junk, sizeof junk);
	json_object *m;
	char *cause;
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_ERROR);
	free(cause);
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MORE);
	char frame[128];
	snprintf(frame, sizeof frame, "Content-Length: %zu\r\n\r\n%s",
		 strlen(MSG), MSG);
	jsonrpc_reader_feed(r, frame, strlen(frame));
	assert_int_equal(read_one(r, &m, &cause), JSONRPC_READ_MESSAGE);
	json_object_put(m);
	jsonrpc_reader_destroy(r);
}

static int
parse(const char *json, struct jsonrpc_message *m, const char **why)
{
	json_object *o = json_tokener_parse(json);
	assert_non_null(o);
	int rc = jsonrpc_parse_message(o, m, why);
	json_object_put(o);
	return rc;
}

static void
parse_message__kinds__told_apart(void **state)
{
	(void)state;
	struct jsonrpc_message m;
	const char *why;
	assert_int_equal(parse(MSG, &m, &why), 0);
	assert_int_equal(m.kind, JSONRPC_REQUEST);
	assert_int_equal(parse("{\"jsonrpc\":\"2.0\",\"method\":\"n\","
			       "\"params\":{}}",
			       &m, &why),
			 0);
	assert_int_equal(m.kind, JSONRPC_NOTIFICATION);
	assert_int_equal(
		parse("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":null}", &m,
		      &why),
		0);
	assert_int_equal(m.kind, JSONRPC_RESPONSE);
}

static void
parse_message__invalid__refused_with_reason(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"[]",
		"42",
		"{\"id\":1,\"method\":\"m\"}",
		"{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"m\"}",
		"{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"m\"}",
		"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
		"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":3}",
		"{\"jsonrpc\":\"2.0\"}",
		"{\"jsonrpc\":\"2.0\",\"id\":1}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct jsonrpc_message m;
		const char *why = NULL;
		if (parse(bad[i], &m, &why) != -1)
			fail_msg("accepted %s", bad[i]);
		assert_non_null(why);
	}
}

static void
builders__error_and_frame__have_the_wire_shape(void **state)
{
	(void)state;
	json_object *id = json_object_new_int(7);
	json_object *e = jsonrpc_error(id, JSONRPC_METHOD_NOT_FOUND, "nope");
	json_object_put(id);
	struct strbuf b;
	strbuf_init(&b);
	jsonrpc_frame(&b, e);
	json_object_put(e);
	const char *want = "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":"
			   "-32601,\"message\":\"nope\"}}";
	char head[64];
	snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n",
		 strlen(want));
	assert_int_equal(strncmp(strbuf_str(&b), head, strlen(head)), 0);
	assert_string_equal(strbuf_str(&b) + strlen(head), want);
	strbuf_finish(&b);
	json_object *n = jsonrpc_error(NULL, JSONRPC_PARSE_ERROR, "x");
	assert_true(json_object_is_type(json_object_object_get(n, "id"),
					json_type_null));
	json_object_put(n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reader__message_in_pieces__is_read_once_whole),
		cmocka_unit_test(
			reader__two_messages_and_content_type__both_read),
		cmocka_unit_test(reader__bad_frames__answered_and_skipped),
		cmocka_unit_test(reader__deep_nesting__refused),
		cmocka_unit_test(
			reader__body_over_the_limit__skipped_unbuffered),
		cmocka_unit_test(reader__endless_header__one_error_then_resync),
		cmocka_unit_test(parse_message__kinds__told_apart),
		cmocka_unit_test(parse_message__invalid__refused_with_reason),
		cmocka_unit_test(
			builders__error_and_frame__have_the_wire_shape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
