/* Unit tests of name resolution through imports and aliases, in both
 * languages. */
#include "helpers.h"

#include <string.h>

/* The resolved name of the call written as callee in src. */
static void
expect_name(const char *path, const char *src, const char *callee,
	    const char *want)
{
	struct sf_facts *f = test_facts(path, src);
	const struct sf_call *c = test_call(f, callee);
	assert_non_null(c);
	if (want == NULL)
		assert_null(c->name);
	else
		assert_string_equal(c->name, want);
	facts_destroy(f);
}

static void
javascript__require_and_import_forms__resolved(void **state)
{
	(void)state;
	expect_name("a.js", "const fs = require('fs');\nfs.readFileSync(p);\n",
		    "fs.readFileSync", "fs.readFileSync");
	expect_name("a.js",
		    "const { readFileSync: r } = require('node:fs');\nr(p);\n",
		    "r", "fs.readFileSync");
	expect_name("a.js",
		    "const { execSync } = "
		    "require('child_process');\nexecSync(c);\n",
		    "execSync", "child_process.execSync");
	expect_name("a.mjs", "import * as fs from 'fs';\nfs.statSync(p);\n",
		    "fs.statSync", "fs.statSync");
	expect_name("a.mjs", "import fs from 'node:fs';\nfs.statSync(p);\n",
		    "fs.statSync", "fs.statSync");
	expect_name("a.mjs",
		    "import { readFileSync as rf } from 'node:fs';\nrf(p);\n",
		    "rf", "fs.readFileSync");
	expect_name("a.js", "require('fs').readFileSync(p);\n",
		    "require(fs).readFileSync", "fs.readFileSync");
	expect_name("a.js", "const z = require('zlib').gzipSync;\nz(b);\n", "z",
		    "zlib.gzipSync");
	expect_name("a.js",
		    "const fs = require('fs');\nconst p = "
		    "fs.promises;\np.readFile(x);\n",
		    "p.readFile", "fs.promises.readFile");
	expect_name("a.js",
		    "const fsp = require('fs/promises');\nfsp.readFile(x);\n",
		    "fsp.readFile", "fs/promises.readFile");
}

static void
javascript__shadowing_and_globals(void **state)
{
	(void)state;
	/* A parameter named fs is not the fs module. */
	expect_name("a.js",
		    "const fs = require('fs');\nfunction f(fs) { "
		    "fs.readFileSync(p); }\n",
		    "fs.readFileSync", NULL);
	/* Unbound names are not guessed, globals are themselves. */
	expect_name("a.js", "fs.readFileSync(p);\n", "fs.readFileSync", NULL);
	expect_name("a.js", "Date.now();\n", "Date.now", "Date.now");
	expect_name("a.js", "function execSync() {}\nexecSync();\n", "execSync",
		    NULL);
}

/* The answer of a name's bindings at a position: of those valid there
 * (a block-scoped one only in its block), the last made at or before it,
 * else the first (facts.c's shapes of group: bound once, once in a block,
 * again and again in order, several blocks). */
static void
javascript__block_scopes_and_rebinding(void **state)
{
	(void)state;
	const char *blocks = "const fs = require('fs');\n"
			     "function f(a) {\n"
			     "  if (a) {\n"
			     "    const fs = require('zlib');\n"
			     "    fs.gzipSync(a);\n"
			     "  }\n"
			     "  fs.statSync(a);\n"
			     "}\n";
	expect_name("a.js", blocks, "fs.gzipSync", "zlib.gzipSync");
	expect_name("a.js", blocks, "fs.statSync", "fs.statSync");
	const char *two_blocks = "function f(a) {\n"
				 "  if (a) {\n"
				 "    const z = require('zlib');\n"
				 "    z.gzipSync(a);\n"
				 "  } else {\n"
				 "    const z = require('fs');\n"
				 "    z.statSync(a);\n"
				 "  }\n"
				 "  z.other(a);\n"
				 "}\n";
	expect_name("a.js", two_blocks, "z.gzipSync", "zlib.gzipSync");
	expect_name("a.js", two_blocks, "z.statSync", "fs.statSync");
	expect_name("a.js", two_blocks, "z.other", NULL);
	const char *again = "let s = require('fs');\n"
			    "s.readFileSync(p);\n"
			    "s = require('zlib');\n"
			    "s.gzipSync(b);\n";
	expect_name("a.js", again, "s.readFileSync", "fs.readFileSync");
	expect_name("a.js", again, "s.gzipSync", "zlib.gzipSync");
	/* Used before it is bound: the first binding. */
	expect_name("a.js", "r(p);\nconst r = require('fs').readFileSync;\n",
		    "r", "fs.readFileSync");
}

static void
python__import_forms__resolved(void **state)
{
	(void)state;
	expect_name("a.py", "import time as t\nt.sleep(1)\n", "t.sleep",
		    "time.sleep");
	expect_name("a.py", "from time import sleep\nsleep(1)\n", "sleep",
		    "time.sleep");
	expect_name("a.py", "from time import sleep as nap\nnap(1)\n", "nap",
		    "time.sleep");
	expect_name("a.py", "import os.path\nos.path.exists(p)\n",
		    "os.path.exists", "os.path.exists");
	expect_name("a.py", "import urllib.request as ur\nur.urlopen(u)\n",
		    "ur.urlopen", "urllib.request.urlopen");
	expect_name("a.py", "from . import helpers\nhelpers.run()\n",
		    "helpers.run", ".helpers.run");
	expect_name("a.py", "from ..pkg.mod import f\nf()\n", "f",
		    "..pkg.mod.f");
	expect_name("a.py", "def f():\n    import time\n    time.sleep(1)\n",
		    "time.sleep", "time.sleep");
}

static void
python__instances_and_aliases__resolved(void **state)
{
	(void)state;
	expect_name("a.py", "import requests\nrequests.Session().get(u)\n",
		    "requests.Session().get", "requests.Session().get");
	expect_name("a.py",
		    "import requests\ns = requests.Session()\ns.get(u)\n",
		    "s.get", "requests.Session().get");
	expect_name("a.py",
		    "from concurrent.futures import ThreadPoolExecutor\n"
		    "with ThreadPoolExecutor() as ex:\n    ex.submit(f)\n",
		    "ex.submit",
		    "concurrent.futures.ThreadPoolExecutor().submit");
	expect_name("a.py", "import time\nnap = time.sleep\nnap(1)\n", "nap",
		    "time.sleep");
}

static void
python__builtins_and_shadowing(void **state)
{
	(void)state;
	expect_name("a.py", "open(p)\n", "open", "open");
	expect_name("a.py", "def open(p):\n    pass\nopen(p)\n", "open", NULL);
	expect_name("a.py", "from aiofiles import open\nopen(p)\n", "open",
		    "aiofiles.open");
	expect_name("a.py", "requests.get(u)\n", "requests.get", NULL);
	expect_name("a.py", "import time\ndef f(time):\n    time.sleep(1)\n",
		    "time.sleep", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			javascript__require_and_import_forms__resolved),
		cmocka_unit_test(javascript__shadowing_and_globals),
		cmocka_unit_test(javascript__block_scopes_and_rebinding),
		cmocka_unit_test(python__import_forms__resolved),
		cmocka_unit_test(python__instances_and_aliases__resolved),
		cmocka_unit_test(python__builtins_and_shadowing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
