/* strmap: FNV-1a hashing, linear probing, growth at 50% load. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xalloc.h"

static uint32_t
hash(const char *s)
{
	return sf_hash(s, strlen(s));
}

void
strmap_init(struct strmap *m)
{
	*m = (struct strmap){0};
}

void
strmap_finish(struct strmap *m)
{
	if (m == NULL)
		return;
	for (uint32_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	*m = (struct strmap){0};
}

static struct strmap_slot *
find(const struct strmap *m, const char *key, uint32_t h)
{
	uint32_t mask = m->cap - 1;
	for (uint32_t i = h & mask;; i = (i + 1) & mask) {
		struct strmap_slot *s = &m->slots[i];
		if (s->key == NULL ||
		    (s->hash == h && strcmp(s->key, key) == 0))
			return s;
	}
}

void *
strmap_get(const struct strmap *m, const char *key, bool *found)
{
	if (found)
		*found = false;
	if (m->cap == 0)
		return NULL;
	struct strmap_slot *s = find(m, key, hash(key));
	if (s->key == NULL)
		return NULL;
	if (found)
		*found = true;
	return s->value;
}

static void
grow(struct strmap *m)
{
	struct strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 16;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (uint32_t i = 0; i < old.cap; i++)
		if (old.slots[i].key != NULL)
			*find(m, old.slots[i].key, old.slots[i].hash) =
				old.slots[i];
	free(old.slots);
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	uint32_t h = hash(key);
	struct strmap_slot *s = find(m, key, h);
	if (s->key != NULL) {
		void *old = s->value;
		s->value = value;
		return old;
	}
	s->key = xstrdup(key);
	s->hash = h;
	s->value = value;
	m->n++;
	return NULL;
}
