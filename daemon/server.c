/*
 * The language server. Bytes from the client go through the JSON-RPC
 * reader; each batch of whole messages is dispatched in order (cancelled
 * requests of the batch are answered with RequestCancelled), then the
 * documents the batch changed are analysed on the loop and their
 * diagnostics pushed — or, for clients that pull, computed when asked.
 * Push and pull are never both used with one client: VS Code shows
 * duplicates when a server does both.
 *
 * The workspace scan (and the re-analysis of files changed outside the
 * editor) runs on libuv's worker pool, one job per file, a bounded number
 * at a time, so the loop keeps answering while it runs; each job brings
 * back the file's summary for the project index (analyzers/index.h). The
 * loop owns the index: open documents put their own summaries as they
 * change, the index is solved, and the open documents whose cross-file
 * results changed get their index findings (JS107, PY202, cross-file
 * PY210...) recomputed and republished when they differ.
 */
#include "server.h"

#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "dirwatch.h"
#include "document.h"
#include "engine.h"
#include "index.h"
#include "jsonrpc.h"
#include "language.h"
#include "lsp.h"
#include "parse.h"
#include "profile.h"
#include "summary.h"
#include "suppression.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "workspace.h"

#ifndef STACKFIT_VERSION
#define STACKFIT_VERSION "0"
#endif

/* The progress token of the workspace scan. */
#define SCAN_TOKEN "stackfit/scan"

struct open_doc {
	char *uri; /* as the client wrote it: answers echo it */
	struct sf_document *doc;
	bool pending; /* changed since diagnostics were last published */
	bool recheck; /* another file changed: republish only if different */
	bool index_dirty;   /* its index findings need recomputing */
	uint64_t result_id; /* pull: bumped when the findings change */
	char *published;    /* push: the last diagnostics JSON sent */
};

/* What the server knows of a workspace file from the scan. */
struct file_entry {
	uint32_t flags;    /* enum sf_file_flags from the workspace */
	uint32_t findings; /* per-file findings at the last analysis */
};

enum outgoing_kind {
	OUT_PROGRESS_CREATE,
	OUT_REGISTER,
	OUT_REFRESH,
};

struct outgoing {
	int64_t id;
	enum outgoing_kind kind;
};

enum state {
	ST_UNINITIALIZED,
	ST_RUNNING,
	ST_SHUT_DOWN, /* `shutdown` answered; waiting for `exit` */
	ST_FINISHED,
};

struct manifest {
	char *path, *text;
	uint32_t len;
};

struct scan {
	uv_work_t list;
	struct workspace ws;
	VEC(struct manifest) manifests; /* read by the listing job */
	char *cause;
	int rc;
	uint32_t next, done;
	unsigned running;
	bool progress_ready; /* the client accepted the progress token */
	bool begun, finished;
	int last_percent;
	uint64_t started;
};

struct file_job {
	uv_work_t req;
	struct server *s;
	char *rel;
	uint32_t flags;
	bool from_scan;
	struct sf_diag_list diags;
	struct sf_summary *summary; /* for the index, or NULL */
	char *note;
	bool analysed;
};

struct server {
	uv_loop_t *loop;
	struct server_options opts;
	server_write_fn write;
	void *user;
	struct jsonrpc_reader *reader;
	struct sf_engine *engine;
	struct config config; /* the workspace's .stackfit.json & co. */
	struct sf_parser *parser;
	struct strbuf out; /* framed messages not yet written */

	enum state state;
	bool shutdown_received;
	int exit_code;

	/* What the client said it can do (initialize). */
	enum document_encoding enc;
	bool pull;               /* textDocument.diagnostic */
	bool refresh;            /* workspace.diagnostics.refreshSupport */
	bool related;            /* publishDiagnostics.relatedInformation */
	bool code_description;   /* ...codeDescriptionSupport */
	bool markdown;           /* hover.contentFormat has markdown */
	bool unnecessary_tag;    /* ...tagSupport.valueSet has Unnecessary */
	bool document_changes;   /* workspaceEdit.documentChanges */
	bool progress;           /* window.workDoneProgress */
	bool watch_registration; /* didChangeWatchedFiles.dynamicRegistration */
	char *root;              /* absolute workspace root, or NULL */
	char *docs_url;          /* codeDescription.href template */
	/* initializationOptions.reportUnusedIgnores: -1 when not given (the
	 * configuration's reportUnusedIgnores decides), else 0 or 1. */
	int unused_option;

	struct strmap docs;  /* uri -> struct open_doc * */
	struct strmap files; /* root-relative path -> struct file_entry * */
	VEC(struct outgoing) outgoing;
	int64_t next_id;
	uint64_t generation;

	struct sf_index *index; /* every workspace file's summary */
	bool index_stale;       /* summaries changed since the last solve */
	/* What the project rules (ST3xx) silenced in the solved index, for
	 * judging suppressions; made when first needed after a solve. */
	struct sf_diag_list project;
	bool project_known;

	struct scan *scan;
	unsigned jobs;          /* worker jobs in flight */
	unsigned max_jobs;      /* at once */
	struct dirwatch *watch; /* server-side watching, or NULL */
};

static void slog(struct server *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
slog(struct server *s, const char *fmt, ...)
{
	if (s->opts.log == NULL)
		return;
	va_list ap;
	fputs("stackfit lsp: ", s->opts.log);
	va_start(ap, fmt);
	vfprintf(s->opts.log, fmt, ap);
	va_end(ap);
	fputc('\n', s->opts.log);
	fflush(s->opts.log);
}

/* --- output ------------------------------------------------------------ */

/* Queues msg (consumed) for the client. */
static void
emit(struct server *s, json_object *msg)
{
	jsonrpc_frame(&s->out, msg);
	json_object_put(msg);
}

static void
flush(struct server *s)
{
	if (s->out.len == 0)
		return;
	s->write(s->user, s->out.s, s->out.len);
	strbuf_reset(&s->out);
}

static void
notify(struct server *s, const char *method, json_object *params)
{
	emit(s, jsonrpc_notification(method, params));
}

static void
request(struct server *s, enum outgoing_kind kind, const char *method,
	json_object *params)
{
	int64_t id = ++s->next_id;
	struct outgoing *o = VEC_PUSH(s->outgoing);
	o->id = id;
	o->kind = kind;
	emit(s, jsonrpc_request(id, method, params));
}

/* --- JSON access --------------------------------------------------------- */

static json_object *
member(json_object *o, const char *key)
{
	json_object *v;
	if (o == NULL || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

/* The member at a dotted path ("textDocument.hover.contentFormat"). */
static json_object *
at(json_object *o, const char *path)
{
	char key[64];
	while (o != NULL && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof key)
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		o = member(o, key);
		path += n + (dot != NULL);
	}
	return o;
}

static bool
at_true(json_object *o, const char *path)
{
	json_object *v = at(o, path);
	return json_object_is_type(v, json_type_boolean) &&
	       json_object_get_boolean(v);
}

static bool
array_has(json_object *arr, const char *s)
{
	if (!json_object_is_type(arr, json_type_array))
		return false;
	size_t n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		json_object *v = json_object_array_get_idx(arr, i);
		if (json_object_is_type(v, json_type_string) &&
		    strcmp(json_object_get_string(v), s) == 0)
			return true;
	}
	return false;
}

static bool
int_array_has(json_object *arr, int x)
{
	if (!json_object_is_type(arr, json_type_array))
		return false;
	size_t n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		json_object *v = json_object_array_get_idx(arr, i);
		if (json_object_is_type(v, json_type_int) &&
		    json_object_get_int64(v) == x)
			return true;
	}
	return false;
}

/* --- requests -------------------------------------------------------------
 */

struct request {
	json_object *id;     /* NULL for notifications */
	json_object *params; /* may be NULL */
	json_object *result; /* the answer (NULL: JSON null) */
	int code;            /* an error instead, when not 0 */
	char *message;
};

static void fail(struct request *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
fail(struct request *r, int code, const char *fmt, ...)
{
	if (r->code != 0)
		return;
	struct strbuf b;
	strbuf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	r->code = code;
	r->message = strbuf_detach(&b);
}

/* The string member at path of the params, or NULL after failing r. */
static const char *
want_string(struct request *r, const char *path)
{
	json_object *v = at(r->params, path);
	if (!json_object_is_type(v, json_type_string)) {
		fail(r, JSONRPC_INVALID_PARAMS, "params.%s: expected a string",
		     path);
		return NULL;
	}
	return json_object_get_string(v);
}

static struct open_doc *
find_doc(struct server *s, const char *uri)
{
	return strmap_get(&s->docs, uri, NULL);
}

/* The open document named by params.textDocument.uri; NULL when the
 * params are malformed (r fails) or the document is not open. */
static struct open_doc *
want_doc(struct server *s, struct request *r)
{
	const char *uri = want_string(r, "textDocument.uri");
	return uri ? find_doc(s, uri) : NULL;
}

/* --- diagnostics ----------------------------------------------------------
 */

static struct lsp_range
span_range(struct server *s, const struct sf_document *doc,
	   const struct sf_span *span)
{
	struct document_position a =
		document_position(doc, s->enc, span->start);
	struct document_position b = document_position(doc, s->enc, span->end);
	return (struct lsp_range){{a.line, a.character}, {b.line, b.character}};
}

static json_object *
diagnostic_json(struct server *s, const struct sf_document *doc,
		const struct sf_diagnostic *d)
{
	struct lsp_diagnostic_options o = {
		.code_description = s->code_description || s->pull,
		.related = s->related,
		.docs_url = s->docs_url,
		.root = s->root,
		/* Code that can go: a client that can fades it. */
		.unnecessary = s->unnecessary_tag &&
			       strcmp(d->rule_id, SUPPRESSION_RULE) == 0,
	};
	return lsp_diagnostic_json(d, span_range(s, doc, &d->span), &o);
}

static json_object *
diagnostics_json(struct server *s, const struct sf_document *doc)
{
	const struct sf_diag_list *l = document_diagnostics(doc);
	json_object *arr = json_object_new_array();
	for (uint32_t i = 0; i < l->items.n; i++)
		json_object_array_add(arr,
				      diagnostic_json(s, doc, &l->items.v[i]));
	return arr;
}

/* Sends publishDiagnostics for od (an empty list when clear). With
 * only_if_changed, nothing is sent when the list is what was sent last. */
static void
publish(struct server *s, struct open_doc *od, bool clear, bool only_if_changed)
{
	json_object *diags =
		clear ? json_object_new_array() : diagnostics_json(s, od->doc);
	const char *text =
		json_object_to_json_string_ext(diags, JSON_C_TO_STRING_PLAIN);
	if (only_if_changed && od->published != NULL &&
	    strcmp(od->published, text) == 0) {
		json_object_put(diags);
		return;
	}
	free(od->published);
	od->published = xstrdup(text);
	json_object *p = json_object_new_object();
	json_object_object_add(p, "uri", json_object_new_string(od->uri));
	json_object_object_add(
		p, "version", json_object_new_int64(document_version(od->doc)));
	json_object_object_add(p, "diagnostics", diags);
	notify(s, "textDocument/publishDiagnostics", p);
}

static struct open_doc *
doc_at_path(struct server *s, const char *rel)
{
	for (uint32_t i = 0; i < s->docs.cap; i++) {
		struct open_doc *od =
			s->docs.slots[i].key ? s->docs.slots[i].value : NULL;
		if (od != NULL && strcmp(document_path(od->doc), rel) == 0)
			return od;
	}
	return NULL;
}

/* Puts the summary of an open document's current text into the index.
 * Documents outside the workspace (absolute paths) are not indexed. */
static void
index_document(struct server *s, struct open_doc *od)
{
	const struct sf_facts *f = document_facts(od->doc);
	const char *path = document_path(od->doc);
	if (f == NULL || path[0] == '/')
		return;
	uint32_t len;
	const char *text = document_text(od->doc, &len);
	index_put(s->index,
		  engine_summarise(s->engine, (struct sf_facts *)f, text, len));
	s->index_stale = true;
}

/* Solves the index when summaries changed, and marks the open documents
 * whose cross-file results changed: their index findings are recomputed
 * and, when another file registers or sends one of their functions, their
 * per-file analysis runs again. */
static void
solve(struct server *s)
{
	if (!s->index_stale)
		return;
	s->index_stale = false;
	struct index_changes changed = {0};
	index_solve(s->index, &changed);
	s->project_known = false;
	for (uint32_t i = 0; i < changed.paths.n; i++) {
		struct open_doc *od = doc_at_path(s, changed.paths.v[i]);
		if (od == NULL)
			continue;
		if (index_needs_recheck(s->index, changed.paths.v[i]))
			document_invalidate(od->doc);
		od->index_dirty = true;
		od->recheck = true;
	}
	index_changes_finish(&changed);
}

static bool
reports_unused(const struct server *s)
{
	return s->unused_option >= 0 ? s->unused_option != 0
				     : s->config.report_unused_ignores;
}

/* Runs the project rules on the solved index for what they silence (the
 * server shows no project findings): once per solve, and only when a
 * suppression that nothing else uses is to be judged. */
static const struct sf_diag_list *
project_silenced(struct server *s)
{
	if (s->project_known)
		return &s->project;
	s->project_known = true;
	diag_list_finish(&s->project);
	diag_list_init(&s->project);
	struct sf_profile *p = profile_build(s->index);
	engine_check_project(s->engine, s->index, p, &s->project);
	profile_destroy(p);
	return &s->project;
}

/* Appends to l (the index's findings on od, just made) the document's
 * suppressions that silence nothing, judged as `audit
 * --report-unused-ignores` judges them: by what its own rules, the index's
 * and the project rules silenced. */
static void
report_unused(struct server *s, struct open_doc *od, struct sf_diag_list *l)
{
	const struct sf_facts *f = document_facts(od->doc);
	if (!reports_unused(s) || f == NULL || f->suppressions.n == 0)
		return;
	struct sf_diag_list used;
	diag_list_init(&used);
	const struct sf_diag_list *lists[] = {
		document_file_diagnostics(od->doc), l};
	for (size_t k = 0; k < 2; k++)
		for (uint32_t i = 0; i < lists[k]->silenced.n; i++) {
			const struct sf_silenced *x = &lists[k]->silenced.v[i];
			diag_list_silence(&used, x->rule_id, x->path, x->row,
					  x->by_file);
		}
	uint32_t len;
	const char *text = document_text(od->doc, &len);
	const char *path = document_path(od->doc);
	const struct sf_index *ix = path[0] == '/' ? NULL : s->index;
	struct sf_diag_list found;
	diag_list_init(&found);
	suppression_report_file(s->engine, ix, f, text, len, &used, &found);
	if (found.items.n > 0 && ix != NULL) {
		/* Perhaps a project finding uses it: judge again with what
		 * those rules silenced in this file. */
		const struct sf_diag_list *pr = project_silenced(s);
		uint32_t before = used.silenced.n;
		for (uint32_t i = 0; i < pr->silenced.n; i++) {
			const struct sf_silenced *x = &pr->silenced.v[i];
			if (strcmp(x->path, path) == 0)
				diag_list_silence(&used, x->rule_id, x->path,
						  x->row, x->by_file);
		}
		if (used.silenced.n > before) {
			diag_list_finish(&found);
			diag_list_init(&found);
			suppression_report_file(s->engine, ix, f, text, len,
						&used, &found);
		}
	}
	diag_list_move(l, &found);
	diag_list_finish(&used);
}

/* Brings an open document up to date: its per-file findings, its summary
 * in the index, the solved index, and the index's findings on it (other
 * open documents the change affects are marked for a recheck). Returns
 * true when its findings are not what they were. */
static bool
refresh_doc(struct server *s, struct open_doc *od)
{
	uint64_t before = diag_list_hash(document_diagnostics(od->doc));
	bool analysed =
		document_analyse(od->doc, s->engine, s->parser, s->index);
	if (analysed) {
		index_document(s, od);
		od->index_dirty = true;
	}
	solve(s);
	const char *path = document_path(od->doc);
	/* Registrations by other files apply once the index holds this
	 * text's summary: one more merge of the chunks, no parsing. */
	if (analysed && index_needs_recheck(s->index, path))
		document_invalidate(od->doc);
	analysed |= document_analyse(od->doc, s->engine, s->parser, s->index);
	if (od->index_dirty || analysed) {
		struct sf_diag_list l;
		diag_list_init(&l);
		uint32_t len;
		const char *text = document_text(od->doc, &len);
		engine_check_indexed(s->engine, s->index, path, text, len, &l);
		report_unused(s, od, &l);
		document_set_index_diagnostics(od->doc, &l);
		od->index_dirty = false;
	}
	return diag_list_hash(document_diagnostics(od->doc)) != before;
}

/* Analyses the open documents changed since the last call and pushes
 * their diagnostics (push clients); pull clients are told to pull again
 * when a cross-file change altered what they would get. */
static void
analyse_pending(struct server *s)
{
	bool refresh = false;
	/* Documents the user changed first: their summaries go into the
	 * index, whose solve marks the documents that depend on them. */
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 0; i < s->docs.cap; i++) {
			struct open_doc *od = s->docs.slots[i].key
						      ? s->docs.slots[i].value
						      : NULL;
			if (od == NULL ||
			    !(pass == 0 ? od->pending : od->recheck))
				continue;
			bool user_change = od->pending;
			od->pending = od->recheck = false;
			if (s->pull) {
				/* Pull clients get findings when they ask; a
				 * cross-file change asks them to ask again. */
				refresh |= !user_change;
				continue;
			}
			if (refresh_doc(s, od))
				od->result_id = ++s->generation;
			publish(s, od, false, !user_change);
		}
	}
	if (refresh && s->refresh)
		request(s, OUT_REFRESH, "workspace/diagnostic/refresh", NULL);
}

/* The file at rel (a workspace path) changed outside the open documents:
 * the index is solved again and the open documents whose cross-file
 * results changed are marked for a recheck. */
static void
recheck_dependents(struct server *s, const char *rel)
{
	(void)rel;
	solve(s);
}

/* --- the workspace scan ---------------------------------------------------
 */

static void start_jobs(struct server *s);

static void
file_job_work(uv_work_t *req)
{
	struct file_job *j = req->data;
	char *text, *note;
	uint32_t len;
	if (workspace_read_file(j->s->root, j->rel,
				engine_max_file_size(j->s->engine), &text, &len,
				&note) < 0) {
		j->note = note;
		return;
	}
	struct sf_source src = {
		.path = j->rel,
		.text = text,
		.len = len,
		.flags = j->flags,
	};
	/* One parser per job: tree-sitter parsers are not shared between
	 * threads, and the pool's threads are not ours to keep state in. */
	struct sf_parser *p = parser_create();
	struct sf_facts *f =
		engine_check_source(j->s->engine, p, &src, &j->diags);
	parser_destroy(p);
	j->analysed = f != NULL;
	/* The summary reads only the engine's catalogue and costs, which
	 * do not change while jobs run. */
	if (f != NULL)
		j->summary = engine_summarise(j->s->engine, f, text, len);
	facts_destroy(f);
	free(text);
}

static void
progress(struct server *s, const char *kind, const char *message, int percent)
{
	json_object *v = json_object_new_object();
	json_object_object_add(v, "kind", json_object_new_string(kind));
	if (strcmp(kind, "begin") == 0) {
		json_object_object_add(v, "title",
				       json_object_new_string("stackfit"));
		json_object_object_add(v, "cancellable",
				       json_object_new_boolean(0));
	}
	if (message != NULL)
		json_object_object_add(v, "message",
				       json_object_new_string(message));
	if (percent >= 0)
		json_object_object_add(v, "percentage",
				       json_object_new_int(percent));
	json_object *p = json_object_new_object();
	json_object_object_add(p, "token", json_object_new_string(SCAN_TOKEN));
	json_object_object_add(p, "value", v);
	notify(s, "$/progress", p);
}

static void
scan_progress(struct server *s)
{
	struct scan *sc = s->scan;
	if (sc == NULL || !sc->progress_ready)
		return;
	uint32_t total = sc->rc == 0 ? sc->ws.files.n : 0;
	if (!sc->begun) {
		sc->begun = true;
		progress(s, "begin", "analysing the workspace", 0);
	}
	if (sc->finished) {
		char *m = xasprintf("%u files analysed", sc->done);
		progress(s, "end", m, -1);
		free(m);
		sc->progress_ready = false;
		return;
	}
	int pct = total ? (int)(100.0 * sc->done / total) : 0;
	if (pct != sc->last_percent) {
		sc->last_percent = pct;
		char *m = xasprintf("%u/%u files", sc->done, total);
		progress(s, "report", m, pct);
		free(m);
	}
}

static struct file_entry *
file_entry(struct server *s, const char *rel)
{
	struct file_entry *e = strmap_get(&s->files, rel, NULL);
	if (e == NULL) {
		e = xcalloc(1, sizeof *e);
		strmap_put(&s->files, rel, e);
	}
	return e;
}

static void
file_job_done(uv_work_t *req, int status)
{
	(void)status;
	struct file_job *j = req->data;
	struct server *s = j->s;
	s->jobs--;
	if (j->note != NULL)
		slog(s, "%s: skipped: %s", j->rel, j->note);
	struct file_entry *e = file_entry(s, j->rel);
	e->flags = j->flags;
	e->findings = j->diags.items.n;
	if (doc_at_path(s, j->rel) != NULL) {
		/* An open document's own summary is the one that counts. */
		summary_destroy(j->summary);
	} else if (j->summary != NULL) {
		index_put(s->index, j->summary);
		s->index_stale = true;
	} else if (!j->from_scan) {
		/* Gone, unreadable or binary now: the index forgets it. */
		index_remove(s->index, j->rel);
		s->index_stale = true;
	}
	if (j->from_scan) {
		s->scan->running--;
		s->scan->done++;
	} else {
		recheck_dependents(s, j->rel);
	}
	diag_list_finish(&j->diags);
	free(j->note);
	free(j->rel);
	free(j);
	if (s->state != ST_FINISHED) {
		start_jobs(s);
		scan_progress(s);
		analyse_pending(s);
		flush(s);
	}
}

static void
queue_file(struct server *s, const char *rel, uint32_t flags, bool from_scan)
{
	struct file_job *j = xcalloc(1, sizeof *j);
	j->s = s;
	j->rel = xstrdup(rel);
	j->flags = flags;
	j->from_scan = from_scan;
	diag_list_init(&j->diags);
	j->req.data = j;
	s->jobs++;
	uv_queue_work(s->loop, &j->req, file_job_work, file_job_done);
}

/* Queues scan jobs up to the limit; ends the scan when all are done. */
static void
start_jobs(struct server *s)
{
	struct scan *sc = s->scan;
	if (sc == NULL || sc->finished || sc->rc != 0)
		return;
	while (sc->running < s->max_jobs && sc->next < sc->ws.files.n &&
	       s->state != ST_FINISHED) {
		uint32_t i = sc->next++;
		sc->running++;
		queue_file(s, sc->ws.files.v[i], sc->ws.flags.v[i], true);
	}
	if (sc->running == 0 &&
	    (sc->next == sc->ws.files.n || s->state == ST_FINISHED)) {
		sc->finished = true;
		/* The whole workspace is in the index: every open document's
		 * cross-file findings may have changed. */
		solve(s);
		for (uint32_t i = 0; i < s->docs.cap; i++) {
			struct open_doc *od = s->docs.slots[i].key
						      ? s->docs.slots[i].value
						      : NULL;
			if (od != NULL) {
				od->index_dirty = true;
				od->recheck = true;
			}
		}
		slog(s, "workspace analysed: %u files in %llu ms", sc->done,
		     (unsigned long long)(uv_now(s->loop) - sc->started));
	}
}

static void start_watching(struct server *s);

static void
keep_manifest(void *ctx, const char *rel, const char *text, uint32_t len)
{
	struct scan *sc = ctx;
	struct manifest *m = VEC_PUSH(sc->manifests);
	m->path = xstrdup(rel);
	m->text = xstrndup(text, len);
	m->len = len;
}

static void
scan_list_work(uv_work_t *req)
{
	struct server *s = req->data;
	s->scan->rc = workspace_init(&s->scan->ws, s->root, &s->scan->cause);
	if (s->scan->rc == 0)
		workspace_each_manifest(&s->scan->ws, keep_manifest, s->scan);
}

static void
scan_list_done(uv_work_t *req, int status)
{
	(void)status;
	struct server *s = req->data;
	struct scan *sc = s->scan;
	s->jobs--;
	if (sc->rc != 0) {
		slog(s, "no workspace scan: %s", sc->cause);
		sc->finished = true;
	} else if (sc->ws.files.n > SERVER_SCAN_MAX_FILES) {
		slog(s, "no workspace scan: %u files (the limit is %u)",
		     sc->ws.files.n, SERVER_SCAN_MAX_FILES);
		sc->finished = true;
	} else if (s->state != ST_FINISHED) {
		config_apply_workspace(&s->config, &sc->ws);
		for (uint32_t i = 0; i < sc->manifests.n; i++) {
			const struct manifest *m = &sc->manifests.v[i];
			char *cause = NULL;
			if (index_add_manifest(s->index, m->path, m->text,
					       m->len, &cause) < 0) {
				slog(s, "%s", cause);
				free(cause);
			}
		}
		s->index_stale = true;
		start_watching(s);
	}
	if (s->state != ST_FINISHED) {
		start_jobs(s);
		scan_progress(s);
		flush(s);
	}
}

static void
start_scan(struct server *s)
{
	if (!s->opts.scan || s->root == NULL || s->scan != NULL)
		return;
	s->scan = xcalloc(1, sizeof *s->scan);
	s->scan->last_percent = -1;
	s->scan->started = uv_now(s->loop);
	s->scan->list.data = s;
	s->jobs++;
	uv_queue_work(s->loop, &s->scan->list, scan_list_work, scan_list_done);
	if (s->progress) {
		json_object *p = json_object_new_object();
		json_object_object_add(p, "token",
				       json_object_new_string(SCAN_TOKEN));
		request(s, OUT_PROGRESS_CREATE,
			"window/workDoneProgress/create", p);
	}
}

/* --- files changed outside the editor ---------------------------------- */

/* The workspace-relative path of an absolute one, or NULL when it is
 * outside the root. Points into abs. */
static const char *
relative(struct server *s, const char *abs)
{
	if (s->root == NULL)
		return NULL;
	size_t n = strlen(s->root);
	if (strncmp(abs, s->root, n) != 0 || abs[n] != '/')
		return NULL;
	return abs + n + 1;
}

/* A file at rel changed, appeared or vanished outside the editor. */
static void
file_changed(struct server *s, const char *rel, bool deleted)
{
	if (language_for_path(rel) == NULL || doc_at_path(s, rel) != NULL)
		return;
	struct file_entry *e = strmap_get(&s->files, rel, NULL);
	if (deleted) {
		if (e != NULL)
			e->findings = 0;
		index_remove(s->index, rel);
		s->index_stale = true;
		recheck_dependents(s, rel);
		return;
	}
	queue_file(s, rel, e ? e->flags : 0, false);
}

static void
on_dir_change(void *user, const char *rel)
{
	struct server *s = user;
	if (s->state == ST_FINISHED)
		return;
	char *abs = xasprintf("%s/%s", s->root, rel);
	uv_fs_t st;
	bool gone = uv_fs_stat(s->loop, &st, abs, NULL) < 0;
	uv_fs_req_cleanup(&st);
	file_changed(s, rel, gone);
	free(abs);
}

/* Watches the directories of the workspace's files when the client does
 * not watch for the server (dirwatch.h). */
static void
start_watching(struct server *s)
{
	if (!s->opts.watch || s->watch_registration || s->scan == NULL)
		return;
	if (s->watch == NULL)
		s->watch = dirwatch_create(s->loop, s->root, on_dir_change, s);
	dirwatch_sync(s->watch, &s->scan->ws);
	if (dirwatch_full(s->watch))
		slog(s, "watching only %u directories", DIRWATCH_MAX);
}

static void
stop_watching(struct server *s)
{
	dirwatch_stop(s->watch);
}

/* --- lifecycle ----------------------------------------------------------- */

static void
set_root(struct server *s, json_object *params)
{
	const char *uri = NULL;
	json_object *folders = member(params, "workspaceFolders");
	if (json_object_is_type(folders, json_type_array) &&
	    json_object_array_length(folders) > 0) {
		json_object *u =
			member(json_object_array_get_idx(folders, 0), "uri");
		if (json_object_is_type(u, json_type_string))
			uri = json_object_get_string(u);
	}
	json_object *ru = member(params, "rootUri");
	if (uri == NULL && json_object_is_type(ru, json_type_string))
		uri = json_object_get_string(ru);
	char *path = uri ? lsp_uri_to_path(uri) : NULL;
	json_object *rp = member(params, "rootPath");
	if (path == NULL && json_object_is_type(rp, json_type_string) &&
	    json_object_get_string(rp)[0] == '/')
		path = xstrdup(json_object_get_string(rp));
	if (path == NULL)
		return;
	char *real = realpath(path, NULL);
	if (real != NULL) {
		/* realpath's memory comes from malloc, like ours. */
		free(path);
		path = real;
	}
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	s->root = path;
}

/* Reads the workspace's configuration into the engine. A bad one is
 * shown to the user and analysis goes on with the defaults. */
static void
load_config(struct server *s)
{
	char *cause = NULL;
	if (s->root == NULL ||
	    config_load(&s->config, s->root, s->engine, &cause) == 0)
		return;
	slog(s, "%s", cause);
	json_object *p = json_object_new_object();
	json_object_object_add(p, "type", json_object_new_int(1));
	char *m = xasprintf("stackfit: %s (using the defaults)", cause);
	json_object_object_add(p, "message", json_object_new_string(m));
	free(m);
	notify(s, "window/showMessage", p);
	free(cause);
	/* The engine may hold part of the bad configuration. */
	engine_destroy(s->engine);
	s->engine = engine_create();
	s->config = (struct config){.engine = s->engine};
}

static json_object *
capabilities(struct server *s)
{
	json_object *c = json_object_new_object();
	json_object_object_add(c, "positionEncoding",
			       json_object_new_string(s->enc == DOCUMENT_UTF8
							      ? "utf-8"
							      : "utf-16"));
	json_object *sync = json_object_new_object();
	json_object_object_add(sync, "openClose", json_object_new_boolean(1));
	json_object_object_add(sync, "change", json_object_new_int(2));
	json_object *save = json_object_new_object();
	json_object_object_add(save, "includeText", json_object_new_boolean(0));
	json_object_object_add(sync, "save", save);
	json_object_object_add(c, "textDocumentSync", sync);
	json_object *ca = json_object_new_object();
	json_object *kinds = json_object_new_array();
	json_object_array_add(kinds, json_object_new_string("quickfix"));
	json_object_object_add(ca, "codeActionKinds", kinds);
	json_object_object_add(c, "codeActionProvider", ca);
	json_object_object_add(c, "hoverProvider", json_object_new_boolean(1));
	if (s->pull) {
		json_object *dp = json_object_new_object();
		json_object_object_add(dp, "identifier",
				       json_object_new_string("stackfit"));
		json_object_object_add(dp, "interFileDependencies",
				       json_object_new_boolean(1));
		json_object_object_add(dp, "workspaceDiagnostics",
				       json_object_new_boolean(0));
		json_object_object_add(c, "diagnosticProvider", dp);
	}
	return c;
}

static void
on_initialize(struct server *s, struct request *r)
{
	if (s->state != ST_UNINITIALIZED) {
		fail(r, JSONRPC_INVALID_REQUEST,
		     "initialize was already received");
		return;
	}
	json_object *p = r->params;
	if (!json_object_is_type(p, json_type_object)) {
		fail(r, JSONRPC_INVALID_PARAMS,
		     "params: expected InitializeParams");
		return;
	}
	json_object *caps = member(p, "capabilities");
	s->enc = array_has(at(caps, "general.positionEncodings"), "utf-8")
			 ? DOCUMENT_UTF8
			 : DOCUMENT_UTF16;
	s->pull = json_object_is_type(at(caps, "textDocument.diagnostic"),
				      json_type_object);
	s->refresh = at_true(caps, "workspace.diagnostics.refreshSupport");
	s->related =
		at_true(caps, "textDocument.publishDiagnostics."
			      "relatedInformation") ||
		(s->pull &&
		 at_true(caps, "textDocument.diagnostic.relatedInformation"));
	s->code_description = at_true(caps, "textDocument.publishDiagnostics."
					    "codeDescriptionSupport");
	s->markdown = array_has(at(caps, "textDocument.hover.contentFormat"),
				"markdown");
	s->unnecessary_tag =
		int_array_has(at(caps, "textDocument.publishDiagnostics."
				       "tagSupport.valueSet"),
			      1) ||
		(s->pull &&
		 int_array_has(at(caps, "textDocument.diagnostic.tagSupport."
					"valueSet"),
			       1));
	s->document_changes =
		at_true(caps, "workspace.workspaceEdit.documentChanges");
	s->progress = at_true(caps, "window.workDoneProgress");
	s->watch_registration = at_true(
		caps, "workspace.didChangeWatchedFiles.dynamicRegistration");
	set_root(s, p);
	load_config(s);
	json_object *url = at(p, "initializationOptions.ruleDocsUrl");
	if (json_object_is_type(url, json_type_string) &&
	    json_object_get_string_len(url) < LSP_MAX_URI) {
		free(s->docs_url);
		s->docs_url = xstrdup(json_object_get_string(url));
	}
	json_object *unused =
		at(p, "initializationOptions.reportUnusedIgnores");
	if (json_object_is_type(unused, json_type_boolean))
		s->unused_option = json_object_get_boolean(unused);
	s->state = ST_RUNNING;
	json_object *res = json_object_new_object();
	json_object_object_add(res, "capabilities", capabilities(s));
	json_object *info = json_object_new_object();
	json_object_object_add(info, "name",
			       json_object_new_string("stackfit"));
	json_object_object_add(info, "version",
			       json_object_new_string(STACKFIT_VERSION));
	json_object_object_add(res, "serverInfo", info);
	r->result = res;
	slog(s, "initialized: root %s, %s positions, %s diagnostics",
	     s->root ? s->root : "(none)",
	     s->enc == DOCUMENT_UTF8 ? "utf-8" : "utf-16",
	     s->pull ? "pull" : "push");
}

static void
on_initialized(struct server *s, struct request *r)
{
	(void)r;
	if (s->watch_registration && s->root != NULL) {
		json_object *w = json_object_new_object();
		json_object_object_add(
			w, "globPattern",
			json_object_new_string("**/*.{js,mjs,cjs,jsx,py}"));
		json_object *watchers = json_object_new_array();
		json_object_array_add(watchers, w);
		json_object *opts = json_object_new_object();
		json_object_object_add(opts, "watchers", watchers);
		json_object *reg = json_object_new_object();
		json_object_object_add(
			reg, "id", json_object_new_string("stackfit/watch"));
		json_object_object_add(
			reg, "method",
			json_object_new_string(
				"workspace/didChangeWatchedFiles"));
		json_object_object_add(reg, "registerOptions", opts);
		json_object *regs = json_object_new_array();
		json_object_array_add(regs, reg);
		json_object *p = json_object_new_object();
		json_object_object_add(p, "registrations", regs);
		request(s, OUT_REGISTER, "client/registerCapability", p);
	}
	start_scan(s);
}

static void
on_shutdown(struct server *s, struct request *r)
{
	s->state = ST_SHUT_DOWN;
	s->shutdown_received = true;
	r->result = NULL;
}

static void
on_exit_notification(struct server *s, struct request *r)
{
	(void)r;
	s->exit_code = s->shutdown_received ? 0 : 1;
	s->state = ST_FINISHED;
}

/* --- documents ----------------------------------------------------------- */

static const struct sf_language *
language_of(const char *path, const char *language_id)
{
	const struct sf_language *l = language_for_path(path);
	if (l != NULL || language_id == NULL)
		return l;
	/* No known extension (an untitled buffer): trust the languageId. */
	return language_for_lsp_id(language_id);
}

static void
drop_doc(struct open_doc *od)
{
	if (od == NULL)
		return;
	document_destroy(od->doc);
	free(od->published);
	free(od->uri);
	free(od);
}

static void
on_did_open(struct server *s, struct request *r)
{
	const char *uri = want_string(r, "textDocument.uri");
	json_object *text = at(r->params, "textDocument.text");
	json_object *lid = at(r->params, "textDocument.languageId");
	json_object *ver = at(r->params, "textDocument.version");
	if (uri == NULL)
		return;
	if (!json_object_is_type(text, json_type_string)) {
		fail(r, JSONRPC_INVALID_PARAMS,
		     "params.textDocument.text: expected a string");
		return;
	}
	char *abs = lsp_uri_to_path(uri);
	const char *rel = abs ? relative(s, abs) : NULL;
	const char *path = rel ? rel : abs ? abs : uri;
	const struct file_entry *e =
		rel ? strmap_get(&s->files, rel, NULL) : NULL;
	const struct sf_language *lang =
		language_of(path, json_object_is_type(lid, json_type_string)
					  ? json_object_get_string(lid)
					  : NULL);
	uint32_t flags = e ? e->flags : 0;
	if (rel != NULL) {
		flags |= config_file_flags(&s->config, rel);
		/* Excluded by the configuration: kept in sync, not analysed. */
		if (!config_wants(&s->config, rel))
			lang = NULL;
	}
	struct open_doc *od = xcalloc(1, sizeof *od);
	od->uri = xstrdup(uri);
	od->doc =
		document_create(lang, path, flags, json_object_get_string(text),
				(uint32_t)json_object_get_string_len(text));
	free(abs);
	if (json_object_is_type(ver, json_type_int))
		document_set_version(od->doc, json_object_get_int64(ver));
	od->pending = true;
	drop_doc(strmap_put(&s->docs, uri, od));
}

static void
on_did_change(struct server *s, struct request *r)
{
	struct open_doc *od = want_doc(s, r);
	json_object *changes = member(r->params, "contentChanges");
	json_object *ver = at(r->params, "textDocument.version");
	if (r->code != 0)
		return;
	if (!json_object_is_type(changes, json_type_array)) {
		fail(r, JSONRPC_INVALID_PARAMS,
		     "params.contentChanges: expected an array");
		return;
	}
	if (od == NULL) {
		fail(r, JSONRPC_INVALID_PARAMS, "the document is not open");
		return;
	}
	bool versioned = json_object_is_type(ver, json_type_int);
	int64_t v = versioned ? json_object_get_int64(ver) : 0;
	if (versioned && v <= document_version(od->doc)) {
		slog(s, "%s: dropped a stale change (version %lld, have %lld)",
		     od->uri, (long long)v,
		     (long long)document_version(od->doc));
		return;
	}
	size_t n = json_object_array_length(changes);
	for (size_t i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(changes, i);
		json_object *text = member(c, "text");
		if (!json_object_is_type(text, json_type_string)) {
			fail(r, JSONRPC_INVALID_PARAMS,
			     "params.contentChanges[%zu].text: expected a "
			     "string",
			     i);
			break;
		}
		const char *t = json_object_get_string(text);
		uint32_t tl = (uint32_t)json_object_get_string_len(text);
		json_object *range = member(c, "range");
		if (range == NULL) {
			document_replace(od->doc, t, tl);
			continue;
		}
		struct lsp_range rg;
		const char *why;
		if (lsp_read_range(range, &rg, &why) < 0 ||
		    document_edit(od->doc, s->enc,
				  (struct document_position){
					  rg.start.line, rg.start.character},
				  (struct document_position){rg.end.line,
							     rg.end.character},
				  t, tl, &why) < 0) {
			fail(r, JSONRPC_INVALID_PARAMS,
			     "params.contentChanges[%zu].range: %s", i, why);
			break;
		}
	}
	/* A change that could not be applied leaves the version where it
	 * was, so the failure shows in stackfit/documentText. */
	if (versioned && r->code == 0)
		document_set_version(od->doc, v);
	od->pending = true;
}

static void
on_did_close(struct server *s, struct request *r)
{
	const char *uri = want_string(r, "textDocument.uri");
	if (uri == NULL)
		return;
	struct open_doc *od = find_doc(s, uri);
	if (od == NULL)
		return;
	if (!s->pull)
		publish(s, od, true, false);
	strmap_put(&s->docs, uri, NULL);
	/* strmap keeps the key with a NULL value; lookups treat it as gone. */
	const char *path = document_path(od->doc);
	char *rel = path[0] != '/' && language_for_path(path) != NULL
			    ? xstrdup(path)
			    : NULL;
	uint32_t flags = 0;
	const struct file_entry *e =
		rel ? strmap_get(&s->files, rel, NULL) : NULL;
	if (e != NULL)
		flags = e->flags;
	drop_doc(od);
	/* The editor's unsaved text is gone: the file on disk is what the
	 * index should hold again. */
	if (rel != NULL)
		queue_file(s, rel, flags, false);
	free(rel);
}

static void
on_did_save(struct server *s, struct request *r)
{
	struct open_doc *od = want_doc(s, r);
	if (od == NULL)
		return;
	/* Typing works chunk by chunk; a save parses the whole text once,
	 * so an edit that made a statement run on into the next chunk is
	 * seen whole. */
	document_resync(od->doc);
	od->pending = true;
}

static void
on_watched_files(struct server *s, struct request *r)
{
	json_object *changes = member(r->params, "changes");
	if (!json_object_is_type(changes, json_type_array)) {
		fail(r, JSONRPC_INVALID_PARAMS,
		     "params.changes: expected an array");
		return;
	}
	size_t n = json_object_array_length(changes);
	for (size_t i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(changes, i);
		json_object *uri = member(c, "uri"), *type = member(c, "type");
		if (!json_object_is_type(uri, json_type_string) ||
		    !json_object_is_type(type, json_type_int))
			continue;
		char *abs = lsp_uri_to_path(json_object_get_string(uri));
		const char *rel = abs ? relative(s, abs) : NULL;
		if (rel != NULL)
			file_changed(s, rel, json_object_get_int(type) == 3);
		free(abs);
	}
}

/* --- diagnostics (pull), code actions, hover ---------------------------- */

static void
on_document_diagnostic(struct server *s, struct request *r)
{
	struct open_doc *od = want_doc(s, r);
	if (r->code != 0)
		return;
	json_object *res = json_object_new_object();
	r->result = res;
	if (od == NULL) {
		json_object_object_add(res, "kind",
				       json_object_new_string("full"));
		json_object_object_add(res, "items", json_object_new_array());
		return;
	}
	if (refresh_doc(s, od) || od->result_id == 0)
		od->result_id = ++s->generation;
	char id[32];
	snprintf(id, sizeof id, "%llu", (unsigned long long)od->result_id);
	json_object *prev = member(r->params, "previousResultId");
	json_object_object_add(res, "resultId", json_object_new_string(id));
	if (json_object_is_type(prev, json_type_string) &&
	    strcmp(json_object_get_string(prev), id) == 0) {
		json_object_object_add(res, "kind",
				       json_object_new_string("unchanged"));
		return;
	}
	json_object_object_add(res, "kind", json_object_new_string("full"));
	json_object_object_add(res, "items", diagnostics_json(s, od->doc));
}

/* Does the action kind filter `only` admit quick fixes? */
static bool
wants_quickfix(json_object *only)
{
	if (!json_object_is_type(only, json_type_array))
		return true;
	size_t n = json_object_array_length(only);
	for (size_t i = 0; i < n; i++) {
		json_object *k = json_object_array_get_idx(only, i);
		if (!json_object_is_type(k, json_type_string))
			continue;
		const char *kind = json_object_get_string(k);
		if (kind[0] == '\0' || strcmp(kind, "quickfix") == 0)
			return true;
	}
	return false;
}

/* The edit that suppresses rule id at the line of byte `at`: the id is
 * added to a `stackfit: ignore[...]` comment alone on the line above, or a
 * new such comment line is inserted above, indented like the line. */
static json_object *
suppress_edit(struct server *s, const struct sf_document *doc, const char *id,
	      uint32_t at)
{
	uint32_t len;
	const char *text = document_text(doc, &len);
	struct document_position p = document_position(doc, DOCUMENT_UTF8, at);
	uint32_t ls = document_offset(doc, DOCUMENT_UTF8,
				      (struct document_position){p.line, 0});
	if (p.line > 0) {
		uint32_t above = document_offset(
			doc, DOCUMENT_UTF8,
			(struct document_position){p.line - 1, 0});
		const char *a = text + above;
		uint32_t an = ls - above;
		const char *hit = NULL;
		for (uint32_t i = 0; i + 17 <= an; i++)
			if (memcmp(a + i, "stackfit: ignore[", 17) == 0) {
				hit = a + i + 17;
				break;
			}
		const char *close =
			hit ? memchr(hit, ']', an - (uint32_t)(hit - a)) : NULL;
		uint32_t lead = 0;
		while (lead < an && (a[lead] == ' ' || a[lead] == '\t'))
			lead++;
		bool alone = lead < an && (a[lead] == '#' || a[lead] == '/');
		if (close != NULL && alone) {
			uint32_t b = (uint32_t)(close - text);
			struct document_position q =
				document_position(doc, s->enc, b);
			struct lsp_position lp = {q.line, q.character};
			char *add = xasprintf(",%s", id);
			json_object *e =
				lsp_text_edit((struct lsp_range){lp, lp}, add);
			free(add);
			return e;
		}
	}
	uint32_t indent = 0;
	while (ls + indent < len &&
	       (text[ls + indent] == ' ' || text[ls + indent] == '\t'))
		indent++;
	const struct sf_language *lang = document_language(doc);
	const char *mark = lang ? lang->comment : "//";
	char *line = xasprintf("%.*s%s stackfit: ignore[%s]\n", (int)indent,
			       text + ls, mark, id);
	struct lsp_position lp = {p.line, 0};
	json_object *e = lsp_text_edit((struct lsp_range){lp, lp}, line);
	free(line);
	return e;
}

static json_object *
action(struct server *s, struct open_doc *od, const char *title,
       json_object *diag, json_object *edits, bool preferred)
{
	json_object *a = json_object_new_object();
	json_object_object_add(a, "title", json_object_new_string(title));
	json_object_object_add(a, "kind", json_object_new_string("quickfix"));
	json_object *ds = json_object_new_array();
	json_object_array_add(ds, diag);
	json_object_object_add(a, "diagnostics", ds);
	if (preferred)
		json_object_object_add(a, "isPreferred",
				       json_object_new_boolean(1));
	json_object_object_add(a, "edit",
			       lsp_workspace_edit(od->uri,
						  document_version(od->doc),
						  edits, s->document_changes));
	return a;
}

static void
on_code_action(struct server *s, struct request *r)
{
	struct open_doc *od = want_doc(s, r);
	struct lsp_range rg;
	const char *why;
	if (r->code != 0)
		return;
	if (lsp_read_range(member(r->params, "range"), &rg, &why) < 0) {
		fail(r, JSONRPC_INVALID_PARAMS, "params.range: %s", why);
		return;
	}
	json_object *arr = json_object_new_array();
	r->result = arr;
	if (od == NULL || !wants_quickfix(at(r->params, "context.only")))
		return;
	refresh_doc(s, od);
	struct sf_document *doc = od->doc;
	/* Lines, not characters: a cursor anywhere on a flagged line gets
	 * its actions, as editors ask with the cursor position. */
	const struct sf_diag_list *l = document_diagnostics(doc);
	for (uint32_t i = 0; i < l->items.n; i++) {
		const struct sf_diagnostic *d = &l->items.v[i];
		if (d->span.end_row < rg.start.line ||
		    d->span.start_row > rg.end.line)
			continue;
		if (d->fix != NULL && d->fix->edits.n > 0) {
			json_object *edits = json_object_new_array();
			for (uint32_t k = 0; k < d->fix->edits.n; k++) {
				const struct sf_edit *e = &d->fix->edits.v[k];
				json_object_array_add(
					edits,
					lsp_text_edit(
						span_range(s, doc, &e->span),
						e->text));
			}
			json_object_array_add(arr,
					      action(s, od, d->fix->title,
						     diagnostic_json(s, doc, d),
						     edits, true));
		}
		/* An unused suppression is not suppressed: it goes. */
		if (strcmp(d->rule_id, SUPPRESSION_RULE) == 0)
			continue;
		json_object *edits = json_object_new_array();
		json_object_array_add(edits, suppress_edit(s, doc, d->rule_id,
							   d->span.start));
		char *title = xasprintf("Suppress %s on this line", d->rule_id);
		json_object_array_add(arr, action(s, od, title,
						  diagnostic_json(s, doc, d),
						  edits, false));
		free(title);
	}
}

static void
on_hover(struct server *s, struct request *r)
{
	struct open_doc *od = want_doc(s, r);
	struct lsp_position pos;
	const char *why;
	if (r->code != 0)
		return;
	if (lsp_read_position(member(r->params, "position"), &pos, &why) < 0) {
		fail(r, JSONRPC_INVALID_PARAMS, "params.position: %s", why);
		return;
	}
	if (od == NULL)
		return;
	refresh_doc(s, od);
	uint32_t b = document_offset(
		od->doc, s->enc,
		(struct document_position){pos.line, pos.character});
	const struct sf_diag_list *l = document_diagnostics(od->doc);
	struct strbuf t;
	strbuf_init(&t);
	const struct sf_diagnostic *first = NULL;
	for (uint32_t i = 0; i < l->items.n; i++) {
		const struct sf_diagnostic *d = &l->items.v[i];
		if (b < d->span.start || b > d->span.end)
			continue;
		if (first == NULL)
			first = d;
		else
			strbuf_puts(&t, s->markdown ? "\n---\n\n" : "\n\n");
		if (s->markdown) {
			strbuf_printf(&t, "**%s** `%s`: %s\n\n", d->rule_id,
				      d->rule_name, d->message);
			if (d->help != NULL)
				strbuf_printf(&t, "help: %s\n\n", d->help);
			strbuf_puts(&t, d->rule_doc);
		} else {
			char *plain = lsp_markdown_to_plain(d->rule_doc);
			strbuf_printf(&t, "%s %s: %s\n", d->rule_id,
				      d->rule_name, d->message);
			if (d->help != NULL)
				strbuf_printf(&t, "help: %s\n", d->help);
			strbuf_printf(&t, "\n%s", plain);
			free(plain);
		}
	}
	if (first == NULL) {
		strbuf_finish(&t);
		return;
	}
	json_object *contents = json_object_new_object();
	json_object_object_add(
		contents, "kind",
		json_object_new_string(s->markdown ? "markdown" : "plaintext"));
	json_object_object_add(contents, "value",
			       json_object_new_string(strbuf_str(&t)));
	strbuf_finish(&t);
	json_object *res = json_object_new_object();
	json_object_object_add(res, "contents", contents);
	json_object_object_add(
		res, "range",
		lsp_range_json(span_range(s, od->doc, &first->span)));
	r->result = res;
}

/* stackfit/documentText: the server's copy of a document, so that tests
 * can check that incremental sync kept it equal to the editor's buffer. */
static void
on_document_text(struct server *s, struct request *r)
{
	struct open_doc *od = want_doc(s, r);
	if (r->code != 0)
		return;
	if (od == NULL) {
		fail(r, JSONRPC_INVALID_PARAMS, "the document is not open");
		return;
	}
	uint32_t len;
	const char *text = document_text(od->doc, &len);
	json_object *res = json_object_new_object();
	json_object_object_add(
		res, "version",
		json_object_new_int64(document_version(od->doc)));
	json_object_object_add(res, "text",
			       json_object_new_string_len(text, (int)len));
	r->result = res;
}

/* --- dispatch ----------------------------------------------------------- */

struct method {
	const char *name;
	bool is_request;
	void (*fn)(struct server *s, struct request *r);
};

static const struct method methods[] = {
	{"initialize", true, on_initialize},
	{"initialized", false, on_initialized},
	{"shutdown", true, on_shutdown},
	{"exit", false, on_exit_notification},
	{"textDocument/didOpen", false, on_did_open},
	{"textDocument/didChange", false, on_did_change},
	{"textDocument/didClose", false, on_did_close},
	{"textDocument/didSave", false, on_did_save},
	{"workspace/didChangeWatchedFiles", false, on_watched_files},
	{"textDocument/diagnostic", true, on_document_diagnostic},
	{"textDocument/codeAction", true, on_code_action},
	{"textDocument/hover", true, on_hover},
	{"stackfit/documentText", true, on_document_text},
};

static const struct method *
find_method(const char *name)
{
	for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
		if (strcmp(methods[i].name, name) == 0)
			return &methods[i];
	return NULL;
}

static void
on_response(struct server *s, const struct jsonrpc_message *m)
{
	if (!json_object_is_type(m->id, json_type_int))
		return;
	int64_t id = json_object_get_int64(m->id);
	for (uint32_t i = 0; i < s->outgoing.n; i++) {
		if (s->outgoing.v[i].id != id)
			continue;
		enum outgoing_kind kind = s->outgoing.v[i].kind;
		s->outgoing.v[i] = s->outgoing.v[--s->outgoing.n];
		if (m->error != NULL) {
			slog(s, "the client refused request %lld: %s",
			     (long long)id,
			     json_object_to_json_string(m->error));
			return;
		}
		if (kind == OUT_PROGRESS_CREATE && s->scan != NULL) {
			s->scan->progress_ready = true;
			scan_progress(s);
		}
		return;
	}
}

/* Is id among the cancelled ids? */
static bool
cancelled(json_object *cancels, json_object *id)
{
	if (id == NULL)
		return false;
	size_t n = json_object_array_length(cancels);
	for (size_t i = 0; i < n; i++)
		if (json_object_equal(json_object_array_get_idx(cancels, i),
				      id))
			return true;
	return false;
}

static void
dispatch(struct server *s, json_object *msg, json_object *cancels)
{
	struct jsonrpc_message m;
	const char *why;
	if (jsonrpc_parse_message(msg, &m, &why) < 0) {
		slog(s, "invalid message: %s", why);
		emit(s, jsonrpc_error(m.id, JSONRPC_INVALID_REQUEST, why));
		return;
	}
	if (m.kind == JSONRPC_RESPONSE) {
		on_response(s, &m);
		return;
	}
	bool is_request = m.kind == JSONRPC_REQUEST;
	if (s->state == ST_FINISHED)
		return;
	if (strcmp(m.method, "$/cancelRequest") == 0)
		return; /* honoured for the batch it came in (server_feed) */
	const struct method *h = find_method(m.method);
	int code = 0;
	const char *err = NULL;
	if (h == NULL || h->is_request != is_request) {
		if (!is_request)
			return; /* unknown notifications are ignored */
		code = JSONRPC_METHOD_NOT_FOUND;
		err = "unknown method";
	} else if (s->state == ST_UNINITIALIZED &&
		   strcmp(m.method, "initialize") != 0 &&
		   strcmp(m.method, "exit") != 0) {
		if (!is_request)
			return;
		code = JSONRPC_SERVER_NOT_INITIALIZED;
		err = "the server is not initialized";
	} else if (s->state == ST_SHUT_DOWN && strcmp(m.method, "exit") != 0) {
		if (!is_request)
			return;
		code = JSONRPC_INVALID_REQUEST;
		err = "the server is shut down";
	} else if (is_request && cancelled(cancels, m.id)) {
		code = JSONRPC_REQUEST_CANCELLED;
		err = "cancelled";
	}
	if (code != 0) {
		char *full = xasprintf("%s: %s", m.method, err);
		emit(s, jsonrpc_error(m.id, code, full));
		free(full);
		return;
	}
	struct request r = {
		.id = m.id,
		.params = m.params,
	};
	h->fn(s, &r);
	if (is_request) {
		if (r.code != 0) {
			json_object_put(r.result);
			char *full = xasprintf("%s: %s", m.method, r.message);
			emit(s, jsonrpc_error(m.id, r.code, full));
			free(full);
		} else {
			emit(s, jsonrpc_response(m.id, r.result));
		}
	} else if (r.code != 0) {
		slog(s, "%s: %s", m.method, r.message);
	}
	free(r.message);
}

struct batch_item {
	json_object *msg; /* a message, or */
	char *error;      /* why the bytes were not one */
};

/* Adds the id of msg to cancels when msg is a $/cancelRequest. */
static void
collect_cancel(json_object *msg, json_object *cancels)
{
	json_object *method = member(msg, "method");
	json_object *id = at(msg, "params.id");
	if (json_object_is_type(method, json_type_string) &&
	    strcmp(json_object_get_string(method), "$/cancelRequest") == 0 &&
	    (json_object_is_type(id, json_type_int) ||
	     json_object_is_type(id, json_type_string)))
		json_object_array_add(cancels, json_object_get(id));
}

void
server_feed(struct server *s, const char *buf, size_t n)
{
	if (s->state == ST_FINISHED)
		return;
	jsonrpc_reader_feed(s->reader, buf, n);
	/* Take every whole message first, so that a request cancelled in
	 * the same batch is answered as cancelled instead of computed. */
	VEC(struct batch_item) batch = {0};
	json_object *cancels = json_object_new_array();
	for (;;) {
		json_object *msg;
		char *cause;
		enum jsonrpc_read rc =
			jsonrpc_reader_next(s->reader, &msg, &cause);
		if (rc == JSONRPC_READ_MORE)
			break;
		if (rc == JSONRPC_READ_MESSAGE)
			collect_cancel(msg, cancels);
		/* A framing error keeps its place among the messages. */
		*VEC_PUSH(batch) = (struct batch_item){msg, cause};
	}
	for (uint32_t i = 0; i < batch.n; i++) {
		struct batch_item *b = &batch.v[i];
		if (b->error != NULL) {
			slog(s, "input: %s", b->error);
			emit(s, jsonrpc_error(NULL, JSONRPC_PARSE_ERROR,
					      b->error));
			free(b->error);
		} else {
			dispatch(s, b->msg, cancels);
			json_object_put(b->msg);
		}
	}
	VEC_FREE(batch);
	json_object_put(cancels);
	if (s->state == ST_RUNNING || s->state == ST_SHUT_DOWN)
		analyse_pending(s);
	flush(s);
}

void
server_hangup(struct server *s)
{
	if (s->state != ST_FINISHED) {
		s->exit_code = s->shutdown_received ? 0 : 1;
		s->state = ST_FINISHED;
	}
}

bool
server_finished(const struct server *s, int *code)
{
	if (s->state != ST_FINISHED)
		return false;
	*code = s->exit_code;
	return true;
}

bool
server_busy(const struct server *s)
{
	return s->jobs > 0 || dirwatch_busy(s->watch);
}

struct server *
server_create(uv_loop_t *loop, const struct server_options *o,
	      server_write_fn write, void *user)
{
	struct server *s = xcalloc(1, sizeof *s);
	s->loop = loop;
	s->opts = *o;
	s->write = write;
	s->user = user;
	s->reader = jsonrpc_reader_create();
	s->engine = engine_create();
	s->config = (struct config){.engine = s->engine};
	s->parser = parser_create();
	s->index = index_create();
	s->unused_option = -1;
	const char *docs = getenv(LSP_RULE_DOCS_ENV);
	s->docs_url =
		docs != NULL && docs[0] != '\0' && strlen(docs) < LSP_MAX_URI
			? xstrdup(docs)
			: NULL;
	s->max_jobs = o->scan_jobs ? o->scan_jobs : uv_available_parallelism();
	strbuf_init(&s->out);
	strmap_init(&s->docs);
	strmap_init(&s->files);
	diag_list_init(&s->project);
	return s;
}

void
server_destroy(struct server *s)
{
	if (s == NULL)
		return;
	for (uint32_t i = 0; i < s->docs.cap; i++)
		if (s->docs.slots[i].key != NULL)
			drop_doc(s->docs.slots[i].value);
	strmap_finish(&s->docs);
	for (uint32_t i = 0; i < s->files.cap; i++)
		if (s->files.slots[i].key != NULL)
			free(s->files.slots[i].value);
	strmap_finish(&s->files);
	if (s->scan != NULL) {
		if (s->scan->rc == 0)
			workspace_finish(&s->scan->ws);
		for (uint32_t i = 0; i < s->scan->manifests.n; i++) {
			free(s->scan->manifests.v[i].path);
			free(s->scan->manifests.v[i].text);
		}
		VEC_FREE(s->scan->manifests);
		free(s->scan->cause);
		free(s->scan);
	}
	index_destroy(s->index);
	diag_list_finish(&s->project);
	VEC_FREE(s->outgoing);
	dirwatch_destroy(s->watch);
	strbuf_finish(&s->out);
	parser_destroy(s->parser);
	config_finish(&s->config);
	engine_destroy(s->engine);
	jsonrpc_reader_destroy(s->reader);
	free(s->docs_url);
	free(s->root);
	free(s);
}

/* --- stdio --------------------------------------------------------------- */

/* stdin and stdout as libuv sees them: a pipe or a terminal is a stream; a
 * regular file is read and written with plain file operations. */
struct stdio {
	uv_loop_t *loop;
	struct server *server;
	union {
		uv_pipe_t pipe;
		uv_tty_t tty;
	} in, out;
	bool in_stream, out_stream;
	bool reading, out_broken, closing;
	uv_fs_t read_req;
	uv_shutdown_t shutdown_req;
	char file_buf[65536];
};

struct write_req {
	uv_write_t req;
	char *data;
};

static void stdio_stop(struct stdio *io);
static void on_read(uv_stream_t *stream, ssize_t n, const uv_buf_t *buf);
static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf);

static void
write_done(uv_write_t *req, int status)
{
	struct write_req *w = (struct write_req *)req;
	struct stdio *io = req->data;
	free(w->data);
	free(w);
	if (status < 0 && !io->out_broken) {
		io->out_broken = true;
		server_hangup(io->server);
		stdio_stop(io);
		return;
	}
	/* Reading resumes once the client has taken most of what we wrote. */
	if (!io->reading && !io->closing && io->in_stream &&
	    uv_stream_get_write_queue_size((uv_stream_t *)&io->out) <
		    SERVER_MAX_WRITE_QUEUE / 2) {
		io->reading = true;
		uv_read_start((uv_stream_t *)&io->in, on_alloc, on_read);
	}
}

static void
stdio_write(void *user, const char *buf, size_t n)
{
	struct stdio *io = user;
	if (io->out_broken)
		return;
	if (!io->out_stream) {
		while (n > 0) {
			ssize_t k = write(STDOUT_FILENO, buf, n);
			if (k < 0) {
				io->out_broken = true;
				server_hangup(io->server);
				return;
			}
			buf += k;
			n -= (size_t)k;
		}
		return;
	}
	struct write_req *w = xmalloc(sizeof *w);
	w->data = xmalloc(n);
	memcpy(w->data, buf, n);
	w->req.data = io;
	uv_buf_t b = uv_buf_init(w->data, (unsigned)n);
	if (uv_write(&w->req, (uv_stream_t *)&io->out, &b, 1, write_done) < 0) {
		free(w->data);
		free(w);
		io->out_broken = true;
		server_hangup(io->server);
		return;
	}
	/* Back-pressure: a client that does not read stops our reading. */
	if (io->reading && io->in_stream &&
	    uv_stream_get_write_queue_size((uv_stream_t *)&io->out) >
		    SERVER_MAX_WRITE_QUEUE) {
		io->reading = false;
		uv_read_stop((uv_stream_t *)&io->in);
	}
}

static void
after_input(struct stdio *io)
{
	int code;
	if (server_finished(io->server, &code))
		stdio_stop(io);
}

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	(void)h;
	(void)suggested;
	static char block[65536];
	*buf = uv_buf_init(block, sizeof block);
}

static void
on_read(uv_stream_t *stream, ssize_t n, const uv_buf_t *buf)
{
	struct stdio *io = stream->data;
	if (n < 0) {
		server_hangup(io->server);
		stdio_stop(io);
		return;
	}
	if (n > 0)
		server_feed(io->server, buf->base, (size_t)n);
	after_input(io);
}

static void
on_file_read(uv_fs_t *req)
{
	struct stdio *io = req->data;
	ssize_t n = req->result;
	uv_fs_req_cleanup(req);
	if (n <= 0) {
		server_hangup(io->server);
		stdio_stop(io);
		return;
	}
	server_feed(io->server, io->file_buf, (size_t)n);
	after_input(io);
	if (!io->closing) {
		uv_buf_t b = uv_buf_init(io->file_buf, sizeof io->file_buf);
		uv_fs_read(io->loop, &io->read_req, STDIN_FILENO, &b, 1, -1,
			   on_file_read);
	}
}

static void
out_shut(uv_shutdown_t *req, int status)
{
	(void)status;
	uv_close((uv_handle_t *)req->handle, NULL);
}

static void
stdio_stop(struct stdio *io)
{
	if (io->closing)
		return;
	io->closing = true;
	if (io->in_stream) {
		uv_read_stop((uv_stream_t *)&io->in);
		uv_close((uv_handle_t *)&io->in, NULL);
	}
	/* Whatever is still queued for the client (the answer to shutdown,
	 * say) is written before stdout is closed. */
	if (io->out_stream &&
	    (io->out_broken ||
	     uv_shutdown(&io->shutdown_req, (uv_stream_t *)&io->out, out_shut) <
		     0))
		uv_close((uv_handle_t *)&io->out, NULL);
	stop_watching(io->server);
}

/* Opens fd as a stream handle when it is a pipe or a terminal. */
static bool
open_stream(uv_loop_t *loop, int fd, void *h, bool readable)
{
	switch (uv_guess_handle(fd)) {
	case UV_NAMED_PIPE:
		uv_pipe_init(loop, h, 0);
		return uv_pipe_open(h, fd) == 0;
	case UV_TTY:
		return uv_tty_init(loop, h, fd, readable) == 0;
	default:
		return false;
	}
}

int
server_run_stdio(const struct server_options *o)
{
	signal(SIGPIPE, SIG_IGN);
	uv_loop_t loop;
	uv_loop_init(&loop);
	struct stdio *io = xcalloc(1, sizeof *io);
	io->loop = &loop;
	io->server = server_create(&loop, o, stdio_write, io);
	io->in_stream = open_stream(&loop, STDIN_FILENO, &io->in, true);
	io->out_stream = open_stream(&loop, STDOUT_FILENO, &io->out, false);
	io->in.pipe.data = io;
	if (io->in_stream) {
		io->reading = true;
		uv_read_start((uv_stream_t *)&io->in, on_alloc, on_read);
	} else {
		io->read_req.data = io;
		uv_buf_t b = uv_buf_init(io->file_buf, sizeof io->file_buf);
		uv_fs_read(&loop, &io->read_req, STDIN_FILENO, &b, 1, -1,
			   on_file_read);
	}
	uv_run(&loop, UV_RUN_DEFAULT);
	int code = 1;
	server_finished(io->server, &code);
	server_destroy(io->server);
	free(io);
	uv_loop_close(&loop);
	return code;
}
