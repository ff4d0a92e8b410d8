/*
 * The stack-fit profile: components from manifests, frameworks from
 * manifests and imports, the workload read off the solved index, and the
 * verdict weighed from the diagnostics. The weights are the criteria a
 * team weighs when it picks Node.js or Python: architecture
 * (event loop vs threads), speed on CPU-bound work, scalability (event
 * loop, GIL, processes) and the kind of application.
 */
#include "profile.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "language.h"
#include "reqpath.h"
#include "rules/rule.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"

/* Verdict thresholds on the 0-100 score. */
#define PROFILE_GOOD_MIN 75
#define PROFILE_FAIR_MIN 50
/* A component with a project-level (ST) finding scores at most this. */
#define PROFILE_ST_MAX 45
/* Spots kept per list (the counts go on). */
#define PROFILE_SPOTS_MAX 32

const char *
profile_verdict_name(enum profile_verdict v)
{
	switch (v) {
	case PROFILE_GOOD:
		return "good";
	case PROFILE_FAIR:
		return "fair";
	case PROFILE_POOR:
		return "poor";
	}
	return "?";
}

static void
spot_add(void *vec, const char *path, struct sf_position pos, char *what)
{
	VEC(struct profile_spot) *v = vec;
	if (v->n >= PROFILE_SPOTS_MAX) {
		free(what);
		return;
	}
	struct profile_spot *s = VEC_PUSH(*v);
	s->path = path;
	s->pos = pos;
	s->what = what;
}

static void
spots_free(void *vec)
{
	VEC(struct profile_spot) *v = vec;
	for (uint32_t i = 0; i < v->n; i++)
		free(v->v[i].what);
	VEC_FREE(*v);
}

static void
component_finish(struct profile_component *c)
{
	free(c->path);
	free(c->name);
	free(c->dir);
	for (uint32_t i = 0; i < c->frameworks.n; i++)
		free(c->frameworks.v[i]);
	VEC_FREE(c->frameworks);
	spots_free(&c->request_cpu);
	spots_free(&c->thread_cpu);
	spots_free(&c->realtime);
	free(c->concurrency);
	for (uint32_t i = 0; i < c->reasons.n; i++) {
		free(c->reasons.v[i].text);
		VEC_FREE(c->reasons.v[i].diags);
	}
	VEC_FREE(c->reasons);
}

void
profile_destroy(struct sf_profile *p)
{
	if (p == NULL)
		return;
	for (uint32_t i = 0; i < p->components.n; i++)
		component_finish(&p->components.v[i]);
	VEC_FREE(p->components);
	free(p);
}

/* --- components --------------------------------------------------------- */

static int32_t
find_component(const struct sf_profile *p, const char *dir,
	       enum sf_family_id family)
{
	for (uint32_t i = 0; i < p->components.n; i++)
		if (p->components.v[i].family->id == family &&
		    strcmp(p->components.v[i].path, dir[0] ? dir : ".") == 0)
			return (int32_t)i;
	return -1;
}

static int32_t
add_component(struct sf_profile *p, const char *dir, enum sf_family_id family)
{
	int32_t i = find_component(p, dir, family);
	if (i >= 0)
		return i;
	struct profile_component *c = VEC_PUSH(p->components);
	c->path = xstrdup(dir[0] ? dir : ".");
	c->dir = dir[0] ? xasprintf("%s/", dir) : xstrdup("");
	c->family = language_family(family);
	return (int32_t)(p->components.n - 1);
}

int32_t
profile_component_of(const struct sf_profile *p, const char *path,
		     enum sf_family_id family)
{
	int32_t best = -1;
	size_t best_len = 0;
	for (uint32_t i = 0; i < p->components.n; i++) {
		const struct profile_component *c = &p->components.v[i];
		size_t n = strlen(c->dir);
		if (c->family->id == family && strncmp(path, c->dir, n) == 0 &&
		    (best < 0 || n > best_len)) {
			best = (int32_t)i;
			best_len = n;
		}
	}
	return best;
}

static void
add_framework(struct profile_component *c, const struct fw_entry *fw)
{
	if (fw == NULL || fw->family != c->family->id)
		return;
	c->roles |= 1u << fw->role;
	if (fw->role == FW_ASGI_SERVER)
		c->roles |= 1u << FW_ASGI;
	for (uint32_t i = 0; i < c->frameworks.n; i++)
		if (strcmp(c->frameworks.v[i], fw->name) == 0)
			return;
	*VEC_PUSH(c->frameworks) = xstrdup(fw->name);
}

bool
profile_has_role(const struct profile_component *c, enum fw_role r)
{
	return (c->roles & (1u << r)) != 0;
}

static bool
is_server_role(enum fw_role r)
{
	return r == FW_HTTP || r == FW_ASGI || r == FW_WSGI || r == FW_REALTIME;
}

/* Methods that register a request handler (`app.get`, `@router.post`,
 * NestJS's `@Get`). */
static bool
is_route_method(const char *m)
{
	static const char *const routes[] = {
		"get",          "post",      "put",
		"patch",        "delete",    "del",
		"all",          "use",       "route",
		"head",         "options",   "api_route",
		"add_url_rule", "websocket", "websocket_route",
		"on",           "register",  "add_route",
	};
	for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
		if (strcasecmp(m, routes[i]) == 0)
			return true;
	return false;
}

static bool
is_realtime_method(const char *m)
{
	return strcmp(m, "websocket") == 0 ||
	       strcmp(m, "websocket_route") == 0 || strcmp(m, "ws") == 0;
}

/* Does a file count for the profile? Tests, browser code and build
 * tooling are not the component's code. */
static bool
counts(const struct sf_reqpath *rp, uint32_t fi)
{
	enum reqpath_role r = reqpath_file_role(rp, fi);
	return r != REQPATH_TEST && r != REQPATH_BROWSER && r != REQPATH_BUILD;
}

/* Is function fn of file fi (or -1) on the request path, or, in a
 * library, any of its code? Not start-up code, scripts, workers. */
static bool
on_path(const struct sf_reqpath *rp, uint32_t fi, int32_t fn)
{
	enum reqpath_role r = reqpath_role(rp, fi, fn);
	return r == REQPATH_LIBRARY || r == REQPATH_HANDLER ||
	       r == REQPATH_REACHED || r == REQPATH_UNKNOWN;
}

/* Is the file a likely entry point (for the anchor)? */
static bool
is_entry(const struct sf_summary *s, const struct index_manifest *main)
{
	if (main != NULL && main->main != NULL) {
		size_t n = strlen(main->main);
		if (strncmp(s->path, main->main, n) == 0 &&
		    (s->path[n] == '\0' || s->path[n] == '.'))
			return true;
	}
	const char *base = strrchr(s->path, '/');
	base = base ? base + 1 : s->path;
	for (const char *const *n = language_get(s->lang)->family->entry_names;
	     *n; n++)
		if (strcmp(base, *n) == 0)
			return true;
	return false;
}

/* --- workload ----------------------------------------------------------- */

/* frameworks_for_import's answers while one profile is built: a project
 * asks the same few names (`app.get`, `express`) thousands of times. */
struct fw_memo {
	struct strmap by_family[SF_FAMILY_COUNT];
};

static void
fw_memo_init(struct fw_memo *m)
{
	for (int f = 0; f < SF_FAMILY_COUNT; f++)
		strmap_init(&m->by_family[f]);
}

static void
fw_memo_finish(struct fw_memo *m)
{
	for (int f = 0; f < SF_FAMILY_COUNT; f++)
		strmap_finish(&m->by_family[f]);
}

/* frameworks_for_import(family, module), asked once per name. */
static const struct fw_entry *
fw_of(struct fw_memo *m, enum sf_family_id family, const char *module)
{
	/* Relative imports are answered at once, and are many, each its
	 * own name. */
	if (module == NULL || module[0] == '.' ||
	    (unsigned)family >= SF_FAMILY_COUNT)
		return frameworks_for_import(family, module);
	bool found;
	const struct fw_entry *fw =
		strmap_get(&m->by_family[family], module, &found);
	if (!found) {
		fw = frameworks_for_import(family, module);
		strmap_put(&m->by_family[family], module, (void *)fw);
	}
	return fw;
}

/* "`name`", or for an anonymous function how it runs ("the callback
 * passed to `router.post('/login')`"); owned by the caller. */
static char *
fn_label(const struct summary_function *sf)
{
	if (!(sf->flags & SF_FN_ANONYMOUS))
		return xasprintf("`%s`", sf->name);
	return xstrdup(sf->context ? sf->context : "an anonymous function");
}

/* "<fn> calls `x`, …" / "<fn> runs a loop of …" for an event. */
static char *
event_text(const struct summary_function *sf, const struct summary_event *ev)
{
	char *who = fn_label(sf);
	char *s = ev->kind == SUMMARY_EV_RECURSION
			  ? xstrdup(ev->what)
			  : xasprintf("%s %s %s", who,
				      ev->kind == SUMMARY_EV_LOOP ? "runs"
								  : "calls",
				      ev->what);
	free(who);
	return s;
}

static void
workload_of_function(const struct sf_index *ix, const struct sf_reqpath *rp,
		     struct fw_memo *memo, uint32_t fi,
		     struct profile_component *c, int32_t fn)
{
	const struct sf_summary *s = index_file(ix, fi);
	const struct summary_function *sf = &s->functions.v[fn];
	c->functions++;
	bool path = on_path(rp, fi, fn);
	bool loop = index_on_loop(ix, fi, fn) && path &&
		    !(s->flags & (SF_FILE_CLI | SF_FILE_WORKER));
	const struct sf_family *family = language_get(s->lang)->family;
	/* In a service, the handlers; in a library, its loop code. */
	bool handler =
		!c->service || reqpath_role(rp, fi, fn) == REQPATH_HANDLER;
	if (loop && handler &&
	    (!(sf->flags & SF_FN_ANONYMOUS) || family->anonymous_handlers))
		c->async_handlers++;
	if (index_registered(ix, fi, fn, NULL))
		c->request_handlers++;
	if (sf->registered_by != NULL) {
		const struct fw_entry *fw =
			fw_of(memo, family->id, sf->registered_by);
		const char *m = facts_last_segment(sf->registered_by);
		if (fw != NULL && is_server_role(fw->role) &&
		    is_route_method(m))
			c->request_handlers++;
		/* FastAPI, Starlette and Quart run a plain `def` endpoint
		 * in a thread pool; aiohttp, Tornado and Sanic run every
		 * handler on the loop. */
		if (fw != NULL && fw->role == FW_ASGI && is_route_method(m)) {
			if ((sf->flags & SF_FN_ASYNC) ||
			    (strcmp(fw->name, "fastapi") != 0 &&
			     strcmp(fw->name, "starlette") != 0 &&
			     strcmp(fw->name, "quart") != 0))
				c->async_endpoints++;
			else
				c->sync_endpoints++;
		}
		if (fw != NULL &&
		    (fw->role == FW_REALTIME || is_realtime_method(m))) {
			c->realtime_endpoints++;
			spot_add(&c->realtime, s->path, sf->pos,
				 xasprintf("`%s` is a real-time endpoint "
					   "registered with `%s`",
					   sf->name, sf->registered_by));
		}
		/* A WSGI handler runs on a thread of the server: CPU work
		 * there holds the GIL against every other request. */
		if (fw != NULL && fw->role == FW_WSGI && is_route_method(m) &&
		    (index_effects(ix, fi, fn) & SUMMARY_CPU)) {
			struct index_fn_profile fp;
			index_fn_profile(ix, (struct index_fn){s, fn}, &fp);
			spot_add(&c->request_cpu, fp.path ? fp.path : s->path,
				 fp.path ? fp.pos : sf->pos,
				 xasprintf("request handler `%s`: %s", sf->name,
					   fp.what ? fp.what : "CPU-heavy"));
		}
	}
	for (uint32_t e = 0; path && e < sf->nevents; e++) {
		const struct summary_event *ev = &s->events.v[sf->event0 + e];
		if (!(ev->effects & SUMMARY_CPU))
			continue;
		c->cpu_hot_spots++;
		if (loop)
			spot_add(&c->request_cpu, s->path, ev->pos,
				 event_text(sf, ev));
	}
}

static void
workload_of_file(const struct sf_index *ix, const struct sf_reqpath *rp,
		 struct fw_memo *memo, uint32_t fi, struct profile_component *c)
{
	const struct sf_summary *s = index_file(ix, fi);
	c->files++;
	if ((s->flags & SF_FILE_WORKER) ||
	    (s->markers & SUMMARY_MARK_STARTS_WORKER))
		c->worker_threads = true;
	for (uint32_t fn = 0; fn < s->functions.n; fn++)
		workload_of_function(ix, rp, memo, fi, c, (int32_t)fn);
	/* Calls from the request path into CPU-heavy project code. */
	for (uint32_t k = 0; k < s->calls.n; k++) {
		const struct summary_call *sc = &s->calls.v[k];
		if (sc->fn < 0 || !index_on_loop(ix, fi, sc->fn) ||
		    !on_path(rp, fi, sc->fn) ||
		    (s->flags & (SF_FILE_CLI | SF_FILE_WORKER)))
			continue;
		struct index_blocking b;
		if (!index_file_call_blocks(ix, fi, k, SUMMARY_CPU, &b))
			continue;
		const char *end = b.hops.v[b.end_hop].message;
		spot_add(&c->request_cpu, s->path, sc->pos,
			 b.depth <= 1
				 ? xstrdup(end)
				 : xasprintf("`%s`, %u calls down: %s",
					     sc->callee, b.depth - 1, end));
		index_blocking_finish(&b);
	}
	for (uint32_t e = 0; e < s->execs.n; e++) {
		const struct summary_exec *x = &s->execs.v[e];
		if (x->kind == SUMMARY_EXEC_THREAD)
			c->thread_targets++;
		else
			c->process_targets++;
		struct index_fn t;
		if (!index_exec_target(ix, fi, x, &t))
			continue;
		struct index_fn_profile fp;
		index_fn_profile(ix, t, &fp);
		if (x->kind == SUMMARY_EXEC_THREAD &&
		    fp.workload == INDEX_WORK_CPU_BOUND) {
			c->cpu_bound_threads++;
			spot_add(&c->thread_cpu, s->path, x->pos,
				 xasprintf("`%s` is sent to a thread by `%s` "
					   "and is CPU-bound: %s (%s:%u)",
					   x->text, x->via, fp.what, fp.path,
					   fp.pos.line));
		} else if (x->kind == SUMMARY_EXEC_PROCESS &&
			   fp.workload == INDEX_WORK_IO_BOUND) {
			c->io_bound_processes++;
		}
	}
	if (s->markers & SUMMARY_MARK_SSE) {
		c->realtime_endpoints++;
		spot_add(&c->realtime, s->path, s->sse_pos,
			 xstrdup("server-sent events (text/event-stream)"));
	}
	for (uint32_t i = 0; i < s->imports.n; i++) {
		if (s->imports.v[i].kind != SUMMARY_IMPORT_MODULE)
			continue;
		const struct fw_entry *fw =
			fw_of(memo, language_family_of(s->lang),
			      s->imports.v[i].module);
		add_framework(c, fw);
		if (fw != NULL && fw->role == FW_REALTIME)
			spot_add(&c->realtime, s->path, s->imports.v[i].pos,
				 xasprintf("imports %s (%s)",
					   s->imports.v[i].module, fw->name));
	}
}

/* The server framework's import in an entry file by name, else in a file
 * that creates or starts the service, else in any file. */
static void
find_anchor(const struct sf_index *ix, const struct sf_reqpath *rp,
	    struct fw_memo *memo, struct profile_component *c,
	    const struct index_manifest *main)
{
	/* The files under c->dir: a run of the index's, in path order. */
	size_t n = strlen(c->dir);
	uint32_t from = 0, to = index_file_count(ix);
	while (from < to) {
		uint32_t mid = from + (to - from) / 2;
		if (strcmp(index_file(ix, mid)->path, c->dir) < 0)
			from = mid + 1;
		else
			to = mid;
	}
	to = from;
	while (to < index_file_count(ix) &&
	       strncmp(index_file(ix, to)->path, c->dir, n) == 0)
		to++;
	for (int pass = 0; pass < 3 && c->anchor_path == NULL; pass++)
		for (uint32_t fi = from; fi < to; fi++) {
			const struct sf_summary *s = index_file(ix, fi);
			if (language_family_of(s->lang) != c->family->id ||
			    !counts(rp, fi) ||
			    (pass == 0 && !is_entry(s, main)) ||
			    (pass == 1 && !(s->flags & SF_FILE_ENTRY)))
				continue;
			for (uint32_t i = 0; i < s->imports.n; i++) {
				if (s->imports.v[i].kind !=
				    SUMMARY_IMPORT_MODULE)
					continue;
				const struct fw_entry *fw =
					fw_of(memo, c->family->id,
					      s->imports.v[i].module);
				if (fw == NULL || !is_server_role(fw->role) ||
				    fw->role == FW_REALTIME)
					continue;
				c->anchor_path = s->path;
				c->anchor_pos = s->imports.v[i].pos;
				c->anchor_framework = fw->name;
				return;
			}
		}
}

static void
describe(struct profile_component *c)
{
	struct strbuf b;
	strbuf_init(&b);
	c->family->concurrency(c, &b);
	c->concurrency = strbuf_detach(&b);
	bool server = profile_has_role(c, FW_HTTP) ||
		      profile_has_role(c, FW_ASGI) ||
		      profile_has_role(c, FW_WSGI);
	bool cpu = c->request_cpu.n > 0;
	if (!c->service)
		c->shape =
			c->cpu_hot_spots > 0 || profile_has_role(c, FW_NATIVE)
				? "library for data processing and "
				  "computation"
				: "library";
	/* Real-time when its code serves or imports it: a manifest lists
	 * more than the component's code uses (NodeBB's `install/`
	 * template lists the whole application's dependencies). */
	else if (c->realtime_endpoints > 0 || c->realtime.n > 0)
		c->shape = "real-time service (websockets, SSE)";
	else if (server)
		c->shape = cpu ? "CPU-heavy request handling"
			       : "I/O-bound request handling";
	else
		/* A bot, an integration, a worker: events, not requests. */
		c->shape = cpu ? "CPU-heavy event handling (bot, integration "
				 "or worker)"
			       : "I/O-bound event handling (bot, integration "
				 "or worker)";
}

struct sf_profile *
profile_build(const struct sf_index *ix)
{
	struct sf_reqpath *rp = reqpath_build(ix);
	struct sf_profile *p = profile_build_roles(ix, rp);
	reqpath_destroy(rp);
	return p;
}

struct sf_profile *
profile_build_roles(const struct sf_index *ix, const struct sf_reqpath *rp)
{
	struct sf_profile *p = xcalloc(1, sizeof *p);
	struct fw_memo memo;
	fw_memo_init(&memo);
	for (uint32_t i = 0; i < index_manifest_count(ix); i++) {
		const struct index_manifest *m = index_manifest(ix, i);
		/* add_component may move the vector: index after it. */
		int32_t c = add_component(p, m->dir, m->family);
		p->components.v[c].has_manifest = true;
	}
	/* Each file to its nearest component of its language. */
	uint32_t nf = index_file_count(ix);
	int32_t *owner = xmalloc((nf ? nf : 1) * sizeof *owner);
	for (uint32_t fi = 0; fi < nf; fi++) {
		const struct sf_summary *s = index_file(ix, fi);
		enum sf_family_id family = language_family_of(s->lang);
		int32_t c = profile_component_of(p, s->path, family);
		if (c < 0)
			c = add_component(p, "", family);
		owner[fi] = c;
	}
	for (uint32_t fi = 0; fi < nf; fi++)
		if (reqpath_in_service(rp, fi))
			p->components.v[owner[fi]].service = true;
	for (uint32_t fi = 0; fi < nf; fi++)
		if (counts(rp, fi))
			workload_of_file(ix, rp, &memo, fi,
					 &p->components.v[owner[fi]]);
	free(owner);
	for (uint32_t i = 0; i < index_manifest_count(ix); i++) {
		const struct index_manifest *m = index_manifest(ix, i);
		int32_t c = find_component(p, m->dir, m->family);
		for (uint32_t d = 0; d < m->dependencies.n; d++)
			add_framework(&p->components.v[c],
				      frameworks_for_package(
					      m->family, m->dependencies.v[d]));
	}
	/* Drop components with no file of their language; order by path. */
	uint32_t kept = 0;
	for (uint32_t i = 0; i < p->components.n; i++) {
		if (p->components.v[i].files == 0) {
			component_finish(&p->components.v[i]);
			continue;
		}
		p->components.v[kept++] = p->components.v[i];
	}
	p->components.n = kept;
	for (uint32_t i = 1; i < kept; i++)
		for (uint32_t j = i; j > 0; j--) {
			struct profile_component *a = &p->components.v[j - 1],
						 *b = &p->components.v[j];
			int cmp = strcmp(a->path, b->path);
			if (cmp < 0 ||
			    (cmp == 0 && a->family->id <= b->family->id))
				break;
			struct profile_component t = *a;
			*a = *b;
			*b = t;
		}
	for (uint32_t i = 0; i < kept; i++) {
		struct profile_component *c = &p->components.v[i];
		const struct index_manifest *main = NULL;
		for (uint32_t m = 0; m < index_manifest_count(ix); m++)
			if (index_manifest(ix, m)->family == c->family->id &&
			    strcmp(index_manifest(ix, m)->dir,
				   strcmp(c->path, ".") ? c->path : "") == 0)
				main = index_manifest(ix, m);
		find_anchor(ix, rp, &memo, c, main);
		describe(c);
		const char *base = strrchr(c->path, '/');
		c->name = main != NULL && main->name != NULL
				  ? xstrdup(main->name)
			  : strcmp(c->path, ".") != 0
				  ? xstrdup(base ? base + 1 : c->path)
				  : xstrdup("the workspace root");
	}
	fw_memo_finish(&memo);
	return p;
}

/* --- the verdict -------------------------------------------------------- */

enum reason_kind {
	R_IO,       /* blocking calls on the loop */
	R_CPU,      /* CPU on the request path */
	R_GIL,      /* CPU-bound threads */
	R_REALTIME, /* real-time on WSGI */
	R_PROCESS,  /* I/O-bound processes */
	R_STYLE,    /* hints */
	R_OTHER,
	R_COUNT,
};

struct tally {
	VEC(uint32_t) diags;
	uint32_t n;
	uint32_t places; /* n without the project-level (ST) findings */
};

static bool
at_spot(const struct profile_component *c, const struct sf_diagnostic *d)
{
	for (uint32_t i = 0; i < c->request_cpu.n; i++)
		if (strcmp(c->request_cpu.v[i].path, d->path) == 0 &&
		    c->request_cpu.v[i].pos.line == d->start.line)
			return true;
	return false;
}

/* What a finding of rule weighs in c's verdict. */
static enum reason_kind
classify(const struct profile_component *c, const struct sf_rule *rule,
	 const struct sf_diagnostic *d)
{
	switch (rule->category) {
	case RULE_CAT_IO:
		return R_IO;
	case RULE_CAT_CPU:
		return R_CPU;
	case RULE_CAT_HELPER:
		return at_spot(c, d) ? R_CPU : R_IO;
	case RULE_CAT_GIL:
		return R_GIL;
	case RULE_CAT_REALTIME:
		return R_REALTIME;
	case RULE_CAT_PROCESS:
		return R_PROCESS;
	case RULE_CAT_STYLE:
		return R_STYLE;
	case RULE_CAT_OTHER:
		break;
	}
	return R_OTHER;
}

static struct profile_reason *
vadd_reason(struct profile_component *c, int weight, const char *fmt,
	    va_list ap)
{
	struct profile_reason *r = VEC_PUSH(c->reasons);
	struct strbuf b;
	strbuf_init(&b);
	strbuf_vprintf(&b, fmt, ap);
	r->text = strbuf_detach(&b);
	r->weight = weight;
	return r;
}

void
profile_add_reason(struct profile_component *c, int weight, const char *fmt,
		   ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd_reason(c, weight, fmt, ap);
	va_end(ap);
}

static void add_reason(struct profile_component *c, int weight, struct tally *t,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A reason supported by the diagnostics of t. */
static void
add_reason(struct profile_component *c, int weight, struct tally *t,
	   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct profile_reason *r = vadd_reason(c, weight, fmt, ap);
	va_end(ap);
	for (uint32_t i = 0; i < t->diags.n; i++)
		*VEC_PUSH(r->diags) = t->diags.v[i];
}

static int
capped(uint32_t n, int each, int cap)
{
	int w = (int)n * each;
	return w < cap ? cap : w;
}

static uint32_t
max_u(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

static void
judge(struct profile_component *c, struct tally *t, bool st)
{
	const struct sf_family *fam = c->family;
	fam->architecture(c);
	uint32_t cpu = max_u(t[R_CPU].places, c->request_cpu.n);
	if (cpu > 0)
		add_reason(c, capped(cpu, -15, -45), &t[R_CPU],
			   "speed on CPU-bound work: %u CPU-heavy place%s on "
			   "the request path; %s",
			   cpu, cpu == 1 ? "" : "s",
			   cpu == 1 ? fam->cpu_one : fam->cpu_many);
	if (t[R_IO].n > 0)
		add_reason(c, capped(t[R_IO].n, -6, -30), &t[R_IO],
			   "scalability: %u blocking call%s on the %s: every "
			   "other request waits while %s",
			   t[R_IO].n, t[R_IO].n == 1 ? "" : "s", fam->loop_name,
			   t[R_IO].n == 1 ? "it runs" : "they run");
	uint32_t gil = max_u(t[R_GIL].places, c->cpu_bound_threads);
	if (gil > 0)
		add_reason(c, capped(gil, -12, -36), &t[R_GIL],
			   "scalability: %u CPU-bound callable%s on threads; "
			   "the GIL runs them one at a time",
			   gil, gil == 1 ? "" : "s");
	if (t[R_REALTIME].n > 0)
		add_reason(c, -40, &t[R_REALTIME],
			   "kind of application: real-time connections on a "
			   "WSGI stack, where each open connection holds a "
			   "thread");
	else if (c->realtime_endpoints > 0)
		profile_add_reason(
			c, 0,
			"kind of application: real-time I/O (%u "
			"endpoint%s), which an event loop serves well",
			c->realtime_endpoints,
			c->realtime_endpoints == 1 ? "" : "s");
	if (t[R_PROCESS].n > 0)
		add_reason(c, capped(t[R_PROCESS].n, -3, -9), &t[R_PROCESS],
			   "scalability: %u I/O-bound callable%s in processes, "
			   "which cost memory and start-up and wait like "
			   "threads would",
			   t[R_PROCESS].n, t[R_PROCESS].n == 1 ? "" : "s");
	if (t[R_STYLE].n > 0)
		add_reason(c, capped(t[R_STYLE].n, -2, -6), &t[R_STYLE],
			   "hints: %u place%s to batch awaits or vectorise",
			   t[R_STYLE].n, t[R_STYLE].n == 1 ? "" : "s");
	if (t[R_OTHER].n > 0)
		add_reason(c, capped(t[R_OTHER].n, -4, -12), &t[R_OTHER],
			   "other findings: %u", t[R_OTHER].n);
	int score = 100;
	for (uint32_t i = 0; i < c->reasons.n; i++)
		score += c->reasons.v[i].weight;
	if (score > 100)
		score = 100;
	if (score < 0)
		score = 0;
	if (st && score > PROFILE_ST_MAX)
		score = PROFILE_ST_MAX;
	c->score = score;
	c->verdict = score >= PROFILE_GOOD_MIN   ? PROFILE_GOOD
		     : score >= PROFILE_FAIR_MIN ? PROFILE_FAIR
						 : PROFILE_POOR;
}

void
profile_judge(struct sf_profile *p, const struct sf_diag_list *diags)
{
	/* A verdict of an earlier judgement goes. */
	for (uint32_t ci = 0; ci < p->components.n; ci++) {
		struct profile_component *c = &p->components.v[ci];
		for (uint32_t i = 0; i < c->reasons.n; i++) {
			free(c->reasons.v[i].text);
			VEC_FREE(c->reasons.v[i].diags);
		}
		c->reasons.n = 0;
	}
	/* Each finding's rule, looked up once; NULL for what no rule of the
	 * table made (a stale suppression comment says nothing of the
	 * stack). */
	uint32_t nd = diags->items.n;
	const struct sf_rule **rules = xmalloc((nd ? nd : 1) * sizeof *rules);
	for (uint32_t i = 0; i < nd; i++)
		rules[i] = rule_find(diags->items.v[i].rule_id);
	for (uint32_t ci = 0; ci < p->components.n; ci++) {
		struct profile_component *c = &p->components.v[ci];
		struct tally t[R_COUNT] = {0};
		bool st = false;
		for (uint32_t i = 0; i < nd; i++) {
			const struct sf_diagnostic *d = &diags->items.v[i];
			const struct sf_rule *r = rules[i];
			if (r == NULL || !rule_for_family(r, c->family->id) ||
			    profile_component_of(p, d->path, c->family->id) !=
				    (int32_t)ci)
				continue;
			enum reason_kind k = classify(c, r, d);
			*VEC_PUSH(t[k].diags) = i;
			t[k].n++;
			bool project = r->scope == RULE_SCOPE_PROJECT;
			t[k].places += !project;
			st |= project;
		}
		judge(c, t, st);
		for (int k = 0; k < R_COUNT; k++)
			VEC_FREE(t[k].diags);
	}
	free(rules);
}
