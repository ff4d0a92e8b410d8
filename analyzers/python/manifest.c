/*
 * Python manifests — requirements.txt, pyproject.toml, setup.py and
 * setup.cfg — as the Python family reads them: loosely, for the names of
 * the dependencies only. A manifest we misread costs a framework in the
 * profile, never a crash.
 */
#include "manifest.h"

#include <string.h>

#include "../index.h"
#include "../util/vec.h"
#include "../util/xalloc.h"

static void
add_dependency(struct index_manifest *m, const char *name, size_t n)
{
	while (n > 0 && (name[0] == ' ' || name[0] == '\t')) {
		name++;
		n--;
	}
	size_t k = 0;
	/* A requirement's name ends at a version, extra, marker or URL. */
	while (k < n && strchr(" \t<>=!~[;@,()\"'", name[k]) == NULL)
		k++;
	if (k == 0 || name[0] == '-' || name[0] == '#')
		return;
	*VEC_PUSH(m->dependencies) = xstrndup(name, k);
}

/* The quoted strings of text, from start to the first `]` (a TOML or
 * Python list of requirements). */
static void
quoted_until_bracket(struct index_manifest *m, const char *p, const char *end)
{
	while (p < end && *p != ']') {
		if (*p == '"' || *p == '\'') {
			char q = *p++;
			const char *s = p;
			while (p < end && *p != q && *p != '\n')
				p++;
			add_dependency(m, s, (size_t)(p - s));
		}
		if (p < end)
			p++;
	}
}

/* Extras that install what developing the project needs, not what it
 * runs with (`[project.optional-dependencies] dev = [...]`). The others
 * are features of the application (`sync = ["uvicorn", "websockets"]`):
 * how it may be deployed, so their dependencies are read. */
static bool
dev_extra(const char *name, size_t n)
{
	static const char *const names[] = {
		"dev",      "devel",     "develop", "development", "test",
		"tests",    "testing",   "lint",    "linting",     "docs",
		"doc",      "typing",    "types",   "mypy",        "ci",
		"coverage", "benchmark", "bench",   "build",       "release",
		"format",   "style",     "check",   "qa",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i]) == n && strncmp(names[i], name, n) == 0)
			return true;
	return false;
}

/* The name of a `name = [` or `name =` line (a TOML key, a setup.cfg
 * option): its length, name in *out; 0 when the line is not one. */
static size_t
key_of(const char *line, size_t n, const char **out)
{
	size_t k = 0;
	if (n > 0 && (line[0] == '"' || line[0] == '\''))
		line++, n--;
	while (k < n && (line[k] == '-' || line[k] == '_' || line[k] == '.' ||
			 (line[k] >= 'a' && line[k] <= 'z') ||
			 (line[k] >= 'A' && line[k] <= 'Z') ||
			 (line[k] >= '0' && line[k] <= '9')))
		k++;
	*out = line;
	return k;
}

int
py_read_manifest(struct index_manifest *m, const char *base, const char *text,
		 uint32_t len, char **cause)
{
	(void)cause;
	const char *end = text + len;
	bool req = strcmp(base, "requirements.txt") == 0;
	bool poetry = false, cfg_list = false;
	/* In `[project.optional-dependencies]` (pyproject.toml) or
	 * `[options.extras_require]` (setup.cfg). */
	bool extras = false;
	for (const char *p = text; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		size_t n = (size_t)(eol - p);
		const char *line = p;
		p = eol + (eol < end);
		if (req) {
			add_dependency(m, line, n);
			continue;
		}
		if (n > 0 && line[0] == '[') {
			poetry = n >= 30 &&
				 strncmp(line, "[tool.poetry.dependencies]",
					 26) == 0;
			extras = (n >= 31 &&
				  strncmp(line,
					  "[project.optional-dependencies]",
					  31) == 0) ||
				 (n >= 24 &&
				  strncmp(line, "[options.extras_require]",
					  24) == 0);
			cfg_list = false;
			continue;
		}
		if (extras && n > 0 && line[0] != ' ' && line[0] != '\t' &&
		    line[0] != '#') {
			const char *name;
			size_t kn = key_of(line, n, &name);
			const char *eq = memchr(line, '=', n);
			if (kn == 0 || eq == NULL || dev_extra(name, kn)) {
				cfg_list = false;
				continue;
			}
			const char *bracket =
				memchr(eq, '[', (size_t)(line + n - eq));
			if (bracket != NULL)
				quoted_until_bracket(m, bracket + 1, end);
			else if (strcmp(base, "setup.cfg") == 0)
				cfg_list = true;
			continue;
		}
		if (poetry && n > 0 && line[0] != '#' && line[0] != ' ' &&
		    memchr(line, '=', n) != NULL) {
			add_dependency(m, line, n);
			continue;
		}
		if (cfg_list) {
			if (n > 0 && (line[0] == ' ' || line[0] == '\t'))
				add_dependency(m, line, n);
			else
				cfg_list = false;
		}
		const char *key = NULL;
		for (const char *k = line; k + 12 <= line + n; k++)
			if (strncmp(k, "dependencies", 12) == 0 ||
			    (k + 16 <= line + n &&
			     strncmp(k, "install_requires", 16) == 0)) {
				key = k;
				break;
			}
		if (key == NULL)
			continue;
		const char *bracket =
			memchr(key, '[', (size_t)(line + n - key));
		if (bracket != NULL)
			quoted_until_bracket(m, bracket + 1, end);
		else if (strcmp(base, "setup.cfg") == 0)
			cfg_list = true;
	}
	return 0;
}
