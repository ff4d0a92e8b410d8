/*
 * LSP 3.17 conversions: URIs to paths and back, positions and ranges in and
 * out of JSON, diagnostics to LSP Diagnostic objects (with code, source,
 * codeDescription.href and relatedInformation), fixes to WorkspaceEdits,
 * and hover text. Positions arrive here already converted to the
 * negotiated encoding: this layer builds and reads JSON, it does not know
 * documents.
 */
#ifndef SF_LSP_H
#define SF_LSP_H

#include <stdbool.h>
#include <stdint.h>

#include <json-c/json.h>

#include "diagnostic.h"

/* A rule's documentation is compiled into the binary and served in hover;
 * there is no public site to link to. A diagnostic gets
 * codeDescription.href only when a template is given (initializationOptions
 * `ruleDocsUrl`, else the STACKFIT_RULE_DOCS_URL environment variable), in
 * which `{id}` is replaced by the rule id ("JS101") and `{name}` by its
 * name. */
#define LSP_RULE_DOCS_ENV "STACKFIT_RULE_DOCS_URL"

/* The longest URI or template accepted from a client. */
#define LSP_MAX_URI 4096

struct lsp_position {
	uint32_t line, character; /* 0-based, in the negotiated encoding */
};

struct lsp_range {
	struct lsp_position start, end;
};

/* The absolute path of a `file:` URI (percent-decoded), or NULL when uri
 * is not a file URI, is longer than LSP_MAX_URI, or decodes to a path with
 * a NUL byte. Owned by the caller. */
char *lsp_uri_to_path(const char *uri);
/* The `file://` URI of an absolute path, percent-encoded. Owned by the
 * caller. */
char *lsp_path_to_uri(const char *path);

/* Reads {line, character} / {start, end} from o. Returns 0, or -1 with
 * *why set to a static description when o does not have that shape (or a
 * number is negative or above UINT32_MAX). */
int lsp_read_position(json_object *o, struct lsp_position *out,
		      const char **why);
int lsp_read_range(json_object *o, struct lsp_range *out, const char **why);
/* New JSON objects, owned by the caller. */
json_object *lsp_position_json(struct lsp_position p);
json_object *lsp_range_json(struct lsp_range r);

/* What the client can show in a diagnostic (its publishDiagnostics or
 * diagnostic capabilities), and how to link to other files. */
struct lsp_diagnostic_options {
	bool code_description; /* codeDescription.href */
	bool related;          /* relatedInformation */
	const char *docs_url;  /* href template, or NULL: no codeDescription */
	const char *root;      /* absolute root, for related paths */
	bool unnecessary;      /* tags: [Unnecessary] (the client fades it) */
};

/* The LSP Diagnostic of d at range (already in the client's encoding).
 * Related locations use their 1-based line and code-point column, as the
 * other file's text may not be at hand. Owned by the caller. */
json_object *lsp_diagnostic_json(const struct sf_diagnostic *d,
				 struct lsp_range range,
				 const struct lsp_diagnostic_options *o);

/* The documentation link of a rule from a template (see LSP_RULE_DOCS_ENV).
 * Owned by the caller. */
char *lsp_rule_href(const char *tmpl, const char *id, const char *name);

/* A TextEdit. Owned by the caller. */
json_object *lsp_text_edit(struct lsp_range range, const char *text);
/* A WorkspaceEdit applying edits (an array of TextEdit, consumed) to one
 * document: `documentChanges` with the version when the client supports
 * them (version < 0 means unknown: null), else `changes`. Owned by the
 * caller. */
json_object *lsp_workspace_edit(const char *uri, int64_t version,
				json_object *edits, bool document_changes);

/* Markdown rule documentation as plain text: code fences and heading
 * marks removed. Owned by the caller. */
char *lsp_markdown_to_plain(const char *md);

/* The hover's few lines from a rule's documentation: the first paragraph
 * of "Why is this bad" (of "What it does" when there is none) and the
 * first paragraph or code block of "Use instead"; Markdown, or plain text
 * without fences. Owned by the caller; "" when the document has none of
 * these sections. */
char *lsp_rule_brief(const char *md, bool markdown);

#endif
