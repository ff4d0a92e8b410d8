/*
 * JS105 catastrophic-regex: a regex literal or `new RegExp("literal")`
 * whose pattern can backtrack exponentially (the ambiguity check of
 * regex.h). Wherever the pattern is written — a regex compiled at start-up
 * is matched later, on requests — except in tests and build files.
 */
#include "rule.h"

#include <string.h>

#include "../regex.h"

extern const char js105_catastrophic_regex_doc[];

/* Sub-patterns are quoted in messages up to this many bytes. */
#define JS105_QUOTE_MAX 48

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	if (f->flags & (SF_FILE_TEST | SF_FILE_CONFIG))
		return;
	for (uint32_t i = 0; i < f->regexes.n; i++) {
		const struct sf_regex *re = &f->regexes.v[i];
		size_t len = strlen(re->pattern);
		struct regex_result r;
		regex_check(re->pattern, len, re->flags, &r);
		if (r.verdict != REGEX_EXPONENTIAL)
			continue;
		/* In a literal the pattern is the source text after the
		 * slash: point at the repeated part. */
		struct sf_span span = re->span;
		bool literal = span.start < ctx->len &&
			       ctx->src[span.start] == '/' &&
			       span.start_row == span.end_row;
		if (literal) {
			span.start = re->span.start + 1 + r.loop_start;
			span.end = re->span.start + 1 + r.loop_end;
			span.start_col = re->span.start_col + 1 + r.loop_start;
			span.end_col = re->span.start_col + 1 + r.loop_end;
		}
		int loop_n = (int)(r.loop_end - r.loop_start);
		int fail_n = (int)(r.fail_end - r.fail_start);
		struct sf_diagnostic *d = rule_report(
			ctx, span,
			"regular expression can take exponential time: "
			"`%.*s%s` can match the same text in more than one "
			"way, and `%.*s%s` after it can fail",
			loop_n > JS105_QUOTE_MAX ? JS105_QUOTE_MAX : loop_n,
			re->pattern + r.loop_start,
			loop_n > JS105_QUOTE_MAX ? "…" : "",
			fail_n > JS105_QUOTE_MAX ? JS105_QUOTE_MAX : fail_n,
			re->pattern + r.fail_start,
			fail_n > JS105_QUOTE_MAX ? "…" : "");
		rule_help(d, "make the repetition unambiguous (`(\\w+)+` -> "
			     "`\\w+`, `(\\w+\\s?)*` -> `\\w+(\\s\\w+)*`), or "
			     "match untrusted input with a linear-time engine "
			     "such as re2");
	}
}

const struct sf_rule js105_catastrophic_regex_rule = {
	.id = "JS105",
	.name = "catastrophic-regex",
	.families = 1u << SF_FAMILY_JAVASCRIPT,
	.category = RULE_CAT_CPU,
	.scope = RULE_SCOPE_FILE,
	.path = RULE_PATH_SERVICE,
	.default_severity = SF_SEV_WARNING,
	.summary = "regular expression that can backtrack exponentially "
		   "((a+)+, (\\w+\\s?)*, (a|a)*)",
	.doc = js105_catastrophic_regex_doc,
	.check_file = check,
};
