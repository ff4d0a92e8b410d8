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

/* What the findings of one file are judged with. */
struct judge {
	const struct sf_engine *e;
	const char *path;
	const char *text; /* the file's text (len bytes), or NULL */
	uint32_t len;
	struct sf_diag_list *out;
};

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A span of the bytes [a, b) of text, rows and columns filled. */
static struct sf_span
byte_span(const char *text, uint32_t a, uint32_t b)
{
	struct sf_span sp = {.start = a, .end = b};
	uint32_t ls = 0;
	for (uint32_t i = 0; i < b; i++) {
		if (text[i] != '\n')
			continue;
		if (i < a) {
			sp.start_row++;
			ls = i + 1;
		}
		sp.end_row++;
	}
	sp.start_col = a - ls;
	uint32_t els = b;
	while (els > 0 && text[els - 1] != '\n')
		els--;
	sp.end_col = b - els;
	return sp;
}

/* Is id (normalised: upper case, no blanks) in the list drop? */
static bool
dropped(const char *drop, const char *id, size_t n)
{
	for (const char *q = drop; *q;) {
		const char *comma = strchr(q, ',');
		size_t k = comma ? (size_t)(comma - q) : strlen(q);
		if (k == n && strncasecmp(q, id, n) == 0)
			return true;
		if (comma == NULL)
			break;
		q = comma + 1;
	}
	return false;
}

/* The ids of the list [open+1, close) of text without those in drop,
 * written as they were; NULL when none is left. */
static char *
kept_ids(const char *text, uint32_t open, uint32_t close, const char *drop)
{
	struct strbuf b;
	strbuf_init(&b);
	bool spaced = memchr(text + open, ' ', close - open) != NULL;
	uint32_t kept = 0;
	for (uint32_t i = open + 1; i <= close;) {
		uint32_t j = i;
		while (j < close && text[j] != ',')
			j++;
		uint32_t a = i, z = j;
		while (a < z && blank(text[a]))
			a++;
		while (z > a && blank(text[z - 1]))
			z--;
		if (z > a && !dropped(drop, text + a, z - a)) {
			if (kept++ > 0)
				strbuf_puts(&b, spaced ? ", " : ",");
			strbuf_append(&b, text + a, z - a);
		}
		i = j + 1;
	}
	if (kept == 0) {
		strbuf_finish(&b);
		return NULL;
	}
	return strbuf_detach(&b);
}

/* The bytes that go when the directive [ds, de) goes, on the line
 * [ls, le): the comment it is the whole of (with the line when the comment
 * is alone on it, or the blanks before it when it trails code), or only
 * the directive when the comment says more than it. */
static void
removal(const char *text, uint32_t len, uint32_t ls, uint32_t le, uint32_t ds,
	uint32_t de, uint32_t *out_a, uint32_t *out_b)
{
	uint32_t b = ds;
	while (b > ls && blank(text[b - 1]))
		b--;
	/* The comment's opener right before the directive? */
	uint32_t cs = UINT32_MAX;
	bool block = false;
	if (b > ls && text[b - 1] == '#') {
		cs = b - 1;
	} else if (b >= ls + 2 && text[b - 1] == '/' && text[b - 2] == '/') {
		cs = b - 2;
		while (cs > ls && text[cs - 1] == '/')
			cs--;
	} else if (b > ls && text[b - 1] == '*') {
		uint32_t k = b - 1;
		while (k > ls && text[k - 1] == '*')
			k--;
		if (k > ls && text[k - 1] == '/') {
			cs = k - 1;
			block = true;
		}
	}
	/* By default only the directive goes (and the blanks before it:
	 * `# noqa stackfit: ignore` keeps `# noqa`). */
	*out_a = cs == UINT32_MAX ? b : ds;
	*out_b = de;
	if (cs == UINT32_MAX)
		return;
	uint32_t after = de;
	while (after < le && blank(text[after]))
		after++;
	const char *close = NULL;
	for (uint32_t i = de; i + 1 < le; i++)
		if (text[i] == '*' && text[i + 1] == '/') {
			close = text + i;
			break;
		}
	uint32_t end; /* where the comment ends */
	if (block) {
		if (close == NULL)
			return; /* it goes on over the next line */
		end = (uint32_t)(close - text) + 2;
	} else if (after == le) {
		end = le;
	} else if (text[after] == '#' ||
		   (text[after] == '/' && after + 1 < le &&
		    text[after + 1] == '/')) {
		/* Another comment follows in the same one
		 * (`# stackfit: ignore  # noqa`): it stays. */
		*out_a = cs;
		*out_b = after;
		return;
	} else if (close != NULL) {
		return; /* inside a block comment: only the directive */
	} else {
		end = le; /* the rest is the suppression's reason */
	}
	uint32_t before = cs;
	while (before > ls && blank(text[before - 1]))
		before--;
	uint32_t tail = end;
	while (tail < le && blank(text[tail]))
		tail++;
	if (before == ls && tail == le) {
		/* Alone on its line: the line goes. */
		*out_a = ls;
		if (le < len) {
			*out_b = le;
			while (*out_b < len && text[*out_b] != '\n')
				(*out_b)++;
			*out_b += *out_b < len;
		} else {
			*out_b = le;
			if (ls > 0)
				*out_a = ls - 1 -
					 (ls >= 2 && text[ls - 2] == '\r');
		}
	} else if (tail == le) {
		*out_a = before; /* trailing code: the blanks before go too */
		*out_b = le;
	} else {
		*out_a = cs; /* code follows: the blanks after go */
		*out_b = tail;
	}
}

/* Gives d a fix that removes the ids in drop (upper case, comma
 * separated) from p's list, or the whole comment when drop is NULL or
 * names every id of the list. */
static void
add_fix(const struct judge *j, struct sf_diagnostic *d,
	const struct sf_suppression *p, const char *drop)
{
	if (p->at_row != p->end_row)
		return;
	struct diag_cursor c = {0};
	uint32_t ls;
	uint32_t ds = diag_byte_at(
		&c, j->text, j->len,
		(struct sf_position){p->at_row + 1, p->at_col}, &ls);
	uint32_t de = diag_byte_at(
		&c, j->text, j->len,
		(struct sf_position){p->end_row + 1, p->end_col}, &ls);
	if (de <= ds || de - ds < 9 ||
	    memcmp(j->text + ds, "stackfit:", 9) != 0)
		return; /* the text is not what was analysed */
	uint32_t le = ds;
	while (le < j->len && j->text[le] != '\n')
		le++;
	if (le > ls && j->text[le - 1] == '\r')
		le--;
	char *ids = NULL;
	uint32_t open = 0;
	if (drop != NULL && j->text[de - 1] == ']') {
		const char *o = memchr(j->text + ds, '[', de - ds);
		open = o ? (uint32_t)(o - j->text) : de - 1;
		ids = kept_ids(j->text, open, de - 1, drop);
	}
	if (ids != NULL) {
		char *title = xasprintf("Remove unused %s from the suppression",
					drop);
		diag_fix_add_edit(diag_set_fix(d, title),
				  byte_span(j->text, open + 1, de - 1), ids);
		free(title);
		free(ids);
		return;
	}
	uint32_t a, b;
	removal(j->text, j->len, ls, le, ds, de, &a, &b);
	diag_fix_add_edit(diag_set_fix(d, "Remove unused suppression"),
			  byte_span(j->text, a, b), "");
}

/* Reports p with message and help (both consumed); with the text at
 * hand, with a fix that removes the ids in drop or, when NULL, the
 * comment. */
static void
report(const struct judge *j, const struct sf_suppression *p, char *message,
       char *help, const char *drop)
{
	struct sf_diagnostic *d = VEC_PUSH(j->out->items);
	*d = (struct sf_diagnostic){
		.rule_id = SUPPRESSION_RULE,
		.rule_name = SUPPRESSION_RULE,
		.rule_doc = suppression_doc,
		.severity = SF_SEV_INFO,
		.path = xstrdup(j->path),
		.start = {p->at_row + 1, p->at_col},
		.end = {p->end_row + 1, p->end_col},
		.message = message,
		.help = help,
	};
	d->span.start_row = p->at_row;
	d->span.end_row = p->end_row;
	if (j->text == NULL)
		return;
	rule_locate_line(d, j->text, j->len);
	add_fix(j, d, p, drop);
}

/* `ignore[ids]`: each id that names no rule, then the ids of rules that
 * run and found nothing on the line, in one finding. */
static void
judge_ids(const struct judge *j, const struct sf_suppression *p,
	  const struct file_hits *h)
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
			report(j, p,
			       xasprintf("unknown rule id %s in suppression",
					 id),
			       named != NULL
				       ? xasprintf("suppressions take rule "
						   "ids: write %s",
						   named->id)
				       : xstrdup("`stackfit rules` lists the "
						 "rule ids"),
			       id);
			kept++;
			continue;
		}
		/* A rule that is off finds nothing: whether the comment
		 * would be needed with it on cannot be told. */
		if (engine_severity(j->e, r) == SF_SEV_OFF ||
		    line_hit(h, p->row, r->id))
			kept++;
		else
			*VEC_PUSH(unused) = r->id;
	}
	if (!any)
		report(j, p,
		       xasprintf("unused suppression: no rule id in the list "
				 "on line %u",
				 p->row + 1),
		       xstrdup("name the rules, or write a bare "
			       "`stackfit: ignore`"),
		       NULL);
	if (unused.n > 0) {
		struct strbuf m, drop;
		strbuf_init(&m);
		strbuf_init(&drop);
		strbuf_puts(&m, "unused suppression: no ");
		for (uint32_t i = 0; i < unused.n; i++) {
			strbuf_printf(&m, "%s%s",
				      i == 0              ? ""
				      : i + 1 == unused.n ? " or "
							  : ", ",
				      unused.v[i]);
			strbuf_printf(&drop, "%s%s", i == 0 ? "" : ",",
				      unused.v[i]);
		}
		strbuf_printf(&m, " finding on line %u", p->row + 1);
		char *help = kept == 0 ? xstrdup("delete the comment")
				       : xasprintf("remove %s from the list",
						   unused.n == 1 ? unused.v[0]
								 : "those ids");
		report(j, p, strbuf_detach(&m), help, strbuf_str(&drop));
		strbuf_finish(&drop);
	}
	VEC_FREE(unused);
	free(ids);
}

/* Judges the n suppressions v of one file; exempt: the file registers
 * functions across files, or has its own registered (index.h). */
static void
judge_file(const struct judge *j, const struct sf_suppression *v, uint32_t n,
	   bool exempt, const struct file_hits *h)
{
	for (uint32_t i = 0; i < n; i++) {
		const struct sf_suppression *p = &v[i];
		switch ((enum sf_suppression_kind)p->kind) {
		case SF_SUPPRESS_LINE:
			if (p->ids != NULL)
				judge_ids(j, p, h);
			else if (!line_hit(h, p->row, NULL))
				report(j, p,
				       xasprintf("unused suppression: no "
						 "finding on line %u",
						 p->row + 1),
				       xstrdup("delete the comment"), NULL);
			break;
		case SF_SUPPRESS_FILE:
			/* The index does not follow an ignored file's
			 * registrations, so findings they would cause are
			 * unknown: such a comment is taken as used. */
			if (!h->by_file && !exempt)
				report(j, p,
				       xstrdup("unused suppression: no "
					       "finding in this file"),
				       xstrdup("delete the comment"), NULL);
			break;
		case SF_SUPPRESS_FILE_LATE:
			report(j, p,
			       xstrdup("unused suppression: `ignore-file` "
				       "counts only in the file's first "
				       "comment block, before any code"),
			       xstrdup("move it to the top of the file, or "
				       "delete it"),
			       NULL);
			break;
		}
	}
}

/* Collects into h the records of diags on path. */
static void
collect(struct file_hits *h, const struct sf_diag_list *diags, const char *path)
{
	h->v.n = 0;
	h->by_file = false;
	for (uint32_t k = 0; k < diags->silenced.n; k++) {
		const struct sf_silenced *x = &diags->silenced.v[k];
		if (strcmp(x->path, path) != 0)
			continue;
		*VEC_PUSH(h->v) = x;
		h->by_file |= x->by_file;
	}
}

void
suppression_report_unused(const struct sf_engine *e, const struct sf_index *ix,
			  struct sf_diag_list *diags,
			  suppression_text_fn *text_of, void *ctx)
{
	struct sf_diag_list found;
	diag_list_init(&found);
	struct file_hits h = {0};
	for (uint32_t fi = 0; fi < index_file_count(ix); fi++) {
		const struct sf_summary *s = index_file(ix, fi);
		if (s->suppressions.n == 0)
			continue;
		collect(&h, diags, s->path);
		struct judge j = {.e = e, .path = s->path, .out = &found};
		if (text_of != NULL)
			j.text = text_of(ctx, s->path, &j.len);
		judge_file(&j, s->suppressions.v, s->suppressions.n,
			   index_exempt_registrations(ix, fi), &h);
	}
	VEC_FREE(h.v);
	diag_list_move(diags, &found);
}
