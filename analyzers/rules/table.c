/*
 * The rule table, generated from rules/list.h.
 */
#include "rule.h"

#define RULE(file) extern const struct sf_rule file##_rule;
#include "list.h"
#undef RULE

const struct sf_rule *const rule_table[] = {
#define RULE(file) &file##_rule,
#include "list.h"
#undef RULE
};

const size_t rule_count = sizeof rule_table / sizeof *rule_table;
