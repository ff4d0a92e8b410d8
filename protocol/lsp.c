/*
 * LSP conversions between stackfit's types and LSP JSON. Everything read
 * here comes from a client and is checked for shape; nothing asserts.
 */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
lsp_uri_to_path(const char *uri)
{
	if (strncmp(uri, "file://", 7) != 0 || strlen(uri) > LSP_MAX_URI)
		return NULL;
	const char *p = uri + 7;
	/* file://localhost/x is file:///x; other hosts are not ours. */
	if (strncmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return NULL;
	struct strbuf b;
	strbuf_init(&b);
	for (; *p && *p != '?' && *p != '#'; p++) {
		if (*p == '%') {
			int hi = p[1] ? hexval(p[1]) : -1;
			int lo = hi >= 0 && p[2] ? hexval(p[2]) : -1;
			if (lo < 0 || (hi == 0 && lo == 0)) {
				strbuf_finish(&b);
				return NULL;
			}
			strbuf_putc(&b, (char)(hi * 16 + lo));
			p += 2;
		} else {
			strbuf_putc(&b, *p);
		}
	}
	return strbuf_detach(&b);
}

char *
lsp_path_to_uri(const char *path)
{
	struct strbuf b;
	strbuf_init(&b);
	strbuf_puts(&b, "file://");
	escape_uri_path(&b, path);
	return strbuf_detach(&b);
}

static int
read_u32(json_object *o, const char *key, uint32_t *out)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_int))
		return -1;
	int64_t x = json_object_get_int64(v);
	if (x < 0 || x > UINT32_MAX)
		return -1;
	*out = (uint32_t)x;
	return 0;
}

int
lsp_read_position(json_object *o, struct lsp_position *out, const char **why)
{
	if (!json_object_is_type(o, json_type_object) ||
	    read_u32(o, "line", &out->line) < 0 ||
	    read_u32(o, "character", &out->character) < 0) {
		*why = "a position must be {line, character} with "
		       "non-negative integers";
		return -1;
	}
	return 0;
}

int
lsp_read_range(json_object *o, struct lsp_range *out, const char **why)
{
	json_object *s, *e;
	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, "start", &s) ||
	    !json_object_object_get_ex(o, "end", &e)) {
		*why = "a range must be {start, end}";
		return -1;
	}
	if (lsp_read_position(s, &out->start, why) < 0 ||
	    lsp_read_position(e, &out->end, why) < 0)
		return -1;
	return 0;
}

json_object *
lsp_position_json(struct lsp_position p)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "line", json_object_new_int64(p.line));
	json_object_object_add(o, "character",
			       json_object_new_int64(p.character));
	return o;
}

json_object *
lsp_range_json(struct lsp_range r)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "start", lsp_position_json(r.start));
	json_object_object_add(o, "end", lsp_position_json(r.end));
	return o;
}

char *
lsp_rule_href(const char *tmpl, const char *id, const char *name)
{
	struct strbuf b;
	strbuf_init(&b);
	for (const char *p = tmpl; *p;) {
		if (strncmp(p, "{id}", 4) == 0) {
			strbuf_puts(&b, id);
			p += 4;
		} else if (strncmp(p, "{name}", 6) == 0) {
			strbuf_puts(&b, name);
			p += 6;
		} else {
			strbuf_putc(&b, *p++);
		}
	}
	return strbuf_detach(&b);
}

json_object *
lsp_diagnostic_json(const struct sf_diagnostic *d, struct lsp_range range,
		    const struct lsp_diagnostic_options *o)
{
	json_object *j = json_object_new_object();
	json_object_object_add(j, "range", lsp_range_json(range));
	json_object_object_add(j, "severity",
			       json_object_new_int((int)d->severity));
	json_object_object_add(j, "code", json_object_new_string(d->rule_id));
	json_object_object_add(j, "source", json_object_new_string("stackfit"));
	char *msg = d->help ? xasprintf("%s\nhelp: %s", d->message, d->help)
			    : xstrdup(d->message);
	json_object_object_add(j, "message", json_object_new_string(msg));
	free(msg);
	if (o->code_description && o->docs_url != NULL) {
		char *href =
			lsp_rule_href(o->docs_url, d->rule_id, d->rule_name);
		json_object *cd = json_object_new_object();
		json_object_object_add(cd, "href",
				       json_object_new_string(href));
		json_object_object_add(j, "codeDescription", cd);
		free(href);
	}
	if (o->related && d->related.n > 0) {
		json_object *arr = json_object_new_array();
		for (uint32_t i = 0; i < d->related.n; i++) {
			const struct sf_related *r = &d->related.v[i];
			char *abs =
				r->path[0] == '/' || o->root == NULL
					? xstrdup(r->path)
					: xasprintf("%s/%s", o->root, r->path);
			char *uri = lsp_path_to_uri(abs);
			struct lsp_position p = {
				r->pos.line ? r->pos.line - 1 : 0,
				r->pos.column ? r->pos.column - 1 : 0,
			};
			json_object *loc = json_object_new_object();
			json_object_object_add(loc, "uri",
					       json_object_new_string(uri));
			json_object_object_add(
				loc, "range",
				lsp_range_json((struct lsp_range){p, p}));
			json_object *ri = json_object_new_object();
			json_object_object_add(ri, "location", loc);
			json_object_object_add(
				ri, "message",
				json_object_new_string(r->message));
			json_object_array_add(arr, ri);
			free(uri);
			free(abs);
		}
		json_object_object_add(j, "relatedInformation", arr);
	}
	if (o->unnecessary) {
		json_object *tags = json_object_new_array();
		json_object_array_add(tags, json_object_new_int(1));
		json_object_object_add(j, "tags", tags);
	}
	json_object *data = json_object_new_object();
	json_object_object_add(data, "rule",
			       json_object_new_string(d->rule_name));
	json_object_object_add(j, "data", data);
	return j;
}

json_object *
lsp_text_edit(struct lsp_range range, const char *text)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "range", lsp_range_json(range));
	json_object_object_add(o, "newText", json_object_new_string(text));
	return o;
}

json_object *
lsp_workspace_edit(const char *uri, int64_t version, json_object *edits,
		   bool document_changes)
{
	json_object *we = json_object_new_object();
	if (document_changes) {
		json_object *td = json_object_new_object();
		json_object_object_add(td, "uri", json_object_new_string(uri));
		json_object_object_add(
			td, "version",
			version >= 0 ? json_object_new_int64(version) : NULL);
		json_object *change = json_object_new_object();
		json_object_object_add(change, "textDocument", td);
		json_object_object_add(change, "edits", edits);
		json_object *arr = json_object_new_array();
		json_object_array_add(arr, change);
		json_object_object_add(we, "documentChanges", arr);
	} else {
		json_object *changes = json_object_new_object();
		json_object_object_add(changes, uri, edits);
		json_object_object_add(we, "changes", changes);
	}
	return we;
}

char *
lsp_markdown_to_plain(const char *md)
{
	struct strbuf b;
	strbuf_init(&b);
	const char *p = md;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (n >= 3 && strncmp(p, "```", 3) == 0) {
			/* a fence line: drop it */
		} else {
			const char *s = p;
			size_t k = n;
			if (k > 0 && s[0] == '#') {
				while (k > 0 && s[0] == '#') {
					s++;
					k--;
				}
				while (k > 0 && s[0] == ' ') {
					s++;
					k--;
				}
			}
			strbuf_append(&b, s, k);
			strbuf_putc(&b, '\n');
		}
		p += n + (eol != NULL);
	}
	return strbuf_detach(&b);
}

/* The first block of the section under `heading` ("## Why is this bad"):
 * a paragraph (to the next blank line) or a fenced code block (to its
 * closing fence), at most `max_lines` lines. Sets *n; NULL when the
 * section is missing or empty. */
static const char *
first_block(const char *md, const char *heading, int max_lines, size_t *n)
{
	size_t hl = strlen(heading);
	const char *p = md;
	for (;;) {
		if (strncmp(p, heading, hl) == 0 &&
		    (p[hl] == '\n' || p[hl] == '\0'))
			break;
		p = strchr(p, '\n');
		if (p == NULL)
			return NULL;
		p++;
	}
	p += hl;
	while (*p == '\n')
		p++;
	if (*p == '\0' || *p == '#')
		return NULL;
	bool fence = strncmp(p, "```", 3) == 0;
	const char *q = p;
	int lines = 0;
	while (*q != '\0' && lines < max_lines) {
		const char *eol = strchr(q, '\n');
		const char *next = eol ? eol + 1 : q + strlen(q);
		lines++;
		if (fence ? (q != p && strncmp(q, "```", 3) == 0)
			  : (*next == '\n' || *next == '#')) {
			q = next;
			break;
		}
		q = next;
	}
	/* A fence cut short by max_lines is closed by the caller. */
	*n = (size_t)(q - p);
	while (*n > 0 && p[*n - 1] == '\n')
		(*n)--;
	return p;
}

char *
lsp_rule_brief(const char *md, bool markdown)
{
	struct strbuf b;
	strbuf_init(&b);
	size_t n;
	const char *why = first_block(md, "## Why is this bad", 8, &n);
	if (why != NULL) {
		strbuf_puts(&b, markdown ? "**Why is this bad:** "
					 : "Why is this bad: ");
		strbuf_append(&b, why, n);
	} else if ((why = first_block(md, "## What it does", 8, &n)) != NULL) {
		strbuf_append(&b, why, n);
	}
	const char *instead = first_block(md, "## Use instead", 12, &n);
	if (instead != NULL) {
		if (b.len > 0)
			strbuf_puts(&b, markdown ? "\n\n**Use instead:**\n"
						 : "\n\nUse instead:\n");
		strbuf_append(&b, instead, n);
		/* A fence the block cut short is closed. */
		bool open = false;
		for (const char *l = instead; l < instead + n;) {
			if (strncmp(l, "```", 3) == 0)
				open = !open;
			const char *eol =
				memchr(l, '\n', (size_t)(instead + n - l));
			l = eol ? eol + 1 : instead + n;
		}
		if (open)
			strbuf_puts(&b, "\n```");
	}
	if (markdown)
		return strbuf_detach(&b);
	char *plain = lsp_markdown_to_plain(strbuf_str(&b));
	strbuf_finish(&b);
	return plain;
}
