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

int
py_read_manifest(struct index_manifest *m, const char *base, const char *text,
		 uint32_t len, char **cause)
{
	(void)cause;
	const char *end = text + len;
	bool req = strcmp(base, "requirements.txt") == 0;
	bool poetry = false, cfg_list = false;
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
			cfg_list = false;
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
