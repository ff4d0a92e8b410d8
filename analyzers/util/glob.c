/*
 * Glob matching with an explicit backtracking point per `*` and `**` (the
 * classic two-pointer algorithm), so matching is linear-ish and never
 * recursive.
 */
#include "glob.h"

#include <string.h>

/* Matches a class `[...]` at *pp against c; advances *pp past it. */
static bool
class_match(const char **pp, char c)
{
	const char *p = *pp + 1;
	bool negate = *p == '!' || *p == '^';
	if (negate)
		p++;
	bool hit = false;
	bool first = true;
	while (*p && (*p != ']' || first)) {
		if (p[1] == '-' && p[2] && p[2] != ']') {
			if (c >= p[0] && c <= p[2])
				hit = true;
			p += 3;
		} else {
			if (*p == c)
				hit = true;
			p++;
		}
		first = false;
	}
	*pp = *p == ']' ? p + 1 : p;
	return hit != negate;
}

/* Whole-string match of path against pattern. */
static bool
match(const char *pat, const char *str)
{
	const char *p = pat, *s = str;
	/* Backtrack points: for `*` (within a segment) and `**` (any). */
	const char *star_p = NULL, *star_s = NULL;
	const char *dstar_p = NULL, *dstar_s = NULL;
	bool dstar_segment = false; /* the `**` was followed by a slash */
	for (;;) {
		if (*p == '*' && p[1] == '*') {
			/* A `**` and its slash may also match nothing. */
			p += 2;
			dstar_segment = *p == '/';
			if (dstar_segment)
				p++;
			dstar_p = p;
			dstar_s = s;
			star_p = NULL;
			continue;
		}
		if (*p == '*') {
			p++;
			star_p = p;
			star_s = s;
			continue;
		}
		if (*s == '\0' && *p == '\0')
			return true;
		if (*s != '\0') {
			if (*p == '?' && *s != '/') {
				p++;
				s++;
				continue;
			}
			if (*p == '[') {
				const char *q = p;
				if (*s != '/' && class_match(&q, *s)) {
					p = q;
					s++;
					continue;
				}
			} else if (*p != '\0' && *p == *s) {
				p++;
				s++;
				continue;
			}
		}
		/* Mismatch: widen the innermost `*` (not past a '/'), else
		 * the last `**`. */
		if (star_p != NULL && *star_s != '\0' && *star_s != '/') {
			p = star_p;
			s = ++star_s;
			continue;
		}
		if (dstar_p != NULL && *dstar_s != '\0') {
			/* After `**` and a slash, what follows starts a
			 * segment: restart after the next '/'. */
			if (dstar_segment) {
				const char *next = strchr(dstar_s, '/');
				if (next == NULL)
					return false;
				dstar_s = next;
			}
			p = dstar_p;
			s = ++dstar_s;
			star_p = NULL;
			continue;
		}
		return false;
	}
}

bool
glob_match(const char *pattern, const char *path)
{
	char buf[1024];
	const char *pat = pattern;
	size_t n = strlen(pattern);
	if (n > 0 && n < sizeof buf - 8) {
		/* `dir/` means `dir`; a pattern without a slash (or with
		 * only a trailing one) matches at any depth. */
		const char *slash = strchr(pattern, '/');
		const char *lead =
			slash == NULL || (slash == pattern + n - 1 && n > 1)
				? "**/"
				: "";
		if (pattern[0] == '/') {
			pattern++;
			n--;
			lead = "";
		}
		size_t m = n;
		if (m > 0 && pattern[m - 1] == '/')
			m--;
		size_t l = strlen(lead);
		memcpy(buf, lead, l);
		memcpy(buf + l, pattern, m);
		buf[l + m] = '\0';
		pat = buf;
	}
	if (match(pat, path))
		return true;
	/* A match on a directory covers what is below it. */
	char prefix[1024];
	for (const char *slash = strchr(path, '/'); slash != NULL;
	     slash = strchr(slash + 1, '/')) {
		size_t k = (size_t)(slash - path);
		if (k >= sizeof prefix)
			break;
		memcpy(prefix, path, k);
		prefix[k] = '\0';
		if (match(pat, prefix))
			return true;
	}
	return false;
}

const char *
glob_check(const char *pattern)
{
	if (pattern[0] == '\0')
		return "an empty pattern";
	if (strlen(pattern) >= 1000)
		return "a pattern longer than 1000 characters";
	int depth = 0;
	for (const char *p = pattern; *p; p++) {
		if (*p == '[')
			depth++;
		else if (*p == ']' && depth > 0)
			depth--;
		else if (*p == '\\')
			return "a backslash (write paths with '/')";
	}
	if (depth != 0)
		return "an unclosed '['";
	if (strstr(pattern, "..") != NULL)
		return "'..' (patterns are relative to the workspace root)";
	return NULL;
}
