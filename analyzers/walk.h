/*
 * Walk: the machinery both extractors share — one pre-order pass over a
 * syntax tree with a TSTreeCursor and an explicit stack of frames (function,
 * loop, class, call), so nothing recurses on tree depth.
 *
 * An extractor maps grammar symbols to its own small kind numbers once
 * (walk_kinds_build), then calls walk_run with an enter callback. Entering a
 * node may push a frame (walk_push_*), which becomes the current function,
 * loop, class or call for the node's subtree and is popped when the walk
 * leaves that node.
 */
#ifndef SF_WALK_H
#define SF_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include <tree_sitter/api.h>

#include "facts.h"
#include "language.h"
#include "util/vec.h"

/* A node-kind table: kind of each symbol of a grammar (0 = not interesting),
 * and what the walk may skip for it (WALK_SYM_*). */
struct walk_kinds {
	uint8_t *kind;  /* indexed by TSSymbol */
	uint8_t *flags; /* likewise */
	uint32_t count;
};

/* A symbol whose nodes enter does nothing with, as for those of kind 0:
 * with skip_plain, enter is called for them only where it is for those
 * (at the top level, and below keep_plain_under or keep_named_under). */
#define WALK_SYM_QUIET 1
/* A symbol whose nodes have nothing below them that enter is called for
 * (a token): not descended into when enter is not called for them. So
 * are the anonymous symbols (tokens, and the rare anonymous node with
 * children, Python's `is not`, has only tokens below it). */
#define WALK_SYM_LEAF 2

/* Fills k for lang from names: names[i] (a named node type) gets kind i.
 * names[0] is unused. Owned by the caller (walk_kinds_finish). */
void walk_kinds_build(struct walk_kinds *k, const TSLanguage *lang,
		      const char *const *names, uint32_t n);
/* Adds flags (WALK_SYM_*) to every symbol of kind (not 0). */
void walk_kinds_flag(struct walk_kinds *k, uint8_t kind, uint8_t flags);
void walk_kinds_finish(struct walk_kinds *k);

enum walk_frame_type {
	WALK_FRAME_FUNCTION,
	WALK_FRAME_LOOP,
	WALK_FRAME_CLASS,
	WALK_FRAME_CALL,
	WALK_FRAME_MARK, /* extractor-specific region (e.g. a loop header) */
};

struct walk_frame {
	uint32_t depth; /* cursor depth of the node that pushed it */
	enum walk_frame_type type;
	int32_t index;
	int32_t saved_fn, saved_loop, saved_class, saved_call;
	uint32_t mark; /* WALK_FRAME_MARK: the extractor's tag */
};

struct walk {
	struct sf_facts *f;
	const char *src;
	uint32_t len;
	const struct walk_kinds *kinds;
	TSTreeCursor cursor;
	uint32_t depth;
	VEC(TSNode) path;       /* path.v[d]: the node entered at depth d */
	VEC(uint8_t) path_kind; /* and its kind */
	/* path_left.v[d]: the siblings after it the walk has still to visit
	 * (the cursor's, counted when it went down to depth d): at 0, the
	 * walk goes up without asking the cursor for a next sibling, which
	 * costs as much as finding one. */
	VEC(uint32_t) path_left;
	/* path_tail.v[d]: where the children of the node entered at depth d
	 * that the walk need not visit begin (tail_bytes; UINT32_MAX: none). */
	VEC(uint32_t) path_tail;
	VEC(struct walk_frame) frames;
	uint32_t frames_top; /* the depth of the newest frame + 1; 0: none */
	/* Current context, maintained by the frames. */
	int32_t fn, loop, cls, call;
	void *user; /* the extractor's own state */
	/* Nodes of kind 0 below the top level are walked through without a
	 * call to enter (an extractor whose enter does nothing with them). */
	bool skip_plain;
	/* ... but for those whose parent is of this kind (0: none), */
	uint8_t keep_plain_under;
	/* and the named ones whose parent is of this kind (0: none). */
	uint8_t keep_named_under;
	/* With skip_plain, a table of 256 (NULL: none): the bytes of which,
	 * with white space, the grammar makes nothing but nodes enter is not
	 * called for (tokens, and nodes of quiet kinds flagged WALK_SYM_LEAF)
	 * — closing brackets, separators. When all that is left of a node's
	 * text after a child below the top level is such bytes, the walk does
	 * not visit the node's remaining children (but under keep_plain_under,
	 * or in a node with errors, where a missing node takes no bytes). A
	 * comment among them has other bytes, and is visited. */
	const bool *tail_bytes;
	/* With tail_bytes, a kind (0: none) whose nodes have after their
	 * first child nothing the walk need visit but comments (JavaScript's
	 * member expression: `.property`), and the bytes a comment may start
	 * with (a table of 256): when none of those is in the rest of such a
	 * node's text, the walk goes up after its first child. */
	uint8_t rest_quiet_under;
	const bool *comment_bytes;
	/* Fragmented extraction (NULL: one facts for the whole tree). */
	const struct extract_options *opts;
	uint32_t top_end_row; /* last row of the top-level nodes so far */
	bool top_seen;
	/* What walk_field and walk_path found lately (walk_run's). */
	struct walk_memo *memo;
	/* walk_first_child's: the cursor moved to the first child of the
	 * node being entered (WALK_PEEK_CHILD: peek) or found none
	 * (WALK_PEEK_NONE); 0: not asked. */
	uint8_t peek_state;
	TSNode peek;
};

/* Called for each node in pre-order with its kind; returns false to skip
 * the node's children. */
typedef bool (*walk_enter_fn)(struct walk *w, TSNode node, uint8_t kind);

/* Walks tree, calling enter for every node. */
void walk_run(struct walk *w, const TSTree *tree, walk_enter_fn enter);

/* The node's kind in the walk's table; 0 for a null node (a field the
 * parser could not fill, `import x from` cut short in TypeScript's error
 * recovery) and for kinds the extractor does not name. Inline: it is
 * asked for several times per node. */
static inline uint8_t
walk_kind(const struct walk *w, TSNode node)
{
	if (node.id == NULL)
		return 0;
	TSSymbol s = ts_node_symbol(node);
	return s < w->kinds->count ? w->kinds->kind[s] : 0;
}
/* The child of node in field id (ts_node_child_by_field_id), or a null
 * node; for a null node too. Remembers what it found lately: an extractor
 * asks for the same fields of a node several times (a call's callee for a
 * binding, for the binding's origin, and when the call is entered), and
 * each lookup scans the node's children. */
TSNode walk_field(struct walk *w, TSNode node, TSFieldId id);
/* The field of its parent that the node being entered fills (0: none),
 * which the walk's cursor knows without looking at the parent's other
 * children. Not after walk_first_child (the cursor has moved on). */
static inline TSFieldId
walk_field_id(const struct walk *w)
{
	return ts_tree_cursor_current_field_id(&w->cursor);
}
#define WALK_PEEK_CHILD 1
#define WALK_PEEK_NONE  2
/* The first child of the node being entered (a null node for none). The
 * walk's cursor moves there, and the walk goes on from it without looking
 * for it again: when the grammar puts the field wanted first (a call's
 * function, a declarator's name), much cheaper than walk_field, which
 * scans the node's children and descends through hidden ones. Call it
 * after walk_field_id. */
TSNode walk_first_child(struct walk *w);
/* The ancestor `up` levels above the node being entered (1: its parent), or
 * a null node. Constant time, unlike ts_node_parent. */
static inline TSNode
walk_ancestor(const struct walk *w, uint32_t up)
{
	if (up > w->depth)
		return (TSNode){0};
	return w->path.v[w->depth - up];
}
/* walk_kind of walk_ancestor, remembered from the walk. */
static inline uint8_t
walk_ancestor_kind(const struct walk *w, uint32_t up)
{
	return up > w->depth ? 0 : w->path_kind.v[w->depth - up];
}
struct sf_span walk_span(TSNode node);
/* The node's text, copied into the facts' arena. */
const char *walk_text(struct walk *w, TSNode node);
/* True when the node's text equals s. */
bool walk_text_is(const struct walk *w, TSNode node, const char *s);

/* Pushes a frame for the node being entered. */
void walk_push(struct walk *w, enum walk_frame_type type, int32_t index);
void walk_push_mark(struct walk *w, uint32_t mark);
/* True when a mark frame with this tag is open. */
bool walk_in_mark(const struct walk *w, uint32_t mark);

/* Records a function/loop/call/await at the current position (the index is
 * returned; the slot is zeroed but for context fields). */
int32_t walk_add_function(struct walk *w, TSNode node);
int32_t walk_add_loop(struct walk *w, TSNode node, enum sf_loop_kind kind);
int32_t walk_add_call(struct walk *w, TSNode node);
void walk_add_binding(struct walk *w, enum sf_binding_kind kind,
		      const char *local, const char *target, int32_t scope,
		      TSNode at, bool is_import);

/* Calls visit(w, node, ctx) for root and every node below it, in
 * pre-order, up to limit nodes; stops early when visit returns true.
 * Returns whether it stopped early. */
bool walk_scan(struct walk *w, TSNode root, uint32_t limit,
	       bool (*visit)(struct walk *, TSNode, void *), void *ctx);

/* A few names (pointers into the source or the arena, with lengths); more
 * than WALK_NAMES_MAX are not kept. */
#define WALK_NAMES_MAX 64
struct walk_names {
	const char *s[WALK_NAMES_MAX];
	uint32_t len[WALK_NAMES_MAX];
	uint32_t n;
};
void walk_names_add(struct walk_names *set, const char *s, uint32_t len);
/* Is the text of node one of the names? */
bool walk_names_has(const struct walk *w, const struct walk_names *set,
		    TSNode node);

/* Is the latest binding of name made in function fn since byte `from`
 * (and before the current node) an instance of a class: `x = new Calc()`,
 * `x = Calc()` (a capitalised name called)? Looks back a bounded way. */
bool walk_made_instance(const struct walk *w, int32_t fn, uint32_t from,
			const char *name, uint32_t len);

/* How a grammar writes conditionals and returns, for walk_note_arms. */
struct walk_arm_desc {
	/* Is child (a child of parent) one branch of a conditional, as
	 * opposed to its condition or a part that always runs? */
	bool (*is_arm)(struct walk *w, TSNode parent, TSNode child);
	bool (*is_function)(uint8_t kind);
	uint8_t return_kind;
};

/* For the call just added (index call, the node being entered): when its
 * callee is named like the enclosing function (it may be recursive),
 * records the arms of the conditionals it sits in up to that function
 * (struct sf_arm) and the end of the `return` statement around it. */
void walk_note_arms(struct walk *w, int32_t call,
		    const struct walk_arm_desc *d);

/* Marks the current loop (and, when it is popped, its enclosing loops in
 * the same function) with flags. */
void walk_loop_flag(struct walk *w, uint32_t flags);
/* Marks, with flags, the innermost loop whose body holds node (an await
 * in a loop's header, `for x in await f():`, runs once, not per
 * iteration). A comprehension's body is taken to be all of it. */
void walk_loop_body_flag(struct walk *w, TSNode node, uint32_t flags);
/* Counts one operation in the current loop's body. */
void walk_loop_op(struct walk *w, uint32_t flags);

/* Parses `stackfit: ignore[...]`/`ignore-file` in a comment node. code_seen
 * tells whether any code came before it (ignore-file must be in the first
 * comment block). */
void walk_comment(struct walk *w, TSNode comment, bool code_seen);

/* Builds the dotted path of a callee-like expression into the arena, by
 * following object/function fields iteratively. Returns NULL when the
 * expression is not a path or is longer than WALK_PATH_MAX. desc tells the
 * walker which kinds are identifiers, member accesses and calls. */
#define WALK_PATH_MAX 256
struct walk_path_desc {
	uint8_t ident[4]; /* kinds that are a path head/leaf */
	uint8_t member;   /* object.property kind */
	TSFieldId object, property;
	uint8_t call; /* call kind */
	TSFieldId function, arguments;
	/* Returns a head for special calls (`require('fs')` -> "require(fs)"),
	 * or NULL. */
	const char *(*special_call)(struct walk *w, TSNode call);
	/* Kinds whose first named child stands for them (TypeScript's
	 * non-null assertion `x!`, `x as T`); 0 for none. */
	uint8_t transparent[4];
	/* A kind (JavaScript's `await`) whose first named child stands for
	 * it when that is a special call (`(await import('./x')).f`); 0 for
	 * none. */
	uint8_t await_special;
	/* The path of an expression read without following its fields (a
	 * member expression written plainly, from its text), or NULL: tried
	 * first. NULL for none. */
	const char *(*plain)(struct walk *w, TSNode node);
};
const char *walk_path(struct walk *w, TSNode node,
		      const struct walk_path_desc *d, const char **last);
/* (Paths are remembered like fields, for the facts being filled.) */

/* True when one of the first `within` children of n is the anonymous token
 * (`async`, `*`, `const`). */
bool walk_has_token(TSNode n, const char *token, uint32_t within);
/* walk_has_token for a token that the grammar puts, when n has it, before
 * byte `before` (a function's `async` before its name): the source is
 * searched first, and the children looked at only when the token's text
 * is there, which is much cheaper for the many nodes without it. */
bool walk_has_token_before(const struct walk *w, TSNode n, const char *token,
			   uint32_t within, uint32_t before);

/* How a grammar writes constant arithmetic, for walk_const_eval. */
struct walk_const_desc {
	uint8_t number[2]; /* literal kinds */
	uint8_t paren, unary, binary, ident;
	TSFieldId left, right, operator;
	TSFieldId argument; /* the unary operand; 0: its first named child */
};

/* Folds a small constant expression: numbers, + - * / // **, unary minus,
 * parentheses and names of constants already recorded. Recursion is
 * bounded (constants are shallow; deeper means "unknown"). */
bool walk_const_eval(struct walk *w, TSNode n, const struct walk_const_desc *d,
		     double *out);

/* Walks tree (walk_run) and notes syntax errors. With w->opts->split,
 * the facts switch to a new fragment before each new line group of
 * top-level nodes. */
void walk_file(struct walk *w, const TSTree *tree, walk_enter_fn enter);

/* Indexes f's bindings, then resolves every call's callee and every name
 * argument through them. A name with no binding resolves to itself when
 * is_global says so (JavaScript globals, Python builtins), else to NULL. */
void walk_resolve(struct sf_facts *f, bool (*is_global)(const char *path));

/* Numeric value of a literal (decimal, hex, octal, binary, with _ or e).
 * Returns false when text is not a number. */
bool walk_number(const char *text, double *out);

#endif
