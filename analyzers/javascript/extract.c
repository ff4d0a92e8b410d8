/*
 * JavaScript extractor: one walk of a tree-sitter-javascript tree that fills
 * the facts — functions (async, callbacks and the call that receives them),
 * calls with their callee paths, loops and their bounds, imports and
 * require() bindings, regex literals, awaits and suppression comments —
 * followed by name resolution (facts_resolve).
 */
#include "extract.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../roles.h"
#include "../util/fmath.h"
#include "../util/hash.h"
#include "../util/spare.h"
#include "../util/xalloc.h"
#include "../walk.h"
#include "language.h"

enum kind {
	K_NONE,
	K_PROGRAM,
	K_FUNCTION_DECL,
	K_GENERATOR_DECL,
	K_FUNCTION_EXPR,
	K_GENERATOR_EXPR,
	K_ARROW,
	K_METHOD,
	K_CLASS_DECL,
	K_CLASS,
	K_CALL,
	K_NEW,
	K_MEMBER,
	K_SUBSCRIPT,
	K_IDENT,
	K_PROPERTY_IDENT,
	K_THIS,
	K_SUPER,
	K_ARGUMENTS,
	K_AWAIT,
	K_YIELD,
	K_FOR,
	K_FOR_IN,
	K_WHILE,
	K_DO,
	K_IMPORT,
	K_IMPORT_CLAUSE,
	K_NAMESPACE_IMPORT,
	K_NAMED_IMPORTS,
	K_IMPORT_SPECIFIER,
	K_VAR_DECLARATOR,
	K_OBJECT_PATTERN,
	K_PAIR_PATTERN,
	K_SHORTHAND_PATTERN,
	K_ASSIGNMENT,
	K_AUGMENTED,
	K_BINARY,
	K_UPDATE,
	K_UNARY,
	K_REGEX,
	K_COMMENT,
	K_HASH_BANG,
	K_STRING,
	K_TEMPLATE,
	K_NUMBER,
	K_PAIR,
	K_PARENTHESIZED,
	K_TRUE,
	K_FORMAL_PARAMETERS,
	K_ASSIGNMENT_PATTERN,
	K_REST_PATTERN,
	K_BREAK,
	K_RETURN,
	K_FIELD_DEFINITION,
	K_STRING_FRAGMENT,
	K_EMPTY_STATEMENT,
	K_ARRAY,
	K_SPREAD,
	K_ESCAPE,
	K_PRIVATE_PROPERTY_IDENT,
	K_OBJECT,
	K_EXPRESSION_STATEMENT,
	K_STATEMENT_BLOCK,
	K_LEXICAL_DECLARATION,
	K_IMPORT_KEYWORD,
	K_SHORTHAND_PROPERTY,
	K_EXPORT,
	K_ARRAY_PATTERN,
	K_EXPORT_CLAUSE,
	K_EXPORT_SPECIFIER,
	K_VARIABLE_DECLARATION,
	K_IF,
	K_ELSE,
	K_SWITCH_CASE,
	K_SWITCH_DEFAULT,
	K_TRY,
	K_CATCH,
	K_TERNARY,
	/* TypeScript and TSX only (the JavaScript grammar has none). */
	K_REQUIRED_PARAMETER,
	K_OPTIONAL_PARAMETER,
	K_PUBLIC_FIELD_DEFINITION,
	K_ABSTRACT_CLASS_DECL,
	K_DECORATOR,
	K_CLASS_BODY,
	K_IMPORT_REQUIRE_CLAUSE,
	K_ACCESSIBILITY_MODIFIER,
	K_NON_NULL,
	K_AS,
	K_SATISFIES,
	K_TYPE_ANNOTATION,
	K_TYPE_ARGUMENTS,
	K_TYPE_PARAMETERS,
	K_TYPE_IDENT,
	K_NESTED_TYPE_IDENT,
	K_GENERIC_TYPE,
	K_UNION_TYPE,
	K_TYPE_QUERY,
	K_LITERAL_TYPE,
	K_PREDEFINED_TYPE,
	K_INTERFACE,
	K_TYPE_ALIAS,
	K_ENUM,
	K_AMBIENT,
	K_FUNCTION_SIGNATURE,
	K_METHOD_SIGNATURE,
	K_ABSTRACT_METHOD_SIGNATURE,
	K_COUNT,
};

static const char *const kind_names[K_COUNT] = {
	[K_PROGRAM] = "program",
	[K_FUNCTION_DECL] = "function_declaration",
	[K_GENERATOR_DECL] = "generator_function_declaration",
	[K_FUNCTION_EXPR] = "function_expression",
	[K_GENERATOR_EXPR] = "generator_function",
	[K_ARROW] = "arrow_function",
	[K_METHOD] = "method_definition",
	[K_CLASS_DECL] = "class_declaration",
	[K_CLASS] = "class",
	[K_CALL] = "call_expression",
	[K_NEW] = "new_expression",
	[K_MEMBER] = "member_expression",
	[K_SUBSCRIPT] = "subscript_expression",
	[K_IDENT] = "identifier",
	[K_PROPERTY_IDENT] = "property_identifier",
	[K_THIS] = "this",
	[K_SUPER] = "super",
	[K_ARGUMENTS] = "arguments",
	[K_AWAIT] = "await_expression",
	[K_YIELD] = "yield_expression",
	[K_FOR] = "for_statement",
	[K_FOR_IN] = "for_in_statement",
	[K_WHILE] = "while_statement",
	[K_DO] = "do_statement",
	[K_IMPORT] = "import_statement",
	[K_IMPORT_CLAUSE] = "import_clause",
	[K_NAMESPACE_IMPORT] = "namespace_import",
	[K_NAMED_IMPORTS] = "named_imports",
	[K_IMPORT_SPECIFIER] = "import_specifier",
	[K_VAR_DECLARATOR] = "variable_declarator",
	[K_OBJECT_PATTERN] = "object_pattern",
	[K_PAIR_PATTERN] = "pair_pattern",
	[K_SHORTHAND_PATTERN] = "shorthand_property_identifier_pattern",
	[K_ASSIGNMENT] = "assignment_expression",
	[K_AUGMENTED] = "augmented_assignment_expression",
	[K_BINARY] = "binary_expression",
	[K_UPDATE] = "update_expression",
	[K_UNARY] = "unary_expression",
	[K_REGEX] = "regex",
	[K_COMMENT] = "comment",
	[K_HASH_BANG] = "hash_bang_line",
	[K_STRING] = "string",
	[K_TEMPLATE] = "template_string",
	[K_NUMBER] = "number",
	[K_PAIR] = "pair",
	[K_PARENTHESIZED] = "parenthesized_expression",
	[K_TRUE] = "true",
	[K_FORMAL_PARAMETERS] = "formal_parameters",
	[K_ASSIGNMENT_PATTERN] = "assignment_pattern",
	[K_REST_PATTERN] = "rest_pattern",
	[K_BREAK] = "break_statement",
	[K_RETURN] = "return_statement",
	[K_FIELD_DEFINITION] = "field_definition",
	[K_STRING_FRAGMENT] = "string_fragment",
	[K_EMPTY_STATEMENT] = "empty_statement",
	[K_ARRAY] = "array",
	[K_SPREAD] = "spread_element",
	[K_ESCAPE] = "escape_sequence",
	[K_PRIVATE_PROPERTY_IDENT] = "private_property_identifier",
	[K_OBJECT] = "object",
	[K_EXPRESSION_STATEMENT] = "expression_statement",
	[K_STATEMENT_BLOCK] = "statement_block",
	[K_LEXICAL_DECLARATION] = "lexical_declaration",
	[K_IMPORT_KEYWORD] = "import",
	[K_SHORTHAND_PROPERTY] = "shorthand_property_identifier",
	[K_EXPORT] = "export_statement",
	[K_ARRAY_PATTERN] = "array_pattern",
	[K_EXPORT_CLAUSE] = "export_clause",
	[K_EXPORT_SPECIFIER] = "export_specifier",
	[K_VARIABLE_DECLARATION] = "variable_declaration",
	[K_IF] = "if_statement",
	[K_ELSE] = "else_clause",
	[K_SWITCH_CASE] = "switch_case",
	[K_SWITCH_DEFAULT] = "switch_default",
	[K_TRY] = "try_statement",
	[K_CATCH] = "catch_clause",
	[K_TERNARY] = "ternary_expression",
	[K_REQUIRED_PARAMETER] = "required_parameter",
	[K_OPTIONAL_PARAMETER] = "optional_parameter",
	[K_PUBLIC_FIELD_DEFINITION] = "public_field_definition",
	[K_ABSTRACT_CLASS_DECL] = "abstract_class_declaration",
	[K_DECORATOR] = "decorator",
	[K_CLASS_BODY] = "class_body",
	[K_IMPORT_REQUIRE_CLAUSE] = "import_require_clause",
	[K_ACCESSIBILITY_MODIFIER] = "accessibility_modifier",
	[K_NON_NULL] = "non_null_expression",
	[K_AS] = "as_expression",
	[K_SATISFIES] = "satisfies_expression",
	[K_TYPE_ANNOTATION] = "type_annotation",
	[K_TYPE_ARGUMENTS] = "type_arguments",
	[K_TYPE_PARAMETERS] = "type_parameters",
	[K_TYPE_IDENT] = "type_identifier",
	[K_NESTED_TYPE_IDENT] = "nested_type_identifier",
	[K_GENERIC_TYPE] = "generic_type",
	[K_UNION_TYPE] = "union_type",
	[K_TYPE_QUERY] = "type_query",
	[K_LITERAL_TYPE] = "literal_type",
	[K_PREDEFINED_TYPE] = "predefined_type",
	[K_INTERFACE] = "interface_declaration",
	[K_TYPE_ALIAS] = "type_alias_declaration",
	[K_ENUM] = "enum_declaration",
	[K_AMBIENT] = "ambient_declaration",
	[K_FUNCTION_SIGNATURE] = "function_signature",
	[K_METHOD_SIGNATURE] = "method_signature",
	[K_ABSTRACT_METHOD_SIGNATURE] = "abstract_method_signature",
};

/* What the extractor needs of one grammar of the family: symbols mapped
 * to kinds, field ids, and how paths and constants are written. The
 * grammars of the family (JavaScript, TypeScript, TSX) share node names
 * but not numbers, so each gets its own. */
struct js_grammar {
	struct walk_kinds kinds;
	TSFieldId name, body, function, arguments, object, property,
		constructor, left, right, value, parameters, parameter,
		condition, initializer, source, alias, key, pattern,
		flags, operator, index, increment, argument, declaration, type,
		module, consequence, return_type;
	struct walk_path_desc path;
	struct walk_const_desc consts;
};

/* By enum sf_lang, for the languages of the family; built once. */
static struct js_grammar grammars[SF_LANG_COUNT];
static pthread_once_t js_once = PTHREAD_ONCE_INIT;

static const char *require_head(struct walk *w, TSNode call);
static const char *plain_member_path(struct walk *w, TSNode node);

/* The kinds enter does something with, each with its handler (on_*,
 * by the walk): enter's switch is made of this list, and so are the kinds
 * the walk calls enter for (entered_kinds), which cannot then leave one
 * out. enter does nothing with the others (WALK_SYM_QUIET), but where the
 * walk keeps them (a call's arguments, a class body's members). */
#define JS_ENTERED(X)                                                          \
	X(K_PARENTHESIZED, on_parenthesized)                                   \
	X(K_COMMENT, on_comment)                                               \
	X(K_HASH_BANG, on_hash_bang)                                           \
	X(K_STRING, on_literal)                                                \
	X(K_NUMBER, on_literal)                                                \
	X(K_IDENT, on_ident)                                                   \
	X(K_SHORTHAND_PROPERTY, on_ident)                                      \
	X(K_REGEX, on_regex)                                                   \
	X(K_FUNCTION_DECL, on_function)                                        \
	X(K_GENERATOR_DECL, on_function)                                       \
	X(K_FUNCTION_EXPR, on_function)                                        \
	X(K_GENERATOR_EXPR, on_function)                                       \
	X(K_ARROW, on_function)                                                \
	X(K_METHOD, on_function)                                               \
	X(K_CLASS_DECL, on_class)                                              \
	X(K_CLASS, on_class)                                                   \
	X(K_ABSTRACT_CLASS_DECL, on_class)                                     \
	X(K_FIELD_DEFINITION, on_field)                                        \
	X(K_PUBLIC_FIELD_DEFINITION, on_field)                                 \
	X(K_DECORATOR, on_decorator)                                           \
	X(K_TYPE_ANNOTATION, on_declaration_only)                              \
	X(K_TYPE_ARGUMENTS, on_declaration_only)                               \
	X(K_TYPE_PARAMETERS, on_declaration_only)                              \
	X(K_INTERFACE, on_declaration_only)                                    \
	X(K_TYPE_ALIAS, on_declaration_only)                                   \
	X(K_AMBIENT, on_declaration_only)                                      \
	X(K_FUNCTION_SIGNATURE, on_declaration_only)                           \
	X(K_METHOD_SIGNATURE, on_declaration_only)                             \
	X(K_ABSTRACT_METHOD_SIGNATURE, on_declaration_only)                    \
	X(K_CALL, on_call)                                                     \
	X(K_NEW, on_call)                                                      \
	X(K_ARGUMENTS, on_arguments)                                           \
	X(K_FOR, on_loop)                                                      \
	X(K_FOR_IN, on_loop)                                                   \
	X(K_WHILE, on_loop)                                                    \
	X(K_DO, on_loop)                                                       \
	X(K_AWAIT, on_await)                                                   \
	X(K_YIELD, on_yield)                                                   \
	X(K_IMPORT, on_import)                                                 \
	X(K_EXPORT, on_export)                                                 \
	X(K_VAR_DECLARATOR, on_declarator)                                     \
	X(K_ASSIGNMENT, on_assignment)                                         \
	X(K_BINARY, on_binary)                                                 \
	X(K_AUGMENTED, on_augmented)                                           \
	X(K_UPDATE, on_update)                                                 \
	X(K_SUBSCRIPT, on_subscript)                                           \
	X(K_BREAK, on_jump)                                                    \
	X(K_RETURN, on_jump)

#define JS_ENTERED_KIND(k, handler) k,
static const uint8_t entered_kinds[] = {JS_ENTERED(JS_ENTERED_KIND)};
#undef JS_ENTERED_KIND

/* Kinds of tokens (WALK_SYM_LEAF): nodes without children. */
static const uint8_t leaf_kinds[] = {
	K_IDENT,
	K_PROPERTY_IDENT,
	K_THIS,
	K_SUPER,
	K_SHORTHAND_PATTERN,
	K_TRUE,
	K_STRING_FRAGMENT,
	K_ESCAPE,
	K_PRIVATE_PROPERTY_IDENT,
	K_IMPORT_KEYWORD,
	K_SHORTHAND_PROPERTY,
	K_TYPE_IDENT,
	K_EMPTY_STATEMENT,
	K_NUMBER,
};

/* The bytes that, with white space, make nothing but tokens (the walk's
 * tail_bytes): closing brackets and separators. The only named node made
 * of them, an empty statement (`;`), is of a quiet leaf kind. */
static const bool tail_bytes[256] = {
	[')'] = true, [']'] = true,  ['}'] = true,  [';'] = true,  [','] = true,
	[' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true,
};

/* The bytes a comment starts with: a slash (line and block comments), and
 * those of the JavaScript grammar's HTML comments (`<!--`, `-->`). After
 * a member expression's object come only a dot or `?.` and the property,
 * quiet leaves (the walk's rest_quiet_under), but for comments. */
static const bool comment_bytes[256] = {
	['/'] = true,
	['<'] = true,
	['-'] = true,
};

static void
build_grammar(struct js_grammar *g, const TSLanguage *l)
{
	walk_kinds_build(&g->kinds, l, kind_names, K_COUNT);
	bool entered[K_COUNT] = {false};
	for (size_t i = 0; i < sizeof entered_kinds; i++)
		entered[entered_kinds[i]] = true;
	for (uint8_t k = 1; k < K_COUNT; k++)
		if (!entered[k])
			walk_kinds_flag(&g->kinds, k, WALK_SYM_QUIET);
	for (size_t i = 0; i < sizeof leaf_kinds; i++)
		walk_kinds_flag(&g->kinds, leaf_kinds[i], WALK_SYM_LEAF);
#define FIELD(f) g->f = ts_language_field_id_for_name(l, #f, sizeof #f - 1)
	FIELD(name);
	FIELD(body);
	FIELD(function);
	FIELD(arguments);
	FIELD(object);
	FIELD(property);
	FIELD(constructor);
	FIELD(left);
	FIELD(right);
	FIELD(value);
	FIELD(parameters);
	FIELD(parameter);
	FIELD(condition);
	FIELD(consequence);
	FIELD(initializer);
	FIELD(source);
	FIELD(alias);
	FIELD(key);
	FIELD(pattern);
	FIELD(flags);
	FIELD(operator);
	FIELD(index);
	FIELD(increment);
	FIELD(argument);
	FIELD(declaration);
	FIELD(type);
	FIELD(module);
	FIELD(return_type);
#undef FIELD
	g->path = (struct walk_path_desc){
		.ident = {K_IDENT, K_THIS, K_SUPER, K_PROPERTY_IDENT},
		.member = K_MEMBER,
		.object = g->object,
		.property = g->property,
		.call = K_CALL,
		.function = g->function,
		.arguments = g->arguments,
		.special_call = require_head,
		/* TypeScript's `x!`, `x as T`, and `(x as T)`. */
		.transparent = {K_NON_NULL, K_AS, K_SATISFIES, K_PARENTHESIZED},
		.await_special = K_AWAIT,
		.plain = plain_member_path,
	};
	g->consts = (struct walk_const_desc){
		.number = {K_NUMBER, K_NUMBER},
		.paren = K_PARENTHESIZED,
		.unary = K_UNARY,
		.binary = K_BINARY,
		.ident = K_IDENT,
		.left = g->left,
		.right = g->right,
		.operator= g->operator,
		.argument = g->argument,
	};
}

static void
js_init(void)
{
	for (int i = 0; i < SF_LANG_COUNT; i++) {
		const struct sf_language *l = language_get((enum sf_lang)i);
		if (l->family == &javascript_family)
			build_grammar(&grammars[i], l->grammar());
	}
}

/* Parameters are looked for this many functions out from a use; a use
 * deeper than that is not seen (the function then looks like it calls a
 * callback parameter synchronously when it may not). */
#define JS_PARAM_SCOPES 16
/* At most this many nodes of an awaited expression are searched for the
 * loop variable (and WALK_NAMES_MAX names of a destructuring one). */
#define JS_AWAIT_SCAN_NODES 4096
/* Bindings made inside an enclosing loop are looked at, newest first, up
 * to this many, when deciding whether a nested loop walks nested data. */
#define JS_LOOP_BINDINGS_SCAN 512

/* What the walk learns about one function's parameters and name. */
struct fn_extra {
	uint32_t param0, nparams; /* slice of js_state.params */
	uint32_t called;          /* parameter bits called directly */
	uint32_t escapes;         /* parameter bits passed on or captured */
};

/* A parameter's name, for note_param_use. */
struct js_param {
	const char *name;
	uint32_t len;
};

/* A call whose arguments the walk records as it enters them (record_arg),
 * in the slots of the facts' args set aside when it was entered. */
struct open_args {
	int32_t call;
	uint32_t start;    /* of its arguments node */
	uint32_t reserved; /* slots from the call's arg0 */
};

/* Bits in the filter of parameter names (a power of two). */
#define JS_PARAM_FILTER 1024

/* A name's bit in that filter, from its length and end bytes. */
static inline uint32_t
param_bit(const char *name, uint32_t len)
{
	if (len == 0)
		return 0;
	return ((unsigned char)name[0] * 31u + (unsigned char)name[len - 1] +
		len * 131u) &
	       (JS_PARAM_FILTER - 1);
}

/* Occurrences of each identifier text in the file, keyed by the bytes in
 * the source (no copies): open addressing, linear probing. */
struct ident_slot {
	uint32_t hash, start, len, count; /* len 0: empty */
};

struct ident_table {
	struct ident_slot *slots;
	uint32_t cap, n;
	/* The slots taken, in the order they were (n of them; room for
	 * cap / 2): the table is emptied slot by slot, and kept. */
	uint32_t *used;
};

/* Per-file extractor state. fx, params, loop_var and idents are indexed
 * like the facts being filled: a fragmented extraction (struct
 * extract_options) finishes and resets them when the facts switch. */
struct js_state {
	const struct js_grammar *g; /* the file's grammar */
	bool code_seen;          /* a statement came before (for ignore-file) */
	struct sf_facts *facts;  /* the facts fx & co. belong to */
	const char *src;         /* the text (ident slots point into it) */
	VEC(struct fn_extra) fx; /* per function, same index */
	/* Simple parameter names (NULL: another kind of parameter), with
	 * their lengths: every identifier is compared with them. */
	VEC(struct js_param) params;
	/* A filter of the names in params (param_bit): most identifiers are
	 * no parameter's, and it says so without looking at the functions
	 * around them. */
	uint64_t param_names[JS_PARAM_FILTER / 64];
	VEC(TSNode) loop_var; /* per loop: its variable's node */
	/* The calls whose arguments are being walked, innermost last, and
	 * some done (record_arg drops those). */
	VEC(struct open_args) args_open;
	struct ident_table idents;
	/* TypeScript decorators of a class member come before it in the
	 * class body: when decorators_open, those from decorators_pending on
	 * decorate the next member. */
	uint32_t decorators_pending;
	bool decorators_open;
	/* The branches taken only in development or test runs (`if
	 * (isDev) {...}`) that the walk is in: their end bytes, innermost
	 * last. */
	VEC(uint32_t) dev_ends;
	/* Module-level names of the module's exports (`const Meta =
	 * module.exports`): `Meta.x = …` exports x. */
	VEC(const char *) exports_aliases;
};

/* Adds a parameter's name to the function's and to the filter. */
static void
add_param(struct js_state *st, struct js_param *slot, const char *name)
{
	*slot = (struct js_param){name, (uint32_t)strlen(name)};
	uint32_t bit = param_bit(name, slot->len);
	st->param_names[bit / 64] |= 1ull << (bit % 64);
}

/* --- small helpers ------------------------------------------------------ */

/* The grammar of the file being walked. */
#define JS(w) (((const struct js_state *)(w)->user)->g)

static TSNode
field(struct walk *w, TSNode n, TSFieldId id)
{
	return walk_field(w, n, id);
}

/* field for the node being entered, with its first child instead of a
 * lookup when first says that is the child in the field: that child the
 * walk's cursor reaches at little cost, and the walk goes on from it
 * (walk_first_child). A node with errors may not be written the way the
 * grammar says: looked up. */
static TSNode
first_field_if(struct walk *w, TSNode node, TSFieldId id,
	       bool (*first)(struct walk *w, TSNode child))
{
	if (ts_node_has_error(node))
		return field(w, node, id);
	TSNode c = walk_first_child(w);
	if (!first(w, c))
		return field(w, node, id);
	return c;
}

/* A call's function, a declarator's name, an assignment's left side: the
 * grammar puts them first, but for a token the grammar does not know
 * (`using x = f()` parses as an assignment after a `using`): the first
 * child of a kind the extractor knows. */
static bool
first_is_known(struct walk *w, TSNode child)
{
	return walk_kind(w, child) != K_NONE;
}

static TSNode
first_field(struct walk *w, TSNode node, TSFieldId id)
{
	return first_field_if(w, node, id, first_is_known);
}

/* The child in field id of the node being entered (a declarator's value,
 * an assignment's right side), which the grammar puts last when there
 * is one, after at least two others (`x = y`): taken with ts_node_child,
 * which goes to it through the hidden node around it (`_initializer`) and
 * costs less than the field's lookup. When the last child is a type
 * annotation, a declarator has no value (`let x: T`, `let x!: T`); a
 * comment last, or errors, and it is looked up. */
static TSNode
last_field(struct walk *w, TSNode node, TSFieldId id)
{
	if (ts_node_has_error(node))
		return field(w, node, id);
	uint32_t n = ts_node_child_count(node);
	if (n < 3)
		return (TSNode){0};
	TSNode c = ts_node_child(node, n - 1);
	uint8_t k = walk_kind(w, c);
	if (k == K_TYPE_ANNOTATION)
		return (TSNode){0};
	return k == K_COMMENT ? field(w, node, id) : c;
}

/* A method's name comes first but for its modifiers (`static`, `async`,
 * `get`, `*`) and JavaScript's decorators, none a property name. */
static bool
first_is_name(struct walk *w, TSNode child)
{
	uint8_t k = walk_kind(w, child);
	return k == K_PROPERTY_IDENT || k == K_PRIVATE_PROPERTY_IDENT;
}

/* An arrow function's parameter comes first but for `async`. */
static bool
first_is_ident(struct walk *w, TSNode child)
{
	return walk_kind(w, child) == K_IDENT;
}

/* ... and its parameters but for `async` and TypeScript's type
 * parameters. */
static bool
first_is_params(struct walk *w, TSNode child)
{
	return walk_kind(w, child) == K_FORMAL_PARAMETERS;
}

/* Is c a byte of a dotted path written plainly (`this.#cache.get`)? */
static inline bool
plain_path_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '.' ||
	       c == '#';
}

/* Words that can head a member expression written plainly but head no path
 * (walk_path stops at their kinds): `null.x`, `import.meta.url`,
 * `new.target`. */
static bool
pathless_head(const char *s, uint32_t n)
{
	static const char *const words[] = {
		"null", "true", "false", "undefined", "import", "new",
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
			return true;
	return false;
}

/* A member expression written plainly — names joined by dots, with no
 * space, comment, call, bracket or `?.` — parses as a chain of member
 * expressions down to its first name, so its path is its text: that
 * text, copied, or NULL when the expression is not such (walk_path then
 * follows the fields, two lookups per dot). */
static const char *
plain_member_path(struct walk *w, TSNode node)
{
	if (walk_kind(w, node) != K_MEMBER)
		return NULL;
	uint32_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
	/* A bound on the segments well under walk_path's. */
	uint32_t dots = 0, head = 0;
	if (e > w->len || e - s > WALK_PATH_MAX)
		return NULL;
	const char *t = w->src + s;
	for (uint32_t i = 0; i < e - s; i++) {
		unsigned char c = (unsigned char)t[i];
		if (!plain_path_byte(c))
			return NULL;
		if (c == '.') {
			/* Each segment a name: not empty, not a number. */
			if (i + 1 == e - s || t[i + 1] == '.' ||
			    (t[i + 1] >= '0' && t[i + 1] <= '9') || ++dots > 16)
				return NULL;
			if (head == 0)
				head = i;
		} else if (c == '#' && (i == 0 || t[i - 1] != '.')) {
			return NULL; /* `#x` only as a property */
		}
	}
	if (head == 0 || (t[0] >= '0' && t[0] <= '9') ||
	    pathless_head(t, head) || ts_node_has_error(node))
		return NULL;
	return arena_strndup(&w->f->arena, t, e - s);
}

/* walk_path with the family's description, which reads the plain member
 * expressions from their text (plain_member_path). */
static const char *
js_path(struct walk *w, TSNode node, const char **last)
{
	return walk_path(w, node, &JS(w)->path, last);
}

/* The contents of a string literal without quotes, or NULL when it has
 * escapes or substitutions we do not evaluate. */
static const char *
string_value(struct walk *w, TSNode str)
{
	uint8_t k = walk_kind(w, str);
	if (k != K_STRING && k != K_TEMPLATE)
		return NULL;
	uint32_t n = ts_node_named_child_count(str);
	if (n == 0)
		return "";
	if (n != 1)
		return NULL;
	TSNode frag = ts_node_named_child(str, 0);
	if (walk_kind(w, frag) != K_STRING_FRAGMENT)
		return NULL;
	return walk_text(w, frag);
}

/* The string literal's value with the common escapes undone (for
 * `new RegExp("\\d+")`), or NULL. */
static const char *
string_unescaped(struct walk *w, TSNode str)
{
	if (walk_kind(w, str) != K_STRING)
		return NULL;
	uint32_t s = ts_node_start_byte(str) + 1, e = ts_node_end_byte(str);
	if (e <= s || e > w->len)
		return NULL;
	e--; /* closing quote */
	char *out = arena_alloc(&w->f->arena, e - s + 1);
	size_t k = 0;
	for (uint32_t i = s; i < e; i++) {
		char c = w->src[i];
		if (c == '\\' && i + 1 < e) {
			char d = w->src[++i];
			switch (d) {
			case 'n':
				c = '\n';
				break;
			case 't':
				c = '\t';
				break;
			case 'r':
				c = '\r';
				break;
			default:
				c = d;
				break;
			}
		}
		out[k++] = c;
	}
	out[k] = '\0';
	return out;
}

/* `require('x')` or `import('x')` with one literal argument: the module
 * name, else NULL. */
static const char *
require_module(struct walk *w, TSNode call)
{
	if (walk_kind(w, call) != K_CALL)
		return NULL;
	TSNode fn = field(w, call, JS(w)->function);
	TSNode args = field(w, call, JS(w)->arguments);
	/* `await (await import('x')).f()` parses as a call of a function
	 * named `await`: the module is its argument's. */
	if (!ts_node_is_null(fn) && walk_kind(w, fn) == K_IDENT &&
	    walk_text_is(w, fn, "await") && !ts_node_is_null(args) &&
	    ts_node_named_child_count(args) == 1) {
		TSNode inner = ts_node_named_child(args, 0);
		if (walk_kind(w, inner) == K_AWAIT &&
		    ts_node_named_child_count(inner) == 1)
			inner = ts_node_named_child(inner, 0);
		return require_module(w, inner);
	}
	bool dynamic_import = walk_kind(w, fn) == K_IMPORT_KEYWORD;
	if (!dynamic_import &&
	    (walk_kind(w, fn) != K_IDENT || !walk_text_is(w, fn, "require")))
		return NULL;
	if (ts_node_is_null(args) || ts_node_named_child_count(args) != 1)
		return NULL;
	const char *v = string_value(w, ts_node_named_child(args, 0));
	return v ? facts_module_name(w->f, v) : NULL;
}

static const char *
require_head(struct walk *w, TSNode call)
{
	const char *mod = require_module(w, call);
	return mod ? arena_join(&w->f->arena, "require(", mod, ")", NULL)
		   : NULL;
}

/* --- identifier counts ------------------------------------------------- */

static struct ident_slot *
ident_find(struct ident_table *t, const char *src, uint32_t start, uint32_t len,
	   uint32_t hash)
{
	for (uint32_t i = hash & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		struct ident_slot *s = &t->slots[i];
		if (s->len == 0 ||
		    (s->hash == hash && s->len == len &&
		     memcmp(src + s->start, src + start, len) == 0))
			return s;
	}
}

static void
ident_count(struct walk *w, struct ident_table *t, uint32_t start, uint32_t end)
{
	if (end > w->len || end <= start)
		return;
	if ((t->n + 1) * 2 > t->cap) {
		struct ident_table bigger = {
			.cap = t->cap ? t->cap * 2 : 256,
			.n = t->n,
		};
		bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
		bigger.used = xmalloc(bigger.cap / 2 * sizeof *bigger.used);
		for (uint32_t i = 0; i < t->n; i++) {
			const struct ident_slot *old = &t->slots[t->used[i]];
			struct ident_slot *to =
				ident_find(&bigger, w->src, old->start,
					   old->len, old->hash);
			*to = *old;
			bigger.used[i] = (uint32_t)(to - bigger.slots);
		}
		free(t->slots);
		free(t->used);
		*t = bigger;
	}
	uint32_t len = end - start, hash = sf_hash(w->src + start, len);
	struct ident_slot *s = ident_find(t, w->src, start, len, hash);
	if (s->len == 0) {
		*s = (struct ident_slot){hash, start, len, 0};
		t->used[t->n++] = (uint32_t)(s - t->slots);
	}
	s->count++;
}

static bool
is_function_kind(uint8_t k)
{
	return k == K_FUNCTION_DECL || k == K_GENERATOR_DECL ||
	       k == K_FUNCTION_EXPR || k == K_GENERATOR_EXPR || k == K_ARROW ||
	       k == K_METHOD;
}

/* --- where values come from --------------------------------------------- */

/* Origins are followed through this many wrappers (`await`, `.map(...)`,
 * `Object.values(...)`, `x.y`) at most. */
#define JS_ORIGIN_DEPTH 16

/* Request data by the names Express, Koa, Fastify and Lambda give it. */
static bool
request_path(const char *p)
{
	static const char *const heads[] = {
		"req.body",          "req.query",         "req.files",
		"request.body",      "request.query",     "ctx.request.body",
		"ctx.request.query", "ctx.request.files", "ctx.query",
		"event.body",
	};
	if (*p != 'r' && *p != 'c' && *p != 'e')
		return false; /* (what all the heads begin with) */
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
		size_t n = strlen(heads[i]);
		if (strncmp(p, heads[i], n) == 0 &&
		    (p[n] == '\0' || p[n] == '.' || p[n] == '['))
			return true;
	}
	return false;
}

/* Calls that give back what they were given, reshaped: the size of their
 * receiver (`xs.map(f)`, `rows.filter(p)`). */
static bool
keeps_size(const char *method)
{
	static const char *const methods[] = {
		"map",     "filter",   "slice",      "concat",   "sort",
		"reverse", "flat",     "flatMap",    "keys",     "values",
		"entries", "toSorted", "toReversed", "toString", "trim",
	};
	for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
		if (methods[i][0] == method[0] &&
		    strcmp(method, methods[i]) == 0)
			return true;
	return false;
}

/* Functions that give back (a view of) their first argument. */
static bool
keeps_arg_size(const char *path)
{
	static const char *const paths[] = {
		"Object.keys", "Object.values",   "Object.entries",
		"Array.from",  "structuredClone", "Object.assign",
		"_.cloneDeep", "_.values",        "_.keys",
	};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		if (paths[i][0] == path[0] && strcmp(path, paths[i]) == 0)
			return true;
	return false;
}

/* Where the value of expression n comes from. path is n's path
 * (walk_path) when the caller has it already, else NULL. */
static struct sf_origin
origin_of_path(struct walk *w, TSNode n, const char *path)
{
	struct sf_origin o = {.kind = SF_ORIGIN_UNKNOWN, .fn = -1, .call = -1};
	/* After a member whose path is no request's, the members of its
	 * object chain are not either: their paths are prefixes of that
	 * path, cut at a dot, and request_path holds for a path when it
	 * holds for such a prefix. */
	bool no_request = false;
	for (int depth = 0; depth < JS_ORIGIN_DEPTH && !ts_node_is_null(n);
	     depth++) {
		uint8_t k = walk_kind(w, n);
		if (k != K_MEMBER)
			no_request = false;
		switch (k) {
		case K_PARENTHESIZED:
		case K_AWAIT:
		case K_AS:
		case K_NON_NULL:
		case K_SATISFIES:
			n = ts_node_named_child(n, 0);
			continue;
		case K_ARRAY: {
			/* `[...xs]` is xs again. */
			TSNode first = ts_node_named_child(n, 0);
			if (ts_node_named_child_count(n) == 1 &&
			    walk_kind(w, first) == K_SPREAD) {
				n = ts_node_named_child(first, 0);
				continue;
			}
			o.kind = ts_node_named_child_count(n) == 0
					 ? SF_ORIGIN_CONTAINER
					 : SF_ORIGIN_LITERAL;
			return o;
		}
		case K_OBJECT:
			o.kind = ts_node_named_child_count(n) == 0
					 ? SF_ORIGIN_CONTAINER
					 : SF_ORIGIN_LITERAL;
			return o;
		case K_STRING:
		case K_TEMPLATE:
			o.kind = SF_ORIGIN_LITERAL;
			return o;
		case K_IDENT:
			o.kind = SF_ORIGIN_NAME;
			/* A name's path is its text. */
			o.text = depth == 0 && path != NULL ? path
							    : walk_text(w, n);
			o.fn = w->fn;
			o.start = ts_node_start_byte(n);
			o.end = ts_node_end_byte(n);
			return o;
		case K_MEMBER:
		case K_SUBSCRIPT: {
			if (!no_request) {
				const char *p = depth == 0 && path != NULL
							? path
							: js_path(w, n, NULL);
				if (p != NULL && request_path(p)) {
					o.kind = SF_ORIGIN_REQUEST;
					o.text = p;
					return o;
				}
				no_request = p != NULL && k == K_MEMBER;
			}
			n = field(w, n, JS(w)->object);
			if (walk_kind(w, n) == K_THIS)
				return o;
			continue;
		}
		case K_CALL:
		case K_NEW: {
			TSNode callee = field(w, n,
					      k == K_CALL ? JS(w)->function
							  : JS(w)->constructor);
			if (walk_kind(w, callee) ==
			    K_AWAIT) /* `await f<T>()` */
				callee = ts_node_named_child(callee, 0);
			const char *last;
			const char *p = js_path(w, callee, &last);
			if (p != NULL &&
			    (keeps_arg_size(p) ||
			     (k == K_NEW && (strcmp(p, "Set") == 0 ||
					     strcmp(p, "Map") == 0)))) {
				TSNode args = field(w, n, JS(w)->arguments);
				TSNode arg0 =
					ts_node_is_null(args)
						? args
						: ts_node_named_child(args, 0);
				if (!ts_node_is_null(arg0)) {
					n = arg0;
					continue;
				}
			}
			if (walk_kind(w, callee) == K_MEMBER) {
				/* A member's path ends with its property's
				 * name. */
				const char *method = last;
				if (p == NULL) {
					TSNode prop = field(w, callee,
							    JS(w)->property);
					method = ts_node_is_null(prop)
							 ? NULL
							 : walk_text(w, prop);
				}
				if (method != NULL && keeps_size(method)) {
					n = field(w, callee, JS(w)->object);
					continue;
				}
			}
			if (k == K_NEW) {
				/* `new Map()`, `new Set()`, `new Array()`. */
				if (p != NULL && (strcmp(p, "Map") == 0 ||
						  strcmp(p, "Set") == 0 ||
						  strcmp(p, "Array") == 0 ||
						  strcmp(p, "Object") == 0))
					o.kind = SF_ORIGIN_CONTAINER;
				return o;
			}
			o.kind = SF_ORIGIN_CALL;
			o.start = ts_node_start_byte(n);
			o.end = ts_node_end_byte(n);
			return o;
		}
		case K_BINARY: {
			/* `xs || []`, `xs ?? []`: xs. */
			const char *op =
				ts_node_type(field(w, n, JS(w)->operator));
			if (strcmp(op, "||") != 0 && strcmp(op, "??") != 0)
				return o;
			n = field(w, n, JS(w)->left);
			continue;
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

/* Sets the origin of the bindings made since index first. */
static void
set_origins(struct walk *w, uint32_t first, struct sf_origin o)
{
	for (uint32_t i = first; i < w->f->bindings.n; i++)
		w->f->bindings.v[i].origin = o;
}

/* --- TypeScript's types, as light types --------------------------------- */

/* Union members and wrappers followed to reach a type's class. */
#define JS_TYPE_DEPTH 8

/* What a type (or a type annotation) says a name holds, as a binding
 * target: `typeof import('fs')` and `typeof fs` an alias of the module
 * (`require(fs)`, `fs`); a class — `Svc`, `ns.Svc`, `Repo<T>`, `Svc |
 * null` — an instance of it ("Svc()", which resolves through the file's
 * imports like any name). NULL when the type says nothing a name can use:
 * a primitive, an array, an object or function type, a union of several
 * classes. */
static const char *
type_target(struct walk *w, TSNode type, enum sf_binding_kind *kind)
{
	for (int depth = 0; depth < JS_TYPE_DEPTH && !ts_node_is_null(type);
	     depth++) {
		switch (walk_kind(w, type)) {
		case K_TYPE_ANNOTATION:
			type = ts_node_named_child(type, 0);
			continue;
		case K_GENERIC_TYPE:
			type = field(w, type, JS(w)->name);
			continue;
		case K_TYPE_QUERY: {
			TSNode q = ts_node_named_child(type, 0);
			*kind = SF_BIND_ALIAS;
			return ts_node_is_null(q) ? NULL : js_path(w, q, NULL);
		}
		case K_TYPE_IDENT:
		case K_NESTED_TYPE_IDENT: {
			uint32_t a = ts_node_start_byte(type),
				 b = ts_node_end_byte(type);
			if (b - a > WALK_PATH_MAX ||
			    memchr(w->src + a, ' ', b - a) != NULL)
				return NULL;
			*kind = SF_BIND_INSTANCE;
			return arena_printf(&w->f->arena, "%.*s()",
					    (int)(b - a), w->src + a);
		}
		case K_UNION_TYPE: {
			/* `Svc | null | undefined`: its one member that is
			 * not a literal or primitive. (Unions nest: `A | B |
			 * C` is `(A | B) | C`.) */
			TSNode only = {0};
			uint32_t n = ts_node_named_child_count(type);
			for (uint32_t i = 0; i < n; i++) {
				TSNode c = ts_node_named_child(type, i);
				uint8_t k = walk_kind(w, c);
				if (k == K_LITERAL_TYPE ||
				    k == K_PREDEFINED_TYPE)
					continue;
				if (!ts_node_is_null(only))
					return NULL;
				only = c;
			}
			type = only;
			continue;
		}
		default:
			return NULL;
		}
	}
	return NULL;
}

/* TypeScript's declared return type (`getSettings(): Settings`, `():
 * Promise<Settings>`): what function fn returns, when it names a class,
 * resolved from scope (the function's parent). */
static void
add_declared_return(struct walk *w, int32_t fn, int32_t scope, TSNode node)
{
	TSNode type = field(w, node, JS(w)->return_type);
	if (ts_node_is_null(type))
		return;
	if (walk_kind(w, type) == K_TYPE_ANNOTATION)
		type = ts_node_named_child(type, 0);
	/* What an async function's promise resolves to is what the caller
	 * gets with await. */
	if (!ts_node_is_null(type) && walk_kind(w, type) == K_GENERIC_TYPE &&
	    walk_text_is(w, field(w, type, JS(w)->name), "Promise")) {
		TSNode args = ts_node_named_child(type, 1);
		type = ts_node_is_null(args) ||
				       ts_node_named_child_count(args) != 1
			       ? (TSNode){0}
			       : ts_node_named_child(args, 0);
	}
	if (ts_node_is_null(type))
		return;
	enum sf_binding_kind kind;
	const char *path = type_target(w, type, &kind);
	if (path == NULL || kind != SF_BIND_INSTANCE)
		return;
	struct sf_return *r = VEC_PUSH(w->f->returns);
	r->fn = fn;
	r->path = path;
	r->scope = scope;
	r->pos = ts_node_start_byte(type);
}

/* Records what `this.<attr>` holds in the methods of the class being
 * walked: a path as written, resolved from scope at pos (js_resolve). */
static void
add_attr(struct walk *w, const char *attr, const char *path, int32_t scope,
	 TSNode at)
{
	if (w->cls < 0 || attr == NULL || path == NULL)
		return;
	struct sf_attr *a = VEC_PUSH(w->f->attrs);
	a->cls = w->cls;
	a->attr = attr;
	a->path = path;
	a->scope = scope;
	a->pos = ts_node_start_byte(at);
}

/* The path a value stands for, for an attribute: `new Svc()` and
 * `make()` an instance ("Svc()"), a name or member an alias of it; NULL
 * for anything else. */
static const char *
value_target(struct walk *w, TSNode value)
{
	uint8_t k = ts_node_is_null(value) ? K_NONE : walk_kind(w, value);
	if (k == K_IDENT || k == K_MEMBER)
		return js_path(w, value, NULL);
	if (k != K_NEW && k != K_CALL)
		return NULL;
	if (k == K_CALL) {
		const char *mod = require_module(w, value);
		if (mod != NULL)
			return mod;
	}
	TSNode callee = field(
		w, value, k == K_CALL ? JS(w)->function : JS(w)->constructor);
	const char *p =
		ts_node_is_null(callee) ? NULL : js_path(w, callee, NULL);
	return p ? arena_join(&w->f->arena, p, "()", NULL) : NULL;
}

/* A class field (`svc = new Svc()`, TypeScript's `private svc: Svc`):
 * what `this.<name>` holds. A field whose value is a function is a
 * method, not an attribute. */
static void
enter_field(struct walk *w, TSNode node, uint8_t kind)
{
	TSNode name = field(w, node,
			    kind == K_FIELD_DEFINITION ? JS(w)->property
						       : JS(w)->name);
	if (ts_node_is_null(name) || walk_kind(w, name) != K_PROPERTY_IDENT)
		return;
	const char *path = value_target(w, field(w, node, JS(w)->value));
	if (path == NULL && ts_node_is_null(field(w, node, JS(w)->value))) {
		enum sf_binding_kind bk;
		path = type_target(w, field(w, node, JS(w)->type), &bk);
	}
	add_attr(w, walk_text(w, name), path, w->fn, node);
}

/* `this.x = value` in a constructor: what `this.x` holds in the class's
 * methods. */
static void
enter_this_assignment(struct walk *w, TSNode left, TSNode right)
{
	if (w->fn < 0 || w->cls < 0 || walk_kind(w, left) != K_MEMBER ||
	    walk_kind(w, field(w, left, JS(w)->object)) != K_THIS)
		return;
	const struct sf_function *fn = &w->f->functions.v[w->fn];
	const char *dot = strrchr(fn->name, '.');
	if (!(fn->flags & SF_FN_METHOD) || dot == NULL ||
	    strcmp(dot + 1, "constructor") != 0 || fn->class_index != w->cls)
		return;
	add_attr(w, walk_text(w, field(w, left, JS(w)->property)),
		 value_target(w, right), w->fn, right);
}

/* --- bindings ----------------------------------------------------------- */

static void
bind_pattern_member(struct walk *w, TSNode pattern, const char *base,
		    bool is_import, enum sf_binding_kind kind)
{
	/* `{ a, b: c }` taken from base: a -> base.a, c -> base.b. One level:
	 * deeper destructuring is rare for modules. */
	uint32_t n = ts_node_named_child_count(pattern);
	for (uint32_t i = 0; i < n; i++) {
		TSNode c = ts_node_named_child(pattern, i);
		uint8_t k = walk_kind(w, c);
		const char *local = NULL, *member = NULL;
		if (k == K_SHORTHAND_PATTERN) {
			local = member = walk_text(w, c);
		} else if (k == K_PAIR_PATTERN) {
			TSNode key = field(w, c, JS(w)->key),
			       value = field(w, c, JS(w)->value);
			if (walk_kind(w, value) == K_ASSIGNMENT_PATTERN)
				value = field(w, value, JS(w)->left);
			if (walk_kind(w, value) != K_IDENT)
				continue;
			local = walk_text(w, value);
			member = walk_text(w, key);
		} else if (k == K_ASSIGNMENT_PATTERN) {
			TSNode left = field(w, c, JS(w)->left);
			if (walk_kind(w, left) != K_SHORTHAND_PATTERN &&
			    walk_kind(w, left) != K_IDENT)
				continue;
			local = member = walk_text(w, left);
		} else {
			continue;
		}
		const char *target =
			base ? arena_join(&w->f->arena, base, ".", member, NULL)
			     : NULL;
		walk_add_binding(w, base ? kind : SF_BIND_LOCAL, local, target,
				 w->fn, c, is_import);
	}
}

/* Is name one of the module's names for its exports (`module.exports`,
 * `exports`, or a module-level alias of them)? */
static bool
names_exports(const struct walk *w, const char *name)
{
	const struct js_state *st = w->user;
	if (strcmp(name, "module.exports") == 0 || strcmp(name, "exports") == 0)
		return true;
	for (uint32_t i = 0; i < st->exports_aliases.n; i++)
		if (strcmp(st->exports_aliases.v[i], name) == 0)
			return true;
	return false;
}

/* What a property is set to, as a path the resolver understands: a name
 * or member path, `require(mod)`, or `X()` for a call or `new` of X; NULL
 * for anything else. */
static const char *
prop_value(struct walk *w, TSNode value)
{
	if (walk_kind(w, value) == K_CALL && require_module(w, value) != NULL)
		return require_head(w, value);
	return value_target(w, value);
}

static void
add_prop(struct walk *w, const char *object, const char *member, TSNode value)
{
	const char *v = prop_value(w, value);
	if (v == NULL)
		return;
	struct sf_prop *p = VEC_PUSH(w->f->props);
	p->object = object;
	p->member = member;
	p->value = v;
	p->scope = w->fn;
	p->pos = ts_node_start_byte(value);
}

/* `const r = { fs: fs, load }` at module level: r's properties. */
static void
object_props(struct walk *w, const char *object, TSNode literal)
{
	uint32_t n = ts_node_named_child_count(literal);
	for (uint32_t i = 0; i < n; i++) {
		TSNode c = ts_node_named_child(literal, i);
		uint8_t k = walk_kind(w, c);
		if (k == K_SHORTHAND_PROPERTY) {
			add_prop(w, object, walk_text(w, c), c);
		} else if (k == K_PAIR) {
			TSNode key = field(w, c, JS(w)->key);
			uint8_t kk = walk_kind(w, key);
			const char *kn = kk == K_STRING ? string_value(w, key)
							: walk_text(w, key);
			if (kn != NULL)
				add_prop(w, object, kn,
					 field(w, c, JS(w)->value));
		}
	}
}

/* `cachedHtml = fs.readFileSync(...)`, `this._cache = ...`, `cache[key] =
 * ...` in a function: it keeps what it computes in a name or container
 * named as a cache (SF_FN_CACHES), so what it reads it reads once, not on
 * every call (`if (cachedHtml) return cachedHtml;` before). */
static void
note_cache_store(struct walk *w, TSNode left)
{
	if (w->fn < 0 || ts_node_is_null(left))
		return;
	uint8_t k = walk_kind(w, left);
	if (k == K_SUBSCRIPT) {
		left = field(w, left, JS(w)->object);
		k = ts_node_is_null(left) ? K_NONE : walk_kind(w, left);
	}
	if (k == K_MEMBER) {
		left = field(w, left, JS(w)->property);
		k = ts_node_is_null(left) ? K_NONE : K_IDENT;
	}
	if (k != K_IDENT)
		return;
	for (const char *p = walk_text(w, left); *p != '\0'; p++)
		if (strncasecmp(p, "cache", 5) == 0) {
			w->f->functions.v[w->fn].flags |= SF_FN_CACHES;
			return;
		}
}

/* `x.y = value` where x is a plain name other than the module's exports:
 * a property of x (of another module when x is one it imports). */
static void
member_prop(struct walk *w, TSNode left, TSNode right)
{
	if (walk_kind(w, left) != K_MEMBER || ts_node_is_null(right))
		return;
	TSNode obj = field(w, left, JS(w)->object);
	TSNode prop = field(w, left, JS(w)->property);
	if (walk_kind(w, obj) != K_IDENT || ts_node_is_null(prop))
		return;
	const char *object = walk_text(w, obj);
	if (strcmp(object, "module") == 0 || names_exports(w, object))
		return;
	add_prop(w, object, walk_text(w, prop), right);
}

/* Binds the names a declarator or assignment introduces: `name = value`. */
static void bind_names(struct walk *w, TSNode name, TSNode value,
		       bool is_const);

static void
bind_assignment(struct walk *w, TSNode name, TSNode value, bool is_const)
{
	uint32_t first = w->f->bindings.n;
	bind_names(w, name, value, is_const);
	if (w->f->bindings.n > first && !ts_node_is_null(value))
		set_origins(w, first, origin_of(w, value));
}

static void
bind_names(struct walk *w, TSNode name, TSNode value, bool is_const)
{
	uint8_t nk = walk_kind(w, name);
	if (nk != K_IDENT && nk != K_OBJECT_PATTERN)
		return;
	uint8_t vk = ts_node_is_null(value) ? K_NONE : walk_kind(w, value);
	const char *mod = vk == K_CALL ? require_module(w, value) : NULL;
	if (vk == K_AWAIT) {
		/* `const { x } = await import('mod')` */
		TSNode inner = ts_node_named_child(value, 0);
		if (walk_kind(w, inner) == K_CALL)
			mod = require_module(w, inner);
	}
	if (mod != NULL) {
		if (nk == K_IDENT)
			walk_add_binding(w, SF_BIND_MODULE, walk_text(w, name),
					 mod, w->fn, name, true);
		else
			bind_pattern_member(w, name, mod, true, SF_BIND_MEMBER);
		return;
	}
	const char *path = NULL;
	enum sf_binding_kind kind = SF_BIND_LOCAL;
	if (vk == K_AWAIT) {
		/* `const s = await load()`: what load's promise resolves to,
		 * which its declared type says (`Promise<Settings>`). */
		TSNode inner = ts_node_named_child(value, 0);
		uint8_t ik =
			ts_node_is_null(inner) ? K_NONE : walk_kind(w, inner);
		if (ik == K_CALL) {
			value = inner;
			vk = ik;
		}
	}
	if (vk == K_MEMBER || vk == K_IDENT || vk == K_THIS) {
		/* `const self = this` too: an alias of the instance. */
		path = js_path(w, value, NULL);
		kind = SF_BIND_ALIAS;
	} else if (vk == K_CALL || vk == K_NEW) {
		TSNode callee = field(w, value,
				      vk == K_CALL ? JS(w)->function
						   : JS(w)->constructor);
		const char *p = ts_node_is_null(callee)
					? NULL
					: js_path(w, callee, NULL);
		if (p != NULL) {
			path = arena_join(&w->f->arena, p, "()", NULL);
			kind = SF_BIND_INSTANCE;
		}
	}
	if (nk == K_OBJECT_PATTERN) {
		bind_pattern_member(w, name, path, false, SF_BIND_ALIAS);
		return;
	}
	const char *local = walk_text(w, name);
	if (w->fn < 0 && path != NULL && names_exports(w, path)) {
		struct js_state *st = w->user;
		*VEC_PUSH(st->exports_aliases) = local;
	}
	if (w->fn < 0 && vk == K_OBJECT)
		object_props(w, local, value);
	double v;
	if (is_const && vk != K_NONE &&
	    walk_const_eval(w, value, &JS(w)->consts, &v)) {
		struct sf_constant *c = VEC_PUSH(w->f->constants);
		c->name = local;
		c->scope = w->fn;
		c->value = v;
	}
	walk_add_binding(w, path ? kind : SF_BIND_LOCAL, local, path, w->fn,
			 name, false);
}

/* `let`/`const` bindings made since index first live in the block around
 * the declaration (a statement block or a for loop's header and body). */
static void
limit_to_block(struct walk *w, uint32_t first)
{
	TSNode block = walk_ancestor(w, 2);
	uint8_t k = walk_kind(w, block);
	if (k != K_STATEMENT_BLOCK && k != K_FOR && k != K_FOR_IN)
		return;
	uint32_t s = ts_node_start_byte(block), e = ts_node_end_byte(block);
	for (uint32_t i = first; i < w->f->bindings.n; i++) {
		w->f->bindings.v[i].valid_start = s;
		w->f->bindings.v[i].valid_end = e;
	}
}

/* TypeScript's `import fs = require('fs')`. */
static void
enter_import_require(struct walk *w, TSNode clause)
{
	TSNode id = ts_node_named_child(clause, 0);
	const char *spec = string_value(w, field(w, clause, JS(w)->source));
	if (spec == NULL || walk_kind(w, id) != K_IDENT)
		return;
	walk_add_binding(w, SF_BIND_MODULE, walk_text(w, id),
			 facts_module_name(w->f, spec), -1, id, true);
}

static void
enter_import(struct walk *w, TSNode node)
{
	w->f->flags |= SF_FILE_ESM;
	/* `import type { T } from './t'` binds types only. */
	if (walk_has_token(node, "type", 2))
		return;
	TSNode first = ts_node_named_child(node, 0);
	if (walk_kind(w, first) == K_IMPORT_REQUIRE_CLAUSE) {
		enter_import_require(w, first);
		return;
	}
	const char *spec = string_value(w, field(w, node, JS(w)->source));
	if (spec == NULL)
		return;
	const char *mod = facts_module_name(w->f, spec);
	uint32_t n = ts_node_named_child_count(node);
	for (uint32_t i = 0; i < n; i++) {
		TSNode clause = ts_node_named_child(node, i);
		if (walk_kind(w, clause) != K_IMPORT_CLAUSE)
			continue;
		uint32_t m = ts_node_named_child_count(clause);
		for (uint32_t j = 0; j < m; j++) {
			TSNode c = ts_node_named_child(clause, j);
			uint8_t k = walk_kind(w, c);
			if (k == K_IDENT) {
				/* Default import: for Node's built-in modules
				 * the default export is the module. */
				walk_add_binding(w, SF_BIND_MODULE,
						 walk_text(w, c), mod, -1, c,
						 true);
			} else if (k == K_NAMESPACE_IMPORT) {
				TSNode id = ts_node_named_child(c, 0);
				if (!ts_node_is_null(id))
					walk_add_binding(w, SF_BIND_MODULE,
							 walk_text(w, id), mod,
							 -1, c, true);
			} else if (k == K_NAMED_IMPORTS) {
				uint32_t s = ts_node_named_child_count(c);
				for (uint32_t q = 0; q < s; q++) {
					TSNode spec_node =
						ts_node_named_child(c, q);
					if (walk_kind(w, spec_node) !=
						    K_IMPORT_SPECIFIER ||
					    walk_has_token(spec_node, "type",
							   1))
						continue;
					TSNode nm = field(w, spec_node,
							  JS(w)->name);
					TSNode al = field(w, spec_node,
							  JS(w)->alias);
					const char *member = walk_text(w, nm);
					const char *local =
						ts_node_is_null(al)
							? member
							: walk_text(w, al);
					walk_add_binding(
						w, SF_BIND_MEMBER, local,
						arena_join(&w->f->arena, mod,
							   ".", member, NULL),
						-1, spec_node, true);
				}
			}
		}
	}
}

/* `let svc: Svc;` (TypeScript): with no value, the type says what the
 * name holds. first is the binding bind_assignment made, value the
 * declarator's. */
static void
bind_declared_type(struct walk *w, TSNode declarator, TSNode value,
		   uint32_t first)
{
	if (!ts_node_is_null(value))
		return;
	TSNode type = field(w, declarator, JS(w)->type);
	if (ts_node_is_null(type) || w->f->bindings.n != first + 1 ||
	    w->f->bindings.v[first].kind != SF_BIND_LOCAL)
		return;
	enum sf_binding_kind kind;
	const char *target = type_target(w, type, &kind);
	if (target != NULL) {
		w->f->bindings.v[first].kind = kind;
		w->f->bindings.v[first].target = target;
	}
}

/* A decorator (`@Get(':id')`, `@Controller('users')`): recorded with its
 * name as written (js_resolve resolves it) and its call. A method's is
 * attached to it: JavaScript's grammar puts it in the method, TypeScript's
 * before the member in the class body (enter_function attaches those to a
 * method that follows). A class's and a parameter's keep no function. */
static void
enter_decorator(struct walk *w, TSNode node)
{
	struct js_state *st = w->user;
	struct sf_decorator *d = VEC_PUSH(w->f->decorators);
	d->function = -1;
	d->call = -1;
	TSNode e = ts_node_named_child(node, 0);
	if (walk_kind(w, e) == K_CALL) {
		d->call = (int32_t)w->f->calls.n; /* entered next */
		e = field(w, e, JS(w)->function);
	}
	d->name = ts_node_is_null(e) ? NULL : js_path(w, e, NULL);
	if (d->name == NULL)
		d->name = walk_text(w, node);
	uint8_t pk = walk_ancestor_kind(w, 1);
	if (pk == K_METHOD) {
		/* JavaScript's grammar puts them in the method. */
		d->function = w->fn;
		w->f->functions.v[w->fn].flags |= SF_FN_DECORATED;
		return;
	}
	if (pk == K_CLASS_BODY && !st->decorators_open) {
		st->decorators_pending = w->f->decorators.n - 1;
		st->decorators_open = true;
	}
}

/* --- exports ------------------------------------------------------------ */

/* Records an export; a NULL local with no from means "the function literal
 * at span", matched to its function after the walk (js_link_exports). */
static void
add_export(struct walk *w, const char *name, const char *local,
	   const char *from, TSNode at)
{
	struct sf_export *e = VEC_PUSH(w->f->exports);
	e->name = name;
	e->local = local;
	e->from = from;
	e->function = -1;
	e->span = walk_span(at);
}

/* The value of an exported name: a path (`helper`, `lib.helper`) as local,
 * `require('./x')` as a re-export of everything, else the literal itself. */
static void
export_value(struct walk *w, const char *name, TSNode value)
{
	uint8_t k = walk_kind(w, value);
	if (k == K_IDENT || k == K_MEMBER) {
		const char *path = js_path(w, value, NULL);
		if (path != NULL)
			add_export(w, name, path, NULL, value);
		return;
	}
	if (k == K_CALL) {
		const char *mod = require_module(w, value);
		if (mod != NULL)
			add_export(w, name, "*", mod, value);
		return;
	}
	/* `export default new Storage()`: an instance, whose members are the
	 * class's methods (`storage.store` is `Storage.store`). */
	if (k == K_NEW) {
		TSNode ctor = field(w, value, JS(w)->constructor);
		uint8_t ck =
			ts_node_is_null(ctor) ? K_NONE : walk_kind(w, ctor);
		const char *path = ck == K_IDENT || ck == K_MEMBER
					   ? js_path(w, ctor, NULL)
					   : NULL;
		if (path != NULL)
			add_export(w, name, path, NULL, value);
		return;
	}
	/* `module.exports = class Client extends Base {...}`: the class,
	 * by the name its methods carry. */
	if (k == K_CLASS) {
		TSNode cname = field(w, value, JS(w)->name);
		if (!ts_node_is_null(cname))
			add_export(w, name, walk_text(w, cname), NULL, value);
		return;
	}
	if (is_function_kind(k))
		add_export(w, name, NULL, NULL, value);
}

/* `Meta.x` where Meta is a module-level alias of the module's exports:
 * "x"; else NULL. */
static const char *
alias_member(struct walk *w, const char *path)
{
	const char *dot = strchr(path, '.');
	if (dot == NULL || dot == path)
		return NULL;
	const char *head =
		arena_strndup(&w->f->arena, path, (size_t)(dot - path));
	return names_exports(w, head) ? dot + 1 : NULL;
}

/* `module.exports = …`, `exports.x = …`, `module.exports.x = …`,
 * `Meta.x = …` with `const Meta = module.exports`. */
static void
enter_exports_assignment(struct walk *w, TSNode left, TSNode right)
{
	if (w->fn >= 0 || ts_node_is_null(right))
		return;
	const char *path = js_path(w, left, NULL);
	if (path == NULL)
		return;
	const char *member = NULL;
	if (strcmp(path, "module.exports") == 0)
		member = "";
	else if (strncmp(path, "module.exports.", 15) == 0)
		member = path + 15;
	else if (strncmp(path, "exports.", 8) == 0)
		member = path + 8;
	else
		member = alias_member(w, path);
	if (member == NULL)
		return;
	if (*member != '\0') {
		export_value(w, member, right);
		return;
	}
	if (walk_kind(w, right) != K_OBJECT) {
		export_value(w, "default", right);
		return;
	}
	/* `module.exports = { a, b: helper, c() {}, ...require('./x') }` */
	uint32_t n = ts_node_named_child_count(right);
	for (uint32_t i = 0; i < n; i++) {
		TSNode c = ts_node_named_child(right, i);
		uint8_t k = walk_kind(w, c);
		if (k == K_SHORTHAND_PROPERTY) {
			const char *id = walk_text(w, c);
			add_export(w, id, id, NULL, c);
		} else if (k == K_PAIR) {
			TSNode key = field(w, c, JS(w)->key);
			uint8_t kk = walk_kind(w, key);
			const char *kn = kk == K_STRING ? string_value(w, key)
							: walk_text(w, key);
			if (kn != NULL)
				export_value(w, kn, field(w, c, JS(w)->value));
		} else if (k == K_METHOD) {
			TSNode key = field(w, c, JS(w)->name);
			if (!ts_node_is_null(key))
				add_export(w, walk_text(w, key), NULL, NULL, c);
		} else if (k == K_SPREAD) {
			TSNode v = ts_node_named_child(c, 0);
			const char *mod = ts_node_is_null(v)
						  ? NULL
						  : require_module(w, v);
			if (mod != NULL)
				add_export(w, "*", "*", mod, c);
		}
	}
}

/* `export …` (ESM). */
static void
enter_export(struct walk *w, TSNode node)
{
	w->f->flags |= SF_FILE_ESM;
	/* `export type { T } from './t'` exports types only. */
	if (walk_has_token(node, "type", 2))
		return;
	/* TypeScript's `export = handler` is `module.exports = handler`. */
	if (walk_has_token(node, "=", 2)) {
		TSNode value = ts_node_named_child(node, 0);
		if (!ts_node_is_null(value))
			export_value(w, "default", value);
		return;
	}
	TSNode src = field(w, node, JS(w)->source);
	const char *from = NULL;
	if (!ts_node_is_null(src)) {
		const char *spec = string_value(w, src);
		if (spec == NULL)
			return;
		from = facts_module_name(w->f, spec);
	}
	bool is_default = walk_has_token(node, "default", 3);
	TSNode decl = field(w, node, JS(w)->declaration);
	if (!ts_node_is_null(decl)) {
		uint8_t k = walk_kind(w, decl);
		TSNode name = field(w, decl, JS(w)->name);
		if (k == K_LEXICAL_DECLARATION || k == K_VARIABLE_DECLARATION) {
			uint32_t n = ts_node_named_child_count(decl);
			for (uint32_t i = 0; i < n; i++) {
				TSNode d = ts_node_named_child(decl, i);
				TSNode id = field(w, d, JS(w)->name);
				if (walk_kind(w, d) == K_VAR_DECLARATOR &&
				    walk_kind(w, id) == K_IDENT) {
					const char *nm = walk_text(w, id);
					add_export(w, nm, nm, NULL, id);
				}
			}
		} else if (!ts_node_is_null(name)) {
			const char *nm = walk_text(w, name);
			add_export(w, is_default ? "default" : nm, nm, NULL,
				   decl);
		} else if (is_default) {
			add_export(w, "default", NULL, NULL, decl);
		}
		return;
	}
	TSNode value = field(w, node, JS(w)->value);
	if (!ts_node_is_null(value)) {
		export_value(w, "default", value);
		return;
	}
	bool clause = false;
	uint32_t n = ts_node_named_child_count(node);
	for (uint32_t i = 0; i < n; i++) {
		TSNode c = ts_node_named_child(node, i);
		if (walk_kind(w, c) != K_EXPORT_CLAUSE)
			continue;
		clause = true;
		uint32_t m = ts_node_named_child_count(c);
		for (uint32_t j = 0; j < m; j++) {
			TSNode sp = ts_node_named_child(c, j);
			if (walk_kind(w, sp) != K_EXPORT_SPECIFIER)
				continue;
			TSNode nm = field(w, sp, JS(w)->name),
			       al = field(w, sp, JS(w)->alias);
			const char *local = string_value(w, nm);
			if (local == NULL)
				local = walk_text(w, nm);
			const char *exported =
				ts_node_is_null(al) ? local : walk_text(w, al);
			add_export(w, exported, local, from, sp);
		}
	}
	if (!clause && from != NULL)
		add_export(w, "*", "*", from, node); /* export * from './x' */
}

/* Exports of function literals: find each one's function (functions are in
 * pre-order, so their start bytes are sorted). */
static void
link_exports(struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->exports.n; i++) {
		struct sf_export *e = &f->exports.v[i];
		if (e->local != NULL || e->from != NULL)
			continue;
		uint32_t lo = 0, hi = f->functions.n;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (f->functions.v[mid].span.start < e->span.start)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < f->functions.n &&
		    f->functions.v[lo].span.start == e->span.start)
			e->function = (int32_t)lo;
	}
}

/* --- functions ---------------------------------------------------------- */

/* A name for a function from where it stands: `const h = () => {}`,
 * `exports.h = function () {}`, `{ h: () => {} }`, `h = async () => {}`
 * as a class field, for the node being entered. NULL when it has none. */
static const char *
contextual_name(struct walk *w)
{
	TSNode parent = walk_ancestor(w, 1);
	switch (walk_ancestor_kind(w, 1)) {
	case K_VAR_DECLARATOR: {
		TSNode n = field(w, parent, JS(w)->name);
		return walk_kind(w, n) == K_IDENT ? walk_text(w, n) : NULL;
	}
	case K_ASSIGNMENT: {
		TSNode left = field(w, parent, JS(w)->left);
		return js_path(w, left, NULL);
	}
	case K_PAIR:
		return walk_text(w, field(w, parent, JS(w)->key));
	case K_FIELD_DEFINITION:
		return walk_text(w, field(w, parent, JS(w)->property));
	case K_PUBLIC_FIELD_DEFINITION:
		return walk_text(w, field(w, parent, JS(w)->name));
	default:
		return NULL;
	}
}

/* For a function that is a member of an object literal (`{ ping() {} }`,
 * `{ ping: () => {} }`), the name the object is stored under (`handlers`,
 * `module.exports`), so the function is `handlers.ping`; else NULL. */
static const char *
object_owner(struct walk *w, uint8_t kind)
{
	uint32_t up = kind == K_METHOD ? 1 : 2;
	if (kind != K_METHOD && walk_ancestor_kind(w, 1) != K_PAIR)
		return NULL;
	if (walk_kind(w, walk_ancestor(w, up)) != K_OBJECT)
		return NULL;
	TSNode holder = walk_ancestor(w, up + 1);
	switch (walk_kind(w, holder)) {
	case K_VAR_DECLARATOR: {
		TSNode n = field(w, holder, JS(w)->name);
		return walk_kind(w, n) == K_IDENT ? walk_text(w, n) : NULL;
	}
	case K_ASSIGNMENT:
		return js_path(w, field(w, holder, JS(w)->left), NULL);
	default:
		return NULL;
	}
}

/* Binds the parameters of the function being entered (index scope) and
 * records their names, in order, for the sync-callback analysis. */
static void
bind_parameters(struct walk *w, TSNode fn_node, int32_t scope)
{
	struct js_state *st = w->user;
	struct fn_extra *fx = &st->fx.v[scope];
	fx->param0 = st->params.n;
	TSNode single =
		first_field_if(w, fn_node, JS(w)->parameter, first_is_ident);
	struct sf_origin param = {
		.kind = SF_ORIGIN_PARAM, .fn = scope, .call = -1};
	if (!ts_node_is_null(single)) {
		const char *name = walk_text(w, single);
		uint32_t first = w->f->bindings.n;
		walk_add_binding(w, SF_BIND_LOCAL, name, NULL, scope, single,
				 false);
		set_origins(w, first, param);
		add_param(st, VEC_PUSH(st->params), name);
		st->fx.v[scope].nparams = 1;
		return;
	}
	TSNode params =
		first_field_if(w, fn_node, JS(w)->parameters, first_is_params);
	uint32_t n =
		ts_node_is_null(params) ? 0 : ts_node_named_child_count(params);
	for (uint32_t i = 0; i < n; i++) {
		TSNode p = ts_node_named_child(params, i);
		uint8_t k = walk_kind(w, p);
		if (k == K_COMMENT)
			continue;
		TSNode type = {0};
		bool property = false;
		if (k == K_REQUIRED_PARAMETER || k == K_OPTIONAL_PARAMETER) {
			/* TypeScript: `name: Type = default`, and a
			 * constructor's `private readonly svc: Svc`, which is
			 * also a property of the instance. */
			type = field(w, p, JS(w)->type);
			property = ts_node_named_child_count(p) > 0 &&
				   (walk_kind(w, ts_node_named_child(p, 0)) ==
					    K_ACCESSIBILITY_MODIFIER ||
				    walk_has_token(p, "readonly", 2));
			p = field(w, p, JS(w)->pattern);
			k = walk_kind(w, p);
		}
		bool rest = k == K_REST_PATTERN;
		if (k == K_ASSIGNMENT_PATTERN) {
			/* A numeric default is a bound as good as a
			 * constant (`runs = 20000`). */
			double v;
			TSNode left = field(w, p, JS(w)->left);
			if (walk_kind(w, left) == K_IDENT &&
			    walk_const_eval(w, field(w, p, JS(w)->right),
					    &JS(w)->consts, &v)) {
				struct sf_constant *c =
					VEC_PUSH(w->f->constants);
				c->name = walk_text(w, left);
				c->scope = scope;
				c->value = v;
			}
			p = left;
			k = walk_kind(w, p);
		} else if (rest) {
			p = ts_node_named_child(p, 0);
			k = walk_kind(w, p);
		}
		struct js_param *slot = VEC_PUSH(st->params);
		uint32_t first = w->f->bindings.n;
		uint32_t pos = st->params.n - 1 - fx->param0;
		param.param = (int8_t)(pos < 127 ? pos : 127);
		if (k == K_IDENT) {
			const char *name = walk_text(w, p);
			enum sf_binding_kind bk = SF_BIND_LOCAL;
			const char *target =
				rest || ts_node_is_null(type)
					? NULL
					: type_target(w, type, &bk);
			walk_add_binding(w, target ? bk : SF_BIND_LOCAL, name,
					 target, scope, p, false);
			if (property)
				add_attr(w, name, target, scope, p);
			if (!rest)
				add_param(st, slot, name);
		} else if (k == K_OBJECT_PATTERN) {
			int32_t saved = w->fn;
			w->fn = scope;
			bind_pattern_member(w, p, NULL, false, SF_BIND_LOCAL);
			w->fn = saved;
		}
		set_origins(w, first, param);
	}
	st->fx.v[scope].nparams = st->params.n - st->fx.v[scope].param0;
}

/* The position of the parameter of function fn named name (len bytes),
 * or -1. */
static int32_t
param_position(const struct walk *w, int32_t fn, const char *name, uint32_t len)
{
	const struct js_state *st = w->user;
	const struct fn_extra *fx = &st->fx.v[fn];
	for (uint32_t i = 0; i < fx->nparams; i++) {
		const struct js_param *p = &st->params.v[fx->param0 + i];
		if (p->len == len && p->name != NULL &&
		    memcmp(p->name, name, len) == 0)
			return (int32_t)i;
	}
	return -1;
}

/* What a parameter's member is: `cb.bind`, `cb.call` or `cb.apply`, or
 * another property. */
enum member_method { METHOD_OTHER, METHOD_BIND, METHOD_CALL };

static inline bool
ascii_ident_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$';
}

static enum member_method
method_named(const char *s, size_t n)
{
	if (n == 4 && memcmp(s, "bind", 4) == 0)
		return METHOD_BIND;
	if ((n == 4 && memcmp(s, "call", 4) == 0) ||
	    (n == 5 && memcmp(s, "apply", 5) == 0))
		return METHOD_CALL;
	return METHOD_OTHER;
}

/* The method of member, whose object ends at byte end. A property written
 * right after the dot (`cb.call`) is read from the text: it is the name
 * there, up to the first byte no name has; another (`cb?.call`, `cb.
 * call`, `cb.#x`, a name with escapes or letters beyond ASCII) is looked
 * up. */
static enum member_method
member_method(struct walk *w, TSNode member, uint32_t end)
{
	const char *src = w->src;
	if (end < w->len && src[end] == '.') {
		uint32_t r = end + 1;
		while (r < w->len && ascii_ident_byte(src[r]))
			r++;
		if (r > end + 1 &&
		    (r == w->len ||
		     ((unsigned char)src[r] < 0x80 && src[r] != '\\'))) {
			enum member_method m =
				method_named(src + end + 1, r - end - 1);
			return m;
		}
	}
	TSNode prop = field(w, member, JS(w)->property);
	uint32_t a = ts_node_start_byte(prop), b = ts_node_end_byte(prop);
	return b <= w->len ? method_named(src + a, b - a) : METHOD_OTHER;
}

/* An identifier being entered (bytes start to end) that may name a
 * parameter: is it called right here
 * (`cb()`, `cb.call(...)`), passed on or stored (it escapes), or only
 * tested (`if (cb)`, `typeof cb`)? A use inside a nested function lets the
 * parameter escape: it may be called later. */
static void
note_param_use(struct walk *w, uint32_t start, uint32_t end)
{
	struct js_state *st = w->user;
	int32_t fn = w->fn, pos = -1;
	uint32_t h = param_bit(w->src + start, end - start);
	if (!(st->param_names[h / 64] & (1ull << (h % 64))))
		return; /* no parameter's name */
	for (int level = 0; fn >= 0 && level < JS_PARAM_SCOPES; level++) {
		pos = param_position(w, fn, w->src + start, end - start);
		if (pos >= 0)
			break;
		fn = w->f->functions.v[fn].parent;
	}
	if (fn < 0 || pos < 0 || pos >= 32)
		return;
	uint32_t bit = 1u << pos;
	if (fn != w->fn) {
		st->fx.v[fn].escapes |= bit;
		return;
	}
	TSNode parent = walk_ancestor(w, 1);
	switch (walk_ancestor_kind(w, 1)) {
	case K_FORMAL_PARAMETERS:
	case K_ARROW:
	case K_ASSIGNMENT_PATTERN:
	case K_REST_PATTERN:
	case K_REQUIRED_PARAMETER:
	case K_OPTIONAL_PARAMETER:
		return; /* the declaration itself */
	case K_CALL:
		if (walk_field_id(w) == JS(w)->function)
			st->fx.v[fn].called |= bit;
		else
			st->fx.v[fn].escapes |= bit;
		return;
	case K_MEMBER: {
		enum member_method m = member_method(w, parent, end);
		if (m == METHOD_BIND) {
			st->fx.v[fn].escapes |= bit;
		} else if (m == METHOD_CALL) {
			TSNode call = walk_ancestor(w, 2);
			if (walk_kind(w, call) == K_CALL &&
			    ts_node_start_byte(
				    field(w, call, JS(w)->function)) == start)
				st->fx.v[fn].called |= bit;
		}
		return;
	}
	case K_UNARY:
	case K_BINARY:
	case K_PARENTHESIZED:
	case K_EXPRESSION_STATEMENT:
		return;
	default:
		st->fx.v[fn].escapes |= bit;
		return;
	}
}

/* Is the function being entered called right where it is defined:
 * `(function () {})()`, `!function () {}()`, `(() => {}).call(this)`? */
static bool
is_iife(struct walk *w, TSNode node)
{
	uint32_t up = 1;
	TSNode inner = node;
	if (walk_ancestor_kind(w, 1) == K_PARENTHESIZED) {
		inner = walk_ancestor(w, 1);
		up = 2;
	}
	TSNode outer = walk_ancestor(w, up);
	uint8_t k = walk_kind(w, outer);
	if (k == K_CALL)
		return ts_node_start_byte(field(w, outer, JS(w)->function)) ==
			       ts_node_start_byte(inner) &&
		       ts_node_end_byte(field(w, outer, JS(w)->function)) ==
			       ts_node_end_byte(inner);
	if (k != K_MEMBER ||
	    ts_node_start_byte(field(w, outer, JS(w)->object)) !=
		    ts_node_start_byte(inner))
		return false;
	TSNode prop = field(w, outer, JS(w)->property);
	return (walk_text_is(w, prop, "call") ||
		walk_text_is(w, prop, "apply")) &&
	       walk_kind(w, walk_ancestor(w, up + 1)) == K_CALL;
}

/* For a function that is a member of an object literal passed directly as
 * an argument (`route({ handler(req) {} })`, `f({ cb: () => {} })`): the
 * argument's position in the current call, else -1. */
static int32_t
object_argument(struct walk *w, uint8_t kind)
{
	uint32_t up = kind == K_METHOD ? 1 : 2;
	if (kind != K_METHOD && walk_ancestor_kind(w, 1) != K_PAIR)
		return -1;
	TSNode obj = walk_ancestor(w, up);
	if (walk_kind(w, obj) != K_OBJECT ||
	    walk_kind(w, walk_ancestor(w, up + 1)) != K_ARGUMENTS ||
	    w->call < 0)
		return -1;
	const struct sf_call *c = &w->f->calls.v[w->call];
	for (uint32_t i = 0; i < c->nargs; i++)
		if (w->f->args.v[c->arg0 + i].span.start ==
		    ts_node_start_byte(obj))
			return (int32_t)i;
	return -1;
}

static void
enter_function(struct walk *w, TSNode node, uint8_t kind)
{
	struct js_state *st = w->user;
	int32_t parent_scope = w->fn;
	int32_t idx = walk_add_function(w, node);
	VEC_PUSH(st->fx);
	struct sf_function *fn = &w->f->functions.v[idx];
	TSNode name = kind == K_METHOD ? first_field_if(w, node, JS(w)->name,
							first_is_name)
				       : field(w, node, JS(w)->name);
	const char *nm = NULL;
	uint8_t pk = walk_ancestor_kind(w, 1);
	if (!ts_node_is_null(name)) {
		nm = walk_text(w, name);
		fn->name_span = walk_span(name);
		if (walk_kind(w, name) == K_IDENT)
			fn->flags |= SF_FN_NAME_IDENT;
	} else {
		nm = contextual_name(w);
		if (nm != NULL && pk == K_VAR_DECLARATOR)
			fn->flags |= SF_FN_NAME_IDENT;
	}
	if (pk == K_EXPORT ||
	    (pk == K_VAR_DECLARATOR && walk_ancestor_kind(w, 3) == K_EXPORT))
		fn->flags |= SF_FN_EXPORTED;
	if (is_iife(w, node))
		fn->flags |= SF_FN_IIFE;
	if (kind == K_METHOD)
		fn->flags |= SF_FN_METHOD;
	if (nm == NULL) {
		fn->flags |= SF_FN_ANONYMOUS;
		TSNode first = ts_node_child(node, 0);
		fn->name_span = walk_span(first);
	} else if (kind == K_METHOD && w->cls >= 0 &&
		   walk_ancestor_kind(w, 1) != K_OBJECT) {
		fn->name =
			arena_join(&w->f->arena, w->f->classes.v[w->cls].name,
				   ".", nm, NULL);
	} else {
		const char *owner = object_owner(w, kind);
		fn->name =
			owner ? arena_join(&w->f->arena, owner, ".", nm, NULL)
			      : nm;
	}
	/* `async` (and a method's `*`) come before the function's name, or
	 * `async` is the first token of one without a name; TypeScript puts
	 * `public static override` before `async`. */
	uint32_t before = !ts_node_is_null(name) ? ts_node_start_byte(name)
			  : kind == K_METHOD     ? ts_node_end_byte(node)
						 : ts_node_start_byte(node) + 5;
	if (walk_has_token_before(w, node, "async", 6, before))
		fn->flags |= SF_FN_ASYNC;
	add_declared_return(w, idx, parent_scope, node);
	if (kind == K_GENERATOR_DECL || kind == K_GENERATOR_EXPR ||
	    (kind == K_METHOD &&
	     walk_has_token_before(w, node, "*", 7, before)))
		fn->flags |= SF_FN_GENERATOR;
	if (kind == K_METHOD && st->decorators_open && pk == K_CLASS_BODY) {
		for (uint32_t i = st->decorators_pending;
		     i < w->f->decorators.n; i++)
			w->f->decorators.v[i].function = idx;
		st->decorators_open = false;
		fn->flags |= SF_FN_DECORATED;
	}

	/* A function literal passed as an argument of the current call. */
	if (walk_ancestor_kind(w, 1) == K_ARGUMENTS && w->call >= 0) {
		struct sf_call *c = &w->f->calls.v[w->call];
		for (uint32_t i = 0; i < c->nargs; i++) {
			struct sf_arg *a = &w->f->args.v[c->arg0 + i];
			if (a->span.start == fn->span.start) {
				a->function = idx;
				fn->flags |= SF_FN_CALLBACK;
				fn->cb_call = w->call;
				fn->cb_arg = (int32_t)i;
				break;
			}
		}
	} else {
		int32_t arg = object_argument(w, kind);
		if (arg >= 0) {
			fn->flags |= SF_FN_CALLBACK;
			fn->cb_call = w->call;
			fn->cb_arg = arg;
		}
	}
	if ((kind == K_FUNCTION_DECL || kind == K_GENERATOR_DECL) && nm)
		walk_add_binding(w, SF_BIND_LOCAL, nm, NULL, parent_scope, name,
				 false);
	bind_parameters(w, node, idx);
	walk_push(w, WALK_FRAME_FUNCTION, idx);
}

static void
enter_class(struct walk *w, TSNode node, uint8_t kind)
{
	struct sf_class *c = VEC_PUSH(w->f->classes);
	c->span = walk_span(node);
	c->parent_function = w->fn;
	TSNode name = field(w, node, JS(w)->name);
	c->name =
		ts_node_is_null(name) ? contextual_name(w) : walk_text(w, name);
	if (c->name == NULL)
		c->name = "<class>";
	if (kind == K_CLASS_DECL && !ts_node_is_null(name))
		walk_add_binding(w, SF_BIND_LOCAL, c->name, NULL, w->fn, name,
				 false);
	walk_push(w, WALK_FRAME_CLASS, (int32_t)(w->f->classes.n - 1));
}

/* --- calls -------------------------------------------------------------- */

static bool shrinks(struct walk *w, TSNode a, uint8_t k);

/* Sets aside the slots of the arguments of call (its arguments node args):
 * they are recorded as the walk enters them (record_arg), which costs no
 * lookup of each argument (ts_node_named_child walks the children up to
 * it). A comment among them leaves its slot unused, at the end. */
static void
reserve_args(struct walk *w, int32_t call, TSNode args)
{
	struct js_state *st = w->user;
	uint32_t n = ts_node_named_child_count(args);
	w->f->calls.v[call].arg0 = w->f->args.n;
	w->f->calls.v[call].nargs = 0;
	for (uint32_t i = 0; i < n; i++) {
		struct sf_arg *a = VEC_PUSH(w->f->args);
		a->function = -1;
		a->call = -1;
	}
	*VEC_PUSH(st->args_open) =
		(struct open_args){call, ts_node_start_byte(args), n};
}

/* The arguments in an arguments node, comments aside. */
static uint32_t
count_args(struct walk *w, TSNode args)
{
	uint32_t n = ts_node_named_child_count(args), count = 0;
	for (uint32_t i = 0; i < n; i++)
		count +=
			walk_kind(w, ts_node_named_child(args, i)) != K_COMMENT;
	return count;
}

/* For a node being entered: when it is an argument of the current call,
 * records it in the call's next slot. */
static void
record_arg(struct walk *w, TSNode a, uint8_t k)
{
	struct js_state *st = w->user;
	/* Calls entered after the current one are done. */
	while (st->args_open.n > 0 &&
	       st->args_open.v[st->args_open.n - 1].call > w->call)
		st->args_open.n--;
	if (st->args_open.n == 0)
		return;
	const struct open_args *open = &st->args_open.v[st->args_open.n - 1];
	struct sf_call *c = &w->f->calls.v[w->call];
	if (open->call != w->call || c->nargs >= open->reserved ||
	    ts_node_start_byte(walk_ancestor(w, 1)) != open->start)
		return;
	uint32_t slot = c->arg0 + c->nargs++;
	if (shrinks(w, a, k))
		c->flags |= SF_CALL_SHRINKS;
	struct sf_arg *arg = &w->f->args.v[slot];
	*arg = (struct sf_arg){0};
	arg->span = walk_span(a);
	arg->function = -1;
	arg->call = -1;
	const char *path =
		k == K_IDENT || k == K_MEMBER ? js_path(w, a, NULL) : NULL;
	if (k == K_IDENT || k == K_MEMBER || k == K_SUBSCRIPT || k == K_CALL ||
	    k == K_AWAIT) {
		struct sf_origin o = origin_of_path(w, a, path);
		arg = &w->f->args.v[slot];
		arg->origin = o;
	}
	if (k == K_IDENT || k == K_MEMBER) {
		arg->text = path;
		arg->kind = arg->text ? SF_ARG_NAME : SF_ARG_OTHER;
	} else if (is_function_kind(k)) {
		arg->kind = SF_ARG_FUNCTION;
	} else if (k == K_STRING || k == K_TEMPLATE) {
		arg->text = string_value(w, a);
		arg->kind = arg->text ? SF_ARG_STRING : SF_ARG_OTHER;
		/* With escapes: as written, for what a split cuts
		 * on (`'\n'`). */
		if (arg->text == NULL && k == K_STRING)
			arg->text = walk_text(w, a);
	} else if (k == K_NUMBER) {
		arg->kind = SF_ARG_NUMBER;
		arg->text = walk_text(w, a);
	} else if (k == K_CALL || k == K_NEW) {
		arg->kind = SF_ARG_CALL;
	} else if (k == K_REGEX) {
		/* Its text, for what a split cuts on. */
		arg->kind = SF_ARG_OTHER;
		arg->text = walk_text(w, a);
	} else {
		arg->kind = SF_ARG_OTHER;
	}
}

/* `new Date().getTime` as the path `Date().getTime`, the way
 * `Date().getTime` would be written for a call; NULL for anything else. */
static const char *
new_member_path(struct walk *w, TSNode callee)
{
	if (walk_kind(w, callee) != K_MEMBER)
		return NULL;
	TSNode obj = field(w, callee, JS(w)->object),
	       prop = field(w, callee, JS(w)->property);
	if (walk_kind(w, obj) != K_NEW || ts_node_is_null(prop))
		return NULL;
	TSNode ctor = field(w, obj, JS(w)->constructor);
	const char *p = ts_node_is_null(ctor) ? NULL : js_path(w, ctor, NULL);
	if (p == NULL || strlen(p) > WALK_PATH_MAX)
		return NULL;
	return arena_join(&w->f->arena, p, "().", walk_text(w, prop), NULL);
}

/* Does argument a (of kind k) make the problem smaller: arithmetic (`n -
 * 1`, `lo + 1`) or a slice (`s.slice(1)`, `s.substring(1)`)? */
static bool
shrinks(struct walk *w, TSNode a, uint8_t k)
{
	if (k == K_BINARY) {
		const char *op = ts_node_type(field(w, a, JS(w)->operator));
		return strcmp(op, "+") == 0 || strcmp(op, "-") == 0 ||
		       strcmp(op, "*") == 0 || strcmp(op, "/") == 0 ||
		       strcmp(op, ">>") == 0 || strcmp(op, ">>>") == 0;
	}
	if (k == K_CALL) {
		TSNode callee = field(w, a, JS(w)->function);
		if (walk_kind(w, callee) != K_MEMBER)
			return false;
		TSNode prop = field(w, callee, JS(w)->property);
		return walk_text_is(w, prop, "slice") ||
		       walk_text_is(w, prop, "substring") ||
		       walk_text_is(w, prop, "substr");
	}
	return false;
}

static bool
js_is_function_kind(uint8_t k)
{
	return is_function_kind(k) || k == K_PROGRAM;
}

/* Branches of `if`/`else`, `switch` cases, a `try` block and its `catch`,
 * the arms of `c ? a : b` (not the conditions, not `finally`). */
static bool
js_is_arm(struct walk *w, TSNode parent, TSNode child)
{
	switch (walk_kind(w, parent)) {
	case K_IF:
		/* The condition is the parenthesized expression. */
		return walk_kind(w, child) != K_PARENTHESIZED;
	case K_TRY: {
		uint8_t k = walk_kind(w, child);
		return k == K_STATEMENT_BLOCK || k == K_CATCH;
	}
	case K_TERNARY:
		return ts_node_start_byte(child) != ts_node_start_byte(parent);
	default: {
		uint8_t k = walk_kind(w, child);
		return k == K_SWITCH_CASE || k == K_SWITCH_DEFAULT;
	}
	}
}

static const struct walk_arm_desc js_arms = {
	.is_arm = js_is_arm,
	.is_function = js_is_function_kind,
	.return_kind = K_RETURN,
};

/* Does the node's text hold s? (Looked for in the source, not a copy.) */
static bool
text_has(const struct walk *w, TSNode node, const char *s)
{
	ptrdiff_t n = (ptrdiff_t)strlen(s);
	uint32_t b = ts_node_end_byte(node);
	const char *p = w->src + ts_node_start_byte(node),
		   *end = w->src + (b < w->len ? b : w->len);
	while (end - p >= n) {
		p = memchr(p, s[0], (size_t)(end - p - n + 1));
		if (p == NULL)
			return false;
		if (memcmp(p, s, (size_t)n) == 0)
			return true;
		p++;
	}
	return false;
}

/* Is an if's condition true only in development or test runs: a flag
 * the catalogue names (`isDev`, `__DEV__`), or NODE_ENV compared to
 * "development" or "test" (or unequal to "production")? */
static bool
dev_guard(struct walk *w, TSNode cond)
{
	while (walk_kind(w, cond) == K_PARENTHESIZED &&
	       ts_node_named_child_count(cond) == 1)
		cond = ts_node_named_child(cond, 0);
	uint8_t k = walk_kind(w, cond);
	if (k == K_IDENT || k == K_MEMBER) {
		const char *t = walk_text(w, cond);
		const char *dot = strrchr(t, '.');
		return roles_match(SF_FAMILY_JAVASCRIPT, ROLES_DEV_GUARD,
				   dot ? dot + 1 : t, NULL);
	}
	if (k != K_BINARY || !text_has(w, cond, "NODE_ENV"))
		return false;
	const char *t = walk_text(w, cond);
	if (strstr(t, "NODE_ENV") == NULL)
		return false;
	bool equal = strstr(t, "===") != NULL || strstr(t, "==") != NULL;
	bool unequal = strstr(t, "!==") != NULL || strstr(t, "!=") != NULL;
	if (unequal)
		return strstr(t, "production") != NULL;
	return equal &&
	       (strstr(t, "development") != NULL ||
		strstr(t, "'test'") != NULL || strstr(t, "\"test\"") != NULL);
}

/* Is the walk at byte in a branch taken only in development runs? */
static bool
in_dev_branch(struct js_state *st, uint32_t byte)
{
	while (st->dev_ends.n > 0 && st->dev_ends.v[st->dev_ends.n - 1] <= byte)
		st->dev_ends.n--;
	return st->dev_ends.n > 0;
}

static void
enter_call(struct walk *w, TSNode node, uint8_t kind)
{
	int32_t outer = w->call;
	int32_t idx = walk_add_call(w, node);
	struct sf_call *c = &w->f->calls.v[idx];
	uint8_t pk = walk_ancestor_kind(w, 1);
	/* The field the call fills, asked before its first child moves the
	 * walk's cursor (first_field). */
	TSFieldId own = pk == K_MEMBER || pk == K_SUBSCRIPT || pk == K_CALL
				? walk_field_id(w)
				: 0;
	TSNode callee = kind == K_NEW ? field(w, node, JS(w)->constructor)
				      : first_field(w, node, JS(w)->function);
	/* TypeScript parses `await f<T>(x)` as a call of `await f`: the call
	 * is f's, awaited. */
	if (walk_kind(w, callee) == K_AWAIT) {
		callee = ts_node_named_child(callee, 0);
		c->flags |= SF_CALL_AWAITED;
	}
	if (!ts_node_is_null(callee)) {
		const char *last;
		c->callee = js_path(w, callee, &last);
		c->callee_span = walk_span(callee);
		bool has_last = c->callee != NULL;
		if (c->callee == NULL)
			c->callee = new_member_path(w, callee);
		if (walk_kind(w, callee) == K_MEMBER) {
			/* The path's last segment is the property's name. */
			if (has_last) {
				c->method = last;
			} else {
				TSNode prop = field(w, callee, JS(w)->property);
				if (!ts_node_is_null(prop))
					c->method = walk_text(w, prop);
			}
		}
	}
	if (kind == K_NEW)
		c->flags |= SF_CALL_NEW;
	if (in_dev_branch(w->user, c->span.start))
		c->flags |= SF_CALL_DEV_ONLY;
	/* `f().x`, `f()[i]`, `f()()`. */
	if (((pk == K_MEMBER || pk == K_SUBSCRIPT) && own == JS(w)->object) ||
	    (pk == K_CALL && own == JS(w)->function))
		c->flags |= SF_CALL_OPERAND;
	if (pk == K_AWAIT) {
		c->flags |= SF_CALL_AWAITED;
		if (w->f->awaits.n > 0)
			w->f->awaits.v[w->f->awaits.n - 1].call = idx;
	}
	if (pk == K_ARGUMENTS && outer >= 0) {
		const struct sf_call *o = &w->f->calls.v[outer];
		for (uint32_t i = 0; i < o->nargs; i++)
			if (w->f->args.v[o->arg0 + i].span.start ==
			    c->span.start)
				w->f->args.v[o->arg0 + i].call = idx;
	}
	/* Its arguments are looked at when the walk reaches them
	 * (on_arguments). (A tagged template's, the other kind of
	 * arguments, has no child that makes a problem smaller.) */
	if (c->callee != NULL && c->callee[0] == 't' &&
	    strncmp(c->callee, "this.", 5) == 0)
		c->flags |= SF_CALL_SELF;
	walk_note_arms(w, idx, &js_arms);
	walk_push(w, WALK_FRAME_CALL, idx);
}

/* For an arguments node being entered: the call it is the arguments of
 * (its parent, whose frame is the newest), or -1. The grammars put no
 * other arguments node in a call or `new`. Once per call: its slots are
 * set aside the first time (reserve_args). */
static int32_t
arguments_call(const struct walk *w)
{
	const struct js_state *st = w->user;
	uint8_t pk = walk_ancestor_kind(w, 1);
	if ((pk != K_CALL && pk != K_NEW) || w->call < 0 || w->frames.n == 0)
		return -1;
	const struct walk_frame *fr = &w->frames.v[w->frames.n - 1];
	if (fr->type != WALK_FRAME_CALL || fr->depth + 1 != w->depth ||
	    fr->index != w->call)
		return -1;
	if (st->args_open.n > 0 &&
	    st->args_open.v[st->args_open.n - 1].call == w->call)
		return -1;
	return w->call;
}

/* A call's arguments, reached by the walk right after its function (what
 * a lookup from the call would find, at no cost): their slots are set
 * aside for record_arg, and `new RegExp("literal")` / `RegExp("literal")`
 * records its pattern. */
static bool
on_arguments(struct walk *w, TSNode args, uint8_t kind)
{
	(void)kind;
	int32_t idx = arguments_call(w);
	if (idx < 0)
		return true;
	reserve_args(w, idx, args);
	const struct sf_call *c = &w->f->calls.v[idx];
	/* Its arguments, not recorded yet, are looked at here. */
	uint32_t nargs = 0;
	if (c->callee != NULL && c->callee[0] == 'R' &&
	    strcmp(c->callee, "RegExp") == 0)
		nargs = count_args(w, args);
	if (nargs >= 1) {
		TSNode a0 = ts_node_named_child(args, 0);
		const char *pattern = string_unescaped(w, a0);
		if (pattern != NULL) {
			struct sf_regex *r = VEC_PUSH(w->f->regexes);
			r->pattern = pattern;
			TSNode a1 = ts_node_named_child(args, 1);
			const char *flags =
				nargs >= 2 ? string_value(w, a1) : NULL;
			r->flags = flags ? flags : "";
			r->span = walk_span(walk_ancestor(w, 1));
			r->function = w->fn;
		}
	}
	return true;
}

/* --- names in expressions --------------------------------------------- */

/* walk_scan visitor: adds the names a pattern binds. */
static bool
collect_name(struct walk *w, TSNode node, void *ctx)
{
	uint8_t k = walk_kind(w, node);
	if (k == K_IDENT || k == K_SHORTHAND_PATTERN) {
		uint32_t a = ts_node_start_byte(node);
		walk_names_add(ctx, w->src + a, ts_node_end_byte(node) - a);
	}
	return false;
}

/* walk_scan visitor: is this a use of one of the names? */
static bool
is_named(struct walk *w, TSNode node, void *ctx)
{
	uint8_t k = walk_kind(w, node);
	return (k == K_IDENT || k == K_SHORTHAND_PROPERTY) &&
	       walk_names_has(w, ctx, node);
}

/* --- loops -------------------------------------------------------------- */

/* The names of loop l's own elements (its variable, names declared in its
 * header and body so far) go to own; those of the loops around it (their
 * variables, names declared in their bodies before l) go to outer. */
static void
loop_names(struct walk *w, int32_t l, struct walk_names *own,
	   struct walk_names *outer)
{
	struct js_state *st = w->user;
	const struct sf_loop *loop = &w->f->loops.v[l];
	if (!ts_node_is_null(st->loop_var.v[l]))
		walk_scan(w, st->loop_var.v[l], JS_AWAIT_SCAN_NODES,
			  collect_name, own);
	int32_t outermost = l;
	for (int32_t a = loop->parent; a >= 0; a = w->f->loops.v[a].parent) {
		if (!ts_node_is_null(st->loop_var.v[a]))
			walk_scan(w, st->loop_var.v[a], JS_AWAIT_SCAN_NODES,
				  collect_name, outer);
		outermost = a;
	}
	uint32_t from = w->f->loops.v[outermost].body.start;
	for (uint32_t i = w->f->bindings.n, seen = 0;
	     i-- > 0 && seen < JS_LOOP_BINDINGS_SCAN; seen++) {
		const struct sf_binding *b = &w->f->bindings.v[i];
		if (b->span.start < from)
			break;
		if (b->scope != w->fn)
			continue;
		walk_names_add(b->span.start >= loop->span.start ? own : outer,
			       b->local, (uint32_t)strlen(b->local));
	}
}

/* Does expr, the collection or bound of loop l (nested in another loop),
 * use the variable of an enclosing loop or a name declared inside one
 * (`for (const m of chunk.modules)`, `const list = map.get(k); for (const
 * x of list)`)? Then the nest walks nested data rather than multiplying
 * two collections. */
static bool
walks_nested_data(struct walk *w, int32_t l, TSNode expr)
{
	struct walk_names own = {0}, outer = {0};
	loop_names(w, l, &own, &outer);
	return outer.n > 0 &&
	       walk_scan(w, expr, JS_AWAIT_SCAN_NODES, is_named, &outer);
}

/* For a comparison, subscript or arithmetic expression being entered in a
 * nested loop's body: does it use both that loop's elements and an
 * enclosing loop's? Marks the loop SF_LOOP_PAIRS. Only the outermost such
 * expression is scanned, and only until the loop is marked. */
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
	if (pk == K_BINARY || pk == K_SUBSCRIPT || pk == K_AUGMENTED)
		return; /* the enclosing expression is scanned instead */
	uint32_t start = ts_node_start_byte(node);
	if (start < l->body.start || start >= l->body.end)
		return;
	struct walk_names own = {0}, outer = {0};
	loop_names(w, w->loop, &own, &outer);
	if (own.n > 0 && outer.n > 0 &&
	    walk_scan(w, node, JS_AWAIT_SCAN_NODES, is_named, &own) &&
	    walk_scan(w, node, JS_AWAIT_SCAN_NODES, is_named, &outer))
		w->f->loops.v[w->loop].flags |= SF_LOOP_PAIRS;
}

static bool
is_true_literal(struct walk *w, TSNode cond)
{
	while (walk_kind(w, cond) == K_PARENTHESIZED)
		cond = ts_node_named_child(cond, 0);
	uint8_t k = walk_kind(w, cond);
	if (k == K_TRUE)
		return true;
	double v;
	return k == K_NUMBER && walk_number(walk_text(w, cond), &v) && v != 0;
}

/* Iterations of a counting loop from start to bound with the increment
 * inc: `i++` takes |bound - start| steps, `i += 8` an eighth of that,
 * `i *= 2` and `i <<= 1` log2(bound / start). -1 when the step is not a
 * known constant. */
static double
step_trip(struct walk *w, TSNode inc, double start, double bound)
{
	double distance = bound > start ? bound - start : start - bound;
	uint8_t k = ts_node_is_null(inc) ? K_NONE : walk_kind(w, inc);
	if (k == K_UPDATE)
		return distance;
	if (k != K_AUGMENTED)
		return -1;
	double step;
	if (!walk_const_eval(w, field(w, inc, JS(w)->right), &JS(w)->consts,
			     &step))
		return -1;
	const char *op = ts_node_type(field(w, inc, JS(w)->operator));
	if (strcmp(op, "+=") == 0 || strcmp(op, "-=") == 0) {
		step = step < 0 ? -step : step;
		return step > 0 ? fm_ceil(distance / step) : -1;
	}
	double ratio = start > 0 ? bound / start : distance;
	if (ratio <= 1)
		return 1;
	if (strcmp(op, "*=") == 0 && step > 1)
		return fm_steps(ratio, step);
	if (strcmp(op, "<<=") == 0 && step >= 1 && step <= 63 &&
	    step == fm_floor(step))
		return fm_steps(ratio, fm_powi(2, (unsigned)step));
	return -1;
}

/* The variable a C-style for counts with (`let i = 0`, `i = 0`) and its
 * start value when that is a constant. */
static TSNode
for_counter(struct walk *w, TSNode node, double *start, bool *known)
{
	*known = false;
	TSNode init = field(w, node, JS(w)->initializer), var = {0},
	       value = {0};
	uint8_t k = ts_node_is_null(init) ? K_NONE : walk_kind(w, init);
	if (k != K_NONE && ts_node_named_child_count(init) > 0) {
		TSNode decl =
			k == K_ASSIGNMENT ? init : ts_node_named_child(init, 0);
		uint8_t dk = walk_kind(w, decl);
		if (dk == K_VAR_DECLARATOR) {
			var = field(w, decl, JS(w)->name);
			value = field(w, decl, JS(w)->value);
		} else if (dk == K_ASSIGNMENT) {
			var = field(w, decl, JS(w)->left);
			value = field(w, decl, JS(w)->right);
		}
	}
	if (!ts_node_is_null(value) &&
	    walk_const_eval(w, value, &JS(w)->consts, start))
		*known = true;
	return var;
}

/* `i < N`, `i <= N`, `i < arr.length`, `i < n`, `i >= 0` in a C-style for.
 * The trip is known when the start, the bound and the step are. */
static void
for_bound(struct walk *w, struct sf_loop *l, TSNode node)
{
	double start;
	bool start_known;
	TSNode var = for_counter(w, node, &start, &start_known);
	if (!ts_node_is_null(var) && walk_kind(w, var) == K_IDENT) {
		l->var = walk_text(w, var);
		struct js_state *st = w->user;
		st->loop_var.v[w->f->loops.n - 1] = var;
	}
	TSNode cond = field(w, node, JS(w)->condition);
	if (ts_node_is_null(cond) || walk_kind(w, cond) == K_EMPTY_STATEMENT) {
		l->flags |= SF_LOOP_INFINITE;
		return;
	}
	if (walk_kind(w, cond) != K_BINARY) {
		if (is_true_literal(w, cond))
			l->flags |= SF_LOOP_INFINITE;
		return;
	}
	const char *op = ts_node_type(field(w, cond, JS(w)->operator));
	if (strcmp(op, "<") != 0 && strcmp(op, "<=") != 0 &&
	    strcmp(op, "!=") != 0 && strcmp(op, "!==") != 0 &&
	    strcmp(op, ">") != 0 && strcmp(op, ">=") != 0)
		return;
	TSNode bound = field(w, cond, JS(w)->right);
	double v;
	if (walk_const_eval(w, bound, &JS(w)->consts, &v)) {
		if (!start_known) {
			/* `for (let i = s.length - 1; i >= 0; i--)` */
			l->flags |= SF_LOOP_COLLECTION;
			return;
		}
		l->trip = step_trip(w, field(w, node, JS(w)->increment), start,
				    v);
		return;
	}
	uint8_t bk = walk_kind(w, bound);
	if (bk == K_IDENT)
		l->bound_name = walk_text(w, bound);
	l->flags |= SF_LOOP_COLLECTION;
}

static void
enter_loop(struct walk *w, TSNode node, uint8_t kind)
{
	enum sf_loop_kind lk = kind == K_FOR      ? SF_LOOP_FOR
			       : kind == K_FOR_IN ? SF_LOOP_FOR_IN
			       : kind == K_WHILE  ? SF_LOOP_WHILE
						  : SF_LOOP_DO;
	int32_t idx = walk_add_loop(w, node, lk);
	struct sf_loop *l = &w->f->loops.v[idx];
	struct js_state *st = w->user;
	*VEC_PUSH(st->loop_var) = (TSNode){0};
	TSNode body = field(w, node, JS(w)->body);
	if (!ts_node_is_null(body)) {
		l->body = walk_span(body);
		l->head_span = l->span;
		if (kind != K_DO) {
			l->head_span.end = l->body.start;
			l->head_span.end_row = l->body.start_row;
			l->head_span.end_col = l->body.start_col;
		}
	}
	switch (kind) {
	case K_FOR:
		for_bound(w, l, node);
		break;
	case K_FOR_IN: {
		if (walk_has_token(node, "await", 3))
			l->flags |= SF_LOOP_ASYNC_ITER;
		TSNode left = field(w, node, JS(w)->left);
		st->loop_var.v[idx] = left;
		if (walk_kind(w, left) == K_IDENT)
			l->var = walk_text(w, left);
		TSNode right = field(w, node, JS(w)->right);
		if (walk_kind(w, right) == K_ARRAY)
			l->trip = ts_node_named_child_count(right);
		else
			l->flags |= SF_LOOP_COLLECTION;
		break;
	}
	case K_WHILE:
	case K_DO:
		if (is_true_literal(w, field(w, node, JS(w)->condition)))
			l->flags |= SF_LOOP_INFINITE;
		break;
	}
	TSNode over = {0};
	if (kind == K_FOR_IN) {
		over = field(w, node, JS(w)->right);
	} else if (kind == K_FOR) {
		TSNode cond = field(w, node, JS(w)->condition);
		if (walk_kind(w, cond) == K_BINARY)
			over = field(w, cond, JS(w)->right);
	}
	if (!ts_node_is_null(over) &&
	    ts_node_end_byte(over) - ts_node_start_byte(over) <= WALK_PATH_MAX)
		w->f->loops.v[idx].over = walk_text(w, over);
	if (!ts_node_is_null(over))
		w->f->loops.v[idx].origin = origin_of(w, over);
	if (w->loop >= 0 && !ts_node_is_null(over) &&
	    walks_nested_data(w, idx, over))
		w->f->loops.v[idx].flags |= SF_LOOP_NESTED_DATA;
	walk_push(w, WALK_FRAME_LOOP, idx);
}

static uint32_t
binary_flags(const char *op)
{
	static const char *const arith[] = {"+",  "-",  "*",   "/", "%", "**",
					    "<<", ">>", ">>>", "&", "|", "^"};
	static const char *const cmp[] = {
		"<", ">", "<=", ">=", "==", "!=", "===", "!=="};
	for (size_t i = 0; i < sizeof arith / sizeof *arith; i++)
		if (strcmp(op, arith[i]) == 0)
			return SF_LOOP_ARITH;
	for (size_t i = 0; i < sizeof cmp / sizeof *cmp; i++)
		if (strcmp(op, cmp[i]) == 0)
			return SF_LOOP_COMPARE;
	return 0;
}

/* --- awaits in loops ---------------------------------------------------- */

/* Flags for an await being entered: does its expression use the
 * innermost loop's variable, does it assign an existing variable? */
/* The receiver of a method call on a plain name (`repo` in
 * `repo.checkout(c)`), or a null node. */
static TSNode
receiver_head(struct walk *w, TSNode call)
{
	if (walk_kind(w, call) != K_CALL)
		return (TSNode){0};
	TSNode n = field(w, call, JS(w)->function);
	if (walk_kind(w, n) != K_MEMBER)
		return (TSNode){0};
	n = field(w, n, JS(w)->object);
	return walk_kind(w, n) == K_IDENT ? n : (TSNode){0};
}

/* For an await being entered: is the awaited call a method of an
 * enclosing loop's element, or of an instance of a class made in an
 * enclosing loop's body (`new UptimeCalculator()`)? */
static bool
outer_receiver(struct walk *w, TSNode await)
{
	if (w->loop < 0 || w->f->loops.v[w->loop].parent < 0)
		return false;
	TSNode head = receiver_head(w, ts_node_named_child(await, 0));
	if (ts_node_is_null(head))
		return false;
	struct js_state *st = w->user;
	struct walk_names own = {0}, outer = {0};
	loop_names(w, w->loop, &own, &outer);
	if (walk_names_has(w, &own, head) || !walk_names_has(w, &outer, head))
		return false;
	struct walk_names targets = {0};
	int32_t outermost = w->loop;
	for (int32_t a = w->f->loops.v[w->loop].parent; a >= 0;
	     a = w->f->loops.v[a].parent) {
		if (!ts_node_is_null(st->loop_var.v[a]))
			walk_scan(w, st->loop_var.v[a], JS_AWAIT_SCAN_NODES,
				  collect_name, &targets);
		outermost = a;
	}
	uint32_t s = ts_node_start_byte(head);
	return walk_names_has(w, &targets, head) ||
	       walk_made_instance(w, w->fn, w->f->loops.v[outermost].body.start,
				  w->src + s, ts_node_end_byte(head) - s);
}

static uint32_t
await_flags(struct walk *w, TSNode node)
{
	struct js_state *st = w->user;
	uint32_t flags = outer_receiver(w, node) ? SF_AWAIT_OUTER_RECEIVER : 0;
	TSNode parent = walk_ancestor(w, 1);
	if (walk_ancestor_kind(w, 1) == K_ASSIGNMENT &&
	    walk_kind(w, field(w, parent, JS(w)->left)) == K_IDENT)
		flags |= SF_AWAIT_REASSIGNS;
	if (w->loop < 0)
		return flags;
	TSNode var = st->loop_var.v[w->loop];
	if (ts_node_is_null(var))
		return flags;
	struct walk_names set = {0};
	walk_scan(w, var, JS_AWAIT_SCAN_NODES, collect_name, &set);
	if (set.n > 0 &&
	    walk_scan(w, node, JS_AWAIT_SCAN_NODES, is_named, &set))
		flags |= SF_AWAIT_USES_LOOP_VAR;
	return flags;
}

/* --- the walk ----------------------------------------------------------- */

/* What the walk learnt for the functions of f, written into f: which
 * parameters are called in place, and how often each identifier occurs.
 * Then the per-facts state is reset for the next fragment. */
static void
finish_facts(struct js_state *st, struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->functions.n && i < st->fx.n; i++)
		f->functions.v[i].sync_params =
			st->fx.v[i].called & ~st->fx.v[i].escapes;
	/* In the order they were first seen; the table is emptied for the
	 * next facts as it is read. */
	struct ident_table *t = &st->idents;
	f->idents.v = vec_grow(f->idents.v, &f->idents.cap, f->idents.n + t->n,
			       sizeof *f->idents.v);
	for (uint32_t i = 0; i < t->n; i++) {
		struct ident_slot *slot = &t->slots[t->used[i]];
		struct sf_ident *id = VEC_PUSH(f->idents);
		id->name = arena_strndup(&f->arena, st->src + slot->start,
					 slot->len);
		id->count = slot->count;
		*slot = (struct ident_slot){0};
	}
	t->n = 0;
	st->fx.n = 0;
	st->params.n = 0;
	memset(st->param_names, 0, sizeof st->param_names);
	st->loop_var.n = 0;
	st->args_open.n = 0;
	st->decorators_pending = 0;
	st->decorators_open = false;
	/* Each fragment's exports name its own functions. */
	link_exports(f);
}

/* Does an ESLint directive comment turn no-await-in-loop off: by name
 * (`eslint-disable-next-line no-await-in-loop`), or with no rule list
 * (`// eslint-disable-next-line`, every rule)? */
static bool
disables_await_in_loop(const char *t)
{
	const char *d = strstr(t, "eslint-disable");
	if (d == NULL)
		return false;
	if (strstr(d, "no-await-in-loop") != NULL)
		return true;
	d += strlen("eslint-disable");
	if (strncmp(d, "-next-line", 10) == 0)
		d += 10;
	else if (strncmp(d, "-line", 5) == 0)
		d += 5;
	else if (*d != '\0' && *d != ' ' && *d != '\t' && *d != '*')
		return false; /* `eslint-disabled`, not a directive */
	while (*d == ' ' || *d == '\t')
		d++;
	/* Nothing, the comment's end, or the `--` that starts a reason. */
	return *d == '\0' || *d == '\n' || strncmp(d, "*/", 2) == 0 ||
	       strncmp(d, "--", 2) == 0;
}

/* Is decl, the declaration around the declarator being entered, a
 * `const`? A lexical declaration begins with its kind, `let` or `const`;
 * another has the token first if at all. */
static bool
declares_const(struct walk *w, TSNode decl)
{
	uint32_t s = ts_node_start_byte(decl);
	if (walk_ancestor_kind(w, 1) == K_LEXICAL_DECLARATION &&
	    !ts_node_has_error(decl))
		return s + 5 <= w->len && memcmp(w->src + s, "const", 5) == 0;
	return walk_has_token_before(w, decl, "const", 1, s + 5);
}

/* `this.current = item`: an assignment to a field of the object. */
static bool
sets_this_field(struct walk *w, TSNode left)
{
	return walk_kind(w, left) == K_MEMBER &&
	       walk_kind(w, field(w, left, JS(w)->object)) == K_THIS;
}

/* --- enter's handlers (JS_ENTERED) ------------------------------------ */

static bool
on_parenthesized(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	struct js_state *st = w->user;
	/* An if's condition (the only parenthesized expression among its
	 * children), entered right after the if, for nothing comes between:
	 * as good as looking it up from the if. */
	if (walk_ancestor_kind(w, 1) != K_IF)
		return true;
	if (dev_guard(w, node)) {
		TSNode then = field(w, walk_ancestor(w, 1), JS(w)->consequence);
		if (!ts_node_is_null(then)) {
			*VEC_PUSH(st->dev_ends) = ts_node_end_byte(then);
			*VEC_PUSH(w->f->devs) =
				(struct sf_dev){walk_span(then), -1};
		}
	}
	return true;
}

static bool
on_comment(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	struct js_state *st = w->user;
	walk_comment(w, node, st->code_seen);
	/* `// eslint-disable-next-line no-await-in-loop`, or one that turns
	 * every rule off: sequential on purpose. */
	if (w->loop >= 0 && disables_await_in_loop(walk_text(w, node)))
		w->f->loops.v[w->loop].flags |= SF_LOOP_SEQUENTIAL;
	return false;
}

static bool
on_hash_bang(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	const char *t = walk_text(w, node);
	if (strstr(t, "node") != NULL)
		w->f->flags |= SF_FILE_CLI;
	return false;
}

static bool
on_literal(struct walk *w, TSNode node, uint8_t kind)
{
	(void)w, (void)node, (void)kind;
	return false;
}

static bool
on_ident(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	struct js_state *st = w->user;
	uint32_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
	ident_count(w, &st->idents, s, e);
	note_param_use(w, s, e);
	return false;
}

static bool
on_regex(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	struct sf_regex *r = VEC_PUSH(w->f->regexes);
	TSNode p = field(w, node, JS(w)->pattern),
	       fl = field(w, node, JS(w)->flags);
	r->pattern = ts_node_is_null(p) ? "" : walk_text(w, p);
	r->flags = ts_node_is_null(fl) ? "" : walk_text(w, fl);
	r->span = walk_span(node);
	r->function = w->fn;
	return false;
}

static bool
on_function(struct walk *w, TSNode node, uint8_t kind)
{
	enter_function(w, node, kind);
	return true;
}

static bool
on_class(struct walk *w, TSNode node, uint8_t kind)
{
	enter_class(w, node,
		    kind == K_ABSTRACT_CLASS_DECL ? K_CLASS_DECL : kind);
	return true;
}

static bool
on_field(struct walk *w, TSNode node, uint8_t kind)
{
	enter_field(w, node, kind);
	return true;
}

static bool
on_decorator(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	enter_decorator(w, node);
	return true;
}

/* Types and declarations without code: nothing runs. */
static bool
on_declaration_only(struct walk *w, TSNode node, uint8_t kind)
{
	(void)w, (void)node, (void)kind;
	return false;
}

static bool
on_call(struct walk *w, TSNode node, uint8_t kind)
{
	walk_loop_op(w, SF_LOOP_CALLS);
	enter_call(w, node, kind);
	return true;
}

static bool
on_loop(struct walk *w, TSNode node, uint8_t kind)
{
	enter_loop(w, node, kind);
	return true;
}

static bool
on_await(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	struct sf_await *a = VEC_PUSH(w->f->awaits);
	a->span = walk_span(node);
	a->function = w->fn;
	a->loop = w->loop;
	a->call = -1;
	TSNode parent = walk_ancestor(w, 1);
	uint8_t pk = walk_ancestor_kind(w, 1);
	if (pk == K_VAR_DECLARATOR) {
		TSNode n = field(w, parent, JS(w)->name);
		a->assigned = walk_text(w, n);
	} else if (pk == K_ASSIGNMENT) {
		a->assigned = js_path(w, field(w, parent, JS(w)->left), NULL);
	}
	uint32_t flags = await_flags(w, node);
	w->f->awaits.v[w->f->awaits.n - 1].flags = flags;
	walk_loop_body_flag(w, node, SF_LOOP_AWAIT);
	return true;
}

static bool
on_yield(struct walk *w, TSNode node, uint8_t kind)
{
	(void)node, (void)kind;
	if (w->fn >= 0)
		w->f->functions.v[w->fn].flags |= SF_FN_GENERATOR;
	walk_loop_flag(w, SF_LOOP_YIELD);
	return true;
}

static bool
on_import(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	enter_import(w, node);
	return false;
}

static bool
on_export(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	enter_export(w, node);
	return true;
}

static bool
on_declarator(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	bool is_const = declares_const(w, walk_ancestor(w, 1));
	uint32_t first = w->f->bindings.n;
	TSNode value = last_field(w, node, JS(w)->value);
	bind_assignment(w, first_field(w, node, JS(w)->name), value,
			is_const || w->fn < 0);
	bind_declared_type(w, node, value, first);
	if (walk_ancestor_kind(w, 1) == K_LEXICAL_DECLARATION)
		limit_to_block(w, first);
	return true;
}

static bool
on_assignment(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	TSNode right = last_field(w, node, JS(w)->right),
	       left = first_field(w, node, JS(w)->left);
	bind_assignment(w, left, right, false);
	enter_exports_assignment(w, left, right);
	enter_this_assignment(w, left, right);
	member_prop(w, left, right);
	note_cache_store(w, left);
	if (w->loop >= 0 && sets_this_field(w, left))
		walk_loop_body_flag(w, node, SF_LOOP_SETS_STATE);
	return true;
}

static bool
on_binary(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	if (w->loop < 0)
		return true; /* what follows is about loop bodies */
	uint32_t fl =
		binary_flags(ts_node_type(field(w, node, JS(w)->operator)));
	if (fl)
		walk_loop_op(w, fl);
	note_pairs(w, node);
	return true;
}

static bool
on_augmented(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	walk_loop_op(w, SF_LOOP_ARITH);
	note_pairs(w, node);
	return true;
}

static bool
on_update(struct walk *w, TSNode node, uint8_t kind)
{
	(void)node, (void)kind;
	walk_loop_op(w, SF_LOOP_ARITH);
	return true;
}

static bool
on_subscript(struct walk *w, TSNode node, uint8_t kind)
{
	(void)kind;
	walk_loop_op(w, SF_LOOP_INDEX);
	note_pairs(w, node);
	return true;
}

static bool
on_jump(struct walk *w, TSNode node, uint8_t kind)
{
	(void)node, (void)kind;
	walk_loop_flag(w, SF_LOOP_BREAKS);
	return true;
}

static bool
enter(struct walk *w, TSNode node, uint8_t kind)
{
	struct js_state *st = w->user;
	if (st->facts != w->f) {
		/* A new fragment (struct extract_options): the previous one
		 * is complete. */
		finish_facts(st, st->facts);
		st->facts = w->f;
	}
	if (w->depth == 1 && kind != K_COMMENT && kind != K_HASH_BANG &&
	    ts_node_is_named(node)) {
		/* A directive ('use strict') is not code. */
		bool directive =
			kind == K_EXPRESSION_STATEMENT &&
			walk_kind(w, ts_node_named_child(node, 0)) == K_STRING;
		if (!directive) {
			st->code_seen = true;
			w->f->flags |= SF_FILE_HAS_CODE;
		}
	}
	/* A class member other than a method closes the decorators before
	 * it (a method takes them: enter_function). */
	if (st->decorators_open && kind != K_DECORATOR && kind != K_COMMENT &&
	    kind != K_METHOD && walk_ancestor_kind(w, 1) == K_CLASS_BODY)
		st->decorators_open = false;
	/* (The walk enters no anonymous token there.) */
	if (walk_ancestor_kind(w, 1) == K_ARGUMENTS && kind != K_COMMENT)
		record_arg(w, node, kind);
	switch (kind) {
#define JS_ENTERED_CASE(k, handler)                                            \
	case k:                                                                \
		return handler(w, node, kind);
		JS_ENTERED(JS_ENTERED_CASE)
#undef JS_ENTERED_CASE
	default:
		return true;
	}
}

/* Globals that resolve to themselves when nothing in the file binds them. */
static bool
is_global(const char *path)
{
	static const char *const globals[] = {
		"Atomics",     "Date",         "performance",     "process",
		"JSON",        "Math",         "Promise",         "RegExp",
		"Array",       "Object",       "Buffer",          "setTimeout",
		"setInterval", "setImmediate", "queueMicrotask",  "require",
		"console",     "globalThis",   "structuredClone", "fetch",
		"String",      "Number",       "Symbol",          "Reflect",
	};
	size_t n = strcspn(path, ".(");
	for (size_t i = 0; i < sizeof globals / sizeof *globals; i++)
		if (globals[i][0] == path[0] && strlen(globals[i]) == n &&
		    strncmp(path, globals[i], n) == 0)
			return true;
	return false;
}

/* What `this.<attr>` (attr: n bytes) holds in the methods of class cls,
 * resolved, or NULL. */
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
		if (r == NULL && !bound && is_global(a->path))
			r = a->path;
		return r;
	}
	return NULL;
}

/* Calls through an attribute of the instance (`this.users.find()` where
 * the constructor took `private users: UsersService`, or did `this.users
 * = new UsersService()`): named after what the attribute holds
 * ("./users.service.UsersService().find"), as a name bound to it
 * would be. */
static void
resolve_this_calls(struct sf_facts *f)
{
	if (f->attrs.n == 0)
		return;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		struct sf_call *c = &f->calls.v[i];
		/* `self.store.find()` with `const self = this` resolved to
		 * "this.store.find": the same as written with `this`. */
		const char *path =
			c->name != NULL && strncmp(c->name, "this.", 5) == 0
				? c->name
				: c->callee;
		if ((c->name != NULL && path != c->name) || path == NULL ||
		    c->function < 0 || strncmp(path, "this.", 5) != 0)
			continue;
		int32_t cls = f->functions.v[c->function].class_index;
		const char *attr = path + 5;
		size_t n = strcspn(attr, ".(");
		if (cls < 0 || attr[n] == '\0')
			continue; /* `this.method()` is the class's own */
		const char *target = resolve_attr(f, cls, attr, n);
		if (target != NULL)
			c->name = arena_join(&f->arena, target, attr + n, NULL);
	}
}

/* Decorators by what their names resolve to (`@nestjs/common.Get`). */
static void
resolve_decorators(struct sf_facts *f)
{
	for (uint32_t i = 0; i < f->decorators.n; i++) {
		struct sf_decorator *d = &f->decorators.v[i];
		int32_t scope = d->function >= 0
					? f->functions.v[d->function].parent
					: -1;
		bool bound;
		const char *r = facts_resolve(f, scope, 0, d->name, &bound);
		if (r != NULL)
			d->name = r;
	}
}

/* A plain named function's name and the occurrences of it counted so far:
 * a slot of js_resolve's table. */
struct name_count {
	const char *name; /* NULL: empty */
	uint32_t hash, count;
};

/* Does function fn count references to its name (SF_FN_NAME_IDENT...)? */
static bool
counts_refs(const struct sf_function *fn)
{
	return !(fn->flags & (SF_FN_ANONYMOUS | SF_FN_METHOD)) &&
	       strchr(fn->name, '.') == NULL;
}

/* The slot of name (hash h) in the table of cap slots (a power of two):
 * its own, or the empty one where it goes. */
static struct name_count *
name_count_slot(struct name_count *t, uint32_t cap, const char *name,
		uint32_t h)
{
	for (uint32_t k = h & (cap - 1);; k = (k + 1) & (cap - 1))
		if (t[k].name == NULL ||
		    (t[k].hash == h && strcmp(t[k].name, name) == 0))
			return &t[k];
}

/* JS_NAME_COUNT_STACK slots live on the stack: most files have fewer
 * than half as many named functions. */
#define JS_NAME_COUNT_STACK 256

void
js_resolve(struct sf_facts *f)
{
	walk_resolve(f, is_global);
	facts_resolve_origins(f);
	resolve_this_calls(f);
	resolve_decorators(f);
	/* References to each plain named function: the occurrences of its
	 * name, less its definition, plus one for an export. Only those
	 * names are counted (the identifiers of a file are many more). */
	uint32_t named = 0;
	for (uint32_t i = 0; i < f->functions.n; i++)
		named += counts_refs(&f->functions.v[i]);
	if (named == 0)
		return;
	uint32_t cap = 16;
	while (cap < named * 2)
		cap *= 2;
	struct name_count small[JS_NAME_COUNT_STACK];
	struct name_count *t =
		cap <= JS_NAME_COUNT_STACK ? small : xmalloc(cap * sizeof *t);
	memset(t, 0, cap * sizeof *t);
	for (uint32_t i = 0; i < f->functions.n; i++) {
		const struct sf_function *fn = &f->functions.v[i];
		if (!counts_refs(fn))
			continue;
		uint32_t h = sf_hash(fn->name, strlen(fn->name));
		struct name_count *slot = name_count_slot(t, cap, fn->name, h);
		*slot = (struct name_count){fn->name, h, 0};
	}
	for (uint32_t i = 0; i < f->idents.n; i++) {
		const char *name = f->idents.v[i].name;
		struct name_count *slot = name_count_slot(
			t, cap, name, sf_hash(name, strlen(name)));
		if (slot->name != NULL)
			slot->count += f->idents.v[i].count;
	}
	for (uint32_t i = 0; i < f->functions.n; i++) {
		struct sf_function *fn = &f->functions.v[i];
		if (!counts_refs(fn))
			continue;
		uint32_t n =
			name_count_slot(t, cap, fn->name,
					sf_hash(fn->name, strlen(fn->name)))
				->count;
		if ((fn->flags & SF_FN_NAME_IDENT) && n > 0)
			n--; /* the definition's own name */
		fn->refs = n + ((fn->flags & SF_FN_EXPORTED) ? 1 : 0);
	}
	if (t != small)
		free(t);
}

/* The per-file state's vectors and identifier table, kept from one file
 * to the thread's next (each file would otherwise grow them from nothing,
 * and zero a fresh table), when they hold at most JS_SPARE_MAX bytes; the
 * spare (util/spare.h) frees them when the thread ends. */
#define JS_SPARE_MAX (512u * 1024)

static void
free_state(struct js_state *st)
{
	VEC_FREE(st->fx);
	VEC_FREE(st->params);
	VEC_FREE(st->loop_var);
	VEC_FREE(st->args_open);
	VEC_FREE(st->dev_ends);
	VEC_FREE(st->exports_aliases);
	free(st->idents.slots);
	free(st->idents.used);
	st->idents = (struct ident_table){0};
}

static void
drop_js_spare(void *p)
{
	free_state(p);
	free(p);
}

static struct spare js_spare = SPARE_INIT(drop_js_spare);

/* Moves the storage of from's vectors and table to to, emptied. */
static void
move_state(struct js_state *to, struct js_state *from)
{
	to->fx = from->fx;
	to->params = from->params;
	to->loop_var = from->loop_var;
	to->args_open = from->args_open;
	to->dev_ends = from->dev_ends;
	to->exports_aliases = from->exports_aliases;
	to->idents = from->idents;
	to->fx.n = to->params.n = to->loop_var.n = to->args_open.n = 0;
	to->dev_ends.n = to->exports_aliases.n = 0;
	to->idents.n = 0;
	struct js_state *f = from;
	f->fx.v = NULL, f->fx.n = f->fx.cap = 0;
	f->params.v = NULL, f->params.n = f->params.cap = 0;
	f->loop_var.v = NULL, f->loop_var.n = f->loop_var.cap = 0;
	f->args_open.v = NULL, f->args_open.n = f->args_open.cap = 0;
	f->dev_ends.v = NULL, f->dev_ends.n = f->dev_ends.cap = 0;
	f->exports_aliases.v = NULL;
	f->exports_aliases.n = f->exports_aliases.cap = 0;
	f->idents = (struct ident_table){0};
}

/* Keeps st's storage for the thread's next file (its table emptied by
 * finish_facts), in the holder kept that js_extract took (NULL: a new
 * one), or frees it. */
static void
keep_state(struct js_state *st, struct js_state *kept)
{
	size_t bytes = (size_t)st->fx.cap * sizeof *st->fx.v +
		       (size_t)st->params.cap * sizeof *st->params.v +
		       (size_t)st->loop_var.cap * sizeof *st->loop_var.v +
		       (size_t)st->args_open.cap * sizeof *st->args_open.v +
		       (size_t)st->dev_ends.cap * sizeof *st->dev_ends.v +
		       (size_t)st->exports_aliases.cap *
			       sizeof *st->exports_aliases.v +
		       (size_t)st->idents.cap * (sizeof *st->idents.slots +
						 sizeof *st->idents.used / 2);
	if (bytes > JS_SPARE_MAX || st->idents.n != 0) {
		free_state(st);
	} else {
		if (kept == NULL)
			kept = xcalloc(1, sizeof *kept);
		move_state(kept, st);
	}
	if (kept != NULL)
		spare_give(&js_spare, kept);
}

void
js_extract(struct sf_facts *f, const TSTree *tree, const char *src,
	   uint32_t len, const struct extract_options *opts)
{
	pthread_once(&js_once, js_init);
	const struct js_grammar *g = &grammars[f->lang];
	struct js_state st = {
		.g = g,
		.code_seen = opts != NULL && opts->not_first,
		.facts = f,
		.src = src,
	};
	struct js_state *kept = spare_take(&js_spare);
	if (kept != NULL)
		move_state(&st, kept);
	struct walk w = {
		.f = f,
		.src = src,
		.len = len,
		.kinds = &g->kinds,
		.user = &st,
		.opts = opts,
		/* enter does nothing with other nodes below the top, but
		 * for a class body's (they close the decorators before) and
		 * the named ones of a call's arguments (record_arg). */
		.skip_plain = true,
		.keep_plain_under = K_CLASS_BODY,
		.keep_named_under = K_ARGUMENTS,
		.tail_bytes = tail_bytes,
		.rest_quiet_under = K_MEMBER,
		.comment_bytes = comment_bytes,
	};
	walk_file(&w, tree, enter);
	finish_facts(&st, w.f);
	keep_state(&st, kept);
	if (opts == NULL || !opts->fragment)
		js_resolve(f);
}
