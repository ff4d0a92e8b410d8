/*
 * libFuzzer target on the language server's reader and dispatcher: the
 * input is what a client writes to stdin. The first byte chooses where
 * the rest is split in two, so that messages also arrive in pieces. The
 * server runs without a workspace scan or watches (nothing on disk is
 * read); its answers are discarded.
 */
#include <stddef.h>
#include <stdint.h>

#include <uv.h>

#include "server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
discard(void *user, const char *buf, size_t n)
{
	(void)user;
	(void)buf;
	(void)n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uv_loop_t loop;
	uv_loop_init(&loop);
	struct server_options o = {.scan = false, .watch = false};
	struct server *s = server_create(&loop, &o, discard, NULL);
	size_t cut = size > 0 ? (size_t)data[0] * size / 256 : 0;
	server_feed(s, (const char *)data, cut);
	server_feed(s, (const char *)data + cut, size - cut);
	server_hangup(s);
	uv_run(&loop, UV_RUN_DEFAULT);
	server_destroy(s);
	uv_loop_close(&loop);
	return 0;
}
