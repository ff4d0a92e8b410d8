/* Unit tests of the JavaScript rules' messages, spans and quick fixes
 * (which findings are made is the case corpus' job). */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"

/* The first finding of rule id in l, or NULL. */
static const struct sf_diagnostic *
find(const struct sf_diag_list *l, const char *id, uint32_t line)
{
	for (uint32_t i = 0; i < l->items.n; i++)
		if (strcmp(l->items.v[i].rule_id, id) == 0 &&
		    l->items.v[i].start.line == line)
			return &l->items.v[i];
	return NULL;
}

static void
js101_fix__module_binding_in_async__await_promises(void **state)
{
	(void)state;
	struct sf_diag_list l;
	diag_list_init(&l);
	test_check("a.js",
		   "const nodeFs = require('node:fs');\n"
		   "const { readFileSync } = require('fs');\n"
		   "app.get('/', async (req, res) => {\n"
		   "  const a = nodeFs.readFileSync(p, 'utf8');\n"
		   "  const b = nodeFs.readFileSync(p).toString();\n"
		   "  const c = readFileSync(p);\n"
		   "  nodeFs.existsSync(p);\n"
		   "  nodeFs.statSync(p, { throwIfNoEntry: false });\n"
		   "  [p].map((q) => nodeFs.readFileSync(q));\n"
		   "});\n"
		   "app.get('/s', (req, res) => nodeFs.readFileSync(p));\n",
		   &l);
	assert_int_equal(test_count(&l, "JS101"), 7);
	const struct sf_diagnostic *d = find(&l, "JS101", 4);
	assert_non_null(d->fix);
	assert_string_equal(d->fix->title,
			    "Use `await nodeFs.promises.readFile`");
	assert_int_equal(d->fix->edits.n, 1);
	assert_string_equal(d->fix->edits.v[0].text,
			    "await nodeFs.promises.readFile(p, 'utf8')");
	/* The edit replaces the whole call. */
	assert_int_equal(d->fix->edits.v[0].span.end -
				 d->fix->edits.v[0].span.start,
			 strlen("nodeFs.readFileSync(p, 'utf8')"));
	d = find(&l, "JS101", 5);
	assert_string_equal(d->fix->edits.v[0].text,
			    "(await nodeFs.promises.readFile(p))");
	/* No mechanical fix: a destructured function, existsSync (no
	 * same-argument promise form), statSync's options, a synchronous
	 * callback, a function that is not async. */
	static const uint32_t lines[] = {6, 7, 8, 9, 11};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		d = find(&l, "JS101", lines[i]);
		assert_non_null(d);
		assert_null(d->fix);
	}
	diag_list_finish(&l);
}

static void
messages__name_the_call_the_context_and_the_fix(void **state)
{
	(void)state;
	struct sf_diag_list l;
	diag_list_init(&l);
	test_check("m.js",
		   "const crypto = require('crypto');\n"
		   "const RE = /^(\\w+)+$/;\n"
		   "app.post('/l', async (req, res) => {\n"
		   "  crypto.pbkdf2Sync(req.body.p, 's', 1e5, 32, 'sha256');\n"
		   "  for (let i = 0; i < 1e7; i++) n += i;\n"
		   "  const end = Date.now() + 5; while (Date.now() < end) {}\n"
		   "  for (const id of req.body.ids) out.push(await get(id));\n"
		   "});\n",
		   &l);
	const struct sf_diagnostic *d = find(&l, "JS102", 4);
	assert_string_equal(d->message,
			    "`crypto.pbkdf2Sync` runs the whole computation on "
			    "the event loop in the callback passed to "
			    "`app.post('/l')`");
	assert_non_null(strstr(d->help, "crypto.pbkdf2 with a callback"));
	d = find(&l, "JS103", 5);
	assert_non_null(strstr(d->message, "about 2.0·10^7 operations"));
	assert_int_equal(d->start.column, 3);
	d = find(&l, "JS104", 6);
	assert_non_null(strstr(d->message, "spins on `Date.now()`"));
	assert_int_equal(d->severity, SF_SEV_ERROR);
	d = find(&l, "JS105", 2);
	/* The span is the repeated part inside the literal. */
	assert_int_equal(d->start.column, 14);
	assert_int_equal(d->end.column, 20);
	assert_non_null(strstr(d->message, "`(\\w+)+`"));
	assert_non_null(strstr(d->message, "`$` after it"));
	d = find(&l, "JS106", 7);
	assert_int_equal(d->severity, SF_SEV_HINT);
	assert_non_null(strstr(d->help, "Promise.all"));
	diag_list_finish(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			js101_fix__module_binding_in_async__await_promises),
		cmocka_unit_test(
			messages__name_the_call_the_context_and_the_fix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
