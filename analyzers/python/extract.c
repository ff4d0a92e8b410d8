/*
 * Python extractor: one walk of a tree-sitter-python tree that fills the
 * facts — functions (async, decorators, lambdas), calls with their callee
 * paths and keyword arguments, `with` items, loops and comprehensions with
 * their `range` bounds, imports and simple assignments, awaits and
 * suppression comments — followed by name resolution (facts_resolve).
 */
#include "extract.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../roles.h"
#include "../walk.h"
#include "language.h"

enum kind {
	K_NONE,
	K_MODULE,
	K_FUNCTION_DEF,
	K_LAMBDA,
	K_CLASS_DEF,
	K_DECORATED_DEF,
	K_DECORATOR,
	K_CALL,
	K_ATTRIBUTE,
	K_IDENT,
	K_ARGUMENT_LIST,
	K_KEYWORD_ARGUMENT,
	K_AWAIT,
	K_YIELD,
	K_FOR,
	K_WHILE,
	K_LIST_COMP,
	K_SET_COMP,
	K_DICT_COMP,
	K_GENERATOR_EXPR,
	K_FOR_IN_CLAUSE,
	K_IMPORT,
	K_IMPORT_FROM,
	K_ALIASED_IMPORT,
	K_DOTTED_NAME,
	K_RELATIVE_IMPORT,
	K_ASSIGNMENT,
	K_AUGMENTED,
	K_BINARY_OP,
	K_COMPARISON,
	K_UNARY,
	K_SUBSCRIPT,
	K_STRING,
	K_CONCATENATED_STRING,
	K_INTEGER,
	K_FLOAT,
	K_TRUE,
	K_FALSE,
	K_NONE_LITERAL,
	K_COMMENT,
	K_WITH_STATEMENT,
	K_WITH_ITEM,
	K_AS_PATTERN,
	K_AS_PATTERN_TARGET,
	K_PARAMETERS,
	K_TYPED_PARAM,
	K_DEFAULT_PARAM,
	K_TYPED_DEFAULT_PARAM,
	K_LIST_SPLAT_PATTERN,
	K_DICT_SPLAT_PATTERN,
	K_BREAK,
	K_RETURN,
	K_RAISE,
	K_EXPRESSION_STATEMENT,
	K_PARENTHESIZED,
	K_LIST,
	K_TUPLE,
	K_LAMBDA_PARAMETERS,
	K_WILDCARD_IMPORT,
	K_IF,
	K_ELIF,
	K_ELSE,
	K_TRY,
	K_EXCEPT,
	K_EXCEPT_GROUP,
	K_CONDITIONAL,
	K_CASE,
	K_BOOLEAN_OP,
	K_SLICE,
	K_DICT,
	K_SET,
	K_INTERPOLATION,
	K_STRING_START,
	K_BLOCK,
	K_TYPE,
	K_GENERIC_TYPE,
	K_UNION_TYPE,
	K_MEMBER_TYPE,
	K_TYPE_PARAMETER,
	K_COUNT,
};

static const char *const kind_names[K_COUNT] = {
	[K_MODULE] = "module",
	[K_FUNCTION_DEF] = "function_definition",
	[K_LAMBDA] = "lambda",
	[K_CLASS_DEF] = "class_definition",
	[K_DECORATED_DEF] = "decorated_definition",
	[K_DECORATOR] = "decorator",
	[K_CALL] = "call",
	[K_ATTRIBUTE] = "attribute",
	[K_IDENT] = "identifier",
	[K_ARGUMENT_LIST] = "argument_list",
	[K_KEYWORD_ARGUMENT] = "keyword_argument",
	[K_AWAIT] = "await",
	[K_YIELD] = "yield",
	[K_FOR] = "for_statement",
	[K_WHILE] = "while_statement",
	[K_LIST_COMP] = "list_comprehension",
	[K_SET_COMP] = "set_comprehension",
	[K_DICT_COMP] = "dictionary_comprehension",
	[K_GENERATOR_EXPR] = "generator_expression",
	[K_FOR_IN_CLAUSE] = "for_in_clause",
	[K_IMPORT] = "import_statement",
	[K_IMPORT_FROM] = "import_from_statement",
	[K_ALIASED_IMPORT] = "aliased_import",
	[K_DOTTED_NAME] = "dotted_name",
	[K_RELATIVE_IMPORT] = "relative_import",
	[K_ASSIGNMENT] = "assignment",
	[K_AUGMENTED] = "augmented_assignment",
	[K_BINARY_OP] = "binary_operator",
	[K_COMPARISON] = "comparison_operator",
	[K_UNARY] = "unary_operator",
	[K_SUBSCRIPT] = "subscript",
	[K_STRING] = "string",
	[K_CONCATENATED_STRING] = "concatenated_string",
	[K_INTEGER] = "integer",
	[K_FLOAT] = "float",
	[K_TRUE] = "true",
	[K_FALSE] = "false",
	[K_NONE_LITERAL] = "none",
	[K_COMMENT] = "comment",
	[K_WITH_STATEMENT] = "with_statement",
	[K_WITH_ITEM] = "with_item",
	[K_AS_PATTERN] = "as_pattern",
	[K_AS_PATTERN_TARGET] = "as_pattern_target",
	[K_PARAMETERS] = "parameters",
	[K_TYPED_PARAM] = "typed_parameter",
	[K_DEFAULT_PARAM] = "default_parameter",
	[K_TYPED_DEFAULT_PARAM] = "typed_default_parameter",
	[K_LIST_SPLAT_PATTERN] = "list_splat_pattern",
	[K_DICT_SPLAT_PATTERN] = "dictionary_splat_pattern",
	[K_BREAK] = "break_statement",
	[K_RETURN] = "return_statement",
	[K_RAISE] = "raise_statement",
	[K_EXPRESSION_STATEMENT] = "expression_statement",
	[K_PARENTHESIZED] = "parenthesized_expression",
	[K_LIST] = "list",
	[K_TUPLE] = "tuple",
	[K_LAMBDA_PARAMETERS] = "lambda_parameters",
	[K_WILDCARD_IMPORT] = "wildcard_import",
	[K_IF] = "if_statement",
	[K_ELIF] = "elif_clause",
	[K_ELSE] = "else_clause",
	[K_TRY] = "try_statement",
	[K_EXCEPT] = "except_clause",
	[K_EXCEPT_GROUP] = "except_group_clause",
	[K_CONDITIONAL] = "conditional_expression",
	[K_CASE] = "case_clause",
	[K_BOOLEAN_OP] = "boolean_operator",
	[K_SLICE] = "slice",
	[K_DICT] = "dictionary",
	[K_SET] = "set",
	[K_INTERPOLATION] = "interpolation",
	[K_STRING_START] = "string_start",
	[K_BLOCK] = "block",
	[K_TYPE] = "type",
	[K_GENERIC_TYPE] = "generic_type",
	[K_UNION_TYPE] = "union_type",
	[K_MEMBER_TYPE] = "member_type",
	[K_TYPE_PARAMETER] = "type_parameter",
};

static struct {
	struct walk_kinds kinds;
	TSFieldId name, body, function, arguments, object, attribute, left,
		right, value, parameters, condition, module_name,
		alias, operator, superclasses, argument, definition, type,
		return_type, consequence;
	struct walk_path_desc path;
	struct walk_const_desc consts;
} py;

static pthread_once_t py_once = PTHREAD_ONCE_INIT;

/* The kinds enter does something with (its switch's cases, but for the
 * default and numbers): the walk calls enter for no others below the top
 * level (WALK_SYM_QUIET). A case added to enter's switch goes here too. */
static const uint8_t entered_kinds[] = {
	K_COMMENT,
	K_STRING,
	K_CONCATENATED_STRING,
	K_FUNCTION_DEF,
	K_LAMBDA,
	K_CLASS_DEF,
	K_IF,
	K_ELIF,
	K_DECORATOR,
	K_CALL,
	K_WITH_STATEMENT,
	K_FOR,
	K_WHILE,
	K_LIST_COMP,
	K_SET_COMP,
	K_DICT_COMP,
	K_GENERATOR_EXPR,
	K_FOR_IN_CLAUSE,
	K_AWAIT,
	K_YIELD,
	K_IMPORT,
	K_IMPORT_FROM,
	K_ASSIGNMENT,
	K_AUGMENTED,
	K_BINARY_OP,
	K_COMPARISON,
	K_SUBSCRIPT,
	K_RETURN,
	K_BREAK,
	K_RAISE,
	K_ARGUMENT_LIST,
};

/* Kinds of tokens (WALK_SYM_LEAF): nothing below them is entered, and
 * enter returns false for numbers. (An identifier may be a keyword,
 * `print`, aliased: its one child is a token.) */
static const uint8_t leaf_kinds[] = {
	K_IDENT, K_INTEGER, K_FLOAT, K_TRUE, K_FALSE, K_NONE_LITERAL,
};

/* Per kind: is it quiet (not one of entered_kinds), is it a leaf
 * (leaf_kinds)? What the walk does with a node of a quiet kind below the
 * top, enter does with one it is called for only as an argument
 * (keep_named_under): it descends unless the node is a leaf. */
static bool quiet_kind[K_COUNT], leaf_kind[K_COUNT];

/* The bytes that, with white space, make nothing but tokens (the walk's
 * tail_bytes): closing brackets and separators. No named node is made of
 * them alone (an empty tuple, list or dictionary starts with its opening
 * bracket; a slice's `:` is not one of them). */
static const bool tail_bytes[256] = {
	[')'] = true, [']'] = true,  ['}'] = true,  [';'] = true,  [','] = true,
	[' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true,
};

static const char *plain_attribute_path(struct walk *w, TSNode node);

static void
py_init(void)
{
	/* The family has one grammar: the field table is its. */
	const TSLanguage *l = python_language.grammar();
	walk_kinds_build(&py.kinds, l, kind_names, K_COUNT);
	bool entered[K_COUNT] = {false};
	for (size_t i = 0; i < sizeof entered_kinds; i++)
		entered[entered_kinds[i]] = true;
	for (uint8_t k = 1; k < K_COUNT; k++)
		if (!entered[k]) {
			walk_kinds_flag(&py.kinds, k, WALK_SYM_QUIET);
			quiet_kind[k] = true;
		}
	quiet_kind[K_NONE] = true; /* the kinds the extractor does not name */
	for (size_t i = 0; i < sizeof leaf_kinds; i++) {
		walk_kinds_flag(&py.kinds, leaf_kinds[i], WALK_SYM_LEAF);
		leaf_kind[leaf_kinds[i]] = true;
	}
#define FIELD(f) py.f = ts_language_field_id_for_name(l, #f, sizeof #f - 1)
	FIELD(name);
	FIELD(body);
	FIELD(function);
	FIELD(arguments);
	FIELD(object);
	FIELD(attribute);
	FIELD(left);
	FIELD(right);
	FIELD(value);
	FIELD(parameters);
	FIELD(condition);
	FIELD(module_name);
	FIELD(alias);
	FIELD(operator);
	FIELD(superclasses);
	FIELD(argument);
	FIELD(definition);
	FIELD(type);
	FIELD(return_type);
	FIELD(consequence);
#undef FIELD
	py.path = (struct walk_path_desc){
		.ident = {K_IDENT, K_IDENT, K_IDENT, K_IDENT},
		.member = K_ATTRIBUTE,
		.object = py.object,
		.property = py.attribute,
		.call = K_CALL,
		.function = py.function,
		.arguments = py.arguments,
		.special_call = NULL,
		.plain = plain_attribute_path,
	};
	py.consts = (struct walk_const_desc){
		.number = {K_INTEGER, K_FLOAT},
		.paren = K_PARENTHESIZED,
		.unary = K_UNARY,
		.binary = K_BINARY_OP,
		.ident = K_IDENT,
		.left = py.left,
		.right = py.right,
		.operator= py.operator,
		.argument = py.argument,
	};
}

/* `self.x = ...` in `__init__`, or `x = ...` in a class body: what x
 * stands for in the class's methods (`self.x.get()`). */

/* Entries of the memo of paths (a power of two). */
#define PY_PATHS 64
/* Cursors kept on nodes' children (kid), for the children from the
 * PY_KIDS_DIRECT-th on. */
#define PY_KIDS        4
#define PY_KIDS_DIRECT 8

/* A call whose arguments the walk records as it enters them. */
struct open_args {
	int32_t call;
	uint32_t start;      /* its argument list's start byte */
	uint32_t reserved;   /* the slots set aside for them */
	bool smaller, walks; /* for SF_CALL_SHRINKS (arg_size) */
};

struct py_state {
	bool code_seen;
	uint32_t decorators_pending; /* first decorator not yet attached */
	/* The facts decorators_pending and loop_var count in (a fragmented
	 * extraction switches facts between top-level statements). */
	const struct sf_facts *facts;
	VEC(TSNode) loop_var; /* per loop: its target (`x`, `k, v`) */
	/* Per loop: its body's comparisons, subscripts and arithmetic used
	 * its own elements (1), an enclosing loop's (2). */
	VEC(uint8_t) uses;
	/* The paths of nodes asked for lately (path_of), by node: the
	 * callee of a call is asked for when its value is an argument's or
	 * an assignment's origin, and again when the walk enters the call. */
	struct {
		const void *id;
		const char *path;
	} paths[PY_PATHS];
	/* Cursors on the named children of the nodes whose children were
	 * asked for lately (kid), the least recently asked replaced. */
	struct py_kids {
		const void *id; /* the parent (NULL: none) */
		uint32_t start; /* its start byte (an id with the start is one
				 * place in the tree) */
		uint32_t index; /* the cursor is on its named child index */
		uint32_t used;  /* kids_clock when last asked */
		bool live;      /* the cursor was made */
		TSTreeCursor c;
	} kids[PY_KIDS];
	uint32_t kids_clock;
	/* The calls whose arguments the walk records as it enters them
	 * (record_arg), innermost last. */
	VEC(struct open_args) args_open;
};

/* At most this many nodes of an expression are searched for names;
 * bindings made inside enclosing loops are looked at, newest first, up to
 * this many (as in the JavaScript extractor). */
#define PY_SCAN_NODES         4096
#define PY_LOOP_BINDINGS_SCAN 512
/* Origins are followed through this many wrappers at most. */
#define PY_ORIGIN_DEPTH 16

static TSNode
field(TSNode n, TSFieldId id)
{
	return ts_node_child_by_field_id(n, id);
}

#ifndef NDEBUG
/* For the debug checks of the shortcuts below: is c the node the
 * tree-sitter call they replace gives (want)? */
static bool
same_node(TSNode c, TSNode want)
{
	return ts_node_eq(c, want) &&
	       ts_node_start_byte(c) == ts_node_start_byte(want) &&
	       ts_node_symbol(c) == ts_node_symbol(want);
}
#endif

/* The child in field id of the node being entered (node), as field gives
 * it: its first child when the grammar puts that field there (a call's
 * function, an assignment's left side), which the walk's cursor reaches
 * without ts_node_child_by_field_id's scan of the field table and descent
 * through a hidden child. */
static TSNode
first_field(struct walk *w, TSNode node, TSFieldId id)
{
	TSNode c = walk_first_child(w);
	if (c.id == NULL || walk_field_id(w) != id)
		return field(node, id);
	assert(same_node(c, field(node, id)));
	return c;
}

/* Does node (a function, a `with` or `for` statement, a comprehension's
 * `for` clause) start with the `async` token? Its text is looked at
 * first: only a node that starts with the word has its first child
 * looked at (walk_has_token), not every one. */
static bool
starts_async(const struct walk *w, TSNode node)
{
	return walk_has_token_before(w, node, "async", 1,
				     ts_node_start_byte(node) + 5);
}

/* Moves k's cursor to the next named node among its parent's children;
 * false when there is none. */
static bool
next_named(struct py_kids *k)
{
	do {
		if (!ts_tree_cursor_goto_next_sibling(&k->c))
			return false;
	} while (!ts_node_is_named(ts_tree_cursor_current_node(&k->c)));
	return true;
}

/* ts_node_named_child(n, i) for the loops that ask for a node's children
 * one index after another: ts_node_named_child walks the i children before
 * the one asked for again each time (a call with a thousand arguments, an
 * f-string with many parts), a cursor kept on the node steps to the next.
 * A few nodes have one each, so a loop over one node's children that asks
 * for other nodes' children in its body keeps its own. The cursor visits
 * the visible children, through the hidden ones, as ts_node_named_child
 * counts them (the grammar's only anonymous nodes with children, `is not`
 * and `not in`, have no named ones below them). */
static TSNode
kid(struct walk *w, TSNode n, uint32_t i)
{
	struct py_state *st = w->user;
	/* A cursor's step costs as much as ts_node_named_child's look at a
	 * few children: the first ones are asked for as they are. */
	if (n.id == NULL || i < PY_KIDS_DIRECT)
		return ts_node_named_child(n, i);
	uint32_t start = ts_node_start_byte(n);
	struct py_kids *k = NULL, *old = &st->kids[0];
	for (uint32_t s = 0; s < PY_KIDS; s++) {
		struct py_kids *x = &st->kids[s];
		if (x->id == n.id && x->start == start && x->index <= i) {
			k = x;
			break;
		}
		if (x->used < old->used)
			old = x;
	}
	if (k == NULL) {
		k = old;
		if (k->live)
			ts_tree_cursor_reset(&k->c, n);
		else
			k->c = ts_tree_cursor_new(n);
		k->live = true;
		k->id = NULL;
		if (!ts_tree_cursor_goto_first_child(&k->c))
			return (TSNode){0};
		if (!ts_node_is_named(ts_tree_cursor_current_node(&k->c)) &&
		    !next_named(k))
			return (TSNode){0};
		k->id = n.id;
		k->start = start;
		k->index = 0;
	}
	k->used = ++st->kids_clock;
	while (k->index < i) {
		if (!next_named(k)) {
			k->id = NULL;
			return (TSNode){0};
		}
		k->index++;
	}
	TSNode c = ts_tree_cursor_current_node(&k->c);
	assert(same_node(c, ts_node_named_child(n, i)));
	return c;
}

static void
kids_finish(struct py_state *st)
{
	for (uint32_t s = 0; s < PY_KIDS; s++)
		if (st->kids[s].live)
			ts_tree_cursor_delete(&st->kids[s].c);
}

/* Is c a byte of a dotted path written plainly (`self.session.get`)? */
static inline bool
plain_path_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.';
}

/* An attribute written plainly — ASCII names joined by dots, with no
 * space, comment, call or bracket — parses as a chain of attributes down
 * to its first name, so its path is its text: that text, copied, or NULL
 * when the attribute is not such (walk_path then follows the fields, two
 * lookups per dot). Words that head no path (walk_path stops at their
 * kinds: `None.x`, `True.x`) are turned away, and so are numbers. */
static const char *
plain_attribute_path(struct walk *w, TSNode node)
{
	if (walk_kind(w, node) != K_ATTRIBUTE)
		return NULL;
	uint32_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
	if (e > w->len || e <= s || e - s > WALK_PATH_MAX)
		return NULL;
	const char *t = w->src + s;
	/* A bound on the segments well under walk_path's. */
	uint32_t dots = 0, head = 0;
	for (uint32_t i = 0; i < e - s; i++) {
		unsigned char c = (unsigned char)t[i];
		if (!plain_path_byte(c))
			return NULL;
		if (c != '.')
			continue;
		/* Each segment a name: not empty, not a number. */
		if (i == 0 || i + 1 == e - s || t[i + 1] == '.' ||
		    (t[i + 1] >= '0' && t[i + 1] <= '9') || ++dots > 16)
			return NULL;
		if (head == 0)
			head = i;
	}
	if (head == 0 || (t[0] >= '0' && t[0] <= '9'))
		return NULL;
	if ((head == 4 &&
	     (memcmp(t, "None", 4) == 0 || memcmp(t, "True", 4) == 0)) ||
	    (head == 5 && memcmp(t, "False", 5) == 0))
		return NULL;
	if (ts_node_has_error(node))
		return NULL;
	return arena_strndup(&w->f->arena, t, e - s);
}

/* walk_path with Python's description, remembered: a node's path is made
 * once (a node's id is where its tree holds it, one for each node). *last,
 * when asked for, gets the path's last segment, as walk_path gives it. */
static const char *
path_of(struct walk *w, TSNode n, const char **last)
{
	struct py_state *st = w->user;
	const char *path;
	if (n.id == NULL) {
		path = NULL;
	} else {
		uintptr_t h = (uintptr_t)n.id;
		h = (h ^ (h >> 7) ^ (h >> 13)) & (PY_PATHS - 1);
		if (st->paths[h].id != n.id) {
			st->paths[h].id = n.id;
			st->paths[h].path = walk_path(w, n, &py.path, NULL);
		}
		path = st->paths[h].path;
	}
	if (last != NULL) {
		const char *dot = path ? strrchr(path, '.') : NULL;
		*last = dot ? dot + 1 : path;
	}
	return path;
}

/* Does the text s[0..n) contain word? */
static bool
text_has(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);
	const char *end = s + n;
	while ((size_t)(end - s) >= k) {
		s = memchr(s, word[0], (size_t)(end - s) - k + 1);
		if (s == NULL)
			return false;
		if (memcmp(s, word, k) == 0)
			return true;
		s++;
	}
	return false;
}

/* Where the contents of a string node (kind K_STRING) without errors
 * are in the source, read from its text: after its prefix and opening
 * quotes, before its closing ones ([*from, *to)); *formatted, whether the
 * prefix has an f or a t (the contents may hold substitutions). False
 * when the text is not such a literal. */
static bool
string_body(const struct walk *w, TSNode str, uint32_t *from, uint32_t *to,
	    bool *formatted)
{
	uint32_t s = ts_node_start_byte(str), e = ts_node_end_byte(str);
	if (e > w->len || e <= s || ts_node_has_error(str))
		return false;
	const char *t = w->src;
	uint32_t i = s;
	*formatted = false;
	for (; i < e &&
	       ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z'));
	     i++)
		*formatted |= t[i] == 'f' || t[i] == 'F' || t[i] == 't' ||
			      t[i] == 'T';
	if (i >= e || (t[i] != '"' && t[i] != '\''))
		return false;
	char q = t[i];
	uint32_t n = e - i >= 6 && t[i + 1] == q && t[i + 2] == q ? 3 : 1;
	if (e - i < 2 * n)
		return false;
	for (uint32_t k = 1; k <= n; k++)
		if (t[e - k] != q)
			return false;
	*from = i + n;
	*to = e - n;
	return true;
}

/* string_value as its children give it. */
static const char *
string_value_slow(struct walk *w, TSNode str)
{
	uint32_t n = ts_node_named_child_count(str);
	/* string_start, string_content?, string_end */
	for (uint32_t i = 0; i < n; i++) {
		TSNode c = kid(w, str, i);
		if (strcmp(ts_node_type(c), "string_content") == 0)
			return walk_text(w, c);
		if (strcmp(ts_node_type(c), "interpolation") == 0)
			return NULL;
	}
	return "";
}

/* A plain string literal's contents (no prefix handling beyond the quotes),
 * or NULL. Read from its text (string_body) when it can hold neither a
 * substitution nor an escape: its one string_content child, if any, is
 * all of it. */
static const char *
string_value(struct walk *w, TSNode str)
{
	if (walk_kind(w, str) != K_STRING)
		return NULL;
	uint32_t a, b;
	bool formatted;
	/* (An escape alone, `"\\"`, is no string_content.) */
	if (!string_body(w, str, &a, &b, &formatted) || formatted ||
	    memchr(w->src + a, '\\', b - a) != NULL)
		return string_value_slow(w, str);
	const char *v =
		a == b ? "" : arena_strndup(&w->f->arena, w->src + a, b - a);
#ifndef NDEBUG
	const char *slow = string_value_slow(w, str);
	assert(slow != NULL && strcmp(v, slow) == 0);
#endif
	return v;
}

/* --- imports and assignments ------------------------------------------- */

static void
enter_import(struct walk *w, TSNode node)
{
	uint32_t n = ts_node_named_child_count(node);
	for (uint32_t i = 0; i < n; i++) {
		TSNode c = kid(w, node, i);
		uint8_t k = walk_kind(w, c);
		if (k == K_DOTTED_NAME) {
			/* `import os.path` binds `os`. */
			const char *full = walk_text(w, c);
			size_t head = strcspn(full, ".");
			const char *local =
				arena_strndup(&w->f->arena, full, head);
			walk_add_binding(w, SF_BIND_MODULE, local, local, w->fn,
					 c, true);
		} else if (k == K_ALIASED_IMPORT) {
			TSNode nm = field(c, py.name), al = field(c, py.alias);
			walk_add_binding(w, SF_BIND_MODULE, walk_text(w, al),
					 walk_text(w, nm), w->fn, c, true);
		}
	}
}

static void
enter_import_from(struct walk *w, TSNode node)
{
	TSNode mod_node = field(node, py.module_name);
	if (ts_node_is_null(mod_node))
		return;
	const char *mod = walk_text(w, mod_node);
	size_t ml = strlen(mod);
	bool dots_only = strspn(mod, ".") == ml;
	uint32_t n = ts_node_named_child_count(node);
	for (uint32_t i = 0; i < n; i++) {
		TSNode c = kid(w, node, i);
		if (ts_node_eq(c, mod_node))
			continue;
		uint8_t k = walk_kind(w, c);
		const char *member, *local;
		if (k == K_DOTTED_NAME) {
			member = local = walk_text(w, c);
		} else if (k == K_ALIASED_IMPORT) {
			member = walk_text(w, field(c, py.name));
			local = walk_text(w, field(c, py.alias));
		} else if (k == K_WILDCARD_IMPORT) {
			/* `from .x import *`: bound as "*", which no name
			 * looks up; the project index follows it. */
			member = local = "*";
		} else {
			continue;
		}
		const char *target = arena_join(
			&w->f->arena, mod, dots_only ? "" : ".", member, NULL);
		walk_add_binding(w, SF_BIND_MEMBER, local, target, w->fn, c,
				 true);
	}
}

/* The operand a chain of `/` starts from: `base` in `base / "a" / b`.
 * Dividing a pathlib path gives a path, so `p = root / name` makes p what
 * root is; for numbers the alias leads nowhere the catalogue knows. */
static TSNode
division_base(struct walk *w, TSNode n)
{
	/* Bounded: a chain longer than this is generated code. */
	for (int i = 0; i < 64; i++) {
		uint8_t k = walk_kind(w, n);
		if (k == K_PARENTHESIZED) {
			n = ts_node_named_child(n, 0);
		} else if (k == K_BINARY_OP &&
			   strcmp(ts_node_type(field(n, py.operator)), "/") ==
				   0) {
			n = field(n, py.left);
		} else {
			return n;
		}
		if (ts_node_is_null(n))
			return n;
	}
	return (TSNode){0};
}

/* What an expression stands for, as a path the resolver understands: a
 * name or attribute path (an alias), `X()` for a call of X (an instance),
 * or the base of a `/` chain. NULL when it is none of these. */
static const char *
value_path(struct walk *w, TSNode value, enum sf_binding_kind *kind)
{
	uint8_t k = walk_kind(w, value);
	if (k == K_BINARY_OP || k == K_PARENTHESIZED) {
		value = division_base(w, value);
		if (ts_node_is_null(value))
			return NULL;
		k = walk_kind(w, value);
	}
	if (k == K_IDENT || k == K_ATTRIBUTE) {
		*kind = SF_BIND_ALIAS;
		return path_of(w, value, NULL);
	}
	if (k == K_SUBSCRIPT) {
		/* `db = client[name]`: what subscripting the client gives. */
		const char *p = value_path(w, field(value, py.value), kind);
		*kind = SF_BIND_ALIAS;
		return p && strlen(p) < WALK_PATH_MAX
			       ? arena_join(&w->f->arena, p, "[]", NULL)
			       : NULL;
	}
	if (k == K_CALL) {
		const char *p = path_of(w, field(value, py.function), NULL);
		*kind = SF_BIND_INSTANCE;
		return p ? arena_join(&w->f->arena, p, "()", NULL) : NULL;
	}
	return NULL;
}

/* --- where values come from --------------------------------------------- */

/* Request data by the names Flask, Django, Starlette and aiohttp give it
 * (`request.form`, `request.POST`, `request.query_params`...). */
static bool
request_path(const char *p)
{
	static const char *const heads[] = {
		"request.form",   "request.args",   "request.files",
		"request.values", "request.json",   "request.data",
		"request.POST",   "request.GET",    "request.FILES",
		"request.body",   "request.query",  "request.query_params",
		"request.post",   "request.stream",
	};
	/* All of them start so: most paths are turned away at once. */
	if (strncmp(p, "request.", 8) != 0)
		return false;
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
		size_t n = strlen(heads[i]);
		if (strncmp(p, heads[i], n) == 0 &&
		    (p[n] == '\0' || p[n] == '.' || p[n] == '('))
			return true;
	}
	return false;
}

/* Builtins that give back (a view of) their first argument. */
static bool
keeps_arg_size(const char *name)
{
	static const char *const names[] = {
		"sorted",   "list",      "tuple",   "set",  "frozenset",
		"reversed", "enumerate", "iter",    "dict", "len",
		"zip",      "deque",     "groupby",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (name[0] == names[i][0] && strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Methods that give back what their receiver holds. */
static bool
keeps_size(const char *method)
{
	static const char *const methods[] = {
		"items",
		"values",
		"keys",
		"copy",
	};
	for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
		if (strcmp(method, methods[i]) == 0)
			return true;
	return false;
}

/* The first positional argument of a call node, or a null node. */
static TSNode
first_arg(struct walk *w, TSNode call, uint32_t skip)
{
	TSNode args = field(call, py.arguments);
	uint32_t n =
		ts_node_is_null(args) ? 0 : ts_node_named_child_count(args);
	for (uint32_t i = 0; i < n; i++) {
		TSNode a = kid(w, args, i);
		uint8_t k = walk_kind(w, a);
		if (k == K_COMMENT || k == K_KEYWORD_ARGUMENT)
			continue;
		if (skip-- == 0)
			return a;
	}
	return (TSNode){0};
}

/* Where the value of expression n comes from. path is n's path
 * (walk_path) when the caller has it already, else NULL. */
static struct sf_origin
origin_of_path(struct walk *w, TSNode n, const char *path)
{
	struct sf_origin o = {.kind = SF_ORIGIN_UNKNOWN, .fn = -1, .call = -1};
	/* After an attribute whose path is no request's, the attributes of
	 * its object chain are not either: their paths are prefixes of that
	 * path, cut at a dot, and request_path holds for a path when it
	 * holds for such a prefix. */
	bool no_request = false;
	for (int depth = 0; depth < PY_ORIGIN_DEPTH && !ts_node_is_null(n);
	     depth++) {
		uint8_t k = walk_kind(w, n);
		if (k != K_ATTRIBUTE)
			no_request = false;
		switch (k) {
		case K_PARENTHESIZED:
		case K_AWAIT:
			n = ts_node_named_child(n, 0);
			continue;
		case K_LIST:
		case K_SET:
		case K_DICT:
			o.kind = ts_node_named_child_count(n) == 0
					 ? SF_ORIGIN_CONTAINER
					 : SF_ORIGIN_LITERAL;
			return o;
		case K_TUPLE:
		case K_STRING:
		case K_CONCATENATED_STRING:
			o.kind = SF_ORIGIN_LITERAL;
			return o;
		case K_LIST_COMP:
		case K_SET_COMP:
		case K_DICT_COMP:
		case K_GENERATOR_EXPR: {
			/* What the first `for` runs over. */
			TSNode clause = {0};
			uint32_t c = ts_node_named_child_count(n);
			for (uint32_t i = 0; i < c && ts_node_is_null(clause);
			     i++)
				if (walk_kind(w, kid(w, n, i)) ==
				    K_FOR_IN_CLAUSE)
					clause = kid(w, n, i);
			n = ts_node_is_null(clause) ? clause
						    : field(clause, py.right);
			continue;
		}
		case K_IDENT:
			o.kind = SF_ORIGIN_NAME;
			/* A name's path is its text. */
			o.text = depth == 0 && path != NULL ? path
							    : walk_text(w, n);
			o.fn = w->fn;
			o.start = ts_node_start_byte(n);
			o.end = ts_node_end_byte(n);
			return o;
		case K_ATTRIBUTE: {
			if (!no_request) {
				const char *p = depth == 0 && path != NULL
							? path
							: path_of(w, n, NULL);
				if (p != NULL && request_path(p)) {
					o.kind = SF_ORIGIN_REQUEST;
					o.text = p;
					return o;
				}
				no_request = p != NULL;
			}
			n = field(n, py.object);
			if (walk_text_is(w, n, "self") ||
			    walk_text_is(w, n, "cls"))
				return o;
			continue;
		}
		case K_SUBSCRIPT:
			n = field(n, py.value);
			continue;
		case K_BOOLEAN_OP:
			/* `xs or []`: xs. */
			n = field(n, py.left);
			continue;
		case K_CALL: {
			TSNode callee = field(n, py.function);
			uint8_t ck = walk_kind(w, callee);
			if (ck == K_IDENT) {
				if (walk_text_is(w, callee, "range")) {
					/* The stop: range(n), range(a, n). */
					TSNode stop = first_arg(w, n, 1);
					n = ts_node_is_null(stop)
						    ? first_arg(w, n, 0)
						    : stop;
					continue;
				}
				if (walk_text_is(w, callee, "map") ||
				    walk_text_is(w, callee, "filter")) {
					n = first_arg(w, n, 1);
					continue;
				}
				const char *name = walk_text(w, callee);
				bool keeps = keeps_arg_size(name);
				if (strcmp(name, "defaultdict") == 0 ||
				    strcmp(name, "Counter") == 0 ||
				    strcmp(name, "OrderedDict") == 0 ||
				    (keeps &&
				     ts_node_is_null(first_arg(w, n, 0)))) {
					o.kind = SF_ORIGIN_CONTAINER;
					return o;
				}
				if (keeps) {
					n = first_arg(w, n, 0);
					continue;
				}
			}
			/* A function run in a thread: what it returns. */
			const char *cp = path_of(w, callee, NULL);
			const char *last = cp ? facts_last_segment(cp) : NULL;
			TSNode target = {0};
			if (last != NULL &&
			    (strcmp(last, "to_thread") == 0 ||
			     strcmp(last, "run_sync") == 0 ||
			     strcmp(last, "run_in_threadpool") == 0))
				target = first_arg(w, n, 0);
			else if (last != NULL &&
				 strcmp(last, "run_in_executor") == 0)
				target = first_arg(w, n, 1);
			uint8_t tk = ts_node_is_null(target)
					     ? K_NONE
					     : walk_kind(w, target);
			if (tk == K_IDENT || tk == K_ATTRIBUTE) {
				o.text = path_of(w, target, NULL);
				if (o.text != NULL) {
					o.kind = SF_ORIGIN_RETURN;
					o.fn = w->fn;
					o.start = ts_node_start_byte(target);
					o.end = ts_node_end_byte(target);
				}
				return o;
			}
			if (ck == K_ATTRIBUTE) {
				TSNode attr = field(callee, py.attribute);
				if (!ts_node_is_null(attr) &&
				    keeps_size(walk_text(w, attr))) {
					n = field(callee, py.object);
					continue;
				}
				/* The callee's path, as above. */
				if (cp != NULL && request_path(cp)) {
					o.kind = SF_ORIGIN_REQUEST;
					o.text = cp;
					return o;
				}
			}
			o.kind = SF_ORIGIN_CALL;
			o.start = ts_node_start_byte(n);
			o.end = ts_node_end_byte(n);
			return o;
		}
		default:
			return o;
		}
	}
	return o;
}

static struct sf_origin
origin_of(struct walk *w, TSNode n)
{
	return origin_of_path(w, n, NULL);
}

/* Is the walk directly in a class body (not in one of its methods)? */
static bool
in_class_body(const struct walk *w)
{
	return w->cls >= 0 && w->f->classes.v[w->cls].parent_function == w->fn;
}

/* `self.x = value` in `__init__`, or `x = value` in a class body. */
static void
bind_attribute(struct walk *w, int32_t cls, const char *attr, TSNode right)
{
	enum sf_binding_kind kind;
	const char *path = value_path(w, right, &kind);
	if (path == NULL)
		return;
	struct sf_attr *a = VEC_PUSH(w->f->attrs);
	a->cls = cls;
	a->attr = attr;
	a->path = path;
	a->scope = w->fn;
	a->pos = ts_node_start_byte(right);
}

/* The class an annotation names, as a dotted path: `Path`, `"Path"` (a
 * forward reference), `Optional[Path]`, `Path | None`, `Union[Path, None]`,
 * `sqlalchemy.orm.Session`; NULL for anything else (`list[Path]`). */
static const char *
annotation_path(struct walk *w, TSNode n)
{
	/* Bounded: nesting deeper than this is no annotation of a class. */
	for (int depth = 0; depth < 8 && !ts_node_is_null(n); depth++) {
		switch (walk_kind(w, n)) {
		case K_TYPE:
		case K_PARENTHESIZED:
		case K_TYPE_PARAMETER:
			n = ts_node_named_child(n, 0);
			continue;
		case K_IDENT:
		case K_ATTRIBUTE:
			return path_of(w, n, NULL);
		case K_MEMBER_TYPE: {
			/* `a.b.C` written as a type: its text, if plain. */
			const char *t = walk_text(w, n);
			return strspn(t, "abcdefghijklmnopqrstuvwxyz"
					 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
					 ".") == strlen(t)
				       ? t
				       : NULL;
		}
		case K_STRING: {
			/* A forward reference: a plain dotted name only. */
			const char *t = string_value(w, n);
			if (t == NULL || t[0] == '\0' ||
			    strspn(t,
				   "abcdefghijklmnopqrstuvwxyz"
				   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") !=
				    strlen(t))
				return NULL;
			return t;
		}
		case K_UNION_TYPE:
		case K_BINARY_OP: {
			/* `X | None`: the side that is not None. */
			TSNode a = ts_node_named_child(n, 0);
			n = walk_text_is(w, a, "None")
				    ? ts_node_named_child(n, 1)
				    : a;
			continue;
		}
		case K_GENERIC_TYPE:
		case K_SUBSCRIPT: {
			/* `Optional[X]`, `Union[X, None]`: X. */
			TSNode head = ts_node_named_child(n, 0);
			const char *h = path_of(w, head, NULL);
			const char *last = h ? facts_last_segment(h) : "";
			if (strcmp(last, "Optional") != 0 &&
			    strcmp(last, "Union") != 0)
				return NULL;
			TSNode arg = ts_node_named_child(n, 1);
			if (walk_kind(w, arg) == K_TYPE_PARAMETER)
				arg = ts_node_named_child(arg, 0);
			n = arg;
			continue;
		}
		default:
			return NULL;
		}
	}
	return NULL;
}

/* Bindings looked at, newest first, for bound_in_scope. */
#define PY_REBIND_SCAN 256

/* Has name been bound in scope already (looking back a little)? */
static bool
bound_in_scope(const struct walk *w, const char *name, int32_t scope)
{
	for (uint32_t i = w->f->bindings.n, seen = 0;
	     i-- > 0 && seen < PY_REBIND_SCAN; seen++) {
		const struct sf_binding *b = &w->f->bindings.v[i];
		if (b->scope == scope && strcmp(b->local, name) == 0)
			return b->kind != SF_BIND_LOCAL || b->type != NULL;
	}
	return false;
}

/* What function fn returns: path, resolved from scope at pos. */
static void
add_return(struct walk *w, int32_t fn, const char *path, int32_t scope,
	   uint32_t pos)
{
	struct sf_return *r = VEC_PUSH(w->f->returns);
	r->fn = fn;
	r->path = path;
	r->scope = scope;
	r->pos = pos;
}

/* An attribute whose value is an instance of the class an annotation
 * names (`session: Session`, `self.db: Database = make()`). */
static bool
bind_annotated_attribute(struct walk *w, int32_t cls, const char *attr,
			 TSNode type)
{
	const char *t = ts_node_is_null(type) ? NULL : annotation_path(w, type);
	if (t == NULL)
		return false;
	struct sf_attr *a = VEC_PUSH(w->f->attrs);
	a->cls = cls;
	a->attr = attr;
	a->path = arena_join(&w->f->arena, t, "()", NULL);
	a->scope = w->fn;
	a->pos = ts_node_start_byte(type);
	return true;
}

/* `self.x = value` in a method of a class: what x is in its methods. */
static void
bind_self_attribute(struct walk *w, TSNode left, TSNode right, TSNode type)
{
	const struct sf_function *fn = &w->f->functions.v[w->fn];
	TSNode obj = field(left, py.object);
	TSNode attr = field(left, py.attribute);
	if (!(fn->flags & SF_FN_METHOD) || fn->class_index < 0 ||
	    !walk_text_is(w, obj, "self") || ts_node_is_null(attr))
		return;
	const char *name = walk_text(w, attr);
	if (!bind_annotated_attribute(w, fn->class_index, name, type) &&
	    !ts_node_is_null(right))
		bind_attribute(w, fn->class_index, name, right);
}

/* `cls._cache[key] = data`, `_CACHE[k] = v`: the function keeps what it
 * computes in a container named as a cache (SF_FN_CACHES). */
static void
note_cache_store(struct walk *w, TSNode container)
{
	uint8_t k =
		ts_node_is_null(container) ? K_NONE : walk_kind(w, container);
	if (k != K_IDENT && k != K_ATTRIBUTE)
		return;
	const char *t = walk_text(w, container);
	const char *last = strrchr(t, '.');
	last = last ? last + 1 : t;
	for (const char *p = last; *p != '\0'; p++)
		if (strncasecmp(p, "cache", 5) == 0) {
			w->f->functions.v[w->fn].flags |= SF_FN_CACHES;
			return;
		}
}

/* `name = value` (assignment node): aliases, instances and numeric
 * constants. */
static void
bind_assignment(struct walk *w, TSNode node, TSNode left, TSNode right)
{
	/* Only `name: type = value` (five children) and `name: type` (no
	 * value) have an annotation: nearly all assignments, a value and
	 * three children, are not searched for one. */
	TSNode type = !ts_node_is_null(right) && ts_node_child_count(node) == 3
			      ? (TSNode){0}
			      : field(node, py.type);
	uint8_t lk = walk_kind(w, left);
	if (lk == K_SUBSCRIPT && w->fn >= 0) {
		note_cache_store(w, field(left, py.value));
		return;
	}
	if (lk == K_ATTRIBUTE && w->fn >= 0) {
		bind_self_attribute(w, left, right, type);
		return;
	}
	if (lk == K_IDENT && in_class_body(w)) {
		/* A class attribute is no name in the enclosing scope; its
		 * annotation says what it is better than a default does
		 * (`session: Session = Depends(get_session)`). */
		const char *local = walk_text(w, left);
		if (!bind_annotated_attribute(w, w->cls, local, type) &&
		    !ts_node_is_null(right))
			bind_attribute(w, w->cls, local, right);
		return;
	}
	if (ts_node_is_null(right) || lk != K_IDENT)
		return;
	const char *local = walk_text(w, left);
	/* `x = None` after `x = Path(...)`: x is still a path when it is
	 * anything (a `finally` that cleans up after the try assigned it). */
	if (walk_kind(w, right) == K_NONE_LITERAL &&
	    bound_in_scope(w, local, w->fn))
		return;
	enum sf_binding_kind kind = SF_BIND_LOCAL;
	const char *path = NULL;
	double v;
	if (walk_const_eval(w, right, &py.consts, &v)) {
		struct sf_constant *c = VEC_PUSH(w->f->constants);
		c->name = local;
		c->scope = w->fn;
		c->value = v;
	} else {
		path = value_path(w, right, &kind);
	}
	uint32_t first = w->f->bindings.n;
	walk_add_binding(w, path ? kind : SF_BIND_LOCAL, local, path, w->fn,
			 left, false);
	if (w->f->bindings.n > first) {
		struct sf_binding *b = &w->f->bindings.v[first];
		b->origin = origin_of(w, right);
		/* `target: Path = ...`: the annotation, for light types. */
		if (!ts_node_is_null(type))
			b->type = annotation_path(w, type);
	}
}

/* --- functions ---------------------------------------------------------- */

/* `session=Depends(generate_session)` with no annotation: the framework
 * passes what the dependency returns or yields, as the result of calling
 * it (a class gives an instance, a function what it returns): its path,
 * else NULL. */
static const char *
dependency_path(struct walk *w, TSNode value)
{
	if (ts_node_is_null(value) || walk_kind(w, value) != K_CALL)
		return NULL;
	const char *fn = path_of(w, field(value, py.function), NULL);
	if (fn == NULL || strcmp(facts_last_segment(fn), "Depends") != 0)
		return NULL;
	TSNode dep = first_arg(w, value, 0);
	uint8_t k = ts_node_is_null(dep) ? K_NONE : walk_kind(w, dep);
	if (k != K_IDENT && k != K_ATTRIBUTE)
		return NULL;
	return path_of(w, dep, NULL);
}

static void
bind_parameters(struct walk *w, TSNode params, int32_t scope)
{
	uint32_t n =
		ts_node_is_null(params) ? 0 : ts_node_named_child_count(params);
	int8_t pos = 0;
	for (uint32_t i = 0; i < n; i++) {
		TSNode p = kid(w, params, i);
		uint8_t k = walk_kind(w, p);
		TSNode type = k == K_TYPED_PARAM || k == K_TYPED_DEFAULT_PARAM
				      ? field(p, py.type)
				      : (TSNode){0};
		if (k == K_DEFAULT_PARAM || k == K_TYPED_DEFAULT_PARAM) {
			/* A numeric default is a bound as good as a
			 * constant (`runs: int = 20_000`). */
			double v;
			TSNode name = field(p, py.name);
			if (walk_kind(w, name) == K_IDENT &&
			    walk_const_eval(w, field(p, py.value), &py.consts,
					    &v)) {
				struct sf_constant *c =
					VEC_PUSH(w->f->constants);
				c->name = walk_text(w, name);
				c->scope = scope;
				c->value = v;
			}
			p = name;
		} else if (k == K_TYPED_PARAM || k == K_LIST_SPLAT_PATTERN ||
			   k == K_DICT_SPLAT_PATTERN) {
			p = ts_node_named_child(p, 0);
		}
		if (ts_node_is_null(p) || walk_kind(w, p) != K_IDENT)
			continue;
		walk_add_binding(w, SF_BIND_LOCAL, walk_text(w, p), NULL, scope,
				 p, false);
		struct sf_binding *b = &w->f->bindings.v[w->f->bindings.n - 1];
		b->origin = (struct sf_origin){.kind = SF_ORIGIN_PARAM,
					       .param = pos,
					       .fn = scope,
					       .call = -1};
		if (!ts_node_is_null(type))
			b->type = annotation_path(w, type);
		if (b->type == NULL && k == K_DEFAULT_PARAM)
			b->type = dependency_path(
				w, field(kid(w, params, i), py.value));
		if (pos < 126)
			pos++;
	}
}

/* Records the current call's argument that is this function literal. */
static void
mark_callback(struct walk *w, int32_t idx)
{
	uint8_t pk = walk_ancestor_kind(w, 1);
	if (pk == K_KEYWORD_ARGUMENT)
		pk = walk_ancestor_kind(w, 2);
	if (pk != K_ARGUMENT_LIST || w->call < 0)
		return;
	struct sf_function *fn = &w->f->functions.v[idx];
	const struct sf_call *c = &w->f->calls.v[w->call];
	for (uint32_t i = 0; i < c->nargs; i++) {
		struct sf_arg *a = &w->f->args.v[c->arg0 + i];
		if (a->span.start <= fn->span.start &&
		    fn->span.end <= a->span.end && a->kind == SF_ARG_FUNCTION) {
			a->function = idx;
			fn->flags |= SF_FN_CALLBACK;
			fn->cb_call = w->call;
			fn->cb_arg = (int32_t)i;
			return;
		}
	}
}

/* `Generator[Session, None, None]`, `Iterator[Session]` and their async
 * forms: the class the generator yields (a path), else NULL. */
static const char *
yielded_path(struct walk *w, TSNode n)
{
	static const char *const heads[] = {
		"Generator",
		"Iterator",
		"AsyncGenerator",
		"AsyncIterator",
	};
	while (!ts_node_is_null(n) && walk_kind(w, n) == K_TYPE)
		n = ts_node_named_child(n, 0);
	uint8_t k = ts_node_is_null(n) ? K_NONE : walk_kind(w, n);
	if (k != K_GENERIC_TYPE && k != K_SUBSCRIPT)
		return NULL;
	const char *h = path_of(w, ts_node_named_child(n, 0), NULL);
	if (h == NULL)
		return NULL;
	bool known = false;
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
		known = known || strcmp(facts_last_segment(h), heads[i]) == 0;
	if (!known)
		return NULL;
	/* The first type argument: `Generator[X, ...]` is a generic_type
	 * whose second child is the type parameter list, `X[...]` written
	 * as a subscript has it as its second child. */
	TSNode arg = ts_node_named_child(n, 1);
	if (!ts_node_is_null(arg) && walk_kind(w, arg) == K_TYPE_PARAMETER)
		arg = ts_node_named_child(arg, 0);
	return ts_node_is_null(arg) ? NULL : annotation_path(w, arg);
}

/* --- development code --------------------------------------------------- */

/* Is n a read of an environment variable named for development
 * (`os.getenv("APP_DEBUG")`, `os.environ.get("TRACE_DIR")`,
 * `os.environ["DEV"]`)? */
static bool
dev_env_read(struct walk *w, TSNode n)
{
	uint8_t k = walk_kind(w, n);
	TSNode name = {0};
	if (k == K_CALL) {
		const char *callee = walk_text(w, field(n, py.function));
		size_t cn = callee ? strlen(callee) : 0;
		if (!(cn >= 6 && strcmp(callee + cn - 6, "getenv") == 0) &&
		    !(cn >= 11 && strcmp(callee + cn - 11, "environ.get") == 0))
			return false;
		TSNode args = field(n, py.arguments);
		if (ts_node_is_null(args) ||
		    ts_node_named_child_count(args) == 0)
			return false;
		name = ts_node_named_child(args, 0);
	} else if (k == K_SUBSCRIPT) {
		const char *obj = walk_text(w, field(n, py.value));
		size_t on = obj ? strlen(obj) : 0;
		if (!(on >= 7 && strcmp(obj + on - 7, "environ") == 0))
			return false;
		name = ts_node_named_child(n, 1);
	} else {
		return false;
	}
	const char *v = ts_node_is_null(name) ? NULL : string_value(w, name);
	return v != NULL && roles_dev_env(SF_FAMILY_PYTHON, v);
}

/* Does the text of n name an environment or a mode of running
 * (`os.getenv("APP_ENV")`, `settings.ENVIRONMENT`, `FLASK_ENV`)? */
static bool
names_env(struct walk *w, TSNode n)
{
	const char *t = walk_text(w, n);
	for (; t != NULL && *t; t++)
		if ((t[0] == 'e' || t[0] == 'E') &&
		    (t[1] == 'n' || t[1] == 'N') &&
		    (t[2] == 'v' || t[2] == 'V'))
			return true;
	return false;
}

/* Is n true only in development or test runs: a flag the catalogue names
 * (`DEBUG`, `settings.DEBUG`, `is_dev`), an environment variable named for
 * development, an environment compared to "development" (or unequal to
 * "production"), or one operand of an `and` that is? A call of a function
 * of the project with no arguments (`is_trace_enabled()`) may be a
 * development switch: *guard gets it, to be decided once the index knows
 * the function. */
static bool
dev_test(struct walk *w, TSNode n, TSNode *guard, uint32_t depth)
{
	if (ts_node_is_null(n) || depth > 8)
		return false;
	switch (walk_kind(w, n)) {
	case K_PARENTHESIZED:
		return ts_node_named_child_count(n) == 1 &&
		       dev_test(w, ts_node_named_child(n, 0), guard, depth + 1);
	case K_BOOLEAN_OP: {
		const char *op = walk_text(w, field(n, py.operator));
		if (op == NULL || strcmp(op, "and") != 0)
			return false;
		return dev_test(w, field(n, py.left), guard, depth + 1) ||
		       dev_test(w, field(n, py.right), guard, depth + 1);
	}
	case K_IDENT:
	case K_ATTRIBUTE: {
		const char *t = walk_text(w, n);
		const char *dot = t ? strrchr(t, '.') : NULL;
		return roles_match(SF_FAMILY_PYTHON, ROLES_DEV_GUARD,
				   dot ? dot + 1 : t, NULL);
	}
	case K_SUBSCRIPT:
		return dev_env_read(w, n);
	case K_CALL: {
		if (dev_env_read(w, n))
			return true;
		TSNode fnode = field(n, py.function),
		       args = field(n, py.arguments);
		uint32_t nargs = ts_node_is_null(args)
					 ? 0
					 : ts_node_named_child_count(args);
		uint8_t fk = walk_kind(w, fnode);
		const char *callee = walk_text(w, fnode);
		if (callee != NULL && strcmp(callee, "bool") == 0 && nargs == 1)
			return dev_test(w, ts_node_named_child(args, 0), guard,
					depth + 1);
		if (nargs == 0 && (fk == K_IDENT || fk == K_ATTRIBUTE) &&
		    ts_node_is_null(*guard)) {
			*guard = n;
			return true;
		}
		return false;
	}
	case K_COMPARISON: {
		/* One operand must be a string literal: a comparison whose
		 * text has no quote (nearly all) is turned away before its
		 * children are looked at. */
		uint32_t a0 = ts_node_start_byte(n), a1 = ts_node_end_byte(n);
		if (a1 > w->len || a0 > a1 ||
		    (memchr(w->src + a0, '"', a1 - a0) == NULL &&
		     memchr(w->src + a0, '\'', a1 - a0) == NULL))
			return false;
		if (ts_node_named_child_count(n) != 2 ||
		    ts_node_child_count(n) != 3)
			return false;
		TSNode a = ts_node_named_child(n, 0),
		       b = ts_node_named_child(n, 1);
		const char *op = ts_node_type(ts_node_child(n, 1));
		const char *av = string_value(w, a), *bv = string_value(w, b);
		if (strcmp(op, "in") == 0)
			return av != NULL &&
			       roles_dev_env(SF_FAMILY_PYTHON, av) &&
			       names_env(w, b);
		TSNode other = av != NULL ? b : a;
		const char *v = av != NULL ? av : bv;
		if (v == NULL || !names_env(w, other))
			return false;
		if (strcmp(op, "==") == 0)
			return roles_match(SF_FAMILY_PYTHON, ROLES_DEV_VALUE, v,
					   NULL);
		if (strcmp(op, "!=") == 0)
			return strcmp(v, "production") == 0 ||
			       strcmp(v, "prod") == 0;
		return false;
	}
	default:
		return false;
	}
}

/* An `if` or `elif` clause whose condition is a development test: its
 * body is development code (struct sf_dev). */
static void
note_dev_branch(struct walk *w, TSNode clause)
{
	TSNode cond = field(clause, py.condition);
	TSNode guard = {0};
	if (!dev_test(w, cond, &guard, 0))
		return;
	TSNode body = field(clause, py.consequence);
	if (ts_node_is_null(body))
		return;
	int32_t call = -1;
	if (!ts_node_is_null(guard)) {
		/* The guard is the first call of the condition, entered
		 * next; any other position is not worth counting. */
		TSNode first = cond;
		while (!ts_node_is_null(first) && walk_kind(w, first) != K_CALL)
			first = ts_node_named_child(first, 0);
		if (ts_node_is_null(first) || !ts_node_eq(first, guard))
			return;
		call = (int32_t)w->f->calls.n;
	}
	*VEC_PUSH(w->f->devs) = (struct sf_dev){walk_span(body), call};
}

/* May the first child of a block be a comment or a string (a docstring)?
 * Told from its text where that is sure, as it is for nearly all blocks:
 * without errors, a block holds statements and comments, and one that
 * starts with a letter not followed by a quote (a string's prefix, `r"`,
 * `f'`, `rb"`) is a statement that starts with a name or a keyword. */
static bool
first_may_be_aside(struct walk *w, TSNode block)
{
	uint32_t a = ts_node_start_byte(block);
	if (ts_node_has_error(block) || a + 3 > w->len)
		return true;
	const char *p = w->src + a;
	if (!((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z') ||
	      p[0] == '_'))
		return true;
	return strchr("rRbBuUfFtT", p[0]) != NULL &&
	       (p[1] == '"' || p[1] == '\'' || p[2] == '"' || p[2] == '\'');
}

/* Does function node only return a test of an environment variable named
 * for development (after its docstring): `return
 * bool(os.getenv("APP_TRACE_DIR"))`? */
static bool
dev_switch(struct walk *w, TSNode node)
{
	TSNode body = field(node, py.body);
	uint32_t n =
		ts_node_is_null(body) ? 0 : ts_node_named_child_count(body);
	/* More statements than one make a switch only after a docstring or
	 * comments. */
	if (n != 1 && !first_may_be_aside(w, body))
		return false;
	uint32_t i = 0;
	for (; i < n; i++) {
		TSNode st = kid(w, body, i);
		uint8_t k = walk_kind(w, st);
		if (k == K_COMMENT ||
		    (i == 0 && k == K_EXPRESSION_STATEMENT &&
		     walk_kind(w, ts_node_named_child(st, 0)) == K_STRING))
			continue;
		break;
	}
	if (i + 1 != n)
		return false;
	TSNode ret = kid(w, body, i);
	if (walk_kind(w, ret) != K_RETURN ||
	    ts_node_named_child_count(ret) != 1)
		return false;
	/* A read of the environment (dev_env_read) is written with one of
	 * these words: most returns have neither, and their expressions are
	 * not searched. */
	uint32_t a = ts_node_start_byte(ret), b = ts_node_end_byte(ret);
	if (a <= b && b <= w->len && !text_has(w->src + a, b - a, "environ") &&
	    !text_has(w->src + a, b - a, "getenv"))
		return false;
	/* The returned expression: any wrapping of one such read (`not
	 * is_empty(os.getenv(...))`, `bool(...)`, `... == "1"`). */
	TSNode stack[64];
	uint32_t top = 0;
	stack[top++] = ts_node_named_child(ret, 0);
	while (top > 0) {
		TSNode x = stack[--top];
		if (dev_env_read(w, x))
			return true;
		uint32_t c = ts_node_named_child_count(x);
		for (uint32_t k = 0; k < c && top < 64; k++)
			stack[top++] = kid(w, x, k);
	}
	return false;
}

static void
enter_function(struct walk *w, TSNode node, uint8_t kind)
{
	struct py_state *st = w->user;
	int32_t parent_scope = w->fn;
	int32_t idx = walk_add_function(w, node);
	struct sf_function *fn = &w->f->functions.v[idx];
	if (kind == K_LAMBDA) {
		fn->flags |= SF_FN_ANONYMOUS;
		fn->name = "<lambda>";
		fn->name_span = walk_span(ts_node_child(node, 0));
		mark_callback(w, idx);
		bind_parameters(w, field(node, py.parameters), idx);
		walk_push(w, WALK_FRAME_FUNCTION, idx);
		return;
	}
	TSNode name = field(node, py.name);
	const char *nm =
		ts_node_is_null(name) ? "<function>" : walk_text(w, name);
	if (!ts_node_is_null(name))
		fn->name_span = walk_span(name);
	/* A method: directly in a class body. */
	bool method = w->cls >= 0 &&
		      w->f->classes.v[w->cls].parent_function == parent_scope;
	if (method) {
		fn->flags |= SF_FN_METHOD;
		fn->name =
			arena_join(&w->f->arena, w->f->classes.v[w->cls].name,
				   ".", nm, NULL);
	} else {
		fn->name = nm;
		walk_add_binding(w, SF_BIND_LOCAL, nm, NULL, parent_scope, name,
				 false);
	}
	if (starts_async(w, node))
		fn->flags |= SF_FN_ASYNC;
	if (walk_ancestor_kind(w, 1) == K_DECORATED_DEF) {
		fn->flags |= SF_FN_DECORATED;
		for (uint32_t i = st->decorators_pending;
		     i < w->f->decorators.n; i++)
			w->f->decorators.v[i].function = idx;
		st->decorators_pending = w->f->decorators.n;
	}
	/* `-> Path`: an instance of the class; `-> Iterator[Session]`, a
	 * generator: what it yields, which is what a `with` of the
	 * @contextmanager and a dependency that yields give. */
	TSNode rt = field(node, py.return_type);
	const char *rc = ts_node_is_null(rt) ? NULL : annotation_path(w, rt);
	if (rc == NULL && !ts_node_is_null(rt))
		rc = yielded_path(w, rt);
	if (rc != NULL)
		add_return(w, idx, arena_join(&w->f->arena, rc, "()", NULL),
			   parent_scope, ts_node_start_byte(rt));
	if (dev_switch(w, node))
		fn->flags |= SF_FN_DEV_SWITCH;
	bind_parameters(w, field(node, py.parameters), idx);
	walk_push(w, WALK_FRAME_FUNCTION, idx);
}

/* The bases of class cls (`class A(Base, Repo[T], metaclass=M)`: Base and
 * Repo). */
static void
add_bases(struct walk *w, TSNode list, int32_t cls)
{
	uint32_t n =
		ts_node_is_null(list) ? 0 : ts_node_named_child_count(list);
	for (uint32_t i = 0; i < n; i++) {
		TSNode b = kid(w, list, i);
		if (walk_kind(w, b) == K_SUBSCRIPT)
			b = field(b, py.value);
		uint8_t k = walk_kind(w, b);
		if (k != K_IDENT && k != K_ATTRIBUTE)
			continue;
		const char *path = path_of(w, b, NULL);
		if (path == NULL)
			continue;
		struct sf_base *x = VEC_PUSH(w->f->bases);
		x->cls = cls;
		x->path = path;
		x->scope = w->fn;
		x->pos = ts_node_start_byte(b);
	}
}

/* Has function fn a return value recorded? Those of fn and the functions
 * nested in it are the latest, while the walk is in fn. */
static bool
has_return(const struct sf_facts *f, int32_t fn)
{
	for (uint32_t i = f->returns.n; i-- > 0;) {
		if (f->returns.v[i].fn == fn)
			return true;
		if (f->returns.v[i].fn < fn)
			break;
	}
	return false;
}

/* `return value` in a function without an annotated result: the first
 * that is a path or a call says what it returns. */
static void
enter_return(struct walk *w, TSNode node)
{
	if (w->fn < 0 ||
	    (w->f->functions.v[w->fn].flags &
	     (SF_FN_ANONYMOUS | SF_FN_GENERATOR)) ||
	    has_return(w->f, w->fn))
		return;
	TSNode value = ts_node_named_child(node, 0);
	if (ts_node_is_null(value))
		return;
	enum sf_binding_kind kind;
	const char *path = value_path(w, value, &kind);
	if (path != NULL)
		add_return(w, w->fn, path, w->fn, ts_node_start_byte(value));
}

/* `yield db` in a generator without an annotated result: the first value
 * yielded that is a path or a call is what a `with` of the
 * @contextmanager, or a dependency that yields (`Depends(get_db)`), gives;
 * recorded as the generator's result. */
static void
enter_yield(struct walk *w, TSNode node)
{
	if ((w->f->functions.v[w->fn].flags & SF_FN_ANONYMOUS) ||
	    has_return(w->f, w->fn))
		return;
	TSNode value = ts_node_named_child(node, 0);
	if (ts_node_is_null(value))
		return;
	enum sf_binding_kind kind;
	const char *path = value_path(w, value, &kind);
	if (path != NULL)
		add_return(w, w->fn, path, w->fn, ts_node_start_byte(value));
}

static void
enter_class(struct walk *w, TSNode node)
{
	struct sf_class *c = VEC_PUSH(w->f->classes);
	c->span = walk_span(node);
	c->parent_function = w->fn;
	TSNode name = field(node, py.name);
	c->name = ts_node_is_null(name) ? "<class>" : walk_text(w, name);
	TSNode bases = field(node, py.superclasses);
	c->bases = ts_node_is_null(bases) ? NULL : walk_text(w, bases);
	add_bases(w, bases, (int32_t)(w->f->classes.n - 1));
	walk_add_binding(w, SF_BIND_LOCAL, c->name, NULL, w->fn, node, false);
	walk_push(w, WALK_FRAME_CLASS, (int32_t)(w->f->classes.n - 1));
}

/* Can a string node hold a substitution: is it not a `string` (a
 * concatenation), or does the prefix its string_start carries have an f
 * or a t? The grammar's scanner stops at a `{` only in such a string, so
 * the others (nearly all) need not be looked into. */
static bool
may_interpolate(struct walk *w, TSNode str)
{
	if (walk_kind(w, str) != K_STRING)
		return true;
	/* A string without errors starts with its string_start (its
	 * prefix, then its quotes): read from the text, not the child. */
	if (!ts_node_has_error(str)) {
		for (uint32_t i = ts_node_start_byte(str); i < w->len; i++) {
			char c = w->src[i];
			if (c == '"' || c == '\'')
				return false;
			if (c == 'f' || c == 'F' || c == 't' || c == 'T')
				return true;
		}
		return false;
	}
	TSNode start = ts_node_named_child(str, 0);
	if (walk_kind(w, start) != K_STRING_START)
		return true;
	uint32_t end = ts_node_end_byte(start);
	for (uint32_t i = ts_node_start_byte(start); i < end && i < w->len;
	     i++) {
		char c = w->src[i];
		if (c == 'f' || c == 'F' || c == 't' || c == 'T')
			return true;
	}
	return false;
}

static bool has_interpolation_slow(struct walk *w, TSNode str);

/* Is a string node an f-string with substitutions? */
static bool
has_interpolation(struct walk *w, TSNode str)
{
	if (!may_interpolate(w, str))
		return false;
	/* A substitution starts with a brace: a text without one (most
	 * concatenations, f-strings with none) has none. */
	uint32_t a = ts_node_start_byte(str), b = ts_node_end_byte(str);
	if (b > w->len)
		b = w->len;
	if (a >= b || memchr(w->src + a, '{', b - a) == NULL)
		return false;
	bool formatted;
	if (walk_kind(w, str) == K_STRING &&
	    string_body(w, str, &a, &b, &formatted) && formatted &&
	    memchr(w->src + a, '\\', b - a) == NULL) {
		/* In an f-string without escapes (`\N{...}` has braces),
		 * a brace not doubled starts a substitution (`{{` is a
		 * brace). */
		bool found = false;
		for (uint32_t i = a; i < b && !found; i++)
			if (w->src[i] == '{') {
				if (i + 1 < b && w->src[i + 1] == '{')
					i++;
				else
					found = true;
			}
#ifndef NDEBUG
		assert(found == has_interpolation_slow(w, str));
#endif
		return found;
	}
	return has_interpolation_slow(w, str);
}

/* has_interpolation as the children of a string that may hold a
 * substitution, with a brace, say. */
static bool
has_interpolation_slow(struct walk *w, TSNode str)
{
	uint32_t n = ts_node_named_child_count(str);
	for (uint32_t i = 0; i < n; i++) {
		TSNode c = kid(w, str, i);
		if (walk_kind(w, c) == K_INTERPOLATION ||
		    (walk_kind(w, c) == K_STRING && has_interpolation(w, c)))
			return true;
	}
	return false;
}

static bool
is_string(struct walk *w, TSNode n)
{
	uint8_t k = walk_kind(w, n);
	return k == K_STRING || k == K_CONCATENATED_STRING;
}

/* An operator with a string literal operand l or r (`"%s" % x`,
 * `s + "!"`). */
static bool
has_string_operand(struct walk *w, TSNode l, TSNode r)
{
	return is_string(w, l) || is_string(w, r);
}

/* A comparison with a string literal (`c == " "`, `k in ("a", "b")`). */
static bool
has_string_child(struct walk *w, TSNode node)
{
	uint32_t n = ts_node_named_child_count(node);
	for (uint32_t i = 0; i < n; i++)
		if (is_string(w, kid(w, node, i)))
			return true;
	return false;
}

/* Flags the current loop when node is in its body. */
static void
body_flag(struct walk *w, TSNode node, uint32_t flags)
{
	if (w->loop < 0)
		return;
	struct sf_loop *l = &w->f->loops.v[w->loop];
	uint32_t s = ts_node_start_byte(node);
	if (s >= l->body.start && s < l->body.end)
		l->flags |= flags;
}

/* A call in a loop's body that works on text (methods of str, `str()`,
 * `re` matching): the loop is not numeric work (SF_LOOP_TEXT). */
static void
note_loop_call(struct walk *w, TSNode node, const struct sf_call *c)
{
	static const char *const text[] = {
		"join",       "format",   "split",   "rsplit",     "strip",
		"lstrip",     "rstrip",   "replace", "lower",      "upper",
		"startswith", "endswith", "encode",  "decode",     "ljust",
		"rjust",      "center",   "title",   "splitlines", "partition",
		"isdigit",    "isalpha",  "isspace", "isalnum",    "casefold",
		"str",        "repr",     "chr",     "ord",        "escape",
		"sub",        "match",    "search",  "findall",    "tokenize",
	};
	if (w->loop < 0 || c->callee == NULL)
		return;
	const char *last = facts_last_segment(c->callee);
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		if (last[0] == text[i][0] && strcmp(last, text[i]) == 0) {
			body_flag(w, node, SF_LOOP_TEXT);
			return;
		}
}

/* What argument a says of a recursive call's problem (`n - 1`, `i + 1`,
 * `s[1:]` make it smaller; `node.left`, `items[i]` walk into a structure):
 * the call shrinks its problem when an argument makes it smaller and none
 * walks (SF_CALL_SHRINKS). a is the value of a keyword argument. */
enum arg_size { ARG_SAME, ARG_SMALLER, ARG_WALKS };

static enum arg_size
arg_size(struct walk *w, TSNode a)
{
	switch (walk_kind(w, a)) {
	case K_BINARY_OP: {
		const char *op = ts_node_type(field(a, py.operator));
		if (strcmp(op, "-") == 0 || strcmp(op, "+") == 0 ||
		    strcmp(op, "*") == 0 || strcmp(op, "/") == 0 ||
		    strcmp(op, "//") == 0 || strcmp(op, ">>") == 0)
			return ARG_SMALLER;
		return ARG_SAME;
	}
	case K_SUBSCRIPT: {
		/* `s[1:]` shrinks; `items[i]` walks. */
		bool slice = false;
		uint32_t m = ts_node_named_child_count(a);
		for (uint32_t j = 0; j < m; j++)
			slice |= walk_kind(w, kid(w, a, j)) == K_SLICE;
		return slice ? ARG_SMALLER : ARG_WALKS;
	}
	case K_ATTRIBUTE:
		return walk_text_is(w, field(a, py.object), "self") ? ARG_SAME
								    : ARG_WALKS;
	default:
		return ARG_SAME;
	}
}

static bool
py_is_function_kind(uint8_t k)
{
	return k == K_FUNCTION_DEF || k == K_LAMBDA || k == K_MODULE ||
	       k == K_CLASS_DEF;
}

/* Branches of `if`/`elif`/`else`, a `try` block and its `except` clauses,
 * `match` cases, the arms of `a if c else b` (not conditions, not `else`
 * or `finally` of a try, which run with the block). */
static bool
py_is_arm(struct walk *w, TSNode parent, TSNode child)
{
	uint8_t ck = walk_kind(w, child);
	switch (walk_kind(w, parent)) {
	case K_IF:
		return ck == K_BLOCK || ck == K_ELIF || ck == K_ELSE;
	case K_TRY:
		return ck == K_BLOCK || ck == K_EXCEPT || ck == K_EXCEPT_GROUP;
	case K_CONDITIONAL:
		/* a if c else b: c is the second operand. */
		return !ts_node_eq(child, ts_node_named_child(parent, 1));
	default:
		return ck == K_CASE;
	}
}

static const struct walk_arm_desc py_arms = {
	.is_arm = py_is_arm,
	.is_function = py_is_function_kind,
	.return_kind = K_RETURN,
};

/* --- calls -------------------------------------------------------------- */

/* Fills the argument in slot (zeroed) with a, the value of a keyword
 * argument when keyword is not NULL. */
static void
fill_arg(struct walk *w, uint32_t slot, TSNode a, const char *keyword)
{
	uint8_t k = walk_kind(w, a);
	struct sf_arg *arg = &w->f->args.v[slot];
	arg->span = walk_span(a);
	arg->keyword = keyword;
	arg->function = -1;
	arg->call = -1;
	const char *path =
		k == K_IDENT || k == K_ATTRIBUTE ? path_of(w, a, NULL) : NULL;
	if (k == K_IDENT || k == K_ATTRIBUTE || k == K_SUBSCRIPT ||
	    k == K_CALL || k == K_AWAIT) {
		struct sf_origin o = origin_of_path(w, a, path);
		arg = &w->f->args.v[slot];
		arg->origin = o;
	}
	switch (k) {
	case K_IDENT:
	case K_ATTRIBUTE:
		arg->text = path;
		arg->kind = arg->text ? SF_ARG_NAME : SF_ARG_OTHER;
		break;
	case K_LAMBDA:
		arg->kind = SF_ARG_FUNCTION;
		break;
	case K_STRING:
		arg->text = string_value(w, a);
		arg->kind = arg->text ? SF_ARG_STRING : SF_ARG_OTHER;
		break;
	case K_INTEGER:
	case K_FLOAT:
		arg->kind = SF_ARG_NUMBER;
		arg->text = walk_text(w, a);
		break;
	case K_CALL:
		arg->kind = SF_ARG_CALL;
		break;
	case K_TRUE:
	case K_FALSE:
	case K_NONE_LITERAL:
		/* `blocking=False`, `run_in_executor(None, f)`. */
		arg->kind = SF_ARG_OTHER;
		arg->text = walk_text(w, a);
		break;
	default:
		arg->kind = SF_ARG_OTHER;
		arg->text = NULL;
		break;
	}
}

static void
enter_call(struct walk *w, TSNode node)
{
	int32_t outer = w->call;
	int32_t idx = walk_add_call(w, node);
	struct sf_call *c = &w->f->calls.v[idx];
	TSNode callee = first_field(w, node, py.function);
	if (!ts_node_is_null(callee)) {
		const char *last;
		c->callee = path_of(w, callee, &last);
		c->callee_span = walk_span(callee);
		if (walk_kind(w, callee) == K_ATTRIBUTE) {
			/* The path's last segment is the attribute's name. */
			if (c->callee != NULL) {
				c->method = last;
			} else {
				TSNode attr = field(callee, py.attribute);
				if (!ts_node_is_null(attr))
					c->method = walk_text(w, attr);
			}
			/* `(root / "a.txt").read_text()`: a method of the
			 * path the division starts from; `db["users"].find()`:
			 * a method of what subscripting db gives. */
			if (c->callee == NULL && c->method != NULL) {
				TSNode obj = field(callee, py.object);
				enum sf_binding_kind ignored;
				uint8_t ok = walk_kind(w, obj);
				const char *base =
					ok == K_PARENTHESIZED ||
							ok == K_SUBSCRIPT
						? value_path(w, obj, &ignored)
						: NULL;
				if (base != NULL)
					c->callee = arena_join(&w->f->arena,
							       base, ".",
							       c->method, NULL);
			}
		}
	}
	uint8_t pk = walk_ancestor_kind(w, 1);
	if (pk != K_EXPRESSION_STATEMENT)
		c->flags |= SF_CALL_VALUE_USED;
	if (pk == K_AWAIT) {
		c->flags |= SF_CALL_AWAITED;
		if (w->f->awaits.n > 0)
			w->f->awaits.v[w->f->awaits.n - 1].call = idx;
	}
	if (pk == K_WITH_ITEM ||
	    (pk == K_AS_PATTERN && walk_ancestor_kind(w, 2) == K_WITH_ITEM))
		c->flags |= SF_CALL_WITH;
	if (pk == K_ARGUMENT_LIST || pk == K_KEYWORD_ARGUMENT) {
		if (outer >= 0) {
			const struct sf_call *o = &w->f->calls.v[outer];
			for (uint32_t i = 0; i < o->nargs; i++)
				if (w->f->args.v[o->arg0 + i].span.start ==
				    c->span.start)
					w->f->args.v[o->arg0 + i].call = idx;
		}
	}
	if (c->callee != NULL && strncmp(c->callee, "self.", 5) == 0)
		c->flags |= SF_CALL_SELF;
	/* Its arguments are recorded as the walk reaches them
	 * (reserve_args, record_arg). */
	note_loop_call(w, node, c);
	walk_note_arms(w, idx, &py_arms);
	walk_push(w, WALK_FRAME_CALL, idx);
}

/* For the argument list being entered: when it is the arguments of its
 * parent, a call whose frame is the newest, sets aside the slots of the
 * call's arguments (comments aside) for record_arg, which fills them as
 * the walk enters the arguments, right after the call's function: what
 * a lookup from the call by field and by index would find, at no cost.
 * Once per call. */
static void
reserve_args(struct walk *w, TSNode args)
{
	struct py_state *st = w->user;
	if (walk_ancestor_kind(w, 1) != K_CALL || w->call < 0 ||
	    w->frames.n == 0)
		return;
	const struct walk_frame *fr = &w->frames.v[w->frames.n - 1];
	if (fr->type != WALK_FRAME_CALL || fr->depth + 1 != w->depth ||
	    fr->index != w->call || walk_field_id(w) != py.arguments ||
	    (st->args_open.n > 0 &&
	     st->args_open.v[st->args_open.n - 1].call == w->call))
		return;
	uint32_t n = ts_node_named_child_count(args);
	uint32_t a = ts_node_start_byte(args), b = ts_node_end_byte(args);
	/* A comment starts with `#`: a list without one has none. */
	if (n > 0 && (b > w->len || memchr(w->src + a, '#', b - a) != NULL)) {
		uint32_t all = n;
		for (uint32_t i = 0; i < all; i++)
			n -= walk_kind(w, kid(w, args, i)) == K_COMMENT;
	}
	struct sf_call *c = &w->f->calls.v[w->call];
	c->arg0 = w->f->args.n;
	c->nargs = 0;
	for (uint32_t i = 0; i < n; i++)
		VEC_PUSH(w->f->args);
	*VEC_PUSH(st->args_open) =
		(struct open_args){.call = w->call, .start = a, .reserved = n};
}

/* For a node being entered, of kind k, in an argument list: when it is
 * an argument of the current call (not a comment), records it in the
 * call's next slot. */
static void
record_arg(struct walk *w, TSNode a, uint8_t k)
{
	struct py_state *st = w->user;
	/* Calls entered after the current one are done. */
	while (st->args_open.n > 0 &&
	       st->args_open.v[st->args_open.n - 1].call > w->call)
		st->args_open.n--;
	if (st->args_open.n == 0 || k == K_COMMENT)
		return;
	struct open_args *open = &st->args_open.v[st->args_open.n - 1];
	struct sf_call *c = &w->f->calls.v[w->call];
	if (open->call != w->call || c->nargs >= open->reserved ||
	    ts_node_start_byte(walk_ancestor(w, 1)) != open->start)
		return;
	uint32_t slot = c->arg0 + c->nargs++;
	const char *keyword = NULL;
	if (k == K_KEYWORD_ARGUMENT) {
		/* Its name is its first child, where the cursor is. */
		keyword = walk_text(w, first_field(w, a, py.name));
		a = field(a, py.value);
	}
	fill_arg(w, slot, a, keyword);
	enum arg_size size = arg_size(w, a);
	open->smaller |= size == ARG_SMALLER;
	open->walks |= size == ARG_WALKS;
	c = &w->f->calls.v[w->call];
	if (open->smaller && !open->walks)
		c->flags |= SF_CALL_SHRINKS;
	else
		c->flags &= ~(uint32_t)SF_CALL_SHRINKS;
}

/* walk_scan visitor: a call of `<name>.submit(...)` or `<name>.map(...)`,
 * the name being ctx (a node). */
static bool
is_submit_to(struct walk *w, TSNode node, void *ctx)
{
	if (walk_kind(w, node) != K_CALL)
		return false;
	TSNode fn = field(node, py.function);
	if (walk_kind(w, fn) != K_ATTRIBUTE)
		return false;
	TSNode obj = field(fn, py.object), attr = field(fn, py.attribute);
	const TSNode *name = ctx;
	uint32_t a = ts_node_start_byte(*name), n = ts_node_end_byte(*name) - a;
	return walk_kind(w, obj) == K_IDENT &&
	       ts_node_end_byte(obj) - ts_node_start_byte(obj) == n &&
	       memcmp(w->src + ts_node_start_byte(obj), w->src + a, n) == 0 &&
	       (walk_text_is(w, attr, "submit") ||
		walk_text_is(w, attr, "map"));
}

/* Does the body of `with X(...) as name:` hand work to name (`name.submit(f)`,
 * `name.map(f, xs)`)? */
static bool
submits_to(struct walk *w, TSNode stmt, TSNode name)
{
	TSNode body = field(stmt, py.body);
	if (ts_node_is_null(body))
		return false;
	/* A body whose text has neither word has no such call: most are
	 * not walked. */
	uint32_t a = ts_node_start_byte(body), b = ts_node_end_byte(body);
	if (a <= b && b <= w->len && !text_has(w->src + a, b - a, "submit") &&
	    !text_has(w->src + a, b - a, "map"))
		return false;
	return walk_scan(w, body, PY_SCAN_NODES, is_submit_to, &name);
}

/* Leaving `with ThreadPoolExecutor() as pool:` after handing work to pool
 * shuts the pool down and waits for the work: recorded as a call of
 * `<callee>().__exit__`, spanning the statement, at the `with` item. */
static void
add_exit_call(struct walk *w, TSNode stmt, TSNode call, const char *callee)
{
	int32_t idx = walk_add_call(w, stmt);
	struct sf_call *c = &w->f->calls.v[idx];
	c->callee = arena_join(&w->f->arena, callee, "().__exit__", NULL);
	c->callee_span = walk_span(field(call, py.function));
	c->flags |= SF_CALL_WITH;
}

/* `with lock:` holds a lock as surely as `lock.acquire()` does: record it
 * as a call of `lock.__enter__` so the catalogue can name it. */
static void
enter_with_item(struct walk *w, TSNode stmt, TSNode item, bool async_with)
{
	TSNode value = field(item, py.value);
	if (ts_node_is_null(value))
		return;
	TSNode target = value;
	if (walk_kind(w, value) == K_AS_PATTERN)
		target = ts_node_named_child(value, 0);
	uint8_t tk = walk_kind(w, target);
	if (walk_kind(w, value) == K_AS_PATTERN && tk == K_CALL) {
		/* `with open(p) as f`: f is an instance of the callee. */
		TSNode alias = field(value, py.alias);
		if (!ts_node_is_null(alias)) {
			TSNode id = ts_node_named_child(alias, 0);
			const char *p =
				path_of(w, field(target, py.function), NULL);
			if (p != NULL && !ts_node_is_null(id) &&
			    walk_kind(w, id) == K_IDENT) {
				walk_add_binding(
					w, SF_BIND_INSTANCE, walk_text(w, id),
					arena_join(&w->f->arena, p, "()", NULL),
					w->fn, id, false);
				if (!async_with && submits_to(w, stmt, id))
					add_exit_call(w, stmt, target, p);
			}
		}
	}
	if (walk_kind(w, value) == K_AS_PATTERN &&
	    (tk == K_IDENT || tk == K_ATTRIBUTE)) {
		/* `with config.conn as conn`: a connection, session, file or
		 * client gives itself from `__enter__`, so conn is what
		 * config.conn is. */
		TSNode alias = field(value, py.alias);
		TSNode id = ts_node_is_null(alias)
				    ? alias
				    : ts_node_named_child(alias, 0);
		const char *p = path_of(w, target, NULL);
		if (p != NULL && !ts_node_is_null(id) &&
		    walk_kind(w, id) == K_IDENT)
			walk_add_binding(w, SF_BIND_ALIAS, walk_text(w, id), p,
					 w->fn, id, false);
	}
	if (async_with || (tk != K_IDENT && tk != K_ATTRIBUTE))
		return;
	const char *path = path_of(w, target, NULL);
	if (path == NULL)
		return;
	int32_t idx = walk_add_call(w, target);
	struct sf_call *c = &w->f->calls.v[idx];
	c->callee = arena_join(&w->f->arena, path, ".__enter__", NULL);
	c->callee_span = walk_span(target);
	/* The call's span is the whole statement: what runs while the
	 * context manager is held (PY204 looks for awaits in it). */
	c->span = walk_span(stmt);
	c->flags |= SF_CALL_WITH;
}

/* --- loops -------------------------------------------------------------- */

/* Iterations of `range(...)` with constant arguments, or -1; sets *name to
 * the bound when it is a plain identifier. */
static double
range_trip(struct walk *w, TSNode iter, const char **name)
{
	*name = NULL;
	if (walk_kind(w, iter) != K_CALL)
		return -1;
	TSNode fn = field(iter, py.function);
	if (!walk_text_is(w, fn, "range"))
		return -1;
	TSNode args = field(iter, py.arguments);
	uint32_t n =
		ts_node_is_null(args) ? 0 : ts_node_named_child_count(args);
	if (n == 0 || n > 3)
		return -1;
	double v[3] = {0, 0, 1};
	bool known = true;
	for (uint32_t i = 0; i < n; i++) {
		TSNode a = kid(w, args, i);
		if (!walk_const_eval(w, a, &py.consts, &v[i])) {
			known = false;
			if (walk_kind(w, a) == K_IDENT && (n == 1 || i == 1))
				*name = walk_text(w, a);
		}
	}
	if (!known)
		return -1;
	double start = n == 1 ? 0 : v[0], stop = n == 1 ? v[0] : v[1];
	double step = n == 3 ? v[2] : 1;
	if (step == 0)
		return -1;
	double trip = (stop - start) / step;
	return trip > 0 ? trip : 0;
}

/* walk_scan visitor: adds the identifiers under a loop target. */
static bool
collect_name(struct walk *w, TSNode node, void *ctx)
{
	if (walk_kind(w, node) == K_IDENT) {
		uint32_t a = ts_node_start_byte(node);
		walk_names_add(ctx, w->src + a, ts_node_end_byte(node) - a);
	}
	return false;
}

/* walk_scan visitor: is this a use of one of the names? (The attribute
 * name in `x.y` is an identifier too: `y` may be counted as a use; loop
 * variables rarely share a name with an attribute.) */
static bool
is_named(struct walk *w, TSNode node, void *ctx)
{
	return walk_kind(w, node) == K_IDENT && walk_names_has(w, ctx, node);
}

/* The names of loop l's own elements (its targets, names bound in its
 * body so far) go to own; those of the loops around it (their targets,
 * names bound in their bodies before l) go to outer. */
static void
loop_names(struct walk *w, int32_t l, struct walk_names *own,
	   struct walk_names *outer)
{
	struct py_state *st = w->user;
	const struct sf_loop *loop = &w->f->loops.v[l];
	if (!ts_node_is_null(st->loop_var.v[l]))
		walk_scan(w, st->loop_var.v[l], PY_SCAN_NODES, collect_name,
			  own);
	int32_t outermost = l;
	for (int32_t a = loop->parent; a >= 0; a = w->f->loops.v[a].parent) {
		if (!ts_node_is_null(st->loop_var.v[a]))
			walk_scan(w, st->loop_var.v[a], PY_SCAN_NODES,
				  collect_name, outer);
		outermost = a;
	}
	uint32_t from = w->f->loops.v[outermost].body.start;
	for (uint32_t i = w->f->bindings.n, seen = 0;
	     i-- > 0 && seen < PY_LOOP_BINDINGS_SCAN; seen++) {
		const struct sf_binding *b = &w->f->bindings.v[i];
		if (b->span.start < from)
			break;
		if (b->scope != w->fn)
			continue;
		walk_names_add(b->span.start >= loop->span.start ? own : outer,
			       b->local, (uint32_t)strlen(b->local));
	}
}

/* The receiver of a method call on a plain name (`repo` in
 * `repo.checkout(c)`), or a null node. */
static TSNode
receiver_head(struct walk *w, TSNode call)
{
	if (walk_kind(w, call) != K_CALL)
		return (TSNode){0};
	TSNode n = field(call, py.function);
	if (walk_kind(w, n) != K_ATTRIBUTE)
		return (TSNode){0};
	n = field(n, py.object);
	return walk_kind(w, n) == K_IDENT ? n : (TSNode){0};
}

/* For an await being entered: is the awaited call a method of an
 * enclosing loop's element, or of an instance of a class made in an
 * enclosing loop's body (SF_AWAIT_OUTER_RECEIVER)? */
static bool
outer_receiver(struct walk *w, TSNode await)
{
	if (w->loop < 0 || w->f->loops.v[w->loop].parent < 0)
		return false;
	TSNode head = receiver_head(w, ts_node_named_child(await, 0));
	if (ts_node_is_null(head))
		return false;
	struct py_state *st = w->user;
	struct walk_names own = {0}, outer = {0};
	loop_names(w, w->loop, &own, &outer);
	if (walk_names_has(w, &own, head) || !walk_names_has(w, &outer, head))
		return false;
	struct walk_names targets = {0};
	int32_t outermost = w->loop;
	for (int32_t a = w->f->loops.v[w->loop].parent; a >= 0;
	     a = w->f->loops.v[a].parent) {
		if (!ts_node_is_null(st->loop_var.v[a]))
			walk_scan(w, st->loop_var.v[a], PY_SCAN_NODES,
				  collect_name, &targets);
		outermost = a;
	}
	uint32_t s = ts_node_start_byte(head);
	return walk_names_has(w, &targets, head) ||
	       walk_made_instance(w, w->fn, w->f->loops.v[outermost].body.start,
				  w->src + s, ts_node_end_byte(head) - s);
}

/* For a comparison, subscript or arithmetic expression being entered in a
 * nested loop's body: does it use that loop's elements, an enclosing
 * loop's? When the body uses both (in one expression or two: `if b.ok:
 * n += a.w`), the loop relates pairs (SF_LOOP_PAIRS). Only the outermost
 * such expression is scanned, and only until the loop is marked. */
static void
note_pairs(struct walk *w, TSNode node)
{
	if (w->loop < 0)
		return;
	struct sf_loop *l = &w->f->loops.v[w->loop];
	if (l->parent < 0 || (l->flags & SF_LOOP_PAIRS))
		return;
	uint8_t pk = walk_ancestor_kind(w, 1);
	if (pk == K_PARENTHESIZED)
		pk = walk_ancestor_kind(w, 2);
	if (pk == K_BINARY_OP || pk == K_SUBSCRIPT || pk == K_AUGMENTED ||
	    pk == K_COMPARISON)
		return; /* the enclosing expression is scanned instead */
	/* A comprehension's conditions count as its body. */
	struct sf_span body =
		l->kind == SF_LOOP_COMPREHENSION ? l->span : l->body;
	uint32_t start = ts_node_start_byte(node);
	if (start < body.start || start >= body.end)
		return;
	struct walk_names own = {0}, outer = {0};
	loop_names(w, w->loop, &own, &outer);
	struct py_state *st = w->user;
	uint8_t *uses = &st->uses.v[w->loop];
	if (!(*uses & 1) && own.n > 0 &&
	    walk_scan(w, node, PY_SCAN_NODES, is_named, &own))
		*uses |= 1;
	if (!(*uses & 2) && outer.n > 0 &&
	    walk_scan(w, node, PY_SCAN_NODES, is_named, &outer))
		*uses |= 2;
	if (*uses == 3)
		w->f->loops.v[w->loop].flags |= SF_LOOP_PAIRS;
}

/* The first (or only) clause of loop idx: what it runs over, where that
 * comes from, its target, and whether it walks data reached from an
 * enclosing loop (`for cell in row` inside `for row in grid`). */
/* The collection a loop runs over, without what only walks it: the stop
 * of `range(a, len(xs))`, xs in `enumerate(xs)` / `sorted(xs)` /
 * `xs.items()`, xs in `xs[i + 1:]`. *counting is set for range(). */
static TSNode
collection_of(struct walk *w, TSNode n, bool *counting)
{
	*counting = false;
	for (int depth = 0; depth < PY_ORIGIN_DEPTH && !ts_node_is_null(n);
	     depth++) {
		uint8_t k = walk_kind(w, n);
		if (k == K_PARENTHESIZED) {
			n = ts_node_named_child(n, 0);
		} else if (k == K_SUBSCRIPT) {
			bool slice = false;
			uint32_t m = ts_node_named_child_count(n);
			for (uint32_t j = 0; j < m; j++)
				slice |= walk_kind(w, kid(w, n, j)) == K_SLICE;
			if (!slice)
				return n;
			n = field(n, py.value);
		} else if (k == K_CALL) {
			TSNode callee = field(n, py.function);
			uint8_t ck = walk_kind(w, callee);
			if (ck == K_IDENT && walk_text_is(w, callee, "range")) {
				TSNode stop = first_arg(w, n, 1);
				*counting = true;
				return ts_node_is_null(stop)
					       ? first_arg(w, n, 0)
					       : stop;
			}
			if (ck == K_IDENT && !walk_text_is(w, callee, "zip") &&
			    keeps_arg_size(walk_text(w, callee))) {
				n = first_arg(w, n, 0);
			} else if (ck == K_ATTRIBUTE &&
				   keeps_size(walk_text(
					   w, field(callee, py.attribute)))) {
				n = field(callee, py.object);
			} else {
				return n;
			}
		} else {
			return n;
		}
	}
	return n;
}

/* The first (or only) clause of loop idx: what it runs over, where that
 * comes from, its target, and whether it walks data reached from an
 * enclosing loop (`for cell in row` inside `for row in grid`). */
static void
loop_over(struct walk *w, int32_t idx, TSNode target, TSNode iter)
{
	struct py_state *st = w->user;
	st->loop_var.v[idx] = target;
	bool counting;
	TSNode coll = collection_of(w, iter, &counting);
	if (ts_node_is_null(coll))
		coll = iter;
	struct sf_loop *l = &w->f->loops.v[idx];
	if (counting)
		l->flags |= SF_LOOP_COUNTING;
	if (ts_node_end_byte(coll) - ts_node_start_byte(coll) <= WALK_PATH_MAX)
		l->over = walk_text(w, coll);
	l->origin = origin_of(w, coll);
	if (l->parent < 0)
		return;
	struct walk_names own = {0}, outer = {0};
	loop_names(w, idx, &own, &outer);
	if (outer.n > 0 && walk_scan(w, coll, PY_SCAN_NODES, is_named, &outer))
		w->f->loops.v[idx].flags |= SF_LOOP_NESTED_DATA;
	/* `for key, items in groups.items(): for item in items`: items is
	 * the outer loop's element, whatever an earlier `items = ...` was
	 * (loop targets bind nothing, so a lookup would find that). */
	if (walk_kind(w, coll) == K_IDENT) {
		struct walk_names targets = {0};
		for (int32_t a = l->parent; a >= 0; a = w->f->loops.v[a].parent)
			if (!ts_node_is_null(st->loop_var.v[a]))
				walk_scan(w, st->loop_var.v[a], PY_SCAN_NODES,
					  collect_name, &targets);
		if (walk_names_has(w, &targets, coll))
			w->f->loops.v[idx].origin = (struct sf_origin){0};
	}
}

static void
loop_iterable(struct walk *w, int32_t idx, TSNode target, TSNode iter)
{
	struct py_state *st = w->user;
	struct sf_loop *l = &w->f->loops.v[idx];
	bool first = ts_node_is_null(st->loop_var.v[idx]);
	const char *name;
	double trip = range_trip(w, iter, &name);
	uint8_t k = walk_kind(w, iter);
	if (trip >= 0) {
		l->trip = l->trip < 0 ? trip : l->trip * trip;
	} else if (k == K_LIST || k == K_TUPLE) {
		double n = ts_node_named_child_count(iter);
		l->trip = l->trip < 0 ? n : l->trip * n;
	} else {
		l->flags |= SF_LOOP_COLLECTION;
		if (name != NULL)
			l->bound_name = name;
	}
	if (first && !ts_node_is_null(iter) && !ts_node_is_null(target))
		loop_over(w, idx, target, iter);
}

static void
enter_loop(struct walk *w, TSNode node, uint8_t kind)
{
	enum sf_loop_kind lk = kind == K_FOR     ? SF_LOOP_FOR_IN
			       : kind == K_WHILE ? SF_LOOP_WHILE
						 : SF_LOOP_COMPREHENSION;
	int32_t idx = walk_add_loop(w, node, lk);
	struct sf_loop *l = &w->f->loops.v[idx];
	struct py_state *st = w->user;
	*VEC_PUSH(st->loop_var) = (TSNode){0};
	*VEC_PUSH(st->uses) = 0;
	TSNode body = field(node, py.body);
	if (!ts_node_is_null(body)) {
		l->body = walk_span(body);
		if (kind == K_FOR || kind == K_WHILE) {
			l->head_span.end = l->body.start;
			l->head_span.end_row = l->body.start_row;
			l->head_span.end_col = l->body.start_col;
		}
	}
	if (kind == K_FOR) {
		if (starts_async(w, node))
			l->flags |= SF_LOOP_ASYNC_ITER;
		loop_iterable(w, idx, field(node, py.left),
			      field(node, py.right));
	} else if (kind == K_WHILE) {
		TSNode cond = field(node, py.condition);
		double v;
		if (walk_kind(w, cond) == K_TRUE ||
		    (walk_const_eval(w, cond, &py.consts, &v) && v != 0))
			l->flags |= SF_LOOP_INFINITE;
	}
	walk_push(w, WALK_FRAME_LOOP, idx);
}

/* --- the walk ----------------------------------------------------------- */

/* `"%s" % x`, `"a" + b`, `s += "x"` (operator node, operands l and r):
 * text, not arithmetic (a string operand written as a literal is the only
 * type we can see); and `n += 1` counts, it does not compute. */
static bool
is_text_op(struct walk *w, TSNode node, TSNode l, TSNode r)
{
	uint8_t lk = walk_kind(w, l), rk = walk_kind(w, r);
	/* `count += 1`: a counter, not numeric work either. */
	if (walk_kind(w, node) == K_AUGMENTED && rk == K_INTEGER)
		return true;
	return lk == K_STRING || lk == K_CONCATENATED_STRING ||
	       rk == K_STRING || rk == K_CONCATENATED_STRING;
}

/* `self.current = item`: an assignment to an attribute of the object. */
static bool
sets_self_field(struct walk *w, TSNode left)
{
	return walk_kind(w, left) == K_ATTRIBUTE &&
	       walk_text_is(w, field(left, py.object), "self");
}

/* `i + 1`, `n - 1` (operator node, operands l and r): a name moved by a
 * small literal is a position (an argument, an index, a count), not
 * numeric work. */
static bool
is_offset(struct walk *w, TSNode node, TSNode l, TSNode r)
{
	if (walk_kind(w, node) != K_BINARY_OP)
		return false;
	const char *op = ts_node_type(field(node, py.operator));
	if (strcmp(op, "+") != 0 && strcmp(op, "-") != 0)
		return false;
	return walk_kind(w, l) == K_IDENT && walk_kind(w, r) == K_INTEGER &&
	       strlen(walk_text(w, r)) == 1;
}

static bool
enter(struct walk *w, TSNode node, uint8_t kind)
{
	struct py_state *st = w->user;
	if (st->facts != w->f) {
		/* A new fragment: its decorators and loops start at 0. */
		st->facts = w->f;
		st->decorators_pending = 0;
		st->loop_var.n = 0;
		st->uses.n = 0;
		st->args_open.n = 0;
		/* Its paths go to its own arena. */
		memset(st->paths, 0, sizeof st->paths);
	}
	if (w->depth == 1 && kind != K_COMMENT && ts_node_is_named(node)) {
		/* A module docstring is not code. */
		bool docstring =
			kind == K_EXPRESSION_STATEMENT &&
			walk_kind(w, ts_node_named_child(node, 0)) == K_STRING;
		if (!docstring) {
			st->code_seen = true;
			w->f->flags |= SF_FILE_HAS_CODE;
		}
	}
	if (walk_ancestor_kind(w, 1) == K_ARGUMENT_LIST) {
		/* Called for every named child of an argument list
		 * (keep_named_under): as the walk would, for the quiet ones. */
		record_arg(w, node, kind);
		if (quiet_kind[kind])
			return !leaf_kind[kind];
	}
	switch (kind) {
	case K_COMMENT:
		walk_comment(w, node, st->code_seen);
		return false;
	case K_STRING:
	case K_CONCATENATED_STRING:
		if (has_interpolation(w, node))
			body_flag(w, node, SF_LOOP_TEXT);
		return false;
	case K_INTEGER:
	case K_FLOAT:
		return false;
	case K_FUNCTION_DEF:
	case K_LAMBDA:
		enter_function(w, node, kind);
		return true;
	case K_CLASS_DEF:
		/* Decorators before it are the class's, not its first
		 * method's. */
		st->decorators_pending = w->f->decorators.n;
		enter_class(w, node);
		return true;
	case K_IF:
		/* `if __name__ == "__main__":` at module level: a program. */
		if (w->depth == 1) {
			const char *cond =
				walk_text(w, field(node, py.condition));
			if (cond != NULL && strstr(cond, "__name__") != NULL &&
			    strstr(cond, "__main__") != NULL)
				w->f->flags |= SF_FILE_PROGRAM;
		}
		note_dev_branch(w, node);
		return true;
	case K_ELIF:
		note_dev_branch(w, node);
		return true;
	case K_DECORATOR: {
		struct sf_decorator *d = VEC_PUSH(w->f->decorators);
		d->function = -1;
		d->call = -1;
		TSNode e = ts_node_named_child(node, 0);
		if (walk_kind(w, e) == K_CALL) {
			d->call = (int32_t)w->f->calls.n; /* entered next */
			e = field(e, py.function);
		}
		d->name = path_of(w, e, NULL);
		if (d->name == NULL)
			d->name = walk_text(w, e);
		return true;
	}
	case K_CALL:
		walk_loop_op(w, SF_LOOP_CALLS);
		enter_call(w, node);
		return true;
	case K_WITH_STATEMENT: {
		bool async_with = starts_async(w, node);
		TSNode clause = ts_node_named_child(node, 0);
		uint32_t n = ts_node_is_null(clause)
				     ? 0
				     : ts_node_named_child_count(clause);
		for (uint32_t i = 0; i < n; i++) {
			TSNode item = kid(w, clause, i);
			if (walk_kind(w, item) == K_WITH_ITEM)
				enter_with_item(w, node, item, async_with);
		}
		return true;
	}
	case K_FOR:
	case K_WHILE:
		enter_loop(w, node, kind);
		return true;
	case K_LIST_COMP:
	case K_SET_COMP:
	case K_DICT_COMP:
	case K_GENERATOR_EXPR:
		enter_loop(w, node, kind);
		return true;
	case K_FOR_IN_CLAUSE:
		/* A clause of the comprehension that is the current loop: its
		 * iterations multiply. `[... async for x in s]` consumes a
		 * stream, in order, as `async for` does. */
		if (w->loop >= 0) {
			if (starts_async(w, node))
				w->f->loops.v[w->loop].flags |=
					SF_LOOP_ASYNC_ITER;
			loop_iterable(w, w->loop, field(node, py.left),
				      field(node, py.right));
		}
		return true;
	case K_AWAIT: {
		uint32_t outer =
			outer_receiver(w, node) ? SF_AWAIT_OUTER_RECEIVER : 0;
		struct sf_await *a = VEC_PUSH(w->f->awaits);
		a->span = walk_span(node);
		a->function = w->fn;
		a->loop = w->loop;
		a->call = -1;
		a->flags |= outer;
		TSNode parent = walk_ancestor(w, 1);
		if (walk_ancestor_kind(w, 1) == K_ASSIGNMENT)
			a->assigned = path_of(w, field(parent, py.left), NULL);
		walk_loop_body_flag(w, node, SF_LOOP_AWAIT);
		return true;
	}
	case K_YIELD:
		if (w->fn >= 0) {
			w->f->functions.v[w->fn].flags |= SF_FN_GENERATOR;
			enter_yield(w, node);
		}
		walk_loop_flag(w, SF_LOOP_YIELD);
		return true;
	case K_IMPORT:
		enter_import(w, node);
		return false;
	case K_IMPORT_FROM:
		enter_import_from(w, node);
		return false;
	case K_ASSIGNMENT: {
		TSNode left = first_field(w, node, py.left);
		bind_assignment(w, node, left, field(node, py.right));
		if (w->loop >= 0 && sets_self_field(w, left))
			walk_loop_body_flag(w, node, SF_LOOP_SETS_STATE);
		return true;
	}
	case K_BINARY_OP:
	case K_AUGMENTED:
		if (w->loop >= 0) { /* only loop bodies' operations count */
			TSNode l = first_field(w, node, py.left),
			       r = field(node, py.right);
			bool text = is_text_op(w, node, l, r);
			walk_loop_op(w, text || is_offset(w, node, l, r)
						? 0
						: SF_LOOP_ARITH);
			if (text && has_string_operand(w, l, r))
				body_flag(w, node, SF_LOOP_TEXT);
			note_pairs(w, node);
		}
		return true;
	case K_COMPARISON:
		walk_loop_op(w, SF_LOOP_COMPARE);
		if (w->loop >= 0) {
			if (has_string_child(w, node))
				body_flag(w, node, SF_LOOP_TEXT);
			note_pairs(w, node);
		}
		return true;
	case K_SUBSCRIPT:
		walk_loop_op(w, SF_LOOP_INDEX);
		note_pairs(w, node);
		return true;
	case K_ARGUMENT_LIST:
		reserve_args(w, node);
		return true;
	case K_RETURN:
		enter_return(w, node);
		walk_loop_flag(w, SF_LOOP_BREAKS);
		return true;
	case K_BREAK:
	case K_RAISE:
		walk_loop_flag(w, SF_LOOP_BREAKS);
		return true;
	default:
		return true;
	}
}

/* A single unbound name (`open`, `input`) is a builtin, and so is the head
 * of a call chain on one (`open(p).read`). */
static bool
is_builtin(const char *path)
{
	const char *p = strpbrk(path, ".()");
	return p == NULL || (*p == '(' && p != path);
}

/* --- light types --------------------------------------------------------- */

/* The resolved name of what `self.<attr>` stands for in a method of class
 * cls, or NULL. */
static const char *
resolve_attr(struct sf_facts *f, int32_t cls, const char *attr, size_t n)
{
	for (uint32_t i = 0; i < f->attrs.n; i++) {
		const struct sf_attr *a = &f->attrs.v[i];
		if (a->cls != cls || strncmp(a->attr, attr, n) != 0 ||
		    a->attr[n] != '\0')
			continue;
		bool bound;
		const char *r =
			facts_resolve(f, a->scope, a->pos, a->path, &bound);
		if (r == NULL && !bound && is_builtin(a->path))
			r = a->path;
		return r;
	}
	return NULL;
}

/* `self.session.get` in a method, where __init__ did `self.session =
 * requests.Session()`: `requests.Session().get`. NULL when path is not a
 * `self.` path or the attribute is not known. */
static const char *
resolve_self_path(struct sf_facts *f, int32_t fn, const char *path)
{
	if (fn < 0 || path == NULL || strncmp(path, "self.", 5) != 0 ||
	    f->attrs.n == 0)
		return NULL;
	int32_t cls = f->functions.v[fn].class_index;
	if (cls < 0)
		return NULL;
	const char *attr = path + 5;
	size_t n = strcspn(attr, ".(");
	const char *target = resolve_attr(f, cls, attr, n);
	if (target == NULL)
		return NULL;
	return arena_join(&f->arena, target, attr + n, NULL);
}

/* What a file object's and a Django manager's methods go by. */
#define OPEN_PREFIX    "open()."
#define DJANGO_MANAGER "django.db.models.Manager()"

static bool typed_head(const char *name);

/* Calls whose result is a file object, and constructors of pathlib paths:
 * their results go by one name each, `open()` and `pathlib.Path()`, so the
 * catalogue lists a file's or a path's methods once. */
static const char *const file_openers[] = {
	"builtins.open()",
	"io.open()",
	"io.open_code()",
	"codecs.open()",
	"os.fdopen()",
	"gzip.open()",
	"bz2.open()",
	"lzma.open()",
	"tempfile.TemporaryFile()",
	"tempfile.NamedTemporaryFile()",
	"tempfile.SpooledTemporaryFile()",
	"pathlib.Path().open()",
};
static const char *const socket_makers[] = {
	"socket.create_connection()",
	"socket.create_server()",
	"socket.fromfd()",
};
static const char *const path_makers[] = {
	"pathlib.Path()",      "pathlib.PosixPath()", "pathlib.WindowsPath()",
	"pathlib.Path.home()", "pathlib.Path.cwd()",
};
/* Members of a path that give a path again. */
static const char *const path_members[] = {
	".parent",        ".resolve()",       ".absolute()",  ".expanduser()",
	".with_suffix()", ".with_name()",     ".with_stem()", ".joinpath()",
	".relative_to()", ".with_segments()",
};

#define NELEM(a) (sizeof(a) / sizeof *(a))

/* Length of the prefix of name that is one of list (followed by `.` or the
 * end), or 0. */
static size_t
prefix_in(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(list[i]);
		if (strncmp(name, list[i], l) == 0 &&
		    (name[l] == '.' || name[l] == '\0'))
			return l;
	}
	return 0;
}

/* Client libraries whose objects go by one name each, so the catalogue
 * lists their methods once: a name starting with one of roots (followed
 * by `.`, `[` or its end) becomes `as` plus the rest. With collapse,
 * everything between the root and the last member goes (a pymongo
 * client's databases and collections: `client.db.users.find` and
 * `client["db"]["users"].find` are a collection's find). */
struct family {
	const char *as;
	bool collapse;
	const char *const roots[8];
};

static const struct family families[] = {
	{"pymongo.MongoClient()",
	 true,
	 {"pymongo.MongoClient()", "pymongo.mongo_client.MongoClient()",
	  "pymongo.database.Database()", "pymongo.collection.Collection()"}},
	{"sqlalchemy.orm.Session()",
	 false,
	 {"sqlalchemy.orm.Session()", "sqlalchemy.orm.session.Session()",
	  "sqlalchemy.orm.sessionmaker()()",
	  "sqlalchemy.orm.session.sessionmaker()()",
	  "sqlalchemy.orm.scoped_session()()",
	  "sqlalchemy.orm.scoped_session()",
	  "sqlalchemy.orm.scoping.scoped_session()"}},
	{"sqlalchemy.engine.Engine()",
	 false,
	 {"sqlalchemy.create_engine()", "sqlalchemy.engine.create_engine()",
	  "sqlalchemy.engine.Engine()", "sqlalchemy.Engine()",
	  "sqlalchemy.engine.base.Engine()"}},
	{"sqlalchemy.engine.Engine().connect()",
	 false,
	 {"sqlalchemy.engine.Connection()", "sqlalchemy.Connection()",
	  "sqlalchemy.engine.base.Connection()"}},
	{"redis.Redis()",
	 false,
	 {"redis.Redis()", "redis.StrictRedis()", "redis.client.Redis()",
	  "redis.client.StrictRedis()", "redis.Redis.from_url()",
	  "redis.StrictRedis.from_url()", "redis.from_url()"}},
	{"psycopg2.connect()",
	 false,
	 {"psycopg2.extensions.connection()",
	  "psycopg2.pool.SimpleConnectionPool().getconn()",
	  "psycopg2.pool.ThreadedConnectionPool().getconn()"}},
	{"psycopg2.connect().cursor()",
	 false,
	 {"psycopg2.extensions.cursor()"}},
	{"sqlite3.connect()", false, {"sqlite3.Connection()"}},
	{"sqlite3.connect().cursor()", false, {"sqlite3.Cursor()"}},
};

/* The family name starts with, and the length of its root; NULL when
 * none. */
static const struct family *
family_of(const char *name, size_t *len)
{
	for (size_t i = 0; i < NELEM(families); i++)
		for (size_t r = 0; r < NELEM(families[i].roots) &&
				   families[i].roots[r] != NULL;
		     r++) {
			size_t n = strlen(families[i].roots[r]);
			if (strncmp(name, families[i].roots[r], n) == 0 &&
			    (name[n] == '.' || name[n] == '[' ||
			     name[n] == '\0')) {
				*len = n;
				return &families[i];
			}
		}
	return NULL;
}

/* The last member of a path (`find` in `x().db[].users.find`). */
static const char *
last_member(const char *rest)
{
	const char *dot = strrchr(rest, '.');
	return dot ? dot : rest + strlen(rest);
}

/* Query-building steps of a SQLAlchemy Query or a Django QuerySet: they
 * build, only the last call of a chain runs the query. */
static bool
builds_query(const char *seg, size_t n)
{
	static const char *const steps[] = {
		"filter",
		"filter_by",
		"join",
		"outerjoin",
		"order_by",
		"limit",
		"offset",
		"options",
		"group_by",
		"having",
		"distinct",
		"where",
		"select_from",
		"with_entities",
		"exclude",
		"all",
		"select_related",
		"prefetch_related",
		"only",
		"defer",
		"annotate",
		"values",
		"values_list",
		"using",
		"select_for_update",
		"reverse",
		"none",
	};
	for (size_t i = 0; i < NELEM(steps); i++)
		if (strlen(steps[i]) == n && strncmp(seg, steps[i], n) == 0)
			return true;
	return false;
}

/* Drops the query-building steps between start (just after `query()` or
 * `objects`) and the last member: `.filter().order_by().first` is
 * `.first`. NULL when something else is between. */
static const char *
skip_query_steps(const char *start)
{
	const char *last = last_member(start);
	const char *p = start;
	while (p < last) {
		/* p at ".step()" */
		const char *seg = p + 1;
		size_t n = strcspn(seg, ".([");
		if (!builds_query(seg, n) || strncmp(seg + n, "()", 2) != 0)
			return NULL;
		p = seg + n + 2;
	}
	return p == last ? last : NULL;
}

/* `Model.objects...last` (the Django ORM's default manager on a model
 * class): `django.db.models.Manager().last` with the query-building steps
 * dropped; NULL when name is not one. */
static const char *
django_manager(struct sf_facts *f, const char *name)
{
	const char *o = strstr(name, ".objects.");
	if (o == NULL)
		return NULL;
	/* The segment before is a class: capitalised. */
	const char *seg = o;
	while (seg > name && seg[-1] != '.')
		seg--;
	if (*seg < 'A' || *seg > 'Z')
		return NULL;
	const char *rest = skip_query_steps(o + strlen(".objects"));
	if (rest == NULL || *rest != '.')
		return NULL;
	return arena_join(&f->arena, DJANGO_MANAGER, rest, NULL);
}

/* Names of the families above, and Django managers, in their one form. */
static const char *
normalize_family(struct sf_facts *f, const char *name)
{
	size_t len;
	const struct family *fam =
		typed_head(name) ? family_of(name, &len) : NULL;
	if (fam == NULL) {
		const char *m = django_manager(f, name);
		return m ? m : name;
	}
	const char *rest = name + len;
	if (fam->collapse)
		rest = last_member(rest);
	/* `session.query(X).filter(...).all()`: the query's all. */
	const char *q = strstr(rest, ".query()");
	const char *tail =
		q != NULL && strcmp(fam->as, "sqlalchemy.orm.Session()") == 0
			? skip_query_steps(q + strlen(".query()"))
			: NULL;
	if (tail != NULL)
		return arena_printf(&f->arena, "%s%.*s%s", fam->as,
				    (int)(q + strlen(".query()") - rest), rest,
				    tail);
	if (strcmp(fam->as, name) == 0)
		return name;
	return arena_join(&f->arena, fam->as, rest, NULL);
}

static const char *
normalize_type(struct sf_facts *f, const char *name)
{
	if (name == NULL)
		return NULL;
	/* Most names start with no table's entry: of the forms above, only a
	 * Django manager's (`Item.objects.get`) can be theirs. */
	if (typed_head(name)) {
		name = normalize_family(f, name);
	} else {
		const char *m = django_manager(f, name);
		if (m == NULL)
			return name;
		name = m;
	}
	if (!typed_head(name))
		return name;
	const char *rest = name;
	bool changed = false;
	size_t l = prefix_in(rest, path_makers, NELEM(path_makers));
	if (l > 0) {
		rest += l;
		changed = l != strlen("pathlib.Path()");
		/* Bounded by the name's length: each step eats a member. */
		for (bool more = true; more;) {
			more = false;
			for (size_t i = 0; i < NELEM(path_members); i++) {
				size_t m = strlen(path_members[i]);
				if (strncmp(rest, path_members[i], m) == 0 &&
				    (rest[m] == '.' || rest[m] == '\0')) {
					rest += m;
					more = changed = true;
					break;
				}
			}
		}
		if (changed)
			name = arena_join(&f->arena, "pathlib.Path()", rest,
					  NULL);
	}
	l = prefix_in(name, file_openers, NELEM(file_openers));
	if (l > 0 && name[l] == '.')
		return arena_join(&f->arena, "open()", name + l, NULL);
	l = prefix_in(name, socket_makers, NELEM(socket_makers));
	if (l > 0 && name[l] == '.')
		return arena_join(&f->arena, "socket.socket()", name + l, NULL);
	return name;
}

/* Classes an annotation may name whose methods the catalogue knows,
 * besides the families and paths above. */
static const char *const typed_roots[] = {
	"requests.Session()",
	"requests.sessions.Session()",
	"httpx.Client()",
	"socket.socket()",
	"urllib3.PoolManager()",
	"concurrent.futures.Future()",
	"concurrent.futures.ThreadPoolExecutor()",
	"concurrent.futures.ProcessPoolExecutor()",
	"threading.Lock()",
	"threading.RLock()",
	"threading.Event()",
	"threading.Semaphore()",
	"threading.Condition()",
	"queue.Queue()",
	"subprocess.Popen()",
};

/* The first segments (up to the first `.`) of every name in the tables
 * above, which all have one: a name whose first segment is none of them
 * starts with no entry of any table, and most names (`self.x`, `len`,
 * `os.path.join`) are turned away here at the cost of one comparison or
 * two instead of a hundred. */
#define TYPED_HEADS_MAX 32
static struct {
	const char *s[TYPED_HEADS_MAX];
	size_t len[TYPED_HEADS_MAX];
	size_t n;
} typed_heads;
static pthread_once_t typed_heads_once = PTHREAD_ONCE_INIT;

static void
add_typed_head(const char *entry)
{
	size_t l = strcspn(entry, ".");
	assert(entry[l] == '.');
	for (size_t i = 0; i < typed_heads.n; i++)
		if (typed_heads.len[i] == l &&
		    memcmp(typed_heads.s[i], entry, l) == 0)
			return;
	assert(typed_heads.n < TYPED_HEADS_MAX);
	typed_heads.s[typed_heads.n] = entry;
	typed_heads.len[typed_heads.n++] = l;
}

static void
typed_heads_init(void)
{
	for (size_t i = 0; i < NELEM(families); i++)
		for (size_t r = 0; r < NELEM(families[i].roots) &&
				   families[i].roots[r] != NULL;
		     r++)
			add_typed_head(families[i].roots[r]);
	const char *const *const lists[] = {path_makers, file_openers,
					    socket_makers, typed_roots};
	const size_t sizes[] = {NELEM(path_makers), NELEM(file_openers),
				NELEM(socket_makers), NELEM(typed_roots)};
	for (size_t l = 0; l < NELEM(lists); l++)
		for (size_t i = 0; i < sizes[l]; i++)
			add_typed_head(lists[l][i]);
	add_typed_head(DJANGO_MANAGER);
	add_typed_head(OPEN_PREFIX);
}

/* Can name start with an entry of the tables above? */
static bool
typed_head(const char *name)
{
	pthread_once(&typed_heads_once, typed_heads_init);
	size_t l = strcspn(name, ".");
	if (name[l] != '.')
		return false;
	for (size_t i = 0; i < typed_heads.n; i++)
		if (typed_heads.len[i] == l &&
		    memcmp(typed_heads.s[i], name, l) == 0)
			return true;
	return false;
}

/* Is name (normalised) a method of a class the catalogue knows? */
static bool
known_type(const char *name)
{
	if (!typed_head(name))
		return false;
	size_t len;
	return family_of(name, &len) != NULL ||
	       strncmp(name, DJANGO_MANAGER, strlen(DJANGO_MANAGER)) == 0 ||
	       prefix_in(name, path_makers, NELEM(path_makers)) > 0 ||
	       prefix_in(name, typed_roots, NELEM(typed_roots)) > 0 ||
	       strncmp(name, OPEN_PREFIX, strlen(OPEN_PREFIX)) == 0;
}

/* `target.exists()` where `target: Path` (or `Optional[Path]`, `Path |
 * None`) is a parameter or an annotated variable: the method of the
 * class the annotation names, when the catalogue knows that class; else
 * NULL. */
static const char *
annotated_name(struct sf_facts *f, const struct sf_call *c)
{
	if (c->callee == NULL)
		return NULL;
	size_t n = strcspn(c->callee, ".([");
	if (c->callee[n] != '.' || n >= WALK_PATH_MAX)
		return NULL;
	char head[WALK_PATH_MAX];
	memcpy(head, c->callee, n);
	head[n] = '\0';
	const struct sf_binding *b =
		facts_lookup(f, c->function, c->span.start, head);
	if (b == NULL || b->type == NULL)
		return NULL;
	bool bound;
	const char *t =
		facts_resolve(f, b->scope, b->span.start, b->type, &bound);
	if (t == NULL)
		return NULL;
	const char *name = normalize_type(
		f, arena_join(&f->arena, t, "()", c->callee + n, NULL));
	return known_type(name) ? name : NULL;
}

/* After names are resolved: `self.` paths through the class's attributes,
 * then the light types above. */
static void
resolve_types(struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->calls.n; i++) {
		struct sf_call *c = &f->calls.v[i];
		if (c->name == NULL)
			c->name = resolve_self_path(f, c->function, c->callee);
		c->name = normalize_type(f, c->name);
		if (c->name == NULL || !known_type(c->name)) {
			const char *typed = annotated_name(f, c);
			if (typed != NULL)
				c->name = typed;
		}
		/* A model class of this file: `Item.objects.get(...)`. */
		if (c->name == NULL && c->callee != NULL)
			c->name = django_manager(f, c->callee);
		for (uint32_t j = 0; j < c->nargs; j++) {
			struct sf_arg *a = &f->args.v[c->arg0 + j];
			if (a->kind != SF_ARG_NAME)
				continue;
			if (a->resolved == NULL)
				a->resolved = resolve_self_path(f, c->function,
								a->text);
			a->resolved = normalize_type(f, a->resolved);
		}
	}
}

void
py_catalogue_name(const char *name, char *buf, size_t size)
{
	/* normalize_type builds in a facts' arena: a scratch one. */
	struct sf_facts *scratch = facts_create(SF_LANG_PYTHON, "");
	snprintf(buf, size, "%s", normalize_type(scratch, name));
	facts_destroy(scratch);
}

void
py_resolve(struct sf_facts *f)
{
	walk_resolve(f, is_builtin);
	facts_resolve_origins(f);
	resolve_types(f);
	for (uint32_t i = 0; i < f->decorators.n; i++) {
		struct sf_decorator *d = &f->decorators.v[i];
		int32_t scope = d->function >= 0
					? f->functions.v[d->function].parent
					: -1;
		bool bound;
		const char *r = facts_resolve(f, scope, 0, d->name, &bound);
		if (r == NULL && !bound && is_builtin(d->name))
			r = d->name;
		if (r != NULL)
			d->name = r;
	}
}

void
py_extract(struct sf_facts *f, const TSTree *tree, const char *src,
	   uint32_t len, const struct extract_options *opts)
{
	pthread_once(&py_once, py_init);
	struct py_state st = {
		.code_seen = opts != NULL && opts->not_first,
		.facts = f,
	};
	struct walk w = {
		.f = f,
		.src = src,
		.len = len,
		.kinds = &py.kinds,
		.user = &st,
		.opts = opts,
		/* enter does nothing with other nodes below the top. */
		.skip_plain = true,
		/* but for arguments (record_arg). */
		.keep_named_under = K_ARGUMENT_LIST,
		.tail_bytes = tail_bytes,
	};
	walk_file(&w, tree, enter);
	kids_finish(&st);
	VEC_FREE(st.loop_var);
	VEC_FREE(st.uses);
	VEC_FREE(st.args_open);
	if (opts == NULL || !opts->fragment)
		py_resolve(f);
}
