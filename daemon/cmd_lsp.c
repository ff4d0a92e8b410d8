/*
 * `stackfit lsp`: the language server on stdin/stdout, for editors
 * (server.h). `--stdio` is accepted because generic LSP clients pass it.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "server.h"

static int
exec_lsp(int argc, char **argv)
{
	static const struct option options[] = {
		{"stdio", no_argument, NULL, 's'},
		{"no-scan", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct server_options o = {
		.scan = true,
		.watch = true,
		.solve_delay = -1,
		.log = stderr,
	};
	const struct cmd_entry *cmd = &cmd_lsp_entry;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 's':
			break;
		case 'n':
			o.scan = false;
			o.watch = false;
			break;
		case 'h':
			cmd_print_usage(stdout, cmd);
			fputs("\nSpeaks LSP 3.17 (JSON-RPC with Content-Length "
			      "framing) on stdin/stdout.\n\noptions:\n"
			      "      --stdio    accepted for generic clients "
			      "(the default)\n"
			      "      --no-scan  analyse open files only: no "
			      "workspace scan, no watching\n",
			      stdout);
			return EXIT_CLEAN;
		default:
			return cmd_option_error(cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(cmd, "unexpected argument '%s'",
				       argv[optind]);
	return server_run_stdio(&o);
}

const struct cmd_entry cmd_lsp_entry = {
	.name = "lsp",
	.usage = "[--stdio] [--no-scan]",
	.summary = "run the language server on stdin/stdout (for editors)",
	.exec = exec_lsp,
	.serves = true,
};
