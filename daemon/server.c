/*
 * The language server. Bytes from the client go through the JSON-RPC
 * reader; each batch of whole messages is dispatched in order (cancelled
 * requests of the batch are answered with RequestCancelled), then the
 * documents the batch changed are analysed on the loop and their
 * diagnostics pushed — or, for clients that pull, computed when asked.
 * Push and pull are never both used with one client: VS Code shows
 * duplicates when a server does both.
 *
 * Two speeds. A keystroke costs the document's own analysis (document.h:
 * the chunks it touched are parsed again, the per-file rules run) and its
 * diagnostics go out at once. What needs the whole workspace — the
 * findings other files cause here (JS107, PY202), the project rules
 * (ST3xx), unused suppressions — comes from the folder's project
 * (folder.h), solved on the worker pool a moment after typing stops;
 * until then a document keeps the last solve's such findings, moved with
 * the edits ("extras"). After a solve, the documents whose findings
 * changed (project_changes) are published again, or pull clients are
 * asked to pull again.
 *
 * A keystroke's analysis takes the chunks it did not touch as they are
 * (document_analyse_fast), so that it stays a chunk's worth of work even
 * in a file with a syntax error somewhere; there, tree-sitter's recovery
 * can depend on text far away and the chunked findings may differ from
 * the whole file's (document_approximate). Such a document is analysed
 * again whole SERVER_EXACT_DELAY_MS after its last change, and published
 * again only when that changed something — fast at once, exact a moment
 * later, as clangd does. That exact analysis parses a copy of the text on
 * libuv's worker pool (struct exact_job), so that a keystroke typed
 * meanwhile is answered at once; its parse is taken on the loop only if
 * the document still holds the text parsed, else it is dropped. A solve's
 * results for a document whose findings are not exact yet wait for the
 * exact ones (take_due). A pull answers exactly when the client cannot be
 * asked to pull again (no workspace/diagnostic/refresh); stackfit/settle
 * makes every document exact first.
 *
 * A diagnostic's JSON is made once and kept (per document, by what it
 * says and where), so that publishing a file with thousands of findings
 * after a keystroke costs their positions and a copy, not their JSON.
 */
#include "server.h"

#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apart.h"
#include "document.h"
#include "engine.h"
#include "folder.h"
#include "index.h"
#include "jsonrpc.h"
#include "language.h"
#include "lsp.h"
#include "parse.h"
#include "suppression.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#ifndef STACKFIT_VERSION
#define STACKFIT_VERSION "0"
#endif

/* The fix-all action's kind (VS Code's editor.codeActionsOnSave). */
#define FIX_ALL_KIND "source.fixAll.stackfit"

/* Milliseconds from the last change of a document whose keystroke
 * analysis may differ from the whole file's to its exact analysis. */
#define SERVER_EXACT_DELAY_MS 150

/* The progress tokens of the folders' first solves: this and a number. */
#define SCAN_TOKEN "stackfit/scan/"

/* A folder of the workspace and what the client has seen of it. */
struct root {
	struct folder *f;
	char token[32];      /* its progress token, "" when none */
	bool progress_ready; /* the client accepted the token */
	bool begun, ended;   /* progress begin / end sent */
	bool finished;       /* its first solve is over */
	uint32_t done, total;
	int last_percent;
};

/* A diagnostic's JSON, kept while it is shown. */
struct shown {
	uint64_t key; /* what it says and where (0: empty slot) */
	char *json;
	uint32_t len;
	uint32_t round; /* the last rendering that used it */
};

struct exact_job;

struct open_doc {
	char *uri;      /* as the client wrote it: answers echo it */
	char *uri_json; /* the same as a JSON string */
	struct root *root;
	char *rel; /* its path in the folder (the document's path) */
	struct sf_document *doc;
	uint64_t gen;    /* bumped by every change */
	uint64_t handed; /* the gen whose text the project has */
	/* Handed, and the solve's results not taken yet (nor, when they
	 * came before the document's findings were exact, since). */
	bool waiting;
	bool pending; /* changed since diagnostics were last pushed */
	/* The last solve's findings that are not the document's own
	 * (index, project, unused suppressions), moved with the edits since;
	 * sorted. */
	struct sf_diag_list extras;
	uint64_t pushed; /* hash of the diagnostics last pushed */
	bool pushed_any;
	uint64_t pulled; /* hash of the diagnostics last answered to a pull */
	/* JSON of the diagnostics shown (open addressing by key). */
	struct shown *cache;
	uint32_t cache_cap, cache_n, round;
	/* Copies of the findings the configuration's overrides show at
	 * another severity, for the last view made (make_view). */
	VEC(struct sf_diagnostic) shown_as;
	struct exact_job *job; /* its exact analysis under way, or NULL */
	/* A solve left its text out, its findings not being exact
	 * (host_ready): the folder is told again once they are. */
	bool held;
};

/* An exact analysis of a document off the loop: the copy's whole text is
 * parsed on the worker pool, and the parse taken on the loop. */
struct exact_job {
	uv_work_t work;
	struct server *s;
	struct open_doc *od; /* NULL once the document is closed */
	struct sf_document *copy;
	/* Set when the document changes or closes: the parse, which would
	 * be dropped, stops (document_parse_whole). */
	atomic_bool cancel;
};

enum outgoing_kind {
	OUT_PROGRESS_CREATE,
	OUT_REGISTER,
	OUT_REFRESH,
};

struct outgoing {
	int64_t id;
	enum outgoing_kind kind;
	struct root *root; /* OUT_PROGRESS_CREATE */
};

enum state {
	ST_UNINITIALIZED,
	ST_RUNNING,
	ST_SHUT_DOWN, /* `shutdown` answered; waiting for `exit` */
	ST_FINISHED,
};

struct server {
	uv_loop_t *loop;
	struct server_options opts;
	server_write_fn write;
	void *user;
	struct jsonrpc_reader *reader;
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
	char *docs_url;          /* codeDescription.href template */
	/* initializationOptions.reportUnusedIgnores: -1 when not given (the
	 * configuration's reportUnusedIgnores decides), else 0 or 1. */
	int unused_option;

	VEC(struct root *) roots;     /* the workspace folders */
	struct root *loose;           /* documents outside every folder */
	VEC(struct folder *) retired; /* removed, destroyed when idle */
	struct strmap docs;           /* uri -> struct open_doc * */
	VEC(struct outgoing) outgoing;
	int64_t next_id;
	VEC(json_object *) settles; /* ids of stackfit/settle requests */
	uint32_t next_token;
	struct strbuf scratch; /* a diagnostics array being rendered */
	/* Fires SERVER_EXACT_DELAY_MS after the last change that left a
	 * document approximate (NULL once closed). */
	uv_timer_t *exact_timer;
	uint32_t jobs; /* exact analyses on the worker pool */
};

/* --- output --------------------------------------------------------------- */

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
request(struct server *s, enum outgoing_kind kind, struct root *rt,
	const char *method, json_object *params)
{
	int64_t id = ++s->next_id;
	struct outgoing *o = VEC_PUSH(s->outgoing);
	o->id = id;
	o->kind = kind;
	o->root = rt;
	emit(s, jsonrpc_request(id, method, params));
}

/* A line of the server's log: the client's log (window/logMessage, with
 * its type) while there is a client to tell; otherwise opts.log. Editors
 * show a server's stderr as errors (VS Code's "[error]", Neovim's ERROR),
 * so ordinary lines never go there. */
static void
log_line(struct server *s, enum folder_log type, const char *line)
{
	if (s->state == ST_RUNNING || s->state == ST_SHUT_DOWN) {
		json_object *p = json_object_new_object();
		json_object_object_add(p, "type", json_object_new_int(type));
		char *m = xasprintf("stackfit: %s", line);
		json_object_object_add(p, "message", json_object_new_string(m));
		free(m);
		notify(s, "window/logMessage", p);
		return;
	}
	if (s->opts.log == NULL)
		return;
	fprintf(s->opts.log, "stackfit lsp: %s\n", line);
	fflush(s->opts.log);
}

static void slog(struct server *s, enum folder_log type, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
slog(struct server *s, enum folder_log type, const char *fmt, ...)
{
	struct strbuf b;
	strbuf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	log_line(s, type, strbuf_str(&b));
	strbuf_finish(&b);
}

/* --- JSON access ------------------------------------------------------------
 */

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

/* --- requests ----------------------------------------------------------------
 */

struct request {
	json_object *id;     /* NULL for notifications */
	json_object *params; /* may be NULL */
	json_object *result; /* the answer (NULL: JSON null) */
	char *raw;           /* or the answer as JSON text (owned) */
	bool deferred;       /* answered later */
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

/* Calls fn for every open document. */
#define EACH_DOC(s, od)                                                        \
	for (uint32_t each_ = 0; each_ < (s)->docs.cap; each_++)               \
		for (struct open_doc *od =                                     \
			     (s)->docs.slots[each_].key                        \
				     ? (s)->docs.slots[each_].value            \
				     : NULL;                                   \
		     od != NULL; od = NULL)

/* --- paths ------------------------------------------------------------------
 */

/* The absolute path of a file URI with `.`, `..` and repeated slashes
 * folded (so that `file:///root/../x` is not taken for a file under
 * /root), or NULL when uri names no file. Owned by the caller. */
static char *
uri_path(const char *uri)
{
	char *p = lsp_uri_to_path(uri);
	if (p == NULL || p[0] != '/') {
		free(p);
		return NULL;
	}
	size_t n = 0; /* bytes of the result, in place */
	for (const char *c = p; *c;) {
		while (*c == '/')
			c++;
		const char *end = c + strcspn(c, "/");
		size_t k = (size_t)(end - c);
		if (k == 0 || (k == 1 && c[0] == '.')) {
			/* Nothing, or `.`. */
		} else if (k == 2 && c[0] == '.' && c[1] == '.') {
			while (n > 0 && p[n - 1] != '/')
				n--;
			if (n > 0)
				n--; /* the slash before it */
		} else {
			p[n++] = '/';
			memmove(p + n, c, k);
			n += k;
		}
		c = end;
	}
	if (n == 0)
		p[n++] = '/';
	p[n] = '\0';
	return p;
}

/* The root holding abs (the deepest), or the loose one. */
static struct root *
root_for(struct server *s, const char *abs)
{
	struct root *best = NULL;
	size_t best_len = 0;
	for (uint32_t i = 0; abs != NULL && i < s->roots.n; i++) {
		const char *r = folder_root(s->roots.v[i]->f);
		if (folder_relative(s->roots.v[i]->f, abs) != NULL &&
		    strlen(r) >= best_len) {
			best = s->roots.v[i];
			best_len = strlen(r);
		}
	}
	return best ? best : s->loose;
}

static struct root *
root_of(struct server *s, const struct folder *f)
{
	for (uint32_t i = 0; i < s->roots.n; i++)
		if (s->roots.v[i]->f == f)
			return s->roots.v[i];
	return s->loose->f == f ? s->loose : NULL;
}

/* --- what a document shows ---------------------------------------------------
 */

struct view {
	VEC(const struct sf_diagnostic *) v;
};

/* The document's own findings and its extras, in order, at the
 * severities the configuration that governs the document gives them
 * (its overrides may turn one off or show it at another). */
static void
make_view(struct open_doc *od, struct view *out)
{
	const struct sf_diag_list *own = document_diagnostics(od->doc);
	const struct sf_diag_list *ex = &od->extras;
	out->v.n = 0;
	/* Room for a copy of each, so that none moves while the view
	 * points at them. */
	od->shown_as.n = 0;
	od->shown_as.v =
		vec_grow(od->shown_as.v, &od->shown_as.cap,
			 own->items.n + ex->items.n, sizeof *od->shown_as.v);
	uint32_t i = 0, j = 0;
	while (i < own->items.n || j < ex->items.n) {
		const struct sf_diagnostic *d;
		if (j == ex->items.n ||
		    (i < own->items.n &&
		     diag_compare(&own->items.v[i], &ex->items.v[j]) <= 0))
			d = &own->items.v[i++];
		else
			d = &ex->items.v[j++];
		int sev = folder_severity(od->root->f, od->rel, d);
		if (sev == SF_SEV_OFF)
			continue;
		if (sev != (int)d->severity) {
			struct sf_diagnostic *c =
				&od->shown_as.v[od->shown_as.n++];
			*c = *d; /* its strings stay d's */
			c->severity = (enum sf_severity)sev;
			d = c;
		}
		*VEC_PUSH(out->v) = d;
	}
}

static struct lsp_range
span_range(struct server *s, const struct sf_document *doc,
	   const struct sf_span *span)
{
	struct document_position a =
		document_position(doc, s->enc, span->start);
	struct document_position b = document_position(doc, s->enc, span->end);
	return (struct lsp_range){{a.line, a.character}, {b.line, b.character}};
}

static bool
unnecessary(const struct server *s, const struct sf_diagnostic *d)
{
	/* Code that can go: a client that can fades it. */
	return s->unnecessary_tag && strcmp(d->rule_id, SUPPRESSION_RULE) == 0;
}

static json_object *
diagnostic_json(struct server *s, const struct open_doc *od,
		const struct sf_diagnostic *d, struct lsp_range range)
{
	struct lsp_diagnostic_options o = {
		.code_description = s->code_description || s->pull,
		.related = s->related,
		.docs_url = s->docs_url,
		.root = folder_root(od->root->f),
		.unnecessary = unnecessary(s, d),
	};
	return lsp_diagnostic_json(d, range, &o);
}

/* A 64-bit hash step over n bytes, eight at a time (a diagnostic's
 * message and help are hashed at every rendering). */
static uint64_t
mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (; n >= 8; b += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, b, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15u;
		h ^= h >> 32;
	}
	uint64_t w = n; /* the length of the tail tells "a" from "a\0" */
	for (size_t i = 0; i < n; i++)
		w = w << 8 | b[i];
	h = (h ^ w) * 0x9e3779b97f4a7c15u;
	return h ^ h >> 29;
}

static uint64_t
mix_str(uint64_t h, const char *s)
{
	return s ? mix(h, s, strlen(s) + 1) : mix(h, "", 1);
}

/* The hash of a diagnostics list: of its entries' keys in order (each
 * says all its JSON says), so that the list's text is not read again. */
#define LIST_SEED 14695981039346656037u

/* What the JSON of d at range says. */
static uint64_t
diag_key(const struct server *s, const struct sf_diagnostic *d,
	 struct lsp_range range, const char *root)
{
	uint64_t h = 14695981039346656037u;
	h = mix(h, &range, sizeof range);
	h = mix_str(h, d->rule_id);
	h = mix_str(h, d->rule_name);
	h = mix(h, &d->severity, sizeof d->severity);
	h = mix_str(h, d->message);
	h = mix_str(h, d->help);
	h = mix_str(h, root);
	bool un = unnecessary(s, d);
	h = mix(h, &un, sizeof un);
	for (uint32_t i = 0; i < d->related.n; i++) {
		h = mix_str(h, d->related.v[i].path);
		h = mix(h, &d->related.v[i].pos, sizeof d->related.v[i].pos);
		h = mix_str(h, d->related.v[i].message);
	}
	return h ? h : 1;
}

static void
cache_free(struct open_doc *od)
{
	for (uint32_t i = 0; i < od->cache_cap; i++)
		free(od->cache[i].json);
	free(od->cache);
	od->cache = NULL;
	od->cache_cap = od->cache_n = 0;
}

/* The slot for key (found, or empty where it goes). */
static struct shown *
cache_slot(struct open_doc *od, uint64_t key)
{
	uint32_t mask = od->cache_cap - 1;
	for (uint32_t i = (uint32_t)key & mask;; i = (i + 1) & mask)
		if (od->cache[i].key == key || od->cache[i].key == 0)
			return &od->cache[i];
}

/* Makes room for need more entries (at most half full), dropping those
 * the last rendering did not use when the table is rebuilt. */
static void
cache_tidy(struct open_doc *od, uint32_t need)
{
	if (od->cache_cap > 0 && (od->cache_n + need) * 2 <= od->cache_cap &&
	    od->cache_n <= 4 * need + 64)
		return;
	uint32_t keep = 0;
	for (uint32_t i = 0; i < od->cache_cap; i++)
		keep += od->cache[i].key != 0 &&
			od->cache[i].round + 1 >= od->round;
	uint32_t want = 16;
	while (want < (keep + need) * 2)
		want *= 2;
	struct shown *old = od->cache;
	uint32_t cap = od->cache_cap;
	od->cache = xcalloc(want, sizeof *od->cache);
	od->cache_cap = want;
	od->cache_n = 0;
	for (uint32_t i = 0; i < cap; i++) {
		if (old[i].key == 0)
			continue;
		if (old[i].round + 1 < od->round) {
			free(old[i].json);
			continue;
		}
		*cache_slot(od, old[i].key) = old[i];
		od->cache_n++;
	}
	free(old);
}

/* Renders what od shows as a JSON array into s->scratch; returns its
 * hash (of the entries' keys: equal lists, equal hashes). */
static uint64_t
render(struct server *s, struct open_doc *od)
{
	struct view view = {0};
	make_view(od, &view);
	od->round++;
	cache_tidy(od, view.v.n);
	const char *root = folder_root(od->root->f);
	uint64_t h = LIST_SEED;
	strbuf_reset(&s->scratch);
	strbuf_putc(&s->scratch, '[');
	for (uint32_t i = 0; i < view.v.n; i++) {
		const struct sf_diagnostic *d = view.v.v[i];
		struct lsp_range range = span_range(s, od->doc, &d->span);
		uint64_t key = diag_key(s, d, range, root);
		struct shown *e = cache_slot(od, key);
		if (e->key == 0) {
			struct lsp_diagnostic_options o = {
				.code_description =
					s->code_description || s->pull,
				.related = s->related,
				.docs_url = s->docs_url,
				.root = root,
				.unnecessary = unnecessary(s, d),
			};
			json_object *j = lsp_diagnostic_json(d, range, &o);
			size_t n;
			const char *t = json_object_to_json_string_length(
				j,
				JSON_C_TO_STRING_PLAIN |
					JSON_C_TO_STRING_NOSLASHESCAPE,
				&n);
			/* Valid UTF-8 once here, so that a list of them
			 * needs no check when it is framed (publish). */
			char *valid = utf8_valid(t, n)
					      ? NULL
					      : utf8_sanitize(t, n, &n);
			e->key = key;
			e->json = valid ? valid : xstrndup(t, n);
			e->len = (uint32_t)n;
			json_object_put(j);
			od->cache_n++;
		}
		e->round = od->round;
		h = mix(h, &key, sizeof key);
		if (i > 0)
			strbuf_putc(&s->scratch, ',');
		strbuf_append(&s->scratch, e->json, e->len);
	}
	strbuf_putc(&s->scratch, ']');
	VEC_FREE(view.v);
	return h;
}

/* Sends publishDiagnostics for od (an empty list when clear); with
 * only_if_changed, not when it is what was sent last. After an edit the
 * list goes out whatever it holds: it carries the document's version. */
static void
publish(struct server *s, struct open_doc *od, bool clear, bool only_if_changed)
{
	uint64_t h;
	if (clear) {
		strbuf_reset(&s->scratch);
		strbuf_puts(&s->scratch, "[]");
		h = LIST_SEED; /* what render gives for no diagnostics */
	} else {
		h = render(s, od);
	}
	if (only_if_changed && od->pushed_any && od->pushed == h)
		return;
	od->pushed = h;
	od->pushed_any = true;
	/* Framed in place: every part is valid UTF-8 already (the
	 * entries and the URI were made so), and the list is not copied
	 * or read again. */
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(&b,
		      "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/"
		      "publishDiagnostics\",\"params\":{\"uri\":%s,"
		      "\"version\":%lld,\"diagnostics\":",
		      od->uri_json, (long long)document_version(od->doc));
	strbuf_printf(&s->out, "Content-Length: %zu\r\n\r\n",
		      b.len + s->scratch.len + 2);
	strbuf_append(&s->out, b.s, b.len);
	strbuf_append(&s->out, s->scratch.s, s->scratch.len);
	strbuf_puts(&s->out, "}}");
	strbuf_finish(&b);
}

static void on_exact_timer(uv_timer_t *t);

/* Tells od's folder that its text is ready for the project, when a solve
 * left it out for not being exact and now it is. */
static void
release_held(struct open_doc *od)
{
	if (!od->held || document_approximate(od->doc))
		return;
	od->held = false;
	folder_document_ready(od->root->f, od->rel);
}

/* Brings the document's own findings up to date with its text (the
 * fast path: no project, no index, the chunks an edit did not touch
 * taken as they are); when they may differ from the whole file's, the
 * exact analysis is due a moment after typing stops. */
static void
analyse(struct server *s, struct open_doc *od)
{
	document_analyse_fast(od->doc, folder_engine(od->root->f, od->rel),
			      s->parser, NULL);
	if (document_approximate(od->doc) && s->exact_timer != NULL)
		uv_timer_start(s->exact_timer, on_exact_timer,
			       SERVER_EXACT_DELAY_MS, 0);
	release_held(od);
}

/* The same, exact: the findings of the whole-file pipeline. */
static void
analyse_exact(struct server *s, struct open_doc *od)
{
	document_analyse(od->doc, folder_engine(od->root->f, od->rel),
			 s->parser, NULL);
	release_held(od);
}

/* Moves the extras with an edit of the bytes [a, b) into len bytes; an
 * extra the edit touches goes (the next solve says what it became). */
static void
shift_extras(struct open_doc *od, uint32_t a, uint32_t b, const char *text,
	     uint32_t len)
{
	struct sf_diag_list *l = &od->extras;
	if (l->items.n == 0)
		return;
	int64_t delta = (int64_t)len - (int64_t)(b - a);
	int64_t rows = 0;
	uint32_t dlen;
	const char *old = document_text(od->doc, &dlen);
	for (uint32_t i = a; i < b && i < dlen; i++)
		rows -= old[i] == '\n';
	for (uint32_t i = 0; i < len; i++)
		rows += text[i] == '\n';
	uint32_t n = 0;
	for (uint32_t i = 0; i < l->items.n; i++) {
		struct sf_diagnostic *d = &l->items.v[i];
		if (d->span.end <= a) {
			l->items.v[n++] = *d;
		} else if (d->span.start >= b) {
			d->span.start = (uint32_t)(d->span.start + delta);
			d->span.end = (uint32_t)(d->span.end + delta);
			d->span.start_row =
				(uint32_t)(d->span.start_row + rows);
			d->span.end_row = (uint32_t)(d->span.end_row + rows);
			l->items.v[n++] = *d;
		} else {
			diag_finish(d);
		}
	}
	l->items.n = n;
}

/* --- documents
 * ----------------------------------------------------------------- */

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
	if (od->job != NULL) {
		od->job->od = NULL; /* its result goes */
		atomic_store(&od->job->cancel, true);
	}
	document_destroy(od->doc);
	diag_list_finish(&od->extras);
	VEC_FREE(od->shown_as);
	cache_free(od);
	free(od->rel);
	free(od->uri_json);
	free(od->uri);
	free(od);
}

/* Makes od's document for its text in root rt: its path there, its
 * language (none when the configuration leaves it out) and flags. The
 * project is told. */
static void
place_doc(struct server *s, struct open_doc *od, struct root *rt,
	  const char *abs, const char *language_id, const char *text,
	  uint32_t len, int64_t version)
{
	const char *rel = abs ? folder_relative(rt->f, abs) : od->uri;
	free(od->rel);
	od->rel = xstrdup(rel);
	od->root = rt;
	const struct sf_language *lang = language_of(od->rel, language_id);
	if (abs != NULL && !folder_wants(rt->f, od->rel))
		lang = NULL; /* excluded: kept in sync, not analysed */
	document_destroy(od->doc);
	od->doc = document_create(lang, od->rel, folder_flags(rt->f, od->rel),
				  text, len);
	document_set_version(od->doc, version);
	diag_list_finish(&od->extras);
	diag_list_init(&od->extras);
	od->gen++;
	od->pending = true;
	od->waiting = false;
	(void)s;
	folder_document_changed(rt->f, od->rel);
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
	struct open_doc *od = find_doc(s, uri);
	if (od != NULL) {
		/* Opened again without a close: the old state goes. */
		folder_document_closed(od->root->f, od->rel);
		strmap_put(&s->docs, uri, NULL);
		drop_doc(od);
	}
	od = xcalloc(1, sizeof *od);
	od->uri = xstrdup(uri);
	json_object *u = json_object_new_string(uri);
	const char *uj = json_object_to_json_string_ext(
		u, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	/* Valid UTF-8, as publish frames it without a check. */
	od->uri_json = utf8_valid(uj, strlen(uj))
			       ? xstrdup(uj)
			       : utf8_sanitize(uj, strlen(uj), NULL);
	json_object_put(u);
	diag_list_init(&od->extras);
	char *abs = uri_path(uri);
	place_doc(s, od, root_for(s, abs), abs,
		  json_object_is_type(lid, json_type_string)
			  ? json_object_get_string(lid)
			  : NULL,
		  json_object_get_string(text),
		  (uint32_t)json_object_get_string_len(text),
		  json_object_is_type(ver, json_type_int)
			  ? json_object_get_int64(ver)
			  : 0);
	free(abs);
	strmap_put(&s->docs, uri, od);
}

/* Replaces the bytes [a, b) of od's text by len bytes, moving the extras
 * with them. Returns 0, or -1 with *why. */
static int
edit_bytes(struct open_doc *od, uint32_t a, uint32_t b, const char *text,
	   uint32_t len, const char **why)
{
	uint32_t n;
	document_text(od->doc, &n);
	if ((uint64_t)n - (b - a) + len > DOCUMENT_MAX_SIZE) {
		*why = "the document would outgrow the size limit";
		return -1;
	}
	shift_extras(od, a, b, text, len);
	return document_edit_bytes(od->doc, a, b, text, len, why);
}

/* Full-text sync (ALE, YouCompleteMe send the whole text on every
 * change): only the part that differs is edited, so the document keeps
 * its chunks and the extras their places. */
static int
replace_text(struct open_doc *od, const char *t, uint32_t tl, const char **why)
{
	uint32_t n;
	const char *old = document_text(od->doc, &n);
	uint32_t p = 0;
	while (p < n && p < tl && old[p] == t[p])
		p++;
	uint32_t q = 0;
	while (q < n - p && q < tl - p && old[n - 1 - q] == t[tl - 1 - q])
		q++;
	return edit_bytes(od, p, n - q, t + p, tl - p - q, why);
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
		slog(s, FOLDER_LOG_WARNING,
		     "%s: dropped a stale change (version %lld, have %lld)",
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
		struct lsp_range rg;
		const char *why = NULL;
		int rc;
		if (range == NULL) {
			rc = replace_text(od, t, tl, &why);
		} else if ((rc = lsp_read_range(range, &rg, &why)) == 0) {
			uint32_t a = document_offset(
				od->doc, s->enc,
				(struct document_position){rg.start.line,
							   rg.start.character});
			uint32_t b = document_offset(
				od->doc, s->enc,
				(struct document_position){rg.end.line,
							   rg.end.character});
			if (a > b) {
				why = "the range ends before it starts";
				rc = -1;
			} else {
				rc = edit_bytes(od, a, b, t, tl, &why);
			}
		}
		if (rc < 0) {
			fail(r, JSONRPC_INVALID_PARAMS,
			     "params.contentChanges[%zu]%s: %s", i,
			     range ? ".range" : "", why);
			break;
		}
	}
	/* A change that could not be applied leaves the version where it
	 * was, so the failure shows in stackfit/documentText. */
	if (versioned && r->code == 0)
		document_set_version(od->doc, v);
	od->gen++;
	od->pending = true;
	if (od->job != NULL) /* its parse is of a text gone */
		atomic_store(&od->job->cancel, true);
	folder_document_changed(od->root->f, od->rel);
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
	/* strmap keeps the key with a NULL value; lookups treat it as gone. */
	strmap_put(&s->docs, uri, NULL);
	/* The editor's unsaved text is gone: the file on disk is what the
	 * project should hold again. */
	folder_document_closed(od->root->f, od->rel);
	drop_doc(od);
}

static void
on_did_save(struct server *s, struct request *r)
{
	struct open_doc *od = want_doc(s, r);
	(void)s;
	if (od == NULL)
		return;
	/* Typing works chunk by chunk; a save parses the whole text once,
	 * so an edit that made a statement run on into the next chunk is
	 * seen whole. */
	document_resync(od->doc);
	od->pending = true;
}

/* Analyses the documents changed since the last call and pushes their
 * diagnostics (push clients; pull clients ask). */
static void
analyse_pending(struct server *s)
{
	EACH_DOC(s, od)
	{
		if (!od->pending)
			continue;
		od->pending = false;
		analyse(s, od);
		if (!s->pull)
			publish(s, od, false, false);
	}
}

/* Delivers od's findings as the client takes them: published to a push
 * client; for a pull client, whether they differ from what it last pulled
 * (then it is to be asked to pull again, see ask_refresh). */
static bool
deliver(struct server *s, struct open_doc *od)
{
	if (s->pull)
		return render(s, od) != od->pulled;
	publish(s, od, false, true);
	return false;
}

/* Asks a pull client that supports it to pull again. */
static void
ask_refresh(struct server *s, bool refresh)
{
	if (refresh && s->refresh)
		request(s, OUT_REFRESH, NULL, "workspace/diagnostic/refresh",
			NULL);
}

static void take_results(struct server *s, struct open_doc *od,
			 const struct sf_project *pj);

/* Takes the last solve's results for od once its findings are exact,
 * when they were left for then (host_solved) and are still its text's. */
static void
take_due(struct server *s, struct open_doc *od)
{
	const struct sf_project *pj = folder_project(od->root->f);
	if (!od->waiting || od->handed != od->gen || pj == NULL ||
	    !folder_solved(od->root->f) || document_approximate(od->doc))
		return;
	od->waiting = false;
	take_results(s, od, pj);
}

/* Analyses whole, at once, the documents whose findings came from a
 * keystroke's analysis that may differ from the whole file's; publishes
 * those whose diagnostics changed, or asks pull clients to pull again. */
static void
make_exact(struct server *s)
{
	bool refresh = false;
	EACH_DOC(s, od)
	{
		if (!document_approximate(od->doc))
			continue;
		analyse_exact(s, od);
		take_due(s, od);
		refresh |= deliver(s, od);
	}
	ask_refresh(s, refresh);
}

static void start_exact(struct server *s, struct open_doc *od);

static void
exact_apart(void *arg)
{
	struct exact_job *j = arg;
	struct sf_parser *p = parser_create();
	document_parse_whole(j->copy, p, &j->cancel);
	parser_destroy(p);
}

/* The whole text's parse runs apart (daemon/apart.h), and its memory,
 * taken or dropped, goes back to the system when it ends. */
static void
exact_work(uv_work_t *w)
{
	apart_run(exact_apart, w->data);
}

/* Back on the loop: the parse is taken when the document still holds the
 * text parsed; the findings it changed are delivered. */
static void
exact_done(uv_work_t *w, int status)
{
	(void)status;
	struct exact_job *j = w->data;
	struct server *s = j->s;
	struct open_doc *od = j->od;
	s->jobs--;
	if (od != NULL)
		od->job = NULL;
	bool live = od != NULL &&
		    (s->state == ST_RUNNING || s->state == ST_SHUT_DOWN);
	if (!live) {
		document_destroy(j->copy);
	} else if (document_take_parse(od->doc, j->copy,
				       folder_engine(od->root->f, od->rel),
				       NULL)) {
		release_held(od);
		take_due(s, od);
		ask_refresh(s, deliver(s, od));
		flush(s);
	} else if (document_approximate(od->doc) && s->exact_timer != NULL &&
		   !uv_is_active((uv_handle_t *)s->exact_timer)) {
		/* Typed during the parse, and the pause that followed came
		 * while it ran: the text now is parsed. */
		start_exact(s, od);
	}
	free(j);
	/* The copy's memory, freed here, goes back to the system too. */
	xalloc_release_free();
}

/* Starts od's exact analysis on the worker pool, unless one is under way
 * (when it ends, the text then is analysed) or its findings are exact. */
static void
start_exact(struct server *s, struct open_doc *od)
{
	if (od->job != NULL || !document_approximate(od->doc))
		return;
	struct exact_job *j = xcalloc(1, sizeof *j);
	j->s = s;
	j->od = od;
	j->copy = document_copy(od->doc);
	atomic_init(&j->cancel, false);
	j->work.data = j;
	od->job = j;
	s->jobs++;
	uv_queue_work(s->loop, &j->work, exact_work, exact_done);
}

static void
on_exact_timer(uv_timer_t *t)
{
	struct server *s = t->data;
	if (s->state != ST_RUNNING && s->state != ST_SHUT_DOWN)
		return;
	EACH_DOC(s, od)
	start_exact(s, od);
}

/* --- the folders' solves
 * ------------------------------------------------------ */

static bool
same_finding(const struct sf_diagnostic *a, const struct sf_diagnostic *b)
{
	return diag_compare(a, b) == 0 && a->span.end == b->span.end &&
	       a->severity == b->severity &&
	       strcmp(a->help ? a->help : "", b->help ? b->help : "") == 0;
}

/* Sets od's extras to the project's findings p (n of them, sorted) that
 * are not the document's own. Returns false when the document has one
 * the project does not: the two analyses of the text disagree. */
static bool
take_extras(struct open_doc *od, const struct sf_diagnostic *p, uint32_t n)
{
	const struct sf_diag_list *own = document_diagnostics(od->doc);
	struct sf_diag_list extras;
	diag_list_init(&extras);
	bool agree = true;
	uint32_t i = 0;
	for (uint32_t j = 0; j < n; j++) {
		/* The editor shows syntax errors itself; the document's own
		 * analysis makes none, so the project's would come and go
		 * with each solve. */
		if (strcmp(p[j].rule_id, ENGINE_SYNTAX_RULE) == 0)
			continue;
		while (i < own->items.n &&
		       diag_compare(&own->items.v[i], &p[j]) < 0) {
			agree = false;
			i++;
		}
		if (i < own->items.n && same_finding(&own->items.v[i], &p[j])) {
			i++;
			continue;
		}
		struct sf_diag_list one = {0};
		one.items.v = (struct sf_diagnostic *)&p[j];
		one.items.n = 1;
		diag_list_copy(&extras, &one);
	}
	if (i < own->items.n)
		agree = false;
	diag_list_finish(&od->extras);
	od->extras = extras;
	return agree;
}

/* Takes the solve's results for od: its own findings again with the
 * solved index (functions other files register as callbacks), and the
 * others as extras. */
static void
take_results(struct server *s, struct open_doc *od, const struct sf_project *pj)
{
	const struct sf_index *ix = project_index(pj);
	const struct sf_engine *e = folder_engine(od->root->f, od->rel);
	if (index_needs_recheck(ix, od->rel))
		document_invalidate(od->doc);
	document_analyse(od->doc, e, s->parser, ix);
	uint32_t n;
	const struct sf_diagnostic *p = project_file_findings(pj, od->rel, &n);
	if (take_extras(od, p, n))
		return;
	/* The chunks went wrong somewhere: the whole text, parsed again,
	 * is what the project analysed. */
	slog(s, FOLDER_LOG_INFO,
	     "%s: the incremental analysis differs from the whole file's: "
	     "parsing it again",
	     od->rel);
	document_resync(od->doc);
	document_analyse(od->doc, e, s->parser, ix);
	if (!take_extras(od, p, n))
		slog(s, FOLDER_LOG_WARNING,
		     "%s: the document's findings differ from the project's",
		     od->rel);
}

/* The open document of folder f at rel, or NULL. */
static struct open_doc *
doc_at(struct server *s, const struct folder *f, const char *rel)
{
	EACH_DOC(s, od)
	{
		if (od->root->f == f && strcmp(od->rel, rel) == 0)
			return od;
	}
	return NULL;
}

static bool
listed(const char *const *v, uint32_t n, const char *path)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int k = strcmp(v[mid], path);
		if (k == 0)
			return true;
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Answers the stackfit/settle requests once every folder has solved what
 * it was given. */
static void
check_settled(struct server *s)
{
	if (s->settles.n == 0)
		return;
	for (uint32_t i = 0; i < s->roots.n; i++)
		if (!folder_settled(s->roots.v[i]->f))
			return;
	if (s->loose != NULL && !folder_settled(s->loose->f))
		return;
	for (uint32_t i = 0; i < s->settles.n; i++) {
		emit(s, jsonrpc_response(s->settles.v[i], NULL));
		json_object_put(s->settles.v[i]);
	}
	s->settles.n = 0;
}

static void
host_log(void *ctx, enum folder_log type, const char *line)
{
	log_line(ctx, type, line);
	flush(ctx);
}

static void
host_config_error(void *ctx, struct folder *f, const char *cause)
{
	struct server *s = ctx;
	(void)f;
	if (s->state == ST_FINISHED)
		return;
	json_object *p = json_object_new_object();
	json_object_object_add(p, "type", json_object_new_int(1));
	char *m = xasprintf("stackfit: %s (using the defaults)", cause);
	json_object_object_add(p, "message", json_object_new_string(m));
	free(m);
	notify(s, "window/showMessage", p);
}

static const char *
host_open_text(void *ctx, struct folder *f, const char *rel, uint32_t *len,
	       bool hand)
{
	struct server *s = ctx;
	EACH_DOC(s, od)
	{
		if (od->root->f != f || strcmp(od->rel, rel) != 0)
			continue;
		if (hand) {
			od->handed = od->gen;
			od->waiting = true;
		}
		return document_text(od->doc, len);
	}
	return NULL;
}

/* A document is handed to the project once its findings are exact. The
 * solve of an approximate one would parse its whole text while its exact
 * analysis parses it too, on another worker, at the same pause in typing
 * (two whole parses at once: the peak of item 16 of tests/HARDENING.md),
 * and its results would wait for the exact analysis anyway (take_due).
 * So the exact analysis goes first (now, unless its timer is about to
 * start it), and the solve follows it (release_held). */
static bool
host_ready(void *ctx, struct folder *f, const char *rel)
{
	struct server *s = ctx;
	struct open_doc *od = doc_at(s, f, rel);
	if (od == NULL || !document_approximate(od->doc))
		return true;
	od->held = true;
	if (s->exact_timer != NULL &&
	    !uv_is_active((uv_handle_t *)s->exact_timer))
		start_exact(s, od);
	return false;
}

static void
host_solved(void *ctx, struct folder *f)
{
	struct server *s = ctx;
	const struct sf_project *pj = folder_project(f);
	uint32_t nc;
	const char *const *changes = project_changes(pj, &nc);
	bool refresh = false;
	EACH_DOC(s, od)
	{
		if (od->root->f != f || od->handed != od->gen)
			continue; /* changed since: the next solve says */
		if (!od->waiting && !listed(changes, nc, od->rel))
			continue;
		od->waiting = true;
		if (document_approximate(od->doc)) {
			/* Taken once exact (take_due); not typed in since
			 * it was handed, so that may start now. */
			start_exact(s, od);
			continue;
		}
		take_due(s, od);
		refresh |= deliver(s, od);
	}
	ask_refresh(s, refresh);
	check_settled(s);
	flush(s);
}

static void
host_reconfigured(void *ctx, struct folder *f)
{
	struct server *s = ctx;
	/* The documents' language (include, exclude), flags and settings
	 * may have changed: each is made again from its text. */
	EACH_DOC(s, od)
	{
		if (od->root->f != f)
			continue;
		uint32_t len;
		const char *t = document_text(od->doc, &len);
		char *text = xstrndup(t, len);
		char *abs =
			od->rel[0] == '/' || folder_root(f) == NULL
				? NULL
				: xasprintf("%s/%s", folder_root(f), od->rel);
		const struct sf_language *was = document_language(od->doc);
		place_doc(s, od, od->root, abs ? abs : od->rel,
			  was ? was->name : NULL, text, len,
			  document_version(od->doc));
		free(abs);
		free(text);
	}
}

static void
progress(struct server *s, struct root *rt, const char *kind,
	 const char *message, int percent)
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
	json_object_object_add(p, "token", json_object_new_string(rt->token));
	json_object_object_add(p, "value", v);
	notify(s, "$/progress", p);
}

/* Sends what is due of rt's progress. */
static void
scan_progress(struct server *s, struct root *rt)
{
	if (!rt->progress_ready || rt->ended)
		return;
	if (!rt->begun) {
		rt->begun = true;
		progress(s, rt, "begin", "analysing the workspace", 0);
	}
	if (rt->finished) {
		char *m = xasprintf("%u file%s", rt->total,
				    rt->total == 1 ? "" : "s");
		progress(s, rt, "end", m, -1);
		free(m);
		rt->ended = true;
		return;
	}
	int pct = rt->total ? (int)(100.0 * rt->done / rt->total) : 0;
	if (pct != rt->last_percent) {
		rt->last_percent = pct;
		char *m = xasprintf("%u/%u files", rt->done, rt->total);
		progress(s, rt, "report", m, pct);
		free(m);
	}
}

static void
host_progress(void *ctx, struct folder *f, uint32_t done, uint32_t total,
	      bool end)
{
	struct server *s = ctx;
	struct root *rt = root_of(s, f);
	if (rt == NULL)
		return;
	rt->done = done;
	rt->total = total;
	rt->finished = end;
	scan_progress(s, rt);
	flush(s);
}

static const struct folder_host folder_host_of_server = {
	.log = host_log,
	.config_error = host_config_error,
	.open_text = host_open_text,
	.ready = host_ready,
	.solved = host_solved,
	.reconfigured = host_reconfigured,
	.progress = host_progress,
};

static struct root *
make_root(struct server *s, const char *path, const char *uri)
{
	struct root *rt = xcalloc(1, sizeof *rt);
	rt->last_percent = -1;
	struct folder_options o = {
		.scan = s->opts.scan && path != NULL,
		.watch = s->opts.watch && !s->watch_registration,
		.jobs = s->opts.scan_jobs,
		.solve_delay = s->opts.solve_delay,
		.unused = s->unused_option,
	};
	struct folder_host h = folder_host_of_server;
	h.ctx = s;
	rt->f = folder_create(s->loop, path, uri, &o, &h);
	return rt;
}

/* Asks for rt's progress token and starts it. */
static void
start_root(struct server *s, struct root *rt)
{
	if (s->progress && folder_root(rt->f) != NULL && s->opts.scan) {
		snprintf(rt->token, sizeof rt->token, SCAN_TOKEN "%u",
			 ++s->next_token);
		json_object *p = json_object_new_object();
		json_object_object_add(p, "token",
				       json_object_new_string(rt->token));
		request(s, OUT_PROGRESS_CREATE, rt,
			"window/workDoneProgress/create", p);
	}
	folder_start(rt->f);
}

/* --- lifecycle
 * ------------------------------------------------------------------ */

/* The canonical path of a folder URI, or NULL. Owned by the caller. */
static char *
folder_path(const char *uri)
{
	char *path = uri_path(uri);
	if (path == NULL)
		return NULL;
	char *real = realpath(path, NULL);
	if (real != NULL) {
		/* realpath's memory comes from malloc, like ours. */
		free(path);
		path = real;
	}
	return path;
}

static void
add_root(struct server *s, const char *uri, const char *path)
{
	char *p = path ? xstrdup(path) : folder_path(uri);
	if (p == NULL)
		return;
	for (uint32_t i = 0; i < s->roots.n; i++)
		if (strcmp(folder_root(s->roots.v[i]->f), p) == 0) {
			free(p);
			return; /* named twice */
		}
	*VEC_PUSH(s->roots) = make_root(s, p, uri);
	free(p);
}

/* Every workspace folder the client names, else its root. */
static void
set_roots(struct server *s, json_object *params)
{
	json_object *folders = member(params, "workspaceFolders");
	size_t n = json_object_is_type(folders, json_type_array)
			   ? json_object_array_length(folders)
			   : 0;
	for (size_t i = 0; i < n; i++) {
		json_object *u =
			member(json_object_array_get_idx(folders, i), "uri");
		if (json_object_is_type(u, json_type_string))
			add_root(s, json_object_get_string(u), NULL);
	}
	if (s->roots.n > 0)
		return;
	json_object *ru = member(params, "rootUri");
	if (json_object_is_type(ru, json_type_string)) {
		add_root(s, json_object_get_string(ru), NULL);
		return;
	}
	json_object *rp = member(params, "rootPath");
	if (json_object_is_type(rp, json_type_string) &&
	    json_object_get_string(rp)[0] == '/') {
		char *uri = lsp_path_to_uri(json_object_get_string(rp));
		add_root(s, uri, NULL);
		free(uri);
	}
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
	json_object_array_add(kinds, json_object_new_string(FIX_ALL_KIND));
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
	json_object *wf = json_object_new_object();
	json_object_object_add(wf, "supported", json_object_new_boolean(1));
	json_object_object_add(wf, "changeNotifications",
			       json_object_new_boolean(1));
	json_object *ws = json_object_new_object();
	json_object_object_add(ws, "workspaceFolders", wf);
	json_object_object_add(c, "workspace", ws);
	return c;
}

/* Settings the client gives at initialize (initializationOptions) or
 * later (workspace/didChangeConfiguration's settings.stackfit). */
static void
apply_settings(struct server *s, json_object *o)
{
	json_object *url = member(o, "ruleDocsUrl");
	if (json_object_is_type(url, json_type_string) &&
	    json_object_get_string_len(url) < LSP_MAX_URI) {
		free(s->docs_url);
		s->docs_url = json_object_get_string_len(url) > 0
				      ? xstrdup(json_object_get_string(url))
				      : NULL;
		/* Every diagnostic's JSON holds the link. */
		EACH_DOC(s, od)
		cache_free(od);
	}
	json_object *unused = member(o, "reportUnusedIgnores");
	if (json_object_is_type(unused, json_type_boolean))
		s->unused_option = json_object_get_boolean(unused);
	else if (json_object_is_type(unused, json_type_null))
		s->unused_option = -1;
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
	apply_settings(s, member(p, "initializationOptions"));
	s->state = ST_RUNNING;
	set_roots(s, p);
	s->loose = make_root(s, NULL, NULL);
	json_object *res = json_object_new_object();
	json_object_object_add(res, "capabilities", capabilities(s));
	json_object *info = json_object_new_object();
	json_object_object_add(info, "name",
			       json_object_new_string("stackfit"));
	json_object_object_add(info, "version",
			       json_object_new_string(STACKFIT_VERSION));
	json_object_object_add(res, "serverInfo", info);
	r->result = res;
	struct strbuf roots;
	strbuf_init(&roots);
	for (uint32_t i = 0; i < s->roots.n; i++)
		strbuf_printf(&roots, "%s%s", i ? ", " : "",
			      folder_root(s->roots.v[i]->f));
	slog(s, FOLDER_LOG_INFO,
	     "initialized: %s %s, %s positions, %s diagnostics",
	     s->roots.n == 1 ? "root" : "roots",
	     s->roots.n ? strbuf_str(&roots) : "(none)",
	     s->enc == DOCUMENT_UTF8 ? "utf-8" : "utf-16",
	     s->pull ? "pull" : "push");
	strbuf_finish(&roots);
}

/* The glob of the files that matter to the analysis, for the client's
 * file watching: sources of every language, configurations, manifests. */
static json_object *
watchers(void)
{
	struct strbuf src, other;
	strbuf_init(&src);
	strbuf_init(&other);
	strbuf_puts(&other, "**/{.stackfit.json,pyproject.toml");
	for (int id = 0; id < SF_LANG_COUNT; id++) {
		const struct sf_language *l = language_get(id);
		for (const char *const *e = l->extensions; *e; e++)
			strbuf_printf(&src, "%s%s", src.len ? "," : "", *e + 1);
		for (const char *const *m = l->family->manifests; m && *m; m++)
			if (strstr(strbuf_str(&other), *m) == NULL)
				strbuf_printf(&other, ",%s", *m);
	}
	strbuf_puts(&other, "}");
	json_object *arr = json_object_new_array();
	const char *globs[] = {NULL, strbuf_str(&other)};
	char *first = xasprintf("**/*.{%s}", strbuf_str(&src));
	globs[0] = first;
	for (size_t i = 0; i < 2; i++) {
		json_object *w = json_object_new_object();
		json_object_object_add(w, "globPattern",
				       json_object_new_string(globs[i]));
		json_object_array_add(arr, w);
	}
	free(first);
	strbuf_finish(&src);
	strbuf_finish(&other);
	return arr;
}

static void
on_initialized(struct server *s, struct request *r)
{
	(void)r;
	if (s->watch_registration && s->roots.n > 0) {
		json_object *opts = json_object_new_object();
		json_object_object_add(opts, "watchers", watchers());
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
		request(s, OUT_REGISTER, NULL, "client/registerCapability", p);
	}
	for (uint32_t i = 0; i < s->roots.n; i++)
		start_root(s, s->roots.v[i]);
	start_root(s, s->loose);
}

static void
free_handle(uv_handle_t *h)
{
	free(h);
}

/* Stops every folder's work and the exact analyses' timer: nothing more
 * is analysed or published. */
static void
stop_all(struct server *s)
{
	if (s->exact_timer != NULL) {
		uv_close((uv_handle_t *)s->exact_timer, free_handle);
		s->exact_timer = NULL;
	}
	for (uint32_t i = 0; i < s->roots.n; i++)
		folder_stop(s->roots.v[i]->f);
	if (s->loose != NULL)
		folder_stop(s->loose->f);
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
	stop_all(s);
}

/* --- the workspace
 * ---------------------------------------------------------------- */

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
		json_object *uri = member(c, "uri");
		if (!json_object_is_type(uri, json_type_string))
			continue;
		char *abs = uri_path(json_object_get_string(uri));
		struct root *rt = abs ? root_for(s, abs) : NULL;
		if (rt != NULL && rt != s->loose)
			folder_file_changed(rt->f, folder_relative(rt->f, abs));
		free(abs);
	}
}

/* Moves every open document of a folder that changed to the root that
 * now holds it (a folder added or removed): the old folder's project
 * forgets it, the new one's is given its text. */
static void
replace_docs(struct server *s)
{
	EACH_DOC(s, od)
	{
		char *abs = uri_path(od->uri);
		struct root *rt = root_for(s, abs);
		if (rt != od->root) {
			uint32_t len;
			const char *t = document_text(od->doc, &len);
			char *text = xstrndup(t, len);
			const struct sf_language *was =
				document_language(od->doc);
			folder_document_closed(od->root->f, od->rel);
			place_doc(s, od, rt, abs, was ? was->name : NULL, text,
				  len, document_version(od->doc));
			free(text);
		}
		free(abs);
	}
}

/* workspace/didChangeWorkspaceFolders: each folder added gets its
 * project (scanned, watched, solved as the first ones); each removed one
 * stops, and its open documents go to the folder that holds them now. */
static void
on_workspace_folders(struct server *s, struct request *r)
{
	json_object *added = at(r->params, "event.added");
	json_object *removed = at(r->params, "event.removed");
	if (!json_object_is_type(added, json_type_array) ||
	    !json_object_is_type(removed, json_type_array)) {
		fail(r, JSONRPC_INVALID_PARAMS,
		     "params.event: expected added and removed arrays");
		return;
	}
	size_t n = json_object_array_length(removed);
	for (size_t i = 0; i < n; i++) {
		json_object *u =
			member(json_object_array_get_idx(removed, i), "uri");
		char *p = json_object_is_type(u, json_type_string)
				  ? folder_path(json_object_get_string(u))
				  : NULL;
		for (uint32_t k = 0; p != NULL && k < s->roots.n; k++) {
			struct root *rt = s->roots.v[k];
			if (strcmp(folder_root(rt->f), p) != 0)
				continue;
			s->roots.v[k] = s->roots.v[--s->roots.n];
			/* Its documents move first (they leave its
			 * project), then it stops. */
			replace_docs(s);
			if (rt->begun && !rt->ended)
				progress(s, rt, "end", "removed", -1);
			for (uint32_t o = 0; o < s->outgoing.n; o++)
				if (s->outgoing.v[o].root == rt)
					s->outgoing.v[o].root = NULL;
			folder_stop(rt->f);
			*VEC_PUSH(s->retired) = rt->f;
			free(rt);
			slog(s, FOLDER_LOG_INFO, "workspace folder removed: %s",
			     p);
			break;
		}
		free(p);
	}
	uint32_t first = s->roots.n;
	n = json_object_array_length(added);
	for (size_t i = 0; i < n; i++) {
		json_object *u =
			member(json_object_array_get_idx(added, i), "uri");
		if (json_object_is_type(u, json_type_string))
			add_root(s, json_object_get_string(u), NULL);
	}
	for (uint32_t k = first; k < s->roots.n; k++) {
		slog(s, FOLDER_LOG_INFO, "workspace folder added: %s",
		     folder_root(s->roots.v[k]->f));
		start_root(s, s->roots.v[k]);
	}
	if (s->roots.n > first)
		replace_docs(s);
}

static void
on_did_change_configuration(struct server *s, struct request *r)
{
	apply_settings(s, at(r->params, "settings.stackfit"));
	for (uint32_t i = 0; i < s->roots.n; i++) {
		folder_set_unused(s->roots.v[i]->f, s->unused_option);
		folder_reconfigure(s->roots.v[i]->f);
	}
	folder_set_unused(s->loose->f, s->unused_option);
	EACH_DOC(s, od)
	od->pending = true;
}

/* --- diagnostics (pull), code actions, hover
 * -------------------------------------- */

static void
on_document_diagnostic(struct server *s, struct request *r)
{
	struct open_doc *od = want_doc(s, r);
	if (r->code != 0)
		return;
	if (od == NULL) {
		r->raw = xstrdup("{\"kind\":\"full\",\"items\":[]}");
		return;
	}
	/* A client that cannot be asked to pull again gets the exact
	 * findings now; one that can gets them at once and is asked again
	 * if the exact analysis finds otherwise. */
	if (s->refresh) {
		analyse(s, od);
	} else {
		analyse_exact(s, od);
		take_due(s, od);
	}
	uint64_t h = render(s, od);
	od->pulled = h;
	char id[24];
	snprintf(id, sizeof id, "%016llx", (unsigned long long)h);
	json_object *prev = member(r->params, "previousResultId");
	if (json_object_is_type(prev, json_type_string) &&
	    strcmp(json_object_get_string(prev), id) == 0) {
		r->raw = xasprintf(
			"{\"kind\":\"unchanged\",\"resultId\":\"%s\"}", id);
		return;
	}
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(&b,
		      "{\"kind\":\"full\",\"resultId\":\"%s\",\"items\":", id);
	strbuf_append(&b, s->scratch.s, s->scratch.len);
	strbuf_putc(&b, '}');
	r->raw = strbuf_detach(&b);
}

/* Does the action kind filter `only` admit actions of kind? A kind
 * admits itself and the kinds under it ("source" admits
 * "source.fixAll.stackfit"). Without a filter, quick fixes only: source
 * actions are given when asked for. */
static bool
wants_kind(json_object *only, const char *kind)
{
	if (!json_object_is_type(only, json_type_array))
		return strcmp(kind, "quickfix") == 0;
	size_t n = json_object_array_length(only);
	for (size_t i = 0; i < n; i++) {
		json_object *k = json_object_array_get_idx(only, i);
		if (!json_object_is_type(k, json_type_string))
			continue;
		const char *o = json_object_get_string(k);
		size_t on = strlen(o);
		if (on == 0 || (strncmp(kind, o, on) == 0 &&
				(kind[on] == '\0' || kind[on] == '.')))
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
	json_object_object_add(
		a, "kind",
		json_object_new_string(diag ? "quickfix" : FIX_ALL_KIND));
	if (diag != NULL) {
		json_object *ds = json_object_new_array();
		json_object_array_add(ds, diag);
		json_object_object_add(a, "diagnostics", ds);
	}
	if (preferred)
		json_object_object_add(a, "isPreferred",
				       json_object_new_boolean(1));
	json_object_object_add(a, "edit",
			       lsp_workspace_edit(od->uri,
						  document_version(od->doc),
						  edits, s->document_changes));
	return a;
}

/* Does the n bytes at t hold needle? */
static bool
holds(const char *t, uint32_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (uint32_t i = 0; i + k <= n; i++)
		if (memcmp(t + i, needle, k) == 0)
			return true;
	return false;
}

/* The edit that suppresses every finding of the file: a
 * `stackfit: ignore-file` comment line at its top, after a `#!` line and
 * a Python encoding declaration (which must stay first); NULL when the
 * file has one. */
static json_object *
suppress_file_edit(struct server *s, const struct sf_document *doc)
{
	uint32_t len;
	const char *text = document_text(doc, &len);
	if (holds(text, len, "stackfit: ignore-file"))
		return NULL;
	uint32_t line = 0, at = 0;
	while (at < len && line < 2) {
		const char *nl = memchr(text + at, '\n', len - at);
		uint32_t end = nl ? (uint32_t)(nl - text) : len;
		bool shebang = line == 0 && end - at >= 2 &&
			       memcmp(text + at, "#!", 2) == 0;
		bool coding = text[at] == '#' &&
			      (holds(text + at, end - at, "coding:") ||
			       holds(text + at, end - at, "coding="));
		if (!shebang && !coding)
			break;
		line++;
		at = nl ? end + 1 : len;
	}
	const struct sf_language *lang = document_language(doc);
	char *add = xasprintf("%s stackfit: ignore-file\n",
			      lang ? lang->comment : "//");
	struct document_position q = document_position(doc, s->enc, at);
	struct lsp_position lp = {q.line, q.character};
	json_object *e = lsp_text_edit((struct lsp_range){lp, lp}, add);
	free(add);
	return e;
}

/* The source.fixAll.stackfit action: every finding's mechanical fix that
 * no earlier one overlaps, as one edit of the file; NULL when there is
 * none. */
static json_object *
fix_all_action(struct server *s, struct open_doc *od, const struct view *v)
{
	VEC(const struct sf_edit *) taken = {0};
	for (uint32_t i = 0; i < v->v.n; i++) {
		const struct sf_fix *fx = v->v.v[i]->fix;
		if (fx == NULL || fx->edits.n == 0)
			continue;
		bool clash = false;
		for (uint32_t k = 0; k < fx->edits.n && !clash; k++)
			for (uint32_t t = 0; t < taken.n && !clash; t++) {
				const struct sf_span *a = &fx->edits.v[k].span,
						     *b = &taken.v[t]->span;
				clash = a->start < b->end && b->start < a->end;
				clash |= a->start == b->start; /* two inserts */
			}
		if (clash)
			continue;
		for (uint32_t k = 0; k < fx->edits.n; k++)
			*VEC_PUSH(taken) = &fx->edits.v[k];
	}
	if (taken.n == 0) {
		VEC_FREE(taken);
		return NULL;
	}
	json_object *edits = json_object_new_array();
	for (uint32_t t = 0; t < taken.n; t++)
		json_object_array_add(
			edits,
			lsp_text_edit(span_range(s, od->doc, &taken.v[t]->span),
				      taken.v[t]->text));
	VEC_FREE(taken);
	return action(s, od, "Fix all stackfit findings", NULL, edits, false);
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
	json_object *only = at(r->params, "context.only");
	bool quickfix = wants_kind(only, "quickfix");
	if (od == NULL || (!quickfix && !wants_kind(only, FIX_ALL_KIND)))
		return;
	analyse(s, od);
	struct sf_document *doc = od->doc;
	struct view view = {0};
	make_view(od, &view);
	if (wants_kind(only, FIX_ALL_KIND)) {
		json_object *all = fix_all_action(s, od, &view);
		if (all != NULL)
			json_object_array_add(arr, all);
	}
	bool file_offered = false;
	/* Lines, not characters: a cursor anywhere on a flagged line gets
	 * its actions, as editors ask with the cursor position. */
	for (uint32_t i = 0; i < view.v.n; i++) {
		const struct sf_diagnostic *d = view.v.v[i];
		struct lsp_range dr = span_range(s, doc, &d->span);
		if (!quickfix || dr.end.line < rg.start.line ||
		    dr.start.line > rg.end.line)
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
			json_object_array_add(
				arr, action(s, od, d->fix->title,
					    diagnostic_json(s, od, d, dr),
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
						  diagnostic_json(s, od, d, dr),
						  edits, false));
		free(title);
		/* Once per request, with the first finding it covers. */
		json_object *file =
			file_offered ? NULL : suppress_file_edit(s, doc);
		if (file != NULL) {
			file_offered = true;
			json_object *fe = json_object_new_array();
			json_object_array_add(fe, file);
			json_object_array_add(
				arr, action(s, od,
					    "Suppress every stackfit finding "
					    "in this file",
					    diagnostic_json(s, od, d, dr), fe,
					    false));
		}
	}
	VEC_FREE(view.v);
}

/* One finding's hover: the message and its help, why it hurts and what
 * to write instead in a few lines, and the full documentation one link
 * away (the codeDescription link; `stackfit explain` without one). */
static void
hover_text(struct server *s, struct strbuf *t, const struct sf_diagnostic *d)
{
	char *brief = lsp_rule_brief(d->rule_doc, s->markdown);
	char *href =
		s->docs_url != NULL
			? lsp_rule_href(s->docs_url, d->rule_id, d->rule_name)
			: NULL;
	if (s->markdown)
		strbuf_printf(t, "**%s** `%s`: %s\n\n", d->rule_id,
			      d->rule_name, d->message);
	else
		strbuf_printf(t, "%s %s: %s\n\n", d->rule_id, d->rule_name,
			      d->message);
	if (d->help != NULL)
		strbuf_printf(t, "help: %s\n\n", d->help);
	if (brief[0] != '\0')
		strbuf_printf(t, "%s\n\n", brief);
	if (href != NULL && s->markdown)
		strbuf_printf(t, "[Full documentation of %s](%s)\n", d->rule_id,
			      href);
	else if (href != NULL)
		strbuf_printf(t, "Full documentation of %s: %s\n", d->rule_id,
			      href);
	else
		strbuf_printf(t,
			      s->markdown ? "`stackfit explain %s`: the full "
					    "documentation\n"
					  : "stackfit explain %s: the full "
					    "documentation\n",
			      d->rule_id);
	free(href);
	free(brief);
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
	analyse(s, od);
	uint32_t b = document_offset(
		od->doc, s->enc,
		(struct document_position){pos.line, pos.character});
	struct view view = {0};
	make_view(od, &view);
	struct strbuf t;
	strbuf_init(&t);
	const struct sf_diagnostic *first = NULL;
	for (uint32_t i = 0; i < view.v.n; i++) {
		const struct sf_diagnostic *d = view.v.v[i];
		if (b < d->span.start || b > d->span.end)
			continue;
		if (first == NULL)
			first = d;
		else
			strbuf_puts(&t, s->markdown ? "\n---\n\n" : "\n\n");
		hover_text(s, &t, d);
	}
	if (first == NULL) {
		strbuf_finish(&t);
		VEC_FREE(view.v);
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
	VEC_FREE(view.v);
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

/* stackfit/settle: answered (null) once every change the server was given
 * is solved, every document's findings are exact (made so at once) and
 * their diagnostics published, so that tests can tell the findings are
 * final. */
static void
on_settle(struct server *s, struct request *r)
{
	make_exact(s);
	*VEC_PUSH(s->settles) = json_object_get(r->id);
	r->deferred = true;
}

/* --- dispatch
 * --------------------------------------------------------------------- */

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
	{"workspace/didChangeWorkspaceFolders", false, on_workspace_folders},
	{"workspace/didChangeConfiguration", false,
	 on_did_change_configuration},
	{"textDocument/diagnostic", true, on_document_diagnostic},
	{"textDocument/codeAction", true, on_code_action},
	{"textDocument/hover", true, on_hover},
	{"stackfit/documentText", true, on_document_text},
	{"stackfit/settle", true, on_settle},
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
		struct outgoing o = s->outgoing.v[i];
		s->outgoing.v[i] = s->outgoing.v[--s->outgoing.n];
		if (m->error != NULL) {
			slog(s, FOLDER_LOG_WARNING,
			     "the client refused request %lld: %s",
			     (long long)id,
			     json_object_to_json_string(m->error));
			return;
		}
		if (o.kind == OUT_PROGRESS_CREATE && o.root != NULL) {
			o.root->progress_ready = true;
			scan_progress(s, o.root);
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
respond_raw(struct server *s, json_object *id, const char *raw)
{
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(
		&b, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":%s}",
		json_object_to_json_string_ext(id, JSON_C_TO_STRING_PLAIN),
		raw);
	jsonrpc_frame_text(&s->out, b.s, b.len);
	strbuf_finish(&b);
}

static void
dispatch(struct server *s, json_object *msg, json_object *cancels)
{
	struct jsonrpc_message m;
	const char *why;
	if (jsonrpc_parse_message(msg, &m, &why) < 0) {
		slog(s, FOLDER_LOG_WARNING, "invalid message: %s", why);
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
		} else if (r.deferred) {
			/* Answered later. */
		} else if (r.raw != NULL) {
			respond_raw(s, m.id, r.raw);
		} else {
			emit(s, jsonrpc_response(m.id, r.result));
		}
	} else if (r.code != 0) {
		slog(s, FOLDER_LOG_WARNING, "%s: %s", m.method, r.message);
	}
	free(r.raw);
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

/* Destroys the removed folders whose work is over. */
static void
sweep_retired(struct server *s)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < s->retired.n; i++) {
		if (folder_busy(s->retired.v[i]))
			s->retired.v[n++] = s->retired.v[i];
		else
			folder_destroy(s->retired.v[i]);
	}
	s->retired.n = n;
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
			slog(s, FOLDER_LOG_WARNING, "input: %s", b->error);
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
	sweep_retired(s);
	check_settled(s);
	flush(s);
}

void
server_hangup(struct server *s)
{
	if (s->state != ST_FINISHED) {
		s->exit_code = s->shutdown_received ? 0 : 1;
		s->state = ST_FINISHED;
	}
	stop_all(s);
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
	for (uint32_t i = 0; i < s->roots.n; i++)
		if (folder_busy(s->roots.v[i]->f))
			return true;
	for (uint32_t i = 0; i < s->retired.n; i++)
		if (folder_busy(s->retired.v[i]))
			return true;
	return s->jobs > 0 || (s->loose != NULL && folder_busy(s->loose->f));
}

/* The link template of the rule documents an installed stackfit ships
 * beside its binary, <folder of the binary>/../share/stackfit/rules/ID.md
 * (packaging/: the .deb, the npm package, `cmake --install`), as a file:
 * URL that opens offline; NULL when they are not there (a build tree). */
static char *
installed_docs(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	char *probe = xasprintf("%s/../share/stackfit/rules/JS101.md", exe);
	char *real = realpath(probe, NULL);
	free(probe);
	if (real == NULL)
		return NULL;
	*strrchr(real, '/') = '\0';
	char *uri = lsp_path_to_uri(real);
	free(real);
	char *t = uri ? xasprintf("%s/{id}.md", uri) : NULL;
	free(uri);
	if (t != NULL && strlen(t) >= LSP_MAX_URI) {
		free(t);
		t = NULL;
	}
	return t;
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
	s->parser = parser_create();
	s->unused_option = -1;
	const char *docs = getenv(LSP_RULE_DOCS_ENV);
	s->docs_url =
		docs != NULL && docs[0] != '\0' && strlen(docs) < LSP_MAX_URI
			? xstrdup(docs)
			: installed_docs();
	strbuf_init(&s->out);
	strbuf_init(&s->scratch);
	strmap_init(&s->docs);
	s->exact_timer = xmalloc(sizeof *s->exact_timer);
	uv_timer_init(loop, s->exact_timer);
	s->exact_timer->data = s;
	return s;
}

static void
root_destroy(struct root *rt)
{
	if (rt == NULL)
		return;
	folder_destroy(rt->f);
	free(rt);
}

void
server_destroy(struct server *s)
{
	if (s == NULL)
		return;
	EACH_DOC(s, od)
	drop_doc(od);
	strmap_finish(&s->docs);
	for (uint32_t i = 0; i < s->roots.n; i++)
		root_destroy(s->roots.v[i]);
	VEC_FREE(s->roots);
	root_destroy(s->loose);
	for (uint32_t i = 0; i < s->retired.n; i++)
		folder_destroy(s->retired.v[i]);
	VEC_FREE(s->retired);
	VEC_FREE(s->outgoing);
	for (uint32_t i = 0; i < s->settles.n; i++)
		json_object_put(s->settles.v[i]);
	VEC_FREE(s->settles);
	strbuf_finish(&s->out);
	strbuf_finish(&s->scratch);
	parser_destroy(s->parser);
	jsonrpc_reader_destroy(s->reader);
	free(s->docs_url);
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
	stop_all(io->server);
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
