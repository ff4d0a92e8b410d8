/*
 * Commands: each is one file exporting one cmd_entry, listed once in
 * main.c's command table.
 */
#ifndef SF_CMD_H
#define SF_CMD_H

#include <stdbool.h>
#include <stdio.h>

struct cmd_entry {
	const char *name;
	const char *usage;   /* arguments after the name */
	const char *summary; /* one line for `stackfit --help` */
	/* Runs the command; argv[0] is its name. Returns the exit code. */
	int (*exec)(int argc, char **argv);
	/* Runs until stopped, analysing again and again (the language server,
	 * the daemon): keeps the allocator's defaults. Every other command
	 * analyses a batch and exits (xalloc_one_shot). */
	bool serves;
};

extern const struct cmd_entry cmd_audit_entry;
extern const struct cmd_entry cmd_rules_entry;
extern const struct cmd_entry cmd_explain_entry;
extern const struct cmd_entry cmd_lsp_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_daemon_entry;
extern const struct cmd_entry cmd_baseline_entry;
extern const struct cmd_entry cmd_fix_entry;
extern const struct cmd_entry cmd_merge_entry;

/* Exit codes, the same for every command: nothing at or above --fail-on,
 * findings, usage or input error. */
#define EXIT_CLEAN    0
#define EXIT_FINDINGS 1
#define EXIT_USAGE    2

/* Prints "stackfit: <message>" and the command's usage to stderr and
 * returns EXIT_USAGE. */
int cmd_usage_error(const struct cmd_entry *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The usage error for what getopt_long returned as c (with opterr 0 and
 * an optstring starting with ':'): an option missing its value (':') or
 * one the command does not know. Returns EXIT_USAGE. */
int cmd_option_error(const struct cmd_entry *cmd, int c, char **argv);
/* Parses the options of a command that takes none but --help. Returns -1
 * to go on (positional arguments start at optind), else the exit code. */
int cmd_parse_help_only(const struct cmd_entry *cmd, int argc, char **argv);
/* Prints the command's usage line to out. */
void cmd_print_usage(FILE *out, const struct cmd_entry *cmd);

#endif
