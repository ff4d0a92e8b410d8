/*
 * `stackfit explain ID`: a rule's documentation (what it flags, why it hurts
 * on its runtime, an example, what to write instead).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "engine.h"
#include "rules/rule.h"
#include "suppression.h"

static int
exec_explain(int argc, char **argv)
{
	int rc = cmd_parse_help_only(&cmd_explain_entry, argc, argv);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return cmd_usage_error(&cmd_explain_entry,
				       "expected exactly one rule id");
	/* Not a rule of the catalogue, but a finding all the same. */
	if (strcmp(argv[optind], SUPPRESSION_RULE) == 0) {
		fputs(suppression_doc, stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(argv[optind], ENGINE_SYNTAX_RULE) == 0) {
		fputs(syntax_doc, stdout);
		return EXIT_CLEAN;
	}
	const struct sf_rule *r = rule_find(argv[optind]);
	if (r == NULL) {
		fprintf(stderr,
			"stackfit: unknown rule '%s' (`stackfit rules` lists "
			"them)\n",
			argv[optind]);
		return EXIT_USAGE;
	}
	fputs(r->doc, stdout);
	return EXIT_CLEAN;
}

const struct cmd_entry cmd_explain_entry = {
	.name = "explain",
	.usage = "ID",
	.summary = "explain a rule: what it flags, why, and what to write "
		   "instead",
	.exec = exec_explain,
};
