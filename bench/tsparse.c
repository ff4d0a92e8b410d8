/*
 * tsparse: the physical-limit baseline for `stackfit audit` (bench/README.md).
 *
 * It finds the files stackfit audits (.js .mjs .cjs .jsx, .ts .tsx .mts
 * .cts but not the .d.ts declarations, .py; the same skipped directories, the
 * same size and binary limits; .gitignore is not read, and the corpora of
 * corpora.sh have none), reads each one, parses it with tree-sitter and deletes
 * the tree without looking at it. Nothing else happens, so its wall time is
 * what this design cannot beat: `stackfit audit` is held to at most 1.2x of it,
 * and to a 1.8x speed-up from one to two jobs.
 *
 * Usage: tsparse [--jobs N] [--order size|walk] [--walk] PATH...
 * Prints "N files, M bytes parsed" to stderr; exit 0, or 2 on a usage or
 * start-up error. Files that cannot be read are skipped and counted.
 *
 * --walk also visits every node of each tree with one TSTreeCursor, doing
 * nothing with it (it counts them, so that the walk is not optimised
 * away), before deleting the tree: the limit of a design that looks at
 * every node once, which is stackfit's (the "parse-and-walk" baseline).
 *
 * Files are handed to the workers largest first (--order size, the default),
 * so that one large file met last cannot leave the other workers idle at the
 * end; --order walk keeps the order of the walk. On the two corpora of
 * corpora.sh the difference is within the noise of a 2-CPU VM.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);
const TSLanguage *tree_sitter_python(void);

/* Files larger than this are skipped, as stackfit skips them. */
#define TSPARSE_MAX_FILE_SIZE (5 * 1024 * 1024)
#define TSPARSE_MAX_JOBS      256

enum lang { LANG_NONE = -1, LANG_JS, LANG_TS, LANG_TSX, LANG_PY, LANG_COUNT };

static const struct {
	const char *name;
	const TSLanguage *(*grammar)(void);
} grammars[LANG_COUNT] = {
	[LANG_JS] = {"javascript", tree_sitter_javascript},
	[LANG_TS] = {"typescript", tree_sitter_typescript},
	[LANG_TSX] = {"tsx", tree_sitter_tsx},
	[LANG_PY] = {"python", tree_sitter_python},
};

/* Directories never entered, as stackfit's workspace skips them:
 * node_modules, virtualenvs, dist, build. */
static const char *const skipped_dirs[] = {
	".git", "node_modules", "dist", "build", ".venv", "venv",
};

static const struct {
	const char *ext;
	enum lang lang;
} extensions[] = {
	{".js", LANG_JS},  {".mjs", LANG_JS},  {".cjs", LANG_JS},
	{".jsx", LANG_JS}, {".ts", LANG_TS},   {".mts", LANG_TS},
	{".cts", LANG_TS}, {".tsx", LANG_TSX}, {".py", LANG_PY},
};

/* Declaration files, which stackfit skips. */
static const char *const declarations[] = {".d.ts", ".d.mts", ".d.cts"};

struct file {
	char *path;
	enum lang lang;
	off_t size; /* at walk time; only orders the work */
};

struct file_list {
	struct file *items;
	size_t len, cap;
};

struct path_stack {
	char **items;
	size_t len, cap;
};

struct stats {
	uint64_t files, bytes;
	uint64_t too_large, binary, unreadable;
};

struct worker {
	pthread_t thread;
	const struct file_list *files;
	atomic_size_t *next;
	bool walk; /* --walk */
	struct stats stats;
	uint64_t nodes; /* visited with --walk */
};

/* Every node of tree, depth first, with one cursor. */
static uint64_t
walk_tree(TSTree *tree)
{
	TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	uint64_t n = 1;
	for (;;) {
		if (ts_tree_cursor_goto_first_child(&c)) {
			n++;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
		}
		n++;
	}
}

static void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p) {
		fputs("tsparse: out of memory\n", stderr);
		abort();
	}
	return p;
}

static void *
xrealloc(void *old, size_t size)
{
	void *p = realloc(old, size ? size : 1);
	if (!p) {
		fputs("tsparse: out of memory\n", stderr);
		abort();
	}
	return p;
}

static char *
join_path(const char *dir, const char *name)
{
	size_t dlen = strlen(dir), nlen = strlen(name);
	bool slash = dlen > 0 && dir[dlen - 1] != '/';
	char *p = xmalloc(dlen + slash + nlen + 1);
	memcpy(p, dir, dlen);
	if (slash)
		p[dlen] = '/';
	memcpy(p + dlen + slash, name, nlen + 1);
	return p;
}

static void
file_list_push(struct file_list *list, char *path, enum lang lang, off_t size)
{
	if (list->len == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 1024;
		list->items =
			xrealloc(list->items, list->cap * sizeof *list->items);
	}
	list->items[list->len++] =
		(struct file){.path = path, .lang = lang, .size = size};
}

static void
path_stack_push(struct path_stack *stack, char *path)
{
	if (stack->len == stack->cap) {
		stack->cap = stack->cap ? stack->cap * 2 : 64;
		stack->items = xrealloc(stack->items,
					stack->cap * sizeof *stack->items);
	}
	stack->items[stack->len++] = path;
}

static enum lang
lang_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name)
		return LANG_NONE;
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof declarations / sizeof *declarations;
	     i++) {
		size_t k = strlen(declarations[i]);
		if (n > k && strcmp(name + n - k, declarations[i]) == 0)
			return LANG_NONE;
	}
	for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
		if (strcmp(dot, extensions[i].ext) == 0)
			return extensions[i].lang;
	return LANG_NONE;
}

static bool
is_skipped_dir(const char *name)
{
	for (size_t i = 0; i < sizeof skipped_dirs / sizeof skipped_dirs[0];
	     i++)
		if (strcmp(name, skipped_dirs[i]) == 0)
			return true;
	return false;
}

static int
compare_size_desc(const void *a, const void *b)
{
	off_t x = ((const struct file *)a)->size,
	      y = ((const struct file *)b)->size;
	return (x < y) - (x > y);
}

/*
 * Walks `root` without recursion and appends every source file below it to
 * `files`. Symbolic links below the root are neither followed nor parsed;
 * unreadable directories are skipped. With `want_size`, each file's size is
 * read with lstat (else it is left 0).
 */
static void
collect_dir(const char *root, struct file_list *files, bool want_size)
{
	struct path_stack stack = {0};
	path_stack_push(&stack, join_path(root, ""));
	while (stack.len > 0) {
		char *dir_path = stack.items[--stack.len];
		DIR *dir = opendir(dir_path);
		if (!dir) {
			free(dir_path);
			continue;
		}
		struct dirent *entry;
		while ((entry = readdir(dir)) != NULL) {
			const char *name = entry->d_name;
			if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
				continue;
			unsigned char type = entry->d_type;
			char *path = join_path(dir_path, name);
			struct stat st = {0};
			bool have_stat = false;
			if (type == DT_UNKNOWN) {
				have_stat = lstat(path, &st) == 0;
				if (have_stat && S_ISDIR(st.st_mode))
					type = DT_DIR;
				else if (have_stat && S_ISREG(st.st_mode))
					type = DT_REG;
				else
					type = DT_LNK; /* gone, or not a file or
							  folder */
			}
			enum lang lang;
			if (type == DT_DIR && !is_skipped_dir(name)) {
				path_stack_push(&stack, path);
			} else if (type == DT_REG &&
				   (lang = lang_of(name)) != LANG_NONE) {
				if (want_size && !have_stat &&
				    lstat(path, &st) != 0)
					st.st_size = 0; /* vanished: the reader
							   will notice */
				file_list_push(files, path, lang, st.st_size);
			} else {
				free(path);
			}
		}
		closedir(dir);
		free(dir_path);
	}
	free(stack.items);
}

/* A path named on the command line is followed even if it is a symlink. */
static int
collect(const char *arg, struct file_list *files, bool want_size)
{
	struct stat st;
	if (stat(arg, &st) != 0) {
		fprintf(stderr, "tsparse: %s: %s\n", arg, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		collect_dir(arg, files, want_size);
		return 0;
	}
	enum lang lang = lang_of(arg);
	if (S_ISREG(st.st_mode) && lang != LANG_NONE) {
		size_t len = strlen(arg);
		char *path = xmalloc(len + 1);
		memcpy(path, arg, len + 1);
		file_list_push(files, path, lang, st.st_size);
	}
	return 0;
}

/*
 * Reads the whole of `path` into `*buf` (grown as needed; owned by the
 * caller). Returns its length, or -1 if it cannot be read or is too large
 * (then `*too_large` says which).
 */
static long
read_file(const char *path, char **buf, size_t *cap, bool *too_large)
{
	*too_large = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		goto fail;
	if (st.st_size > TSPARSE_MAX_FILE_SIZE) {
		*too_large = true;
		goto fail;
	}
	/* One spare byte lets a file that grew since fstat be noticed. */
	size_t want = (size_t)st.st_size + 1;
	if (*cap < want) {
		*buf = xrealloc(*buf, want);
		*cap = want;
	}
	size_t len = 0;
	while (len < want) {
		ssize_t n = read(fd, *buf + len, want - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > (size_t)st.st_size) {
		*too_large = len > TSPARSE_MAX_FILE_SIZE;
		if (*too_large)
			goto fail;
		/* Grew mid-read: parse what the size said, as a snapshot. */
		len = (size_t)st.st_size;
	}
	close(fd);
	return (long)len;
fail:
	close(fd);
	return -1;
}

static void *
worker_run(void *arg)
{
	struct worker *w = arg;
	TSParser *parsers[LANG_COUNT];
	/* Languages were checked in main, so these cannot fail. */
	for (int l = 0; l < LANG_COUNT; l++) {
		parsers[l] = ts_parser_new();
		ts_parser_set_language(parsers[l], grammars[l].grammar());
	}

	char *buf = NULL;
	size_t cap = 0;
	for (;;) {
		size_t i = atomic_fetch_add_explicit(w->next, 1,
						     memory_order_relaxed);
		if (i >= w->files->len)
			break;
		const struct file *f = &w->files->items[i];
		bool too_large;
		long len = read_file(f->path, &buf, &cap, &too_large);
		if (len < 0) {
			if (too_large)
				w->stats.too_large++;
			else
				w->stats.unreadable++;
			continue;
		}
		if (memchr(buf, '\0', (size_t)len)) {
			w->stats.binary++;
			continue;
		}
		TSTree *tree = ts_parser_parse_string(parsers[f->lang], NULL,
						      buf, (uint32_t)len);
		if (!tree) {
			w->stats.unreadable++;
			continue;
		}
		if (w->walk)
			w->nodes += walk_tree(tree);
		ts_tree_delete(tree);
		w->stats.files++;
		w->stats.bytes += (uint64_t)len;
	}
	free(buf);
	for (int l = 0; l < LANG_COUNT; l++)
		ts_parser_delete(parsers[l]);
	return NULL;
}

static bool
language_ok(const char *name, const TSLanguage *lang)
{
	uint32_t abi = ts_language_abi_version(lang);
	if (abi < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION ||
	    abi > TREE_SITTER_LANGUAGE_VERSION) {
		fprintf(stderr,
			"tsparse: %s grammar has ABI %u, core accepts %d..%d\n",
			name, (unsigned)abi,
			TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION,
			TREE_SITTER_LANGUAGE_VERSION);
		return false;
	}
	return true;
}

static void
usage(void)
{
	fputs("usage: tsparse [--jobs N] [--order size|walk] [--walk] "
	      "PATH...\n",
	      stderr);
}

static bool
parse_jobs(const char *s, unsigned *jobs)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(s, &end, 10);
	if (errno || end == s || *end || n < 1 || n > TSPARSE_MAX_JOBS)
		return false;
	*jobs = (unsigned)n;
	return true;
}

int
main(int argc, char **argv)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned jobs = online > 0 ? (unsigned)online : 1;
	if (jobs > TSPARSE_MAX_JOBS)
		jobs = TSPARSE_MAX_JOBS;

	struct file_list files = {0};
	int npaths = 0, status = 0;
	bool options = true, by_size = true, walk = false;
	const char **paths = xmalloc((size_t)argc * sizeof *paths);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (options &&
		    (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0)) {
			if (i + 1 >= argc || !parse_jobs(argv[++i], &jobs)) {
				fprintf(stderr,
					"tsparse: --jobs needs a number from 1 "
					"to %d\n",
					TSPARSE_MAX_JOBS);
				return 2;
			}
		} else if (options && strncmp(a, "--jobs=", 7) == 0) {
			if (!parse_jobs(a + 7, &jobs)) {
				fprintf(stderr,
					"tsparse: --jobs needs a number from 1 "
					"to %d\n",
					TSPARSE_MAX_JOBS);
				return 2;
			}
		} else if (options && strcmp(a, "--order") == 0) {
			const char *o = i + 1 < argc ? argv[++i] : "";
			if (strcmp(o, "size") != 0 && strcmp(o, "walk") != 0) {
				fputs("tsparse: --order is size or walk\n",
				      stderr);
				return 2;
			}
			by_size = strcmp(o, "size") == 0;
		} else if (options && strcmp(a, "--walk") == 0) {
			walk = true;
		} else if (options &&
			   (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
			usage();
			return 0;
		} else if (options && strcmp(a, "--") == 0) {
			options = false;
		} else if (options && a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "tsparse: unknown option %s\n", a);
			usage();
			return 2;
		} else {
			paths[npaths++] = a;
		}
	}
	if (npaths == 0) {
		usage();
		return 2;
	}
	for (int l = 0; l < LANG_COUNT; l++)
		if (!language_ok(grammars[l].name, grammars[l].grammar()))
			return 2;

	for (int i = 0; i < npaths; i++)
		if (collect(paths[i], &files, by_size) != 0)
			status = 2;
	free(paths);
	if (by_size)
		qsort(files.items, files.len, sizeof *files.items,
		      compare_size_desc);

	if (jobs > files.len && files.len > 0)
		jobs = (unsigned)files.len;
	atomic_size_t next = 0;
	struct worker *workers = xmalloc(jobs * sizeof *workers);
	for (unsigned j = 0; j < jobs; j++)
		workers[j] = (struct worker){
			.files = &files, .next = &next, .walk = walk};

	/* With one job the main thread does the work: no thread start-up cost.
	 */
	unsigned started = 1;
	for (unsigned j = 1; j < jobs; j++) {
		int err = pthread_create(&workers[j].thread, NULL, worker_run,
					 &workers[j]);
		if (err) {
			fprintf(stderr, "tsparse: cannot start thread: %s\n",
				strerror(err));
			break;
		}
		started++;
	}
	worker_run(&workers[0]);
	for (unsigned j = 1; j < started; j++)
		pthread_join(workers[j].thread, NULL);

	struct stats total = {0};
	uint64_t nodes = 0;
	for (unsigned j = 0; j < started; j++) {
		nodes += workers[j].nodes;
		total.files += workers[j].stats.files;
		total.bytes += workers[j].stats.bytes;
		total.too_large += workers[j].stats.too_large;
		total.binary += workers[j].stats.binary;
		total.unreadable += workers[j].stats.unreadable;
	}
	fprintf(stderr, "%llu files, %llu bytes parsed\n",
		(unsigned long long)total.files,
		(unsigned long long)total.bytes);
	if (walk)
		fprintf(stderr, "%llu nodes walked\n",
			(unsigned long long)nodes);
	if (total.too_large || total.binary || total.unreadable)
		fprintf(stderr,
			"skipped: %llu over %d bytes, %llu binary, %llu "
			"unreadable\n",
			(unsigned long long)total.too_large,
			TSPARSE_MAX_FILE_SIZE, (unsigned long long)total.binary,
			(unsigned long long)total.unreadable);

	for (size_t i = 0; i < files.len; i++)
		free(files.items[i].path);
	free(files.items);
	free(workers);
	return status;
}
