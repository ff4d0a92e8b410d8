/* Unit tests of the daemon's request handling without a socket
 * (daemon_server_feed): answers in order and in pieces, errors for bad
 * input with the next message still read, and nothing after shutdown. */
#include <stdlib.h>
#include <string.h>

#include "daemon_server.h"
#include "helpers.h"
#include "jsonrpc.h"

#define MAX_ANSWERS 8

struct answers {
	json_object *v[MAX_ANSWERS];
	int n;
};

static bool
take(void *user, json_object *msg)
{
	struct answers *a = user;
	assert_true(a->n < MAX_ANSWERS);
	a->v[a->n++] = msg;
	return true;
}

static void
answers_finish(struct answers *a)
{
	for (int i = 0; i < a->n; i++)
		json_object_put(a->v[i]);
}

static int64_t
id_of(json_object *msg)
{
	json_object *v;
	assert_true(json_object_object_get_ex(msg, "id", &v));
	return json_object_get_int64(v);
}

/* The error code of an answer, or 0 for a result. */
static int
code_of(json_object *msg)
{
	json_object *e, *c;
	if (!json_object_object_get_ex(msg, "error", &e))
		return 0;
	assert_true(json_object_object_get_ex(e, "code", &c));
	return json_object_get_int(c);
}

static const char status[] = "Content-Length: 51\r\n\r\n"
			     "{\"jsonrpc\":\"2.0\",\"id\":1,"
			     "\"method\":\"stackfit/status\"}";

static void
feed(struct daemon_server *d, struct jsonrpc_reader *r, const char *s, size_t n,
     struct answers *a)
{
	daemon_server_feed(d, r, s, n, take, a);
}

static void
daemon_server_feed__status_in_pieces__one_answer(void **state)
{
	(void)state;
	struct daemon_server_options o = {.root = "/nonexistent",
					  .ready_fd = -1};
	struct daemon_server *d = daemon_server_create(&o);
	struct jsonrpc_reader *r = jsonrpc_reader_create();
	struct answers a = {0};
	size_t n = sizeof status - 1;
	for (size_t i = 0; i < n; i += 7)
		feed(d, r, status + i, n - i < 7 ? n - i : 7, &a);
	assert_int_equal(a.n, 1);
	assert_int_equal(id_of(a.v[0]), 1);
	assert_int_equal(code_of(a.v[0]), 0);
	json_object *result, *v;
	assert_true(json_object_object_get_ex(a.v[0], "result", &result));
	assert_true(json_object_object_get_ex(result, "root", &v));
	assert_string_equal(json_object_get_string(v), "/nonexistent");
	/* No socket: null, not a crash. */
	assert_true(json_object_object_get_ex(result, "socket", &v));
	assert_null(v);
	answers_finish(&a);
	jsonrpc_reader_destroy(r);
	daemon_server_destroy(d);
}

static void
daemon_server_feed__bad_input__errors_then_reads_on(void **state)
{
	(void)state;
	static const char input[] =
		"Content-Length: 9\r\n\r\n{not json"
		"Content-Length: 46\r\n\r\n"
		"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"stackfit/x\"}"
		"Content-Length: 62\r\n\r\n"
		"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"stackfit/audit\","
		"\"params\":{}}";
	struct daemon_server_options o = {.root = "/nonexistent",
					  .ready_fd = -1};
	struct daemon_server *d = daemon_server_create(&o);
	struct jsonrpc_reader *r = jsonrpc_reader_create();
	struct answers a = {0};
	feed(d, r, input, sizeof input - 1, &a);
	feed(d, r, status, sizeof status - 1, &a);
	assert_int_equal(a.n, 4);
	assert_int_equal(code_of(a.v[0]), JSONRPC_PARSE_ERROR);
	assert_int_equal(code_of(a.v[1]), JSONRPC_METHOD_NOT_FOUND);
	assert_int_equal(id_of(a.v[1]), 2);
	assert_int_equal(code_of(a.v[2]), JSONRPC_INVALID_PARAMS);
	assert_int_equal(id_of(a.v[2]), 3);
	assert_int_equal(code_of(a.v[3]), 0);
	assert_false(daemon_server_stopped(d));
	answers_finish(&a);
	jsonrpc_reader_destroy(r);
	daemon_server_destroy(d);
}

static void
daemon_server_feed__shutdown__answered_then_nothing(void **state)
{
	(void)state;
	static const char input[] =
		"Content-Length: 44\r\n\r\n"
		"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"shutdown\"}";
	struct daemon_server_options o = {.root = "/nonexistent",
					  .ready_fd = -1};
	struct daemon_server *d = daemon_server_create(&o);
	struct jsonrpc_reader *r = jsonrpc_reader_create();
	struct answers a = {0};
	feed(d, r, input, sizeof input - 1, &a);
	assert_int_equal(a.n, 1);
	assert_int_equal(id_of(a.v[0]), 7);
	assert_int_equal(code_of(a.v[0]), 0);
	assert_true(daemon_server_stopped(d));
	feed(d, r, status, sizeof status - 1, &a);
	assert_int_equal(a.n, 1);
	answers_finish(&a);
	jsonrpc_reader_destroy(r);
	daemon_server_destroy(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			daemon_server_feed__status_in_pieces__one_answer),
		cmocka_unit_test(
			daemon_server_feed__bad_input__errors_then_reads_on),
		cmocka_unit_test(
			daemon_server_feed__shutdown__answered_then_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
