/*
 * A small binary encoding for what stackfit keeps on disk (the analysis
 * cache): little-endian integers, and strings written once each into a
 * string table and referred to by offset. A blob is
 *
 *   u32 size of the string table, the table (NUL-terminated strings), data
 *
 * The reader trusts nothing: every read is bounded by the bytes left, a
 * string reference must fall inside the table, and a count is refused when
 * the bytes left could not hold that many records. After any such failure
 * the reader is "bad" and every further read returns zero, so a decoder
 * checks once at the end (or where a value steers an allocation).
 */
#ifndef SF_BINIO_H
#define SF_BINIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct binio_writer {
	struct strbuf data;
	struct strbuf strings;
	/* Strings already in the table, by content (open addressing over
	 * the writer's callers' pointers, which must stay valid until
	 * binio_writer_finish): slot -> offset + 1, 0 for empty. */
	const char **keys;
	uint32_t *offsets;
	uint32_t cap, n;
};

void binio_writer_init(struct binio_writer *w);
/* Frees the buffers. Accepts NULL. */
void binio_writer_finish(struct binio_writer *w);
void binio_put_u8(struct binio_writer *w, uint8_t v);
void binio_put_u32(struct binio_writer *w, uint32_t v);
void binio_put_i32(struct binio_writer *w, int32_t v);
void binio_put_u64(struct binio_writer *w, uint64_t v);
/* Writes a reference to s (which may be NULL) and adds s to the string
 * table unless an equal string is there already. s is not copied until
 * binio_writer_output: it must stay valid until then. */
void binio_put_str(struct binio_writer *w, const char *s);
/* Appends the blob (string table, then data) to out. */
void binio_writer_output(const struct binio_writer *w, struct strbuf *out);

struct binio_reader {
	const unsigned char *p, *end;
	const char *strings; /* the table, inside the blob */
	uint32_t nstrings;   /* its size in bytes */
	bool bad;
};

/* Starts reading the blob of len bytes at data (borrowed for the
 * reader's life). Returns false (and a bad reader) when the string table
 * does not fit or does not end with a NUL. */
bool binio_reader_init(struct binio_reader *r, const void *data, size_t len);
uint8_t binio_get_u8(struct binio_reader *r);
uint32_t binio_get_u32(struct binio_reader *r);
int32_t binio_get_i32(struct binio_reader *r);
uint64_t binio_get_u64(struct binio_reader *r);
/* The string referred to (inside the blob, NUL-terminated), or NULL for
 * a NULL reference or a bad one (then the reader is bad). */
const char *binio_get_str(struct binio_reader *r);
/* A count of records that each take at least min_size bytes: refused
 * (0, reader bad) when more than the bytes left could hold. */
uint32_t binio_get_count(struct binio_reader *r, size_t min_size);
/* True when every byte was read and nothing was refused. */
bool binio_reader_done(const struct binio_reader *r);

#endif
