/*
 * Documents: a file open in an editor — its text, a line table, its syntax
 * tree, its version and its latest findings. Edits arrive as ranges of
 * (line, character) in the encoding the server negotiated with the client;
 * each is applied to the text and to the tree (ts_tree_edit), and the next
 * analysis reparses from the edited old tree, so typing costs a small
 * reparse, not a whole one. This keeps tree-sitter inside analyzers/.
 *
 * A document is owned by one thread at a time (the server's loop).
 */
#ifndef SF_DOCUMENT_H
#define SF_DOCUMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "diagnostic.h"
#include "engine.h"
#include "language.h"
#include "parse.h"

struct sf_index;

/* How a client counts characters within a line (LSP positionEncoding). */
enum document_encoding {
	DOCUMENT_UTF16, /* UTF-16 code units: the LSP default */
	DOCUMENT_UTF8,  /* bytes */
	DOCUMENT_UTF32, /* code points */
};

struct document_position {
	uint32_t line, character; /* 0-based; character in the encoding */
};

struct sf_document;

/* Returns a document holding a copy of the len bytes of text, for a file
 * of language lang (NULL: not analysed, text kept in sync only) at path
 * (relative to the workspace root, or absolute outside it; copied). flags
 * are enum sf_file_flags known from the workspace. Owned by the caller. */
struct sf_document *document_create(const struct sf_language *lang,
				    const char *path, uint32_t flags,
				    const char *text, uint32_t len);
/* Frees the document, its tree and findings. Accepts NULL. */
void document_destroy(struct sf_document *d);

/* Replaces the whole text (full-text sync); the trees are dropped. */
void document_replace(struct sf_document *d, const char *text, uint32_t len);
/* Drops the chunks so that the next analysis parses the whole text again
 * (e.g. on save: a statement edited to run on into the next chunk is then
 * seen whole). */
void document_resync(struct sf_document *d);

/* Replaces the text between start and end (in encoding enc) by the len
 * bytes of text, and edits the tree to match. Positions past the end of a
 * line or of the document are clamped to it (LSP 3.17). Returns 0, or -1
 * with *why set (static) when start is after end or the document would
 * outgrow DOCUMENT_MAX_SIZE; the document is then unchanged. */
#define DOCUMENT_MAX_SIZE (64u * 1024 * 1024)
int document_edit(struct sf_document *d, enum document_encoding enc,
		  struct document_position start, struct document_position end,
		  const char *text, uint32_t len, const char **why);
/* The same for the bytes [start, end) of the text; -1 also when they are
 * not within it. */
int document_edit_bytes(struct sf_document *d, uint32_t start, uint32_t end,
			const char *text, uint32_t len, const char **why);

/* Brings the findings up to date with the text: reparses the chunks the
 * edits touched (each alone, in a window grown until it ends where a
 * parse of the whole text would end a statement too), extracts their
 * facts and runs the per-file rules of e over the whole file. Does
 * nothing when nothing changed since the last analysis. Files over the
 * engine's size limit, binary texts (a NUL byte in the first 8 KiB) and
 * documents of no language get no findings. With ix (a solved project
 * index, or NULL), functions other files register as callbacks or send
 * to threads count as such once the index holds this text's summary;
 * until then (and without ix), those the index named last time count, by
 * name. The findings are those of the whole-file pipeline for the same
 * text (engine_check_source): when a chunk holds a syntax error, the whole
 * text is parsed again, as how a parse recovers from an error can depend
 * on text anywhere after it. Returns true when the findings were
 * recomputed. */
bool document_analyse(struct sf_document *d, const struct sf_engine *e,
		      struct sf_parser *p, const struct sf_index *ix);
/* The same without parsing the whole text again for a syntax error: the
 * chunks' parses are taken as they are, so a keystroke costs a chunk or
 * two. The findings may then differ from the whole file's
 * (document_approximate); document_analyse makes them exact. */
bool document_analyse_fast(struct sf_document *d, const struct sf_engine *e,
			   struct sf_parser *p, const struct sf_index *ix);
/* Whether the findings of the last analysis may differ from the whole
 * file's (document_analyse_fast on a text with a syntax error). */
bool document_approximate(const struct sf_document *d);

/* The exact analysis in two parts, so that the whole text can be parsed
 * off the thread that owns the document: document_copy makes a document
 * holding a copy of d's text (owned by the caller, who may hand it to
 * another thread); document_parse_whole parses the copy's whole text into
 * chunks with p (on any thread; the copy gets no findings); and
 * document_take_parse, back on d's thread, takes the copy's parse when d
 * still holds the text parsed and its findings may differ from the whole
 * file's (document_approximate): d's findings are then those of
 * document_analyse, made with e and ix without parsing again, and it
 * returns true. Otherwise (the text changed since the copy, or d is exact
 * already) it returns false and d is unchanged. The copy is destroyed
 * either way.
 *
 * The copy remembers where d's chunks are and a hash of their trees. When
 * the whole text's parse cuts it into the same chunks with the same trees
 * (most often: an error's recovery seldom depends on text outside its
 * statement), their facts are the whole file's already: the copy keeps no
 * chunks of its own, and document_take_parse keeps d's (when d still has
 * them). So the exact analysis holds one syntax tree beside the document,
 * not a second document. */
struct sf_document *document_copy(const struct sf_document *d);
/* When cancel (may be NULL) becomes true while the whole text is parsed
 * (its owner's text changed, so the parse would be dropped), the parse
 * stops there and gives back its memory: the copy is then not parsed, and
 * document_take_parse takes nothing from it. */
void document_parse_whole(struct sf_document *copy, struct sf_parser *p,
			  const atomic_bool *cancel);
bool document_take_parse(struct sf_document *d, struct sf_document *copy,
			 const struct sf_engine *e, const struct sf_index *ix);

/* The findings of the latest analysis, sorted (diag_list_sort), with the
 * records of what suppressions silenced; owned by the document, valid
 * until the next document_analyse that recomputes them. */
const struct sf_diag_list *document_diagnostics(const struct sf_document *d);

/* Marks the document for re-analysis even though its text did not change
 * (settings, or another file it depends on, changed). */
void document_invalidate(struct sf_document *d);

/* The facts of the latest analysis, or NULL (owned by the document). */
const struct sf_facts *document_facts(const struct sf_document *d);

/* The client's version of the text (LSP `version`); 0 at creation. */
int64_t document_version(const struct sf_document *d);
void document_set_version(struct sf_document *d, int64_t version);

/* The text (NUL-terminated, *len bytes; owned by the document). */
const char *document_text(const struct sf_document *d, uint32_t *len);
const char *document_path(const struct sf_document *d);
const struct sf_language *document_language(const struct sf_document *d);
uint32_t document_line_count(const struct sf_document *d);

/* The position of byte offset byte in encoding enc (byte is clamped to the
 * text; a byte inside a character counts as that character's start). */
struct document_position document_position(const struct sf_document *d,
					   enum document_encoding enc,
					   uint32_t byte);
/* The byte offset of pos in encoding enc, clamped as in document_edit. */
uint32_t document_offset(const struct sf_document *d,
			 enum document_encoding enc,
			 struct document_position pos);

#endif
