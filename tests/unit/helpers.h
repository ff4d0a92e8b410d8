/*
 * Helpers shared by the unit tests: facts and findings for a source string.
 */
#ifndef SF_TEST_HELPERS_H
#define SF_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "diagnostic.h"
#include "engine.h"
#include "facts.h"

/* Parses src as the language of path's extension and extracts its facts
 * (context pass included). Owned by the caller (facts_destroy). */
struct sf_facts *test_facts(const char *path, const char *src);
/* Runs the whole per-file pipeline on src; findings go to out. */
void test_check(const char *path, const char *src, struct sf_diag_list *out);

/* The first call whose callee is written as callee, or NULL. */
const struct sf_call *test_call(const struct sf_facts *f, const char *callee);
/* The function named name, or NULL. */
const struct sf_function *test_function(const struct sf_facts *f,
					const char *name);
/* The binding of local visible at module level, or NULL. */
const struct sf_binding *test_binding(const struct sf_facts *f,
				      const char *local);
/* The name lookups' work (facts_lookup_work) of the whole per-file
 * pipeline and the summary, on a file of n copies of line. */
uint64_t test_lookup_work(const char *path, const char *line, uint32_t n);
/* Fails unless the lookup work on a file of line repeated grows about as
 * the file does (eight times the lines, less than sixteen times the work),
 * not as its square. */
void test_assert_lookup_linear(const char *path, const char *line);
/* How many findings of rule id are in l. */
uint32_t test_count(const struct sf_diag_list *l, const char *id);
/* The bytes glibc's heap has handed out and not had back (mallinfo2).
 * Meaningless under AddressSanitizer, whose allocator it does not see:
 * tests that measure memory skip it there. */
size_t test_heap_used(void);

#endif
