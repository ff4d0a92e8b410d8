/*
 * Where the JavaScript family's statements may run on into the next line,
 * for the language server's chunks (document.c): a statement without `;`
 * ends with an expression that a `(`, `[`, `.` or an operator on the next
 * line continues, and a lone word such as `let` or `async` a word after
 * it.
 */
#include "language.h"

#include <string.h>

static bool
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$' ||
	       (unsigned char)c >= 0x80;
}

static bool
in_list(const char *s, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return true;
	return false;
}

enum language_tail
js_statement_tail(const char *src, TSNode n)
{
	static const char *const blocks[] = {
		"function_declaration",
		"generator_function_declaration",
		"class_declaration",
		"abstract_class_declaration",
		"interface_declaration",
		"enum_declaration",
		"module",
		"internal_module",
		"if_statement",
		"for_statement",
		"for_in_statement",
		"while_statement",
		"try_statement",
		"switch_statement",
		"statement_block",
		NULL,
	};
	/* A word that, alone, is an expression, and with a word after it
	 * something else (`let\nx = 1` declares x). */
	static const char *const words[] = {
		"let",       "async",    "await",    "yield",    "static",
		"get",       "set",      "of",       "type",     "interface",
		"enum",      "declare",  "abstract", "readonly", "namespace",
		"module",    "accessor", "override", "public",   "private",
		"protected", NULL,
	};
	uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
	if (e > s && src[e - 1] == ';')
		return LANGUAGE_TAIL_CLOSED;
	const char *type = ts_node_type(n);
	for (const char *const *b = blocks; *b; b++)
		if (strcmp(type, *b) == 0 && e > s && src[e - 1] == '}')
			return LANGUAGE_TAIL_CLOSED;
	uint32_t w = e;
	while (w > s && word_char(src[w - 1]))
		w--;
	if (w < e && in_list(src + w, e - w, words))
		return LANGUAGE_TAIL_WORD;
	return LANGUAGE_TAIL_OPEN;
}

uint32_t
js_first_code(const char *t, uint32_t len, uint32_t at, bool *indented)
{
	uint32_t i = at;
	bool line_start = at == 0 || t[at - 1] == '\n' || t[at - 1] == '\r';
	*indented = false;
	while (i < len) {
		char c = t[i];
		if (c == '\n' || c == '\r') {
			line_start = true;
			*indented = false;
			i++;
		} else if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
			*indented |= line_start;
			i++;
		} else if (c == '/' && i + 1 < len && t[i + 1] == '/') {
			while (i < len && t[i] != '\n' && t[i] != '\r')
				i++;
		} else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
			uint32_t k = i + 2;
			while (k + 1 < len && !(t[k] == '*' && t[k + 1] == '/'))
				k++;
			i = k + 1 < len ? k + 2 : len;
		} else {
			break;
		}
	}
	return i;
}

bool
js_continues(enum language_tail tail, const char *t, uint32_t n, bool indented)
{
	static const char *const words[] = {
		"in",        "instanceof", "of",    "as",
		"satisfies", "else",       "catch", "finally",
		"extends",   "implements", NULL,
	};
	(void)indented;
	if (n == 0 || tail == LANGUAGE_TAIL_CLOSED)
		return false;
	uint32_t w = 0;
	while (w < n && word_char(t[w]))
		w++;
	if (w > 0)
		return tail == LANGUAGE_TAIL_WORD || in_list(t, w, words);
	return t[0] != '\0' && strchr("([`.,?:=+-*/%<>&|^!~{}])", t[0]) != NULL;
}

bool
js_may_reach(const char *t, uint32_t len)
{
	for (uint32_t i = 0; i + 1 < len; i++)
		if (t[i] == '`' || (t[i] == '/' && t[i + 1] == '*'))
			return true;
	return len > 0 && t[len - 1] == '`';
}
