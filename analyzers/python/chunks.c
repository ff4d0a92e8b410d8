/*
 * Where Python's statements may run on into the next line, for the
 * language server's chunks (document.c): a line ends a statement, but an
 * indented line, a closing bracket or `else`, `elif`, `except`,
 * `finally` belong to the statement before.
 */
#include "language.h"

#include <string.h>

static bool
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || (unsigned char)c >= 0x80;
}

uint32_t
py_first_code(const char *t, uint32_t len, uint32_t at, bool *indented)
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
		} else if (c == '#') {
			while (i < len && t[i] != '\n' && t[i] != '\r')
				i++;
		} else {
			break;
		}
	}
	return i;
}

bool
py_continues(enum language_tail tail, const char *t, uint32_t n, bool indented)
{
	static const char *const words[] = {
		"else", "elif", "except", "finally", NULL,
	};
	(void)tail;
	if (n == 0)
		return false;
	if (indented || (t[0] != '\0' && strchr(")]}", t[0]) != NULL))
		return true;
	uint32_t w = 0;
	while (w < n && word_char(t[w]))
		w++;
	for (const char *const *k = words; *k; k++)
		if (strlen(*k) == w && memcmp(*k, t, w) == 0)
			return true;
	return false;
}

bool
py_may_reach(const char *t, uint32_t len)
{
	for (uint32_t i = 0; i + 2 < len; i++)
		if ((t[i] == '"' || t[i] == '\'') && t[i + 1] == t[i] &&
		    t[i + 2] == t[i])
			return true;
	return false;
}
