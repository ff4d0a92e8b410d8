#!/bin/sh
# End-to-end: findings on a very long line (minified code) get a code frame
# cropped around the finding, with the caret under it, the same from the
# cache; the line is not copied whole for each of them.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
[ -x "$py" ] || py=python3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/repo"
# 500 blocking calls in one handler on one 60 kB line, with multi-byte text
# before some of them, then one short line with a finding.
"$py" -c '
calls = "+".join(("fs.readFileSync(\"\u00e9\u00e9\")" if i % 7 else "fs.readFileSync(\"a\")") for i in range(500))
print("const fs = require(\"fs\");")
print("app.get(\"/\", (req, res) => { const x = " + calls + "; res.send(x); });")
print("app.post(\"/\", (req, res) => { fs.readFileSync(\"b\"); });")
' >"$tmp/repo/min.js"

export STACKFIT_CACHE_DIR="$tmp/cache"
"$bin" audit --format text "$tmp/repo" >"$tmp/cold.txt"
check "audit exits 1 on findings" [ $? -eq 1 ]
"$bin" audit --format text "$tmp/repo" >"$tmp/warm.txt"
check "the cached report is the same" cmp -s "$tmp/cold.txt" "$tmp/warm.txt"

check "every finding's frame is cropped, its caret under the call" "$py" -c '
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
heads = [i for i, l in enumerate(lines) if re.match(r"min\.js:\d+:\d+: JS101", l)]
assert len(heads) == 501, len(heads)
cropped = 0
for i in heads:
    frame, caret = lines[i + 2], lines[i + 3]
    text = frame.split(" | ", 1)[1]
    pad = caret.split(" | ", 1)[1] if " | " in caret else caret.split("|", 1)[1][1:]
    assert len(frame) < 400, (lines[i], len(frame))
    col = len(pad) - len(pad.lstrip(" "))
    assert text[col:].startswith("fs.readFileSync"), (lines[i], text[col:col + 20])
    assert pad.strip() == "^" * len("fs.readFileSync"), (lines[i], pad.strip())
    cropped += text.startswith("\u2026")
assert cropped >= 490, cropped
short = lines[heads[-1] + 2]
assert "\u2026" not in short, short
' "$tmp/cold.txt"

"$bin" audit --format sarif --output "$tmp/out.sarif" "$tmp/repo"
check "sarif of the cropped frames is written" [ $? -eq 1 ]
check "sarif snippets are cropped" "$py" -c '
import json, sys
doc = json.load(open(sys.argv[1]))
res = doc["runs"][0]["results"]
assert len(res) == 501, len(res)
for r in res:
    s = r["locations"][0]["physicalLocation"]["region"].get("snippet", {}).get("text", "")
    assert len(s) < 400, len(s)
' "$tmp/out.sarif"
exit $fail
