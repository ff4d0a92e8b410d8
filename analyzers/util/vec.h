/*
 * Growable arrays: VEC(T) declares one, VEC_PUSH returns a pointer to a new
 * zeroed slot at the end, VEC_FREE releases the storage. Element pointers are
 * invalidated by the next push; keep indexes, not pointers.
 */
#ifndef SF_VEC_H
#define SF_VEC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define VEC(T)                                                                 \
	struct {                                                               \
		T *v;                                                          \
		uint32_t n, cap;                                               \
	}

/* Returns the (possibly moved) storage, grown to hold at least need items. */
void *vec_grow(void *v, uint32_t *cap, uint32_t need, size_t elem);

/* (vec_grow is called only when the array is full.) */
#define VEC_PUSH(vec)                                                          \
	((vec).v = (vec).n < (vec).cap                                         \
			   ? (vec).v                                           \
			   : vec_grow((vec).v, &(vec).cap, (vec).n + 1,        \
				      sizeof *(vec).v),                        \
	 memset(&(vec).v[(vec).n], 0, sizeof *(vec).v), &(vec).v[(vec).n++])

#define VEC_FREE(vec)                                                          \
	do {                                                                   \
		free((vec).v);                                                 \
		(vec).v = NULL;                                                \
		(vec).n = (vec).cap = 0;                                       \
	} while (0)

#endif
