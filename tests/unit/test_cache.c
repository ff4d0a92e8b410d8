/* Unit tests of the analysis cache: the entry format (real summaries and
 * findings round-trip; truncated, bit-flipped, foreign and old-version
 * entries and other keys are misses), the fingerprint, and the cache's
 * files (shards written, read back, damaged, swept). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "catalogue.h"
#include "helpers.h"
#include "parse.h"
#include "rules/rule.h"
#include "summary.h"
#include "util/xalloc.h"

static struct sf_engine *engine;
/* Settings digests of the entry format's tests: 42 or 7 in every byte. */
static struct cache_digest fp42, fp7;

static int
setup(void **state)
{
	(void)state;
	xalloc_install_tree_sitter();
	engine = engine_create();
	memset(fp42.b, 42, sizeof fp42.b);
	memset(fp7.b, 7, sizeof fp7.b);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	engine_destroy(engine);
	return 0;
}

/* Python: an async handler with a blocking call (PY201, with a quick
 * fix), a CPU-bound function sent to a thread, imports, an instance, a
 * suppression. */
static const char py_src[] =
	"import time\n"
	"import threading\n"
	"from concurrent.futures import ThreadPoolExecutor\n"
	"from app.db import Database\n"
	"db = Database()\n"
	"\n"
	"def crunch(n):\n"
	"    total = 0\n"
	"    for i in range(10**7):\n"
	"        total += i * i\n"
	"    return total\n"
	"\n"
	"async def handler(request):\n"
	"    time.sleep(1)\n"
	"    time.sleep(2)  # stackfit: ignore[PY201]\n"
	"    db.query('x')\n"
	"    pool = ThreadPoolExecutor()\n"
	"    pool.submit(crunch, 10)\n"
	"    return make_response('text/event-stream')\n"
	"\n"
	"class Repo(Database):\n"
	"    table: Database = None\n"
	"    def __init__(self):\n"
	"        self.rows = Database()\n"
	"    @property\n"
	"    def first(self) -> Database:\n"
	"        return self.rows\n"
	"    async def load(self):\n"
	"        return self.rows.query(1)\n";

/* JavaScript: a route whose handler reads synchronously, a helper from
 * another file, a handler registered by its imported name, a property set
 * on an imported module, exports, a catastrophic regex. */
static const char js_src[] =
	"const fs = require('fs');\n"
	"const express = require('express');\n"
	"const { load } = require('./lib/helper');\n"
	"const handlers = require('./handlers');\n"
	"const { Worker } = require('worker_threads');\n"
	"const app = express();\n"
	"function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n"
	"app.get('/', (req, res) => {\n"
	"  const t = fs.readFileSync('x');\n"
	"  res.send(load(t) + /(a+)+$/.test(req.query.q));\n"
	"});\n"
	"app.get('/s', handlers.show);\n"
	"new Worker('./w.js');\n"
	"handlers.helper = load;\n"
	"module.exports = { fib, app };\n";

/* The first pass of the scheduler on src: per-file findings and the
 * summary. */
static void
first_pass(const char *path, const char *src, struct sf_diag_list *diags,
	   struct sf_summary **s)
{
	struct sf_parser *p = parser_create();
	uint32_t len = (uint32_t)strlen(src);
	struct sf_source in = {.path = path, .text = src, .len = len};
	diag_list_init(diags);
	struct sf_facts *f = engine_check_source(engine, p, &in, diags);
	assert_non_null(f);
	struct cost_options cost = engine_cost_options(engine);
	struct summary_env env = {
		.catalogue = engine_catalogue(engine),
		.cost = &cost,
	};
	*s = summary_build(f, src, len, &env);
	facts_destroy(f);
	parser_destroy(p);
}

static struct cache_key
key_of(const char *path, const char *src)
{
	struct cache_key k = {.path = path, .flags = 0};
	cache_key_set_text(&k, src, (uint32_t)strlen(src));
	return k;
}

/* Settings digests for the entry format's tests: n in every byte. */
static struct cache_digest
fp(unsigned char n)
{
	struct cache_digest d;
	memset(d.b, n, sizeof d.b);
	return d;
}

static void
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void
same_pos(struct sf_position a, struct sf_position b)
{
	assert_int_equal(a.line, b.line);
	assert_int_equal(a.column, b.column);
}

static void
same_span(struct sf_span a, struct sf_span b)
{
	assert_memory_equal(&a, &b, sizeof a);
}

/* Every field of two summaries. */
static void
same_summary(const struct sf_summary *a, const struct sf_summary *b)
{
	assert_int_equal(a->lang, b->lang);
	assert_string_equal(a->path, b->path);
	assert_int_equal(a->flags, b->flags);
	assert_int_equal(a->lines, b->lines);
	assert_true(a->hash == b->hash);
	assert_int_equal(a->markers, b->markers);
	same_pos(a->sse_pos, b->sse_pos);
	assert_int_equal(a->nfacts_calls, b->nfacts_calls);
	assert_int_equal(a->nfacts_functions, b->nfacts_functions);
	assert_int_equal(a->functions.n, b->functions.n);
	for (uint32_t i = 0; i < a->functions.n; i++) {
		const struct summary_function *x = &a->functions.v[i],
					      *y = &b->functions.v[i];
		same_str(x->name, y->name);
		same_pos(x->pos, y->pos);
		assert_int_equal(x->parent, y->parent);
		assert_int_equal(x->flags, y->flags);
		same_str(x->context, y->context);
		same_str(x->registered_by, y->registered_by);
		assert_int_equal(x->effects, y->effects);
		assert_int_equal(x->event0, y->event0);
		assert_int_equal(x->nevents, y->nevents);
		assert_int_equal(x->rule_sensitive, y->rule_sensitive);
		/* The name lookup is rebuilt. */
		assert_int_equal(summary_find_function(b, x->name),
				 summary_find_function(a, x->name));
	}
	assert_int_equal(a->classes.n, b->classes.n);
	for (uint32_t i = 0; i < a->classes.n; i++) {
		const struct summary_class *x = &a->classes.v[i],
					   *y = &b->classes.v[i];
		same_str(x->name, y->name);
		assert_int_equal(x->type0, y->type0);
		assert_int_equal(x->ntypes, y->ntypes);
		assert_int_equal(summary_find_class(b, x->name),
				 summary_find_class(a, x->name));
	}
	assert_int_equal(a->types.n, b->types.n);
	for (uint32_t i = 0; i < a->types.n; i++) {
		const struct summary_type *x = &a->types.v[i],
					  *y = &b->types.v[i];
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->in_file, y->in_file);
		assert_int_equal(x->owner, y->owner);
		same_str(x->name, y->name);
		same_str(x->value, y->value);
	}
	assert_int_equal(a->events.n, b->events.n);
	for (uint32_t i = 0; i < a->events.n; i++) {
		const struct summary_event *x = &a->events.v[i],
					   *y = &b->events.v[i];
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->effects, y->effects);
		same_str(x->what, y->what);
		same_str(x->replacement, y->replacement);
		same_pos(x->pos, y->pos);
	}
	assert_int_equal(a->calls.n, b->calls.n);
	for (uint32_t i = 0; i < a->calls.n; i++) {
		const struct summary_call *x = &a->calls.v[i],
					  *y = &b->calls.v[i];
		assert_int_equal(x->fn, y->fn);
		assert_int_equal(x->call, y->call);
		same_str(x->target, y->target);
		assert_int_equal(x->local, y->local);
		assert_int_equal(x->in_file, y->in_file);
		assert_int_equal(x->awaited, y->awaited);
		same_str(x->callee, y->callee);
		same_pos(x->pos, y->pos);
		same_pos(x->end, y->end);
		assert_ptr_equal(summary_call_at(b, x->call), y);
	}
	assert_int_equal(a->execs.n, b->execs.n);
	for (uint32_t i = 0; i < a->execs.n; i++) {
		const struct summary_exec *x = &a->execs.v[i],
					  *y = &b->execs.v[i];
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->fn, y->fn);
		assert_int_equal(x->call, y->call);
		same_str(x->via, y->via);
		assert_int_equal(x->local, y->local);
		same_str(x->target, y->target);
		same_str(x->text, y->text);
		same_pos(x->pos, y->pos);
		same_pos(x->end, y->end);
	}
	assert_int_equal(a->bindings.n, b->bindings.n);
	for (uint32_t i = 0; i < a->bindings.n; i++) {
		same_str(a->bindings.v[i].local, b->bindings.v[i].local);
		same_str(a->bindings.v[i].target, b->bindings.v[i].target);
		assert_int_equal(a->bindings.v[i].in_file,
				 b->bindings.v[i].in_file);
		assert_int_equal(a->bindings.v[i].made, b->bindings.v[i].made);
	}
	assert_int_equal(a->imports.n, b->imports.n);
	for (uint32_t i = 0; i < a->imports.n; i++) {
		same_str(a->imports.v[i].module, b->imports.v[i].module);
		same_pos(a->imports.v[i].pos, b->imports.v[i].pos);
	}
	assert_int_equal(a->exports.n, b->exports.n);
	for (uint32_t i = 0; i < a->exports.n; i++) {
		const struct sf_export *x = &a->exports.v[i],
				       *y = &b->exports.v[i];
		same_str(x->name, y->name);
		same_str(x->local, y->local);
		same_str(x->from, y->from);
		assert_int_equal(x->function, y->function);
		same_span(x->span, y->span);
	}
	assert_int_equal(a->props.n, b->props.n);
	for (uint32_t i = 0; i < a->props.n; i++) {
		const struct summary_prop *x = &a->props.v[i],
					  *y = &b->props.v[i];
		same_str(x->target, y->target);
		same_str(x->member, y->member);
		same_str(x->value, y->value);
		assert_int_equal(x->in_file, y->in_file);
	}
	assert_int_equal(a->cbrefs.n, b->cbrefs.n);
	for (uint32_t i = 0; i < a->cbrefs.n; i++) {
		const struct summary_cbref *x = &a->cbrefs.v[i],
					   *y = &b->cbrefs.v[i];
		assert_int_equal(x->fn, y->fn);
		same_str(x->target, y->target);
		same_str(x->label, y->label);
		same_pos(x->pos, y->pos);
	}
	assert_int_equal(a->suppressions.n, b->suppressions.n);
	for (uint32_t i = 0; i < a->suppressions.n; i++) {
		const struct sf_suppression *x = &a->suppressions.v[i],
					    *y = &b->suppressions.v[i];
		assert_int_equal(x->row, y->row);
		assert_int_equal(x->comment_row, y->comment_row);
		same_str(x->ids, y->ids);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->at_row, y->at_row);
		assert_int_equal(x->at_col, y->at_col);
		assert_int_equal(x->end_row, y->end_row);
		assert_int_equal(x->end_col, y->end_col);
	}
}

/* Every field of two lists of findings. */
static void
same_diags(const struct sf_diag_list *a, const struct sf_diag_list *b)
{
	assert_int_equal(a->items.n, b->items.n);
	for (uint32_t i = 0; i < a->items.n; i++) {
		const struct sf_diagnostic *x = &a->items.v[i],
					   *y = &b->items.v[i];
		assert_ptr_equal(x->rule_id, y->rule_id);
		assert_ptr_equal(x->rule_name, y->rule_name);
		assert_ptr_equal(x->rule_doc, y->rule_doc);
		assert_int_equal(x->severity, y->severity);
		same_str(x->path, y->path);
		same_span(x->span, y->span);
		same_pos(x->start, y->start);
		same_pos(x->end, y->end);
		same_str(x->message, y->message);
		same_str(x->help, y->help);
		same_str(x->line_text, y->line_text);
		assert_int_equal(x->related.n, y->related.n);
		for (uint32_t k = 0; k < x->related.n; k++) {
			same_str(x->related.v[k].path, y->related.v[k].path);
			same_pos(x->related.v[k].pos, y->related.v[k].pos);
			same_str(x->related.v[k].message,
				 y->related.v[k].message);
		}
		assert_int_equal(x->fix == NULL, y->fix == NULL);
		if (x->fix == NULL)
			continue;
		same_str(x->fix->title, y->fix->title);
		assert_int_equal(x->fix->edits.n, y->fix->edits.n);
		for (uint32_t k = 0; k < x->fix->edits.n; k++) {
			same_span(x->fix->edits.v[k].span,
				  y->fix->edits.v[k].span);
			same_str(x->fix->edits.v[k].text,
				 y->fix->edits.v[k].text);
		}
	}
	assert_int_equal(a->silenced.n, b->silenced.n);
	for (uint32_t i = 0; i < a->silenced.n; i++) {
		const struct sf_silenced *x = &a->silenced.v[i],
					 *y = &b->silenced.v[i];
		assert_ptr_equal(x->rule_id, y->rule_id);
		same_str(x->path, y->path);
		assert_int_equal(x->row, y->row);
		assert_int_equal(x->by_file, y->by_file);
	}
}

/* The entry of path's first pass, in out; the results in diags / s. */
static void
encode(const char *path, const char *src, unsigned char settings,
       struct sf_diag_list *diags, struct sf_summary **s, struct strbuf *out)
{
	first_pass(path, src, diags, s);
	struct cache_key k = key_of(path, src);
	strbuf_init(out);
	struct cache_digest d = fp(settings);
	cache_entry_encode(&d, &k, diags, *s, out);
}

static bool
decodes(const char *data, size_t len, unsigned char settings,
	const struct cache_key *k)
{
	struct sf_diag_list l;
	diag_list_init(&l);
	struct sf_summary *s = NULL;
	struct cache_digest d = fp(settings);
	bool ok = cache_entry_decode(data, len, &d, k, &l, &s);
	if (!ok) {
		assert_null(s);
		assert_int_equal(l.items.n, 0);
	}
	summary_destroy(s);
	diag_list_finish(&l);
	return ok;
}

static void
round_trip(const char *path, const char *src)
{
	struct sf_diag_list diags;
	struct sf_summary *s;
	struct strbuf b;
	encode(path, src, 42, &diags, &s, &b);
	struct cache_key k = key_of(path, src);

	struct sf_diag_list got;
	diag_list_init(&got);
	struct sf_summary *gs = NULL;
	assert_true(cache_entry_decode(b.s, b.len, &fp42, &k, &got, &gs));
	same_summary(s, gs);
	same_diags(&diags, &got);
	/* What was read writes the same bytes again. */
	struct strbuf again;
	strbuf_init(&again);
	cache_entry_encode(&fp42, &k, &got, gs, &again);
	assert_int_equal(again.len, b.len);
	assert_memory_equal(again.s, b.s, b.len);

	strbuf_finish(&again);
	summary_destroy(gs);
	diag_list_finish(&got);
	summary_destroy(s);
	diag_list_finish(&diags);
	strbuf_finish(&b);
}

static void
cache_entry_decode__python_first_pass__same_summary_and_findings(void **state)
{
	(void)state;
	/* The source holds what every part of the format carries. */
	struct sf_diag_list diags;
	struct sf_summary *s;
	first_pass("app/api.py", py_src, &diags, &s);
	assert_true(s->functions.n > 0 && s->events.n > 0 && s->calls.n > 0 &&
		    s->execs.n > 0 && s->bindings.n > 0 && s->imports.n > 0 &&
		    s->suppressions.n > 0 && s->classes.n > 0 &&
		    s->types.n > 0);
	/* The finding the `ignore[PY201]` silenced is carried too: whether
	 * a suppression was used must not depend on the cache. */
	assert_true(diags.silenced.n > 0);
	assert_true(s->markers & SUMMARY_MARK_SSE);
	bool fix = false;
	for (uint32_t i = 0; i < diags.items.n; i++)
		fix |= diags.items.v[i].fix != NULL;
	assert_true(fix);
	summary_destroy(s);
	diag_list_finish(&diags);
	round_trip("app/api.py", py_src);
}

static void
cache_entry_decode__javascript_first_pass__same_summary_and_findings(
	void **state)
{
	(void)state;
	struct sf_diag_list diags;
	struct sf_summary *s;
	first_pass("server.js", js_src, &diags, &s);
	assert_true(s->exports.n > 0 && s->cbrefs.n > 0 && s->calls.n > 0 &&
		    s->events.n > 0 && s->props.n > 0);
	assert_true(test_count(&diags, "JS101") == 1);
	assert_true(test_count(&diags, "JS105") == 1);
	summary_destroy(s);
	diag_list_finish(&diags);
	round_trip("server.js", js_src);
}

static void
cache_entry_decode__related_locations__kept(void **state)
{
	(void)state;
	struct sf_diag_list diags;
	struct sf_summary *s;
	first_pass("server.js", js_src, &diags, &s);
	assert_true(diags.items.n > 0);
	diag_add_related(&diags.items.v[0], "lib/helper.js",
			 (struct sf_position){2, 27}, "`load` reads a file");
	struct cache_key k = key_of("server.js", js_src);
	struct strbuf b;
	strbuf_init(&b);
	cache_entry_encode(&fp7, &k, &diags, s, &b);
	struct sf_diag_list got;
	diag_list_init(&got);
	struct sf_summary *gs = NULL;
	assert_true(cache_entry_decode(b.s, b.len, &fp7, &k, &got, &gs));
	same_diags(&diags, &got);
	summary_destroy(gs);
	diag_list_finish(&got);
	strbuf_finish(&b);
	summary_destroy(s);
	diag_list_finish(&diags);
}

static void
cache_entry_decode__every_truncation__miss(void **state)
{
	(void)state;
	struct sf_diag_list diags;
	struct sf_summary *s;
	struct strbuf b;
	encode("app/api.py", py_src, 42, &diags, &s, &b);
	struct cache_key k = key_of("app/api.py", py_src);
	assert_true(decodes(b.s, b.len, 42, &k));
	for (size_t n = 0; n < b.len; n++)
		assert_false(decodes(b.s, n, 42, &k));
	summary_destroy(s);
	diag_list_finish(&diags);
	strbuf_finish(&b);
}

static void
cache_entry_decode__any_flipped_bit__miss(void **state)
{
	(void)state;
	struct sf_diag_list diags;
	struct sf_summary *s;
	struct strbuf b;
	encode("server.js", js_src, 42, &diags, &s, &b);
	struct cache_key k = key_of("server.js", js_src);
	for (size_t i = 0; i < b.len; i++) {
		/* Each byte, a different bit each time. */
		unsigned char bit = (unsigned char)(1u << (i % 8));
		b.s[i] ^= (char)bit;
		assert_false(decodes(b.s, b.len, 42, &k));
		b.s[i] ^= (char)bit;
	}
	assert_true(decodes(b.s, b.len, 42, &k));
	summary_destroy(s);
	diag_list_finish(&diags);
	strbuf_finish(&b);
}

/* Sets the checksum of the entry in b to that of its payload, as a
 * careful forger would: what is left is the readers' own checks. */
static void
forge_checksum(struct strbuf *b)
{
	uint64_t h = summary_hash_text(b->s + 32, (uint32_t)(b->len - 32));
	for (int i = 0; i < 8; i++)
		b->s[24 + i] = (char)(h >> (8 * i));
}

/* What the index takes for granted of a summary. */
static void
assert_usable(const struct sf_summary *s)
{
	assert_int_equal(s->functions.n, s->nfacts_functions);
	for (uint32_t i = 0; i < s->functions.n; i++) {
		const struct summary_function *f = &s->functions.v[i];
		assert_non_null(f->name);
		assert_true(f->parent >= -1 && f->parent < (int32_t)i);
		assert_true(f->event0 + f->nevents <= s->events.n);
	}
	for (uint32_t i = 0; i < s->calls.n; i++) {
		const struct summary_call *c = &s->calls.v[i];
		assert_true(c->fn >= -1 && c->fn < (int32_t)s->functions.n);
		assert_true(c->local >= -1 &&
			    c->local < (int32_t)s->functions.n);
		assert_true(c->call < s->nfacts_calls);
		assert_true(i == 0 || s->calls.v[i - 1].call < c->call);
	}
	for (uint32_t i = 0; i < s->execs.n; i++)
		assert_true(s->execs.v[i].local < (int32_t)s->functions.n);
}

static void
cache_entry_decode__corrupt_payload_valid_checksum__refused_or_usable(
	void **state)
{
	(void)state;
	struct sf_diag_list diags;
	struct sf_summary *s;
	struct strbuf b;
	encode("app/api.py", py_src, 42, &diags, &s, &b);
	struct cache_key k = key_of("app/api.py", py_src);
	uint32_t refused = 0;
	for (size_t i = 32; i < b.len; i++) {
		char was = b.s[i];
		/* Large and small values: a count, an index, a reference. */
		b.s[i] = (char)(i % 2 ? 0xff : 0x7f);
		forge_checksum(&b);
		struct sf_diag_list l;
		diag_list_init(&l);
		struct sf_summary *got = NULL;
		if (cache_entry_decode(b.s, b.len, &fp42, &k, &l, &got))
			assert_usable(got);
		else
			refused++;
		summary_destroy(got);
		diag_list_finish(&l);
		b.s[i] = was;
	}
	forge_checksum(&b);
	assert_true(decodes(b.s, b.len, 42, &k));
	assert_true(refused > 0);
	summary_destroy(s);
	diag_list_finish(&diags);
	strbuf_finish(&b);
}

static void
cache_entry_decode__other_version_or_magic__miss(void **state)
{
	(void)state;
	struct sf_diag_list diags;
	struct sf_summary *s;
	struct strbuf b;
	encode("server.js", js_src, 42, &diags, &s, &b);
	struct cache_key k = key_of("server.js", js_src);
	/* The version is the little-endian u32 after the 8-byte magic. */
	b.s[8] ^= 1;
	assert_false(decodes(b.s, b.len, 42, &k));
	b.s[8] ^= 1;
	b.s[0] = 'X';
	assert_false(decodes(b.s, b.len, 42, &k));
	b.s[0] = 's';
	assert_true(decodes(b.s, b.len, 42, &k));
	/* Not an entry at all. */
	char junk[256];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 37 + 11);
	assert_false(decodes(junk, sizeof junk, 42, &k));
	summary_destroy(s);
	diag_list_finish(&diags);
	strbuf_finish(&b);
}

static void
cache_entry_decode__other_key_or_fingerprint__miss(void **state)
{
	(void)state;
	struct sf_diag_list diags;
	struct sf_summary *s;
	struct strbuf b;
	encode("server.js", js_src, 42, &diags, &s, &b);
	struct cache_key k = key_of("server.js", js_src);
	assert_false(decodes(b.s, b.len, 43, &k));
	struct cache_key other = k;
	other.path = "other.js";
	assert_false(decodes(b.s, b.len, 42, &other));
	other = k;
	other.digest.b[31] ^= 1;
	assert_false(decodes(b.s, b.len, 42, &other));
	other = k;
	other.len++;
	assert_false(decodes(b.s, b.len, 42, &other));
	other = k;
	other.flags = SF_FILE_CLI;
	assert_false(decodes(b.s, b.len, 42, &other));
	summary_destroy(s);
	diag_list_finish(&diags);
	strbuf_finish(&b);
}

static void
cache_fingerprint__settings_change__differs(void **state)
{
	(void)state;
	struct sf_engine *e = engine_create();
	uint64_t base = cache_fingerprint(e);
	assert_true(cache_fingerprint(e) == base);

	engine_set_severity(e, rule_find("JS101"), SF_SEV_ERROR);
	uint64_t sev = cache_fingerprint(e);
	assert_true(sev != base);
	engine_set_severity(e, rule_find("JS101"), SF_SEV_WARNING);
	assert_true(cache_fingerprint(e) == base);

	engine_set_heavy_work(e, 1000);
	assert_true(cache_fingerprint(e) != base);
	engine_set_heavy_work(e, COST_HEAVY_WORK);
	assert_true(cache_fingerprint(e) == base);

	char *cause = NULL;
	assert_int_equal(catalogue_load(engine_catalogue_mut(e),
					SF_FAMILY_PYTHON,
					"mylib.fetch\tnetwork\tmylib.afetch\n",
					"test", &cause),
			 0);
	assert_true(cache_fingerprint(e) != base);
	engine_destroy(e);
}

/* --- the cache's files ------------------------------------------------ */

static char *
make_dir(void)
{
	char tmpl[] = "/tmp/stackfit-cache-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	setenv("STACKFIT_CACHE_DIR", dir, 1);
	return xstrdup(dir);
}

static void
remove_tree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static struct sf_cache *
open_cache(void)
{
	char *note = NULL;
	struct sf_cache *c = cache_open("/nonexistent/repo", engine, &note);
	assert_null(note);
	assert_non_null(c);
	return c;
}

static void
store(struct sf_cache *c, const char *path, const char *src)
{
	struct sf_diag_list diags;
	struct sf_summary *s;
	first_pass(path, src, &diags, &s);
	struct cache_key k = key_of(path, src);
	cache_store(c, &k, &diags, s);
	summary_destroy(s);
	diag_list_finish(&diags);
}

static bool
load(struct sf_cache *c, const char *path, const char *src)
{
	struct cache_key k = key_of(path, src);
	struct sf_diag_list l;
	diag_list_init(&l);
	struct sf_summary *s = NULL;
	bool hit = cache_load(c, &k, &l, &s);
	if (hit)
		assert_string_equal(s->path, path);
	summary_destroy(s);
	diag_list_finish(&l);
	return hit;
}

static void
cache_load__after_flush__hit_and_unused_entries_dropped(void **state)
{
	(void)state;
	char *dir = make_dir();
	struct sf_cache *c = open_cache();
	assert_false(load(c, "server.js", js_src));
	store(c, "server.js", js_src);
	store(c, "app/api.py", py_src);
	cache_flush(c);
	assert_null(cache_note(c));
	cache_close(c);

	c = open_cache();
	assert_true(load(c, "server.js", js_src));
	/* Another text of the file is a miss. */
	assert_false(load(c, "app/api.py", "import time\n"));
	cache_flush(c);
	cache_close(c);

	/* The entry this run did not use is gone. */
	c = open_cache();
	assert_true(load(c, "server.js", js_src));
	assert_false(load(c, "app/api.py", py_src));
	cache_close(c);
	remove_tree(dir);
	free(dir);
}

/* Overwrites every shard file in dir's one workspace folder with a part
 * of itself, or with junk. */
static void
damage_shards(const char *dir, bool truncate_only)
{
	char *cmd = xasprintf(
		truncate_only
			? "for f in '%s'/*/*.sfc; do truncate -s -7 \"$f\"; "
			  "done"
			: "for f in '%s'/*/*.sfc; do printf 'junk' > \"$f\"; "
			  "done",
		dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void
cache_open__damaged_shards__misses_then_rewritten(void **state)
{
	(void)state;
	for (int junk = 0; junk < 2; junk++) {
		char *dir = make_dir();
		struct sf_cache *c = open_cache();
		store(c, "server.js", js_src);
		store(c, "app/api.py", py_src);
		cache_flush(c);
		cache_close(c);
		damage_shards(dir, junk == 0);

		c = open_cache();
		assert_false(load(c, "server.js", js_src));
		assert_false(load(c, "app/api.py", py_src));
		store(c, "server.js", js_src);
		store(c, "app/api.py", py_src);
		cache_flush(c);
		cache_close(c);

		c = open_cache();
		assert_true(load(c, "server.js", js_src));
		assert_true(load(c, "app/api.py", py_src));
		cache_close(c);
		remove_tree(dir);
		free(dir);
	}
}

static void
cache_open__cache_dir_is_a_file__note(void **state)
{
	(void)state;
	char *dir = make_dir();
	char *file = xasprintf("%s/file", dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	setenv("STACKFIT_CACHE_DIR", file, 1);
	char *note = NULL;
	struct sf_cache *c = cache_open("/nonexistent/repo", engine, &note);
	assert_null(c);
	assert_non_null(note);
	assert_non_null(strstr(note, file));
	assert_null(strchr(note, '\n'));
	free(note);
	free(file);
	remove_tree(dir);
	free(dir);
}

static void
cache_open__relative_cache_dir__note(void **state)
{
	(void)state;
	setenv("STACKFIT_CACHE_DIR", "relative/dir", 1);
	char *note = NULL;
	assert_null(cache_open("/nonexistent/repo", engine, &note));
	assert_non_null(strstr(note, "absolute"));
	free(note);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			cache_entry_decode__python_first_pass__same_summary_and_findings),
		cmocka_unit_test(
			cache_entry_decode__javascript_first_pass__same_summary_and_findings),
		cmocka_unit_test(cache_entry_decode__related_locations__kept),
		cmocka_unit_test(cache_entry_decode__every_truncation__miss),
		cmocka_unit_test(cache_entry_decode__any_flipped_bit__miss),
		cmocka_unit_test(
			cache_entry_decode__corrupt_payload_valid_checksum__refused_or_usable),
		cmocka_unit_test(
			cache_entry_decode__other_version_or_magic__miss),
		cmocka_unit_test(
			cache_entry_decode__other_key_or_fingerprint__miss),
		cmocka_unit_test(cache_fingerprint__settings_change__differs),
		cmocka_unit_test(
			cache_load__after_flush__hit_and_unused_entries_dropped),
		cmocka_unit_test(
			cache_open__damaged_shards__misses_then_rewritten),
		cmocka_unit_test(cache_open__cache_dir_is_a_file__note),
		cmocka_unit_test(cache_open__relative_cache_dir__note),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
