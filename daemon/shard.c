/*
 * Shard files (shard.h): written with binio, read back trusting nothing.
 */
#include "shard.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diagnostic_io.h"
#include "summary_io.h"
#include "util/binio.h"
#include "util/xalloc.h"

/* A shard file larger than this is not read. */
#define SHARD_FILE_MAX (4ull * 1024 * 1024 * 1024)

uint32_t
shard_of(const char *path, uint32_t n)
{
	return n <= 1 ? 0
		      : (uint32_t)(summary_hash_text(path,
						     (uint32_t)strlen(path)) %
				   n);
}

int
shard_parse_spec(const char *s, uint32_t *i, uint32_t *n)
{
	char *end;
	errno = 0;
	if (s[0] < '0' || s[0] > '9')
		return -1;
	unsigned long a = strtoul(s, &end, 10);
	if (errno != 0 || *end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	unsigned long b = strtoul(end + 1, &end, 10);
	if (errno != 0 || *end != '\0' || b == 0 || b > SHARD_COUNT_MAX ||
	    a >= b)
		return -1;
	*i = (uint32_t)a;
	*n = (uint32_t)b;
	return 0;
}

/* --- writing ------------------------------------------------------------ */

void
shard_write_header(struct strbuf *out, uint64_t settings, uint32_t i,
		   uint32_t n, uint32_t count)
{
	strbuf_printf(out, "stackfit-shard %d %s %016" PRIx64 " %u %u %u\n",
		      SHARD_FORMAT, STACKFIT_VERSION, settings, i, n, count);
}

void
shard_write_record(struct strbuf *out, const struct shard_record *r)
{
	struct binio_writer w;
	binio_writer_init(&w);
	binio_put_str(&w, r->path);
	binio_put_u32(&w, r->flags);
	binio_put_u64(&w, r->hash);
	binio_put_u32(&w, r->len);
	binio_put_u8(&w, r->analysed);
	if (r->analysed) {
		diagnostic_io_write(&w, r->diags);
		binio_put_u8(&w, r->summary != NULL);
		if (r->summary != NULL)
			summary_io_write(&w, r->summary);
	}
	struct strbuf blob;
	strbuf_init(&blob);
	binio_writer_output(&w, &blob);
	binio_writer_finish(&w);
	strbuf_printf(
		out, "%zu %016" PRIx64 "\n", blob.len,
		summary_hash_text(blob.s ? blob.s : "", (uint32_t)blob.len));
	strbuf_append(out, blob.s ? blob.s : "", blob.len);
	strbuf_putc(out, '\n');
	strbuf_finish(&blob);
}

/* --- reading ------------------------------------------------------------ */

static int
fail_at(char **cause, const char *name, size_t at, const char *problem)
{
	*cause = xasprintf("%s: byte %zu: %s", name, at, problem);
	return -1;
}

/* Reads the whole file name into *data (owned), at most SHARD_FILE_MAX
 * bytes. */
static int
slurp(const char *name, char **data, size_t *len, char **cause)
{
	int fd = open(name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		*cause = xasprintf("%s: %s", name, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", name);
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > SHARD_FILE_MAX) {
		*cause = xasprintf("%s: larger than %llu bytes", name,
				   (unsigned long long)SHARD_FILE_MAX);
		close(fd);
		return -1;
	}
	struct strbuf b;
	strbuf_init(&b);
	char buf[1 << 16];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = xasprintf("%s: %s", name, strerror(errno));
			strbuf_finish(&b);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > SHARD_FILE_MAX) {
			*cause = xasprintf("%s: larger than %llu bytes", name,
					   (unsigned long long)SHARD_FILE_MAX);
			strbuf_finish(&b);
			close(fd);
			return -1;
		}
		strbuf_append(&b, buf, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*data = b.len ? strbuf_detach(&b) : (strbuf_finish(&b), xstrdup(""));
	return 0;
}

/* The line at data + at (up to '\n', at most max bytes) copied to line
 * (NUL-terminated); *next after its '\n'. */
static bool
get_line(const char *data, size_t len, size_t at, size_t max, char *line,
	 size_t *next)
{
	const char *nl = at < len ? memchr(data + at, '\n', len - at) : NULL;
	if (nl == NULL || (size_t)(nl - (data + at)) >= max)
		return false;
	size_t n = (size_t)(nl - (data + at));
	memcpy(line, data + at, n);
	line[n] = '\0';
	*next = at + n + 1;
	return memchr(line, '\0', n) == NULL;
}

/* Decodes a record's blob into e (its key) and, when diags is not NULL,
 * its results. */
static bool
decode(const char *blob, size_t len, struct shard_entry *e,
       struct sf_diag_list *diags, struct sf_summary **summary)
{
	struct binio_reader rd;
	if (!binio_reader_init(&rd, blob, len))
		return false;
	const char *path = binio_get_str(&rd);
	uint32_t flags = binio_get_u32(&rd);
	uint64_t hash = binio_get_u64(&rd);
	uint32_t tlen = binio_get_u32(&rd);
	uint8_t analysed = binio_get_u8(&rd);
	if (rd.bad || path == NULL || path[0] == '\0' || path[0] == '/' ||
	    analysed > 1)
		return false;
	if (e != NULL) {
		e->path = xstrdup(path);
		e->flags = flags;
		e->hash = hash;
		e->len = tlen;
		e->analysed = analysed;
	}
	struct sf_diag_list l;
	diag_list_init(&l);
	struct sf_summary *s = NULL;
	bool ok = true;
	if (analysed) {
		ok = diagnostic_io_read(&rd, &l);
		uint8_t has = binio_get_u8(&rd);
		ok = ok && !rd.bad && has <= 1;
		if (ok && has) {
			s = summary_io_read(&rd);
			ok = s != NULL;
		}
	}
	ok = ok && binio_reader_done(&rd);
	if (ok && diags != NULL) {
		diag_list_move(diags, &l);
		*summary = s;
		s = NULL;
	}
	diag_list_finish(&l);
	summary_destroy(s);
	return ok;
}

bool
shard_results(const struct shard_entry *e, struct sf_diag_list *diags,
	      struct sf_summary **summary)
{
	*summary = NULL;
	return decode(e->blob, e->blob_len, NULL, diags, summary);
}

int
shard_read(const char *name, struct shard_file *out, char **cause)
{
	*out = (struct shard_file){.name = xstrdup(name)};
	char *data;
	size_t len;
	if (slurp(name, &data, &len, cause) < 0) {
		shard_file_finish(out);
		return -1;
	}
	int rc = -1;
	char line[SHARD_HEADER_MAX];
	size_t at = 0, next;
	char magic[32], version[64], settings[32];
	int format;
	unsigned idx, of, count;
	char extra;
	if (!get_line(data, len, 0, sizeof line, line, &next) ||
	    sscanf(line, "%31s %d %63s %31s %u %u %u %c", magic, &format,
		   version, settings, &idx, &of, &count, &extra) != 7 ||
	    strcmp(magic, "stackfit-shard") != 0) {
		fail_at(cause, name, 0,
			"not a stackfit shard (its first line should be "
			"\"stackfit-shard FORMAT VERSION SETTINGS I N "
			"COUNT\")");
		goto done;
	}
	if (format != SHARD_FORMAT) {
		*cause = xasprintf("%s: byte 0: shard format %d, this stackfit "
				   "reads format %d",
				   name, format, SHARD_FORMAT);
		goto done;
	}
	if (strcmp(version, STACKFIT_VERSION) != 0) {
		*cause = xasprintf("%s: byte 0: made by stackfit %s, this is "
				   "%s",
				   name, version, STACKFIT_VERSION);
		goto done;
	}
	char *end;
	errno = 0;
	out->settings = strtoull(settings, &end, 16);
	if (strlen(settings) != 16 || *end != '\0' || errno != 0 || of == 0 ||
	    of > SHARD_COUNT_MAX || idx >= of || count > SHARD_FILES_MAX) {
		fail_at(cause, name, 0,
			"the header's settings, shard, count of shards or "
			"count of files is out of range");
		goto done;
	}
	out->index = idx;
	out->count_of = of;
	at = next;
	for (uint32_t k = 0; k < count; k++) {
		char lenline[64];
		size_t blen;
		uint64_t check;
		char x;
		if (!get_line(data, len, at, sizeof lenline, lenline, &next) ||
		    sscanf(lenline, "%zu %" SCNx64 " %c", &blen, &check, &x) !=
			    2) {
			char *why = xasprintf("record %u of %u: missing, or "
					      "without its \"LENGTH CHECK\" "
					      "line",
					      k + 1, count);
			fail_at(cause, name, at, why);
			free(why);
			goto done;
		}
		if (blen > SHARD_RECORD_MAX || blen > len - next ||
		    len - next - blen < 1 || data[next + blen] != '\n') {
			char *why = xasprintf("record %u of %u: its length "
					      "(%zu bytes) runs past the end "
					      "of the file or the limit",
					      k + 1, count, blen);
			fail_at(cause, name, at, why);
			free(why);
			goto done;
		}
		const char *blob = data + next;
		if (summary_hash_text(blob, (uint32_t)blen) != check) {
			char *why = xasprintf("record %u of %u: damaged (its "
					      "check does not match)",
					      k + 1, count);
			fail_at(cause, name, next, why);
			free(why);
			goto done;
		}
		struct shard_entry *r = VEC_PUSH(out->entries);
		r->blob = blob;
		r->blob_len = blen;
		if (!decode(blob, blen, r, NULL, NULL)) {
			char *why = xasprintf("record %u of %u: not a valid "
					      "record",
					      k + 1, count);
			fail_at(cause, name, next, why);
			free(why);
			goto done;
		}
		if (out->entries.n > 1 &&
		    strcmp(out->entries.v[out->entries.n - 2].path, r->path) >=
			    0) {
			char *why = xasprintf("record %u of %u: %s is out of "
					      "path order",
					      k + 1, count, r->path);
			fail_at(cause, name, next, why);
			free(why);
			goto done;
		}
		at = next + blen + 1;
	}
	if (at != len) {
		fail_at(cause, name, at,
			"more bytes after the last record (a damaged or "
			"concatenated file)");
		goto done;
	}
	rc = 0;
done:
	out->data = data;
	if (rc < 0)
		shard_file_finish(out);
	return rc;
}

void
shard_file_finish(struct shard_file *f)
{
	if (f == NULL)
		return;
	for (uint32_t i = 0; i < f->entries.n; i++)
		free(f->entries.v[i].path);
	VEC_FREE(f->entries);
	free(f->data);
	free(f->name);
	*f = (struct shard_file){0};
}
