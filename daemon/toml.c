/*
 * A small TOML reader, enough for `[tool.stackfit]` in pyproject.toml: it
 * reads the whole document into a json-c tree so that the configuration has
 * one validator whatever file it came from. Supported: tables and dotted
 * table headers, arrays of tables, dotted keys, bare and quoted keys, basic
 * and literal strings (single-line and multi-line), integers (with _ and
 * 0x/0o/0b), floats, booleans, arrays (over several lines, trailing comma)
 * and inline tables. Dates are read as strings. Nesting of values is
 * bounded (TOML_DEPTH_MAX); errors name the line and column.
 */
#include "toml.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/vec.h"
#include "util/xalloc.h"

#define TOML_DEPTH_MAX 32

struct reader {
	const char *s, *end;
	const char *line_start;
	unsigned line;
	char *error;
};

static void
fail(struct reader *r, const char *fmt, ...)
{
	if (r->error != NULL)
		return;
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(&b, "line %u, column %u: ", r->line,
		      (unsigned)(r->s - r->line_start) + 1);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	r->error = strbuf_detach(&b);
}

static bool
at_end(const struct reader *r)
{
	return r->s >= r->end;
}

static void
newline(struct reader *r)
{
	r->line++;
	r->line_start = r->s;
}

/* Skips spaces and tabs (and, when lines is set, newlines and comments). */
static void
skip_ws(struct reader *r, bool lines)
{
	while (!at_end(r)) {
		char c = *r->s;
		if (c == ' ' || c == '\t' || c == '\r') {
			r->s++;
		} else if (c == '#') {
			while (!at_end(r) && *r->s != '\n')
				r->s++;
		} else if (c == '\n' && lines) {
			r->s++;
			newline(r);
		} else {
			break;
		}
	}
}

/* After a value or header: only a comment may follow on the line. */
static void
end_of_line(struct reader *r)
{
	skip_ws(r, false);
	if (at_end(r))
		return;
	if (*r->s != '\n') {
		fail(r, "expected the end of the line");
		return;
	}
	r->s++;
	newline(r);
}

static bool
bare_key_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static char *parse_string(struct reader *r);

/* One key part: bare or quoted. */
static char *
parse_key_part(struct reader *r)
{
	skip_ws(r, false);
	if (!at_end(r) && (*r->s == '"' || *r->s == '\''))
		return parse_string(r);
	const char *start = r->s;
	while (!at_end(r) && bare_key_char(*r->s))
		r->s++;
	if (r->s == start) {
		fail(r, "expected a key");
		return NULL;
	}
	return xstrndup(start, (size_t)(r->s - start));
}

/* A dotted key as a NULL-terminated list of parts (owned). */
static char **
parse_key(struct reader *r)
{
	VEC(char *) parts = {0};
	for (;;) {
		char *part = parse_key_part(r);
		if (part == NULL)
			break;
		*VEC_PUSH(parts) = part;
		skip_ws(r, false);
		if (at_end(r) || *r->s != '.')
			break;
		r->s++;
	}
	*VEC_PUSH(parts) = NULL;
	if (r->error != NULL) {
		for (char **p = parts.v; *p; p++)
			free(*p);
		free(parts.v);
		return NULL;
	}
	return parts.v;
}

static void
free_key(char **key)
{
	if (key == NULL)
		return;
	for (char **p = key; *p; p++)
		free(*p);
	free(key);
}

static void
put_utf8(struct strbuf *b, unsigned long cp)
{
	char u[4];
	if (cp < 0x80) {
		strbuf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		strbuf_append(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		strbuf_append(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		strbuf_append(b, u, 4);
	}
}

static char *
parse_string(struct reader *r)
{
	char q = *r->s;
	bool multi = r->end - r->s >= 3 && r->s[1] == q && r->s[2] == q;
	r->s += multi ? 3 : 1;
	if (multi && !at_end(r) && *r->s == '\n') {
		r->s++; /* a newline right after the opening is trimmed */
		newline(r);
	}
	struct strbuf b;
	strbuf_init(&b);
	for (;;) {
		if (at_end(r)) {
			fail(r, "unterminated string");
			strbuf_finish(&b);
			return NULL;
		}
		char c = *r->s;
		if (c == q && (!multi || (r->end - r->s >= 3 && r->s[1] == q &&
					  r->s[2] == q))) {
			r->s += multi ? 3 : 1;
			return strbuf_detach(&b);
		}
		if (c == '\n') {
			if (!multi) {
				fail(r, "newline in a single-line string");
				strbuf_finish(&b);
				return NULL;
			}
			r->s++;
			newline(r);
			strbuf_putc(&b, '\n');
			continue;
		}
		if (c == '\\' && q == '"') {
			r->s++;
			if (at_end(r))
				continue;
			char e = *r->s++;
			switch (e) {
			case 'n':
				strbuf_putc(&b, '\n');
				break;
			case 't':
				strbuf_putc(&b, '\t');
				break;
			case 'r':
				strbuf_putc(&b, '\r');
				break;
			case 'b':
				strbuf_putc(&b, '\b');
				break;
			case 'f':
				strbuf_putc(&b, '\f');
				break;
			case '"':
				strbuf_putc(&b, '"');
				break;
			case '\\':
				strbuf_putc(&b, '\\');
				break;
			case 'u':
			case 'U': {
				int digits = e == 'u' ? 4 : 8;
				if (r->end - r->s < digits) {
					fail(r, "short \\%c escape", e);
					break;
				}
				char hex[9] = {0};
				memcpy(hex, r->s, (size_t)digits);
				char *stop;
				unsigned long cp = strtoul(hex, &stop, 16);
				if (*stop != '\0' || cp > 0x10FFFF) {
					fail(r, "bad \\%c escape", e);
					break;
				}
				r->s += digits;
				put_utf8(&b, cp);
				break;
			}
			case '\n':
				/* A line-ending backslash trims what follows.
				 */
				newline(r);
				while (!at_end(r) &&
				       isspace((unsigned char)*r->s)) {
					if (*r->s == '\n') {
						r->s++;
						newline(r);
					} else {
						r->s++;
					}
				}
				break;
			default:
				fail(r, "unknown escape \\%c", e);
			}
			if (r->error != NULL) {
				strbuf_finish(&b);
				return NULL;
			}
			continue;
		}
		strbuf_putc(&b, c);
		r->s++;
	}
}

static json_object *parse_value(struct reader *r, int depth);

static json_object *
parse_number_or_word(struct reader *r)
{
	const char *start = r->s;
	while (!at_end(r) &&
	       (isalnum((unsigned char)*r->s) || *r->s == '_' || *r->s == '.' ||
		*r->s == '+' || *r->s == '-' || *r->s == ':'))
		r->s++;
	size_t n = (size_t)(r->s - start);
	if (n == 0) {
		fail(r, "expected a value");
		return NULL;
	}
	char buf[64];
	if (n == 4 && memcmp(start, "true", 4) == 0)
		return json_object_new_boolean(1);
	if (n == 5 && memcmp(start, "false", 5) == 0)
		return json_object_new_boolean(0);
	if (n >= sizeof buf) {
		fail(r, "value too long");
		return NULL;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (start[i] != '_')
			buf[k++] = start[i];
	buf[k] = '\0';
	char *stop;
	errno = 0;
	const char *digits = buf;
	int base = 10;
	if (buf[0] == '0' &&
	    (buf[1] == 'x' || buf[1] == 'o' || buf[1] == 'b')) {
		base = buf[1] == 'x' ? 16 : buf[1] == 'o' ? 8 : 2;
		digits = buf + 2;
	}
	long long v = strtoll(digits, &stop, base);
	if (*stop == '\0' && errno == 0 && stop != digits)
		return json_object_new_int64(v);
	double d = strtod(buf, &stop);
	if (*stop == '\0' && stop != buf && isfinite(d))
		return json_object_new_double(d);
	/* Dates and times are kept as their text. */
	if (isdigit((unsigned char)buf[0]) && strchr(buf, '-') != NULL)
		return json_object_new_string_len(start, (int)n);
	r->s = start;
	fail(r, "'%.*s' is not a TOML value (strings need quotes)", (int)n,
	     start);
	return NULL;
}

static json_object *
parse_array(struct reader *r, int depth)
{
	r->s++; /* [ */
	json_object *a = json_object_new_array();
	for (;;) {
		skip_ws(r, true);
		if (at_end(r)) {
			fail(r, "unterminated array");
			break;
		}
		if (*r->s == ']') {
			r->s++;
			return a;
		}
		json_object *v = parse_value(r, depth + 1);
		if (v == NULL)
			break;
		json_object_array_add(a, v);
		skip_ws(r, true);
		if (at_end(r)) {
			fail(r, "unterminated array");
			break;
		}
		if (*r->s == ',') {
			r->s++;
			continue;
		}
		skip_ws(r, true);
		if (!at_end(r) && *r->s == ']') {
			r->s++;
			return a;
		}
		fail(r, "expected ',' or ']' in an array");
		break;
	}
	json_object_put(a);
	return NULL;
}

/* Sets value under a dotted key in table, creating intermediate tables.
 * Returns false (with an error) when a key is defined twice. */
struct mark {
	const char *s, *line_start;
	unsigned line;
};

static struct mark
mark(const struct reader *r)
{
	return (struct mark){r->s, r->line_start, r->line};
}

/* Moves the reader back to m, so that an error points there. */
static void
rewind_to(struct reader *r, struct mark m)
{
	r->s = m.s;
	r->line_start = m.line_start;
	r->line = m.line;
}

static bool
set_dotted(struct reader *r, json_object *table, char **key, json_object *value,
	   struct mark at)
{
	json_object *t = table;
	for (char **p = key; p[1] != NULL; p++) {
		json_object *next;
		if (!json_object_object_get_ex(t, *p, &next)) {
			next = json_object_new_object();
			json_object_object_add(t, *p, next);
		} else if (!json_object_is_type(next, json_type_object)) {
			rewind_to(r, at);
			fail(r, "'%s' is already a value, not a table", *p);
			return false;
		}
		t = next;
	}
	const char *last = key[0] ? key[0] : "";
	for (char **p = key; *p; p++)
		last = *p;
	if (json_object_object_get_ex(t, last, NULL)) {
		rewind_to(r, at);
		fail(r, "key '%s' is defined twice", last);
		return false;
	}
	json_object_object_add(t, last, value);
	return true;
}

static json_object *
parse_inline_table(struct reader *r, int depth)
{
	r->s++; /* { */
	json_object *t = json_object_new_object();
	skip_ws(r, false);
	if (!at_end(r) && *r->s == '}') {
		r->s++;
		return t;
	}
	for (;;) {
		skip_ws(r, false);
		struct mark at = mark(r);
		char **key = parse_key(r);
		if (key == NULL)
			break;
		skip_ws(r, false);
		if (at_end(r) || *r->s != '=') {
			fail(r, "expected '=' after a key");
			free_key(key);
			break;
		}
		r->s++;
		skip_ws(r, false);
		json_object *v = parse_value(r, depth + 1);
		if (v == NULL || !set_dotted(r, t, key, v, at)) {
			if (v != NULL && r->error != NULL)
				json_object_put(v);
			free_key(key);
			break;
		}
		free_key(key);
		skip_ws(r, false);
		if (!at_end(r) && *r->s == ',') {
			r->s++;
			continue;
		}
		if (!at_end(r) && *r->s == '}') {
			r->s++;
			return t;
		}
		fail(r, "expected ',' or '}' in an inline table");
		break;
	}
	json_object_put(t);
	return NULL;
}

static json_object *
parse_value(struct reader *r, int depth)
{
	if (depth > TOML_DEPTH_MAX) {
		fail(r, "values nested deeper than %d", TOML_DEPTH_MAX);
		return NULL;
	}
	skip_ws(r, false);
	if (at_end(r)) {
		fail(r, "expected a value");
		return NULL;
	}
	switch (*r->s) {
	case '"':
	case '\'': {
		char *s = parse_string(r);
		if (s == NULL)
			return NULL;
		json_object *o = json_object_new_string(s);
		free(s);
		return o;
	}
	case '[':
		return parse_array(r, depth);
	case '{':
		return parse_inline_table(r, depth);
	default:
		return parse_number_or_word(r);
	}
}

/* The table a header names, created as needed; for an array-of-tables
 * header a new element is appended. */
static json_object *
open_table(struct reader *r, json_object *root, char **key, bool array)
{
	json_object *t = root;
	for (char **p = key; *p; p++) {
		bool last = p[1] == NULL;
		json_object *next;
		if (!json_object_object_get_ex(t, *p, &next)) {
			next = last && array ? json_object_new_array()
					     : json_object_new_object();
			json_object_object_add(t, *p, next);
		}
		if (json_object_is_type(next, json_type_array)) {
			if (last && array) {
				json_object *elem = json_object_new_object();
				json_object_array_add(next, elem);
				return elem;
			}
			size_t n = json_object_array_length(next);
			if (n == 0) {
				fail(r, "'%s' is an empty array", *p);
				return NULL;
			}
			next = json_object_array_get_idx(next, n - 1);
		}
		if (!json_object_is_type(next, json_type_object)) {
			fail(r, "'%s' is already a value, not a table", *p);
			return NULL;
		}
		t = next;
	}
	return t;
}

json_object *
toml_parse(const char *text, size_t len, char **cause)
{
	struct reader r = {
		.s = text,
		.end = text + len,
		.line_start = text,
		.line = 1,
	};
	json_object *root = json_object_new_object();
	json_object *table = root;
	for (;;) {
		skip_ws(&r, true);
		if (at_end(&r) || r.error != NULL)
			break;
		if (*r.s == '[') {
			bool array = r.end - r.s >= 2 && r.s[1] == '[';
			r.s += array ? 2 : 1;
			char **key = parse_key(&r);
			if (key == NULL)
				break;
			skip_ws(&r, false);
			const char *close = array ? "]]" : "]";
			size_t cl = strlen(close);
			if ((size_t)(r.end - r.s) < cl ||
			    memcmp(r.s, close, cl) != 0) {
				fail(&r,
				     "expected '%s' to close the table header",
				     close);
				free_key(key);
				break;
			}
			r.s += cl;
			table = open_table(&r, root, key, array);
			free_key(key);
			if (table == NULL)
				break;
			end_of_line(&r);
			continue;
		}
		struct mark at = mark(&r);
		char **key = parse_key(&r);
		if (key == NULL)
			break;
		skip_ws(&r, false);
		if (at_end(&r) || *r.s != '=') {
			fail(&r, "expected '=' after the key");
			free_key(key);
			break;
		}
		r.s++;
		json_object *v = parse_value(&r, 0);
		if (v == NULL) {
			free_key(key);
			break;
		}
		if (!set_dotted(&r, table, key, v, at))
			json_object_put(v);
		free_key(key);
		end_of_line(&r);
	}
	if (r.error != NULL) {
		*cause = r.error;
		json_object_put(root);
		return NULL;
	}
	return root;
}
