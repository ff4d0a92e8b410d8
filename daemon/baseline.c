/*
 * The baseline file (baseline.h): fingerprints, reading, matching and
 * writing.
 */
#include "baseline.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <sodium.h>

#include "util/strbuf.h"
#include "util/xalloc.h"
#include "workspace.h"

/* The line's text with white space collapsed to one space and trimmed:
 * re-indenting a line leaves its findings in the baseline. */
static char *
normalised(const char *text)
{
	char *out = xmalloc(strlen(text ? text : "") + 1);
	size_t n = 0;
	bool space = false;
	for (const char *p = text ? text : ""; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = *p;
	}
	out[n] = '\0';
	return out;
}

char **
baseline_fingerprints(const struct sf_diag_list *l)
{
	uint32_t n = l->items.n;
	char **out = xcalloc(n ? n : 1, sizeof *out);
	/* Occurrences of each (rule, path, text) so far. */
	struct strmap seen;
	strmap_init(&seen);
	for (uint32_t i = 0; i < n; i++) {
		const struct sf_diagnostic *d = &l->items.v[i];
		char *text = normalised(d->line_text);
		struct strbuf key;
		strbuf_init(&key);
		strbuf_printf(&key, "%s", d->rule_id);
		strbuf_putc(&key, '\0');
		strbuf_printf(&key, "%s", d->path);
		strbuf_putc(&key, '\0');
		strbuf_printf(&key, "%s", text);
		char *id = xasprintf("%s\n%s\n%s", d->rule_id, d->path, text);
		uintptr_t k = (uintptr_t)strmap_get(&seen, id, NULL);
		strmap_put(&seen, id, (void *)(k + 1));
		free(id);
		strbuf_putc(&key, '\0');
		strbuf_printf(&key, "%lu", (unsigned long)k);
		unsigned char h[16];
		crypto_generichash(h, sizeof h, (const unsigned char *)key.s,
				   key.len, NULL, 0);
		out[i] = xmalloc(2 * sizeof h + 1);
		for (size_t b = 0; b < sizeof h; b++)
			snprintf(out[i] + 2 * b, 3, "%02x", h[b]);
		strbuf_finish(&key);
		free(text);
	}
	strmap_finish(&seen);
	return out;
}

static char *
entry_key(const char *rule, const char *path, const char *fp)
{
	return xasprintf("%s\n%s\n%s", rule, path, fp);
}

int
baseline_load(struct baseline *b, const char *root, char **cause)
{
	*b = (struct baseline){0};
	strmap_init(&b->entries);
	char *text, *note;
	uint32_t len;
	char *path = xasprintf("%s/%s", root, BASELINE_FILE);
	if (workspace_read_file(root, BASELINE_FILE, BASELINE_FILE_MAX, &text,
				&len, &note) < 0) {
		bool gone = strcmp(note, strerror(ENOENT)) == 0;
		if (!gone)
			*cause = xasprintf("%s: %s", path, note);
		free(note);
		free(path);
		return gone ? 0 : -1;
	}
	json_tokener *tok = json_tokener_new_ex(16);
	json_object *doc = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error err = json_tokener_get_error(tok);
	json_tokener_free(tok);
	free(text);
	json_object *v, *list;
	int rc = 0;
	if (doc == NULL || err != json_tokener_success) {
		*cause = xasprintf("%s: not JSON (%s); `stackfit baseline` "
				   "writes it again",
				   path, json_tokener_error_desc(err));
		rc = -1;
	} else if (!json_object_object_get_ex(doc, "formatVersion", &v) ||
		   json_object_get_int(v) != BASELINE_FORMAT_VERSION) {
		*cause = xasprintf("%s: formatVersion: expected %d", path,
				   BASELINE_FORMAT_VERSION);
		rc = -1;
	} else if (!json_object_object_get_ex(doc, "findings", &list) ||
		   !json_object_is_type(list, json_type_array)) {
		*cause = xasprintf("%s: findings: expected an array", path);
		rc = -1;
	}
	size_t n = rc == 0 ? json_object_array_length(list) : 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		json_object *e = json_object_array_get_idx(list, i);
		json_object *r, *p, *f;
		if (!json_object_object_get_ex(e, "rule", &r) ||
		    !json_object_object_get_ex(e, "path", &p) ||
		    !json_object_object_get_ex(e, "fingerprint", &f) ||
		    !json_object_is_type(r, json_type_string) ||
		    !json_object_is_type(p, json_type_string) ||
		    !json_object_is_type(f, json_type_string)) {
			*cause = xasprintf("%s: findings[%zu]: expected "
					   "\"rule\", \"path\" and "
					   "\"fingerprint\" strings",
					   path, i);
			rc = -1;
			break;
		}
		char *k = entry_key(json_object_get_string(r),
				    json_object_get_string(p),
				    json_object_get_string(f));
		uintptr_t c = (uintptr_t)strmap_get(&b->entries, k, NULL);
		strmap_put(&b->entries, k, (void *)(c + 1));
		free(k);
		b->n++;
	}
	json_object_put(doc);
	free(path);
	if (rc < 0) {
		baseline_finish(b);
		return -1;
	}
	b->loaded = true;
	return 0;
}

void
baseline_finish(struct baseline *b)
{
	if (b == NULL)
		return;
	strmap_finish(&b->entries);
	*b = (struct baseline){0};
}

uint32_t
baseline_match(const struct baseline *b, const struct sf_diag_list *l,
	       bool *keep)
{
	uint32_t held = 0;
	char **fp = baseline_fingerprints(l);
	/* What is left of each entry. */
	struct strmap used;
	strmap_init(&used);
	for (uint32_t i = 0; i < l->items.n; i++) {
		const struct sf_diagnostic *d = &l->items.v[i];
		char *k = entry_key(d->rule_id, d->path, fp[i]);
		uintptr_t have =
			b->loaded ? (uintptr_t)strmap_get(&b->entries, k, NULL)
				  : 0;
		uintptr_t u = (uintptr_t)strmap_get(&used, k, NULL);
		keep[i] = u >= have;
		if (!keep[i]) {
			strmap_put(&used, k, (void *)(u + 1));
			held++;
		}
		free(k);
		free(fp[i]);
	}
	free(fp);
	strmap_finish(&used);
	return held;
}

void
baseline_write(FILE *out, const struct sf_diag_list *l)
{
	char **fp = baseline_fingerprints(l);
	json_object *doc = json_object_new_object();
	json_object_object_add(doc, "formatVersion",
			       json_object_new_int(BASELINE_FORMAT_VERSION));
	json_object *list = json_object_new_array();
	for (uint32_t i = 0; i < l->items.n; i++) {
		const struct sf_diagnostic *d = &l->items.v[i];
		json_object *e = json_object_new_object();
		json_object_object_add(e, "rule",
				       json_object_new_string(d->rule_id));
		json_object_object_add(e, "path",
				       json_object_new_string(d->path));
		json_object_object_add(e, "fingerprint",
				       json_object_new_string(fp[i]));
		json_object_object_add(e, "line",
				       json_object_new_int64(d->start.line));
		json_object_object_add(e, "message",
				       json_object_new_string(d->message));
		json_object_array_add(list, e);
		free(fp[i]);
	}
	free(fp);
	json_object_object_add(doc, "findings", list);
	fputs(json_object_to_json_string_ext(
		      doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
				   JSON_C_TO_STRING_NOSLASHESCAPE),
	      out);
	fputc('\n', out);
	json_object_put(doc);
}
