/* Growth policy of VEC: doubling from 8. */
#include "vec.h"

#include <stdio.h>
#include <stdlib.h>

#include "xalloc.h"

void *
vec_grow(void *v, uint32_t *cap, uint32_t need, size_t elem)
{
	if (need <= *cap)
		return v;
	if (need > UINT32_MAX / 2) {
		fprintf(stderr, "stackfit: array too large\n");
		abort();
	}
	uint32_t c = *cap ? *cap : 8;
	while (c < need)
		c *= 2;
	*cap = c;
	return xreallocarray(v, c, elem);
}
