#!/bin/sh
# End-to-end: configuration from .stackfit.json, package.json
# and pyproject.toml changes what the audit reports, and a bad
# configuration is an error naming the file and the key, never a guess.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mk() { # dir: a small project with one JS101 and one PY201 finding
	mkdir -p "$1/src" "$1/legacy" "$1/tools"
	printf "const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('x')));\n" >"$1/src/app.js"
	printf "const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('y')));\n" >"$1/legacy/old.js"
	printf "const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('z')));\n" >"$1/tools/gen.js"
	printf "import mylib\nasync def h():\n    mylib.fetch_sync(1)\n" >"$1/src/svc.py"
}

d=$tmp/plain && mk "$d"
out=$("$bin" audit --no-progress "$d" 2>&1)
check "no configuration: the defaults" has "$out" "Found 3 problems"

d=$tmp/json && mk "$d"
cat >"$d/.stackfit.json" <<'JSON'
{
  "rules": {"JS101": "error"},
  "exclude": ["legacy"],
  "cli": ["tools/**"],
  "blocking": {"python": [{"name": "mylib.fetch_sync", "kind": "network",
                           "replacement": "mylib.fetch"}]}
}
JSON
out=$("$bin" audit --no-progress "$d" 2>&1)
check ".stackfit.json: severity raised" has "$out" "src/app.js:2:37: JS101 \[error\]"
check ".stackfit.json: exclude" sh -c '! printf "%s" "$1" | grep -q legacy/' _ "$out"
check ".stackfit.json: cli paths exempt" sh -c '! printf "%s" "$1" | grep -q tools/' _ "$out"
check ".stackfit.json: extra blocking API" has "$out" "src/svc.py:3:5: PY201 \[warning\] \`mylib.fetch_sync\`"
"$bin" audit --no-progress --fail-on error "$d" >/dev/null 2>&1
check "--fail-on error fails on the raised rule" [ $? -eq 1 ]

# From a sub-folder, the configuration of the project above applies.
out=$("$bin" audit --no-progress "$d/src" 2>&1)
check "configuration found above the audited folder" has "$out" "app.js:2:37: JS101 \[error\]"

d=$tmp/pkg && mk "$d"
printf '{"name": "svc", "stackfit": {"rules": {"sync-io-in-event-loop": "off"}}}\n' >"$d/package.json"
out=$("$bin" audit --no-progress "$d" 2>&1)
check "package.json key: rule off by name" sh -c '! printf "%s" "$1" | grep -q JS101' _ "$out"

d=$tmp/toml && mk "$d"
cat >"$d/pyproject.toml" <<'TOML'
[project]
name = "svc"

[tool.stackfit]
exclude = ["legacy", "tools"]

[tool.stackfit.rules]
JS101 = "hint"

[[tool.stackfit.blocking.python]]
name = "mylib.fetch_sync"
kind = "network"
replacement = "mylib.fetch"
TOML
out=$("$bin" audit --no-progress "$d" 2>&1)
check "pyproject.toml: severity" has "$out" "src/app.js:2:37: JS101 \[hint\]"
check "pyproject.toml: array of tables" has "$out" "svc.py:3:5: PY201"
check "pyproject.toml: exclude" has "$out" "Found 2 problems"

# The CPU threshold moves what counts as a heavy loop, in both languages.
d=$tmp/threshold && mkdir -p "$d"
printf "app.get('/', (req, res) => {\n  let s = 0;\n  for (let i = 0; i < 2e6; i++) s += i;\n  res.json(s);\n});\n" >"$d/a.js"
printf "async def h():\n    s = 0\n    for i in range(2 * 10**6):\n        s += i * i\n    return s\n" >"$d/b.py"
out=$("$bin" audit --no-progress "$d" 2>&1)
check "default threshold: the 2e6 loops are heavy (JS103)" has "$out" "a.js:3:3: JS103"
check "default threshold: the 2e6 loops are heavy (PY203)" has "$out" "b.py:3:5: PY203"
printf '{"thresholds": {"heavyLoopWork": 1e8}}\n' >"$d/.stackfit.json"
out=$("$bin" audit --no-progress "$d" 2>&1)
check "raised threshold: no longer heavy" has "$out" "No problems found"

# Bad configurations: exit 2, one line naming the file and the problem.
bad() { # description, file name, content, expected message
	d=$tmp/bad$$_$(printf '%s' "$1" | tr -c 'a-z' _) && mk "$d"
	printf '%s' "$3" >"$d/$2"
	msg=$("$bin" audit --no-progress "$d" 2>&1 >/dev/null)
	rc=$?
	check "bad config ($1): exit 2" [ "$rc" -eq 2 ]
	check "bad config ($1): says $4" has "$msg" "$4"
}
bad "unknown key" .stackfit.json '{"rulez": {}}' ".stackfit.json: rulez: unknown key (expected one of: rules,"
bad "unknown rule" .stackfit.json '{"rules": {"XX1": "off"}}' "rules.XX1: unknown rule"
bad "bad severity" .stackfit.json '{"rules": {"JS101": "loud"}}' 'rules.JS101: expected "error", "warning", "info", "hint" or "off"'
bad "syntax" .stackfit.json '{"rules": {"JS101": "off",}}' ".stackfit.json: line 1, column"
bad "glob type" .stackfit.json '{"exclude": "legacy"}' "exclude: expected an array of glob strings, got a string"
bad "blocking kind" .stackfit.json '{"blocking": {"python": [{"name": "a.b", "kind": "slow", "replacement": "c"}]}}' 'blocking.python\[1\]: unknown kind "slow"'
bad "threshold" .stackfit.json '{"thresholds": {"heavyLoopWork": -3}}' "thresholds.heavyLoopWork: expected a number from 1"
# Texts are addressed by 32-bit offsets: no file over 1 GiB is read.
bad "maxFileSize" .stackfit.json '{"maxFileSize": 1e10}' "\.stackfit\.json: maxFileSize: expected a number from 1 to 1073741824, got 10000000000"
bad "toml syntax" pyproject.toml '[tool.stackfit]
rules = {JS101 = off}
' "pyproject.toml: line 2, column"
bad "package.json key" package.json '{"stackfit": {"include": [1]}}' 'package.json (key "stackfit"): include: item 1: expected a glob string, got a number'
exit $fail
