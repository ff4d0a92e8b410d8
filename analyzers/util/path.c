/* Root-relative paths: joining, folding `.` and `..`, folders. */
#include "path.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool
path_printf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n >= 0 && (size_t)n < size;
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
