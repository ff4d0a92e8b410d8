/*
 * The language table: the one list of languages and families. Each
 * definition lives with its family's code, under analyzers/<family>/.
 */
#include "language.h"

#include <pthread.h>
#include <string.h>

#include "javascript/language.h"
#include "python/language.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const struct sf_language *const languages[SF_LANG_COUNT] = {
	[SF_LANG_JAVASCRIPT] = &javascript_language,
	[SF_LANG_TYPESCRIPT] = &typescript_language,
	[SF_LANG_TSX] = &tsx_language,
	[SF_LANG_PYTHON] = &python_language,
};

static const struct sf_family *const families[SF_FAMILY_COUNT] = {
	[SF_FAMILY_JAVASCRIPT] = &javascript_family,
	[SF_FAMILY_PYTHON] = &python_family,
};

const struct sf_language *
language_get(enum sf_lang id)
{
	return (unsigned)id < SF_LANG_COUNT ? languages[id] : NULL;
}

const struct sf_family *
language_family(enum sf_family_id id)
{
	return (unsigned)id < SF_FAMILY_COUNT ? families[id] : NULL;
}

enum sf_family_id
language_family_of(enum sf_lang id)
{
	return languages[id]->family->id;
}

/* Does the base name base end with suffix (and have more before it)? */
static bool
ends_with(const char *base, const char *suffix)
{
	size_t n = strlen(base), k = strlen(suffix);
	return n > k && strcmp(base + n - k, suffix) == 0;
}

const struct sf_language *
language_for_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return NULL;
	const char *base = slash ? slash + 1 : path;
	for (int i = 0; i < SF_LANG_COUNT; i++)
		for (const char *const *e = languages[i]->extensions; *e; e++) {
			if (strcmp(dot, *e) != 0)
				continue;
			for (const char *const *x = languages[i]->excluded;
			     x != NULL && *x; x++)
				if (ends_with(base, *x))
					return NULL;
			return languages[i];
		}
	return NULL;
}

/* Whether the word w (n bytes) names interpreter: itself, or followed by
 * a version ("python3", "python3.12"). */
static bool
names_interpreter(const char *w, size_t n, const char *interpreter)
{
	size_t k = strlen(interpreter);
	if (n < k || memcmp(w, interpreter, k) != 0)
		return false;
	for (size_t i = k; i < n; i++)
		if (!(w[i] >= '0' && w[i] <= '9') && w[i] != '.')
			return false;
	return true;
}

const struct sf_language *
language_for_shebang(const char *text, uint32_t len)
{
	if (len < 3 || text[0] != '#' || text[1] != '!')
		return NULL;
	const char *end = memchr(text, '\n', len);
	if (end == NULL)
		end = text + len;
	/* The words of the line: the program, then (after env and its
	 * options) the interpreter. */
	const char *p = text + 2;
	bool after_env = false;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		const char *w = p;
		while (p < end && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (p == w)
			break;
		const char *base = w;
		for (const char *q = w; q < p; q++)
			if (*q == '/')
				base = q + 1;
		size_t n = (size_t)(p - base);
		if (n == 3 && memcmp(base, "env", 3) == 0 && !after_env) {
			after_env = true;
			continue;
		}
		if (after_env && (*w == '-' || memchr(w, '=', n) != NULL))
			continue; /* env's options and settings */
		for (int i = 0; i < SF_LANG_COUNT; i++)
			for (const char *const *x = languages[i]->interpreters;
			     x != NULL && *x; x++)
				if (names_interpreter(base, n, *x))
					return languages[i];
		return NULL;
	}
	return NULL;
}

const struct sf_language *
language_for_lsp_id(const char *id)
{
	for (int i = 0; i < SF_LANG_COUNT; i++)
		for (const char *const *l = languages[i]->lsp_ids; *l; l++)
			if (strcmp(id, *l) == 0)
				return languages[i];
	return NULL;
}

const struct sf_family *
language_family_named(const char *name)
{
	for (int i = 0; i < SF_FAMILY_COUNT; i++)
		if (strcmp(families[i]->name, name) == 0)
			return families[i];
	for (int i = 0; i < SF_LANG_COUNT; i++)
		if (strcmp(languages[i]->name, name) == 0)
			return languages[i]->family;
	return NULL;
}

const struct sf_family *
language_manifest_family(const char *base)
{
	for (int i = 0; i < SF_FAMILY_COUNT; i++)
		for (const char *const *m = families[i]->manifests; *m; m++)
			if (strcmp(base, *m) == 0)
				return families[i];
	return NULL;
}

const struct sf_family *
language_config_family(const char *base)
{
	for (int i = 0; i < SF_FAMILY_COUNT; i++) {
		for (const char *const *c = families[i]->configs; c && *c; c++)
			if (strcmp(base, *c) == 0)
				return families[i];
		if (families[i]->is_config && families[i]->is_config(base))
			return families[i];
	}
	return NULL;
}

/* Built once: language_titles, language_family_extensions. */
static char *titles;
static const char **family_extensions[SF_FAMILY_COUNT];
static pthread_once_t derived_once = PTHREAD_ONCE_INIT;

static void
build_derived(void)
{
	for (int f = 0; f < SF_FAMILY_COUNT; f++) {
		size_t n = 0;
		for (int i = 0; i < SF_LANG_COUNT; i++)
			for (const char *const *e = languages[i]->extensions;
			     *e && languages[i]->family == families[f]; e++)
				n++;
		const char **v = xcalloc(n + 1, sizeof *v);
		n = 0;
		for (int i = 0; i < SF_LANG_COUNT; i++)
			for (const char *const *e = languages[i]->extensions;
			     *e && languages[i]->family == families[f]; e++)
				v[n++] = *e;
		family_extensions[f] = v;
	}
	struct strbuf b;
	strbuf_init(&b);
	for (int i = 0; i < SF_LANG_COUNT; i++)
		strbuf_printf(&b, "%s%s",
			      i == 0                   ? ""
			      : i == SF_LANG_COUNT - 1 ? " or "
						       : ", ",
			      languages[i]->title);
	titles = strbuf_detach(&b);
}

const char *
language_titles(void)
{
	pthread_once(&derived_once, build_derived);
	return titles;
}

const char *const *
language_family_extensions(const struct sf_family *family)
{
	pthread_once(&derived_once, build_derived);
	return family_extensions[family->id];
}

int
language_check_abi(char **cause)
{
	for (int i = 0; i < SF_LANG_COUNT; i++) {
		uint32_t abi = ts_language_abi_version(languages[i]->grammar());
		if (abi < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION ||
		    abi > TREE_SITTER_LANGUAGE_VERSION) {
			*cause = xasprintf(
				"the %s grammar has ABI %u; this tree-sitter "
				"core loads %u to %u",
				languages[i]->name, abi,
				TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION,
				TREE_SITTER_LANGUAGE_VERSION);
			return -1;
		}
	}
	return 0;
}
