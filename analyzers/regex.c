/*
 * Regex: an iterative parser for JavaScript patterns into a small syntax
 * tree, the position automaton of that tree, and the search of its
 * self-product for exponential ambiguity (see regex.h).
 */
#include "regex.h"

#include <stdlib.h>
#include <string.h>

#include "util/vec.h"
#include "util/xalloc.h"

#define RX_INF UINT32_MAX
/* Code points above Latin-1 fall in one of 64 buckets. */
#define RX_HI_BUCKETS 64
/* Ranges above Latin-1 wider than this are "every such code point". */
#define RX_HI_RANGE_MAX 64
#define RX_WORDS        ((REGEX_MAX_POSITIONS + 63) / 64)

enum rx_type {
	RX_EMPTY,
	RX_CHAR,
	RX_ANCHOR,
	RX_LOOK, /* lookahead / lookbehind: zero width, contents ignored */
	RX_GROUP,
	RX_CONCAT,
	RX_ALT,
	RX_REPEAT,
};

/* A set of code points: Latin-1 exactly; above it, the Unicode spaces as
 * one group, and the rest hashed into buckets or taken as a whole. */
struct rx_set {
	uint64_t lo[4];
	uint64_t hi;   /* buckets of single code points */
	bool hi_all;   /* (nearly) every code point above Latin-1 but spaces */
	bool hi_space; /* the spaces above Latin-1 (\s has them) */
};

/* The white space of \s above Latin-1. */
static const uint32_t hi_spaces[] = {
	0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
	0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff};

static bool
is_hi_space(uint32_t c)
{
	for (size_t i = 0; i < sizeof hi_spaces / sizeof *hi_spaces; i++)
		if (hi_spaces[i] == c)
			return true;
	return false;
}

struct rx_node {
	uint8_t type;
	uint32_t start, end; /* bytes of the pattern */
	int32_t child, next, parent;
	uint32_t min, max; /* RX_REPEAT */
	int32_t pos;       /* RX_CHAR: its position, or -1 (in a lookaround) */
	struct rx_set set; /* RX_CHAR */
};

/* An open group while parsing: its node, and the alternative (a CONCAT
 * under the group's ALT) terms are being added to. */
struct rx_frame {
	int32_t group, alt, concat, tail;
	bool look;
};

struct rx {
	const char *p;
	size_t len, i;
	bool icase, dotall, unicode, vmode;
	VEC(struct rx_node) nodes;
	VEC(struct rx_frame) frames;
	uint32_t npos;
	uint32_t look_depth;
	const char *error;
	uint32_t error_at;
	bool unsupported;
};

/* --- sets --------------------------------------------------------------- */

static void
set_add(struct rx_set *s, uint32_t c)
{
	if (c < 256)
		s->lo[c >> 6] |= 1ull << (c & 63);
	else if (is_hi_space(c))
		s->hi_space = true;
	else
		s->hi |= 1ull << ((c * 2654435761u) >> 26);
}

static void
set_range(struct rx_set *s, uint32_t a, uint32_t b)
{
	for (uint32_t c = a; c <= b && c < 256; c++)
		set_add(s, c);
	if (b >= 256) {
		uint32_t from = a < 256 ? 256 : a;
		if (b - from >= RX_HI_RANGE_MAX) {
			s->hi_all = true;
			for (size_t i = 0;
			     i < sizeof hi_spaces / sizeof *hi_spaces; i++)
				if (hi_spaces[i] >= from && hi_spaces[i] <= b)
					s->hi_space = true;
		} else
			for (uint32_t c = from; c <= b; c++)
				set_add(s, c);
	}
}

static void
set_union(struct rx_set *a, const struct rx_set *b)
{
	for (int i = 0; i < 4; i++)
		a->lo[i] |= b->lo[i];
	a->hi |= b->hi;
	a->hi_all |= b->hi_all;
	a->hi_space |= b->hi_space;
}

static void
set_negate(struct rx_set *s)
{
	for (int i = 0; i < 4; i++)
		s->lo[i] = ~s->lo[i];
	/* Few code points above Latin-1 in: nearly all of them out. */
	s->hi_all = !s->hi_all;
	s->hi_space = !s->hi_space;
	s->hi = 0;
}

static bool
set_overlap(const struct rx_set *a, const struct rx_set *b)
{
	for (int i = 0; i < 4; i++)
		if (a->lo[i] & b->lo[i])
			return true;
	if ((a->hi & b->hi) || (a->hi_space && b->hi_space))
		return true;
	return (a->hi_all && (b->hi_all || b->hi)) || (b->hi_all && a->hi);
}

static bool
set_empty(const struct rx_set *s)
{
	return !(s->lo[0] | s->lo[1] | s->lo[2] | s->lo[3] | s->hi) &&
	       !s->hi_all && !s->hi_space;
}

static void
set_space(struct rx_set *s)
{
	set_range(s, 9, 13);
	set_add(s, ' ');
	set_add(s, 0xa0);
	s->hi_space = true;
}

static void
set_word(struct rx_set *s)
{
	set_range(s, '0', '9');
	set_range(s, 'A', 'Z');
	set_range(s, 'a', 'z');
	set_add(s, '_');
}

/* \d \w \s and their negations; false when c is none of them. */
static bool
set_class_escape(struct rx_set *s, char c)
{
	struct rx_set t = {0};
	switch (c) {
	case 'd':
	case 'D':
		set_range(&t, '0', '9');
		break;
	case 'w':
	case 'W':
		set_word(&t);
		break;
	case 's':
	case 'S':
		set_space(&t);
		break;
	default:
		return false;
	}
	if (c == 'D' || c == 'W' || c == 'S')
		set_negate(&t);
	set_union(s, &t);
	return true;
}

/* \p{Name} / \P{Name}, by the ASCII and Latin-1 part of the property. */
static void
set_property(struct rx_set *s, const char *name, size_t n, bool negate)
{
	struct rx_set t = {0};
#define IS(str) (n >= sizeof str - 1 && memcmp(name, str, sizeof str - 1) == 0)
	if (IS("N") || IS("Nd") || IS("digit") || IS("Number") ||
	    IS("Decimal")) {
		set_range(&t, '0', '9');
		t.hi_all = true;
	} else if (IS("P") || IS("Punct")) {
		static const char punct[] = "!\"#%&'()*,-./:;?@[\\]_{}";
		for (const char *q = punct; *q; q++)
			set_add(&t, (unsigned char)*q);
		t.hi_all = true;
	} else if (IS("S") || IS("Sym")) {
		static const char sym[] = "$+<=>^`|~";
		for (const char *q = sym; *q; q++)
			set_add(&t, (unsigned char)*q);
		t.hi_all = true;
	} else if (IS("Z") || IS("White_Space") || IS("space") ||
		   IS("Separator")) {
		set_space(&t);
	} else if (IS("ASCII") && !IS("ASCII_")) {
		set_range(&t, 0, 127);
	} else if (IS("Any")) {
		set_range(&t, 0, 255);
		t.hi_all = t.hi_space = true;
	} else {
		/* Letters, scripts, ID_Start, Alphabetic and the rest: the
		 * letters of Latin-1 and everything beyond. */
		set_range(&t, 'A', 'Z');
		set_range(&t, 'a', 'z');
		set_range(&t, 0xc0, 0xff);
		t.lo[0xd7 >> 6] &= ~(1ull << (0xd7 & 63));
		t.lo[0xf7 >> 6] &= ~(1ull << (0xf7 & 63));
		if (IS("ID_C") || IS("XID_C") || IS("Alnum"))
			set_range(&t, '0', '9');
		t.hi_all = true;
	}
#undef IS
	if (negate)
		set_negate(&t);
	set_union(s, &t);
}

static void
set_fold_case(struct rx_set *s)
{
	for (uint32_t c = 'A'; c <= 'Z'; c++) {
		uint32_t l = c + 32;
		bool up = s->lo[c >> 6] & (1ull << (c & 63));
		bool low = s->lo[l >> 6] & (1ull << (l & 63));
		if (up || low) {
			set_add(s, c);
			set_add(s, l);
		}
	}
}

/* --- parsing ------------------------------------------------------------ */

static int32_t
new_node(struct rx *r, enum rx_type type, uint32_t start)
{
	struct rx_node *n = VEC_PUSH(r->nodes);
	n->type = (uint8_t)type;
	n->start = n->end = start;
	n->child = n->next = n->parent = -1;
	n->pos = -1;
	return (int32_t)(r->nodes.n - 1);
}

static void
fail(struct rx *r, const char *msg, size_t at)
{
	if (r->error == NULL) {
		r->error = msg;
		r->error_at = (uint32_t)at;
	}
}

/* Appends child as the last child of parent; tail is parent's last child
 * or -1. */
static void
append(struct rx *r, int32_t parent, int32_t *tail, int32_t child)
{
	r->nodes.v[child].parent = parent;
	if (*tail < 0)
		r->nodes.v[parent].child = child;
	else
		r->nodes.v[*tail].next = child;
	*tail = child;
}

/* Starts a new alternative in the innermost open group. */
static void
open_alternative(struct rx *r, uint32_t at)
{
	struct rx_frame *fr = &r->frames.v[r->frames.n - 1];
	int32_t alt_tail = -1;
	for (int32_t c = r->nodes.v[fr->alt].child; c >= 0;
	     c = r->nodes.v[c].next)
		alt_tail = c;
	int32_t concat = new_node(r, RX_CONCAT, (uint32_t)at);
	fr = &r->frames.v[r->frames.n - 1];
	append(r, fr->alt, &alt_tail, concat);
	fr->concat = concat;
	fr->tail = -1;
}

/* Opens a group (or the whole pattern, with type RX_GROUP at 0). */
static void
open_group(struct rx *r, enum rx_type type, uint32_t start)
{
	int32_t g = new_node(r, type, start);
	if (r->frames.n > 0) {
		struct rx_frame *outer = &r->frames.v[r->frames.n - 1];
		append(r, outer->concat, &outer->tail, g);
	}
	int32_t alt = new_node(r, RX_ALT, start);
	r->nodes.v[g].child = alt;
	r->nodes.v[alt].parent = g;
	struct rx_frame *fr = VEC_PUSH(r->frames);
	fr->group = g;
	fr->alt = alt;
	fr->look = type == RX_LOOK;
	if (fr->look)
		r->look_depth++;
	open_alternative(r, start);
}

static void
close_group(struct rx *r, uint32_t end)
{
	struct rx_frame fr = r->frames.v[--r->frames.n];
	if (fr.look)
		r->look_depth--;
	r->nodes.v[fr.group].end = end;
	r->nodes.v[fr.alt].end = end;
	for (int32_t c = r->nodes.v[fr.alt].child; c >= 0;
	     c = r->nodes.v[c].next)
		if (r->nodes.v[c].end < r->nodes.v[c].start)
			r->nodes.v[c].end = r->nodes.v[c].start;
}

/* Adds a one-character term with set s spanning [start, r->i). */
static void
add_char(struct rx *r, const struct rx_set *s, size_t start)
{
	int32_t n = new_node(r, RX_CHAR, (uint32_t)start);
	struct rx_node *node = &r->nodes.v[n];
	node->end = (uint32_t)r->i;
	node->set = *s;
	struct rx_frame *fr = &r->frames.v[r->frames.n - 1];
	append(r, fr->concat, &fr->tail, n);
	r->nodes.v[fr->concat].end = (uint32_t)r->i;
}

static void
add_zero_width(struct rx *r, enum rx_type type, size_t start)
{
	int32_t n = new_node(r, type, (uint32_t)start);
	r->nodes.v[n].end = (uint32_t)r->i;
	struct rx_frame *fr = &r->frames.v[r->frames.n - 1];
	append(r, fr->concat, &fr->tail, n);
}

/* One UTF-8 code point at r->i (invalid bytes count as themselves). */
static uint32_t
next_code_point(struct rx *r)
{
	const unsigned char *s = (const unsigned char *)r->p + r->i;
	size_t left = r->len - r->i;
	uint32_t c = s[0];
	size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (n > left)
		n = 1;
	for (size_t k = 1; k < n; k++)
		if ((s[k] & 0xc0) != 0x80)
			n = 1; /* not UTF-8: the byte stands for itself */
	if (n > 1) {
		c &= 0x7f >> n;
		for (size_t k = 1; k < n; k++)
			c = (c << 6) | (s[k] & 0x3f);
	}
	r->i += n;
	return c;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads n hex digits at r->i into *out; false (nothing read) otherwise. */
static bool
read_hex(struct rx *r, size_t n, uint32_t *out)
{
	if (r->i + n > r->len)
		return false;
	uint32_t v = 0;
	for (size_t k = 0; k < n; k++) {
		int h = hex_value(r->p[r->i + k]);
		if (h < 0)
			return false;
		v = v * 16 + (uint32_t)h;
	}
	r->i += n;
	*out = v;
	return true;
}

/* The escape after a backslash (r->i is past the backslash) as a set:
 * a character, a class escape or a property. in_class: `\b` is a
 * backspace. Returns false for escapes that are not characters (anchors,
 * backreferences), leaving r->i unchanged. *single tells whether the set
 * is one character with code point *cp (for ranges). */
static bool
escape_set(struct rx *r, struct rx_set *s, bool in_class, bool *single,
	   uint32_t *cp)
{
	*single = false;
	if (r->i >= r->len) {
		fail(r, "\\ at end of pattern", r->i);
		return false;
	}
	char c = r->p[r->i];
	if (set_class_escape(s, c)) {
		r->i++;
		return true;
	}
	if ((c == 'p' || c == 'P') && (r->unicode || r->vmode) &&
	    r->i + 1 < r->len && r->p[r->i + 1] == '{') {
		const char *close =
			memchr(r->p + r->i + 2, '}', r->len - r->i - 2);
		if (close == NULL) {
			fail(r, "unterminated \\p{...}", r->i);
			return false;
		}
		const char *name = r->p + r->i + 2;
		size_t n = (size_t)(close - name);
		const char *eq = memchr(name, '=', n);
		if (eq != NULL && (size_t)(eq - name) + 1 < n &&
		    eq - name == 16 &&
		    memcmp(name, "General_Category", 16) == 0) {
			n -= (size_t)(eq + 1 - name);
			name = eq + 1;
		}
		set_property(s, name, n, c == 'P');
		r->i = (size_t)(close - r->p) + 1;
		return true;
	}
	if (!in_class &&
	    (c == 'b' || c == 'B' || (c >= '1' && c <= '9') ||
	     (c == 'k' && r->i + 1 < r->len && r->p[r->i + 1] == '<')))
		return false;
	uint32_t v;
	r->i++;
	switch (c) {
	case 'n':
		v = '\n';
		break;
	case 'r':
		v = '\r';
		break;
	case 't':
		v = '\t';
		break;
	case 'v':
		v = '\v';
		break;
	case 'f':
		v = '\f';
		break;
	case 'b':
		v = '\b';
		break;
	case '0':
		v = 0;
		break;
	case 'c':
		if (r->i < r->len && ((r->p[r->i] | 0x20) >= 'a' &&
				      (r->p[r->i] | 0x20) <= 'z')) {
			v = (uint32_t)(r->p[r->i] & 31);
			r->i++;
		} else {
			v = '\\';
			r->i--; /* Annex B: `\c` is a backslash and a c */
		}
		break;
	case 'x':
		if (!read_hex(r, 2, &v))
			v = 'x';
		break;
	case 'u':
		if (r->i < r->len && r->p[r->i] == '{') {
			size_t save = r->i;
			r->i++;
			v = 0;
			bool any = false;
			while (r->i < r->len && hex_value(r->p[r->i]) >= 0 &&
			       v <= 0x10ffff) {
				v = v * 16 + (uint32_t)hex_value(r->p[r->i++]);
				any = true;
			}
			if (!any || r->i >= r->len || r->p[r->i] != '}') {
				r->i = save;
				v = 'u';
			} else {
				r->i++;
			}
		} else if (!read_hex(r, 4, &v)) {
			v = 'u';
		}
		break;
	default:
		r->i--;
		v = next_code_point(r);
		break;
	}
	set_add(s, v);
	*single = true;
	*cp = v;
	return true;
}

/* A character class at r->i (just past `[`), up to and past its `]`. */
static void
parse_class(struct rx *r, size_t start)
{
	struct rx_set s = {0};
	bool negate = false;
	if (r->i < r->len && r->p[r->i] == '^') {
		negate = true;
		r->i++;
	}
	for (;;) {
		if (r->i >= r->len) {
			fail(r, "unterminated character class", start);
			return;
		}
		char c = r->p[r->i];
		if (c == ']') {
			r->i++;
			break;
		}
		if (r->vmode &&
		    (c == '[' || (r->i + 1 < r->len &&
				  ((c == '-' && r->p[r->i + 1] == '-') ||
				   (c == '&' && r->p[r->i + 1] == '&'))))) {
			r->unsupported = true; /* v-mode set operations */
			return;
		}
		bool single;
		uint32_t a;
		struct rx_set atom = {0};
		if (c == '\\') {
			r->i++;
			if (!escape_set(r, &atom, true, &single, &a))
				return;
		} else {
			a = next_code_point(r);
			set_add(&atom, a);
			single = true;
		}
		if (single && r->i + 1 < r->len && r->p[r->i] == '-' &&
		    r->p[r->i + 1] != ']') {
			size_t save = r->i;
			r->i++;
			bool single_b;
			uint32_t b;
			struct rx_set end = {0};
			if (r->p[r->i] == '\\') {
				r->i++;
				if (!escape_set(r, &end, true, &single_b, &b))
					return;
			} else {
				b = next_code_point(r);
				single_b = true;
			}
			if (single_b) {
				if (b < a) {
					fail(r, "range out of order in class",
					     save);
					return;
				}
				set_range(&atom, a, b);
			} else {
				/* Annex B: `[a-\d]` is a, -, and digits. */
				set_add(&atom, '-');
				set_union(&atom, &end);
			}
		}
		set_union(&s, &atom);
	}
	if (r->icase)
		set_fold_case(&s);
	if (negate)
		set_negate(&s);
	add_char(r, &s, start);
}

/* `{n}`, `{n,}`, `{n,m}` at r->i; false (r->i unchanged) when it is not a
 * quantifier. */
static bool
parse_braces(struct rx *r, uint32_t *min, uint32_t *max)
{
	size_t i = r->i + 1;
	uint64_t a = 0, b;
	size_t digits = 0;
	while (i < r->len && r->p[i] >= '0' && r->p[i] <= '9') {
		a = a * 10 + (uint64_t)(r->p[i++] - '0');
		if (a > RX_INF - 1)
			a = RX_INF - 1;
		digits++;
	}
	if (digits == 0 || i >= r->len)
		return false;
	b = a;
	if (r->p[i] == ',') {
		i++;
		size_t bd = 0;
		b = 0;
		while (i < r->len && r->p[i] >= '0' && r->p[i] <= '9') {
			b = b * 10 + (uint64_t)(r->p[i++] - '0');
			if (b > RX_INF - 1)
				b = RX_INF - 1;
			bd++;
		}
		if (bd == 0)
			b = RX_INF;
	}
	if (i >= r->len || r->p[i] != '}')
		return false;
	*min = (uint32_t)a;
	*max = (uint32_t)b;
	r->i = i + 1;
	return true;
}

/* Wraps the last term of the current alternative in a repetition. */
static void
quantify(struct rx *r, uint32_t min, uint32_t max, size_t at)
{
	struct rx_frame *fr = &r->frames.v[r->frames.n - 1];
	int32_t t = fr->tail;
	if (t < 0 || r->nodes.v[t].type == RX_REPEAT ||
	    (r->nodes.v[t].type == RX_ANCHOR)) {
		fail(r, "nothing to repeat", at);
		return;
	}
	if (max != RX_INF && min > max) {
		fail(r, "numbers out of order in {} quantifier", at);
		return;
	}
	/* The term's node becomes the repetition; a copy of it, its child. */
	int32_t copy = new_node(r, RX_EMPTY, 0);
	struct rx_node *tn = &r->nodes.v[t], *cn = &r->nodes.v[copy];
	*cn = *tn;
	cn->next = -1;
	cn->parent = t;
	for (int32_t c = cn->child; c >= 0; c = r->nodes.v[c].next)
		r->nodes.v[c].parent = copy;
	tn->type = RX_REPEAT;
	tn->child = copy;
	tn->min = min;
	tn->max = max;
	tn->pos = -1;
	tn->end = (uint32_t)r->i;
	if (r->i < r->len && r->p[r->i] == '?') { /* lazy */
		r->i++;
		tn->end = (uint32_t)r->i;
	}
	r->nodes.v[fr->concat].end = tn->end;
}

/* A backreference can match any text the group matched: `(?:.|)`, an
 * optional "any character", is the closest one-position stand-in. */
static void
add_backreference(struct rx *r, size_t start)
{
	struct rx_set any = {0};
	set_range(&any, 0, 255);
	any.hi_all = any.hi_space = true;
	open_group(r, RX_GROUP, (uint32_t)start);
	add_char(r, &any, start);
	open_alternative(r, (uint32_t)r->i);
	close_group(r, (uint32_t)r->i);
}

static void
parse(struct rx *r)
{
	open_group(r, RX_GROUP, 0);
	while (r->i < r->len && r->error == NULL && !r->unsupported) {
		size_t start = r->i;
		char c = r->p[r->i++];
		struct rx_set s = {0};
		switch (c) {
		case '(': {
			enum rx_type type = RX_GROUP;
			if (r->i < r->len && r->p[r->i] == '?') {
				const char *q = r->p + r->i;
				size_t left = r->len - r->i;
				if (left >= 2 && (q[1] == '=' || q[1] == '!')) {
					type = RX_LOOK;
					r->i += 2;
				} else if (left >= 3 && q[1] == '<' &&
					   (q[2] == '=' || q[2] == '!')) {
					type = RX_LOOK;
					r->i += 3;
				} else if (left >= 2 && q[1] == '<') {
					const char *gt = memchr(q, '>', left);
					if (gt == NULL) {
						fail(r,
						     "unterminated group name",
						     start);
						break;
					}
					r->i = (size_t)(gt - r->p) + 1;
				} else {
					/* `(?:` and modifiers `(?i-m:` */
					const char *colon =
						memchr(q, ':', left);
					if (colon == NULL) {
						fail(r, "invalid group", start);
						break;
					}
					r->i = (size_t)(colon - r->p) + 1;
				}
			}
			open_group(r, type, (uint32_t)start);
			break;
		}
		case ')':
			if (r->frames.n <= 1) {
				fail(r, "unmatched )", start);
				break;
			}
			close_group(r, (uint32_t)r->i);
			break;
		case '|':
			open_alternative(r, (uint32_t)r->i);
			break;
		case '[':
			parse_class(r, start);
			break;
		case '.':
			set_range(&s, 0, 255);
			s.hi_all = s.hi_space = true;
			if (!r->dotall) {
				s.lo[0] &= ~((1ull << '\n') | (1ull << '\r'));
			}
			add_char(r, &s, start);
			break;
		case '^':
		case '$':
			add_zero_width(r, RX_ANCHOR, start);
			break;
		case '*':
			quantify(r, 0, RX_INF, start);
			break;
		case '+':
			quantify(r, 1, RX_INF, start);
			break;
		case '?':
			quantify(r, 0, 1, start);
			break;
		case '{': {
			uint32_t min, max;
			r->i = start;
			if (parse_braces(r, &min, &max)) {
				quantify(r, min, max, start);
			} else if (r->unicode || r->vmode) {
				fail(r, "lone { (use \\{)", start);
			} else {
				r->i = start + 1;
				set_add(&s, '{');
				add_char(r, &s, start);
			}
			break;
		}
		case '\\': {
			bool single;
			uint32_t cp;
			if (escape_set(r, &s, false, &single, &cp)) {
				if (r->icase)
					set_fold_case(&s);
				add_char(r, &s, start);
				break;
			}
			if (r->error != NULL)
				break;
			char e = r->p[r->i];
			if (e == 'b' || e == 'B') {
				r->i++;
				add_zero_width(r, RX_ANCHOR, start);
			} else if (e == 'k') {
				const char *gt =
					memchr(r->p + r->i, '>', r->len - r->i);
				r->i = gt ? (size_t)(gt - r->p) + 1 : r->len;
				add_backreference(r, start);
			} else {
				while (r->i < r->len && r->p[r->i] >= '0' &&
				       r->p[r->i] <= '9')
					r->i++;
				add_backreference(r, start);
			}
			break;
		}
		default:
			r->i = start;
			set_add(&s, next_code_point(r));
			if (r->icase)
				set_fold_case(&s);
			add_char(r, &s, start);
			break;
		}
	}
	if (r->error == NULL && !r->unsupported && r->frames.n > 1)
		fail(r, "unterminated group",
		     r->nodes.v[r->frames.v[r->frames.n - 1].group].start);
	if (r->error == NULL && !r->unsupported)
		close_group(r, (uint32_t)r->len);
}

/* --- the position automaton --------------------------------------------- */

struct rx_bits {
	uint64_t w[RX_WORDS];
};

static void
bits_or(struct rx_bits *a, const struct rx_bits *b)
{
	for (int i = 0; i < RX_WORDS; i++)
		a->w[i] |= b->w[i];
}

static bool
bits_has(const struct rx_bits *a, uint32_t p)
{
	return (a->w[p >> 6] >> (p & 63)) & 1;
}

struct rx_auto {
	uint32_t n;             /* positions */
	int32_t *pos_node;      /* node of each position */
	uint8_t *mult;          /* n*n: ways p -> q arises, at most 2 */
	int32_t *dup_by;        /* n*n: the loop that made it arise twice */
	bool *overlap;          /* n*n: the positions share a character */
	bool *nullable, *fails; /* per node */
	struct rx_bits *first, *last; /* per node */
};

/* A repetition that can go round more than once by choice. An exact count
 * (`\\{2}`) is a fixed sequence, not a cycle; `{n,m}` is taken as a
 * cycle, which can only add ambiguity (REGEX_BOUNDED_LOOP_MIN keeps small
 * bounds from being reported). */
static bool
is_loop(const struct rx_node *n)
{
	return n->type == RX_REPEAT &&
	       (n->max == RX_INF || (n->max >= 2 && n->max != n->min));
}

static void
add_follow(struct rx_auto *a, const struct rx_bits *from,
	   const struct rx_bits *to, int32_t by)
{
	for (uint32_t p = 0; p < a->n; p++) {
		if (!bits_has(from, p))
			continue;
		for (uint32_t q = 0; q < a->n; q++) {
			if (!bits_has(to, q))
				continue;
			uint8_t *m = &a->mult[p * a->n + q];
			if (*m < 2 && ++*m == 2)
				a->dup_by[p * a->n + q] = by;
		}
	}
}

/* Fills nullable/first/last for node x, whose children are done. */
static void
finish_node(struct rx *r, struct rx_auto *a, int32_t x)
{
	const struct rx_node *n = &r->nodes.v[x];
	struct rx_bits *first = &a->first[x], *last = &a->last[x];
	switch (n->type) {
	case RX_CHAR:
		a->nullable[x] = false;
		a->fails[x] = true;
		if (n->pos >= 0) {
			first->w[n->pos >> 6] |= 1ull << (n->pos & 63);
			*last = *first;
		}
		break;
	case RX_ANCHOR:
	case RX_LOOK:
		a->nullable[x] = true;
		a->fails[x] = true;
		break;
	case RX_EMPTY:
		a->nullable[x] = true;
		break;
	case RX_GROUP:
		a->nullable[x] = a->nullable[n->child];
		a->fails[x] = a->fails[n->child];
		*first = a->first[n->child];
		*last = a->last[n->child];
		break;
	case RX_ALT: {
		bool nullable = false, fails = true;
		for (int32_t c = n->child; c >= 0; c = r->nodes.v[c].next) {
			nullable |= a->nullable[c];
			fails &= a->fails[c];
			bits_or(first, &a->first[c]);
			bits_or(last, &a->last[c]);
		}
		a->nullable[x] = nullable;
		a->fails[x] = n->child >= 0 && fails;
		break;
	}
	case RX_CONCAT: {
		bool nullable = true, fails = false;
		for (int32_t c = n->child; c >= 0; c = r->nodes.v[c].next) {
			add_follow(a, last, &a->first[c], -1);
			if (nullable)
				bits_or(first, &a->first[c]);
			if (a->nullable[c])
				bits_or(last, &a->last[c]);
			else
				*last = a->last[c];
			nullable &= a->nullable[c];
			fails |= a->fails[c];
		}
		a->nullable[x] = nullable;
		a->fails[x] = fails;
		break;
	}
	case RX_REPEAT:
		a->nullable[x] = n->min == 0 || a->nullable[n->child];
		a->fails[x] = n->min > 0 && a->fails[n->child];
		*first = a->first[n->child];
		*last = a->last[n->child];
		if (is_loop(n))
			add_follow(a, last, first, x);
		break;
	}
}

/* Post-order over the tree with an explicit stack; lookaround contents are
 * skipped (they do not consume). */
static void
build_automaton(struct rx *r, struct rx_auto *a)
{
	uint32_t nn = r->nodes.n;
	a->nullable = xcalloc(nn, sizeof *a->nullable);
	a->fails = xcalloc(nn, sizeof *a->fails);
	a->first = xcalloc(nn, sizeof *a->first);
	a->last = xcalloc(nn, sizeof *a->last);
	a->mult = xcalloc((size_t)a->n * a->n + 1, 1);
	a->dup_by = xcalloc((size_t)a->n * a->n + 1, sizeof *a->dup_by);
	a->overlap = xcalloc((size_t)a->n * a->n + 1, sizeof *a->overlap);
	for (uint32_t p = 0; p < a->n; p++)
		for (uint32_t q = 0; q < a->n; q++)
			a->overlap[p * a->n + q] =
				set_overlap(&r->nodes.v[a->pos_node[p]].set,
					    &r->nodes.v[a->pos_node[q]].set);
	VEC(int32_t) stack = {0};
	VEC(bool) expanded = {0};
	*VEC_PUSH(stack) = 0;
	*VEC_PUSH(expanded) = false;
	while (stack.n > 0) {
		int32_t x = stack.v[stack.n - 1];
		const struct rx_node *n = &r->nodes.v[x];
		if (expanded.v[stack.n - 1] || n->type == RX_LOOK) {
			stack.n--;
			expanded.n--;
			finish_node(r, a, x);
			continue;
		}
		expanded.v[stack.n - 1] = true;
		for (int32_t c = n->child; c >= 0; c = r->nodes.v[c].next) {
			*VEC_PUSH(stack) = c;
			*VEC_PUSH(expanded) = false;
		}
	}
	VEC_FREE(stack);
	VEC_FREE(expanded);
}

static void
free_automaton(struct rx_auto *a)
{
	free(a->pos_node);
	free(a->mult);
	free(a->dup_by);
	free(a->overlap);
	free(a->nullable);
	free(a->fails);
	free(a->first);
	free(a->last);
}

/* --- the product's components ------------------------------------------- */

struct tarjan_frame {
	uint32_t v;
	uint32_t s1, s2; /* next successor to try */
};

/* Strongly connected components of the self-product: comp[v] for every
 * pair v = p * n + q of overlapping positions, -1 for the others. Returns
 * false when the step budget ran out. */
static bool
product_components(const struct rx_auto *a, int32_t *comp)
{
	uint32_t n = a->n, nv = n * n;
	int32_t *index = xmalloc(nv * sizeof *index);
	int32_t *low = xmalloc(nv * sizeof *low);
	bool *on = xcalloc(nv, sizeof *on);
	VEC(uint32_t) st = {0};
	VEC(struct tarjan_frame) call = {0};
	for (uint32_t v = 0; v < nv; v++) {
		index[v] = -1;
		comp[v] = -1;
	}
	int32_t next_index = 0, ncomp = 0;
	uint64_t steps = 0;
	bool ok = true;
	for (uint32_t root = 0; root < nv && ok; root++) {
		if (!a->overlap[root] || index[root] >= 0)
			continue;
		struct tarjan_frame *fr = VEC_PUSH(call);
		fr->v = root;
		index[root] = low[root] = next_index++;
		*VEC_PUSH(st) = root;
		on[root] = true;
		while (call.n > 0) {
			fr = &call.v[call.n - 1];
			uint32_t v = fr->v, p1 = v / n, p2 = v % n;
			bool descended = false;
			for (; fr->s1 < n && !descended; fr->s1++, fr->s2 = 0) {
				if (!a->mult[p1 * n + fr->s1])
					continue;
				for (; fr->s2 < n; fr->s2++) {
					if (++steps > REGEX_MAX_STEPS) {
						ok = false;
						goto out;
					}
					uint32_t s1 = fr->s1, s2 = fr->s2;
					if (!a->mult[p2 * n + s2] ||
					    !a->overlap[s1 * n + s2])
						continue;
					uint32_t w = s1 * n + s2;
					if (index[w] < 0) {
						fr->s2++;
						index[w] = low[w] =
							next_index++;
						*VEC_PUSH(st) = w;
						on[w] = true;
						struct tarjan_frame *nf =
							VEC_PUSH(call);
						nf->v = w;
						descended = true;
						break;
					}
					if (on[w] && index[w] < low[v])
						low[v] = index[w];
				}
				if (descended)
					break;
			}
			if (descended)
				continue;
			if (low[v] == index[v]) {
				uint32_t w;
				do {
					w = st.v[--st.n];
					on[w] = false;
					comp[w] = ncomp;
				} while (w != v);
				ncomp++;
			}
			call.n--;
			if (call.n > 0) {
				uint32_t u = call.v[call.n - 1].v;
				if (low[v] < low[u])
					low[u] = low[v];
			}
		}
	}
out:
	free(index);
	free(low);
	free(on);
	VEC_FREE(st);
	VEC_FREE(call);
	return ok;
}

/* --- verdict ------------------------------------------------------------ */

/* The innermost loop around every position of component c. */
static int32_t
enclosing_loop(const struct rx *r, const struct rx_auto *a, const int32_t *comp,
	       int32_t c)
{
	uint32_t n = a->n, lo = UINT32_MAX, hi = 0;
	int32_t any = -1;
	for (uint32_t v = 0; v < n * n; v++) {
		if (comp[v] != c)
			continue;
		for (int k = 0; k < 2; k++) {
			uint32_t p = k ? v % n : v / n;
			const struct rx_node *pn = &r->nodes.v[a->pos_node[p]];
			if (pn->start < lo)
				lo = pn->start;
			if (pn->end > hi)
				hi = pn->end;
			any = a->pos_node[p];
		}
	}
	for (int32_t x = any; x >= 0; x = r->nodes.v[x].parent) {
		const struct rx_node *xn = &r->nodes.v[x];
		if (is_loop(xn) && xn->start <= lo && xn->end >= hi)
			return x;
	}
	return -1;
}

/* Something after loop x (in the same pass over the text) that can make
 * the match fail: its node, or -1. */
static int32_t
fails_after(const struct rx *r, const struct rx_auto *a, int32_t x)
{
	for (int32_t cur = x; r->nodes.v[cur].parent >= 0;
	     cur = r->nodes.v[cur].parent) {
		int32_t parent = r->nodes.v[cur].parent;
		if (r->nodes.v[parent].type != RX_CONCAT)
			continue;
		for (int32_t s = r->nodes.v[cur].next; s >= 0;
		     s = r->nodes.v[s].next)
			if (a->fails[s])
				return s;
	}
	return -1;
}

/* Reports loop x if it is a real loop with something failing after it. */
static bool
report(const struct rx *r, const struct rx_auto *a, int32_t x,
       struct regex_result *out)
{
	if (x < 0)
		return false;
	const struct rx_node *loop = &r->nodes.v[x];
	if (loop->max != RX_INF && loop->max < REGEX_BOUNDED_LOOP_MIN)
		return false;
	int32_t f = fails_after(r, a, x);
	if (f < 0)
		return false;
	out->verdict = REGEX_EXPONENTIAL;
	out->loop_start = loop->start;
	out->loop_end = loop->end;
	out->fail_start = r->nodes.v[f].start;
	out->fail_end = r->nodes.v[f].end;
	return true;
}

static void
find_ambiguity(const struct rx *r, const struct rx_auto *a,
	       struct regex_result *out)
{
	uint32_t n = a->n;
	int32_t *comp = xmalloc((size_t)n * n * sizeof *comp);
	if (!product_components(a, comp)) {
		out->verdict = REGEX_UNCHECKED;
		free(comp);
		return;
	}
	/* A transition that arises twice inside a component. */
	for (uint32_t q = 0; q < n; q++)
		for (uint32_t s = 0; s < n; s++) {
			uint32_t from = q * n + q, to = s * n + s;
			if (a->mult[q * n + s] >= 2 && comp[from] >= 0 &&
			    comp[from] == comp[to] &&
			    report(r, a, a->dup_by[q * n + s], out))
				goto done;
		}
	/* A component with equal and different positions. */
	{
		uint32_t ncomp = 0;
		for (uint32_t v = 0; v < n * n; v++)
			if (comp[v] >= 0 && (uint32_t)comp[v] + 1 > ncomp)
				ncomp = (uint32_t)comp[v] + 1;
		uint8_t *seen = xcalloc(ncomp ? ncomp : 1, 1);
		for (uint32_t v = 0; v < n * n; v++)
			if (comp[v] >= 0)
				seen[comp[v]] |= (v / n == v % n) ? 1 : 2;
		for (uint32_t c = 0; c < ncomp; c++)
			if (seen[c] == 3 &&
			    report(r, a, enclosing_loop(r, a, comp, (int32_t)c),
				   out))
				break;
		free(seen);
	}
done:
	free(comp);
}

/* Numbers the character positions (outside lookarounds, in pre-order),
 * then builds the automaton and searches it. */
static void
check_tree(struct rx *r, struct regex_result *out)
{
	VEC(int32_t) pos = {0};
	VEC(int32_t) stack = {0};
	*VEC_PUSH(stack) = 0;
	while (stack.n > 0) {
		int32_t x = stack.v[--stack.n];
		struct rx_node *nd = &r->nodes.v[x];
		if (nd->type == RX_LOOK)
			continue;
		if (nd->type == RX_CHAR && !set_empty(&nd->set)) {
			nd->pos = (int32_t)pos.n;
			*VEC_PUSH(pos) = x;
		}
		/* Children pushed in reverse, so they pop in order. */
		uint32_t mark = stack.n;
		for (int32_t c = nd->child; c >= 0; c = r->nodes.v[c].next)
			*VEC_PUSH(stack) = c;
		for (uint32_t i = mark, j = stack.n; i + 1 < j; i++, j--) {
			int32_t t = stack.v[i];
			stack.v[i] = stack.v[j - 1];
			stack.v[j - 1] = t;
		}
	}
	VEC_FREE(stack);
	if (pos.n > REGEX_MAX_POSITIONS) {
		out->verdict = REGEX_UNCHECKED;
		VEC_FREE(pos);
		return;
	}
	if (pos.n == 0) {
		VEC_FREE(pos);
		return;
	}
	struct rx_auto a = {.n = pos.n, .pos_node = pos.v};
	build_automaton(r, &a);
	find_ambiguity(r, &a, out);
	free_automaton(&a); /* frees pos.v */
}

void
regex_check(const char *pattern, size_t len, const char *flags,
	    struct regex_result *out)
{
	*out = (struct regex_result){.verdict = REGEX_SAFE};
	if (len > REGEX_MAX_PATTERN) {
		out->verdict = REGEX_UNCHECKED;
		return;
	}
	struct rx r = {.p = pattern, .len = len};
	for (const char *f = flags ? flags : ""; *f; f++) {
		r.icase |= *f == 'i';
		r.dotall |= *f == 's';
		r.unicode |= *f == 'u';
		r.vmode |= *f == 'v';
	}
	parse(&r);
	if (r.error != NULL) {
		out->verdict = REGEX_INVALID;
		out->error = r.error;
		out->error_at = r.error_at;
	} else if (r.unsupported) {
		out->verdict = REGEX_UNCHECKED;
	} else {
		check_tree(&r, out);
	}
	VEC_FREE(r.nodes);
	VEC_FREE(r.frames);
}
