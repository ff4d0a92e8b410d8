#include "apart.h"

#include <uv.h>

#include "util/xalloc.h"

/* libuv's worker pool's stack size (uv_queue_work): what the work run
 * apart had there. */
#define APART_STACK_SIZE (8u << 20)

struct apart {
	void (*fn)(void *);
	void *arg;
};

static void
apart_main(void *p)
{
	struct apart *a = p;
	a->fn(a->arg);
}

void
apart_run(void (*fn)(void *), void *arg)
{
	struct apart a = {fn, arg};
	uv_thread_options_t o = {
		.flags = UV_THREAD_HAS_STACK_SIZE,
		.stack_size = APART_STACK_SIZE,
	};
	uv_thread_t t;
	if (uv_thread_create_ex(&t, &o, apart_main, &a) != 0) {
		fn(arg);
	} else {
		uv_thread_join(&t);
	}
	xalloc_release_free();
}
