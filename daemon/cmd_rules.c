/*
 * `stackfit rules`: the rule catalogue, one line per rule.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "rules/rule.h"

static int
exec_rules(int argc, char **argv)
{
	int rc = cmd_parse_help_only(&cmd_rules_entry, argc, argv);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return cmd_usage_error(&cmd_rules_entry,
				       "unexpected argument '%s'",
				       argv[optind]);
	for (size_t i = 0; i < rule_count; i++) {
		const struct sf_rule *r = rule_table[i];
		printf("%-6s %-30s %-8s %s\n", r->id, r->name,
		       severity_name(r->default_severity), r->summary);
	}
	return EXIT_CLEAN;
}

const struct cmd_entry cmd_rules_entry = {
	.name = "rules",
	.usage = "",
	.summary = "list the rules: id, name, default severity, what it flags",
	.exec = exec_rules,
};
