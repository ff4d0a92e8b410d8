/*
 * Where a workspace's daemon lives, and base64 for the bytes that travel
 * in JSON strings (daemon_proto.h).
 */
#include "daemon_proto.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "summary.h"
#include "util/xalloc.h"

int
daemon_proto_paths(const char *root, struct daemon_paths *p, char **cause)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg != NULL && xdg[0] == '/')
		p->dir = xasprintf("%s/stackfit", xdg);
	else
		p->dir =
			xasprintf("/tmp/stackfit-%lu", (unsigned long)getuid());
	unsigned long long h = summary_hash_text(root, (uint32_t)strlen(root));
	p->socket = xasprintf("%s/%016llx.sock", p->dir, h);
	p->lock = xasprintf("%s/%016llx.lock", p->dir, h);
	p->log = xasprintf("%s/%016llx.log", p->dir, h);
	if (strlen(p->socket) > DAEMON_PROTO_PATH_MAX) {
		*cause = xasprintf("%s: longer than a socket's path may be "
				   "(%d bytes); set XDG_RUNTIME_DIR to a "
				   "shorter folder",
				   p->socket, DAEMON_PROTO_PATH_MAX);
		daemon_proto_paths_finish(p);
		return -1;
	}
	return 0;
}

void
daemon_proto_paths_finish(struct daemon_paths *p)
{
	if (p == NULL)
		return;
	free(p->dir);
	free(p->socket);
	free(p->lock);
	free(p->log);
	*p = (struct daemon_paths){0};
}

int
daemon_proto_private_dir(const char *dir, bool create, char **cause)
{
	if (create && mkdir(dir, 0700) < 0 && errno != EEXIST) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		return -1;
	}
	struct stat st;
	if (lstat(dir, &st) < 0) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
		*cause = xasprintf("%s: not a folder of this user's; "
				   "refusing to use it",
				   dir);
		return -1;
	}
	if ((st.st_mode & 077) != 0) {
		if (!create || chmod(dir, 0700) < 0) {
			*cause = xasprintf("%s: others may enter it (mode "
					   "%03o); refusing to use it",
					   dir, (unsigned)(st.st_mode & 0777));
			return -1;
		}
	}
	return 0;
}

bool
daemon_proto_good_path(const char *s, size_t len)
{
	if (len == 0 || s[0] == '/' || memchr(s, '\0', len) != NULL)
		return false;
	for (const char *p = s; p != NULL; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0'))
			return false;
	}
	return true;
}

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void
daemon_proto_base64_encode(struct strbuf *out, const void *data, size_t n)
{
	const unsigned char *p = data;
	char q[4];
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64[v >> 18 & 63];
		q[1] = b64[v >> 12 & 63];
		q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		strbuf_append(out, q, 4);
	}
}

static int
b64_value(char c)
{
	const char *at = c != '\0' ? strchr(b64, c) : NULL;
	return at ? (int)(at - b64) : -1;
}

int
daemon_proto_base64_decode(struct strbuf *out, const char *s, size_t len)
{
	if (len % 4 != 0)
		return -1;
	for (size_t i = 0; i < len; i += 4) {
		bool last = i + 4 == len;
		int v[4];
		for (int k = 0; k < 4; k++)
			v[k] = b64_value(s[i + (size_t)k]);
		/* '=' only at the end: "xx==" or "xxx=". */
		int pad = 0;
		if (last && s[i + 3] == '=') {
			pad = s[i + 2] == '=' ? 2 : 1;
			v[3] = 0;
			if (pad == 2)
				v[2] = 0;
		}
		if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[3] < 0)
			return -1;
		uint32_t w = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 |
			     (uint32_t)v[2] << 6 | (uint32_t)v[3];
		char b[3] = {(char)(w >> 16), (char)(w >> 8), (char)w};
		strbuf_append(out, b, (size_t)(3 - pad));
	}
	return 0;
}

void
daemon_proto_exe_id(char *buf, size_t n)
{
	struct stat st;
	char id[128];
	if (stat("/proc/self/exe", &st) < 0)
		snprintf(id, sizeof id, "unknown");
	else
		snprintf(id, sizeof id, "%llu:%llu:%lld:%lld.%09ld",
			 (unsigned long long)st.st_dev,
			 (unsigned long long)st.st_ino, (long long)st.st_size,
			 (long long)st.st_mtim.tv_sec,
			 (long)st.st_mtim.tv_nsec);
	snprintf(buf, n, "%016llx",
		 (unsigned long long)summary_hash_text(id,
						       (uint32_t)strlen(id)));
}

/* Whether path (a folder) looks like a git directory: what git asks of
 * one before it uses it. */
static bool
git_dir_like(const char *path)
{
	char *head = xasprintf("%s/HEAD", path);
	char *objects = xasprintf("%s/objects", path);
	bool yes = access(head, F_OK) == 0 && access(objects, F_OK) == 0;
	free(head);
	free(objects);
	return yes;
}

char *
daemon_proto_find_root(bool *in_git)
{
	/* What git decides from its environment, its ceilings and file
	 * systems is git's to say. */
	static const char *const env[] = {
		"GIT_DIR",
		"GIT_WORK_TREE",
		"GIT_CEILING_DIRECTORIES",
		"GIT_DISCOVERY_ACROSS_FILESYSTEM",
		"GIT_COMMON_DIR",
	};
	for (size_t i = 0; i < sizeof env / sizeof *env; i++)
		if (getenv(env[i]) != NULL)
			return NULL;
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof cwd) == NULL || cwd[0] != '/')
		return NULL;
	/* Inside a git directory, or in a bare repository. */
	if (strstr(cwd, "/.git/") != NULL ||
	    (strlen(cwd) >= 5 && strcmp(cwd + strlen(cwd) - 5, "/.git") == 0) ||
	    git_dir_like(cwd))
		return NULL;
	struct stat here;
	if (stat(cwd, &here) < 0)
		return NULL;
	char dir[PATH_MAX];
	memcpy(dir, cwd, strlen(cwd) + 1);
	for (;;) {
		char *dotgit =
			xasprintf("%s/.git", strcmp(dir, "/") ? dir : "");
		struct stat st;
		int rc = lstat(dotgit, &st);
		bool good = rc == 0 && st.st_uid == geteuid() &&
			    ((S_ISDIR(st.st_mode) && git_dir_like(dotgit)) ||
			     S_ISREG(st.st_mode));
		free(dotgit);
		if (rc == 0 && !good)
			return NULL; /* git may see it otherwise */
		if (good) {
			*in_git = true;
			return xstrdup(dir);
		}
		if (strcmp(dir, "/") == 0)
			break;
		char *slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		struct stat up;
		/* git stops at a file system's edge. */
		if (stat(dir, &up) < 0 || up.st_dev != here.st_dev)
			return NULL;
	}
	*in_git = false;
	return xstrdup(cwd);
}
