/*
 * JavaScript extractor: one walk of a tree-sitter-javascript tree that fills
 * the facts — functions (async, callbacks and the call that receives them),
 * calls with their callee paths, loops and their bounds, imports and
 * require() bindings, regex literals, awaits and suppression comments —
 * followed by name resolution (DESIGN §3 "Names").
 */
#include "extract.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../walk.h"

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
};

static struct {
	struct walk_kinds kinds;
	TSFieldId name, body, function, arguments, object, property,
		constructor, left, right, value, parameters, parameter,
		condition, initializer, source, alias, key, pattern,
		flags, operator, index, increment, argument;
	struct walk_path_desc path;
	struct walk_const_desc consts;
} js;

static pthread_once_t js_once = PTHREAD_ONCE_INIT;

const TSLanguage *tree_sitter_javascript(void);

static const char *require_head(struct walk *w, TSNode call);

static void
js_init(void)
{
	const TSLanguage *l = tree_sitter_javascript();
	walk_kinds_build(&js.kinds, l, kind_names, K_COUNT);
#define FIELD(f) js.f = ts_language_field_id_for_name(l, #f, sizeof #f - 1)
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
#undef FIELD
	js.path = (struct walk_path_desc){
		.ident = {K_IDENT, K_THIS, K_SUPER, K_PROPERTY_IDENT},
		.member = K_MEMBER,
		.object = js.object,
		.property = js.property,
		.call = K_CALL,
		.function = js.function,
		.arguments = js.arguments,
		.special_call = require_head,
	};
	js.consts = (struct walk_const_desc){
		.number = {K_NUMBER, K_NUMBER},
		.paren = K_PARENTHESIZED,
		.unary = K_UNARY,
		.binary = K_BINARY,
		.ident = K_IDENT,
		.left = js.left,
		.right = js.right,
		.operator= js.operator,
		.argument = js.argument,
	};
}

/* Per-file extractor state. */
struct js_state {
	bool code_seen; /* a statement came before (for ignore-file) */
};

/* --- small helpers ------------------------------------------------------ */

static TSNode
field(TSNode n, TSFieldId id)
{
	return ts_node_child_by_field_id(n, id);
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
	TSNode fn = field(call, js.function);
	bool dynamic_import = walk_kind(w, fn) == K_IMPORT_KEYWORD;
	if (!dynamic_import &&
	    (walk_kind(w, fn) != K_IDENT || !walk_text_is(w, fn, "require")))
		return NULL;
	TSNode args = field(call, js.arguments);
	if (ts_node_is_null(args) || ts_node_named_child_count(args) != 1)
		return NULL;
	const char *v = string_value(w, ts_node_named_child(args, 0));
	return v ? facts_module_name(w->f, v) : NULL;
}

static const char *
require_head(struct walk *w, TSNode call)
{
	const char *mod = require_module(w, call);
	return mod ? arena_printf(&w->f->arena, "require(%s)", mod) : NULL;
}

static bool
is_function_kind(uint8_t k)
{
	return k == K_FUNCTION_DECL || k == K_GENERATOR_DECL ||
	       k == K_FUNCTION_EXPR || k == K_GENERATOR_EXPR || k == K_ARROW ||
	       k == K_METHOD;
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
			TSNode key = field(c, js.key),
			       value = field(c, js.value);
			if (walk_kind(w, value) == K_ASSIGNMENT_PATTERN)
				value = field(value, js.left);
			if (walk_kind(w, value) != K_IDENT)
				continue;
			local = walk_text(w, value);
			member = walk_text(w, key);
		} else if (k == K_ASSIGNMENT_PATTERN) {
			TSNode left = field(c, js.left);
			if (walk_kind(w, left) != K_SHORTHAND_PATTERN &&
			    walk_kind(w, left) != K_IDENT)
				continue;
			local = member = walk_text(w, left);
		} else {
			continue;
		}
		const char *target =
			base ? arena_printf(&w->f->arena, "%s.%s", base, member)
			     : NULL;
		walk_add_binding(w, base ? kind : SF_BIND_LOCAL, local, target,
				 w->fn, c, is_import);
	}
}

/* Binds the names a declarator or assignment introduces: `name = value`. */
static void
bind_assignment(struct walk *w, TSNode name, TSNode value, bool is_const)
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
	if (vk == K_MEMBER || vk == K_IDENT) {
		path = walk_path(w, value, &js.path, NULL);
		kind = SF_BIND_ALIAS;
	} else if (vk == K_CALL || vk == K_NEW) {
		TSNode callee = field(value, vk == K_CALL ? js.function
							  : js.constructor);
		const char *p = ts_node_is_null(callee)
					? NULL
					: walk_path(w, callee, &js.path, NULL);
		if (p != NULL) {
			path = arena_printf(&w->f->arena, "%s()", p);
			kind = SF_BIND_INSTANCE;
		}
	}
	if (nk == K_OBJECT_PATTERN) {
		bind_pattern_member(w, name, path, false, SF_BIND_ALIAS);
		return;
	}
	const char *local = walk_text(w, name);
	double v;
	if (is_const && vk != K_NONE &&
	    walk_const_eval(w, value, &js.consts, &v)) {
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

static void
enter_import(struct walk *w, TSNode node)
{
	w->f->flags |= SF_FILE_ESM;
	const char *spec = string_value(w, field(node, js.source));
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
					    K_IMPORT_SPECIFIER)
						continue;
					TSNode nm = field(spec_node, js.name);
					TSNode al = field(spec_node, js.alias);
					const char *member = walk_text(w, nm);
					const char *local =
						ts_node_is_null(al)
							? member
							: walk_text(w, al);
					walk_add_binding(
						w, SF_BIND_MEMBER, local,
						arena_printf(&w->f->arena,
							     "%s.%s", mod,
							     member),
						-1, spec_node, true);
				}
			}
		}
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
	switch (walk_kind(w, parent)) {
	case K_VAR_DECLARATOR: {
		TSNode n = field(parent, js.name);
		return walk_kind(w, n) == K_IDENT ? walk_text(w, n) : NULL;
	}
	case K_ASSIGNMENT: {
		TSNode left = field(parent, js.left);
		return walk_path(w, left, &js.path, NULL);
	}
	case K_PAIR:
		return walk_text(w, field(parent, js.key));
	case K_FIELD_DEFINITION:
		return walk_text(w, field(parent, js.property));
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
	if (kind != K_METHOD && walk_kind(w, walk_ancestor(w, 1)) != K_PAIR)
		return NULL;
	if (walk_kind(w, walk_ancestor(w, up)) != K_OBJECT)
		return NULL;
	TSNode holder = walk_ancestor(w, up + 1);
	switch (walk_kind(w, holder)) {
	case K_VAR_DECLARATOR: {
		TSNode n = field(holder, js.name);
		return walk_kind(w, n) == K_IDENT ? walk_text(w, n) : NULL;
	}
	case K_ASSIGNMENT:
		return walk_path(w, field(holder, js.left), &js.path, NULL);
	default:
		return NULL;
	}
}

static void
bind_parameters(struct walk *w, TSNode fn_node, int32_t scope)
{
	TSNode single = field(fn_node, js.parameter);
	if (!ts_node_is_null(single)) {
		walk_add_binding(w, SF_BIND_LOCAL, walk_text(w, single), NULL,
				 scope, single, false);
		return;
	}
	TSNode params = field(fn_node, js.parameters);
	uint32_t n =
		ts_node_is_null(params) ? 0 : ts_node_named_child_count(params);
	for (uint32_t i = 0; i < n; i++) {
		TSNode p = ts_node_named_child(params, i);
		uint8_t k = walk_kind(w, p);
		if (k == K_ASSIGNMENT_PATTERN) {
			p = field(p, js.left);
			k = walk_kind(w, p);
		} else if (k == K_REST_PATTERN) {
			p = ts_node_named_child(p, 0);
			k = walk_kind(w, p);
		}
		if (k == K_IDENT) {
			walk_add_binding(w, SF_BIND_LOCAL, walk_text(w, p),
					 NULL, scope, p, false);
		} else if (k == K_OBJECT_PATTERN) {
			int32_t saved = w->fn;
			w->fn = scope;
			bind_pattern_member(w, p, NULL, false, SF_BIND_LOCAL);
			w->fn = saved;
		}
	}
}

static void
enter_function(struct walk *w, TSNode node, uint8_t kind)
{
	int32_t parent_scope = w->fn;
	int32_t idx = walk_add_function(w, node);
	struct sf_function *fn = &w->f->functions.v[idx];
	TSNode name = field(node, js.name);
	const char *nm = NULL;
	if (!ts_node_is_null(name)) {
		nm = walk_text(w, name);
		fn->name_span = walk_span(name);
	} else {
		nm = contextual_name(w);
	}
	if (kind == K_METHOD)
		fn->flags |= SF_FN_METHOD;
	if (nm == NULL) {
		fn->flags |= SF_FN_ANONYMOUS;
		TSNode first = ts_node_child(node, 0);
		fn->name_span = walk_span(first);
	} else if (kind == K_METHOD && w->cls >= 0 &&
		   walk_kind(w, walk_ancestor(w, 1)) != K_OBJECT) {
		fn->name = arena_printf(&w->f->arena, "%s.%s",
					w->f->classes.v[w->cls].name, nm);
	} else {
		const char *owner = object_owner(w, kind);
		fn->name =
			owner ? arena_printf(&w->f->arena, "%s.%s", owner, nm)
			      : nm;
	}
	if (walk_has_token(node, "async", 3))
		fn->flags |= SF_FN_ASYNC;
	if (kind == K_GENERATOR_DECL || kind == K_GENERATOR_EXPR ||
	    (kind == K_METHOD && walk_has_token(node, "*", 4)))
		fn->flags |= SF_FN_GENERATOR;

	/* A function literal passed as an argument of the current call. */
	TSNode parent = walk_ancestor(w, 1);
	if (walk_kind(w, parent) == K_ARGUMENTS && w->call >= 0) {
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
	TSNode name = field(node, js.name);
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

static void
add_args(struct walk *w, TSNode args)
{
	uint32_t n = ts_node_named_child_count(args);
	for (uint32_t i = 0; i < n; i++) {
		TSNode a = ts_node_named_child(args, i);
		uint8_t k = walk_kind(w, a);
		if (k == K_COMMENT)
			continue;
		struct sf_arg *arg = VEC_PUSH(w->f->args);
		arg->span = walk_span(a);
		arg->function = -1;
		arg->call = -1;
		if (k == K_IDENT || k == K_MEMBER) {
			arg->text = walk_path(w, a, &js.path, NULL);
			arg->kind = arg->text ? SF_ARG_NAME : SF_ARG_OTHER;
		} else if (is_function_kind(k)) {
			arg->kind = SF_ARG_FUNCTION;
		} else if (k == K_STRING || k == K_TEMPLATE) {
			arg->text = string_value(w, a);
			arg->kind = arg->text ? SF_ARG_STRING : SF_ARG_OTHER;
		} else if (k == K_NUMBER) {
			arg->kind = SF_ARG_NUMBER;
			arg->text = walk_text(w, a);
		} else if (k == K_CALL || k == K_NEW) {
			arg->kind = SF_ARG_CALL;
		} else {
			arg->kind = SF_ARG_OTHER;
		}
	}
}

static void
enter_call(struct walk *w, TSNode node, uint8_t kind)
{
	TSNode parent = walk_ancestor(w, 1);
	int32_t outer = w->call;
	int32_t idx = walk_add_call(w, node);
	struct sf_call *c = &w->f->calls.v[idx];
	TSNode callee =
		field(node, kind == K_NEW ? js.constructor : js.function);
	if (!ts_node_is_null(callee)) {
		c->callee = walk_path(w, callee, &js.path, NULL);
		c->callee_span = walk_span(callee);
		if (walk_kind(w, callee) == K_MEMBER) {
			TSNode prop = field(callee, js.property);
			if (!ts_node_is_null(prop))
				c->method = walk_text(w, prop);
		}
	}
	if (kind == K_NEW)
		c->flags |= SF_CALL_NEW;
	uint8_t pk = walk_kind(w, parent);
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
	TSNode args = field(node, js.arguments);
	if (!ts_node_is_null(args) && walk_kind(w, args) == K_ARGUMENTS) {
		c->arg0 = w->f->args.n;
		add_args(w, args);
		c = &w->f->calls.v[idx];
		c->nargs = w->f->args.n - c->arg0;
	}
	if (c->callee != NULL && strncmp(c->callee, "this.", 5) == 0)
		c->flags |= SF_CALL_SELF;
	/* new RegExp("literal") / RegExp("literal") */
	if (c->callee != NULL && strcmp(c->callee, "RegExp") == 0 &&
	    c->nargs >= 1) {
		TSNode a0 = ts_node_named_child(args, 0);
		const char *pattern = string_unescaped(w, a0);
		if (pattern != NULL) {
			struct sf_regex *r = VEC_PUSH(w->f->regexes);
			r->pattern = pattern;
			TSNode a1 = ts_node_named_child(args, 1);
			const char *flags =
				c->nargs >= 2 ? string_value(w, a1) : NULL;
			r->flags = flags ? flags : "";
			r->span = walk_span(node);
			r->function = w->fn;
		}
	}
	walk_push(w, WALK_FRAME_CALL, idx);
}

/* --- loops -------------------------------------------------------------- */

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

/* `i < N`, `i <= N`, `i < arr.length`, `i < n` in a C-style for. */
static void
for_bound(struct walk *w, struct sf_loop *l, TSNode node)
{
	TSNode cond = field(node, js.condition);
	if (ts_node_is_null(cond) || walk_kind(w, cond) == K_EMPTY_STATEMENT) {
		l->flags |= SF_LOOP_INFINITE;
		return;
	}
	if (walk_kind(w, cond) != K_BINARY) {
		if (is_true_literal(w, cond))
			l->flags |= SF_LOOP_INFINITE;
		return;
	}
	const char *op = ts_node_type(field(cond, js.operator));
	TSNode bound;
	if (strcmp(op, "<") == 0 || strcmp(op, "<=") == 0 ||
	    strcmp(op, "!=") == 0 || strcmp(op, "!==") == 0)
		bound = field(cond, js.right);
	else if (strcmp(op, ">") == 0 || strcmp(op, ">=") == 0)
		bound = field(cond, js.right); /* counting down to a bound */
	else
		return;
	double v;
	if (walk_const_eval(w, bound, &js.consts, &v)) {
		/* Counting from a literal start: `let i = 10; i < 1e6`. */
		double start = 0;
		TSNode init = field(node, js.initializer);
		if (!ts_node_is_null(init) &&
		    ts_node_named_child_count(init) > 0) {
			TSNode decl = ts_node_named_child(init, 0);
			if (walk_kind(w, decl) == K_VAR_DECLARATOR &&
			    !walk_const_eval(w, field(decl, js.value),
					     &js.consts, &start))
				start = 0;
		}
		double trip = v > start ? v - start : start - v;
		l->trip = trip;
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
	TSNode body = field(node, js.body);
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
		TSNode right = field(node, js.right);
		if (walk_kind(w, right) == K_ARRAY)
			l->trip = ts_node_named_child_count(right);
		else
			l->flags |= SF_LOOP_COLLECTION;
		break;
	}
	case K_WHILE:
	case K_DO:
		if (is_true_literal(w, field(node, js.condition)))
			l->flags |= SF_LOOP_INFINITE;
		break;
	}
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

/* --- the walk ----------------------------------------------------------- */

static bool
enter(struct walk *w, TSNode node, uint8_t kind)
{
	struct js_state *st = w->user;
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
	switch (kind) {
	case K_COMMENT:
		walk_comment(w, node, st->code_seen);
		return false;
	case K_HASH_BANG: {
		const char *t = walk_text(w, node);
		if (strstr(t, "node") != NULL)
			w->f->flags |= SF_FILE_CLI;
		return false;
	}
	case K_STRING:
	case K_NUMBER:
		return false;
	case K_REGEX: {
		struct sf_regex *r = VEC_PUSH(w->f->regexes);
		TSNode p = field(node, js.pattern), fl = field(node, js.flags);
		r->pattern = ts_node_is_null(p) ? "" : walk_text(w, p);
		r->flags = ts_node_is_null(fl) ? "" : walk_text(w, fl);
		r->span = walk_span(node);
		r->function = w->fn;
		return false;
	}
	case K_FUNCTION_DECL:
	case K_GENERATOR_DECL:
	case K_FUNCTION_EXPR:
	case K_GENERATOR_EXPR:
	case K_ARROW:
	case K_METHOD:
		enter_function(w, node, kind);
		return true;
	case K_CLASS_DECL:
	case K_CLASS:
		enter_class(w, node, kind);
		return true;
	case K_CALL:
	case K_NEW:
		walk_loop_op(w, SF_LOOP_CALLS);
		enter_call(w, node, kind);
		return true;
	case K_FOR:
	case K_FOR_IN:
	case K_WHILE:
	case K_DO:
		enter_loop(w, node, kind);
		return true;
	case K_AWAIT: {
		struct sf_await *a = VEC_PUSH(w->f->awaits);
		a->span = walk_span(node);
		a->function = w->fn;
		a->loop = w->loop;
		a->call = -1;
		TSNode parent = walk_ancestor(w, 1);
		uint8_t pk = walk_kind(w, parent);
		if (pk == K_VAR_DECLARATOR) {
			TSNode n = field(parent, js.name);
			a->assigned = walk_text(w, n);
		} else if (pk == K_ASSIGNMENT) {
			a->assigned = walk_path(w, field(parent, js.left),
						&js.path, NULL);
		}
		walk_loop_flag(w, SF_LOOP_AWAIT);
		return true;
	}
	case K_YIELD:
		if (w->fn >= 0)
			w->f->functions.v[w->fn].flags |= SF_FN_GENERATOR;
		walk_loop_flag(w, SF_LOOP_YIELD);
		return true;
	case K_IMPORT:
		enter_import(w, node);
		return false;
	case K_VAR_DECLARATOR: {
		TSNode parent = walk_ancestor(w, 1);
		bool is_const = walk_has_token(parent, "const", 1);
		uint32_t first = w->f->bindings.n;
		bind_assignment(w, field(node, js.name), field(node, js.value),
				is_const || w->fn < 0);
		if (walk_kind(w, parent) == K_LEXICAL_DECLARATION)
			limit_to_block(w, first);
		return true;
	}
	case K_ASSIGNMENT:
		bind_assignment(w, field(node, js.left), field(node, js.right),
				false);
		return true;
	case K_BINARY: {
		uint32_t fl =
			binary_flags(ts_node_type(field(node, js.operator)));
		if (fl)
			walk_loop_op(w, fl);
		return true;
	}
	case K_AUGMENTED:
	case K_UPDATE:
		walk_loop_op(w, SF_LOOP_ARITH);
		return true;
	case K_SUBSCRIPT:
		walk_loop_op(w, SF_LOOP_INDEX);
		return true;
	case K_BREAK:
	case K_RETURN:
		walk_loop_flag(w, SF_LOOP_BREAKS);
		return true;
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
		if (strlen(globals[i]) == n &&
		    strncmp(path, globals[i], n) == 0)
			return true;
	return false;
}

void
js_resolve(struct sf_facts *f)
{
	walk_resolve(f, is_global);
}

void
js_extract(struct sf_facts *f, const TSTree *tree, const char *src,
	   uint32_t len, const struct extract_options *opts)
{
	pthread_once(&js_once, js_init);
	struct js_state st = {.code_seen = opts != NULL && opts->not_first};
	struct walk w = {
		.f = f,
		.src = src,
		.len = len,
		.kinds = &js.kinds,
		.user = &st,
		.opts = opts,
	};
	walk_file(&w, tree, enter);
	if (opts == NULL || !opts->fragment)
		js_resolve(f);
}
