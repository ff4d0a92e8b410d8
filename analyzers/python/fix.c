/*
 * Python quick-fix helpers: finding a module's local name through the
 * file's import bindings, and a safe line for a new import.
 */
#include "fix.h"

#include <string.h>

const char *
py_fix_module_name(const struct sf_facts *f, int32_t fn, uint32_t pos,
		   const char *module, bool *free_name)
{
	const struct sf_binding *own = facts_lookup(f, fn, pos, module);
	*free_name = own == NULL;
	if (own != NULL && own->kind == SF_BIND_MODULE &&
	    strcmp(own->target, module) == 0)
		return own->local;
	/* `import asyncio as aio`: any import of the module under a name that
	 * nothing closer shadows. */
	for (uint32_t i = 0; i < f->bindings.n; i++) {
		const struct sf_binding *b = &f->bindings.v[i];
		if (b->kind != SF_BIND_MODULE || !b->is_import ||
		    strcmp(b->target, module) != 0)
			continue;
		if (facts_lookup(f, fn, pos, b->local) == b)
			return b->local;
	}
	return NULL;
}

/* Does the line starting at byte s begin with word followed by a space? */
static bool
line_starts(const char *src, uint32_t len, uint32_t s, const char *word)
{
	size_t n = strlen(word);
	return s + n < len && memcmp(src + s, word, n) == 0 &&
	       src[s + n] == ' ';
}

bool
py_fix_import_point(const struct sf_facts *f, const char *src, uint32_t len,
		    struct sf_span *at)
{
	for (uint32_t i = 0; i < f->bindings.n; i++) {
		const struct sf_binding *b = &f->bindings.v[i];
		if (!b->is_import || b->scope != -1 ||
		    strncmp(b->target, "__future__", 10) == 0)
			continue;
		uint32_t s = b->span.start < len ? b->span.start : len;
		while (s > 0 && src[s - 1] != '\n')
			s--;
		if (!line_starts(src, len, s, "import") &&
		    !line_starts(src, len, s, "from"))
			continue;
		*at = (struct sf_span){
			.start = s,
			.end = s,
			.start_row = b->span.start_row,
			.end_row = b->span.start_row,
		};
		return true;
	}
	return false;
}
