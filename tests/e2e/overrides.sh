#!/bin/sh
# End-to-end: "overrides" in a configuration give rules other severities
# (or turn them off, or on) for the files their globs match; the last
# override that matches wins; through a daemon too; a bad override is an
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
mkdir -p "$r/src" "$r/legacy" "$r/pkg/lib"
git -C "$r" init -q .
js="const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('x')));\napp.get('/a', async (req, res) => { for (const x of req.body) { await f(x); } });\n"
printf "$js" >"$r/src/app.js"
printf "$js" >"$r/legacy/old.js"
printf "$js" >"$r/pkg/lib/a.js"
# JS106 off everywhere but in legacy/ (on, as a warning); JS101 off in
# legacy/, an error in src/; the package's own configuration overrides
# for its own folder (globs relative to it).
cat >"$r/.stackfit.json" <<'JSON'
{"rules": {"JS106": "off"},
 "overrides": [
   {"files": ["legacy"], "rules": {"JS101": "off", "JS106": "warning"}},
   {"files": ["src/*.js"], "rules": {"JS101": "error"}},
   {"files": ["src/app.js"], "rules": {"JS101": "info"}}
 ]}
JSON
printf '{"name": "pkg", "stackfit": {"overrides": [{"files": ["lib/**"], "rules": {"sync-io-in-event-loop": "hint"}}]}}\n' >"$r/pkg/package.json"
git -C "$r" add -A

run 1 "audit with overrides" "$bin" audit --no-progress --no-daemon "$r"
out_has '^legacy/old.js:3:.*JS106 \[warning\]'
out_lacks '^legacy/old.js:2:37: JS101'
out_has '^src/app.js:2:37: JS101 \[info\]'
out_lacks '^src/app.js:3:.*JS106'
out_has '^pkg/lib/a.js:2:37: JS101 \[hint\]'
run 1 "check of the same files: the same severities" \
	sh -c 'cd "$1" && "$2" check --no-daemon src/app.js legacy/old.js pkg/lib/a.js' _ "$r" "$bin"
out_has '^src/app.js:2:37: JS101 \[info\]'
out_has '^legacy/old.js:3:.*JS106 \[warning\]'
run 0 "--fail-on warning: an info is no failure" \
	sh -c 'cd "$1" && "$2" check --no-daemon src/app.js' _ "$r" "$bin"
run 1 "the same through a daemon" sh -c 'cd "$1" && "$2" daemon start >/dev/null && "$2" audit --no-progress .; rc=$?; "$2" daemon stop >/dev/null; exit $rc' _ "$r" "$bin"
out_has '^src/app.js:2:37: JS101 \[info\]'
out_has '^legacy/old.js:3:.*JS106 \[warning\]'
run 1 "SARIF: the levels the overrides give" "$bin" audit --no-daemon --format sarif "$r"
check "  levels" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
res = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]): r["level"] for r in d["runs"][0]["results"]}
assert res[("src/app.js", "JS101")] == "note", res
assert res[("legacy/old.js", "JS106")] == "warning", res
assert ("legacy/old.js", "JS101") not in res, res
' "$out"

bad() { # description, configuration, message
	printf '%s\n' "$2" >"$r/.stackfit.json"
	run 2 "bad override: $1" "$bin" audit --no-progress --no-daemon "$r"
	err_has "$3"
}
bad "not an array" '{"overrides": {}}' 'overrides: expected an array'
bad "no files" '{"overrides": [{"rules": {"JS101": "off"}}]}' 'overrides\[1\]: missing "files"'
bad "unknown rule" '{"overrides": [{"files": ["a"], "rules": {"XX1": "off"}}]}' 'overrides\[1\].rules.XX1: unknown rule'
bad "unknown key" '{"overrides": [{"files": ["a"], "exclude": []}]}' 'overrides\[1\].exclude: unknown key'
bad "bad glob" '{"overrides": [{"files": "a"}]}' 'overrides\[1\].files: expected an array of glob strings'

exit $fail
