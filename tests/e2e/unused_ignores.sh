#!/bin/sh
# End-to-end: --report-unused-ignores. A suppression comment
# that silences nothing is an `info` finding "unused-ignore" at the
# comment; one that a finding of any pass uses — the file's own rules, a
# cross-file rule (JS107, PY202), a project rule (ST301) — is not; only
# the unused ids of a list are named; unknown ids are named; an
# ignore-file is judged too; an id of a rule turned off is not judged. The
# answer is the same with and without the cache, the JSON and SARIF
# carry it, and the exit status follows --fail-on as for any info finding.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
[ -x "$py" ] || py=python3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STACKFIT_CACHE_DIR="$tmp/cache"
repo=$tmp/repo
mkdir -p "$repo/js/src" "$repo/py/app"

# JavaScript: an express service. Line numbers matter: the expectations
# below name them.
cat >"$repo/js/package.json" <<'EOF'
{ "name": "svc", "main": "src/app.js", "dependencies": { "express": "^4.19.2" } }
EOF
cat >"$repo/js/src/app.js" <<'EOF'
const express = require('express'); // stackfit: ignore[ST301]
const fs = require('fs');
const { fib } = require('./fib');
const { load } = require('./helper');
const app = express();
app.get('/a', async (req, res) => {
  const a = fs.readFileSync('/etc/hosts'); // stackfit: ignore[JS101]
  // stackfit: ignore
  const b = fs.readFileSync('/etc/passwd');
  const c = 1; // stackfit: ignore
  const d = fs.readFileSync('/etc/group'); // stackfit: ignore[JS101,JS103,JS999]
  const e = load(); // stackfit: ignore[JS107]
  res.json({ v: fib(20), a, b, c, d, e }); // stackfit: ignore[JS107]
});
// stackfit: ignore-file
app.listen(3000);
EOF
cat >"$repo/js/src/fib.js" <<'EOF'
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
module.exports = { fib };
EOF
# The helper is not event-loop code: its ignore-file silences nothing
# (the JS107 is the caller's, in app.js).
cat >"$repo/js/src/helper.js" <<'EOF'
// stackfit: ignore-file
const fs = require('fs');
function load() { return fs.readFileSync('/etc/hostname'); }
module.exports = { load };
EOF
cat >"$repo/js/src/quiet.js" <<'EOF'
/* stackfit: ignore-file */
module.exports = 1;
EOF
cat >"$repo/js/src/worker.js" <<'EOF'
// stackfit: ignore-file
const fs = require('fs');
async function task() { return fs.readFileSync('/x'); }
module.exports = { task };
EOF
# A controller that is event-loop code only because another file
# registers it as a route: its JS101 (and the use of its suppression)
# comes from the second pass, which runs with the index.
cat >"$repo/js/src/controller.js" <<'EOF'
const fs = require('fs');
function show(req, res) {
  res.send(fs.readFileSync('/etc/motd')); // stackfit: ignore[JS101]
}
module.exports = { show };
EOF
cat >"$repo/js/src/routes.js" <<'EOF'
const express = require('express');
const { show } = require('./controller');
const router = express.Router();
router.get('/c', show);
module.exports = router;
EOF
# Python: a cross-file PY202, and a rule turned off.
cat >"$repo/py/pyproject.toml" <<'EOF'
[project]
name = "svc"
EOF
printf '{"rules": {"PY205": "off"}}\n' >"$repo/.stackfit.json"
cat >"$repo/py/app/__init__.py" <<'EOF'
EOF
cat >"$repo/py/app/helpers.py" <<'EOF'
import time


def pause():
    time.sleep(1)
EOF
cat >"$repo/py/app/main.py" <<'EOF'
from app.helpers import pause


async def handler(xs):
    pause()  # stackfit: ignore[PY202]
    for x in xs:
        await x  # stackfit: ignore[PY205]
    return 1  # stackfit: ignore[PY201]
EOF

audit() { # out, flags...: a JSON audit of the repository
	out=$1
	shift
	"$bin" audit --no-progress --format json "$@" "$repo" >"$out" 2>"$tmp/err"
	echo $? >"$out.rc"
}
# The unused-ignore findings of a report, one a line: path:line:col message
unused() {
	"$py" -c '
import json, sys
for d in json.load(open(sys.argv[1]))["diagnostics"]:
    if d["rule"] == "unused-ignore":
        print("%s:%d:%d %s" % (d["path"], d["line"], d["column"], d["message"]))
' "$1"
}

audit "$tmp/plain.json" --no-cache
check "without the flag: no unused-ignore finding" \
	[ -z "$(unused "$tmp/plain.json")" ]

audit "$tmp/nocache.json" --no-cache --report-unused-ignores
unused "$tmp/nocache.json" >"$tmp/got"
cat >"$tmp/want" <<'EOF'
js/src/app.js:10:19 unused suppression: no finding on line 10
js/src/app.js:11:47 unknown rule id JS999 in suppression
js/src/app.js:11:47 unused suppression: no JS103 finding on line 11
js/src/app.js:15:4 unused suppression: `ignore-file` counts only in the file's first comment block, before any code
js/src/helper.js:1:4 unused suppression: no finding in this file
js/src/quiet.js:1:4 unused suppression: no finding in this file
py/app/main.py:8:17 unused suppression: no PY201 finding on line 8
EOF
check "exactly the unused suppressions are reported" cmp -s "$tmp/want" "$tmp/got"
cmp -s "$tmp/want" "$tmp/got" ||
	diff "$tmp/want" "$tmp/got"
check "the other findings are those of a run without the flag" "$py" -c '
import json, sys
a = [d for d in json.load(open(sys.argv[1]))["diagnostics"]]
b = [d for d in json.load(open(sys.argv[2]))["diagnostics"] if d["rule"] != "unused-ignore"]
assert a == b, (a, b)
' "$tmp/plain.json" "$tmp/nocache.json"
check "the JSON shape of docs/json-report.md" "$py" -c '
import json, sys
doc = json.load(open(sys.argv[1]))
ds = [d for d in doc["diagnostics"] if d["rule"] == "unused-ignore"]
for d in ds:
    assert d["name"] == "unused-ignore", d
    assert d["severity"] == "info", d
    assert d["endLine"] >= d["line"] and d["endColumn"] > d["column"], d
    assert d["help"], d
    assert d["related"] == [], d
d = [d for d in ds if d["path"] == "js/src/app.js" and d["line"] == 10][0]
assert (d["column"], d["endColumn"]) == (19, 35), d
help = {(d["path"], d["line"], d["message"][:7]): d["help"] for d in ds}
assert help[("js/src/app.js", 11, "unused ")] == "remove JS103 from the list", help
assert help[("py/app/main.py", 8, "unused ")] == "delete the comment", help
# The profile does not count them.
for c in doc["profile"]["components"]:
    for r in c["fit"]["reasons"]:
        for i in r["diagnostics"]:
            assert doc["diagnostics"][i]["rule"] != "unused-ignore"
' "$tmp/nocache.json"
check "info findings only do not change the exit status" \
	[ "$(cat "$tmp/plain.json.rc")" = "$(cat "$tmp/nocache.json.rc")" ]

audit "$tmp/cold.json" --report-unused-ignores
audit "$tmp/warm.json" --report-unused-ignores
check "cold cache: same report as --no-cache" cmp -s "$tmp/nocache.json" "$tmp/cold.json"
check "warm cache: same report as --no-cache" cmp -s "$tmp/nocache.json" "$tmp/warm.json"
audit "$tmp/warm-plain.json"
check "warm cache without the flag: same report as before" \
	cmp -s "$tmp/plain.json" "$tmp/warm-plain.json"
# A cache made without the flag serves a run with it.
STACKFIT_CACHE_DIR="$tmp/cache2" audit "$tmp/cold2-plain.json"
STACKFIT_CACHE_DIR="$tmp/cache2" audit "$tmp/warm2.json" --report-unused-ignores
check "cache made without the flag, run with it: same as --no-cache" \
	cmp -s "$tmp/nocache.json" "$tmp/warm2.json"
# Without its comment, the controller's finding shows: the comment is used.
sed 's|// stackfit: ignore.JS101.||' "$repo/js/src/controller.js" >"$tmp/c.js"
cp "$repo/js/src/controller.js" "$tmp/c.orig.js"
cp "$tmp/c.js" "$repo/js/src/controller.js"
audit "$tmp/bare.json" --report-unused-ignores
check "the registered controller's JS101 is real" \
	grep -q '"path": "js/src/controller.js",' "$tmp/bare.json"
cp "$tmp/c.orig.js" "$repo/js/src/controller.js"
# The cross-file use goes when the helper no longer blocks: warm, one edit.
sed -i 's/fs.readFileSync(.\/etc\/hostname.)/"host"/' "$repo/js/src/helper.js"
audit "$tmp/edit.json" --report-unused-ignores
check "after an edit of another file: the JS107 suppression is unused" \
	has "$(unused "$tmp/edit.json")" '^js/src/app.js:12:24 unused suppression: no JS107 finding on line 12$'
audit "$tmp/edit.nocache.json" --report-unused-ignores --no-cache
check "after an edit: same report as --no-cache" cmp -s "$tmp/edit.json" "$tmp/edit.nocache.json"

"$bin" audit --no-progress --format sarif --report-unused-ignores \
	--output "$tmp/out.sarif" "$repo"
check "sarif with unused-ignore validates, with a rule for it" "$py" -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
run = doc["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
assert "unused-ignore" in ids, ids
res = [r for r in run["results"] if r["ruleId"] == "unused-ignore"]
assert res
for r in run["results"]:
    assert ids[r["ruleIndex"]] == r["ruleId"]
for r in res:
    assert r["level"] == "note", r
' "$src/tests/e2e/sarif-2.1.0.schema.json" "$tmp/out.sarif"
out=$("$bin" audit --no-progress --format github --report-unused-ignores "$repo")
check "github: a notice titled unused-ignore" \
	has "$out" '^::notice file=js/src/quiet.js,line=1,col=4,.*title=unused-ignore::unused suppression: no finding in this file'
out=$("$bin" audit --no-progress --report-unused-ignores "$repo")
check "text: path:line:col: unused-ignore [info] message" \
	has "$out" '^js/src/app.js:10:19: unused-ignore \[info\] unused suppression: no finding on line 10$'
"$bin" audit --no-progress --format html --report-unused-ignores \
	--output "$tmp/out.html" "$repo"
check "html: the findings are listed" grep -q 'unused-ignore' "$tmp/out.html"

# Exit status: info findings fail only from --fail-on info.
"$bin" audit --no-progress --report-unused-ignores "$repo/js/src/quiet.js" >/dev/null 2>&1
"$bin" audit --no-progress --report-unused-ignores --fail-on info \
	"$repo/py" >/dev/null 2>&1
check "--fail-on info: exit 1 on an unused suppression" [ $? -eq 1 ]
mkdir -p "$tmp/solo"
printf '// stackfit: ignore\nconst a = 1;\n' >"$tmp/solo/a.js"
"$bin" audit --no-progress --report-unused-ignores "$tmp/solo" >/dev/null 2>&1
check "default --fail-on: exit 0 with only unused suppressions" [ $? -eq 0 ]
"$bin" audit --no-progress --report-unused-ignores --fail-on info "$tmp/solo" >/dev/null 2>&1
check "--fail-on info: exit 1" [ $? -eq 1 ]

# The configuration key, and its validation.
printf '{"reportUnusedIgnores": true}\n' >"$tmp/solo/.stackfit.json"
out=$("$bin" audit --no-progress "$tmp/solo")
check "reportUnusedIgnores: true acts as the flag" \
	has "$out" '^a.js:1:4: unused-ignore \[info\]'
printf '{"reportUnusedIgnores": "yes"}\n' >"$tmp/solo/.stackfit.json"
err=$("$bin" audit --no-progress "$tmp/solo" 2>&1 >/dev/null)
check "reportUnusedIgnores: a string is a configuration error (exit 2)" [ $? -eq 2 ]
check "... naming the file and key" has "$err" '\.stackfit\.json: reportUnusedIgnores: expected true or false, got a string'
rm "$tmp/solo/.stackfit.json"

# check: only the checked files' unused suppressions.
cd "$repo" || exit 1
git init -q .
out=$("$bin" check --report-unused-ignores js/src/app.js)
check "check: exit 0 (suppressed findings, infos)" [ $? -eq 0 ]
check "check: the checked file's unused suppression" \
	has "$out" '^js/src/app.js:10:19: unused-ignore \[info\]'
check "check: not the other files'" sh -c '! printf "%s\n" "$1" | grep -q "^js/src/quiet.js"' _ "$out"
out=$("$bin" check js/src/app.js)
check "check without the flag: none" sh -c '! printf "%s\n" "$1" | grep -q unused-ignore' _ "$out"

# An ignore-file whose only silenced finding is a project one (ST301,
# anchored at the express import) is used; the finding is not reported.
mkdir -p "$tmp/st/src"
printf '{ "name": "st", "main": "src/app.js", "dependencies": { "express": "^4" } }\n' >"$tmp/st/package.json"
cat >"$tmp/st/src/app.js" <<'EOF'
// stackfit: ignore-file
const express = require('express');
const routes = require('./routes');
const app = express();
app.get('/fib/:n', routes.fibHandler);
app.listen(3000);
EOF
cat >"$tmp/st/src/routes.js" <<'EOF'
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
exports.fibHandler = async (req, res) => {
  res.json({ v: fib(Number(req.params.n)) });
};
EOF
out=$("$bin" audit --no-progress --report-unused-ignores --fail-on none "$tmp/st")
check "ignore-file: the project finding anchored in the file is silenced" \
	sh -c '! printf "%s\n" "$1" | grep -q "ST301 \["' _ "$out"
check "ignore-file: ... and the comment is used" \
	sh -c '! printf "%s\n" "$1" | grep -q "^src/app.js:1:.*unused-ignore"' _ "$out"
check "ignore-file: the other file's finding stays" has "$out" '^src/routes.js:5:17: JS107'

out=$("$bin" explain unused-ignore)
check "explain unused-ignore" has "$out" '^# unused-ignore$'
exit $fail
