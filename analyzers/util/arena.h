/*
 * A bump allocator for memory that lives exactly as long as one file's
 * analysis or one request: everything is freed at once by arena_finish.
 */
#ifndef SF_ARENA_H
#define SF_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used; /* bytes handed out from head */
};

void arena_init(struct arena *a);
/* Frees every block handed out. Accepts an arena that was never used. */
void arena_finish(struct arena *a);
/* Frees every block handed out, as arena_finish, but keeps the newest
 * chunk (when it is of the usual sizes, not one made for a large block)
 * for the next allocations: an arena used again for the next file of a
 * worker starts where the last one's growth ended, without a malloc. */
void arena_reset(struct arena *a);
/* Returns n zeroed bytes aligned for any type; owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);
/* Returns a NUL-terminated copy of the first n bytes of s; owned by the arena.
 */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Returns the concatenation of a (n bytes) and b (NUL-terminated). */
char *arena_concat(struct arena *ar, const char *a, size_t n, const char *b);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns the concatenation of the strings given, up to a NULL: what
 * arena_printf with only "%s" makes, without the cost of formatting (for
 * the texts made per function at every keystroke). */
char *arena_join(struct arena *a, ...) __attribute__((sentinel));

#endif
