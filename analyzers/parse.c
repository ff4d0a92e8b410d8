/* Parsing through ts_parser_parse_with_options, whose progress callback is
 * the supported way to cancel (the timeout calls are deprecated). */
#include "parse.h"

#include <stdlib.h>

#include "util/xalloc.h"

struct sf_parser {
	TSParser *ts;
	const struct sf_language *lang; /* the language ts is set to */
	bool gave_up;                   /* the last parse's budget ran out */
};

struct sf_parser *
parser_create(void)
{
	struct sf_parser *p = xcalloc(1, sizeof *p);
	p->ts = ts_parser_new();
	return p;
}

void
parser_destroy(struct sf_parser *p)
{
	if (p == NULL)
		return;
	ts_parser_delete(p->ts);
	free(p);
}

struct input {
	const char *src;
	uint32_t len;
};

static const char *
read_input(void *payload, uint32_t byte, TSPoint pos, uint32_t *bytes_read)
{
	(void)pos;
	const struct input *in = payload;
	if (byte >= in->len) {
		*bytes_read = 0;
		return "";
	}
	*bytes_read = in->len - byte;
	return in->src + byte;
}

struct progress {
	const atomic_bool *cancel;
	uint64_t checks, budget;
};

static bool
progress(TSParseState *state)
{
	struct progress *pr = state->payload;
	if (++pr->checks > pr->budget)
		return true;
	return pr->cancel != NULL &&
	       atomic_load_explicit(pr->cancel, memory_order_relaxed);
}

TSTree *
parser_parse(struct sf_parser *p, const struct sf_language *lang,
	     const char *src, uint32_t len, const TSTree *old,
	     const atomic_bool *cancel)
{
	if (p->lang != lang) {
		/* The ABI was checked at start-up (language_check_abi). */
		ts_parser_set_language(p->ts, lang->grammar());
		p->lang = lang;
	}
	xalloc_hint_heap();
	struct input in = {src, len};
	TSInput input = {
		.payload = &in,
		.read = read_input,
		.encoding = TSInputEncodingUTF8,
		.decode = NULL,
	};
	struct progress pr = {
		.cancel = cancel,
		.budget = ((uint64_t)len + 4096) * PARSE_CHECKS_PER_KIB / 1024,
	};
	TSParseOptions options = {
		.payload = &pr,
		.progress_callback = progress,
	};
	TSTree *tree = ts_parser_parse_with_options(p->ts, old, input, options);
	p->gave_up = tree == NULL && pr.checks > pr.budget;
	if (tree == NULL)
		ts_parser_reset(p->ts);
	return tree;
}

bool
parser_gave_up(const struct sf_parser *p)
{
	return p->gave_up;
}
