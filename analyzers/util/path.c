/* Root-relative paths: joining, folding `.` and `..`, folders. */
#include "path.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Whether fmt has no conversion but %s (and no %%): the formats module
 * resolution builds paths with, thousands of times a file. */
static bool
only_strings(const char *fmt)
{
	for (const char *p = strchr(fmt, '%'); p != NULL;
	     p = strchr(p + 2, '%'))
		if (p[1] != 's')
			return false;
	return true;
}

bool
path_printf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (size == 0 || !only_strings(fmt)) {
		int n = vsnprintf(buf, size, fmt, ap);
		va_end(ap);
		return n >= 0 && (size_t)n < size;
	}
	/* The same as vsnprintf, without its cost: copy literals and
	 * strings, truncate at size - 1, say whether all of it fitted. */
	size_t len = 0;
	bool fits = true;
	for (const char *p = fmt; *p != '\0';) {
		const char *piece = p;
		size_t n;
		if (p[0] == '%') {
			piece = va_arg(ap, const char *);
			n = strlen(piece);
			p += 2;
		} else {
			const char *pct = strchr(p, '%');
			n = pct ? (size_t)(pct - p) : strlen(p);
			p += n;
		}
		if (n > size - 1 - len) {
			n = size - 1 - len;
			fits = false;
		}
		memcpy(buf + len, piece, n);
		len += n;
		if (!fits)
			break;
	}
	va_end(ap);
	buf[len] = '\0';
	return fits;
}

const char *
path_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

void
path_dir(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	if (n >= size)
		n = size - 1;
	memcpy(buf, path, n);
	buf[n] = '\0';
}

bool
path_join(const char *dir, const char *rel, char *out, size_t size)
{
	char tmp[PATH_BUILD_MAX];
	if (!(dir[0] ? path_printf(tmp, sizeof tmp, "%s/%s", dir, rel)
		     : path_printf(tmp, sizeof tmp, "%s", rel)))
		return false;
	size_t len = 0;
	out[0] = '\0';
	for (char *seg = tmp; seg != NULL;) {
		char *slash = strchr(seg, '/');
		if (slash)
			*slash = '\0';
		if (strcmp(seg, "..") == 0) {
			if (len == 0)
				return false;
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			out[len] = '\0';
		} else if (seg[0] != '\0' && strcmp(seg, ".") != 0) {
			size_t sl = strlen(seg);
			if (len + sl + 2 > size)
				return false;
			if (len > 0)
				out[len++] = '/';
			memcpy(out + len, seg, sl + 1);
			len += sl;
		}
		seg = slash ? slash + 1 : NULL;
	}
	return true;
}
