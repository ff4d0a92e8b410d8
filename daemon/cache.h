/*
 * The analysis cache: per analysed file, what the scheduler's
 * first pass produces — the file's per-file findings, with the record of
 * what its suppression comments silenced, and its summary — kept
 * on disk so that a warm re-audit after one file changed costs about one
 * file. A result is used only when everything that made it is the same: the
 * file's root-relative path, a BLAKE2b digest of its text, the file flags
 * the workspace gives it, and a BLAKE2b digest of this build (version and
 * executable) and of the settings the file is analysed with (every
 * rule's severity, every catalogue entry, the thresholds of the
 * configuration that governs it: cache_key.settings). Anything else is a miss.
 * The hashes are cryptographic because one cache may serve texts of different
 * authors (CI jobs restore it across pull requests): nobody can make a
 * text whose key is that of another text's clean entry.
 *
 * Where: $STACKFIT_CACHE_DIR, else $XDG_CACHE_HOME/stackfit, else
 * ~/.cache/stackfit; below it one folder (0700) per workspace root, named
 * by a hash of the root's absolute path, holding the entries in
 * CACHE_SHARDS files. Entries do not depend on the root's path: a root
 * seen for the first time takes over the folder of a root that no longer
 * exists (a cache restored into a CI checkout at another path). That folder
 * must be a real folder of this user's that nobody else may write to (a
 * symbolic link is refused: whoever can write the base could point it
 * elsewhere), and every file in it is reached from it, never through a path.
 * Files are written to a temporary name of their own and renamed, so a reader
 * sees a whole file or none; an entry that is truncated, corrupt (a checksum
 * covers it), of another format version or not an entry at all is a miss.
 *
 * Use: cache_open; cache_load / cache_store per file (on any worker
 * thread, at once); cache_flush once every file was looked up; then
 * cache_close.
 */
#ifndef SF_CACHE_H
#define SF_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "diagnostic.h"
#include "engine.h"
#include "summary.h"
#include "util/strbuf.h"

/* An entry larger than this is not read (nor written). */
#define CACHE_ENTRY_MAX (64u * 1024 * 1024)
/* A shard file larger than this is not read. */
#define CACHE_SHARD_MAX (512u * 1024 * 1024)
/* Files of entries per workspace root. */
#define CACHE_SHARDS 64
/* Temporary files older than this (seconds) are left-overs of a run that
 * died while writing: cache_flush removes them. */
#define CACHE_TMP_MAX_AGE 3600

struct sf_cache;

/* A digest: BLAKE2b of 256 bits (libsodium's crypto_generichash). */
#define CACHE_DIGEST_SIZE 32
struct cache_digest {
	unsigned char b[CACHE_DIGEST_SIZE];
};

/* What one file's first-pass results depend on, besides the settings. */
struct cache_key {
	const char *path; /* root-relative, '/'-separated */
	/* The text analysed: its digest, its summary_hash_text (which its
	 * summary carries) and its length in bytes. */
	struct cache_digest digest;
	uint64_t hash;
	uint32_t len;
	uint32_t flags; /* the workspace's enum sf_file_flags for it */
	/* The settings the file is analysed with (cache_settings_digest of
	 * the engine of the configuration that governs it), or NULL: those
	 * of the engine the cache was opened with. */
	const struct cache_digest *settings;
};

/* Sets the text fields of k for the len bytes at text. */
void cache_key_set_text(struct cache_key *k, const char *text, uint32_t len);

/* Opens (creating it when needed) the cache of the workspace at root
 * (absolute) for analyses made with e, which must not change while the
 * cache is open, and reads its entries. Returns the cache (cache_close),
 * or NULL with *note set (owned by the caller): a one-line reason why the
 * run goes on uncached. */
struct sf_cache *cache_open(const char *root, const struct sf_engine *e,
			    char **note);
/* Frees c. Accepts NULL. */
void cache_close(struct sf_cache *c);

/* The folder of c's entries (owned by c). */
const char *cache_dir(const struct sf_cache *c);

/* Looks k up. On a hit, appends the file's findings to diags, sets
 * *summary (owned by the caller) and returns true; on a miss (no entry,
 * another key, an unreadable or invalid entry) returns false and changes
 * nothing. */
bool cache_load(struct sf_cache *c, const struct cache_key *k,
		struct sf_diag_list *diags, struct sf_summary **summary);
/* Keeps the findings and summary of k for cache_flush. */
void cache_store(struct sf_cache *c, const struct cache_key *k,
		 const struct sf_diag_list *diags, const struct sf_summary *s);
/* Writes what changed: the entries stored, without the entries no
 * cache_load used (files that changed, vanished or are no longer
 * analysed); removes temporary files left by a dead run. Call once, after
 * every file was looked up. A failure to write is remembered
 * (cache_note); the run goes on. */
void cache_flush(struct sf_cache *c);
/* A one-line note on the first failure to write, or NULL (owned by c). */
const char *cache_note(const struct sf_cache *c);

/* The digest of this build and of e's settings, which every entry
 * carries. */
void cache_settings_digest(const struct sf_engine *e, struct cache_digest *out);
/* Its first eight bytes, for a daemon and its client to compare
 * settings. */
uint64_t cache_fingerprint(const struct sf_engine *e);

/* The entry format, for tests. Appends the entry for k made with
 * settings to out. */
void cache_entry_encode(const struct cache_digest *settings,
			const struct cache_key *k,
			const struct sf_diag_list *diags,
			const struct sf_summary *s, struct strbuf *out);
/* Decodes the len bytes at data as cache_load does with a file's
 * contents: true, with the findings appended to diags and *summary set,
 * only when they are a valid entry for exactly settings and k. */
bool cache_entry_decode(const void *data, size_t len,
			const struct cache_digest *settings,
			const struct cache_key *k, struct sf_diag_list *diags,
			struct sf_summary **summary);

#endif
