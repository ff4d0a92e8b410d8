/*
 * Stateful libFuzzer target on the language server: the input is a program
 * of editing steps over three documents (JavaScript, TypeScript, Python) —
 * open, change (an insertion of a piece of code, brackets or quotes, or a
 * deletion, at a position the input chooses), close, save, pull, code
 * action, hover. After every step each open document's diagnostics, as a
 * pull answers them, must be exactly those of a fresh analysis of the same
 * text: the same server code opening it afresh in a second server. A
 * difference aborts (the text and both answers on stderr). Nothing on disk
 * is read: no workspace scan, no watches, and the loop is not run, so no
 * solve adds findings of other files.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <uv.h>

#include "server.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What a server wrote, kept until read. */
struct out {
	struct strbuf b;
};

static void
keep(void *user, const char *buf, size_t n)
{
	struct out *o = user;
	strbuf_append(&o->b, buf, n);
}

struct peer {
	uv_loop_t loop;
	struct server *s;
	struct out out;
	int64_t next_id;
};

static void
put(struct peer *p, json_object *msg)
{
	const char *t = json_object_to_json_string_ext(
		msg, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	char head[64];
	int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n",
			  strlen(t));
	server_feed(p->s, head, (size_t)hn);
	server_feed(p->s, t, strlen(t));
	json_object_put(msg);
}

static json_object *
message(const char *method, json_object *params, int64_t id)
{
	json_object *m = json_object_new_object();
	json_object_object_add(m, "jsonrpc", json_object_new_string("2.0"));
	if (id > 0)
		json_object_object_add(m, "id", json_object_new_int64(id));
	json_object_object_add(m, "method", json_object_new_string(method));
	json_object_object_add(m, "params", params);
	return m;
}

/* The result of the response to id among what the server wrote (owned by
 * the caller), or NULL. What was read is dropped. */
static json_object *
answer(struct peer *p, int64_t id)
{
	json_object *found = NULL;
	const char *s = p->out.b.s;
	size_t n = s ? p->out.b.len : 0, at = 0;
	while (at < n) {
		const char *h = strstr(s + at, "Content-Length: ");
		const char *body = h ? strstr(h, "\r\n\r\n") : NULL;
		if (body == NULL)
			break;
		size_t len = strtoul(h + 16, NULL, 10);
		body += 4;
		char *text = xstrndup(body, len);
		json_object *m = json_tokener_parse(text);
		free(text);
		at = (size_t)(body - s) + len;
		json_object *mid, *res;
		if (m != NULL && json_object_object_get_ex(m, "id", &mid) &&
		    json_object_get_int64(mid) == id &&
		    json_object_object_get_ex(m, "result", &res))
			found = json_object_get(res);
		json_object_put(m);
	}
	strbuf_reset(&p->out.b);
	return found;
}

static void
start(struct peer *p)
{
	uv_loop_init(&p->loop);
	strbuf_init(&p->out.b);
	struct server_options o = {.scan = false, .watch = false};
	p->s = server_create(&p->loop, &o, keep, &p->out);
	json_object *params = json_tokener_parse(
		"{\"processId\":null,\"rootUri\":null,\"capabilities\":"
		"{\"textDocument\":{\"diagnostic\":{}}}}");
	put(p, message("initialize", params, ++p->next_id));
	put(p, message("initialized", json_object_new_object(), 0));
	strbuf_reset(&p->out.b);
}

static void
stop(struct peer *p)
{
	server_hangup(p->s);
	uv_run(&p->loop, UV_RUN_DEFAULT);
	server_destroy(p->s);
	uv_loop_close(&p->loop);
	strbuf_finish(&p->out.b);
}

static json_object *
text_doc(const char *uri)
{
	json_object *td = json_object_new_object();
	json_object_object_add(td, "uri", json_object_new_string(uri));
	return td;
}

static json_object *
request(struct peer *p, const char *method, json_object *params)
{
	int64_t id = ++p->next_id;
	put(p, message(method, params, id));
	return answer(p, id);
}

/* The items of a pull of uri, as JSON text (owned by the caller). */
static char *
pull(struct peer *p, const char *uri)
{
	json_object *params = json_object_new_object();
	json_object_object_add(params, "textDocument", text_doc(uri));
	json_object *r = request(p, "textDocument/diagnostic", params);
	json_object *items = NULL;
	char *t = xstrdup(r && json_object_object_get_ex(r, "items", &items)
				  ? json_object_to_json_string_ext(
					    items, JSON_C_TO_STRING_PLAIN)
				  : "(no answer)");
	json_object_put(r);
	return t;
}

struct doc {
	const char *uri, *lang, *fresh_ext;
	const char *seed;
	bool open;
	int64_t version;
	struct strbuf text;
};

static const char *const pieces[] = {
	"(",
	")",
	"{",
	"}",
	"[",
	"'",
	"\"",
	"`",
	"/*",
	"*/",
	"\n",
	"\r",
	"\"\"\"",
	"#",
	"// stackfit: ignore\n",
	"# stackfit: ignore\n",
	"fs.readFileSync(f(g(",
	"time.sleep(1)\n",
	"const t = fs.readFileSync('x');\n",
	"async def h():\n    time.sleep(2)\n",
	"app.get('/', (req, res) => {\n",
	"});\n",
	"for (let i = 0; i < n; i++) {\n",
	"    ",
	"await ",
	"é😀",
};

static const char js_seed[] = "const fs = require('fs');\n"
			      "app.get('/', (req, res) => {\n"
			      "  const a = fs.readFileSync('a.txt');\n"
			      "  res.put(a);\n"
			      "});\n"
			      "function f(x) { return x; }\n";
static const char ts_seed[] =
	"import * as fs from 'fs';\n"
	"export class C {\n"
	"  get(id: string): string {\n"
	"    return fs.readFileSync(`/u/${id}`, 'utf8');\n"
	"  }\n"
	"}\n";
static const char py_seed[] = "import asyncio, time\n"
			      "\n"
			      "async def handler():\n"
			      "    time.sleep(1)\n"
			      "    return 1\n";

/* The next input byte (0 past the end). */
static uint8_t
next(const uint8_t **d, size_t *n)
{
	if (*n == 0)
		return 0;
	(*n)--;
	return *(*d)++;
}

/* Two input bytes as a number. */
static uint32_t
where(const uint8_t **d, size_t *n)
{
	uint32_t hi = next(d, n);
	return hi << 8 | next(d, n);
}

/* A UTF-16 position of byte `at` of text (what a client would send). */
static void
position(const char *t, uint32_t at, int *line, int *ch)
{
	*line = 0;
	*ch = 0;
	for (uint32_t i = 0; i < at; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == '\n' || (c == '\r' && t[i + 1] != '\n')) {
			(*line)++;
			*ch = 0;
		} else if (c == '\r') {
			/* The \r of a \r\n: the \n ends the line. */
		} else if ((c & 0xC0) != 0x80) {
			*ch += c >= 0xF0 ? 2 : 1;
		}
	}
}

static json_object *
pos_json(int line, int ch)
{
	json_object *p = json_object_new_object();
	json_object_object_add(p, "line", json_object_new_int(line));
	json_object_object_add(p, "character", json_object_new_int(ch));
	return p;
}

/* A byte of t at or before at that starts a character and is not the \n
 * of a \r\n (a position a client can name). */
static uint32_t
boundary(const char *t, uint32_t len, uint32_t at)
{
	if (at > len)
		at = len;
	while (at > 0 && at < len &&
	       (((unsigned char)t[at] & 0xC0) == 0x80 ||
		(t[at] == '\n' && t[at - 1] == '\r')))
		at--;
	return at;
}

static void
change(struct peer *p, struct doc *d, uint32_t a, uint32_t b, const char *ins)
{
	int al, ac, bl, bc;
	position(d->text.s, a, &al, &ac);
	position(d->text.s, b, &bl, &bc);
	json_object *range = json_object_new_object();
	json_object_object_add(range, "start", pos_json(al, ac));
	json_object_object_add(range, "end", pos_json(bl, bc));
	json_object *c = json_object_new_object();
	json_object_object_add(c, "range", range);
	json_object_object_add(c, "text", json_object_new_string(ins));
	json_object *changes = json_object_new_array();
	json_object_array_add(changes, c);
	json_object *td = text_doc(d->uri);
	json_object_object_add(td, "version",
			       json_object_new_int64(++d->version));
	json_object *params = json_object_new_object();
	json_object_object_add(params, "textDocument", td);
	json_object_object_add(params, "contentChanges", changes);
	put(p, message("textDocument/didChange", params, 0));
	/* The mirror. */
	struct strbuf nt;
	strbuf_init(&nt);
	strbuf_append(&nt, d->text.s, a);
	strbuf_puts(&nt, ins);
	strbuf_append(&nt, d->text.s + b, d->text.len - b);
	strbuf_finish(&d->text);
	d->text = nt;
}

static void
open_doc(struct peer *p, const char *uri, const char *lang, const char *text)
{
	json_object *td = text_doc(uri);
	json_object_object_add(td, "languageId", json_object_new_string(lang));
	json_object_object_add(td, "version", json_object_new_int(1));
	json_object_object_add(td, "text", json_object_new_string(text));
	json_object *params = json_object_new_object();
	json_object_object_add(params, "textDocument", td);
	put(p, message("textDocument/didOpen", params, 0));
}

static void
close_doc(struct peer *p, const char *uri)
{
	json_object *params = json_object_new_object();
	json_object_object_add(params, "textDocument", text_doc(uri));
	put(p, message("textDocument/didClose", params, 0));
}

/* Compares d's diagnostics in the server under test with a fresh
 * analysis of its text. */
static void
compare(struct peer *p, struct peer *fresh, struct doc *d, uint32_t step)
{
	char uri[64];
	snprintf(uri, sizeof uri, "file:///fresh/%u/%s", step, d->fresh_ext);
	open_doc(fresh, uri, d->lang, strbuf_str(&d->text));
	char *want = pull(fresh, uri);
	close_doc(fresh, uri);
	strbuf_reset(&fresh->out.b);
	char *got = pull(p, d->uri);
	if (strcmp(want, got) != 0) {
		fprintf(stderr,
			"%s, step %u: the server's diagnostics differ from a "
			"fresh analysis\n--- text:\n%s\n--- fresh:\n%s\n--- "
			"server:\n%s\n",
			d->uri, step, strbuf_str(&d->text), want, got);
		abort();
	}
	free(want);
	free(got);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct peer p = {0}, fresh = {0};
	start(&p);
	start(&fresh);
	struct doc docs[3] = {
		{"file:///fz/a.js", "javascript", "a.js", js_seed, 0, 0, {0}},
		{"file:///fz/b.ts", "typescript", "b.ts", ts_seed, 0, 0, {0}},
		{"file:///fz/c.py", "python", "c.py", py_seed, 0, 0, {0}},
	};
	for (int i = 0; i < 3; i++)
		strbuf_init(&docs[i].text);
	const uint8_t *in = data;
	size_t n = size;
	for (uint32_t step = 0; n > 0 && step < 400; step++) {
		uint8_t op = next(&in, &n);
		struct doc *d = &docs[(op >> 4) % 3];
		uint32_t len = (uint32_t)d->text.len;
		uint32_t a = 0, b = 0;
		if (!d->open) {
			strbuf_reset(&d->text);
			strbuf_puts(&d->text, d->seed);
			d->version = 1;
			d->open = true;
			open_doc(&p, d->uri, d->lang, d->seed);
			strbuf_reset(&p.out.b);
		} else {
			switch (op & 15) {
			case 0:
			case 1:
			case 2:
			case 3:
			case 4:
			case 5: /* insert a piece */
				a = boundary(d->text.s, len,
					     where(&in, &n) % (len + 1));
				change(&p, d, a, a,
				       pieces[next(&in, &n) %
					      (sizeof pieces /
					       sizeof *pieces)]);
				break;
			case 6:
			case 7: /* delete a few bytes */
				a = boundary(d->text.s, len,
					     where(&in, &n) % (len + 1));
				b = boundary(d->text.s, len,
					     a + 1 + next(&in, &n) % 24);
				if (b > a)
					change(&p, d, a, b, "");
				break;
			case 8:
				close_doc(&p, d->uri);
				d->open = false;
				break;
			case 9: {
				json_object *params = json_object_new_object();
				json_object_object_add(params, "textDocument",
						       text_doc(d->uri));
				put(&p,
				    message("textDocument/didSave", params, 0));
				break;
			}
			case 10:
			case 11: { /* a code action or a hover at a line */
				int line = next(&in, &n) % 16;
				json_object *params = json_object_new_object();
				json_object_object_add(params, "textDocument",
						       text_doc(d->uri));
				bool hover = (op & 15) == 11;
				if (hover) {
					json_object_object_add(
						params, "position",
						pos_json(line, 4));
				} else {
					json_object *r =
						json_object_new_object();
					json_object_object_add(
						r, "start", pos_json(line, 0));
					json_object_object_add(
						r, "end", pos_json(line, 0));
					json_object_object_add(params, "range",
							       r);
				}
				json_object_put(request(
					&p,
					hover ? "textDocument/hover"
					      : "textDocument/codeAction",
					params));
				break;
			}
			default: /* a pull: compared below */
				break;
			}
		}
		for (int i = 0; i < 3; i++)
			if (docs[i].open)
				compare(&p, &fresh, &docs[i], step);
	}
	for (int i = 0; i < 3; i++)
		strbuf_finish(&docs[i].text);
	stop(&p);
	stop(&fresh);
	return 0;
}
