/* Unit tests of the allocator's one-shot mode: the heaps a batch analysis
 * allocates from are marked for huge pages, and nothing else's are. The
 * tests run in order: the mode, once set, holds for the process. */
#include "helpers.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xalloc.h"

/* Whether the mapping of /proc/self/smaps that holds p is marked for huge
 * pages (the "hg" of its VmFlags line); fails when no mapping holds p. */
static bool
marked(const void *p)
{
	FILE *smaps = fopen("/proc/self/smaps", "re");
	assert_non_null(smaps);
	char line[1024];
	bool in = false, found = false, hg = false;
	while (fgets(line, sizeof line, smaps) != NULL) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, '-') < strchr(line, ' ')) {
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
			continue;
		}
		if (in && strncmp(line, "VmFlags:", 8) == 0) {
			found = true;
			hg = strstr(line, " hg") != NULL;
			break;
		}
	}
	fclose(smaps);
	assert_true(found);
	return hg;
}

struct probe {
	bool marked;
};

/* A thread that allocates the way an analysing worker does: it asks for
 * the hint (as every parse does), then allocates. */
static void *
worker(void *arg)
{
	struct probe *pr = arg;
	xalloc_hint_heap();
	void *b = xmalloc(200);
	pr->marked = marked(b);
	free(b);
	return NULL;
}

static bool
worker_marked(void)
{
	struct probe pr = {0};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, worker, &pr), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	return pr.marked;
}

static bool
huge_pages_unsupported(void)
{
#if defined(__SANITIZE_ADDRESS__) || !defined(__GLIBC__)
	return true; /* another allocator than glibc's */
#else
	return access("/sys/kernel/mm/transparent_hugepage", F_OK) != 0;
#endif
}

static void
default_mode__no_heap_marked(void **state)
{
	(void)state;
	if (huge_pages_unsupported())
		skip();
	void *b = xmalloc(200);
	assert_false(marked(b));
	free(b);
	assert_false(worker_marked());
}

static void
one_shot__main_and_thread_heaps_marked(void **state)
{
	(void)state;
	if (huge_pages_unsupported())
		skip();
	xalloc_one_shot();
	void *b = xmalloc(200);
	assert_true(marked(b));
	free(b);
	assert_true(worker_marked());
	/* A block glibc maps on its own is no heap: left alone. */
	void *big = xmalloc(1u << 20);
	assert_false(marked(big));
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_mode__no_heap_marked),
		cmocka_unit_test(one_shot__main_and_thread_heaps_marked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
