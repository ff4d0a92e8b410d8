/*
 * The project index: summaries by path, manifests, module resolution (the
 * language-independent half; each family resolves its own names in
 * analyzers/<family>/resolve.c), and the fixed point over the call graph.
 * See index.h for the contract. Everything queries need is computed by
 * index_solve; queries only read.
 */
#include "index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_types.h"
#include "language.h"
#include "summary_io.h"
#include "util/arena.h"
#include "util/hash.h"
#include "util/path.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"

/* A call that the types lead out of the project to a catalogued API
 * (`cog_data_path(self) / "x"` then `.exists()`). */
struct ext_call {
	uint32_t call; /* the summary call */
	uint32_t effects;
	char *name; /* as the catalogue knows it; owned */
	char *what; /* "`pathlib.Path().exists`, blocking file I/O"; owned */
	char *replacement; /* owned, or NULL */
};

/* What a file's calls and functions resolved to at the last solve. */
struct ifile {
	struct sf_summary *s;
	uint32_t id;       /* position in the sorted files, set by solve */
	uint32_t *effects; /* per function, solved */
	/* Per function and effect bit: how the effect came. >= 0: an event
	 * of the function (index into s->events); <= -2: the summary call
	 * -(w + 2); -1: none. */
	int32_t (*witness)[SUMMARY_EFFECT_COUNT];
	int32_t *call_file, *call_fn; /* per summary call: the target */
	int32_t *exec_file, *exec_fn; /* per exec: the callable */
	int32_t *cb_file, *cb_fn;     /* per imported registration */
	/* Per function: what its registered_by names (index_given_to). */
	int32_t *given_file, *given_fn;
	/* Per summary import: the file a module import names (its family's
	 * resolve_file), else -1. It depends on the summary's imports and
	 * on which files, manifests and configurations there are, not on
	 * other files' texts: kept until the summary is replaced or the
	 * layout changes (struct sf_index's layout). */
	int32_t *import_file;
	/* Calls the types lead to an API outside the project, by call. */
	VEC(struct ext_call) ext;
	char **registered; /* per function: context (owned), or NULL */
	/* Per function: sent to a thread (1) or a process (2) by another
	 * file's code, else 0. */
	uint8_t *sent;
	/* Files visited while resolving this file's names: when one of them
	 * changes, this file's names are resolved again. */
	VEC(uint32_t) deps;
	uint64_t digest;
	uint64_t path_hash;
	bool digest_valid; /* digest is from an earlier solve */
	bool recheck;
	bool named; /* summary_index_names done */
	bool dirty; /* new summary since the last solve */
	/* The summary it replaced registered callbacks (which may be gone). */
	bool registered_before;
};

struct manifest_list {
	struct index_manifest *v;
	uint32_t n, cap;
};

/* A property a file sets on a module (summary_prop), by module. */
struct iprop {
	int32_t file; /* the module */
	const char *member;
	int32_t from; /* the file that sets it */
	const char *value;
	bool in_file;
};

struct sf_index {
	VEC(struct ifile *) files; /* sorted by path after solve */
	/* Properties set on modules, by file and member (the last solve's,
	 * and what they were built from). */
	VEC(struct iprop) props;
	uint64_t props_digest;
	struct strmap by_path; /* path -> struct ifile * */
	/* Every file's path without its extension (index_has_stem) ->
	 * non-NULL. */
	struct strmap stems;
	struct manifest_list manifests;
	/* Configuration files of module resolution (tsconfig.json). */
	struct manifest_list configs;
	bool sorted;
	/* Files were added or removed, or a manifest changed: every name is
	 * resolved again (a new file can satisfy an import that failed). */
	bool full;
	/* Files were added or removed, or a manifest or configuration
	 * changed: what module imports name is resolved again. */
	bool layout;
	/* How names outside the project are judged (index_set_apis). */
	index_api_fn api;
	void *api_ctx;
};

/* While resolve_file resolves a file's names, on the thread doing it:
 * the file's deps, and where bindings leave the project while the types
 * resolve a name (index_capture_begin). Per thread, since index_solve
 * resolves files on several at once; queries outside it see neither. */
static _Thread_local struct {
	void *deps;
	struct index_capture *capture;
} resolving;

struct sf_index *
index_create(void)
{
	struct sf_index *ix = xcalloc(1, sizeof *ix);
	strmap_init(&ix->by_path);
	strmap_init(&ix->stems);
	return ix;
}

static void
ext_free(struct ifile *f)
{
	for (uint32_t i = 0; i < f->ext.n; i++) {
		free(f->ext.v[i].name);
		free(f->ext.v[i].what);
		free(f->ext.v[i].replacement);
	}
	VEC_FREE(f->ext);
}

static void
ifile_solved_free(struct ifile *f)
{
	free(f->effects);
	free(f->witness);
	free(f->call_file);
	free(f->call_fn);
	free(f->exec_file);
	free(f->exec_fn);
	free(f->cb_file);
	free(f->cb_fn);
	free(f->given_file);
	free(f->given_fn);
	free(f->import_file);
	for (uint32_t i = 0; f->registered && i < f->s->functions.n; i++)
		free(f->registered[i]);
	free(f->registered);
	free(f->sent);
	f->sent = NULL;
	ext_free(f);
	VEC_FREE(f->deps);
	f->effects = NULL;
	f->witness = NULL;
	f->call_file = f->call_fn = f->exec_file = f->exec_fn = NULL;
	f->cb_file = f->cb_fn = NULL;
	f->given_file = f->given_fn = NULL;
	f->import_file = NULL;
	f->registered = NULL;
}

static void
ifile_destroy(struct ifile *f)
{
	if (f == NULL)
		return;
	ifile_solved_free(f);
	summary_destroy(f->s);
	free(f);
}

static void
manifest_finish(struct index_manifest *m)
{
	free(m->path);
	free(m->dir);
	free(m->name);
	free(m->main);
	for (uint32_t i = 0; i < m->dependencies.n; i++)
		free(m->dependencies.v[i]);
	VEC_FREE(m->dependencies);
	const struct sf_family *family = language_family(m->family);
	if (m->data != NULL && family->free_manifest_data != NULL)
		family->free_manifest_data(m->data);
	for (uint32_t i = 0; i < m->programs.n; i++)
		free(m->programs.v[i]);
	VEC_FREE(m->programs);
}

void
index_destroy(struct sf_index *ix)
{
	if (ix == NULL)
		return;
	for (uint32_t i = 0; i < ix->files.n; i++)
		ifile_destroy(ix->files.v[i]);
	VEC_FREE(ix->files);
	strmap_finish(&ix->by_path);
	strmap_finish(&ix->stems);
	for (uint32_t i = 0; i < ix->manifests.n; i++)
		manifest_finish(&ix->manifests.v[i]);
	VEC_FREE(ix->manifests);
	for (uint32_t i = 0; i < ix->configs.n; i++)
		manifest_finish(&ix->configs.v[i]);
	VEC_FREE(ix->configs);
	VEC_FREE(ix->props);
	free(ix);
}

void
index_changes_finish(struct index_changes *c)
{
	if (c == NULL)
		return;
	for (uint32_t i = 0; i < c->paths.n; i++)
		free(c->paths.v[i]);
	VEC_FREE(c->paths);
}

/* --- files ------------------------------------------------------------- */

static struct ifile *
find_file(const struct sf_index *ix, const char *path)
{
	return strmap_get(&ix->by_path, path, NULL);
}

/* --- manifests ---------------------------------------------------------- */

int
index_add_manifest(struct sf_index *ix, const char *path, const char *text,
		   uint32_t len, char **cause)
{
	const struct sf_family *family =
		language_manifest_family(path_base(path));
	bool config = family == NULL;
	if (config)
		family = language_config_family(path_base(path));
	if (family == NULL) {
		*cause = xasprintf("%s: not a manifest stackfit reads", path);
		return -1;
	}
	/* A configuration (tsconfig.json) makes no component: it is kept
	 * apart, for module resolution only. */
	struct manifest_list *list = config ? &ix->configs : &ix->manifests;
	for (uint32_t i = 0; i < list->n; i++)
		if (strcmp(list->v[i].path, path) == 0) {
			manifest_finish(&list->v[i]);
			list->v[i] = list->v[--list->n];
			break;
		}
	ix->full = ix->layout = true;
	struct index_manifest *m = VEC_PUSH(*list);
	m->path = xstrdup(path);
	char dir[PATH_BUILD_MAX];
	path_dir(path, dir, sizeof dir);
	m->dir = xstrdup(dir);
	m->family = family->id;
	if (len > INDEX_MANIFEST_MAX) {
		m->bad = true;
		*cause = xasprintf("%s: larger than %u bytes, not read", path,
				   INDEX_MANIFEST_MAX);
		return -1;
	}
	return family->read_manifest(m, path_base(path), text, len, cause);
}

uint32_t
index_manifest_count(const struct sf_index *ix)
{
	return ix->manifests.n;
}

const struct index_manifest *
index_manifest(const struct sf_index *ix, uint32_t i)
{
	return &ix->manifests.v[i];
}

/* --- storing summaries -------------------------------------------------- */

/* Notes path's stem: all of it before the `.` of its last component's
 * extension (none when that component has no `.`). */
static void
put_stem(struct sf_index *ix, const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot == NULL || strchr(dot, '/') != NULL)
		return;
	size_t n = (size_t)(dot - path);
	char *stem = xmalloc(n + 1);
	memcpy(stem, path, n);
	stem[n] = '\0';
	strmap_put(&ix->stems, stem, ix);
	free(stem);
}

bool
index_put(struct sf_index *ix, struct sf_summary *s)
{
	struct ifile *old = find_file(ix, s->path);
	if (old != NULL && summary_io_same(old->s, s)) {
		/* Whatever the solve made of the old one stands; the second
		 * pass finds the summary by its text's hash. */
		old->s->hash = s->hash;
		old->s->lines = s->lines;
		summary_destroy(s);
		return false;
	}
	if (old != NULL) {
		old->registered_before |=
			old->s->cbrefs.n > 0 || old->s->execs.n > 0;
		ifile_solved_free(old);
		summary_destroy(old->s);
		old->s = s;
		old->named = false;
		old->dirty = true;
		return true;
	}
	struct ifile *f = xcalloc(1, sizeof *f);
	f->s = s;
	f->dirty = true;
	*VEC_PUSH(ix->files) = f;
	strmap_put(&ix->by_path, s->path, f);
	put_stem(ix, s->path);
	ix->sorted = false;
	ix->full = ix->layout = true;
	return true;
}

void
index_invalidate(struct sf_index *ix)
{
	ix->full = true;
}

void
index_remove(struct sf_index *ix, const char *path)
{
	struct ifile *f = find_file(ix, path);
	if (f == NULL)
		return;
	for (uint32_t i = 0; i < ix->files.n; i++)
		if (ix->files.v[i] == f) {
			ix->files.v[i] = ix->files.v[--ix->files.n];
			break;
		}
	ix->sorted = false;
	ix->full = ix->layout = true;
	/* strmap has no delete: rebuild them. */
	strmap_finish(&ix->by_path);
	strmap_init(&ix->by_path);
	strmap_finish(&ix->stems);
	strmap_init(&ix->stems);
	for (uint32_t i = 0; i < ix->files.n; i++) {
		strmap_put(&ix->by_path, ix->files.v[i]->s->path,
			   ix->files.v[i]);
		put_stem(ix, ix->files.v[i]->s->path);
	}
	ifile_destroy(f);
}

/* --- module resolution -------------------------------------------------- */

/* The families' resolvers (analyzers/<family>/resolve.c) do the part of
 * resolution that depends on the language; these are what they ask. */

/* Notes that the names being resolved depend on file id. */
static void
touch(const struct sf_index *ix, int32_t id)
{
	(void)ix;
	if (resolving.deps == NULL)
		return;
	VEC(uint32_t) *deps = resolving.deps;
	for (uint32_t i = deps->n; i-- > 0 && deps->n - i <= 8;)
		if (deps->v[i] == (uint32_t)id)
			return;
	*VEC_PUSH(*deps) = (uint32_t)id;
}

int32_t
index_path_file(const struct sf_index *ix, const char *path)
{
	const struct ifile *f = find_file(ix, path);
	return f ? (int32_t)f->id : -1;
}

bool
index_has_stem(const struct sf_index *ix, const char *stem)
{
	return strmap_get(&ix->stems, stem, NULL) != NULL;
}

const struct sf_summary *
index_use(const struct sf_index *ix, int32_t id)
{
	touch(ix, id);
	return ix->files.v[id]->s;
}

const struct index_manifest *
index_config_at(const struct sf_index *ix, const char *path)
{
	for (uint32_t i = 0; i < ix->configs.n; i++)
		if (strcmp(ix->configs.v[i].path, path) == 0)
			return &ix->configs.v[i];
	return NULL;
}

const struct index_manifest *
index_manifest_in(const struct sf_index *ix, const char *dir,
		  enum sf_family_id family)
{
	for (uint32_t i = 0; i < ix->manifests.n; i++)
		if (ix->manifests.v[i].family == family &&
		    strcmp(ix->manifests.v[i].dir, dir) == 0)
			return &ix->manifests.v[i];
	return NULL;
}

struct index_capture *
index_capture_begin(struct sf_index *ix, struct index_capture *c)
{
	(void)ix;
	struct index_capture *previous = resolving.capture;
	c->set = false;
	resolving.capture = c;
	return previous;
}

void
index_capture_end(struct sf_index *ix, struct index_capture *previous)
{
	(void)ix;
	resolving.capture = previous;
}

/* Binding b of file id led nowhere in the project for the name's rest:
 * what it led to, for the types (the first such place only). */
static void
capture(const struct sf_index *ix, int32_t id, const struct summary_binding *b,
	const char *rest)
{
	(void)ix;
	struct index_capture *c = resolving.capture;
	if (c == NULL || c->set)
		return;
	/* An instance's member is its class's member of an instance. */
	if (!path_printf(c->name, sizeof c->name, "%s%s%s", b->target,
			 b->made ? "()" : "", rest))
		return;
	c->set = true;
	c->in_file = b->in_file;
	c->file = id;
}

struct index_target
index_lookup_local(const struct sf_index *ix, int32_t id, const char *path,
		   int depth)
{
	if (depth > INDEX_RESOLVE_DEPTH)
		return INDEX_NO_TARGET;
	const struct sf_summary *s = index_use(ix, id);
	int32_t fn = summary_find_function(s, path);
	if (fn >= 0)
		return INDEX_FN_TARGET(id, fn);
	/* A class: the types follow it; a call of it runs its constructor. */
	int32_t ctor = summary_find_constructor(s, path);
	int32_t cls = summary_find_class(s, path);
	if (cls >= 0)
		return (struct index_target){id, ctor, cls, false};
	if (ctor >= 0)
		return INDEX_FN_TARGET(id, ctor);
	for (uint32_t i = 0; i < s->bindings.n; i++) {
		const struct summary_binding *b = &s->bindings.v[i];
		/* A binding of the head, or of a dotted name (a property
		 * of a module-level object: `r.fs`). */
		size_t head = strlen(b->local);
		if (strncmp(b->local, path, head) != 0 ||
		    (path[head] != '\0' && path[head] != '.'))
			continue;
		char buf[PATH_BUILD_MAX];
		path_printf(buf, sizeof buf, "%s%s", b->target, path + head);
		struct index_target t =
			b->in_file ? index_lookup_local(ix, id, buf, depth + 1)
				   : index_resolve_name(ix, id, buf, depth + 1);
		if (index_target_found(t))
			t.made |= b->made && path[head] == '\0';
		else
			capture(ix, id, b, path + head);
		return t;
	}
	return INDEX_NO_TARGET;
}

const char *
index_module_prop(const struct sf_index *ix, int32_t file, const char *member,
		  size_t n, int32_t *from, bool *in_file)
{
	uint32_t lo = 0, hi = ix->props.n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const struct iprop *p = &ix->props.v[mid];
		int c = p->file != file ? (p->file < file ? -1 : 1)
					: strncmp(p->member, member, n);
		if (c == 0 && p->member[n] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= ix->props.n)
		return NULL;
	const struct iprop *p = &ix->props.v[lo];
	if (p->file != file || strncmp(p->member, member, n) != 0 ||
	    p->member[n] != '\0')
		return NULL;
	touch(ix, p->from);
	*from = p->from;
	*in_file = p->in_file;
	return p->value;
}

struct index_target
index_resolve_name(const struct sf_index *ix, int32_t from, const char *name,
		   int depth)
{
	if (depth > INDEX_RESOLVE_DEPTH || name == NULL)
		return INDEX_NO_TARGET;
	const struct sf_family *family =
		language_get(ix->files.v[from]->s->lang)->family;
	struct index_target t;
	if (!family->resolve_module(ix, from, name, depth, &t))
		return INDEX_NO_TARGET;
	return t;
}

bool
index_resolve(const struct sf_index *ix, const char *path, const char *local,
	      const char *name, struct index_fn *out)
{
	const struct ifile *f = find_file(ix, path);
	if (f == NULL)
		return false;
	struct index_target t = INDEX_NO_TARGET;
	if (local != NULL)
		t = index_lookup_local(ix, (int32_t)f->id, local, 0);
	if (t.fn < 0 && name != NULL)
		t = index_resolve_name(ix, (int32_t)f->id, name, 0);
	if (t.fn < 0)
		return false;
	out->file = ix->files.v[t.file]->s;
	out->fn = t.fn;
	return true;
}

/* --- solving ------------------------------------------------------------ */

static int
cmp_files(const void *a, const void *b)
{
	const struct ifile *x = *(const struct ifile *const *)a;
	const struct ifile *y = *(const struct ifile *const *)b;
	return strcmp(x->s->path, y->s->path);
}

static bool
file_exempt(const struct sf_summary *s)
{
	return (s->flags &
		(SF_FILE_CLI | SF_FILE_TEST | SF_FILE_CONFIG | SF_FILE_WORKER |
		 SF_FILE_IGNORED | SF_FILE_BROWSER | SF_FILE_GENERATED)) != 0;
}

/* Does calling this function run its body in the caller? An async
 * function, a generator and event-loop code are judged on their own. */
static bool
propagates(const struct ifile *f, int32_t fn)
{
	uint32_t flags = f->s->functions.v[fn].flags;
	/* A memoised function does its work once: not every caller's. */
	if (flags & (SF_FN_ON_LOOP | SF_FN_GENERATOR | SF_FN_MEMOISED))
		return false;
	if ((flags & SF_FN_ASYNC) &&
	    language_get(f->s->lang)->family->coroutines)
		return false;
	return f->registered[fn] == NULL;
}

/* A call's or send's target: a function of file i, or a name to resolve. */
static struct index_target
resolve_ref(const struct sf_index *ix, uint32_t i, int32_t local,
	    const char *name)
{
	if (local >= 0)
		return INDEX_FN_TARGET((int32_t)i, local);
	return index_resolve_name(ix, (int32_t)i, name, 0);
}

/* Is call c of f an edge of the call graph (a function of f calls a
 * project function)? Sets *g to the callee's global number. Whether the
 * callee's body runs in the caller (propagates) is asked when effects
 * flow, not here: the edges also say whose answer an edit may change,
 * and a callee that stops (or starts) being event-loop code changes its
 * callers' answers either way. */
static bool
edge(const struct sf_index *ix, const uint32_t *base, const struct ifile *f,
     uint32_t c, uint32_t *g)
{
	(void)ix;
	int32_t tfile = f->call_file[c], tfn = f->call_fn[c];
	if (tfn < 0 || f->s->calls.v[c].fn < 0)
		return false;
	*g = base[tfile] + (uint32_t)tfn;
	return true;
}

static uint32_t
bit_index(uint32_t bit)
{
	uint32_t i = 0;
	while (bit > 1) {
		bit >>= 1;
		i++;
	}
	return i;
}

/* Is function fn (or an enclosing function) event-loop code? */
static bool
on_loop(const struct ifile *f, int32_t fn)
{
	for (int depth = 0; fn >= 0 && depth < 256; depth++) {
		const struct summary_function *sf = &f->s->functions.v[fn];
		if (f->registered[fn] != NULL)
			return true;
		if (sf->flags & SF_FN_EXEMPT)
			return false;
		if (sf->flags & SF_FN_ON_LOOP)
			return true;
		/* Only callbacks inherit the loop from their parent. */
		if (!(sf->flags & SF_FN_CALLBACK))
			return false;
		fn = sf->parent;
	}
	return false;
}

static uint64_t
mix(uint64_t h, uint64_t v)
{
	return (h ^ v) * 1099511628211ull;
}

static uint64_t
mix_str(uint64_t h, const char *s)
{
	return s ? mix(h, sf_hash(s, strlen(s))) : mix(h, 0);
}

/* The per-file arrays a solve fills, for a file that has none. */
static void
ifile_alloc(struct ifile *f)
{
	uint32_t nfn = f->s->functions.n ? f->s->functions.n : 1;
	uint32_t nc = f->s->calls.n ? f->s->calls.n : 1;
	uint32_t ne = f->s->execs.n ? f->s->execs.n : 1;
	uint32_t nr = f->s->cbrefs.n ? f->s->cbrefs.n : 1;
	f->effects = xcalloc(nfn, sizeof *f->effects);
	f->witness = xmalloc(nfn * sizeof *f->witness);
	f->registered = xcalloc(nfn, sizeof *f->registered);
	f->sent = xcalloc(nfn, sizeof *f->sent);
	f->call_file = xmalloc(nc * sizeof(int32_t));
	f->call_fn = xmalloc(nc * sizeof(int32_t));
	f->exec_file = xmalloc(ne * sizeof(int32_t));
	f->exec_fn = xmalloc(ne * sizeof(int32_t));
	f->cb_file = xmalloc(nr * sizeof(int32_t));
	f->cb_fn = xmalloc(nr * sizeof(int32_t));
	f->given_file = xmalloc(nfn * sizeof(int32_t));
	f->given_fn = xmalloc(nfn * sizeof(int32_t));
}

/* What file i's module imports name (ifile's import_file). */
static void
resolve_imports(const struct sf_index *ix, uint32_t i)
{
	struct ifile *f = ix->files.v[i];
	const struct sf_family *family = language_get(f->s->lang)->family;
	free(f->import_file);
	f->import_file = xmalloc((f->s->imports.n ? f->s->imports.n : 1) *
				 sizeof *f->import_file);
	for (uint32_t k = 0; k < f->s->imports.n; k++) {
		const struct summary_import *im = &f->s->imports.v[k];
		f->import_file[k] =
			im->kind == SUMMARY_IMPORT_MODULE &&
					family->resolve_file != NULL
				? family->resolve_file(ix, (int32_t)i,
						       im->module)
				: -1;
	}
}

/* The function the function sf of file i is given to (index_given_to):
 * the one it runs in place in, named in its own file's scope, or the
 * one it is registered with as a callback, named by module resolution. */
static struct index_target
resolve_given(const struct sf_index *ix, uint32_t i,
	      const struct summary_function *sf)
{
	if (sf->registered_by == NULL)
		return INDEX_NO_TARGET;
	if ((sf->flags & SF_FN_RUN_IN_PLACE) && !(sf->flags & SF_FN_REGISTERED))
		return index_lookup_local(ix, (int32_t)i, sf->registered_by, 0);
	if ((sf->flags & SF_FN_REGISTERED) && (sf->flags & SF_FN_CALLBACK))
		return index_resolve_name(ix, (int32_t)i, sf->registered_by, 0);
	return INDEX_NO_TARGET;
}

void
index_set_apis(struct sf_index *ix, index_api_fn fn, void *ctx)
{
	ix->api = fn;
	ix->api_ctx = ctx;
}

/* Call c of f leads out of the project to name: when that is a catalogued
 * API the summary could not see, it is recorded (f->ext). */
static void
note_outside(const struct sf_index *ix, struct ifile *f, uint32_t c,
	     const char *name)
{
	const struct summary_call *sc = &f->s->calls.v[c];
	const struct sf_family *family = language_get(f->s->lang)->family;
	char buf[TYPES_NAME_MAX];
	if (ix->api == NULL || (sc->awaited && family->coroutines))
		return;
	if (family->catalogue_name != NULL)
		family->catalogue_name(name, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "%s", name);
	/* The name as the file wrote it was judged by the summary. */
	if (!sc->in_file && sc->target != NULL && strcmp(buf, sc->target) == 0)
		return;
	const struct sf_api *api =
		ix->api(ix->api_ctx, f->s->path, f->s->lang, buf);
	if (api == NULL ||
	    (sc->fn >= 0 &&
	     summary_read_once(api->kind, f->s->functions.v[sc->fn].flags)))
		return;
	struct ext_call *x = VEC_PUSH(f->ext);
	x->call = c;
	x->effects = summary_api_effects(api->kind);
	x->name = xstrdup(buf);
	x->what = xasprintf("`%s`, %s", buf, summary_kind_words(api->kind));
	x->replacement = api->replacement ? xstrdup(api->replacement) : NULL;
}

/* What summary call c of file i calls: a project function, through the
 * types when its target is a value path; else nothing (noting where it
 * leaves the project). */
static struct index_target
resolve_call(struct sf_index *ix, struct types_memo *memo, uint32_t i,
	     uint32_t c)
{
	struct ifile *f = ix->files.v[i];
	const struct summary_call *sc = &f->s->calls.v[c];
	if (sc->local >= 0)
		return INDEX_FN_TARGET((int32_t)i, sc->local);
	struct types_value v;
	types_resolve(ix, memo, (int32_t)i, sc->target, sc->in_file, 0, &v);
	if (v.kind == TYPES_FN)
		return INDEX_FN_TARGET(v.file, v.idx);
	/* A class of another file (`new Client()` with `const Client =
	 * require('./client')`): the call runs its constructor. */
	if (v.kind == TYPES_CLASS) {
		const struct sf_summary *ts = index_use(ix, v.file);
		int32_t ctor =
			summary_find_constructor(ts, ts->classes.v[v.idx].name);
		if (ctor >= 0)
			return INDEX_FN_TARGET(v.file, ctor);
	}
	/* A name outside the project that is not the one the file wrote
	 * (which the summary judged). */
	if (v.kind == TYPES_OUTSIDE &&
	    (sc->in_file || strcmp(v.name, sc->target) != 0))
		note_outside(ix, f, c, v.name);
	return INDEX_NO_TARGET;
}

/* The call the types lead out of the project from summary call c of f,
 * or NULL. */
static const struct ext_call *
find_ext(const struct ifile *f, uint32_t c)
{
	uint32_t lo = 0, hi = f->ext.n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (f->ext.v[mid].call < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->ext.n && f->ext.v[lo].call == c ? &f->ext.v[lo] : NULL;
}

/* Resolves every name of file i (calls, sends, registrations), noting the
 * files it depends on. It writes to file i alone: files are resolved on
 * several threads at once. */
static void
resolve_file(struct sf_index *ix, struct types_memo *memo, uint32_t i)
{
	struct ifile *f = ix->files.v[i];
	f->deps.n = 0;
	resolving.deps = &f->deps;
	ext_free(f);
	types_memo_reset(memo);
	for (uint32_t c = 0; c < f->s->calls.n; c++) {
		struct index_target t = resolve_call(ix, memo, i, c);
		f->call_file[c] = t.file;
		f->call_fn[c] = t.fn;
	}
	for (uint32_t e = 0; e < f->s->execs.n; e++) {
		const struct summary_exec *se = &f->s->execs.v[e];
		struct index_target t =
			resolve_ref(ix, i, se->local, se->target);
		f->exec_file[e] = t.file;
		f->exec_fn[e] = t.fn;
	}
	for (uint32_t r = 0; r < f->s->cbrefs.n; r++) {
		struct index_target t =
			file_exempt(f->s)
				? INDEX_NO_TARGET
				: index_resolve_name(ix, (int32_t)i,
						     f->s->cbrefs.v[r].target,
						     0);
		f->cb_file[r] = t.file;
		f->cb_fn[r] = t.fn;
	}
	for (uint32_t fn = 0; fn < f->s->functions.n; fn++) {
		struct index_target t =
			resolve_given(ix, i, &f->s->functions.v[fn]);
		f->given_file[fn] = t.fn >= 0 ? t.file : -1;
		f->given_fn[fn] = t.fn;
	}
	resolving.deps = NULL;
}

/* A step of index_solve done file by file: it writes to its file alone,
 * so that files are taken on several threads at once. */
typedef void file_step_fn(struct sf_index *ix, struct types_memo *memo,
			  uint32_t i);

/* One task of each_file's map: a slice of the files, with a memo. */
struct file_slices {
	struct sf_index *ix;
	file_step_fn *step;
	const uint32_t *files; /* in path order */
	uint32_t n;
	uint32_t slices;
};

static void
file_slice(void *arg, uint32_t k)
{
	const struct file_slices *b = arg;
	uint32_t from = (uint32_t)((uint64_t)b->n * k / b->slices);
	uint32_t to = (uint32_t)((uint64_t)b->n * (k + 1) / b->slices);
	struct types_memo *memo = types_memo_create();
	for (uint32_t i = from; i < to; i++)
		b->step(b->ix, memo, b->files[i]);
	types_memo_destroy(memo);
}

/* Slices of the files, many more than threads, so that the threads finish
 * together; fewer files than twice this are taken here. */
#define INDEX_SLICES 64

/* step for the n files of files, through m when it is not NULL. */
static void
each_file(struct sf_index *ix, file_step_fn *step, const uint32_t *files,
	  uint32_t n, const struct index_map *m)
{
	struct file_slices b = {ix, step, files, n, 1};
	if (m != NULL && m->map != NULL && n >= 2 * INDEX_SLICES) {
		b.slices = INDEX_SLICES;
		m->map(m->ctx, b.slices, file_slice, &b);
	} else if (n > 0) {
		file_slice(&b, 0);
	}
}

/* What index_solve readies in file i before names are resolved: its
 * imports' files, its names' slots, its solved arrays. */
static void
ready_file(struct sf_index *ix, struct types_memo *memo, uint32_t i)
{
	(void)memo;
	struct ifile *f = ix->files.v[i];
	if (ix->layout || f->import_file == NULL)
		resolve_imports(ix, i);
	if (!f->named) {
		if (f->s->fn_slots == NULL)
			summary_index_names(f->s);
		f->path_hash = sf_hash(f->s->path, strlen(f->s->path));
		f->named = true;
	}
	if (f->effects == NULL) {
		ifile_alloc(f);
		f->dirty = true;
	}
}

/* Recomputes which functions other files register as callbacks; marks in
 * touched the files where that changed. */
static void
solve_registrations(struct sf_index *ix, bool *touched)
{
	uint32_t nf = ix->files.n;
	/* The new contexts, per file and function, built aside so that they
	 * can be compared with the old ones. */
	char ***fresh = xcalloc(nf ? nf : 1, sizeof *fresh);
	for (uint32_t i = 0; i < nf; i++) {
		const struct ifile *f = ix->files.v[i];
		for (uint32_t r = 0; r < f->s->cbrefs.n; r++) {
			int32_t tfile = f->cb_file[r], tfn = f->cb_fn[r];
			if (tfn < 0 || !f->s->cbrefs.v[r].loop)
				continue;
			const struct ifile *tf = ix->files.v[tfile];
			uint32_t flags = tf->s->functions.v[tfn].flags;
			if (file_exempt(tf->s) ||
			    (flags & (SF_FN_ON_LOOP | SF_FN_EXEMPT)))
				continue;
			if (fresh[tfile] == NULL)
				fresh[tfile] = xcalloc(tf->s->functions.n,
						       sizeof(char *));
			if (fresh[tfile][tfn] == NULL)
				fresh[tfile][tfn] = xasprintf(
					"`%s`, registered with `%s` in %s",
					tf->s->functions.v[tfn].name,
					f->s->cbrefs.v[r].label, f->s->path);
		}
	}
	/* Callables another file sends to a thread or a process. */
	uint8_t **sent = xcalloc(nf ? nf : 1, sizeof *sent);
	for (uint32_t i = 0; i < nf; i++) {
		const struct ifile *f = ix->files.v[i];
		for (uint32_t e = 0; e < f->s->execs.n; e++) {
			int32_t tfile = f->exec_file[e], tfn = f->exec_fn[e];
			if (tfn < 0 || tfile == (int32_t)i)
				continue;
			if (sent[tfile] == NULL)
				sent[tfile] = xcalloc(
					ix->files.v[tfile]->s->functions.n, 1);
			sent[tfile][tfn] |=
				f->s->execs.v[e].kind == SUMMARY_EXEC_THREAD
					? 1
					: 2;
		}
	}
	for (uint32_t i = 0; i < nf; i++) {
		struct ifile *f = ix->files.v[i];
		for (uint32_t fn = 0; fn < f->s->functions.n; fn++) {
			uint8_t k = sent[i] ? sent[i][fn] : 0;
			if (f->sent[fn] != k)
				touched[i] = true;
			f->sent[fn] = k;
		}
		free(sent[i]);
	}
	free(sent);
	for (uint32_t i = 0; i < nf; i++) {
		struct ifile *f = ix->files.v[i];
		for (uint32_t fn = 0; fn < f->s->functions.n; fn++) {
			char *now = fresh[i] ? fresh[i][fn] : NULL;
			char *was = f->registered[fn];
			if ((now == NULL) != (was == NULL) ||
			    (now != NULL && strcmp(now, was) != 0))
				touched[i] = true;
			free(was);
			f->registered[fn] = now;
		}
		free(fresh[i]);
	}
	free(fresh);
}

/* What file f's cross-file findings depend on, as one number. */
static uint64_t
file_digest(const struct sf_index *ix, const struct ifile *f)
{
	uint64_t d = 14695981039346656037ull;
	for (uint32_t fn = 0; fn < f->s->functions.n; fn++) {
		if (f->registered[fn] != NULL)
			d = mix_str(mix(d, fn), f->registered[fn]);
		if (f->sent[fn] != 0)
			d = mix(mix(d, fn), f->sent[fn]);
	}
	for (uint32_t c = 0; c < f->s->calls.n; c++) {
		int32_t tfile = f->call_file[c], tfn = f->call_fn[c];
		if (tfn < 0)
			continue;
		const struct ifile *tf = ix->files.v[tfile];
		d = mix(d, c);
		d = mix(d, propagates(tf, tfn) ? tf->effects[tfn] : 0x100);
		/* Where the effects come from: the chain's first hop. */
		for (int b = 0; b < 2; b++)
			d = mix(d, (uint64_t)(uint32_t)tf->witness[tfn][b]);
		d = mix(d, tf->path_hash);
	}
	for (uint32_t e = 0; e < f->s->execs.n; e++) {
		int32_t tfile = f->exec_file[e], tfn = f->exec_fn[e];
		if (tfn >= 0)
			d = mix(d, ix->files.v[tfile]->effects[tfn]);
	}
	for (uint32_t k = 0; k < f->ext.n; k++)
		d = mix_str(mix(mix(d, f->ext.v[k].call), f->ext.v[k].effects),
			    f->ext.v[k].name);
	return d;
}

/* The file holding global function g (base: first global number of each
 * file, nf + 1 entries). */
static uint32_t
file_of(const uint32_t *base, uint32_t nf, uint32_t g)
{
	uint32_t lo = 0, hi = nf;
	while (hi - lo > 1) {
		uint32_t mid = (lo + hi) / 2;
		if (base[mid] <= g)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Resets function fn of f to what its own body does. */
static void
own_effects(struct ifile *f, uint32_t fn)
{
	const struct summary_function *sf = &f->s->functions.v[fn];
	f->effects[fn] = sf->effects;
	for (int b = 0; b < SUMMARY_EFFECT_COUNT; b++)
		f->witness[fn][b] = -1;
	for (uint32_t e = 0; e < sf->nevents; e++) {
		uint32_t ev = sf->event0 + e;
		uint32_t eff = f->s->events.v[ev].effects;
		for (int b = 0; b < SUMMARY_EFFECT_COUNT; b++)
			if ((eff & (1u << b)) && f->witness[fn][b] == -1)
				f->witness[fn][b] = (int32_t)ev;
	}
	/* APIs only the types show: witnessed by their call. */
	for (uint32_t k = 0; k < f->ext.n; k++) {
		const struct ext_call *x = &f->ext.v[k];
		if (f->s->calls.v[x->call].fn != (int32_t)fn)
			continue;
		f->effects[fn] |= x->effects;
		for (int b = 0; b < SUMMARY_EFFECT_COUNT; b++)
			if ((x->effects & (1u << b)) && f->witness[fn][b] == -1)
				f->witness[fn][b] = -(int32_t)x->call - 2;
	}
}

/* Gives caller h (function sc->fn of cf, via call k) what callee effects
 * eff add to it; true when it gained something. */
static bool
gain(struct ifile *cf, uint32_t k, uint32_t eff)
{
	int32_t h = cf->s->calls.v[k].fn;
	uint32_t add = eff & ~cf->effects[h];
	if (add == 0)
		return false;
	cf->effects[h] |= add;
	for (int b = 0; b < SUMMARY_EFFECT_COUNT; b++)
		if (add & (1u << b))
			cf->witness[h][b] = -(int32_t)k - 2;
	return true;
}

static int
cmp_props(const void *a, const void *b)
{
	const struct iprop *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	int c = strcmp(x->member, y->member);
	if (c != 0)
		return c;
	/* The first file (in path order) to set it wins. */
	return (x->from > y->from) - (x->from < y->from);
}

/* Rebuilds the table of properties files set on modules; true when it
 * differs from the last solve's (then every name is resolved again: a
 * property may answer a name that failed). */
static bool
build_props(struct sf_index *ix)
{
	ix->props.n = 0;
	for (uint32_t i = 0; i < ix->files.n; i++) {
		const struct sf_summary *s = ix->files.v[i]->s;
		const struct sf_family *family = language_get(s->lang)->family;
		for (uint32_t k = 0;
		     family->module_file != NULL && k < s->props.n; k++) {
			const struct summary_prop *sp = &s->props.v[k];
			int32_t t =
				family->module_file(ix, (int32_t)i, sp->target);
			if (t >= 0)
				*VEC_PUSH(ix->props) = (struct iprop){
					t, sp->member, (int32_t)i, sp->value,
					sp->in_file};
		}
	}
	if (ix->props.n > 1)
		qsort(ix->props.v, ix->props.n, sizeof *ix->props.v, cmp_props);
	uint64_t d = 14695981039346656037ull;
	for (uint32_t i = 0; i < ix->props.n; i++) {
		const struct iprop *p = &ix->props.v[i];
		d = mix(mix(d, (uint64_t)p->file), (uint64_t)p->from);
		d = mix_str(mix_str(mix(d, p->in_file), p->member), p->value);
	}
	bool changed = d != ix->props_digest;
	ix->props_digest = d;
	return changed;
}

void
index_solve(struct sf_index *ix, struct index_changes *changed,
	    const struct index_map *m)
{
	uint32_t nf = ix->files.n;
	if (!ix->sorted) {
		/* An empty index has no array: qsort must not see NULL. */
		if (nf > 1)
			qsort(ix->files.v, nf, sizeof *ix->files.v, cmp_files);
		ix->sorted = true;
	}
	uint32_t *base = xcalloc(nf + 1, sizeof *base);
	bool *redo = xcalloc(nf ? nf : 1, sizeof *redo);
	for (uint32_t i = 0; i < nf; i++)
		ix->files.v[i]->id = i;
	/* Properties set on modules hold strings of the summaries: rebuilt
	 * from the current ones before anything reads them. */
	bool full = build_props(ix) || ix->full;
	uint32_t *files = xmalloc((nf ? nf : 1) * sizeof *files);
	for (uint32_t i = 0; i < nf; i++)
		files[i] = i;
	each_file(ix, ready_file, files, nf, m);
	ix->full = ix->layout = false;
	for (uint32_t i = 0; i < nf; i++) {
		const struct ifile *f = ix->files.v[i];
		redo[i] = full || f->dirty;
		base[i + 1] = base[i] + f->s->functions.n;
	}
	/* Names are resolved again in changed files and in the files whose
	 * names went through them. */
	if (!full)
		for (uint32_t i = 0; i < nf; i++) {
			const struct ifile *f = ix->files.v[i];
			for (uint32_t k = 0; !redo[i] && k < f->deps.n; k++)
				redo[i] = ix->files.v[f->deps.v[k]]->dirty;
		}
	uint32_t nredo = 0;
	for (uint32_t i = 0; i < nf; i++)
		if (redo[i])
			files[nredo++] = i;
	each_file(ix, resolve_file, files, nredo, m);
	free(files);
	/* A file whose registrations changed has new event-loop code. They
	 * can only change when a re-resolved file registers something, or
	 * something is registered in a re-resolved file. */
	bool registrations = full;
	for (uint32_t i = 0; !registrations && i < nf; i++) {
		const struct ifile *f = ix->files.v[i];
		if (redo[i] && (f->s->cbrefs.n > 0 || f->s->execs.n > 0 ||
				f->registered_before))
			registrations = true;
		for (uint32_t r = 0; !registrations && r < f->s->cbrefs.n; r++)
			registrations = f->cb_fn[r] >= 0 && redo[f->cb_file[r]];
		for (uint32_t e = 0; !registrations && e < f->s->execs.n; e++)
			registrations =
				f->exec_fn[e] >= 0 && redo[f->exec_file[e]];
	}
	if (registrations)
		solve_registrations(ix, redo);

	/* Reverse edges, callee -> caller, over calls that run the callee's
	 * body in the caller. Integers only: cheap to rebuild. */
	uint32_t total = base[nf];
	uint32_t *deg = xcalloc(total + 1, sizeof *deg);
	for (uint32_t i = 0; i < nf; i++) {
		struct ifile *f = ix->files.v[i];
		uint32_t g;
		for (uint32_t c = 0; c < f->s->calls.n; c++)
			if (edge(ix, base, f, c, &g))
				deg[g]++;
	}
	uint32_t *start = xcalloc(total + 1, sizeof *start);
	for (uint32_t g = 0; g < total; g++)
		start[g + 1] = start[g] + deg[g];
	struct edge_ref {
		uint32_t file, call;
	} *edges = xmalloc((start[total] ? start[total] : 1) * sizeof *edges);
	memset(deg, 0, (total + 1) * sizeof *deg);
	for (uint32_t i = 0; i < nf; i++) {
		struct ifile *f = ix->files.v[i];
		uint32_t g;
		for (uint32_t c = 0; c < f->s->calls.n; c++)
			if (edge(ix, base, f, c, &g))
				edges[start[g] + deg[g]++] =
					(struct edge_ref){i, c};
	}

	/* The functions whose answer may change: those of re-resolved files
	 * and, transitively, their callers. Only they are solved again. */
	bool *affected = xcalloc(total ? total : 1, sizeof *affected);
	bool *file_affected = xcalloc(nf ? nf : 1, sizeof *file_affected);
	uint32_t *work = xmalloc((total ? total : 1) * sizeof *work);
	uint32_t nwork = 0;
	for (uint32_t i = 0; i < nf; i++) {
		file_affected[i] = redo[i];
		for (uint32_t fn = 0;
		     redo[i] && fn < ix->files.v[i]->s->functions.n; fn++) {
			affected[base[i] + fn] = true;
			work[nwork++] = base[i] + fn;
		}
	}
	while (nwork > 0) {
		uint32_t g = work[--nwork];
		for (uint32_t k = start[g]; k < start[g + 1]; k++) {
			const struct ifile *cf = ix->files.v[edges[k].file];
			uint32_t h = base[edges[k].file] +
				     (uint32_t)cf->s->calls.v[edges[k].call].fn;
			if (!affected[h]) {
				affected[h] = true;
				file_affected[edges[k].file] = true;
				work[nwork++] = h;
			}
		}
	}

	/* Own effects of the affected functions, plus what they get from
	 * callees that are not affected (their answers stand), then the
	 * worklist over the affected part of the graph. */
	bool *queued = xcalloc(total ? total : 1, sizeof *queued);
	uint32_t head = 0, tail = 0, pending = 0;
	for (uint32_t i = 0; i < nf; i++) {
		struct ifile *f = ix->files.v[i];
		for (uint32_t fn = 0;
		     file_affected[i] && fn < f->s->functions.n; fn++)
			if (affected[base[i] + fn])
				own_effects(f, fn);
	}
	for (uint32_t i = 0; i < nf; i++) {
		struct ifile *f = ix->files.v[i];
		uint32_t g;
		if (!file_affected[i])
			continue;
		for (uint32_t c = 0; c < f->s->calls.n; c++) {
			int32_t h = f->s->calls.v[c].fn;
			if (h < 0 || !affected[base[i] + (uint32_t)h] ||
			    !edge(ix, base, f, c, &g) || affected[g])
				continue;
			const struct ifile *tf = ix->files.v[f->call_file[c]];
			if (propagates(tf, f->call_fn[c]))
				gain(f, c, tf->effects[f->call_fn[c]]);
		}
		for (uint32_t fn = 0; fn < f->s->functions.n; fn++) {
			uint32_t gg = base[i] + fn;
			if (affected[gg] && f->effects[fn] != 0) {
				work[tail] = gg;
				tail = (tail + 1) % total;
				queued[gg] = true;
				pending++;
			}
		}
	}
	/* Each function is queued at most once at a time, so the ring never
	 * holds more than total entries; one is queued again only when it
	 * gains a bit, at most SUMMARY_EFFECT_COUNT times. */
	while (pending > 0) {
		uint32_t g = work[head];
		head = (head + 1) % total;
		pending--;
		queued[g] = false;
		uint32_t fi = file_of(base, nf, g);
		if (!propagates(ix->files.v[fi], (int32_t)(g - base[fi])))
			continue;
		uint32_t eff = ix->files.v[fi]->effects[g - base[fi]];
		for (uint32_t k = start[g]; k < start[g + 1]; k++) {
			struct ifile *cf = ix->files.v[edges[k].file];
			uint32_t h = base[edges[k].file] +
				     (uint32_t)cf->s->calls.v[edges[k].call].fn;
			if (!gain(cf, edges[k].call, eff) || queued[h])
				continue;
			queued[h] = true;
			work[tail] = h;
			tail = (tail + 1) % total;
			pending++;
		}
	}

	/* Digests of the files that hold an affected function (the callers
	 * of anything that changed are affected themselves). */
	for (uint32_t i = 0; i < nf; i++) {
		struct ifile *f = ix->files.v[i];
		f->dirty = false;
		f->registered_before = false;
		if (!file_affected[i] && f->digest_valid)
			continue;
		/* Registrations only change in re-resolved files (redo). */
		/* Calls the types name: the per-file rules judge them. */
		f->recheck = f->ext.n > 0;
		for (uint32_t fn = 0; fn < f->s->functions.n; fn++)
			f->recheck |= (f->registered[fn] != NULL ||
				       f->sent[fn] != 0) &&
				      f->s->functions.v[fn].rule_sensitive;
		uint64_t d = file_digest(ix, f);
		bool differs = f->digest_valid
				       ? d != f->digest
				       : f->recheck || f->s->calls.n > 0;
		f->digest = d;
		f->digest_valid = true;
		if (changed != NULL && differs)
			*VEC_PUSH(changed->paths) = xstrdup(f->s->path);
	}
	free(queued);
	free(work);
	free(affected);
	free(file_affected);
	free(edges);
	free(start);
	free(deg);
	free(redo);
	free(base);
}

bool
index_needs_recheck(const struct sf_index *ix, const char *path)
{
	const struct ifile *f = find_file(ix, path);
	return f != NULL && f->effects != NULL && f->recheck;
}

/* The stored file for facts, when they are the ones summarised. */
static const struct ifile *
file_for(const struct sf_index *ix, const struct sf_facts *f,
	 uint64_t text_hash)
{
	const struct ifile *x = find_file(ix, f->path);
	if (x == NULL || x->effects == NULL ||
	    (text_hash != 0 && x->s->hash != text_hash) ||
	    x->s->nfacts_calls != f->calls.n ||
	    x->s->nfacts_functions != f->functions.n)
		return NULL;
	return x;
}

void
index_apply_registrations(const struct sf_index *ix, struct sf_facts *f,
			  uint64_t text_hash)
{
	const struct ifile *x = file_for(ix, f, text_hash);
	if (x == NULL)
		return;
	for (uint32_t i = 0; i < f->functions.n; i++) {
		if (x->registered[i] != NULL &&
		    !(f->functions.v[i].flags & SF_FN_ON_LOOP)) {
			f->functions.v[i].flags |= SF_FN_ON_LOOP;
			f->functions.v[i].context =
				arena_strdup(&f->arena, x->registered[i]);
		}
		if (x->sent[i] & 1)
			f->functions.v[i].flags |= SF_FN_THREAD_TARGET;
		if (x->sent[i] & 2)
			f->functions.v[i].flags |= SF_FN_PROCESS_TARGET;
	}
	for (uint32_t k = 0; k < x->ext.n; k++) {
		uint32_t call = x->s->calls.v[x->ext.v[k].call].call;
		f->calls.v[call].name =
			arena_strdup(&f->arena, x->ext.v[k].name);
	}
}

/* --- queries ------------------------------------------------------------ */

void
index_blocking_finish(struct index_blocking *b)
{
	if (b == NULL)
		return;
	for (uint32_t i = 0; i < b->hops.n; i++)
		free(b->hops.v[i].message);
	VEC_FREE(b->hops);
}

static void
add_hop(struct index_blocking *b, const char *path, struct sf_position pos,
	char *message)
{
	struct index_hop *h = VEC_PUSH(b->hops);
	h->path = path;
	h->pos = pos;
	h->message = message;
}

static char *
event_message(const char *fn_name, const struct summary_event *ev, bool also)
{
	switch (ev->kind) {
	case SUMMARY_EV_API:
	case SUMMARY_EV_NATIVE:
		return xasprintf("`%s` %scalls %s", fn_name,
				 also ? "also " : "", ev->what);
	case SUMMARY_EV_LOOP:
		return xasprintf("`%s` %sruns %s", fn_name, also ? "also " : "",
				 ev->what);
	case SUMMARY_EV_RECURSION:
		return xstrdup(ev->what);
	}
	return xstrdup(ev->what);
}

bool
index_call_blocks(const struct sf_index *ix, const struct sf_facts *f,
		  uint64_t text_hash, uint32_t call, uint32_t mask,
		  struct index_blocking *out)
{
	const struct ifile *x = file_for(ix, f, text_hash);
	if (x == NULL)
		return false;
	const struct summary_call *sc = summary_call_at(x->s, call);
	if (sc == NULL)
		return false;
	return index_file_call_blocks(ix, x->id, (uint32_t)(sc - x->s->calls.v),
				      mask, out);
}

bool
index_file_call_blocks(const struct sf_index *ix, uint32_t file, uint32_t c,
		       uint32_t mask, struct index_blocking *out)
{
	const struct ifile *x = ix->files.v[file];
	if (x->effects == NULL || c >= x->s->calls.n)
		return false;
	int32_t tfile = x->call_file[c], tfn = x->call_fn[c];
	if (tfn < 0)
		return false;
	const struct ifile *tf = ix->files.v[tfile];
	if (!propagates(tf, tfn))
		return false;
	uint32_t eff = tf->effects[tfn] & mask;
	if (eff == 0)
		return false;
	uint32_t bit = (eff & SUMMARY_BLOCKS) ? SUMMARY_BLOCKS : SUMMARY_CPU;
	if (!(eff & bit))
		bit = eff & (~eff + 1);
	uint32_t b = bit_index(bit);
	*out = (struct index_blocking){
		.effect = bit,
		.callee = tf->s->functions.v[tfn].name,
		.path = tf->s->path,
		.at = tf->s->functions.v[tfn].pos,
	};
	const struct ifile *cur = tf;
	int32_t fn = tfn;
	for (uint32_t hop = 0; hop < INDEX_CHAIN_MAX; hop++) {
		out->depth++;
		const struct summary_function *sf = &cur->s->functions.v[fn];
		int32_t w = cur->witness[fn][b];
		if (w >= 0) {
			const struct summary_event *ev = &cur->s->events.v[w];
			out->what = ev->what;
			out->replacement = ev->replacement;
			out->end_path = cur->s->path;
			out->end_pos = ev->pos;
			out->end_hop = out->hops.n;
			out->end_callee = sf->name;
			add_hop(out, cur->s->path, ev->pos,
				event_message(sf->name, ev, false));
			/* The function's other reasons, same effect. */
			for (uint32_t e = 0; e < sf->nevents; e++) {
				const struct summary_event *o =
					&cur->s->events.v[sf->event0 + e];
				if (sf->event0 + e != (uint32_t)w &&
				    (o->effects & bit))
					add_hop(out, cur->s->path, o->pos,
						event_message(sf->name, o,
							      true));
			}
			return true;
		}
		if (w == -1)
			break;
		uint32_t vc = (uint32_t)(-w - 2);
		const struct summary_call *via = &cur->s->calls.v[vc];
		int32_t nfile = cur->call_file[vc], nfn = cur->call_fn[vc];
		const struct ext_call *api = nfn < 0 ? find_ext(cur, vc) : NULL;
		if (api != NULL) {
			/* An API outside the project, named by the types. */
			out->what = api->what;
			out->replacement = api->replacement;
			out->end_path = cur->s->path;
			out->end_pos = via->pos;
			out->end_hop = out->hops.n;
			out->end_callee = sf->name;
			add_hop(out, cur->s->path, via->pos,
				xasprintf("`%s` calls %s", sf->name,
					  api->what));
			return true;
		}
		if (nfn < 0)
			break;
		const struct ifile *next = ix->files.v[nfile];
		add_hop(out, cur->s->path, via->pos,
			xasprintf("`%s` calls `%s` (%s:%u)", sf->name,
				  next->s->functions.v[nfn].name, next->s->path,
				  next->s->functions.v[nfn].pos.line));
		cur = next;
		fn = nfn;
	}
	/* The chain was cut (INDEX_CHAIN_MAX): report without an end. */
	out->what = "a call chain too long to follow";
	out->end_path = cur->s->path;
	out->end_pos = cur->s->functions.v[fn].pos;
	out->end_hop = out->hops.n;
	out->end_callee = cur->s->functions.v[fn].name;
	add_hop(out, cur->s->path, out->end_pos,
		xasprintf("`%s` goes on calling; the chain is cut here",
			  cur->s->functions.v[fn].name));
	return true;
}

void
index_fn_profile(const struct sf_index *ix, struct index_fn fn,
		 struct index_fn_profile *out)
{
	*out = (struct index_fn_profile){0};
	const struct ifile *f = find_file(ix, fn.file->path);
	if (f == NULL || f->effects == NULL || fn.fn < 0 ||
	    (uint32_t)fn.fn >= f->s->functions.n)
		return;
	uint32_t eff = f->effects[fn.fn];
	out->effects = eff;
	bool cpu = eff & SUMMARY_CPU, io = eff & SUMMARY_IO,
	     native = eff & SUMMARY_NATIVE;
	if (cpu && !io && !native)
		out->workload = INDEX_WORK_CPU_BOUND;
	else if (io && !cpu)
		out->workload = INDEX_WORK_IO_BOUND;
	else if (cpu || io || native)
		out->workload = INDEX_WORK_MIXED;
	uint32_t bit = cpu ? SUMMARY_CPU : io ? SUMMARY_IO : SUMMARY_NATIVE;
	if (out->workload == INDEX_WORK_UNKNOWN)
		return;
	/* Follow the witness to the place that shows it. */
	const struct ifile *cur = f;
	int32_t at = fn.fn;
	uint32_t b = bit_index(bit);
	for (uint32_t hop = 0; hop < INDEX_CHAIN_MAX; hop++) {
		int32_t w = cur->witness[at][b];
		if (w >= 0) {
			out->what = cur->s->events.v[w].what;
			out->path = cur->s->path;
			out->pos = cur->s->events.v[w].pos;
			return;
		}
		if (w == -1)
			return;
		uint32_t vc = (uint32_t)(-w - 2);
		const struct ext_call *x =
			cur->call_fn[vc] < 0 ? find_ext(cur, vc) : NULL;
		if (x != NULL) {
			out->what = x->what;
			out->path = cur->s->path;
			out->pos = cur->s->calls.v[vc].pos;
			return;
		}
		if (cur->call_fn[vc] < 0)
			return;
		int32_t nf = cur->call_file[vc];
		at = cur->call_fn[vc];
		cur = ix->files.v[nf];
	}
}

uint32_t
index_file_count(const struct sf_index *ix)
{
	return ix->files.n;
}

const struct sf_summary *
index_file(const struct sf_index *ix, uint32_t i)
{
	return ix->files.v[i]->s;
}

bool
index_exempt_registrations(const struct sf_index *ix, uint32_t i)
{
	const struct ifile *f = ix->files.v[i];
	if (f->effects == NULL || !file_exempt(f->s))
		return false;
	for (uint32_t r = 0; r < f->s->cbrefs.n; r++) {
		if (!f->s->cbrefs.v[r].loop)
			continue;
		struct index_target t = index_resolve_name(
			ix, (int32_t)i, f->s->cbrefs.v[r].target, 0);
		if (t.fn >= 0 && t.file != (int32_t)i)
			return true;
	}
	for (uint32_t k = 0; k < ix->files.n; k++) {
		const struct ifile *g = ix->files.v[k];
		if (k == i || g->cb_file == NULL)
			continue;
		for (uint32_t r = 0; r < g->s->cbrefs.n; r++)
			if (g->cb_file[r] == (int32_t)i && g->cb_fn[r] >= 0 &&
			    g->s->cbrefs.v[r].loop)
				return true;
	}
	return false;
}

uint32_t
index_effects(const struct sf_index *ix, uint32_t file, int32_t fn)
{
	const struct ifile *f = ix->files.v[file];
	if (f->effects == NULL || fn < 0)
		return 0;
	return f->effects[fn];
}

bool
index_registered(const struct sf_index *ix, uint32_t file, int32_t fn,
		 const char **context)
{
	const struct ifile *f = ix->files.v[file];
	if (f->registered == NULL || fn < 0 || f->registered[fn] == NULL)
		return false;
	if (context)
		*context = f->registered[fn];
	return true;
}

int32_t
index_file_id(const struct sf_index *ix, const char *path)
{
	const struct ifile *f = find_file(ix, path);
	return f != NULL && f->effects != NULL ? (int32_t)f->id : -1;
}

const char *
index_loop_context(const struct sf_index *ix, uint32_t file, int32_t fn)
{
	const struct ifile *f = ix->files.v[file];
	if (f->registered == NULL || !on_loop(f, fn))
		return NULL;
	/* The innermost function that says why: a nested callback inherits
	 * its parent's reason. */
	for (int depth = 0; fn >= 0 && depth < 256; depth++) {
		if (f->registered[fn] != NULL)
			return f->registered[fn];
		if (f->s->functions.v[fn].context != NULL)
			return f->s->functions.v[fn].context;
		fn = f->s->functions.v[fn].parent;
	}
	return "event-loop code";
}

bool
index_on_loop(const struct sf_index *ix, uint32_t file, int32_t fn)
{
	const struct ifile *f = ix->files.v[file];
	return f->registered != NULL && on_loop(f, fn);
}

bool
index_exec_target(const struct sf_index *ix, uint32_t file,
		  const struct summary_exec *e, struct index_fn *out)
{
	const struct ifile *f = ix->files.v[file];
	if (f->exec_fn == NULL)
		return false;
	uint32_t k = (uint32_t)(e - f->s->execs.v);
	if (k >= f->s->execs.n || f->exec_fn[k] < 0)
		return false;
	out->file = ix->files.v[f->exec_file[k]]->s;
	out->fn = f->exec_fn[k];
	return true;
}

bool
index_call_target(const struct sf_index *ix, uint32_t file, uint32_t k,
		  struct index_target *out)
{
	const struct ifile *f = ix->files.v[file];
	if (f->call_fn == NULL || k >= f->s->calls.n || f->call_fn[k] < 0)
		return false;
	*out = INDEX_FN_TARGET(f->call_file[k], f->call_fn[k]);
	return true;
}

const int32_t *
index_import_files(const struct sf_index *ix, uint32_t file)
{
	return ix->files.v[file]->import_file;
}

bool
index_given_to(const struct sf_index *ix, uint32_t file, uint32_t fn,
	       struct index_target *out)
{
	const struct ifile *f = ix->files.v[file];
	if (f->given_fn == NULL || fn >= f->s->functions.n ||
	    f->given_fn[fn] < 0)
		return false;
	*out = INDEX_FN_TARGET(f->given_file[fn], f->given_fn[fn]);
	return true;
}

bool
index_cbref_target(const struct sf_index *ix, uint32_t file, uint32_t r,
		   struct index_target *out)
{
	const struct ifile *f = ix->files.v[file];
	if (f->cb_fn == NULL || r >= f->s->cbrefs.n || f->cb_fn[r] < 0)
		return false;
	*out = INDEX_FN_TARGET(f->cb_file[r], f->cb_fn[r]);
	return true;
}
