/*
 * Spares: a block a thread keeps from one file's analysis for its next
 * (storage that would otherwise be grown again from nothing), freed when
 * the thread ends. Each user has one static descriptor:
 *
 *     static struct spare walk_spare = SPARE_INIT(drop_walk_spare);
 *
 * and a thread keeps at most one block per descriptor. What is worth
 * keeping (how large a block may be) is the user's to decide.
 */
#ifndef SF_SPARE_H
#define SF_SPARE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

struct spare {
	/* Frees a block kept by a thread when the thread ends, or given
	 * when it already keeps one. */
	void (*drop)(void *block);
	/* The key of the threads' blocks, made at the first spare_give. */
	pthread_key_t key;
	atomic_bool made;
};

#define SPARE_INIT(drop_fn)                                                    \
	{                                                                      \
		.drop = (drop_fn)                                              \
	}

/* Returns the block the calling thread keeps in s, now the caller's, and
 * keeps none; NULL when it keeps none. */
void *spare_take(struct spare *s);
/* Keeps block (not NULL; now owned by s) for the calling thread's next
 * spare_take, or frees it with s's drop when the thread keeps one
 * already. */
void spare_give(struct spare *s, void *block);

#endif
