/* Writing a report to a file by rename (report_file.h). */
#include "report_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "language.h"
#include "util/xalloc.h"

/* Files of a workspace that stackfit reads: sources, its configuration,
 * and the manifests and configurations the language families read. */
static bool
read_by_stackfit(const char *path)
{
	if (language_for_path(path) != NULL)
		return true;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	return strcmp(base, ".stackfit.json") == 0 ||
	       language_manifest_family(base) != NULL ||
	       language_config_family(base) != NULL;
}

static void
finish(struct report_file *rf)
{
	free(rf->path);
	free(rf->tmp);
	*rf = (struct report_file){0};
}

int
report_file_open(struct report_file *rf, const char *path, char **cause)
{
	*rf = (struct report_file){0};
	struct stat st;
	bool exists = lstat(path, &st) == 0;
	if (!exists && errno != ENOENT) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (exists && S_ISLNK(st.st_mode)) {
		*cause = xasprintf("%s: is a symbolic link; refusing to write "
				   "the report through it (name the file it "
				   "points to, or leave out --output)",
				   path);
		return -1;
	}
	if (exists && S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: is a directory", path);
		return -1;
	}
	if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
		rf->out = fopen(path, "w");
		if (rf->out == NULL) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			return -1;
		}
		rf->path = xstrdup(path);
		return 0;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		return -1;
	}
	if (exists && read_by_stackfit(path)) {
		*cause = xasprintf("%s: refusing to replace a file stackfit "
				   "reads (a source, configuration or "
				   "manifest) with the report",
				   path);
		return -1;
	}
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path + 1))
			  : xstrdup("");
	rf->tmp = xasprintf("%s.%s.stackfit-XXXXXX", dir,
			    slash ? slash + 1 : path);
	free(dir);
	int fd = mkstemp(rf->tmp);
	if (fd < 0) {
		*cause = xasprintf("%s: cannot create a file beside it: %s",
				   path, strerror(errno));
		finish(rf);
		return -1;
	}
	/* The mode a plain open would give: the old file's, else 0666 less
	 * the umask (mkstemp made it 0600). */
	mode_t mode = st.st_mode & 07777;
	if (!exists) {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	(void)fchmod(fd, mode);
	rf->out = fdopen(fd, "w");
	if (rf->out == NULL) {
		*cause = xasprintf("%s: %s", rf->tmp, strerror(errno));
		close(fd);
		report_file_abort(rf);
		return -1;
	}
	rf->path = xstrdup(path);
	return 0;
}

int
report_file_commit(struct report_file *rf, char **cause)
{
	if (rf->tmp == NULL) {
		int rc = fclose(rf->out);
		if (rc != 0)
			*cause = xasprintf("%s: %s", rf->path, strerror(errno));
		finish(rf);
		return rc == 0 ? 0 : -1;
	}
	int rc = fflush(rf->out) == 0 && fsync(fileno(rf->out)) == 0 ? 0 : -1;
	int err = errno;
	if (fclose(rf->out) != 0 && rc == 0) {
		rc = -1;
		err = errno;
	}
	rf->out = NULL;
	/* A symbolic link put there since the start is replaced itself
	 * (rename does not follow it): never written through. */
	if (rc == 0 && rename(rf->tmp, rf->path) != 0) {
		rc = -1;
		err = errno;
	}
	if (rc != 0) {
		*cause = xasprintf("%s: %s", rf->path, strerror(err));
		report_file_abort(rf);
		return -1;
	}
	finish(rf);
	return 0;
}

void
report_file_abort(struct report_file *rf)
{
	if (rf->out != NULL)
		fclose(rf->out);
	if (rf->tmp != NULL)
		unlink(rf->tmp);
	finish(rf);
}
