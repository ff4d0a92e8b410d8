/*
 * stackfit: the entry point and the command table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "language.h"
#include "util/xalloc.h"

static const struct cmd_entry *const cmd_table[] = {
	&cmd_audit_entry, &cmd_check_entry,   &cmd_baseline_entry,
	&cmd_fix_entry,   &cmd_daemon_entry,  &cmd_merge_entry,
	&cmd_rules_entry, &cmd_explain_entry, &cmd_lsp_entry,
};

#define NCOMMANDS (sizeof cmd_table / sizeof *cmd_table)

static void
usage(FILE *out)
{
	fputs("usage: stackfit COMMAND [OPTIONS] [ARGS]\n"
	      "\n"
	      "Finds where JavaScript and TypeScript (Node.js) and Python code "
	      "fights its\nruntime's concurrency model.\n\ncommands:\n",
	      out);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-9s %s\n", cmd_table[i]->name,
			cmd_table[i]->summary);
	fputs("\noptions:\n"
	      "  -h, --help     show this help (or `stackfit COMMAND --help`)\n"
	      "  -V, --version  show the version\n"
	      "\nexit status: 0 no findings at or above --fail-on, 1 findings, "
	      "2 usage,\nconfiguration or input error.\n",
	      out);
}

int
main(int argc, char **argv)
{
	xalloc_install_tree_sitter();
	char *cause = NULL;
	if (language_check_abi(&cause) < 0) {
		fprintf(stderr, "stackfit: %s\n", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 ||
	    strcmp(name, "help") == 0) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(name, "-V") == 0 || strcmp(name, "--version") == 0) {
		printf("stackfit %s\n", STACKFIT_VERSION);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, cmd_table[i]->name) == 0) {
			if (!cmd_table[i]->serves)
				xalloc_one_shot();
			return cmd_table[i]->exec(argc - 1, argv + 1);
		}
	if (name[0] == '-')
		fprintf(stderr, "stackfit: unknown option '%s'\n", name);
	else
		fprintf(stderr, "stackfit: unknown command '%s'\n", name);
	usage(stderr);
	return EXIT_USAGE;
}
