/*
 * Spares: one block per thread and descriptor, kept in a thread-specific
 * key whose destructor (the descriptor's drop) frees it when the thread
 * ends. A descriptor's key is made at its first spare_give, under a lock
 * (pthread_once's function takes no argument to say whose key to make).
 * A take and a give cost a lookup of the key each: done once per file,
 * not per node.
 */
#include "spare.h"

#include <stdlib.h>

static pthread_mutex_t make_lock = PTHREAD_MUTEX_INITIALIZER;

static void
make_key(struct spare *s)
{
	pthread_mutex_lock(&make_lock);
	if (!atomic_load_explicit(&s->made, memory_order_relaxed)) {
		if (pthread_key_create(&s->key, s->drop) != 0)
			abort();
		atomic_store_explicit(&s->made, true, memory_order_release);
	}
	pthread_mutex_unlock(&make_lock);
}

void *
spare_take(struct spare *s)
{
	/* No thread has kept a block before the key is made. */
	if (!atomic_load_explicit(&s->made, memory_order_acquire))
		return NULL;
	void *block = pthread_getspecific(s->key);
	if (block != NULL)
		pthread_setspecific(s->key, NULL);
	return block;
}

void
spare_give(struct spare *s, void *block)
{
	if (!atomic_load_explicit(&s->made, memory_order_acquire))
		make_key(s);
	if (pthread_getspecific(s->key) != NULL) {
		s->drop(block);
		return;
	}
	/* Fails only for want of memory, as an xmalloc would. */
	if (pthread_setspecific(s->key, block) != 0)
		abort();
}
