/* binio: little-endian integers and a deduplicated string table. */
#include "binio.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xalloc.h"

void
binio_writer_init(struct binio_writer *w)
{
	*w = (struct binio_writer){0};
	strbuf_init(&w->data);
	strbuf_init(&w->strings);
}

void
binio_writer_finish(struct binio_writer *w)
{
	if (w == NULL)
		return;
	strbuf_finish(&w->data);
	strbuf_finish(&w->strings);
	free(w->keys);
	free(w->offsets);
	*w = (struct binio_writer){0};
}

static void
put_le(struct binio_writer *w, uint64_t v, unsigned bytes)
{
	char b[8];
	for (unsigned i = 0; i < bytes; i++)
		b[i] = (char)(v >> (8 * i));
	strbuf_append(&w->data, b, bytes);
}

void
binio_put_u8(struct binio_writer *w, uint8_t v)
{
	put_le(w, v, 1);
}

void
binio_put_u32(struct binio_writer *w, uint32_t v)
{
	put_le(w, v, 4);
}

void
binio_put_i32(struct binio_writer *w, int32_t v)
{
	put_le(w, (uint32_t)v, 4);
}

void
binio_put_u64(struct binio_writer *w, uint64_t v)
{
	put_le(w, v, 8);
}

static void
grow(struct binio_writer *w)
{
	uint32_t cap = w->cap ? w->cap * 2 : 64;
	const char **keys = xcalloc(cap, sizeof *keys);
	uint32_t *offsets = xcalloc(cap, sizeof *offsets);
	for (uint32_t i = 0; i < w->cap; i++) {
		if (w->keys[i] == NULL)
			continue;
		uint32_t k =
			sf_hash(w->keys[i], strlen(w->keys[i])) & (cap - 1);
		while (keys[k] != NULL)
			k = (k + 1) & (cap - 1);
		keys[k] = w->keys[i];
		offsets[k] = w->offsets[i];
	}
	free(w->keys);
	free(w->offsets);
	w->keys = keys;
	w->offsets = offsets;
	w->cap = cap;
}

void
binio_put_str(struct binio_writer *w, const char *s)
{
	if (s == NULL) {
		binio_put_u32(w, 0);
		return;
	}
	if ((w->n + 1) * 2 > w->cap)
		grow(w);
	size_t n = strlen(s);
	uint32_t mask = w->cap - 1;
	uint32_t k = sf_hash(s, n) & mask;
	while (w->keys[k] != NULL && strcmp(w->keys[k], s) != 0)
		k = (k + 1) & mask;
	if (w->keys[k] == NULL) {
		w->keys[k] = s;
		w->offsets[k] = (uint32_t)w->strings.len + 1;
		w->n++;
		strbuf_append(&w->strings, s, n + 1);
	}
	binio_put_u32(w, w->offsets[k]);
}

void
binio_writer_output(const struct binio_writer *w, struct strbuf *out)
{
	char b[4];
	uint32_t n = (uint32_t)w->strings.len;
	for (unsigned i = 0; i < 4; i++)
		b[i] = (char)(n >> (8 * i));
	strbuf_append(out, b, 4);
	if (w->strings.len > 0)
		strbuf_append(out, w->strings.s, w->strings.len);
	if (w->data.len > 0)
		strbuf_append(out, w->data.s, w->data.len);
}

static uint64_t
get_le(struct binio_reader *r, unsigned bytes)
{
	if (r->bad || (size_t)(r->end - r->p) < bytes) {
		r->bad = true;
		return 0;
	}
	uint64_t v = 0;
	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += bytes;
	return v;
}

bool
binio_reader_init(struct binio_reader *r, const void *data, size_t len)
{
	*r = (struct binio_reader){.p = data,
				   .end = (const unsigned char *)data + len};
	uint32_t n = (uint32_t)get_le(r, 4);
	if (r->bad || (size_t)(r->end - r->p) < n ||
	    (n > 0 && r->p[n - 1] != '\0')) {
		r->bad = true;
		return false;
	}
	r->strings = (const char *)r->p;
	r->nstrings = n;
	r->p += n;
	return true;
}

uint8_t
binio_get_u8(struct binio_reader *r)
{
	return (uint8_t)get_le(r, 1);
}

uint32_t
binio_get_u32(struct binio_reader *r)
{
	return (uint32_t)get_le(r, 4);
}

int32_t
binio_get_i32(struct binio_reader *r)
{
	return (int32_t)(uint32_t)get_le(r, 4);
}

uint64_t
binio_get_u64(struct binio_reader *r)
{
	return get_le(r, 8);
}

const char *
binio_get_str(struct binio_reader *r)
{
	uint32_t ref = binio_get_u32(r);
	if (ref == 0 || r->bad)
		return NULL;
	if (ref - 1 >= r->nstrings) {
		r->bad = true;
		return NULL;
	}
	/* The table ends with a NUL, so any offset in it starts a string. */
	return r->strings + (ref - 1);
}

uint32_t
binio_get_count(struct binio_reader *r, size_t min_size)
{
	uint32_t n = binio_get_u32(r);
	if (r->bad)
		return 0;
	if (min_size == 0)
		min_size = 1;
	if ((size_t)(r->end - r->p) / min_size < n) {
		r->bad = true;
		return 0;
	}
	return n;
}

bool
binio_reader_done(const struct binio_reader *r)
{
	return !r->bad && r->p == r->end;
}
