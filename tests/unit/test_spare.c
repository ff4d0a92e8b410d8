/* Unit tests of the spares: what a user of one relies on (its block back
 * on the same thread, never on another, freed when the thread ends). Each
 * test has its own descriptor, so that none sees another's blocks. */
#include "helpers.h"

#include <pthread.h>
#include <stdlib.h>

#include "util/spare.h"
#include "util/xalloc.h"

/* What the drops did: how many blocks they freed, and the last one. */
static int drops;
static void *last_dropped;

static void
drop(void *block)
{
	drops++;
	last_dropped = block;
	free(block);
}

static struct spare same_thread = SPARE_INIT(drop);
static struct spare other_thread = SPARE_INIT(drop);
static struct spare thread_end = SPARE_INIT(drop);
static struct spare taken_before_end = SPARE_INIT(drop);
static struct spare one_kept = SPARE_INIT(drop);
static struct spare never_given = SPARE_INIT(drop);

/* Runs fn(s) on a new thread and waits for it to end; returns what fn
 * returned. */
static void *
on_thread(void *(*fn)(void *), struct spare *s)
{
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, fn, s), 0);
	void *r;
	assert_int_equal(pthread_join(t, &r), 0);
	return r;
}

static void *
take(void *s)
{
	return spare_take(s);
}

static void *
give_new_block(void *s)
{
	void *block = xmalloc(16);
	spare_give(s, block);
	return block;
}

/* Returns the block given when it was taken back, else NULL (cmocka's
 * assertions are for the main thread). */
static void *
give_and_take(void *s)
{
	void *block = xmalloc(16);
	spare_give(s, block);
	void *back = spare_take(s);
	void *r = back == block ? block : NULL;
	free(back);
	return r;
}

static void
take__before_any_give__none(void **state)
{
	(void)state;
	assert_null(spare_take(&never_given));
	assert_null(on_thread(take, &never_given));
}

static void
give__taken_back_on_the_same_thread_once(void **state)
{
	(void)state;
	drops = 0;
	void *block = xmalloc(16);
	spare_give(&same_thread, block);
	assert_ptr_equal(spare_take(&same_thread), block);
	/* Taken: the thread keeps nothing more. */
	assert_null(spare_take(&same_thread));
	/* And again, the block given back as a user does after a file. */
	spare_give(&same_thread, block);
	assert_ptr_equal(spare_take(&same_thread), block);
	free(block);
	assert_int_equal(drops, 0);
}

static void
give__another_thread_does_not_see_it(void **state)
{
	(void)state;
	drops = 0;
	void *block = xmalloc(16);
	spare_give(&other_thread, block);
	assert_null(on_thread(take, &other_thread));
	/* Still this thread's. */
	assert_ptr_equal(spare_take(&other_thread), block);
	free(block);
	/* A block a thread gave is not this one's either. */
	on_thread(give_new_block, &other_thread);
	assert_null(spare_take(&other_thread));
}

static void
thread_end__drop_frees_the_kept_block(void **state)
{
	(void)state;
	drops = 0;
	last_dropped = NULL;
	void *block = on_thread(give_new_block, &thread_end);
	assert_int_equal(drops, 1);
	assert_ptr_equal(last_dropped, block);
	/* Another thread's end frees its own. */
	void *second = on_thread(give_new_block, &thread_end);
	assert_int_equal(drops, 2);
	assert_ptr_equal(last_dropped, second);
}

static void
thread_end__nothing_kept__no_drop(void **state)
{
	(void)state;
	drops = 0;
	assert_non_null(on_thread(give_and_take, &taken_before_end));
	assert_int_equal(drops, 0);
}

static void
give__one_kept_already__drops_the_new_one(void **state)
{
	(void)state;
	drops = 0;
	last_dropped = NULL;
	void *first = xmalloc(16);
	void *second = xmalloc(16);
	spare_give(&one_kept, first);
	spare_give(&one_kept, second);
	assert_int_equal(drops, 1);
	assert_ptr_equal(last_dropped, second);
	assert_ptr_equal(spare_take(&one_kept), first);
	free(first);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(take__before_any_give__none),
		cmocka_unit_test(give__taken_back_on_the_same_thread_once),
		cmocka_unit_test(give__another_thread_does_not_see_it),
		cmocka_unit_test(thread_end__drop_frees_the_kept_block),
		cmocka_unit_test(thread_end__nothing_kept__no_drop),
		cmocka_unit_test(give__one_kept_already__drops_the_new_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
