/*
 * Diagnostics: what a rule reports. This is the one analyzer type the
 * protocol layer knows (reporters, LSP). A diagnostic owns all its strings.
 */
#ifndef SF_DIAGNOSTIC_H
#define SF_DIAGNOSTIC_H

#include <stdbool.h>
#include <stdint.h>

#include "facts.h"
#include "util/vec.h"

/* The LSP numbering: lower is more severe. OFF disables a rule. */
enum sf_severity {
	SF_SEV_OFF = 0,
	SF_SEV_ERROR = 1,
	SF_SEV_WARNING = 2,
	SF_SEV_INFO = 3,
	SF_SEV_HINT = 4,
};

/* A position as readers want it: 1-based line, 1-based column counted in
 * Unicode code points. */
struct sf_position {
	uint32_t line, column;
};

struct sf_related {
	char *path; /* relative to the root */
	struct sf_position pos;
	char *message;
};

/* One replacement of the bytes [start, end) of the file by text. */
struct sf_edit {
	struct sf_span span;
	char *text;
};

/* A mechanical rewrite that fixes the finding: the editor's quick fix,
 * the JSON report's `fix`. */
struct sf_fix {
	char *title;
	VEC(struct sf_edit) edits;
};

/* A code frame keeps at most this many bytes of its line, starting at
 * most DIAG_LINE_TEXT_BEFORE bytes before the finding: a finding in a
 * minified bundle shows a window of its line, so that a report does not
 * grow as the line's length times its findings. */
#define DIAG_LINE_TEXT_MAX    400
#define DIAG_LINE_TEXT_BEFORE 100

struct sf_diagnostic {
	/* The rule, as static strings (not owned): "JS101",
	 * "sync-io-in-event-loop", and its Markdown documentation. */
	const char *rule_id, *rule_name, *rule_doc;
	enum sf_severity severity;
	/* The 1-based code-point column of the line at which line_text
	 * starts: 1, or more when a long line was cut to a window; 0 means
	 * 1. */
	uint32_t line_col;
	char *path; /* relative to the root, '/'-separated */
	struct sf_span span;
	struct sf_position start, end;
	char *message;
	char *help;      /* the fix in words, or NULL */
	char *line_text; /* the text of the start line, for code frames */
	VEC(struct sf_related) related;
	struct sf_fix *fix; /* NULL when there is no mechanical fix */
};

/* A finding that a suppression comment silenced: what is left of it is
 * enough to tell afterwards which comments, and which ids of theirs, did
 * something (--report-unused-ignores). */
struct sf_silenced {
	const char *rule_id; /* static, as in struct sf_diagnostic */
	char *path;          /* owned; relative to the root */
	uint32_t row;        /* 0-based line of the finding */
	/* By `stackfit: ignore-file` (the finding would have been reported
	 * anywhere in the file), not by a comment on row. */
	bool by_file;
};

struct sf_diag_list {
	VEC(struct sf_diagnostic) items;
	/* What suppression comments silenced, in no particular order. It
	 * goes wherever the items go (move, copy, the cache), so that it is
	 * the same however the findings were made. */
	VEC(struct sf_silenced) silenced;
};

void diag_list_init(struct sf_diag_list *l);
/* Frees every diagnostic and its strings. Accepts NULL. */
void diag_list_finish(struct sf_diag_list *l);
/* Moves every item (and silenced record) of from to the end of to; from
 * is left empty. */
void diag_list_move(struct sf_diag_list *to, struct sf_diag_list *from);
/* Sorts by path, position in the file (byte offset), rule id, message. */
void diag_list_sort(struct sf_diag_list *l);
/* The order of diag_list_sort: <0, 0 or >0. */
int diag_compare(const struct sf_diagnostic *a, const struct sf_diagnostic *b);
/* A hash of everything a reader sees of the list (rules, places,
 * severities, messages, help, related places), to tell whether findings
 * changed. */
uint64_t diag_list_hash(const struct sf_diag_list *l);
/* Appends a deep copy of every item (and silenced record) of from to to. */
void diag_list_copy(struct sf_diag_list *to, const struct sf_diag_list *from);
/* Records in l that a suppression silenced a finding of rule_id (static)
 * at row of path (copied). */
void diag_list_silence(struct sf_diag_list *l, const char *rule_id,
		       const char *path, uint32_t row, bool by_file);
/* Frees the strings of one diagnostic (not the struct itself). */
void diag_finish(struct sf_diagnostic *d);

/* Where the last position was computed in one text: positions asked in
 * increasing order then cost the distance between them, not the distance
 * from their line's start — a minified file is one line, and counting
 * from its start for every finding would be quadratic. Zero-initialise;
 * one cursor per thread and text. */
struct diag_cursor {
	const char *src;     /* the text it is in, or NULL */
	uint32_t row;        /* 0-based line of byte */
	uint32_t line_start; /* byte offset of that line's start */
	uint32_t byte;       /* the last byte located */
	uint32_t column;     /* its 0-based code-point column */
};

/* Sets d's line_text and line_col from the text (len bytes): the line
 * that starts at byte ls, whole, or when it is longer than
 * DIAG_LINE_TEXT_MAX a window of it around byte at (d's start, whose
 * column d->start must hold). */
void diag_set_line_text(struct sf_diagnostic *d, const char *src, uint32_t len,
			uint32_t ls, uint32_t at);
/* Fills start/end/line_text of d from its span and the file's text. */
void diag_locate(struct sf_diagnostic *d, const char *src, uint32_t len);
/* The same, with a cursor kept between the findings of one text. */
void diag_locate_at(struct sf_diagnostic *d, const char *src, uint32_t len,
		    struct diag_cursor *c);
/* The 1-based line/code-point position of a byte offset in src, on the
 * 0-based line row. */
struct sf_position diag_position(const char *src, uint32_t len, uint32_t row,
				 uint32_t byte);
struct sf_position diag_position_at(struct diag_cursor *c, const char *src,
				    uint32_t len, uint32_t row, uint32_t byte);
/* The reverse: the byte offset of a 1-based line and code-point column
 * (the end of the line when the column is past it; the end of the text
 * when the line is), and in *line that of the line's start. */
uint32_t diag_byte_at(struct diag_cursor *c, const char *src, uint32_t len,
		      struct sf_position pos, uint32_t *line);

/* Adds a related location; path and message are copied. */
void diag_add_related(struct sf_diagnostic *d, const char *path,
		      struct sf_position pos, const char *message);
/* Sets d's fix (title copied) and returns it for diag_fix_add_edit. */
struct sf_fix *diag_set_fix(struct sf_diagnostic *d, const char *title);
void diag_fix_add_edit(struct sf_fix *fix, struct sf_span span,
		       const char *text);

const char *severity_name(enum sf_severity s);
/* Parses "error", "warning", "info", "hint", "off"; -1 when unknown. */
int severity_from_name(const char *name);

#endif
