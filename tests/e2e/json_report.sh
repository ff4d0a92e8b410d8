#!/bin/sh
# End-to-end: every JSON report stackfit writes validates against the
# documented schema (docs/json-report.schema.json) — audit of the examples
# (fixes, chains, the profile), with unused suppressions, of odd and Latin-1
# file names, of an empty folder, through a daemon; check of files and of
# the staged files — and docs/json-report.md names every key of it.
# `--statistics` counts per rule, as text and as JSON.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"
# The examples copied out of this repository's work tree: inside it,
# `audit examples` is the audit of a folder of this repository (its paths
# from the repository's top).
exdir=$(mktemp -d)
cp -R "$src/examples" "$exdir/examples"
ex=$exdir/examples
py=/usr/bin/python3
[ -x "$py" ] || py=python3
schema=$src/docs/json-report.schema.json

tmp=$(mktemp -d)
cleanup() {
	[ -n "${repo:-}" ] && "$bin" daemon stop "$repo" >/dev/null 2>&1
	rm -rf "$tmp" "$exdir"
}
trap cleanup EXIT
export XDG_RUNTIME_DIR="$tmp/rt"
mkdir -m 700 "$XDG_RUNTIME_DIR"

# valid FILE [DEF]: FILE validates against the schema (or its $defs/DEF).
valid() {
	"$py" - "$schema" "$@" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
doc = json.loads(open(sys.argv[2], "rb").read().decode("utf-8"))
if len(sys.argv) > 3:
    schema = dict(schema["$defs"][sys.argv[3]], **{"$defs": schema["$defs"]})
jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
PY
}

"$bin" audit --no-cache --no-daemon --format json "$ex" >"$tmp/examples.json"
check "audit of the examples: exit 1" [ $? -eq 1 ]
check "  validates" valid "$tmp/examples.json"
check "  has what the schema must cover: fixes, chains, profile reasons" "$py" -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["formatVersion"] == 1
d = r["diagnostics"]
assert any("fix" in x for x in d) and any(x["related"] for x in d)
assert any(x["help"] is None for x in d) or all(isinstance(x["help"], str) for x in d)
assert any(rs["diagnostics"] for c in r["profile"]["components"] for rs in c["fit"]["reasons"])
' "$tmp/examples.json"
check "docs/json-report.md names every key of the schema" "$py" - "$schema" "$src/docs/json-report.md" <<'PY'
import json, sys
schema, doc = json.load(open(sys.argv[1])), open(sys.argv[2]).read()
keys = set()
def walk(o):
    if isinstance(o, dict):
        keys.update(o.get("properties", {}))
        for v in o.values():
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
walk(schema)
missing = sorted(k for k in keys if "`%s`" % k not in doc)
assert not missing, missing
PY

"$bin" audit --no-cache --no-daemon --report-unused-ignores --format json \
	"$ex" >"$tmp/unused.json"
check "audit --report-unused-ignores validates" valid "$tmp/unused.json"

mkdir "$tmp/empty"
"$bin" audit --no-cache --no-daemon --format json "$tmp/empty" >"$tmp/empty.json"
check "audit of an empty folder: exit 0" [ $? -eq 0 ]
check "  validates" valid "$tmp/empty.json"

repo=$tmp/repo
mkdir -p "$repo/src"
cd "$repo" || exit 1
printf "const fs = require('fs');\nmodule.exports = () => fs.readFileSync('x');\n" >src/helper.js
printf "const read = require('./helper');\nrequire('express')().get('/', (q, s) => s.send(read()));\n" >"$(printf 'src/caf\351 #1.js')"
printf 'import time\nasync def h():\n    time.sleep(1)  # stackfit: ignore[JS999]\n' >src/app.py
git init -q . && git add -A &&
	git -c user.name=t -c user.email=t@example.com commit -qm init
"$bin" audit --no-cache --no-daemon --format json . >"$tmp/odd.json"
check "audit of odd and Latin-1 names validates" valid "$tmp/odd.json"
check "  with pathUri for the Latin-1 file and its chain" "$py" -c '
import json, sys
r = json.load(open(sys.argv[1]))
d = [x for x in r["diagnostics"] if "pathUri" in x]
assert d and d[0]["pathUri"] == "src/caf%E9%20%231.js" and d[0]["related"], d
' "$tmp/odd.json"
"$bin" check --no-cache --no-daemon --format json src/app.py >"$tmp/check.json"
check "check FILE validates" valid "$tmp/check.json"
echo "    x = 1" >>src/app.py
git add src/app.py
"$bin" check --no-cache --no-daemon --staged --format json >"$tmp/staged.json"
check "check --staged validates" valid "$tmp/staged.json"

# Through a daemon (a copy of the examples: a daemon does not yet take file
# names that are not UTF-8).
repo=$tmp/examples
cp -r "$ex" "$repo"
cd "$repo" || exit 1
"$bin" daemon start "$repo" >/dev/null 2>&1
check "daemon start" [ $? -eq 0 ]
"$bin" audit --format json . >"$tmp/daemon.json" 2>"$tmp/daemon.err"
check "audit through the daemon validates" valid "$tmp/daemon.json"
check "  (the daemon answered)" sh -c '! grep -q "did not answer" "$1"' _ "$tmp/daemon.err"
"$bin" audit --no-daemon --no-cache --format json . >"$tmp/local.json"
check "  and is the in-process report, byte for byte" cmp -s "$tmp/daemon.json" "$tmp/local.json"
"$bin" audit --statistics --format json . >"$tmp/daemon-stats.json" 2>"$tmp/daemon.err"
check "audit --statistics through the daemon" valid "$tmp/daemon-stats.json" statistics
check "  (the daemon answered)" sh -c '! grep -q "did not answer" "$1"' _ "$tmp/daemon.err"
"$bin" daemon stop "$repo" >/dev/null 2>&1

# --statistics
cd "$ex" || exit 1
"$bin" audit --no-cache --no-daemon --statistics --format json >"$tmp/stats.json"
check "--statistics --format json: exit 1 as the report" [ $? -eq 1 ]
check "  validates against \$defs/statistics" valid "$tmp/stats.json" statistics
check "  counts what the report has, most frequent first" "$py" -c '
import collections, json, sys
report = json.load(open(sys.argv[1]))
stats = json.load(open(sys.argv[2]))
want = collections.Counter(d["rule"] for d in report["diagnostics"])
assert {s["rule"]: s["count"] for s in stats} == dict(want), stats
fix = collections.Counter(d["rule"] for d in report["diagnostics"] if "fix" in d)
assert all(s["fixable"] == fix[s["rule"]] for s in stats), stats
counts = [s["count"] for s in stats]
assert counts == sorted(counts, reverse=True), counts
' "$tmp/examples.json" "$tmp/stats.json"
"$bin" audit --no-cache --no-daemon --statistics >"$tmp/stats.txt"
check "--statistics as text: one line per rule, like ruff's" "$py" -c '
import json, re, sys
stats = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
want = ["%*d\t%s\t%s %s" % (len(str(stats[0]["count"])), s["count"], s["rule"],
        "[*]" if s["fixable"] else "[ ]", s["name"]) for s in stats]
assert lines == want, (lines, want)
' "$tmp/stats.json" "$tmp/stats.txt"
"$bin" audit --no-cache --no-daemon --statistics --fail-on none >/dev/null
check "--statistics --fail-on none: exit 0" [ $? -eq 0 ]
"$bin" audit --statistics --format sarif >/dev/null 2>"$tmp/err"
check "--statistics --format sarif: a usage error" [ $? -eq 2 ]
check "  saying so" grep -q 'statistics is written as text or json' "$tmp/err"
exit $fail
