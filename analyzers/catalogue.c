/*
 * Catalogue: TSV loading and lookup by resolved name. Entries are kept in a
 * hash table per language; prefix entries are looked up by trying each
 * shorter dotted prefix of the name.
 */
#include "catalogue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "util/strbuf.h"
#include "util/vec.h"
#include "util/hash.h"
#include "util/xalloc.h"

static const char *const kind_names[SF_API_KIND_COUNT] = {
	[SF_API_SYNC_FS] = "sync-fs",
	[SF_API_SYNC_PROCESS] = "sync-process",
	[SF_API_SYNC_ZLIB] = "sync-zlib",
	[SF_API_SYNC_CRYPTO] = "sync-crypto",
	[SF_API_SLEEP] = "sleep",
	[SF_API_NETWORK] = "network",
	[SF_API_SUBPROCESS] = "subprocess",
	[SF_API_FILE_IO] = "file-io",
	[SF_API_INPUT] = "input",
	[SF_API_DATABASE] = "database",
	[SF_API_SYNC_PRIMITIVE] = "sync-primitive",
	[SF_API_FUTURE_WAIT] = "future-wait",
	[SF_API_RELEASES_GIL] = "releases-gil",
	[SF_API_THREAD_SUBMIT] = "thread-submit",
	[SF_API_PROCESS_SUBMIT] = "process-submit",
	[SF_API_CLOCK] = "clock",
	[SF_API_LARGE_DATA] = "large-data",
	[SF_API_NO_IO] = "no-io",
};

struct table {
	VEC(struct sf_api) entries;
	int32_t *heads; /* buckets of entry indexes, chained through next */
	VEC(int32_t) next;
	uint32_t buckets;
};

struct sf_catalogue {
	struct table tables[SF_FAMILY_COUNT]; /* by family */
	/* SF_API_LARGE_DATA entries, apart: nothing that asks what a call
	 * does should find them. */
	struct table data[SF_FAMILY_COUNT];
};

const char *
catalogue_kind_name(enum sf_api_kind kind)
{
	return (unsigned)kind < SF_API_KIND_COUNT ? kind_names[kind] : "?";
}

int
catalogue_kind_from_name(const char *name)
{
	for (int i = 0; i < SF_API_KIND_COUNT; i++)
		if (strcmp(kind_names[i], name) == 0)
			return i;
	return -1;
}

struct sf_catalogue *
catalogue_create(void)
{
	return xcalloc(1, sizeof(struct sf_catalogue));
}

void
catalogue_destroy(struct sf_catalogue *c)
{
	if (c == NULL)
		return;
	for (int l = 0; l < 2 * SF_FAMILY_COUNT; l++) {
		struct table *t = l < SF_FAMILY_COUNT
					  ? &c->tables[l]
					  : &c->data[l - SF_FAMILY_COUNT];
		for (uint32_t i = 0; i < t->entries.n; i++) {
			free((char *)t->entries.v[i].name);
			free((char *)t->entries.v[i].replacement);
		}
		VEC_FREE(t->entries);
		VEC_FREE(t->next);
		free(t->heads);
	}
	free(c);
}

static void
rehash(struct table *t)
{
	free(t->heads);
	uint32_t buckets = 64;
	while (buckets < t->entries.n * 2)
		buckets *= 2;
	t->buckets = buckets;
	t->heads = xmalloc(buckets * sizeof *t->heads);
	for (uint32_t i = 0; i < buckets; i++)
		t->heads[i] = -1;
	t->next.n = 0;
	for (uint32_t i = 0; i < t->entries.n; i++) {
		const struct sf_api *e = &t->entries.v[i];
		uint32_t h = sf_hash(e->name, strlen(e->name)) & (buckets - 1);
		*VEC_PUSH(t->next) = t->heads[h];
		t->heads[h] = (int32_t)i;
	}
}

static const struct sf_api *
find(const struct table *t, const char *name, size_t n, bool prefix)
{
	if (t->heads == NULL)
		return NULL;
	uint32_t h = sf_hash(name, n) & (t->buckets - 1);
	for (int32_t i = t->heads[h]; i >= 0; i = t->next.v[i]) {
		const struct sf_api *e = &t->entries.v[i];
		if (e->prefix == prefix && strncmp(e->name, name, n) == 0 &&
		    e->name[n] == '\0')
			return e;
	}
	return NULL;
}

static const struct sf_api *
match_in(const struct table *t, const char *name)
{
	size_t n = strlen(name);
	const struct sf_api *e = find(t, name, n, false);
	if (e != NULL)
		return e;
	/* `X.*` covers the members of X, one level down: `requests.Session().*`
	 * matches `requests.Session().get` but not a call on what get returns
	 * (`requests.Session().get().json`). */
	const char *dot = strrchr(name, '.');
	if (dot != NULL)
		return find(t, name, (size_t)(dot - name), true);
	return NULL;
}

const struct sf_api *
catalogue_match(const struct sf_catalogue *c, enum sf_lang lang,
		const char *name)
{
	if (name == NULL || (unsigned)lang >= SF_LANG_COUNT)
		return NULL;
	return match_in(&c->tables[language_family_of(lang)], name);
}

/* Longest method name looked up as `*.method`. */
#define CATALOGUE_METHOD_MAX 64

const struct sf_api *
catalogue_match_data(const struct sf_catalogue *c, enum sf_lang lang,
		     const char *name, const char *method)
{
	if ((unsigned)lang >= SF_LANG_COUNT)
		return NULL;
	const struct table *t = &c->data[language_family_of(lang)];
	const struct sf_api *e = name != NULL ? match_in(t, name) : NULL;
	if (e != NULL || method == NULL)
		return e;
	size_t n = strlen(method);
	if (n + 3 > CATALOGUE_METHOD_MAX)
		return NULL;
	char key[CATALOGUE_METHOD_MAX];
	key[0] = '*';
	key[1] = '.';
	memcpy(key + 2, method, n + 1);
	e = find(t, key, n + 2, false);
	if (e != NULL)
		return e;
	/* `*.list_*`: methods whose name starts so. */
	for (uint32_t i = 0; i < t->entries.n; i++) {
		const char *p = t->entries.v[i].name;
		size_t pn = strlen(p);
		if (pn > 3 && p[0] == '*' && p[1] == '.' && p[pn - 1] == '*' &&
		    pn - 3 <= n && strncmp(method, p + 2, pn - 3) == 0)
			return &t->entries.v[i];
	}
	return NULL;
}

/* Splits line (modified in place) at tabs into at most max fields. */
static int
split_tabs(char *line, char **fields, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		fields[n++] = p;
		char *tab = strchr(p, '\t');
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n;
}

static bool
valid_name(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s == ' ' || *s == '\t' || (unsigned char)*s < 0x20)
			return false;
	return true;
}

/* Forgets the entries of t from first on. */
static void
truncate_table(struct table *t, uint32_t first)
{
	for (uint32_t i = first; i < t->entries.n; i++) {
		free((char *)t->entries.v[i].name);
		free((char *)t->entries.v[i].replacement);
	}
	t->entries.n = first;
	rehash(t);
}

int
catalogue_load(struct sf_catalogue *c, enum sf_family_id family,
	       const char *text, const char *origin, char **cause)
{
	struct table *t = &c->tables[family];
	struct table *data = &c->data[family];
	uint32_t first = t->entries.n, first_data = data->entries.n;
	const char *p = text;
	uint32_t lineno = 0;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		lineno++;
		char *line = xstrndup(p, len);
		p += len + (eol ? 1 : 0);
		if (len > 0 && line[len - 1] == '\r')
			line[len - 1] = '\0';
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0') {
			free(line);
			continue;
		}
		char *fields[4];
		int nf = split_tabs(line, fields, 4);
		int kind = nf >= 2 ? catalogue_kind_from_name(fields[1]) : -1;
		const char *problem = NULL;
		if (nf != 3)
			problem = "expected three tab-separated fields: name, "
				  "kind, replacement";
		else if (!valid_name(fields[0]))
			problem = "the name is empty or has white space";
		else if (kind < 0)
			problem = "unknown kind";
		else if (fields[2][0] == '\0')
			problem = "the replacement is empty";
		if (problem != NULL) {
			*cause =
				xasprintf("%s:%u: %s", origin, lineno, problem);
			free(line);
			truncate_table(t, first);
			truncate_table(data, first_data);
			return -1;
		}
		size_t nl = strlen(fields[0]);
		bool prefix = nl > 2 && strcmp(fields[0] + nl - 2, ".*") == 0;
		struct sf_api *e = VEC_PUSH(
			(kind == SF_API_LARGE_DATA ? data : t)->entries);
		e->name = xstrndup(fields[0], prefix ? nl - 2 : nl);
		e->kind = (enum sf_api_kind)kind;
		e->replacement = xstrdup(fields[2]);
		e->prefix = prefix;
		free(line);
	}
	rehash(t);
	rehash(data);
	return 0;
}

void
catalogue_load_builtin(struct sf_catalogue *c)
{
	for (int l = 0; l < SF_FAMILY_COUNT; l++) {
		const struct sf_family *fam = language_family(l);
		char *cause = NULL;
		if (catalogue_load(c, fam->id, fam->catalogue,
				   fam->catalogue_origin, &cause) < 0) {
			/* Built-in data is ours: a bad line is a bug caught by
			 * tests. */
			fprintf(stderr, "stackfit: built-in %s\n", cause);
			abort();
		}
	}
}

void
catalogue_each(const struct sf_catalogue *c,
	       void (*fn)(void *ctx, enum sf_family_id family,
			  const struct sf_api *api),
	       void *ctx)
{
	for (int l = 0; l < SF_FAMILY_COUNT; l++) {
		for (uint32_t i = 0; i < c->tables[l].entries.n; i++)
			fn(ctx, (enum sf_family_id)l,
			   &c->tables[l].entries.v[i]);
		for (uint32_t i = 0; i < c->data[l].entries.n; i++)
			fn(ctx, (enum sf_family_id)l, &c->data[l].entries.v[i]);
	}
}
