/*
 * Roles: catalogue/roles.tsv parsed once into per-family, per-kind tables
 * (exact names in a map, patterns in a list), and the readings of a file
 * that need only its path and facts.
 */
#include "roles.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "util/strmap.h"
#include "util/vec.h"
#include "util/xalloc.h"

extern const char catalogue_roles_tsv[];

enum pattern {
	PAT_EXACT,
	PAT_PREFIX, /* `a.b.*`: every name under a.b */
	PAT_METHOD, /* `.m`: the last member of any name */
	PAT_START,  /* `on_*`: names that start with on_ */
	PAT_FIRST,  /* `^scripts` (folders): the first folder only */
	PAT_HIDDEN, /* `.*` (folders): a folder whose name starts with '.' */
	PAT_END,    /* `*TRACE`: names that end with TRACE */
};

struct entry {
	enum pattern pat;
	char *name; /* without its pattern marks */
	size_t len; /* of name */
	char *arg;  /* the argument it needs, or NULL */
	/* PAT_EXACT: 1 + the index of the next entry of the same name (with
	 * another argument), or 0. */
	uint32_t same;
};

struct table {
	struct strmap exact; /* name -> 1 + index of its first entry */
	/* A bit per (first byte, length) of the names in exact
	 * (exact_bit): most names asked are in no table, and are turned
	 * away without hashing them. */
	uint64_t bits[4];
	VEC(struct entry) entries;
	/* The entries that are patterns (not PAT_EXACT), by index: a name
	 * is compared with these and with its own entries alone. */
	VEC(uint32_t) patterns;
};

static uint32_t
exact_bit(const char *name, size_t n)
{
	return ((unsigned char)name[0] * 31u + (uint32_t)n) & 255u;
}

static const char *const kind_names[ROLES_KIND_COUNT] = {
	[ROLES_ENTRY] = "entry",
	[ROLES_ENTRY_FUNCTION] = "entry-function",
	[ROLES_PROGRAM] = "program",
	[ROLES_BROWSER] = "browser",
	[ROLES_TEST] = "test",
	[ROLES_MEMOISE] = "memoise",
	[ROLES_TRANSPARENT] = "transparent",
	[ROLES_CONTINUATION] = "continuation",
	[ROLES_STARTUP] = "startup",
	[ROLES_STARTUP_METHOD] = "startup-method",
	[ROLES_HANDLER_METHOD] = "handler-method",
	[ROLES_SPAWN] = "spawn",
	[ROLES_DIR_SCRIPT] = "dir-script",
	[ROLES_DIR_TEST] = "dir-test",
	[ROLES_DIR_BROWSER] = "dir-browser",
	[ROLES_DIR_BUILD] = "dir-build",
	[ROLES_FILE_BUILD] = "file-build",
	[ROLES_FILE_TEST] = "file-test",
	[ROLES_DEV_GUARD] = "dev-guard",
	[ROLES_DEV_ENV] = "dev-env",
	[ROLES_DEV_VALUE] = "dev-value",
	[ROLES_SERVER_MODULE] = "server-module",
	[ROLES_SINGLETON] = "singleton",
	[ROLES_STARTS] = "starts",
};

static struct table tables[SF_FAMILY_COUNT][ROLES_KIND_COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static bool
is_dir_kind(enum roles_kind k)
{
	return k == ROLES_DIR_SCRIPT || k == ROLES_DIR_TEST ||
	       k == ROLES_DIR_BROWSER || k == ROLES_DIR_BUILD;
}

/* Built-in data is ours: a bad line is a bug, caught by every test. */
static void
bad(uint32_t lineno)
{
	fprintf(stderr,
		"stackfit: built-in catalogue/roles.tsv:%u is "
		"malformed\n",
		lineno);
	abort();
}

static void
add(struct table *t, enum roles_kind kind, const char *name, const char *arg)
{
	struct entry e = {.pat = PAT_EXACT};
	size_t n = strlen(name);
	if (is_dir_kind(kind) && strcmp(name, ".*") == 0) {
		e.pat = PAT_HIDDEN;
	} else if (is_dir_kind(kind) && name[0] == '^') {
		e.pat = PAT_FIRST;
		name++;
		n--;
	} else if (n > 2 && strcmp(name + n - 2, ".*") == 0) {
		e.pat = PAT_PREFIX;
		n -= 2;
	} else if (name[0] == '.' && n > 1) {
		e.pat = PAT_METHOD;
		name++;
		n--;
	} else if (n > 1 && name[n - 1] == '*') {
		e.pat = PAT_START;
		n--;
	} else if (n > 1 && name[0] == '*') {
		e.pat = PAT_END;
		name++;
		n--;
	}
	e.name = xstrndup(name, n);
	e.len = n;
	e.arg = strcmp(arg, "-") == 0 ? NULL : xstrdup(arg);
	*VEC_PUSH(t->entries) = e;
	if (e.pat != PAT_EXACT) {
		*VEC_PUSH(t->patterns) = t->entries.n - 1;
	} else if (!is_dir_kind(kind)) {
		uint32_t bit = exact_bit(e.name, n);
		t->bits[bit / 64] |= 1ull << (bit % 64);
		uintptr_t k = (uintptr_t)strmap_get(&t->exact, e.name, NULL);
		if (k == 0)
			strmap_put(&t->exact, e.name,
				   (void *)(uintptr_t)t->entries.n);
		while (k != 0 && t->entries.v[k - 1].same != 0)
			k = t->entries.v[k - 1].same;
		if (k != 0)
			t->entries.v[k - 1].same = t->entries.n;
	}
}

static void
load(void)
{
	for (int f = 0; f < SF_FAMILY_COUNT; f++)
		for (int k = 0; k < ROLES_KIND_COUNT; k++)
			strmap_init(&tables[f][k].exact);
	uint32_t lineno = 0;
	for (const char *p = catalogue_roles_tsv; *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *line = xstrndup(p, len);
		p += len + (eol ? 1 : 0);
		lineno++;
		if (line[0] == '#' || line[0] == '\0') {
			free(line);
			continue;
		}
		char *field[4];
		int n = 0;
		for (char *s = line; n < 4 && s != NULL; n++) {
			field[n] = s;
			s = strchr(s, '\t');
			if (s != NULL)
				*s++ = '\0';
		}
		int kind = -1;
		for (int k = 0; n == 4 && k < ROLES_KIND_COUNT; k++)
			if (strcmp(kind_names[k], field[1]) == 0)
				kind = k;
		bool all = n == 4 && strcmp(field[0], "*") == 0;
		const struct sf_family *fam =
			n == 4 && !all ? language_family_named(field[0]) : NULL;
		if (kind < 0 || (!all && fam == NULL) || field[2][0] == '\0')
			bad(lineno);
		for (int f = 0; f < SF_FAMILY_COUNT; f++)
			if (all || fam->id == (enum sf_family_id)f)
				add(&tables[f][kind], (enum roles_kind)kind,
				    field[2], field[3]);
		free(line);
	}
}

static bool
arg_ok(const struct entry *e, const char *arg)
{
	return e->arg == NULL || (arg != NULL && strcmp(e->arg, arg) == 0);
}

/* Does e match name, of nn bytes? */
static bool
entry_matches(const struct entry *e, const char *name, size_t nn)
{
	size_t n = e->len;
	switch (e->pat) {
	case PAT_EXACT:
		return nn == n && memcmp(e->name, name, n) == 0;
	case PAT_PREFIX:
		return nn > n && name[n] == '.' &&
		       memcmp(name, e->name, n) == 0;
	case PAT_METHOD:
		/* The last members of name: ".then", ".startup.register". */
		return nn > n && name[nn - n - 1] == '.' &&
		       memcmp(name + nn - n, e->name, n) == 0;
	case PAT_START:
		return nn >= n && memcmp(name, e->name, n) == 0;
	case PAT_END:
		return nn >= n && memcmp(name + nn - n, e->name, n) == 0;
	case PAT_FIRST:
	case PAT_HIDDEN:
		break;
	}
	return false;
}

bool
roles_match(enum sf_family_id family, enum roles_kind kind, const char *name,
	    const char *arg)
{
	pthread_once(&once, load);
	if (name == NULL || (unsigned)family >= SF_FAMILY_COUNT ||
	    (unsigned)kind >= ROLES_KIND_COUNT)
		return false;
	const struct table *t = &tables[family][kind];
	/* A name listed with several arguments (`process.on` SIGINT,
	 * SIGTERM) has a chain of entries. */
	size_t nn = strlen(name);
	uint32_t bit = exact_bit(name, nn);
	uintptr_t i = (t->bits[bit / 64] >> (bit % 64)) & 1
			      ? (uintptr_t)strmap_get(&t->exact, name, NULL)
			      : 0;
	for (; i != 0; i = t->entries.v[i - 1].same)
		if (arg_ok(&t->entries.v[i - 1], arg))
			return true;
	for (uint32_t k = 0; k < t->patterns.n; k++) {
		const struct entry *e = &t->entries.v[t->patterns.v[k]];
		if (arg_ok(e, arg) && entry_matches(e, name, nn))
			return true;
	}
	return false;
}

bool
roles_dev_env(enum sf_family_id family, const char *name)
{
	char word[64];
	for (const char *p = name; p != NULL && *p;) {
		size_t n = 0;
		while (*p &&
		       ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9'))) {
			if (n + 1 < sizeof word)
				word[n++] = (*p >= 'a' && *p <= 'z')
						    ? (char)(*p - 'a' + 'A')
						    : *p;
			p++;
		}
		word[n] = '\0';
		if (n > 0 && roles_match(family, ROLES_DEV_ENV, word, NULL))
			return true;
		while (*p &&
		       !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			 (*p >= '0' && *p <= '9')))
			p++;
	}
	return false;
}

/* --- paths -------------------------------------------------------------- */

/* Does a folder entry match the folders of path (all but its base
 * name)? */
static bool
dir_matches(const struct entry *e, const char *path)
{
	size_t n = strlen(e->name);
	const char *base = strrchr(path, '/');
	if (base == NULL)
		return false;
	/* Where the first folder starts: past a leading "src/". */
	const char *first =
		strncmp(path, "src/", 4) == 0 && strchr(path + 4, '/')
			? path + 4
			: path;
	for (const char *p = path; p < base;) {
		const char *slash = strchr(p, '/');
		size_t len = (size_t)(slash - p);
		switch (e->pat) {
		case PAT_HIDDEN:
			if (p[0] == '.' && len > 1 &&
			    !(len == 2 && p[1] == '.'))
				return true;
			break;
		case PAT_FIRST:
			if ((p == path || p == first) && len == n &&
			    strncmp(p, e->name, n) == 0)
				return true;
			break;
		default:
			/* One folder, or several (`management/commands`). */
			if (strncmp(p, e->name, n) == 0 &&
			    (p[n] == '/' && p + n <= base))
				return true;
			break;
		}
		p = slash + 1;
	}
	return false;
}

static bool
dir_kind(enum sf_family_id family, enum roles_kind kind, const char *path)
{
	const struct table *t = &tables[family][kind];
	for (uint32_t k = 0; k < t->entries.n; k++)
		if (dir_matches(&t->entries.v[k], path))
			return true;
	return false;
}

uint32_t
roles_path_flags(enum sf_family_id family, const char *path)
{
	pthread_once(&once, load);
	if ((unsigned)family >= SF_FAMILY_COUNT)
		return 0;
	uint32_t flags = 0;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (dir_kind(family, ROLES_DIR_TEST, path) ||
	    roles_match(family, ROLES_FILE_TEST, base, NULL))
		flags |= SF_FILE_TEST;
	if (dir_kind(family, ROLES_DIR_BUILD, path) ||
	    roles_match(family, ROLES_FILE_BUILD, base, NULL))
		flags |= SF_FILE_CONFIG;
	if (dir_kind(family, ROLES_DIR_BROWSER, path))
		flags |= SF_FILE_BROWSER;
	if (dir_kind(family, ROLES_DIR_SCRIPT, path))
		flags |= SF_FILE_PROGRAM;
	/* Minified and bundled files by name: `x.min.js`, `x-min.js`. */
	if (strstr(base, ".min.") != NULL || strstr(base, "-min.") != NULL)
		flags |= SF_FILE_BROWSER;
	return flags;
}

/* --- facts -------------------------------------------------------------- */

/* Does an import name (a module, or a member of one: "react.useState",
 * "unittest.mock.patch") match kind, itself or a parent? */
static bool
import_matches(enum sf_family_id family, enum roles_kind kind,
	       const char *module)
{
	char buf[256];
	size_t n = strlen(module);
	if (n >= sizeof buf || module[0] == '.')
		return false;
	memcpy(buf, module, n + 1);
	for (;;) {
		if (roles_match(family, kind, buf, NULL))
			return true;
		while (n > 0 && buf[n - 1] != '.' && buf[n - 1] != '/')
			n--;
		if (n == 0)
			return false;
		buf[--n] = '\0';
	}
}

bool
roles_singleton(enum sf_family_id family, const struct sf_function *fn)
{
	if (fn->name == NULL || fn->class_index < 0 ||
	    (fn->flags & SF_FN_ANONYMOUS))
		return false;
	const char *dot = strrchr(fn->name, '.');
	return roles_match(family, ROLES_SINGLETON, dot ? dot + 1 : fn->name,
			   NULL);
}

const char *
roles_call_arg(const struct sf_facts *f, const struct sf_call *c)
{
	const struct sf_arg *a = facts_call_arg(f, c, 0, NULL);
	return a != NULL && a->kind == SF_ARG_STRING ? a->text : NULL;
}

/* Is name bound anywhere in the file (a parameter, a variable...)? Then
 * it is not the browser's global of that name. */
static bool
bound_anywhere(const struct sf_facts *f, const char *name)
{
	for (uint32_t i = 0; i < f->bindings.n; i++)
		if (strcmp(f->bindings.v[i].local, name) == 0)
			return true;
	return false;
}

/* The head of a dotted path ("window" for "window.location.assign"), in
 * buf; NULL when too long. */
static const char *
head_of(const char *path, char *buf, size_t size)
{
	size_t n = strcspn(path, ".(");
	if (n == 0 || n >= size)
		return NULL;
	memcpy(buf, path, n);
	buf[n] = '\0';
	return buf;
}

/* Is call c a route registration (`app.post('/setup', ...)`)? */
static bool
registers_route(const struct sf_facts *f, const struct sf_call *c)
{
	static const char *const verbs[] = {"get",   "post",   "put",
					    "patch", "delete", "all"};
	const char *arg = roles_call_arg(f, c);
	if (c->method == NULL || arg == NULL || arg[0] != '/')
		return false;
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
		if (strcmp(c->method, verbs[i]) == 0)
			return true;
	return false;
}

/* Is name ("tempServer", "WIKI.server") a server this file starts: the
 * receiver of a `.listen(...)` call, or a name assigned one's result or
 * `createServer(...)`'s? */
static bool
started_server(const struct sf_facts *f, const char *name, size_t n)
{
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const char *callee = f->calls.v[i].callee;
		if (callee != NULL && strncmp(callee, name, n) == 0 &&
		    strcmp(callee + n, ".listen") == 0)
			return true;
	}
	for (uint32_t i = 0; i < f->bindings.n; i++) {
		const struct sf_binding *b = &f->bindings.v[i];
		const char *t = b->target;
		size_t tn = t ? strlen(t) : 0;
		if (strlen(b->local) == n && strncmp(b->local, name, n) == 0 &&
		    t != NULL &&
		    ((tn >= 9 && strcmp(t + tn - 9, ".listen()") == 0) ||
		     strstr(t, "createServer()") != NULL))
			return true;
	}
	return false;
}

/* Does a route of the file close the server the file starts
 * (`tempServer.close()`, `WIKI.server.destroy()` in `app.post('/finalize',
 * ...)`)? A service's graceful shutdown closes its server from a signal
 * handler, not from a route. */
static bool
closes_own_server(const struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		const char *dot = c->callee ? strrchr(c->callee, '.') : NULL;
		if (dot == NULL || c->function < 0 ||
		    (strcmp(dot, ".close") != 0 &&
		     strcmp(dot, ".destroy") != 0) ||
		    !started_server(f, c->callee, (size_t)(dot - c->callee)))
			continue;
		for (int32_t fn = c->function; fn >= 0;
		     fn = f->functions.v[fn].parent) {
			int32_t by = f->functions.v[fn].cb_call;
			if (by >= 0 && registers_route(f, &f->calls.v[by]))
				return true;
		}
	}
	return false;
}

uint32_t
roles_file_flags(struct sf_facts *f)
{
	pthread_once(&once, load);
	enum sf_family_id fam = language_family_of(f->lang);
	uint32_t flags = 0;
	/* A front-end library imported by server code (React rendered to a
	 * string in a route) does not make it browser code. */
	bool browser_import = false, server_import = false;
	for (uint32_t i = 0; i < f->bindings.n; i++) {
		const struct sf_binding *b = &f->bindings.v[i];
		if (!b->is_import || b->target == NULL)
			continue;
		if (import_matches(fam, ROLES_TEST, b->target))
			flags |= SF_FILE_TEST;
		if (import_matches(fam, ROLES_PROGRAM, b->target))
			flags |= SF_FILE_PROGRAM;
		if (import_matches(fam, ROLES_BROWSER, b->target))
			browser_import = true;
		if (import_matches(fam, ROLES_SERVER_MODULE, b->target))
			server_import = true;
	}
	char head[64];
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		const char *name = c->name;
		bool entry = name != NULL &&
			     roles_match(fam, ROLES_ENTRY, name, NULL);
		if (entry)
			flags |= SF_FILE_ENTRY;
		/* The function that creates or starts the service runs once,
		 * as it starts (`async function start() {... createServer(...)
		 * .listen(port) }`): start-up code. */
		if (c->function >= 0 &&
		    (entry || roles_match(fam, ROLES_STARTS,
					  name        ? name
					  : c->callee ? c->callee
						      : "",
					  NULL)))
			f->functions.v[c->function].flags |= SF_FN_STARTUP;
		if (c->callee == NULL)
			continue;
		/* `process.argv.slice(2)`: the call is on a global. */
		if (strncmp(c->callee, "process.argv", 12) == 0 &&
		    roles_match(fam, ROLES_PROGRAM, "process.argv", NULL))
			flags |= SF_FILE_PROGRAM;
		if (name == NULL &&
		    head_of(c->callee, head, sizeof head) != NULL &&
		    roles_match(fam, ROLES_BROWSER, head, NULL) &&
		    !bound_anywhere(f, head))
			flags |= SF_FILE_BROWSER;
		for (uint32_t a = 0; a < c->nargs; a++) {
			const struct sf_arg *arg = &f->args.v[c->arg0 + a];
			if (arg->kind == SF_ARG_NAME && arg->text != NULL &&
			    strncmp(arg->text, "process.argv", 12) == 0 &&
			    roles_match(fam, ROLES_PROGRAM, "process.argv",
					NULL))
				flags |= SF_FILE_PROGRAM;
		}
	}
	/* Globals the browser defines, used as identifiers. */
	for (uint32_t i = 0; i < f->idents.n; i++) {
		const char *name = f->idents.v[i].name;
		if (roles_match(fam, ROLES_BROWSER, name, NULL) &&
		    !bound_anywhere(f, name))
			flags |= SF_FILE_BROWSER;
	}
	/* A class of the file that is a service (`class Bot(Client)`). */
	for (uint32_t i = 0; i < f->classes.n; i++) {
		const struct sf_class *cl = &f->classes.v[i];
		if (cl->bases == NULL)
			continue;
		char *list = xstrdup(cl->bases), *save = NULL;
		for (char *b = strtok_r(list, "(), \t\n", &save); b != NULL;
		     b = strtok_r(NULL, "(), \t\n", &save)) {
			if (strchr(b, '=') != NULL)
				continue; /* metaclass=... */
			bool bound;
			const char *r =
				facts_resolve(f, cl->parent_function,
					      cl->span.start, b, &bound);
			if (r != NULL && roles_match(fam, ROLES_ENTRY, r, NULL))
				flags |= SF_FILE_ENTRY;
		}
		free(list);
	}
	for (uint32_t i = 0; i < f->functions.n; i++) {
		const struct sf_function *fn = &f->functions.v[i];
		if (fn->parent < 0 && fn->class_index < 0 && fn->name &&
		    roles_match(fam, ROLES_ENTRY_FUNCTION, fn->name, NULL))
			flags |= SF_FILE_ENTRY;
	}
	if (browser_import && !server_import && !(flags & SF_FILE_ENTRY))
		flags |= SF_FILE_BROWSER;
	if ((flags & SF_FILE_ENTRY) && closes_own_server(f))
		flags |= SF_FILE_SETUP;
	return flags;
}
