/*
 * Frameworks: the TSV table, parsed once into a static array. Lookups are
 * linear: the table is a few dozen lines.
 */
#include "frameworks.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "util/strmap.h"
#include "util/vec.h"
#include "util/xalloc.h"

extern const char catalogue_frameworks_tsv[];

struct fw_row {
	struct fw_entry entry;
	char *imports;  /* comma-separated */
	char *packages; /* comma-separated, "-" for none */
};

static VEC(struct fw_row) rows;
/* Per family: each import name of the rows -> 1 + the first row's index
 * (frameworks_for_import runs for every call of every file). */
static struct strmap by_import[SF_FAMILY_COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *const role_names[FW_ROLE_COUNT] = {
	[FW_HTTP] = "http",       [FW_REALTIME] = "realtime",
	[FW_ASGI] = "asgi",       [FW_WSGI] = "wsgi",
	[FW_TASKS] = "tasks",     [FW_NATIVE] = "native",
	[FW_WORKERS] = "workers", [FW_ASGI_SERVER] = "asgi-server",
};

const char *
frameworks_role_name(enum fw_role role)
{
	return (unsigned)role < FW_ROLE_COUNT ? role_names[role] : "?";
}

/* Splits the next line of *p at tabs into up to max fields (copied into
 * *line, which the caller frees). Returns the field count, 0 for a blank or
 * comment line, -1 at the end. */
static int
next_line(const char **p, char **line, char **fields, int max)
{
	if (**p == '\0')
		return -1;
	const char *eol = strchr(*p, '\n');
	size_t len = eol ? (size_t)(eol - *p) : strlen(*p);
	*line = xstrndup(*p, len);
	*p += len + (eol ? 1 : 0);
	if ((*line)[0] == '#' || (*line)[0] == '\0')
		return 0;
	int n = 0;
	char *s = *line;
	while (n < max) {
		fields[n++] = s;
		char *tab = strchr(s, '\t');
		if (tab == NULL)
			break;
		*tab = '\0';
		s = tab + 1;
	}
	return n;
}

/* Built-in data is ours: a bad line is a bug, caught by every test. */
static void
bad(const char *file, uint32_t lineno)
{
	fprintf(stderr, "stackfit: built-in catalogue/%s:%u is malformed\n",
		file, lineno);
	abort();
}

static void
load(void)
{
	const char *p = catalogue_frameworks_tsv;
	char *line, *f[5];
	int n;
	uint32_t lineno = 0;
	while ((n = next_line(&p, &line, f, 5)) >= 0) {
		lineno++;
		if (n == 0) {
			free(line);
			continue;
		}
		const struct sf_family *fam =
			n == 5 ? language_family_named(f[0]) : NULL;
		int role = -1;
		for (int r = 0; n == 5 && r < FW_ROLE_COUNT; r++)
			if (strcmp(role_names[r], f[2]) == 0)
				role = r;
		if (fam == NULL || role < 0)
			bad("frameworks.tsv", lineno);
		struct fw_row *row = VEC_PUSH(rows);
		row->entry = (struct fw_entry){
			.family = fam->id,
			.name = xstrdup(f[1]),
			.role = (enum fw_role)role,
		};
		row->imports = xstrdup(f[3]);
		row->packages = xstrdup(f[4]);
		free(line);
	}
	for (uint32_t i = 0; i < rows.n; i++) {
		struct strmap *m = &by_import[rows.v[i].entry.family];
		char *list = xstrdup(rows.v[i].imports), *save = NULL;
		for (char *name = strtok_r(list, ",", &save); name != NULL;
		     name = strtok_r(NULL, ",", &save)) {
			bool found;
			strmap_get(m, name, &found);
			if (!found)
				strmap_put(m, name, (void *)(uintptr_t)(i + 1));
		}
		free(list);
	}
}

/* Does the comma list hold an item equal to s (n bytes), compared with
 * cmp? */
static bool
list_has(const char *list, const char *s, size_t n, bool loose)
{
	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n) {
			bool eq = true;
			for (size_t i = 0; i < n && eq; i++) {
				char a = p[i], b = s[i];
				if (loose) {
					a = (char)tolower((unsigned char)a);
					b = (char)tolower((unsigned char)b);
					if (a == '_' || a == '.')
						a = '-';
					if (b == '_' || b == '.')
						b = '-';
				}
				eq = a == b;
			}
			if (eq)
				return true;
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return false;
}

const struct fw_entry *
frameworks_for_import(enum sf_family_id family, const char *module)
{
	pthread_once(&once, load);
	/* A relative import ("./db", ".models") is the project's own. */
	if (module == NULL || module[0] == '.')
		return NULL;
	/* The module and each of its parents: "numpy.linalg" -> "numpy";
	 * "@koa/router/x" -> "@koa/router". */
	if ((unsigned)family >= SF_FAMILY_COUNT)
		return NULL;
	size_t n = strlen(module);
	/* Asked for most calls' names: copied on the stack when short. */
	char local[256];
	char *name = n < sizeof local ? local : xstrdup(module);
	if (name == local)
		memcpy(local, module, n + 1);
	for (;;) {
		name[n] = '\0';
		uintptr_t row =
			(uintptr_t)strmap_get(&by_import[family], name, NULL);
		if (row != 0) {
			if (name != local)
				free(name);
			return &rows.v[row - 1].entry;
		}
		/* Parents of a resolved name too: "express().get" ->
		 * "express()" -> "express". */
		size_t k = n;
		while (k > 0 && module[k - 1] != '.' && module[k - 1] != '/' &&
		       module[k - 1] != '(')
			k--;
		if (k == 0) {
			if (name != local)
				free(name);
			return NULL;
		}
		n = k - 1;
	}
}

const struct fw_entry *
frameworks_for_package(enum sf_family_id family, const char *package)
{
	pthread_once(&once, load);
	size_t n = strlen(package);
	bool fold = language_family(family)->fold_package_names;
	for (uint32_t i = 0; i < rows.n; i++)
		if (rows.v[i].entry.family == family &&
		    list_has(rows.v[i].packages, package, n, fold))
			return &rows.v[i].entry;
	return NULL;
}
