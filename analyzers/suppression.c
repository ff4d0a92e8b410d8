/*
 * Unused suppression comments: a line comment is used when a finding of
 * one of its ids (any id, for a bare `ignore`) on its line was silenced;
 * an `ignore-file` when any finding of its file was. What "would have been
 * reported" means is what the passes recorded, so the answer is the same
 * with and without the cache, which keeps those records with the
 * findings.
 */
#include "suppression.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/rule.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

const char suppression_summary[] =
	"a `stackfit: ignore` comment that suppresses nothing";

/* The silenced records of one file (pointers into the list). */
struct file_hits {
	VEC(const struct sf_silenced *) v;
	bool by_file;
};

static bool
line_hit(const struct file_hits *h, uint32_t row, const char *rule_id)
{
	for (uint32_t i = 0; i < h->v.n; i++) {
		const struct sf_silenced *x = h->v.v[i];
		if (!x->by_file && x->row == row &&
		    (rule_id == NULL || strcmp(x->rule_id, rule_id) == 0))
			return true;
	}
	return false;
}

static void
report(struct sf_diag_list *out, const struct sf_summary *s,
       const struct sf_suppression *p, char *message, char *help)
{
	struct sf_diagnostic *d = VEC_PUSH(out->items);
	*d = (struct sf_diagnostic){
		.rule_id = SUPPRESSION_RULE,
		.rule_name = SUPPRESSION_RULE,
		.rule_doc = suppression_doc,
		.severity = SF_SEV_INFO,
		.path = xstrdup(s->path),
		.start = {p->at_row + 1, p->at_col},
		.end = {p->end_row + 1, p->end_col},
		.message = message,
		.help = help,
	};
	d->span.start_row = p->at_row;
	d->span.end_row = p->end_row;
}

/* `ignore[ids]`: each id that names no rule, then the ids of rules that
 * run and found nothing on the line, in one finding. */
static void
judge_ids(const struct sf_engine *e, const struct sf_summary *s,
	  const struct sf_suppression *p, const struct file_hits *h,
	  struct sf_diag_list *out)
{
	VEC(const char *) unused = {0};
	bool any = false;
	uint32_t kept = 0; /* ids that stay: used, unknown or off */
	char *ids = xstrdup(p->ids);
	for (char *id = ids, *next; id != NULL; id = next) {
		next = strchr(id, ',');
		if (next != NULL)
			*next++ = '\0';
		if (*id == '\0')
			continue;
		any = true;
		const struct sf_rule *r = rule_find(id);
		if (r == NULL || strcasecmp(r->id, id) != 0) {
			/* A rule's name (upper-cased like the ids) is
			 * close: say which id it means. */
			char *lower = xstrdup(id);
			for (char *c = lower; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c - 'A' + 'a');
			const struct sf_rule *named = rule_find(lower);
			free(lower);
			report(out, s, p,
			       xasprintf("unknown rule id %s in suppression",
					 id),
			       named != NULL
				       ? xasprintf("suppressions take rule "
						   "ids: write %s",
						   named->id)
				       : xstrdup("`stackfit rules` lists the "
						 "rule ids"));
			kept++;
			continue;
		}
		/* A rule that is off finds nothing: whether the comment
		 * would be needed with it on cannot be told. */
		if (engine_severity(e, r) == SF_SEV_OFF ||
		    line_hit(h, p->row, r->id))
			kept++;
		else
			*VEC_PUSH(unused) = r->id;
	}
	if (!any)
		report(out, s, p,
		       xasprintf("unused suppression: no rule id in the list "
				 "on line %u",
				 p->row + 1),
		       xstrdup("name the rules, or write a bare "
			       "`stackfit: ignore`"));
	if (unused.n > 0) {
		struct strbuf m;
		strbuf_init(&m);
		strbuf_puts(&m, "unused suppression: no ");
		for (uint32_t i = 0; i < unused.n; i++)
			strbuf_printf(&m, "%s%s",
				      i == 0              ? ""
				      : i + 1 == unused.n ? " or "
							  : ", ",
				      unused.v[i]);
		strbuf_printf(&m, " finding on line %u", p->row + 1);
		char *help = kept == 0 ? xstrdup("delete the comment")
				       : xasprintf("remove %s from the list",
						   unused.n == 1 ? unused.v[0]
								 : "those ids");
		report(out, s, p, strbuf_detach(&m), help);
	}
	VEC_FREE(unused);
	free(ids);
}

static void
judge_file(const struct sf_engine *e, const struct sf_index *ix, uint32_t fi,
	   const struct file_hits *h, struct sf_diag_list *out)
{
	const struct sf_summary *s = index_file(ix, fi);
	for (uint32_t i = 0; i < s->suppressions.n; i++) {
		const struct sf_suppression *p = &s->suppressions.v[i];
		switch ((enum sf_suppression_kind)p->kind) {
		case SF_SUPPRESS_LINE:
			if (p->ids != NULL)
				judge_ids(e, s, p, h, out);
			else if (!line_hit(h, p->row, NULL))
				report(out, s, p,
				       xasprintf("unused suppression: no "
						 "finding on line %u",
						 p->row + 1),
				       xstrdup("delete the comment"));
			break;
		case SF_SUPPRESS_FILE:
			/* The index does not follow an ignored file's
			 * registrations, so findings they would cause are
			 * unknown: such a comment is taken as used. */
			if (!h->by_file && !index_exempt_registrations(ix, fi))
				report(out, s, p,
				       xstrdup("unused suppression: no "
					       "finding in this file"),
				       xstrdup("delete the comment"));
			break;
		case SF_SUPPRESS_FILE_LATE:
			report(out, s, p,
			       xstrdup("unused suppression: `ignore-file` "
				       "counts only in the file's first "
				       "comment block, before any code"),
			       xstrdup("move it to the top of the file, or "
				       "delete it"));
			break;
		}
	}
}

void
suppression_report_unused(const struct sf_engine *e, const struct sf_index *ix,
			  struct sf_diag_list *diags)
{
	struct sf_diag_list found;
	diag_list_init(&found);
	struct file_hits h = {0};
	for (uint32_t fi = 0; fi < index_file_count(ix); fi++) {
		const struct sf_summary *s = index_file(ix, fi);
		if (s->suppressions.n == 0)
			continue;
		h.v.n = 0;
		h.by_file = false;
		for (uint32_t k = 0; k < diags->silenced.n; k++) {
			const struct sf_silenced *x = &diags->silenced.v[k];
			if (strcmp(x->path, s->path) != 0)
				continue;
			*VEC_PUSH(h.v) = x;
			h.by_file |= x->by_file;
		}
		judge_file(e, ix, fi, &h, &found);
	}
	VEC_FREE(h.v);
	diag_list_move(diags, &found);
}
