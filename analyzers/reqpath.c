/*
 * The request-path model (reqpath.h): file roles and components, then a
 * breadth-first walk of the call graph from each kind of root in turn —
 * handlers, start-up, scripts, workers, tests, build, browser — over the
 * index's resolved calls, callback references and nesting. Each node (a
 * function, or a file's top level) keeps the first walk that reaches it,
 * the node it came from and the call it came by, so that a chain can be
 * told.
 */
#include "reqpath.h"

#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "roles.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Nodes walked back when a chain is told (a chain is a shortest path, so
 * this only guards against a bug). */
#define REQPATH_CHAIN_MAX 64

/* How a node was reached. */
enum via_kind {
	VIA_NONE,   /* not reached */
	VIA_ROOT,   /* a root of its walk */
	VIA_CALL,   /* pred calls it: call is a summary call of pred's file */
	VIA_NESTED, /* defined in pred, which runs it */
};

/* How a handler root is registered. */
enum root_kind {
	ROOT_OWN,   /* its own registration (flags, summary label) */
	ROOT_CBREF, /* another file's callback reference: ref_file, ref */
	ROOT_SPAWN, /* started as a task: ref_file's summary call ref */
};

struct node {
	uint8_t role; /* enum reqpath_role; REQPATH_UNKNOWN until reached */
	uint8_t via;  /* enum via_kind */
	uint8_t root_kind;
	int32_t pred;     /* node it came from, -1 */
	int32_t call;     /* VIA_CALL: summary call index in pred's file */
	int32_t ref_file; /* handler roots: see root_kind */
	int32_t ref;
};

struct edge {
	uint32_t to;
	int32_t call; /* summary call, or -1 for nesting */
};

struct sf_reqpath {
	const struct sf_index *ix;
	uint32_t nfiles;
	uint32_t *base;     /* first node of each file's functions; nfiles+1 */
	uint32_t total;     /* function nodes; file i's top level: total + i */
	uint8_t *fileroles; /* per file: enum reqpath_role */
	bool *service;      /* per file: in a service component */
	/* Per file: a set-up wizard (SF_FILE_SETUP) of a component that
	 * has another server entry, the service proper. */
	bool *setup;
	struct node *nodes;
	/* While the model is built: per function node, the constructor
	 * node that runs it (a callback given to `new X(cb)`), or -1. */
	int32_t *runner;
};

const char *
reqpath_role_name(enum reqpath_role role)
{
	static const char *const names[REQPATH_ROLE_COUNT] = {
		[REQPATH_LIBRARY] = "library",
		[REQPATH_HANDLER] = "handler",
		[REQPATH_REACHED] = "reached from a handler",
		[REQPATH_STARTUP] = "start-up",
		[REQPATH_SCRIPT] = "script",
		[REQPATH_TEST] = "test",
		[REQPATH_BROWSER] = "browser",
		[REQPATH_BUILD] = "build",
		[REQPATH_WORKER] = "worker",
		[REQPATH_UNKNOWN] = "unknown",
	};
	return (unsigned)role < REQPATH_ROLE_COUNT ? names[role] : "?";
}

/* --- files and components ------------------------------------------------ */

static enum reqpath_role
file_role(const struct sf_summary *s)
{
	uint32_t fl = s->flags;
	if (fl & SF_FILE_TEST)
		return REQPATH_TEST;
	if (fl & SF_FILE_BROWSER)
		return REQPATH_BROWSER;
	if (fl & (SF_FILE_CONFIG | SF_FILE_GENERATED))
		return REQPATH_BUILD;
	if (fl & SF_FILE_WORKER)
		return REQPATH_WORKER;
	if ((fl & SF_FILE_CLI) ||
	    ((fl & SF_FILE_PROGRAM) && !(fl & SF_FILE_ENTRY)))
		return REQPATH_SCRIPT;
	return REQPATH_HANDLER; /* the service's own code */
}

/* The folder of the component of a file: its nearest folder with a
 * manifest of its family, "" when none. */
static const char *
component_dir(const struct sf_index *ix, const struct sf_summary *s)
{
	enum sf_family_id fam = language_family_of(s->lang);
	const char *best = "";
	size_t best_n = 0;
	for (uint32_t m = 0; m < index_manifest_count(ix); m++) {
		const struct index_manifest *im = index_manifest(ix, m);
		size_t n = strlen(im->dir);
		if (im->family != fam || n == 0 || n <= best_n ||
		    strncmp(s->path, im->dir, n) != 0 || s->path[n] != '/')
			continue;
		best = im->dir;
		best_n = n;
	}
	return best;
}

/* The file a manifest's program names ("app", "extra/x.js"): the path,
 * or with an extension of its family, or its folder's index; -1. */
static int32_t
program_file(const struct sf_index *ix, const struct index_manifest *m,
	     const char *p)
{
	int32_t id = index_path_file(ix, p);
	const char *const *exts =
		language_family_extensions(language_family(m->family));
	for (const char *const *e = exts; id < 0 && *e; e++) {
		char *with = xasprintf("%s%s", p, *e);
		id = index_path_file(ix, with);
		free(with);
	}
	for (const char *const *e = exts; id < 0 && *e; e++) {
		char *with = xasprintf("%s/index%s", p, *e);
		id = index_path_file(ix, with);
		free(with);
	}
	return id;
}

/* Files a manifest runs as programs (package.json `scripts`) are
 * scripts unless they start the service. */
static void
mark_programs(struct sf_reqpath *rp)
{
	const struct sf_index *ix = rp->ix;
	for (uint32_t m = 0; m < index_manifest_count(ix); m++) {
		const struct index_manifest *im = index_manifest(ix, m);
		for (uint32_t k = 0; k < im->programs.n; k++) {
			int32_t id = program_file(ix, im, im->programs.v[k]);
			if (id < 0 || rp->fileroles[id] != REQPATH_HANDLER ||
			    (index_file(ix, (uint32_t)id)->flags &
			     SF_FILE_ENTRY))
				continue;
			rp->fileroles[id] = REQPATH_SCRIPT;
		}
	}
}

/* Is import k of file a module import of another file of the project
 * (index_import_files)? Then *t is that file. */
static bool
import_of(const struct sf_reqpath *rp, uint32_t file, uint32_t k, uint32_t *t)
{
	int32_t id = index_import_files(rp->ix, file)[k];
	if (id < 0 || (uint32_t)id == file)
		return false;
	*t = (uint32_t)id;
	return true;
}

/* A program whose imports lead to a server entry is the service's
 * launcher (`server.js` parses its arguments, then starts the server the
 * other file makes): not a script. */
static void
find_launchers(struct sf_reqpath *rp)
{
	uint32_t nf = rp->nfiles;
	/* 0: not known; 1: leads to an entry; 2: does not. */
	uint8_t *state = xcalloc(nf ? nf : 1, 1);
	uint32_t *q = xmalloc((nf ? nf : 1) * sizeof *q);
	bool *seen = xcalloc(nf ? nf : 1, sizeof *seen);
	for (uint32_t i = 0; i < nf; i++) {
		const struct sf_summary *s = index_file(rp->ix, i);
		/* A file in a folder of scripts that imports the service's
		 * code is still a script (it sets up what it needs). */
		if (rp->fileroles[i] != REQPATH_SCRIPT ||
		    (s->flags & SF_FILE_CLI) ||
		    (roles_path_flags(language_family_of(s->lang), s->path) &
		     SF_FILE_PROGRAM))
			continue;
		uint32_t n = 0;
		bool found = false;
		q[n++] = i;
		seen[i] = true;
		for (uint32_t head = 0; head < n && !found; head++) {
			const struct sf_summary *hs =
				index_file(rp->ix, q[head]);
			for (uint32_t k = 0; k < hs->imports.n && !found; k++) {
				uint32_t t;
				if (!import_of(rp, q[head], k, &t))
					continue;
				const struct sf_summary *ts =
					index_file(rp->ix, t);
				if (state[t] == 1 ||
				    ((ts->flags & SF_FILE_ENTRY) &&
				     rp->fileroles[t] != REQPATH_TEST &&
				     rp->fileroles[t] != REQPATH_BROWSER &&
				     rp->fileroles[t] != REQPATH_BUILD))
					found = true;
				else if (!seen[t] && state[t] != 2) {
					seen[t] = true;
					q[n++] = t;
				}
			}
		}
		for (uint32_t k = 0; k < n; k++) {
			seen[q[k]] = false;
			if (!found)
				state[q[k]] = 2;
		}
		if (found) {
			state[i] = 1;
			rp->fileroles[i] = REQPATH_HANDLER;
		}
	}
	free(state);
	free(q);
	free(seen);
}

/* The file a process import names (`fork('app')`, `new
 * Worker('./resize.js')`, `fork('server/worker.js')`): as an import of
 * file is resolved, else from the root (the directory a service is
 * started from), with its family's extensions or as a folder's index;
 * -1. */
static int32_t
process_file(const struct sf_reqpath *rp, uint32_t file, const char *path)
{
	const struct sf_summary *s = index_file(rp->ix, file);
	const struct sf_family *fam = language_get(s->lang)->family;
	int32_t t = -1;
	if (fam->resolve_file != NULL && (path[0] == '.' || path[0] == '/'))
		t = fam->resolve_file(rp->ix, (int32_t)file, path);
	if (t < 0 && fam->resolve_file != NULL) {
		char *rel = xasprintf("./%s", path);
		t = fam->resolve_file(rp->ix, (int32_t)file, rel);
		free(rel);
	}
	for (uint32_t m = 0; t < 0 && m < index_manifest_count(rp->ix); m++) {
		const struct index_manifest *im = index_manifest(rp->ix, m);
		if (im->family != fam->id)
			continue;
		const char *p = strncmp(path, "./", 2) == 0 ? path + 2 : path;
		char *in_dir = im->dir[0] ? xasprintf("%s/%s", im->dir, p)
					  : xstrdup(p);
		t = program_file(rp->ix, im, in_dir);
		free(in_dir);
	}
	return t;
}

/* Does file t, or what it imports or calls (any number of files down),
 * create or start a service? (A launcher requires what it starts inside
 * a function: `require('./src/start').start()`.) */
static bool
leads_to_entry(const struct sf_reqpath *rp, uint32_t t)
{
	uint32_t nf = rp->nfiles;
	bool *seen = xcalloc(nf ? nf : 1, sizeof *seen);
	uint32_t *q = xmalloc((nf ? nf : 1) * sizeof *q);
	uint32_t n = 0;
	bool found = false;
	q[n++] = t;
	seen[t] = true;
	for (uint32_t head = 0; head < n && !found; head++) {
		uint32_t at = q[head];
		enum reqpath_role r = rp->fileroles[at];
		if ((index_file(rp->ix, at)->flags & SF_FILE_ENTRY) &&
		    r != REQPATH_TEST && r != REQPATH_BROWSER &&
		    r != REQPATH_BUILD) {
			found = true;
			break;
		}
		const struct sf_summary *s = index_file(rp->ix, at);
		for (uint32_t k = 0; k < s->imports.n; k++) {
			uint32_t im;
			if (import_of(rp, at, k, &im) && !seen[im]) {
				seen[im] = true;
				q[n++] = im;
			}
		}
		for (uint32_t k = 0; k < s->calls.n; k++) {
			struct index_target c;
			if (index_call_target(rp->ix, at, k, &c) &&
			    !seen[c.file]) {
				seen[c.file] = true;
				q[n++] = (uint32_t)c.file;
			}
		}
	}
	free(seen);
	free(q);
	return found;
}

/* Files run as processes or worker threads of their own: one that is
 * (or starts) the service makes the file that forks it a supervisor,
 * which serves nothing itself (a script: `loader.js` forks `app.js`
 * and restarts it); any other is a worker, off the service's loop. */
static void
mark_processes(struct sf_reqpath *rp)
{
	uint32_t nf = rp->nfiles;
	for (uint32_t i = 0; i < nf; i++) {
		const struct sf_summary *s = index_file(rp->ix, i);
		for (uint32_t k = 0; k < s->imports.n; k++) {
			if (s->imports.v[k].kind != SUMMARY_IMPORT_PROCESS)
				continue;
			int32_t t = process_file(rp, i, s->imports.v[k].module);
			if (t < 0 || (uint32_t)t == i)
				continue;
			if (leads_to_entry(rp, (uint32_t)t)) {
				if (rp->fileroles[i] == REQPATH_HANDLER &&
				    !(s->flags & SF_FILE_ENTRY))
					rp->fileroles[i] = REQPATH_SCRIPT;
			} else if (rp->fileroles[t] == REQPATH_HANDLER ||
				   rp->fileroles[t] == REQPATH_SCRIPT) {
				rp->fileroles[t] = REQPATH_WORKER;
			}
		}
	}
}

/* Files of the service's own code that the rest of it loads only in
 * development runs (`if (options.dev) { (await
 * import('./dev-server')).default(app) }`): what they register is not
 * the service's, as a registration under such a guard is not (a test's
 * role). A file any served code imports, or calls into outside such a
 * guard, stays the service's. */
static void
mark_dev_only(struct sf_reqpath *rp)
{
	uint32_t nf = rp->nfiles;
	/* 1: loaded in development runs; 2: loaded otherwise. */
	uint8_t *load = xcalloc(nf ? nf : 1, 1);
	for (uint32_t i = 0; i < nf; i++) {
		if (rp->fileroles[i] != REQPATH_HANDLER)
			continue;
		const struct sf_summary *s = index_file(rp->ix, i);
		for (uint32_t k = 0; k < s->imports.n; k++) {
			uint32_t t;
			if (import_of(rp, i, k, &t))
				load[t] = 2;
		}
		for (uint32_t k = 0; k < s->calls.n; k++) {
			struct index_target t;
			if (!index_call_target(rp->ix, i, k, &t) ||
			    (uint32_t)t.file == i)
				continue;
			if (!(s->calls.v[k].flags & SUMMARY_CALL_DEV_ONLY))
				load[t.file] = 2;
			else if (load[t.file] == 0)
				load[t.file] = 1;
		}
	}
	for (uint32_t i = 0; i < nf; i++) {
		if (load[i] == 1 && rp->fileroles[i] == REQPATH_HANDLER &&
		    !(index_file(rp->ix, i)->flags & SF_FILE_ENTRY))
			rp->fileroles[i] = REQPATH_TEST;
	}
	free(load);
}

/* Marks the files of components that have a server entry. */
static void
find_services(struct sf_reqpath *rp)
{
	const struct sf_index *ix = rp->ix;
	const char **dir = xcalloc(rp->nfiles ? rp->nfiles : 1, sizeof *dir);
	for (uint32_t i = 0; i < rp->nfiles; i++)
		dir[i] = component_dir(ix, index_file(ix, i));
	/* Per file: the server entries of its component (set-up wizards
	 * apart). */
	uint32_t *entries =
		xcalloc(rp->nfiles ? rp->nfiles : 1, sizeof *entries);
	for (uint32_t i = 0; i < rp->nfiles; i++) {
		const struct sf_summary *s = index_file(ix, i);
		enum reqpath_role r = rp->fileroles[i];
		if (!(s->flags & SF_FILE_ENTRY) || r == REQPATH_TEST ||
		    r == REQPATH_BROWSER || r == REQPATH_BUILD)
			continue;
		enum sf_family_id fam = language_family_of(s->lang);
		for (uint32_t k = 0; k < rp->nfiles; k++) {
			if (dir[k] != dir[i] ||
			    language_family_of(index_file(ix, k)->lang) != fam)
				continue;
			rp->service[k] = true;
			if (!(s->flags & SF_FILE_SETUP))
				entries[k]++;
		}
	}
	for (uint32_t i = 0; i < rp->nfiles; i++)
		rp->setup[i] = (index_file(ix, i)->flags & SF_FILE_SETUP) &&
			       rp->fileroles[i] == REQPATH_HANDLER &&
			       entries[i] > 0;
	free(entries);
	free(dir);
}

/* Does a manifest depend on a front-end library (react, vue, svelte)? */
static bool
front_end_manifest(const struct index_manifest *m)
{
	for (uint32_t k = 0; k < m->dependencies.n; k++)
		if (roles_match(m->family, ROLES_BROWSER, m->dependencies.v[k],
				NULL))
			return true;
	return false;
}

/* Does file s import a module only server code imports (Node's core
 * modules, a server framework)? */
static bool
imports_server_module(const struct sf_summary *s)
{
	enum sf_family_id fam = language_family_of(s->lang);
	for (uint32_t k = 0; k < s->imports.n; k++)
		if (s->imports.v[k].kind == SUMMARY_IMPORT_MODULE &&
		    roles_match(fam, ROLES_SERVER_MODULE,
				s->imports.v[k].module, NULL))
			return true;
	return false;
}

/* A front end: a component with no server entry whose manifest depends on
 * a front-end library and whose code is mostly browser code (a Next.js or
 * React app: components without an import of React, since JSX needs
 * none, and the helpers they use). Its other files are the front end's
 * too: browser code, not a library — except those that import Node's
 * core modules or a server framework (a page rendered on the server that
 * reads a file). */
static void
mark_front_ends(struct sf_reqpath *rp)
{
	const struct sf_index *ix = rp->ix;
	uint32_t nm = index_manifest_count(ix), nf = rp->nfiles;
	bool any = false;
	for (uint32_t m = 0; m < nm && !any; m++)
		any = front_end_manifest(index_manifest(ix, m));
	if (!any)
		return;
	/* Per manifest: browser files, other own files, and whether any
	 * file of its component is a service's. */
	uint32_t *browser = xcalloc(nm, sizeof *browser);
	uint32_t *own = xcalloc(nm, sizeof *own);
	bool *service = xcalloc(nm, sizeof *service);
	int32_t *comp = xmalloc((nf ? nf : 1) * sizeof *comp);
	for (uint32_t i = 0; i < nf; i++) {
		const struct sf_summary *s = index_file(ix, i);
		const char *dir = component_dir(ix, s);
		comp[i] = -1;
		for (uint32_t m = 0; m < nm; m++) {
			const struct index_manifest *im = index_manifest(ix, m);
			if ((im->dir == dir ||
			     (dir[0] == '\0' && im->dir[0] == '\0')) &&
			    im->family == language_family_of(s->lang)) {
				comp[i] = (int32_t)m;
				break;
			}
		}
		if (comp[i] < 0)
			continue;
		service[comp[i]] |= rp->service[i];
		if (rp->fileroles[i] == REQPATH_BROWSER)
			browser[comp[i]]++;
		else if (rp->fileroles[i] == REQPATH_HANDLER)
			own[comp[i]]++;
	}
	for (uint32_t i = 0; i < nf; i++) {
		int32_t m = comp[i];
		if (m >= 0 && !service[m] && browser[m] > own[m] &&
		    rp->fileroles[i] == REQPATH_HANDLER &&
		    front_end_manifest(index_manifest(ix, (uint32_t)m)) &&
		    !imports_server_module(index_file(ix, i)))
			rp->fileroles[i] = REQPATH_BROWSER;
	}
	free(browser);
	free(own);
	free(service);
	free(comp);
}

/* --- the graph ----------------------------------------------------------- */

static uint32_t
node_of(const struct sf_reqpath *rp, uint32_t file, int32_t fn)
{
	return fn < 0 ? rp->total + file : rp->base[file] + (uint32_t)fn;
}

static uint32_t
file_of_node(const struct sf_reqpath *rp, uint32_t n)
{
	if (n >= rp->total)
		return n - rp->total;
	uint32_t lo = 0, hi = rp->nfiles;
	while (hi - lo > 1) {
		uint32_t mid = (lo + hi) / 2;
		if (rp->base[mid] <= n)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int32_t
fn_of_node(const struct sf_reqpath *rp, uint32_t n)
{
	return n >= rp->total ? -1
			      : (int32_t)(n - rp->base[file_of_node(rp, n)]);
}

/* Is pos of file in a branch of development code (struct summary_dev)? */
static bool
dev_at(const struct sf_reqpath *rp, uint32_t file, struct sf_position pos)
{
	const struct sf_summary *s = index_file(rp->ix, file);
	for (uint32_t i = 0; i < s->devs.n; i++) {
		const struct summary_dev *d = &s->devs.v[i];
		if (pos.line < d->start.line || pos.line > d->end.line ||
		    (pos.line == d->start.line &&
		     pos.column < d->start.column) ||
		    (pos.line == d->end.line && pos.column >= d->end.column))
			continue;
		struct index_target t;
		if (d->guard < 0 ||
		    (index_call_target(rp->ix, file, (uint32_t)d->guard, &t) &&
		     (index_file(rp->ix, (uint32_t)t.file)
			      ->functions.v[t.fn]
			      .flags &
		      SF_FN_DEV_SWITCH)))
			return true;
	}
	return false;
}

/* Is fn a root of its own (registered, or start-up), so that the function
 * around it does not pass its role on? */
static bool
own_root(const struct summary_function *sf)
{
	return (sf->flags &
		(SF_FN_REGISTERED | SF_FN_STARTUP | SF_FN_DEV_ONLY)) != 0;
}

/* Is target a class's constructor? A class passed to be registered
 * (`consumer.apply(Middleware)`, `app.add_middleware(Timing)`) is built
 * once, when the service is set up; what serves is its other methods. */
static bool
constructs(const struct sf_reqpath *rp, struct index_target t)
{
	const char *name =
		index_file(rp->ix, (uint32_t)t.file)->functions.v[t.fn].name;
	const char *dot = name ? strrchr(name, '.') : NULL;
	return dot != NULL && (strcmp(dot, ".constructor") == 0 ||
			       strcmp(dot, ".__init__") == 0);
}

/* The function literals given to a constructor of the project (`new
 * Identification((ident) => ...)`): the class runs them when what it
 * starts is ready, as the rest of whatever builds it; they are not
 * registered with the platform. (A function registered by a decorator
 * is not given to a call this way.) And a function run in place by the
 * function it is passed to (SF_FN_RUN_IN_PLACE). Fills rp->runner. */
static void
find_runners(struct sf_reqpath *rp)
{
	for (uint32_t n = 0; n < rp->total; n++)
		rp->runner[n] = -1;
	for (uint32_t i = 0; i < rp->nfiles; i++) {
		const struct sf_summary *s = index_file(rp->ix, i);
		for (uint32_t fn = 0; fn < s->functions.n; fn++) {
			const struct summary_function *sf = &s->functions.v[fn];
			struct index_target t;
			if (!index_given_to(rp->ix, i, fn, &t))
				continue;
			/* Run in place by t, or given to t, a constructor. */
			if (((sf->flags & SF_FN_RUN_IN_PLACE) &&
			     !(sf->flags & SF_FN_REGISTERED)) ||
			    constructs(rp, t))
				rp->runner[node_of(rp, i, (int32_t)fn)] =
					(int32_t)node_of(rp, (uint32_t)t.file,
							 t.fn);
		}
	}
}

struct graph {
	uint32_t *start; /* per node, into edges; nodes + 1 */
	struct edge *edges;
};

/* Does call c start a background job: a task (`create_task(poll())`) of
 * a function that keeps running? A task that runs once and ends is a step
 * of the code that starts it. */
static bool
spawns_job(const struct sf_reqpath *rp, const struct summary_call *c,
	   struct index_target t)
{
	return (c->flags & SUMMARY_CALL_SPAWN) &&
	       (index_file(rp->ix, (uint32_t)t.file)->functions.v[t.fn].flags &
		SF_FN_ENDLESS);
}

/* Forward edges: calls (not the ones that start a background job: that
 * is a root of its own), and from a function (or a top level) to the functions
 * defined in it that it runs — the nested ones that are not roots themselves. A
 * named function at the top level is not run by the top level. */
static void
build_graph(const struct sf_reqpath *rp, struct graph *g)
{
	const struct sf_index *ix = rp->ix;
	uint32_t nodes = rp->total + rp->nfiles;
	uint32_t *deg = xcalloc(nodes + 1, sizeof *deg);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			g->start = xcalloc(nodes + 1, sizeof *g->start);
			for (uint32_t n = 0; n < nodes; n++)
				g->start[n + 1] = g->start[n] + deg[n];
			g->edges = xmalloc(
				(g->start[nodes] ? g->start[nodes] : 1) *
				sizeof *g->edges);
			memset(deg, 0, (nodes + 1) * sizeof *deg);
		}
		for (uint32_t i = 0; i < rp->nfiles; i++) {
			const struct sf_summary *s = index_file(ix, i);
			for (uint32_t k = 0; k < s->calls.n; k++) {
				const struct summary_call *c = &s->calls.v[k];
				struct index_target t;
				if (!index_call_target(ix, i, k, &t) ||
				    spawns_job(rp, c, t) ||
				    dev_at(rp, i, c->pos))
					continue;
				uint32_t from = node_of(rp, i, c->fn);
				if (pass == 1)
					g->edges[g->start[from] +
						 deg[from]] = (struct edge){
						node_of(rp, (uint32_t)t.file,
							t.fn),
						(int32_t)k};
				deg[from]++;
			}
			for (uint32_t fn = 0; fn < s->functions.n; fn++) {
				const struct summary_function *sf =
					&s->functions.v[fn];
				int32_t by =
					rp->runner[node_of(rp, i, (int32_t)fn)];
				if (by >= 0) {
					uint32_t from = (uint32_t)by;
					if (pass == 1)
						g->edges[g->start[from] +
							 deg[from]] = (struct
								       edge){
							node_of(rp, i,
								(int32_t)fn),
							-1};
					deg[from]++;
					continue;
				}
				if (own_root(sf))
					continue;
				if (sf->parent < 0 &&
				    !(sf->flags &
				      (SF_FN_CALLBACK | SF_FN_IIFE)))
					continue;
				uint32_t from = node_of(rp, i, sf->parent);
				if (pass == 1)
					g->edges[g->start[from] + deg[from]] =
						(struct edge){
							node_of(rp, i,
								(int32_t)fn),
							-1};
				deg[from]++;
			}
		}
	}
	free(deg);
}

/* A breadth-first walk from the nodes queued in q[0, n) (already marked),
 * giving what it reaches role. */
static void
walk(struct sf_reqpath *rp, const struct graph *g, uint32_t *q, uint32_t n,
     enum reqpath_role role)
{
	for (uint32_t head = 0; head < n; head++) {
		uint32_t from = q[head];
		for (uint32_t e = g->start[from]; e < g->start[from + 1]; e++) {
			struct node *to = &rp->nodes[g->edges[e].to];
			if (to->via != VIA_NONE)
				continue;
			*to = (struct node){
				.role = (uint8_t)role,
				.via = g->edges[e].call >= 0 ? VIA_CALL
							     : VIA_NESTED,
				.pred = (int32_t)from,
				.call = g->edges[e].call,
			};
			q[n++] = g->edges[e].to;
		}
	}
}

/* Marks node as a root of role and queues it, unless reached already. */
static void
root(struct sf_reqpath *rp, uint32_t *q, uint32_t *n, uint32_t node,
     enum reqpath_role role, enum root_kind kind, int32_t ref_file, int32_t ref)
{
	struct node *x = &rp->nodes[node];
	if (x->via != VIA_NONE)
		return;
	*x = (struct node){
		.role = (uint8_t)role,
		.via = VIA_ROOT,
		.root_kind = (uint8_t)kind,
		.pred = -1,
		.call = -1,
		.ref_file = ref_file,
		.ref = ref,
	};
	q[(*n)++] = node;
}

static bool
served(const struct sf_reqpath *rp, uint32_t file)
{
	return rp->fileroles[file] == REQPATH_HANDLER;
}

/* The handlers: registered functions of the service's own code, the
 * targets of its callback references, the coroutines it starts as
 * tasks. */
static uint32_t
handler_roots(struct sf_reqpath *rp, uint32_t *q)
{
	const struct sf_index *ix = rp->ix;
	uint32_t n = 0;
	for (uint32_t i = 0; i < rp->nfiles; i++) {
		if (!served(rp, i))
			continue;
		const struct sf_summary *s = index_file(ix, i);
		for (uint32_t fn = 0; fn < s->functions.n; fn++) {
			uint32_t fl = s->functions.v[fn].flags;
			/* Start-up code may be passed by name too
			 * (`FastAPI(lifespan=lifespan)`): it stays
			 * start-up code. */
			if ((fl & SF_FN_REGISTERED) &&
			    !(fl & (SF_FN_DEV_ONLY | SF_FN_STARTUP)) &&
			    !rp->setup[i] &&
			    rp->runner[node_of(rp, i, (int32_t)fn)] < 0)
				root(rp, q, &n, node_of(rp, i, (int32_t)fn),
				     REQPATH_HANDLER, ROOT_OWN, -1, -1);
		}
		for (uint32_t r = 0; r < s->cbrefs.n; r++) {
			struct index_target t;
			if (!s->cbrefs.v[r].startup &&
			    index_cbref_target(ix, i, r, &t) &&
			    served(rp, (uint32_t)t.file) && !constructs(rp, t))
				root(rp, q, &n,
				     node_of(rp, (uint32_t)t.file, t.fn),
				     REQPATH_HANDLER, ROOT_CBREF, (int32_t)i,
				     (int32_t)r);
		}
		for (uint32_t k = 0; k < s->calls.n; k++) {
			struct index_target t;
			if (index_call_target(ix, i, k, &t) &&
			    spawns_job(rp, &s->calls.v[k], t) &&
			    served(rp, (uint32_t)t.file))
				root(rp, q, &n,
				     node_of(rp, (uint32_t)t.file, t.fn),
				     REQPATH_HANDLER, ROOT_SPAWN, (int32_t)i,
				     (int32_t)k);
		}
	}
	return n;
}

struct sf_reqpath *
reqpath_build(const struct sf_index *ix)
{
	struct sf_reqpath *rp = xcalloc(1, sizeof *rp);
	rp->ix = ix;
	rp->nfiles = index_file_count(ix);
	uint32_t nf = rp->nfiles;
	rp->base = xcalloc(nf + 1, sizeof *rp->base);
	rp->fileroles = xcalloc(nf ? nf : 1, sizeof *rp->fileroles);
	rp->service = xcalloc(nf ? nf : 1, sizeof *rp->service);
	rp->setup = xcalloc(nf ? nf : 1, sizeof *rp->setup);
	for (uint32_t i = 0; i < nf; i++) {
		const struct sf_summary *s = index_file(ix, i);
		rp->base[i + 1] = rp->base[i] + s->functions.n;
		rp->fileroles[i] = (uint8_t)file_role(s);
	}
	mark_programs(rp);
	find_launchers(rp);
	mark_processes(rp);
	mark_dev_only(rp);
	rp->total = rp->base[nf];
	uint32_t nodes = rp->total + nf;
	rp->nodes = xcalloc(nodes ? nodes : 1, sizeof *rp->nodes);
	for (uint32_t k = 0; k < nodes; k++)
		rp->nodes[k].role = REQPATH_UNKNOWN;
	find_services(rp);
	mark_front_ends(rp);
	rp->runner = xmalloc((rp->total ? rp->total : 1) * sizeof *rp->runner);
	find_runners(rp);

	struct graph g;
	build_graph(rp, &g);
	uint32_t *q = xmalloc((nodes ? nodes : 1) * sizeof *q);
	/* Handlers first: what a handler reaches is on the request path,
	 * whatever else reaches it too. */
	walk(rp, &g, q, handler_roots(rp, q), REQPATH_REACHED);
	/* Start-up: top levels and start-up functions of the service. */
	uint32_t n = 0;
	for (uint32_t i = 0; i < nf; i++) {
		if (!served(rp, i))
			continue;
		root(rp, q, &n, node_of(rp, i, -1), REQPATH_STARTUP, ROOT_OWN,
		     -1, -1);
		const struct sf_summary *s = index_file(ix, i);
		/* A set-up wizard's routes serve once, before the service
		 * proper starts. */
		for (uint32_t fn = 0; fn < s->functions.n; fn++)
			if ((s->functions.v[fn].flags & SF_FN_STARTUP) ||
			    (rp->setup[i] &&
			     (s->functions.v[fn].flags & SF_FN_REGISTERED)))
				root(rp, q, &n, node_of(rp, i, (int32_t)fn),
				     REQPATH_STARTUP, ROOT_OWN, -1, -1);
		for (uint32_t r = 0; r < s->cbrefs.n; r++) {
			struct index_target t;
			if (index_cbref_target(ix, i, r, &t) &&
			    (s->cbrefs.v[r].startup || constructs(rp, t)))
				root(rp, q, &n,
				     node_of(rp, (uint32_t)t.file, t.fn),
				     REQPATH_STARTUP, ROOT_OWN, -1, -1);
		}
	}
	walk(rp, &g, q, n, REQPATH_STARTUP);
	/* What only development code of the service calls is a test's. */
	n = 0;
	for (uint32_t i = 0; i < nf; i++) {
		const struct sf_summary *s = index_file(ix, i);
		for (uint32_t k = 0; served(rp, i) && k < s->calls.n; k++) {
			struct index_target t;
			if (dev_at(rp, i, s->calls.v[k].pos) &&
			    index_call_target(ix, i, k, &t))
				root(rp, q, &n,
				     node_of(rp, (uint32_t)t.file, t.fn),
				     REQPATH_TEST, ROOT_OWN, -1, -1);
		}
	}
	walk(rp, &g, q, n, REQPATH_TEST);
	/* The rest: in scripts, tests, workers... the file's role; in a
	 * function registered only in development runs (and what is
	 * defined in it), a test's; else unknown. What only a script or a
	 * test calls in the service's own code is not known to be anything
	 * but the service's: tests and scripts call service code too. */
	for (uint32_t i = 0; i < nf; i++) {
		const struct sf_summary *s = index_file(ix, i);
		for (int32_t fn = -1; fn < (int32_t)s->functions.n; fn++) {
			struct node *x = &rp->nodes[node_of(rp, i, fn)];
			if (x->via != VIA_NONE)
				continue;
			if (!served(rp, i)) {
				x->role = rp->fileroles[i];
				continue;
			}
			for (int32_t up = fn; up >= 0;
			     up = s->functions.v[up].parent)
				if (s->functions.v[up].flags & SF_FN_DEV_ONLY) {
					x->role = REQPATH_TEST;
					break;
				}
		}
	}
	free(q);
	free(g.start);
	free(g.edges);
	free(rp->runner);
	rp->runner = NULL;
	return rp;
}

void
reqpath_destroy(struct sf_reqpath *rp)
{
	if (rp == NULL)
		return;
	free(rp->base);
	free(rp->fileroles);
	free(rp->service);
	free(rp->setup);
	free(rp->nodes);
	free(rp);
}

/* --- queries ------------------------------------------------------------- */

enum reqpath_role
reqpath_file_role(const struct sf_reqpath *rp, uint32_t file)
{
	if (file >= rp->nfiles)
		return REQPATH_LIBRARY;
	enum reqpath_role r = rp->fileroles[file];
	/* In a library, scripts are checked as its code is. */
	if ((r == REQPATH_HANDLER || r == REQPATH_SCRIPT) && !rp->service[file])
		return REQPATH_LIBRARY;
	return r;
}

bool
reqpath_dev_only(const struct sf_reqpath *rp, uint32_t file,
		 struct sf_position pos)
{
	return file < rp->nfiles && dev_at(rp, file, pos);
}

bool
reqpath_in_service(const struct sf_reqpath *rp, uint32_t file)
{
	return file < rp->nfiles && rp->service[file];
}

enum reqpath_role
reqpath_role(const struct sf_reqpath *rp, uint32_t file, int32_t fn)
{
	enum reqpath_role fr = reqpath_file_role(rp, file);
	if (fr != REQPATH_HANDLER)
		return fr;
	const struct sf_summary *s = index_file(rp->ix, file);
	if (fn >= (int32_t)s->functions.n)
		return REQPATH_UNKNOWN;
	return (enum reqpath_role)rp->nodes[node_of(rp, file, fn)].role;
}

static bool
before(struct sf_position a, struct sf_position b)
{
	return a.line < b.line || (a.line == b.line && a.column < b.column);
}

int32_t
reqpath_function_at(const struct sf_reqpath *rp, uint32_t file,
		    struct sf_position pos)
{
	if (file >= rp->nfiles)
		return -1;
	const struct sf_summary *s = index_file(rp->ix, file);
	/* Functions are in pre-order: the last that holds pos is the
	 * innermost. */
	int32_t found = -1;
	for (uint32_t fn = 0; fn < s->functions.n; fn++) {
		const struct summary_function *sf = &s->functions.v[fn];
		if (!before(pos, sf->start) && before(pos, sf->end))
			found = (int32_t)fn;
	}
	return found;
}

/* --- chains -------------------------------------------------------------- */

static const char *const http_verbs[] = {
	"get", "post", "put",     "patch", "delete",
	"del", "head", "options", "all",
};

/* "GET /invoice/:id" for a route registration ("router.get('/x')",
 * "@app.post('/x')"), or NULL; owned by the caller. */
static char *
route_of(const char *label)
{
	const char *open = label ? strstr(label, "('") : NULL;
	if (open == NULL || open[2] != '/')
		return NULL;
	const char *m = open;
	while (m > label && m[-1] != '.' && m[-1] != '@')
		m--;
	size_t mn = (size_t)(open - m);
	for (size_t i = 0; i < sizeof http_verbs / sizeof *http_verbs; i++) {
		if (strlen(http_verbs[i]) != mn ||
		    strncmp(m, http_verbs[i], mn) != 0)
			continue;
		const char *route = open + 2;
		size_t rn = strlen(route);
		struct strbuf b;
		strbuf_init(&b);
		for (size_t k = 0; k < mn; k++)
			strbuf_putc(&b, (char)(m[k] - 'a' + 'A'));
		if (strcmp(http_verbs[i], "del") == 0)
			strbuf_puts(&b, "ETE");
		/* The label ends with the argument's closing "')". */
		strbuf_printf(&b, " %.*s", (int)(rn >= 2 ? rn - 2 : 0), route);
		return strbuf_detach(&b);
	}
	return NULL;
}

/* How a message names a handler: "`GET /invoice/:id`" for a route,
 * "`socket.on('login')`" for an anonymous callback, "`edit_user`
 * (`@bot.command`)" for a named one; owned by the caller. */
static char *
handler_label(const char *label, const char *name, bool anonymous)
{
	char *route = route_of(label);
	char *s;
	if (route != NULL)
		s = xasprintf("`%s`", route);
	else if (label == NULL)
		s = xasprintf("`%s`", name);
	else if (anonymous)
		s = xasprintf("`%s`", label);
	else
		s = xasprintf("`%s` (`%s`)", name, label);
	free(route);
	return s;
}

static const char *
fn_name(const struct summary_function *sf)
{
	return (sf->flags & SF_FN_ANONYMOUS) ? "anonymous function" : sf->name;
}

static void
add_hop(struct reqpath_chain *c, const char *path, struct sf_position pos,
	char *message)
{
	struct reqpath_hop *h = VEC_PUSH(c->hops);
	h->path = path;
	h->pos = pos;
	h->message = message;
}

/* The handler of root node r: its label, where it is registered, and the
 * related location that says so. */
static void
tell_root(const struct sf_reqpath *rp, uint32_t r, struct reqpath_chain *out)
{
	const struct sf_index *ix = rp->ix;
	const struct node *x = &rp->nodes[r];
	uint32_t file = file_of_node(rp, r);
	int32_t fn = fn_of_node(rp, r);
	const struct sf_summary *s = index_file(ix, file);
	const struct summary_function *sf = &s->functions.v[fn];
	const struct sf_summary *rs =
		x->ref_file >= 0 ? index_file(ix, (uint32_t)x->ref_file) : s;
	switch ((enum root_kind)x->root_kind) {
	case ROOT_CBREF: {
		const struct summary_cbref *cr = &rs->cbrefs.v[x->ref];
		out->handler = handler_label(cr->label, sf->name, false);
		out->handler_path = rs->path;
		out->handler_pos = cr->pos;
		add_hop(out, rs->path, cr->pos,
			xasprintf("handler %s: `%s` is registered here",
				  out->handler, sf->name));
		return;
	}
	case ROOT_SPAWN: {
		const struct summary_call *c = &rs->calls.v[x->ref];
		out->handler = xasprintf("background task `%s`", sf->name);
		out->handler_path = rs->path;
		out->handler_pos = c->pos;
		add_hop(out, rs->path, c->pos,
			xasprintf("`%s` runs as a task started here",
				  sf->name));
		return;
	}
	case ROOT_OWN:
		break;
	}
	out->handler = handler_label(sf->label, fn_name(sf),
				     (sf->flags & SF_FN_ANONYMOUS) != 0);
	out->handler_path = s->path;
	out->handler_pos = sf->pos;
	add_hop(out, s->path, sf->pos, xasprintf("handler %s", out->handler));
}

bool
reqpath_chain(const struct sf_reqpath *rp, uint32_t file, int32_t fn,
	      struct reqpath_chain *out)
{
	*out = (struct reqpath_chain){0};
	enum reqpath_role role = reqpath_role(rp, file, fn);
	if (fn < 0 || (role != REQPATH_HANDLER && role != REQPATH_REACHED))
		return false;
	/* Walk back to the root, then tell the way forward. */
	uint32_t path[REQPATH_CHAIN_MAX];
	uint32_t n = 0;
	for (uint32_t at = node_of(rp, file, fn); n < REQPATH_CHAIN_MAX;) {
		path[n++] = at;
		const struct node *x = &rp->nodes[at];
		if (x->via != VIA_CALL && x->via != VIA_NESTED)
			break;
		at = (uint32_t)x->pred;
	}
	if (rp->nodes[path[n - 1]].via != VIA_ROOT)
		return false;
	tell_root(rp, path[n - 1], out);
	const struct sf_index *ix = rp->ix;
	for (uint32_t k = n - 1; k-- > 0;) {
		uint32_t at = path[k];
		const struct node *x = &rp->nodes[at];
		uint32_t f = file_of_node(rp, at),
			 pf = file_of_node(rp, path[k + 1]);
		const struct sf_summary *s = index_file(ix, f),
					*ps = index_file(ix, pf);
		const struct summary_function *sf =
			&s->functions.v[fn_of_node(rp, at)];
		*VEC_PUSH(out->steps) = xasprintf("`%s` (%s:%u)", fn_name(sf),
						  s->path, sf->pos.line);
		int32_t pfn = fn_of_node(rp, path[k + 1]);
		const char *caller = pfn >= 0 ? fn_name(&ps->functions.v[pfn])
					      : "the top level";
		if (x->via == VIA_CALL)
			add_hop(out, ps->path, ps->calls.v[x->call].pos,
				xasprintf("`%s` calls `%s` (%s:%u)", caller,
					  fn_name(sf), s->path, sf->pos.line));
		else
			add_hop(out, s->path, sf->pos,
				xasprintf("`%s` runs `%s`", caller,
					  fn_name(sf)));
	}
	return true;
}

void
reqpath_chain_finish(struct reqpath_chain *c)
{
	if (c == NULL)
		return;
	free(c->handler);
	for (uint32_t i = 0; i < c->steps.n; i++)
		free(c->steps.v[i]);
	VEC_FREE(c->steps);
	for (uint32_t i = 0; i < c->hops.n; i++)
		free(c->hops.v[i].message);
	VEC_FREE(c->hops);
}
