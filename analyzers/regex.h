/*
 * Regex: a parser for JavaScript regular expressions and the ambiguity
 * check behind JS105 (catastrophic backtracking).
 *
 * A backtracking engine (V8's Irregexp, like most) takes exponential time
 * on a failing match when part of the pattern can match the same text in
 * more than one way and is repeated: `(a+)+`, `(\w+\s?)*`, `(a|a)*`. The
 * check builds the position automaton (Glushkov) of the pattern, counting
 * how many ways each transition arises, and looks in the product of the
 * automaton with itself for a strongly connected component that holds both
 * a pair of equal positions and a pair of different ones, or a transition
 * that arises twice: then two different paths read the same text around a
 * loop, and their number doubles with each turn (exponential degree of
 * ambiguity, Weideman et al. 2016). `[a-z]+(-[a-z]+)*` has no such
 * component and is safe.
 *
 * The blow-up needs a match to fail after the loop, so a finding also
 * needs something after the loop that can fail (`$`, `@`, a lookahead);
 * `(a+)+` alone at the end of a pattern matches at once.
 *
 * Characters are compared as sets over Latin-1 plus hashed buckets for the
 * rest of Unicode; `\p{...}` classes are approximated by their ASCII part.
 * Lookaround contents do not consume and are left out; a backreference is
 * an optional "any character". Nothing recurses on the pattern's nesting.
 */
#ifndef SF_REGEX_H
#define SF_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits: longer patterns and more character positions are not checked
 * (the check answers "safe"); the product automaton's search stops after
 * REGEX_MAX_STEPS transitions. */
#define REGEX_MAX_PATTERN   8192
#define REGEX_MAX_POSITIONS 128
#define REGEX_MAX_STEPS     4000000u
/* A bounded repetition `{n,m}` counts as a loop for the check when m is at
 * least this (`(\w+){1,2}` cannot blow up; `(\w+){1,20}` can). */
#define REGEX_BOUNDED_LOOP_MIN 4

enum regex_verdict {
	REGEX_SAFE,
	REGEX_EXPONENTIAL,
	REGEX_INVALID,   /* not a valid pattern: error, error_at say why */
	REGEX_UNCHECKED, /* beyond the limits, or syntax we do not model */
};

struct regex_result {
	enum regex_verdict verdict;
	/* REGEX_EXPONENTIAL: the repeated sub-pattern that can match the same
	 * text in more than one way, and the element after it that can make
	 * the match fail (fail_start == fail_end when it is the pattern's end
	 * under an anchor), as byte offsets into the pattern. */
	uint32_t loop_start, loop_end;
	uint32_t fail_start, fail_end;
	/* REGEX_INVALID: a static message and the byte offset it is about. */
	const char *error;
	uint32_t error_at;
};

/* Checks the pattern (len bytes, the text between a literal's slashes, or
 * a string's value) under flags ("gimsuyv", any order; NULL for none). */
void regex_check(const char *pattern, size_t len, const char *flags,
		 struct regex_result *out);

#endif
