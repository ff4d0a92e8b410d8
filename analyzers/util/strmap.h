/*
 * A string-keyed hash map (open addressing, linear probing). Keys are
 * copied and owned by the map; values are the caller's.
 */
#ifndef SF_STRMAP_H
#define SF_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	char *key; /* NULL: empty */
	uint32_t hash;
	void *value;
};

struct strmap {
	struct strmap_slot *slots;
	uint32_t cap, n;
};

void strmap_init(struct strmap *m);
/* Frees the keys and the table (not the values). Accepts NULL. */
void strmap_finish(struct strmap *m);
/* The value stored under key, or NULL. *found tells NULL values apart. */
void *strmap_get(const struct strmap *m, const char *key, bool *found);
/* Stores value under key, replacing any earlier value (returned). */
void *strmap_put(struct strmap *m, const char *key, void *value);

/* Iteration: for (uint32_t i = 0; i < m.cap; i++) if (m.slots[i].key) ... */

#endif
