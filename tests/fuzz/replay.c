/*
 * Replays a corpus through the fuzz target's entry point, so that CI runs
 * the seeds (and every crash once committed there) without clang:
 * `fuzz_replay DIR...` feeds each file of each DIR to
 * LLVMFuzzerTestOneInput and prints one line per file.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "fuzz_replay: %s: cannot open\n", path);
		return -1;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap);
		}
		size_t k = fread(buf + len, 1, cap - len, f);
		if (k == 0)
			break;
		len += k;
	}
	fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	printf("ok   %s (%zu bytes)\n", path, len);
	return 0;
}

static int
compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	xalloc_install_tree_sitter();
	int n = 0, bad = 0;
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		if (d == NULL) {
			fprintf(stderr, "fuzz_replay: %s: cannot open\n",
				argv[i]);
			return 2;
		}
		char **names = NULL;
		size_t count = 0;
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			names = xreallocarray(names, count + 1, sizeof *names);
			names[count++] = xasprintf("%s/%s", argv[i], e->d_name);
		}
		closedir(d);
		qsort(names, count, sizeof *names, compare);
		for (size_t k = 0; k < count; k++) {
			if (replay_file(names[k]) < 0)
				bad++;
			else
				n++;
			free(names[k]);
		}
		free(names);
	}
	printf("%d passed, %d failed\n", n, bad);
	return bad || n == 0 ? 1 : 0;
}
