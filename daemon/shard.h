/*
 * Shards: an audit split across machines. `audit --shard I/N` analyses
 * the files whose shard is I (a hash of the root-relative path, modulo N:
 * the same on every machine) and writes each one's first pass — its
 * per-file findings, what its suppressions silenced, and its summary for
 * the project index — to a shard file. `stackfit merge` reads the N shard
 * files in a checkout of the same tree, takes every file's first pass
 * from them instead of analysing it, and runs the rest of the audit (the
 * index, the second pass of the files that need it, the index and
 * project rules, the profile, the report): its report is the one a single
 * audit would write.
 *
 * A shard file is untrusted input. It is
 *
 *   "stackfit-shard FORMAT VERSION SETTINGS I N COUNT\n"
 *
 * (FORMAT is SHARD_FORMAT, VERSION stackfit's, SETTINGS the
 * cache_fingerprint of the build and settings in 16 hex digits), then
 * COUNT records in path order, one per file of the shard, each
 *
 *   "LENGTH CHECK\n" BLOB "\n"
 *
 * where BLOB (LENGTH bytes, at most SHARD_RECORD_MAX) is a binio blob
 * (util/binio.h) of the path, flags, text hash and length, whether the
 * file was analysed and, when it was, its findings (diagnostic_io.h) and
 * summary (summary_io.h); CHECK is summary_hash_text of the blob in 16 hex
 * digits. Every field is checked; an error names the file, the byte
 * offset and the problem.
 */
#ifndef SF_SHARD_H
#define SF_SHARD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diagnostic.h"
#include "summary.h"
#include "util/strbuf.h"
#include "util/vec.h"

#define SHARD_FORMAT 1
/* The most a shard's header line, and one record, may take. */
#define SHARD_HEADER_MAX 1024
#define SHARD_RECORD_MAX (64u * 1024 * 1024)
/* The most records (files) a shard may hold. */
#define SHARD_FILES_MAX 10000000u
/* The most shards of an audit. */
#define SHARD_COUNT_MAX 10000u

/* The shard of a root-relative path among n. */
uint32_t shard_of(const char *path, uint32_t n);

/* Parses "I/N" (0 <= I < N <= SHARD_COUNT_MAX). Returns 0, or -1. */
int shard_parse_spec(const char *s, uint32_t *i, uint32_t *n);

/* One file of a shard, as written. */
struct shard_record {
	char *path;
	uint32_t flags;
	uint64_t hash; /* summary_hash_text of the text analysed */
	uint32_t len;  /* its length */
	bool analysed; /* else: skipped (the merge says why) */
	const struct sf_diag_list *diags; /* when analysed */
	const struct sf_summary *summary; /* or NULL */
};

/* Writing: the header, then one record per file, in path order. */
void shard_write_header(struct strbuf *out, uint64_t settings, uint32_t i,
			uint32_t n, uint32_t count);
void shard_write_record(struct strbuf *out, const struct shard_record *r);

/* One file of a shard, as read: its key, and its results kept encoded
 * (shard_results decodes them). */
struct shard_entry {
	char *path;
	uint32_t flags;
	uint64_t hash;
	uint32_t len;
	bool analysed;
	const char *blob; /* inside the file's data */
	size_t blob_len;
};

/* A shard file read whole. */
struct shard_file {
	char *name; /* as given, for messages */
	char *data; /* the file */
	uint64_t settings;
	uint32_t index, count_of; /* I and N */
	VEC(struct shard_entry) entries;
};

/* The findings (appended to diags) and summary (*summary, owned by the
 * caller, NULL when none) of an analysed entry. False when they cannot
 * be decoded (never after shard_read accepted the file). */
bool shard_results(const struct shard_entry *e, struct sf_diag_list *diags,
		   struct sf_summary **summary);

/* Reads the shard file name. Returns 0, or -1 with *cause (owned by the
 * caller): "NAME: byte OFFSET: PROBLEM". */
int shard_read(const char *name, struct shard_file *out, char **cause);
void shard_file_finish(struct shard_file *f);

#endif
