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
 *   payload: a binio blob of the key (path, the text's BLAKE2b and length,
 *   file flags, the settings' BLAKE2b), the summary (summary_io) and the
 *   findings (diagnostic_io)
 *
 * all integers little-endian. The checksum (summary_hash_text of the
 * payload) turns any flipped bit into a miss; the readers behind it check
 * every length and index anyway. A shard that cannot be parsed to its end
 * keeps the records before the damage and is written again.
 */
#define _GNU_SOURCE /* renameat2 */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sys/random.h>
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
#define CACHE_LAYOUT_VERSION 3
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
	int dir_fd; /* dir, opened without following a link */
	struct cache_digest settings;
	struct shard shards[CACHE_SHARDS];
	VEC(struct old_entry) old;
	/* old by path hash: open addressing over index + 1, 0 empty. */
	uint32_t *slots;
	uint32_t cap;
	atomic_bool failed; /* a write failed: no more stores */
	char *note;         /* why, set by the first failure */
};

/* --- hashes -------------------------------------------------------- */

/* BLAKE2b with 256-bit digests, libsodium's crypto_generichash: a
 * cryptographic hash, and fast in software (libsodium picks the CPU's
 * vector instructions once sodium_init ran). */
static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void
start_sodium(void)
{
	/* It only fails where it cannot read random numbers, which the
	 * hash does not use: the portable code is used then. */
	if (sodium_init() < 0)
		return;
}

static void
hash_begin(crypto_generichash_state *st)
{
	pthread_once(&sodium_once, start_sodium);
	crypto_generichash_init(st, NULL, 0, CACHE_DIGEST_SIZE);
}

static void
hash_add(crypto_generichash_state *st, const void *data, size_t len)
{
	crypto_generichash_update(st, data, len);
}

static void
hash_end(crypto_generichash_state *st, struct cache_digest *out)
{
	crypto_generichash_final(st, out->b, CACHE_DIGEST_SIZE);
}

void
cache_key_set_text(struct cache_key *k, const char *text, uint32_t len)
{
	crypto_generichash_state st;
	hash_begin(&st);
	hash_add(&st, text, len);
	hash_end(&st, &k->digest);
	k->hash = summary_hash_text(text, len);
	k->len = len;
}

/* The digest of the running executable, so that a rebuild with the same
 * version number (a developer's) does not reuse results of other code;
 * read once per process (it is the same file for the process's life).
 * All zeros when it cannot be read. */
static pthread_once_t exe_once = PTHREAD_ONCE_INIT;
static struct cache_digest exe_digest;

static void
hash_exe(void)
{
	int fd = open(CACHE_EXE_PATH, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	char *buf = xmalloc(CACHE_EXE_CHUNK);
	crypto_generichash_state st;
	hash_begin(&st);
	bool ok = true;
	for (;;) {
		ssize_t n = read(fd, buf, CACHE_EXE_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ok = n == 0;
			break;
		}
		hash_add(&st, buf, (size_t)n);
	}
	hash_end(&st, &exe_digest);
	if (!ok)
		memset(&exe_digest, 0, sizeof exe_digest);
	free(buf);
	close(fd);
}

/* Appends " " and v in decimal (what "%d" and "%zu" print). */
static void
put_num(struct strbuf *b, long long v)
{
	char d[24];
	int n = sizeof d;
	unsigned long long u =
		v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do
		d[--n] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		d[--n] = '-';
	d[--n] = ' ';
	strbuf_append(b, d + n, sizeof d - (size_t)n);
}

static void
add_api(void *ctx, enum sf_family_id family, const struct sf_api *api)
{
	/* Strings with their lengths: a configured replacement may hold
	 * anything, a newline included. What "api %d %d %d %zu:%s %zu:%s\n"
	 * prints, without printf: the catalogue's hundreds of entries are
	 * hashed at every request to the daemon. */
	struct strbuf *b = ctx;
	const char *r = api->replacement ? api->replacement : "";
	size_t nl = strlen(api->name), rl = strlen(r);
	strbuf_append(b, "api", 3);
	put_num(b, (int)family);
	put_num(b, (int)api->kind);
	put_num(b, (int)api->prefix);
	put_num(b, (long long)nl);
	strbuf_putc(b, ':');
	strbuf_append(b, api->name, nl);
	put_num(b, (long long)rl);
	strbuf_putc(b, ':');
	strbuf_append(b, r, rl);
	strbuf_putc(b, '\n');
}

void
cache_settings_digest(const struct sf_engine *e, struct cache_digest *out)
{
	pthread_once(&exe_once, hash_exe);
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(&b, "stackfit %s %u exe ", STACKFIT_VERSION,
		      CACHE_VERSION);
	for (int i = 0; i < CACHE_DIGEST_SIZE; i++)
		strbuf_printf(&b, "%02x", exe_digest.b[i]);
	strbuf_putc(&b, '\n');
	for (size_t i = 0; i < rule_count; i++)
		strbuf_printf(&b, "rule %s %d\n", rule_table[i]->id,
			      (int)engine_severity(e, rule_table[i]));
	catalogue_each(engine_catalogue(e), add_api, &b);
	struct cost_options cost = engine_cost_options(e);
	strbuf_printf(&b, "heavy %a max %llu\n", cost.heavy_work,
		      (unsigned long long)engine_max_file_size(e));
	crypto_generichash_state st;
	hash_begin(&st);
	hash_add(&st, b.s, b.len);
	hash_end(&st, out);
	strbuf_finish(&b);
}

uint64_t
cache_fingerprint(const struct sf_engine *e)
{
	struct cache_digest d;
	cache_settings_digest(e, &d);
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)d.b[i] << (8 * i);
	return v;
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

static void
put_digest(struct binio_writer *w, const struct cache_digest *d)
{
	for (int i = 0; i < CACHE_DIGEST_SIZE; i += 8)
		binio_put_u64(w, get_le(d->b + i, 8));
}

static bool
same_digest(struct binio_reader *r, const struct cache_digest *d)
{
	bool same = true;
	for (int i = 0; i < CACHE_DIGEST_SIZE; i += 8)
		same &= binio_get_u64(r) == get_le(d->b + i, 8);
	return same;
}

void
cache_entry_encode(const struct cache_digest *settings,
		   const struct cache_key *k, const struct sf_diag_list *diags,
		   const struct sf_summary *s, struct strbuf *out)
{
	struct binio_writer w;
	binio_writer_init(&w);
	binio_put_str(&w, k->path);
	put_digest(&w, &k->digest);
	binio_put_u32(&w, k->len);
	binio_put_u32(&w, k->flags);
	put_digest(&w, settings);
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
cache_entry_decode(const void *data, size_t len,
		   const struct cache_digest *settings,
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
	bool same_text = same_digest(&r, &k->digest);
	uint32_t tlen = binio_get_u32(&r);
	uint32_t flags = binio_get_u32(&r);
	bool same_settings = same_digest(&r, settings);
	if (r.bad || path == NULL || strcmp(path, k->path) != 0 || !same_text ||
	    tlen != k->len || flags != k->flags || !same_settings)
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

/* Creates the folder name in the folder at at (AT_FDCWD: name is a path)
 * with mode 0700 unless it exists, and opens it without following a link.
 * It must be a directory, and when private is true one of ours that
 * nobody else may write to. Returns its descriptor, or -1 with *note. */
static int
open_dir(int at, const char *name, const char *shown, bool private, char **note)
{
	if (mkdirat(at, name, 0700) < 0 && errno != EEXIST) {
		*note = xasprintf("cannot create the cache %s: %s", shown,
				  strerror(errno));
		return -1;
	}
	int fd = openat(at, name,
			O_RDONLY | O_DIRECTORY | O_CLOEXEC |
				(private ? O_NOFOLLOW : 0));
	struct stat st;
	if (fd < 0 && private &&
	    fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode)) {
		*note = xasprintf("the cache %s is a symbolic link", shown);
		return -1;
	}
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		*note = xasprintf("the cache %s is not a directory", shown);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (private && (st.st_uid != geteuid() || (st.st_mode & 022) != 0)) {
		*note = xasprintf("the cache %s is not private to this user",
				  shown);
		close(fd);
		return -1;
	}
	return fd;
}

/* Creates the parents of base as mkdir -p would (with the usual mode:
 * they are ~/.cache and the like); base itself is made by open_dir. */
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

/* Writes len bytes to a new file name in the folder at (mode 0600), or
 * fails with errno. */
static int
write_file(int at, const char *name, const char *data, size_t len)
{
	int fd = openat(at, name,
			O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
			0600);
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

/* Reads the file name in the folder at, if it is a regular file of at
 * most max bytes: its bytes (owned by the caller) and length, or NULL. */
static char *
read_file(int at, const char *name, size_t max, size_t *len)
{
	/* Not blocking: a FIFO put there must not stop the run. */
	int fd = openat(at, name,
			O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
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

/* The file name of shard i. */
static void
shard_name(uint32_t i, char name[16])
{
	snprintf(name, 16, "%02x.sfc", i);
}

/* Reads shard i's records into c->old. */
static void
read_shard(struct sf_cache *c, uint32_t i)
{
	struct shard *sh = &c->shards[i];
	char name[16];
	shard_name(i, name);
	size_t len = 0;
	sh->buf = read_file(c->dir_fd, name, CACHE_SHARD_MAX, &len);
	struct stat st;
	bool exists = sh->buf != NULL ||
		      fstatat(c->dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
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

/* Calls fn(dir_fd, name, st, arg) for each entry of the folder open at
 * dir_fd (which stays open) with its lstat. */
static void
each_entry(int dir_fd,
	   void (*fn)(int dir_fd, const char *name, const struct stat *st,
		      void *arg),
	   void *arg)
{
	int fd = dup(dir_fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(d);
	struct dirent *e;
	struct stat st;
	while ((e = readdir(d)) != NULL)
		if (fstatat(dir_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			fn(dir_fd, e->d_name, &st, arg);
	closedir(d);
}

static void
remove_ours(int dir_fd, const char *name, const struct stat *st, void *arg)
{
	(void)arg;
	if (!S_ISDIR(st->st_mode) &&
	    (ends_with(name, ".sfc") || ends_with(name, ".tmp") ||
	     strcmp(name, "ROOT") == 0))
		(void)unlinkat(dir_fd, name, 0);
}

/* The root a workspace's cache folder name (in the base folder at
 * base_fd, with lstat st) says it is of, when it is a real folder of
 * this user's that the cache made and that root no longer exists (a
 * deleted clone, a temporary folder, a CI checkout restored on another
 * machine); else NULL. Owned by the caller. */
static char *
gone_root(int base_fd, const char *name, const struct stat *st)
{
	if (!S_ISDIR(st->st_mode) || st->st_uid != geteuid() ||
	    strlen(name) != 16 || strspn(name, "0123456789abcdef") != 16)
		return NULL;
	int fd = openat(base_fd, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	size_t len;
	char *root = read_file(fd, "ROOT", PATH_MAX, &len);
	close(fd);
	struct stat rst;
	if (root != NULL && len > 1 && root[len - 1] == '\n' &&
	    memchr(root, '\0', len) == NULL) {
		root[len - 1] = '\0';
		if (root[0] == '/' && stat(root, &rst) < 0 && errno == ENOENT)
			return root;
	}
	free(root);
	return NULL;
}

/* Removes a workspace's cache folder name when its root no longer
 * exists: the files the cache writes, then the folder (which stays if
 * anything else is in it). arg is the name of the folder being opened,
 * which stays. */
static void
forget_if_gone(int base_fd, const char *name, const struct stat *st, void *arg)
{
	if (strcmp(name, (const char *)arg) == 0)
		return;
	char *root = gone_root(base_fd, name, st);
	if (root == NULL)
		return;
	free(root);
	int fd = openat(base_fd, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	each_entry(fd, remove_ours, NULL);
	(void)unlinkat(base_fd, name, AT_REMOVEDIR);
	close(fd);
}

/* The folder a new root adopts: of those whose root is gone, one whose
 * root had the same last component (a clone of the same repository),
 * else any; the most recently changed first. */
struct orphan {
	const char *base; /* the new root's last component */
	char name[17];
	bool same_base;
	struct timespec mtime;
};

static void
consider_orphan(int base_fd, const char *name, const struct stat *st, void *arg)
{
	struct orphan *o = arg;
	char *root = gone_root(base_fd, name, st);
	if (root == NULL)
		return;
	const char *slash = strrchr(root, '/');
	bool same = strcmp(slash ? slash + 1 : root, o->base) == 0;
	bool newer = st->st_mtim.tv_sec > o->mtime.tv_sec ||
		     (st->st_mtim.tv_sec == o->mtime.tv_sec &&
		      st->st_mtim.tv_nsec > o->mtime.tv_nsec);
	if (o->name[0] == '\0' || (same && !o->same_base) ||
	    (same == o->same_base && newer)) {
		snprintf(o->name, sizeof o->name, "%s", name);
		o->same_base = same;
		o->mtime = st->st_mtim;
	}
	free(root);
}

/* A workspace opened for the first time takes over the folder of one
 * whose root is gone, as a cache restored into a CI checkout at another
 * path is: its entries are keyed by root-relative path and content, so
 * they are as good here, and those this run does not use leave at its
 * flush. Renamed into place (never over a folder that exists), so two
 * runs cannot both take one. */
static void
adopt_orphan(int base_fd, const char *root, const char *name)
{
	const char *slash = strrchr(root, '/');
	struct orphan o = {.base = slash ? slash + 1 : root};
	each_entry(base_fd, consider_orphan, &o);
	if (o.name[0] != '\0')
		(void)renameat2(base_fd, o.name, base_fd, name,
				RENAME_NOREPLACE);
}

struct sf_cache *
cache_open(const char *root, const struct sf_engine *e, char **note)
{
	char *base = base_dir(note);
	if (base == NULL)
		return NULL;
	int base_fd = -1;
	if (make_parents(base, note) < 0 ||
	    (base_fd = open_dir(AT_FDCWD, base, base, false, note)) < 0) {
		free(base);
		return NULL;
	}
	char name[17];
	snprintf(name, sizeof name, "%016llx",
		 (unsigned long long)path_hash(root));
	char *dir = xasprintf("%s/%s", base, name);
	struct stat st;
	bool fresh = fstatat(base_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0;
	if (fresh)
		adopt_orphan(base_fd, root, name);
	int dir_fd = open_dir(base_fd, name, dir, true, note);
	if (dir_fd < 0) {
		close(base_fd);
		free(dir);
		free(base);
		return NULL;
	}
	if (fresh) {
		/* Which repository the folder is for (for people, and for
		 * forget_if_gone: an adopted folder's names its old root,
		 * which is gone); and the tag that backup tools know to
		 * skip. Best effort. */
		char *text = xasprintf("%s\n", root);
		(void)unlinkat(dir_fd, "ROOT", 0);
		(void)write_file(dir_fd, "ROOT", text, strlen(text));
		free(text);
		each_entry(base_fd, forget_if_gone, name);
		static const char tag[] =
			"Signature: 8a477f597d28d172789f06886806bc55\n"
			"# stackfit's analysis cache: safe to delete.\n";
		(void)write_file(base_fd, "CACHEDIR.TAG", tag, sizeof tag - 1);
	}
	close(base_fd);
	free(base);
	struct sf_cache *c = xcalloc(1, sizeof *c);
	c->dir = dir;
	c->dir_fd = dir_fd;
	cache_settings_digest(e, &c->settings);
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
	close(c->dir_fd);
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
		    cache_entry_decode(o->data, o->len,
				       k->settings ? k->settings : &c->settings,
				       k, diags, summary)) {
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
	cache_entry_encode(k->settings ? k->settings : &c->settings, k, diags,
			   s, &b);
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

/* Writes len bytes to a new temporary file for name in the folder at, its
 * name (at most 63 bytes) in tmp: "NAME.PID.RANDOM.tmp". The random part
 * keeps it apart from the left-over of a run that died with the same pid
 * (in a container, every run may be pid 1) and from a run at the same
 * time in another pid namespace. Fails with errno. */
static int
write_temporary(int at, const char *name, const char *data, size_t len,
		char tmp[64])
{
	for (int tries = 0;; tries++) {
		uint64_t r;
		if (getrandom(&r, sizeof r, GRND_NONBLOCK) != sizeof r)
			r = (uint64_t)time(NULL) * 0x9E3779B97F4A7C15ull ^
			    (uint64_t)(uintptr_t)&r ^ (uint64_t)tries;
		snprintf(tmp, 64, "%s.%ld.%016llx.tmp", name, (long)getpid(),
			 (unsigned long long)r);
		if (write_file(at, tmp, data, len) == 0)
			return 0;
		if (errno != EEXIST || tries == 8)
			return -1;
	}
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
	char name[16];
	shard_name(i, name);
	if (count == 0) {
		if (unlinkat(c->dir_fd, name, 0) < 0 && errno != ENOENT)
			failed(c, errno);
	} else {
		char tmp[64];
		if (write_temporary(c->dir_fd, name, b.s, b.len, tmp) < 0 ||
		    renameat(c->dir_fd, tmp, c->dir_fd, name) < 0) {
			failed(c, errno);
			(void)unlinkat(c->dir_fd, tmp, 0);
		}
	}
	strbuf_finish(&b);
}

static void
remove_if_old(int dir_fd, const char *name, const struct stat *st, void *arg)
{
	const time_t *now = arg;
	if (ends_with(name, ".tmp") && !S_ISDIR(st->st_mode) &&
	    *now - st->st_mtime > CACHE_TMP_MAX_AGE)
		(void)unlinkat(dir_fd, name, 0);
}

/* Removes temporary files that a run which died left behind. */
static void
remove_leftovers(struct sf_cache *c)
{
	time_t now = time(NULL);
	each_entry(c->dir_fd, remove_if_old, &now);
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
