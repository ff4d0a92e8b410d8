/*
 * Dependent iterations of awaits in loops: see await_deps.h.
 */
#include "await_deps.h"

#include <ctype.h>
#include <string.h>

/* Longest name compared as a word. */
#define AWAIT_NAME_MAX 128

/* Does name (its last segment) start with one of the words, as a word:
 * followed by the end, `_` or a capital (`getById`, `get_one`, `get`)? */
static bool
starts_with_word(const char *name, const char *const *words, size_t n)
{
	if (name == NULL)
		return false;
	const char *last = facts_last_segment(name);
	while (*last == '_')
		last++;
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(words[i]);
		if (strncmp(last, words[i], k) == 0 &&
		    (last[k] == '\0' || last[k] == '_' ||
		     isupper((unsigned char)last[k])))
			return true;
	}
	return false;
}

bool
await_reads(const char *name)
{
	static const char *const words[] = {
		"get",      "find",   "fetch", "read",   "list",     "query",
		"count",    "exists", "has",   "is",     "search",   "lookup",
		"select",   "to",     "check", "verify", "validate", "resolve",
		"describe", "head",   "json",  "text",   "load",     "aget",
		"afind",    "afetch", "aread", "acount", "aexists",
	};
	return starts_with_word(name, words, sizeof words / sizeof *words);
}

/* Writes that name their target with their first argument. */
static bool
writes(const char *name)
{
	static const char *const words[] = {
		"set",   "save",   "update",  "put",  "write",
		"store", "upsert", "replace", "incr", "hset",
		"aset",  "asave",  "aupdate",
	};
	return starts_with_word(name, words, sizeof words / sizeof *words);
}

/* One session, connection or transaction, passed to every call. */
static bool
is_session(const char *text)
{
	static const char *const names[] = {
		"session",     "db_session", "dbSession", "conn",
		"connection",  "tx",         "trx",       "txn",
		"transaction", "cursor",     "cur",       "client_session",
	};
	if (text == NULL)
		return false;
	const char *last = facts_last_segment(text);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(last, names[i]) == 0)
			return true;
	return false;
}

/* A keyword that places what the call acts on among the others
 * (`channel.edit(position=start + i)`): each call moves the rest. */
static bool
places(const char *keyword)
{
	static const char *const names[] = {"position", "index", "order",
					    "rank", "sort_order"};
	if (keyword == NULL)
		return false;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(keyword, names[i]) == 0)
			return true;
	return false;
}

/* The binding of a name argument, as seen where the call is. */
static const struct sf_binding *
arg_binding(const struct sf_facts *f, const struct sf_call *c,
	    const struct sf_arg *arg)
{
	if (arg->kind != SF_ARG_NAME || arg->text == NULL ||
	    strpbrk(arg->text, ".([") != NULL)
		return NULL;
	return facts_lookup(f, c->function, c->span.start, arg->text);
}

/* Is the container bound by b filled between b and the loop (`out.push(x)`
 * before `for (...) await use(out, y)`)? Then it is the loop's input,
 * not what it gathers into. */
static bool
filled_before(const struct sf_facts *f, const struct sf_binding *b,
	      const struct sf_loop *l)
{
	static const char *const grow[] = {
		"push",   "unshift", "add",    "set",        "append",
		"extend", "insert",  "update", "setdefault",
	};
	size_t n = strlen(b->local);
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (c->function != l->function || c->span.start < b->span.end ||
		    c->span.start >= l->span.start || c->callee == NULL ||
		    strncmp(c->callee, b->local, n) != 0 || c->callee[n] != '.')
			continue;
		for (size_t k = 0; k < sizeof grow / sizeof *grow; k++)
			if (strcmp(c->callee + n + 1, grow[k]) == 0)
				return true;
	}
	return false;
}

/* Is c a call of its own function (`this.walk(x)` in walk)? */
static bool
recursive(const struct sf_facts *f, const struct sf_call *c)
{
	if (c->function < 0 || c->callee == NULL)
		return false;
	const struct sf_function *fn = &f->functions.v[c->function];
	if (fn->flags & SF_FN_ANONYMOUS)
		return false;
	return strcmp(facts_last_segment(fn->name),
		      facts_last_segment(c->callee)) == 0 &&
	       (strchr(c->callee, '.') == NULL || (c->flags & SF_CALL_SELF));
}

const char *
await_dependence(const struct sf_facts *f, const struct sf_await *a,
		 const struct sf_call *c)
{
	if (a->loop < 0)
		return NULL;
	const struct sf_loop *l = &f->loops.v[a->loop];
	if (l->flags & SF_LOOP_SEQUENTIAL)
		return "marked sequential";
	const char *method = c->method ? c->method : c->callee;
	if (l->flags & SF_LOOP_SETS_STATE)
		return "sets the object's state";
	if ((a->flags & SF_AWAIT_OUTER_RECEIVER) && !await_reads(method))
		return "acts on one object";
	if (c->nargs > 0 && f->args.v[c->arg0].kind == SF_ARG_STRING &&
	    writes(method))
		return "writes one key";
	for (uint32_t i = 0; i < c->nargs; i++) {
		const struct sf_arg *arg = &f->args.v[c->arg0 + i];
		if (is_session(arg->text))
			return "one session";
		if (places(arg->keyword))
			return "places items relative to each other";
		const struct sf_binding *b = arg_binding(f, c, arg);
		if (b == NULL || b->scope != c->function)
			continue;
		/* A function of the project (a library's, like
		 * asyncio.wait, does not fill what it is given). */
		if (b->origin.kind == SF_ORIGIN_CONTAINER && c->name == NULL &&
		    b->span.start < l->span.start && !filled_before(f, b, l))
			return "gathers into one container";
		if (b->origin.kind == SF_ORIGIN_PARAM && recursive(f, c))
			return "recursion threads its state";
	}
	return NULL;
}
