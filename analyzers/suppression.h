/*
 * Suppression comments that suppress nothing (`audit
 * --report-unused-ignores`). Every pass records the findings a comment
 * silenced in its findings' list (struct sf_silenced): the per-file rules,
 * their second run with the index, the rules that judge files through the
 * index (JS107, PY202) and the project rules (ST3xx). Once they have all
 * run, the comments of the indexed files are compared with that record.
 */
#ifndef SF_SUPPRESSION_H
#define SF_SUPPRESSION_H

#include "diagnostic.h"
#include "engine.h"
#include "index.h"

/* The rule field of these findings: a name, not a rule id (the rule table's
 * ids are never reused), used as id and name alike. */
#define SUPPRESSION_RULE "unused-ignore"

/* Its documentation (Markdown, what `stackfit explain unused-ignore`
 * prints), compiled in from suppression.md. */
extern const char suppression_doc[];
/* One line, for `stackfit rules`-like lists (the SARIF rule). */
extern const char suppression_summary[];

/* The text of the file at path (len bytes) when the caller has it at
 * hand and it is the text the index summarised, else NULL. */
typedef const char *suppression_text_fn(void *ctx, const char *path,
					uint32_t *len);

/* Appends to diags an `info` finding for every suppression comment of
 * the files of ix, or id in one, that silenced nothing that diags records
 * (diags->silenced), and for every id in one that names no rule. Ids of
 * rules that are off under e are not judged. The findings of a file whose
 * text text_of gives (it may be NULL) have byte spans, code frames and a
 * fix (the unused ids out of the list, else the comment out, else its
 * line when the comment was alone on it) whose edit leaves the rest of the
 * line as it was; the others have positions only (rule_locate_line). */
void suppression_report_unused(const struct sf_engine *e,
			       const struct sf_index *ix,
			       struct sf_diag_list *diags,
			       suppression_text_fn *text_of, void *ctx);

#endif
