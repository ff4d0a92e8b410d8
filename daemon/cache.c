/*
 * The analysis cache. Entries are grouped into CACHE_SHARDS files per
 * workspace root, a file's shard chosen by a hash of its path: one file
 * per source file would cost a cold run thousands of file creations, one
 * file for all would cost a warm run after one edit a rewrite of
 * everything. Every shard is read when the cache opens; at the end of the
 * first pass (cache_flush) a shard is written again only when it changed —
 * an entry added, or one not used by this run (its file changed, vanished
 * or is no longer analysed), which is how stale entries leave.
 *
 * A shard: "sfshard\n", u32 version, u32 count, then count records of
 * u64 path hash, u32 size and an entry. An entry is a 32-byte header and
 * a payload:
 *
 *   "sfcache\n"  u32 version  u32 0  u64 payload size  u64 payload checksum
 *   payload: a binio blob of the key (path, text hash and length, file
 *   flags, fingerprint), the summary (summary_io) and the findings
 *   (diagnostic_io)
 *
 * all integers little-endian. The checksum (summary_hash_text of the
 * payload) turns any flipped bit into a miss; the readers behind it check
 * every length and index anyway. A shard that cannot be parsed to its end
 * keeps the records before the damage and is written again.
 */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <uv.h>

#include "catalogue.h"
#include "diagnostic_io.h"
#include "rules/rule.h"
#include "summary_io.h"
#include "util/binio.h"
#include "util/xalloc.h"

#ifndef STACKFIT_VERSION
#define STACKFIT_VERSION "0"
#endif

#define CACHE_MAGIC       "sfcache\n"
#define CACHE_SHARD_MAGIC "sfshard\n"
#define CACHE_HEADER_SIZE 32
#define CACHE_SHARD_HEAD  16
#define CACHE_RECORD_HEAD 12
/* The layout of this file's header and key; the summary's and findings'
 * own versions are part of the entry's version. */
#define CACHE_LAYOUT_VERSION 2
#define CACHE_VERSION                                                          \
	((uint32_t)CACHE_LAYOUT_VERSION << 16 |                                \
	 (uint32_t)SUMMARY_IO_VERSION << 8 | (uint32_t)DIAGNOSTIC_IO_VERSION)
/* Bytes of the executable hashed at a time for the fingerprint. */
#define CACHE_EXE_CHUNK (1u << 20)
/* What the executable's hash is taken from. */
#define CACHE_EXE_PATH "/proc/self/exe"

/* An entry read from a shard (its bytes are in the shard's buffer). */
struct old_entry {
	uint64_t path_hash;
	const char *data;
	uint32_t len;
	uint32_t shard;
	/* Used by this run, so kept. Set by the one worker that analyses
	 * the file; read only after the workers are joined. */
	bool seen;
};

/* An entry made by this run. */
struct new_entry {
	uint64_t path_hash;
	char *data; /* owned */
	uint32_t len;
};

struct shard {
	char *buf;       /* the file's contents, or NULL */
	bool damaged;    /* it could not be read to its end */
	uv_mutex_t lock; /* for fresh */
	VEC(struct new_entry) fresh;
};

struct sf_cache {
	char *dir;
	uint64_t fingerprint;
	struct shard shards[CACHE_SHARDS];
	VEC(struct old_entry) old;
	/* old by path hash: open addressing over index + 1, 0 empty. */
	uint32_t *slots;
	uint32_t cap;
	atomic_bool failed; /* a write failed: no more stores */
	char *note;         /* why, set by the first failure */
};

/* --- the fingerprint ------------------------------------------------- */

/* A hash of the running executable, so that a rebuild with the same
 * version number (a developer's) does not reuse results of other code.
 * 0 when it cannot be read. */
static uint64_t
exe_hash(void)
{
	int fd = open(CACHE_EXE_PATH, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	char *buf = xmalloc(CACHE_EXE_CHUNK);
	uint64_t h = 0;
	for (;;) {
		ssize_t n = read(fd, buf, CACHE_EXE_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			h = 0;
			break;
		}
		if (n == 0)
			break;
		h = h * 0x100000001B3ull ^ summary_hash_text(buf, (uint32_t)n);
	}
	free(buf);
	close(fd);
	return h;
}

static void
add_api(void *ctx, enum sf_family_id family, const struct sf_api *api)
{
	/* Strings with their lengths: a configured replacement may hold
	 * anything, a newline included. */
	const char *r = api->replacement ? api->replacement : "";
	strbuf_printf(ctx, "api %d %d %d %zu:%s %zu:%s\n", (int)family,
		      (int)api->kind, (int)api->prefix, strlen(api->name),
		      api->name, strlen(r), r);
}

uint64_t
cache_fingerprint(const struct sf_engine *e)
{
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(&b, "stackfit %s %u exe %016llx\n", STACKFIT_VERSION,
		      CACHE_VERSION, (unsigned long long)exe_hash());
	for (size_t i = 0; i < rule_count; i++)
		strbuf_printf(&b, "rule %s %d\n", rule_table[i]->id,
			      (int)engine_severity(e, rule_table[i]));
	catalogue_each(engine_catalogue(e), add_api, &b);
	struct cost_options cost = engine_cost_options(e);
	strbuf_printf(&b, "heavy %a max %llu\n", cost.heavy_work,
		      (unsigned long long)engine_max_file_size(e));
	uint64_t h = summary_hash_text(b.s, (uint32_t)b.len);
	strbuf_finish(&b);
	return h;
}

/* --- entries --------------------------------------------------------- */

static void
le(unsigned char *p, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get_le(const unsigned char *p, unsigned bytes)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

void
cache_entry_encode(uint64_t fingerprint, const struct cache_key *k,
		   const struct sf_diag_list *diags, const struct sf_summary *s,
		   struct strbuf *out)
{
	struct binio_writer w;
	binio_writer_init(&w);
	binio_put_str(&w, k->path);
	binio_put_u64(&w, k->hash);
	binio_put_u32(&w, k->len);
	binio_put_u32(&w, k->flags);
	binio_put_u64(&w, fingerprint);
	summary_io_write(&w, s);
	diagnostic_io_write(&w, diags);

	size_t at = out->len;
	unsigned char head[CACHE_HEADER_SIZE] = {0};
	strbuf_append(out, (const char *)head, sizeof head);
	binio_writer_output(&w, out);
	binio_writer_finish(&w);
	size_t size = out->len - at - CACHE_HEADER_SIZE;
	unsigned char *h = (unsigned char *)out->s + at;
	memcpy(h, CACHE_MAGIC, 8);
	le(h + 8, CACHE_VERSION, 4);
	le(h + 16, size, 8);
	le(h + 24,
	   summary_hash_text((const char *)h + CACHE_HEADER_SIZE,
			     (uint32_t)size),
	   8);
}

bool
cache_entry_decode(const void *data, size_t len, uint64_t fingerprint,
		   const struct cache_key *k, struct sf_diag_list *diags,
		   struct sf_summary **summary)
{
	const unsigned char *h = data;
	if (len < CACHE_HEADER_SIZE || len > CACHE_ENTRY_MAX ||
	    memcmp(h, CACHE_MAGIC, 8) != 0 ||
	    get_le(h + 8, 4) != CACHE_VERSION || get_le(h + 12, 4) != 0 ||
	    get_le(h + 16, 8) != len - CACHE_HEADER_SIZE)
		return false;
	const char *payload = (const char *)h + CACHE_HEADER_SIZE;
	uint32_t size = (uint32_t)(len - CACHE_HEADER_SIZE);
	if (get_le(h + 24, 8) != summary_hash_text(payload, size))
		return false;
	struct binio_reader r;
	if (!binio_reader_init(&r, payload, size))
		return false;
	const char *path = binio_get_str(&r);
	uint64_t hash = binio_get_u64(&r);
	uint32_t tlen = binio_get_u32(&r);
	uint32_t flags = binio_get_u32(&r);
	uint64_t fp = binio_get_u64(&r);
	if (r.bad || path == NULL || strcmp(path, k->path) != 0 ||
	    hash != k->hash || tlen != k->len || flags != k->flags ||
	    fp != fingerprint)
		return false;
	struct sf_summary *s = summary_io_read(&r);
	if (s == NULL)
		return false;
	struct sf_diag_list l;
	diag_list_init(&l);
	/* The summary is this file's, and so is every finding. */
	bool ok = strcmp(s->path, k->path) == 0 && s->hash == k->hash &&
		  diagnostic_io_read(&r, &l) && binio_reader_done(&r);
	for (uint32_t i = 0; ok && i < l.items.n; i++)
		ok = strcmp(l.items.v[i].path, k->path) == 0;
	if (!ok) {
		summary_destroy(s);
		diag_list_finish(&l);
		return false;
	}
	diag_list_move(diags, &l);
	*summary = s;
	return true;
}

/* --- folders --------------------------------------------------------- */

/* Creates dir (mode 0700) unless it exists. It must be a directory, and
 * when private is true one of ours that nobody else may write to. */
static int
make_dir(const char *dir, bool private, char **note)
{
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		*note = xasprintf("cannot create the cache %s: %s", dir,
				  strerror(errno));
		return -1;
	}
	struct stat st;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		*note = xasprintf("the cache %s is not a directory", dir);
		return -1;
	}
	if (private && (st.st_uid != geteuid() || (st.st_mode & 022) != 0)) {
		*note = xasprintf("the cache %s is not private to this user",
				  dir);
		return -1;
	}
	return 0;
}

/* Creates the parents of base as mkdir -p would (with the usual mode:
 * they are ~/.cache and the like); base itself is made by make_dir. */
static int
make_parents(const char *base, char **note)
{
	char *p = xstrdup(base);
	for (char *s = strchr(p + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			*note = xasprintf("cannot create the cache %s: %s", p,
					  strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

/* The folder holding every workspace's cache, or NULL with *note. */
static char *
base_dir(char **note)
{
	const char *env = getenv("STACKFIT_CACHE_DIR");
	if (env != NULL && env[0] != '\0') {
		if (env[0] != '/') {
			*note = xasprintf("STACKFIT_CACHE_DIR must be an "
					  "absolute path, not '%s'",
					  env);
			return NULL;
		}
		return xstrdup(env);
	}
	/* The XDG specification: a relative value is to be ignored. */
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/stackfit", xdg);
	const char *home = getenv("HOME");
	if (home != NULL && home[0] == '/')
		return xasprintf("%s/.cache/stackfit", home);
	*note = xstrdup("no cache: neither STACKFIT_CACHE_DIR, XDG_CACHE_HOME "
			"nor HOME is set");
	return NULL;
}

/* Writes len bytes to path (created, mode 0600), or fails with errno. */
static int
write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		done += (size_t)n;
	}
	return close(fd);
}

/* Reads the file at path, if it is a regular file of at most max bytes:
 * its bytes (owned by the caller) and length, or NULL. */
static char *
read_file(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > max) {
		close(fd);
		return NULL;
	}
	size_t want = (size_t)st.st_size, n = 0;
	char *buf = xmalloc(want ? want : 1);
	while (n < want) {
		ssize_t r = read(fd, buf + n, want - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n != want) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* --- shards ---------------------------------------------------------- */

static uint64_t
path_hash(const char *rel)
{
	return summary_hash_text(rel, (uint32_t)strlen(rel));
}

static uint32_t
shard_of(uint64_t path_hash)
{
	return (uint32_t)(path_hash >> 58) % CACHE_SHARDS;
}

static char *
shard_path(const struct sf_cache *c, uint32_t i)
{
	return xasprintf("%s/%02x.sfc", c->dir, i);
}

/* Reads shard i's records into c->old. */
static void
read_shard(struct sf_cache *c, uint32_t i)
{
	struct shard *sh = &c->shards[i];
	char *path = shard_path(c, i);
	size_t len = 0;
	sh->buf = read_file(path, CACHE_SHARD_MAX, &len);
	bool exists = sh->buf != NULL || access(path, F_OK) == 0;
	free(path);
	if (sh->buf == NULL) {
		sh->damaged = exists;
		return;
	}
	const unsigned char *p = (const unsigned char *)sh->buf;
	if (len < CACHE_SHARD_HEAD || memcmp(p, CACHE_SHARD_MAGIC, 8) != 0 ||
	    get_le(p + 8, 4) != CACHE_VERSION) {
		sh->damaged = true;
		return;
	}
	uint32_t count = (uint32_t)get_le(p + 12, 4);
	size_t at = CACHE_SHARD_HEAD;
	for (uint32_t k = 0; k < count; k++) {
		if (len - at < CACHE_RECORD_HEAD) {
			sh->damaged = true;
			return;
		}
		uint64_t ph = get_le(p + at, 8);
		uint32_t n = (uint32_t)get_le(p + at + 8, 4);
		at += CACHE_RECORD_HEAD;
		if (n > len - at || shard_of(ph) != i) {
			sh->damaged = true;
			return;
		}
		*VEC_PUSH(c->old) = (struct old_entry){
			.path_hash = ph,
			.data = sh->buf + at,
			.len = n,
			.shard = i,
		};
		at += n;
	}
	if (at != len)
		sh->damaged = true;
}

/* Indexes c->old by path hash. */
static void
index_old(struct sf_cache *c)
{
	c->cap = 16;
	while (c->cap < c->old.n * 2)
		c->cap *= 2;
	c->slots = xcalloc(c->cap, sizeof *c->slots);
	for (uint32_t i = 0; i < c->old.n; i++) {
		uint32_t k = (uint32_t)c->old.v[i].path_hash & (c->cap - 1);
		while (c->slots[k] != 0)
			k = (k + 1) & (c->cap - 1);
		c->slots[k] = i + 1;
	}
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Removes the files of the cache folder dir that the cache writes, then
 * the folder (which stays if anything else is in it). */
static void
remove_folder(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (ends_with(e->d_name, ".sfc") ||
		    ends_with(e->d_name, ".tmp") ||
		    strcmp(e->d_name, "ROOT") == 0)
			(void)unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	(void)rmdir(dir);
}

/* Removes the caches of workspace roots that no longer exist (a deleted
 * clone, a temporary folder): run when a new folder is made, so that the
 * caches of roots come and gone do not pile up. */
static void
forget_gone_roots(const char *base)
{
	DIR *d = opendir(base);
	if (d == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strlen(e->d_name) != 16 ||
		    strspn(e->d_name, "0123456789abcdef") != 16)
			continue;
		char *dir = xasprintf("%s/%s", base, e->d_name);
		char *rootfile = xasprintf("%s/ROOT", dir);
		size_t len;
		char *root = read_file(rootfile, PATH_MAX, &len);
		struct stat st;
		if (root != NULL && len > 1 && root[len - 1] == '\n' &&
		    memchr(root, '\0', len) == NULL) {
			root[len - 1] = '\0';
			if (root[0] == '/' && stat(root, &st) < 0 &&
			    errno == ENOENT)
				remove_folder(dir);
		}
		free(root);
		free(rootfile);
		free(dir);
	}
	closedir(d);
}

struct sf_cache *
cache_open(const char *root, const struct sf_engine *e, char **note)
{
	char *base = base_dir(note);
	if (base == NULL)
		return NULL;
	if (make_parents(base, note) < 0 || make_dir(base, false, note) < 0) {
		free(base);
		return NULL;
	}
	char *dir = xasprintf("%s/%016llx", base,
			      (unsigned long long)path_hash(root));
	bool fresh = access(dir, F_OK) != 0;
	if (make_dir(dir, true, note) < 0) {
		free(dir);
		free(base);
		return NULL;
	}
	if (fresh) {
		forget_gone_roots(base);
		/* Which repository the folder is for (for people, and for
		 * forget_gone_roots); and the tag that backup tools know to
		 * skip. Best effort. */
		char *p = xasprintf("%s/ROOT", dir);
		char *text = xasprintf("%s\n", root);
		(void)write_file(p, text, strlen(text));
		free(text);
		free(p);
		static const char tag[] =
			"Signature: 8a477f597d28d172789f06886806bc55\n"
			"# stackfit's analysis cache: safe to delete.\n";
		p = xasprintf("%s/CACHEDIR.TAG", base);
		(void)write_file(p, tag, sizeof tag - 1);
		free(p);
	}
	free(base);
	struct sf_cache *c = xcalloc(1, sizeof *c);
	c->dir = dir;
	c->fingerprint = cache_fingerprint(e);
	atomic_init(&c->failed, false);
	for (uint32_t i = 0; i < CACHE_SHARDS; i++) {
		uv_mutex_init(&c->shards[i].lock);
		read_shard(c, i);
	}
	index_old(c);
	return c;
}

void
cache_close(struct sf_cache *c)
{
	if (c == NULL)
		return;
	for (uint32_t i = 0; i < CACHE_SHARDS; i++) {
		struct shard *sh = &c->shards[i];
		for (uint32_t k = 0; k < sh->fresh.n; k++)
			free(sh->fresh.v[k].data);
		VEC_FREE(sh->fresh);
		free(sh->buf);
		uv_mutex_destroy(&sh->lock);
	}
	VEC_FREE(c->old);
	free(c->slots);
	free(c->dir);
	free(c->note);
	free(c);
}

const char *
cache_dir(const struct sf_cache *c)
{
	return c->dir;
}

const char *
cache_note(const struct sf_cache *c)
{
	return atomic_load(&c->failed) ? c->note : NULL;
}

bool
cache_load(struct sf_cache *c, const struct cache_key *k,
	   struct sf_diag_list *diags, struct sf_summary **summary)
{
	uint64_t ph = path_hash(k->path);
	uint32_t mask = c->cap - 1;
	/* Every entry of this path hash (a collision of two paths, or a
	 * damaged shard's repeats): the one whose key matches. */
	for (uint32_t i = (uint32_t)ph & mask; c->slots[i] != 0;
	     i = (i + 1) & mask) {
		struct old_entry *o = &c->old.v[c->slots[i] - 1];
		if (o->path_hash == ph &&
		    cache_entry_decode(o->data, o->len, c->fingerprint, k,
				       diags, summary)) {
			o->seen = true;
			return true;
		}
	}
	return false;
}

void
cache_store(struct sf_cache *c, const struct cache_key *k,
	    const struct sf_diag_list *diags, const struct sf_summary *s)
{
	struct strbuf b;
	strbuf_init(&b);
	cache_entry_encode(c->fingerprint, k, diags, s, &b);
	if (b.len > CACHE_ENTRY_MAX) {
		strbuf_finish(&b);
		return;
	}
	uint64_t ph = path_hash(k->path);
	struct shard *sh = &c->shards[shard_of(ph)];
	/* Kept until the flush: trimmed to its size (a strbuf grows by
	 * doubling). */
	uint32_t len = (uint32_t)b.len;
	struct new_entry e = {
		.path_hash = ph,
		.len = len,
		.data = xrealloc(strbuf_detach(&b), len),
	};
	uv_mutex_lock(&sh->lock);
	*VEC_PUSH(sh->fresh) = e;
	uv_mutex_unlock(&sh->lock);
}

static void
failed(struct sf_cache *c, int err)
{
	bool was = false;
	if (atomic_compare_exchange_strong(&c->failed, &was, true))
		c->note = xasprintf("cannot write the cache %s: %s; going on "
				    "without it",
				    c->dir, strerror(err));
}

static void
put_record(struct strbuf *b, uint64_t ph, const char *data, uint32_t len)
{
	unsigned char head[CACHE_RECORD_HEAD];
	le(head, ph, 8);
	le(head + 8, len, 4);
	strbuf_append(b, (const char *)head, sizeof head);
	strbuf_append(b, data, len);
}

/* Writes shard i again: the entries this run used, and the new ones; or
 * removes it when there are none. */
static void
write_shard(struct sf_cache *c, uint32_t i)
{
	struct shard *sh = &c->shards[i];
	struct strbuf b;
	strbuf_init(&b);
	unsigned char head[CACHE_SHARD_HEAD] = {0};
	memcpy(head, CACHE_SHARD_MAGIC, 8);
	le(head + 8, CACHE_VERSION, 4);
	strbuf_append(&b, (const char *)head, sizeof head);
	uint32_t count = 0;
	for (uint32_t k = 0; k < c->old.n; k++) {
		const struct old_entry *o = &c->old.v[k];
		if (o->shard == i && o->seen) {
			put_record(&b, o->path_hash, o->data, o->len);
			count++;
		}
	}
	for (uint32_t k = 0; k < sh->fresh.n; k++) {
		put_record(&b, sh->fresh.v[k].path_hash, sh->fresh.v[k].data,
			   sh->fresh.v[k].len);
		count++;
	}
	le((unsigned char *)b.s + 12, count, 4);
	char *path = shard_path(c, i);
	if (count == 0) {
		if (unlink(path) < 0 && errno != ENOENT)
			failed(c, errno);
	} else {
		char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
		if (write_file(tmp, b.s, b.len) < 0 || rename(tmp, path) < 0) {
			failed(c, errno);
			unlink(tmp);
		}
		free(tmp);
	}
	free(path);
	strbuf_finish(&b);
}

/* Removes temporary files that a run which died left behind. */
static void
remove_leftovers(struct sf_cache *c)
{
	DIR *d = opendir(c->dir);
	if (d == NULL)
		return;
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		if (ends_with(e->d_name, ".tmp") &&
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
			    0 &&
		    now - st.st_mtime > CACHE_TMP_MAX_AGE)
			(void)unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

void
cache_flush(struct sf_cache *c)
{
	bool dirty[CACHE_SHARDS];
	for (uint32_t i = 0; i < CACHE_SHARDS; i++)
		dirty[i] = c->shards[i].damaged || c->shards[i].fresh.n > 0;
	for (uint32_t k = 0; k < c->old.n; k++)
		if (!c->old.v[k].seen)
			dirty[c->old.v[k].shard] = true;
	for (uint32_t i = 0; i < CACHE_SHARDS && !atomic_load(&c->failed); i++)
		if (dirty[i])
			write_shard(c, i);
	remove_leftovers(c);
}
