/*
 * libFuzzer target on the regular-expression parser and ambiguity check
 * behind JS105: the first byte chooses the flags, the rest is the pattern.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "regex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const flags[] = {NULL, "", "u", "v", "i", "gimsuy"};
	if (size == 0)
		return 0;
	struct regex_result r;
	regex_check((const char *)data + 1, size - 1,
		    flags[data[0] % (sizeof flags / sizeof *flags)], &r);
	/* What the check says about places is inside the pattern. */
	if (r.verdict == REGEX_EXPONENTIAL &&
	    (r.loop_end > size - 1 || r.fail_end > size - 1 ||
	     r.loop_start > r.loop_end || r.fail_start > r.fail_end))
		abort();
	if (r.verdict == REGEX_INVALID &&
	    (r.error == NULL || r.error_at > size - 1))
		abort();
	return 0;
}
