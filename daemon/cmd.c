/*
 * What every command shares (cmd.h): usage lines and errors, and the
 * options of a command that takes none. In the library, not in main.c,
 * so that the commands' code links without the entry point (the fuzz
 * targets, the tests).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>

#include "util/escape.h"

void
cmd_print_usage(FILE *out, const struct cmd_entry *cmd)
{
	fprintf(out, "usage: stackfit %s %s\n", cmd->name, cmd->usage);
}

int
cmd_usage_error(const struct cmd_entry *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	escape_vnote(stderr, fmt, ap); /* it may name a file */
	va_end(ap);
	if (cmd != NULL)
		cmd_print_usage(stderr, cmd);
	return EXIT_USAGE;
}

int
cmd_option_error(const struct cmd_entry *cmd, int c, char **argv)
{
	return cmd_usage_error(cmd,
			       c == ':' ? "option '%s' needs a value"
					: "unknown option '%s'",
			       argv[optind - 1]);
}

int
cmd_parse_help_only(const struct cmd_entry *cmd, int argc, char **argv)
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'h') {
			cmd_print_usage(stdout, cmd);
			return EXIT_CLEAN;
		}
		return cmd_option_error(cmd, c, argv);
	}
	return -1;
}
