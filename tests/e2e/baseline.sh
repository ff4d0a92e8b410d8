#!/bin/sh
# End-to-end: `stackfit baseline` records today's findings so that audit
# and check report only new ones; the fingerprints survive line moves and
# re-indentation; baseline again drops what was fixed (and --prune adds
# nothing new); --no-baseline shows everything; a damaged baseline is an
# error naming it.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STACKFIT_CACHE_DIR="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
out=$tmp/out err=$tmp/err
r=$tmp/repo
mkrepo "$r" # app.js:2:37 JS101
printf "import time\n\nasync def h():\n    time.sleep(1)\n    time.sleep(2)\n" >"$r/svc.py"
git -C "$r" add svc.py

run 0 "baseline" sh -c 'cd "$1" && "$2" baseline' _ "$r" "$bin"
err_has "wrote $r/.stackfit-baseline.json: 3 findings (3 new, 0 fixed and removed)"
check "  the file: formatVersion, rule, path, fingerprint" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["formatVersion"] == 1
f = d["findings"]
assert sorted((x["rule"], x["path"]) for x in f) == [("JS101", "app.js"), ("PY201", "svc.py"), ("PY201", "svc.py")], f
assert all(len(x["fingerprint"]) == 32 for x in f)
assert len({x["fingerprint"] for x in f}) == 3
' "$r/.stackfit-baseline.json"
run 0 "audit: nothing new" "$bin" audit --no-progress --no-daemon "$r"
out_has "No problems found"
err_has "3 findings in .stackfit-baseline.json not reported"
run 1 "audit --no-baseline: everything" "$bin" audit --no-progress --no-daemon --no-baseline "$r"
out_has "Found 3 problems"

# Lines moved and re-indented, one new finding on a new line and one that
# repeats a baselined line's text (the second occurrence is new).
printf "// a comment\n\nconst fs = require('fs');\n  app.get('/', (req, res) => res.send(fs.readFileSync('x')));\napp.get('/b', (req, res) => res.send(fs.readFileSync('b')));\n" >"$r/app.js"
printf "import time\n\n\nasync def h():\n        time.sleep(1)\n        time.sleep(2)\n        time.sleep(2)\n" >"$r/svc.py"
git -C "$r" add -A
run 1 "check --staged after moves: only the new findings" \
	sh -c 'cd "$1" && "$2" check --no-daemon --staged' _ "$r" "$bin"
out_has "^app.js:5:38: JS101"
out_has "^svc.py:7:9: PY201"
out_has "Found 2 problems"
run 1 "the same through a daemon" sh -c 'cd "$1" && "$2" daemon start >/dev/null && "$2" check --staged; rc=$?; "$2" daemon stop >/dev/null; exit $rc' _ "$r" "$bin"
out_has "Found 2 problems"
run 1 "audit --format json: the new ones, with a profile" \
	"$bin" audit --no-daemon --format json "$r"
check "  two diagnostics" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["diagnostics"]) == 2, d["diagnostics"]
n = len(d["diagnostics"])
for c in d["profile"]["components"]:
    for r in c["fit"]["reasons"]:
        assert all(0 <= i < n for i in r["diagnostics"]), r
' "$out"

# Fix one baselined finding: baseline --prune drops it and adds nothing.
printf "import time\n\n\nasync def h():\n        time.sleep(1)\n" >"$r/svc.py"
run 0 "baseline --prune" sh -c 'cd "$1" && "$2" baseline --prune' _ "$r" "$bin"
err_has "2 findings (0 new, 1 fixed and removed)"
run 1 "the new JS101 is still reported" "$bin" audit --no-progress --no-daemon "$r"
out_has "^app.js:5:38: JS101"
run 0 "baseline again takes it in" sh -c 'cd "$1" && "$2" baseline' _ "$r" "$bin"
err_has "3 findings (1 new, 0 fixed and removed)"
run 0 "audit: clean" "$bin" audit --no-progress --no-daemon "$r"

# A damaged baseline: exit 2 naming it.
printf '{"formatVersion": 1, "findings": [{"rule": 1}]}\n' >"$r/.stackfit-baseline.json"
run 2 "a damaged baseline is an error" "$bin" audit --no-progress --no-daemon "$r"
err_has '.stackfit-baseline.json: findings\[0\]: expected'
run 0 "baseline writes it again" sh -c 'cd "$1" && "$2" baseline' _ "$r" "$bin"
run 0 "audit: clean again" "$bin" audit --no-progress --no-daemon "$r"

exit $fail
