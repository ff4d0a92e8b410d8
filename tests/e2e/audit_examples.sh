#!/bin/sh
# End-to-end: `stackfit audit` on the bundled examples, as the README's
# first command runs it, in text and JSON.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"

out=$(NO_COLOR=1 "$bin" audit --no-progress "$src/examples")
rc=$?
check "text audit exits 1 on findings (rc=$rc)" [ "$rc" -eq 1 ]
check "JS101 in a route handler" \
	sh -c 'printf "%s\n" "$1" | grep -q "^node-service/src/routes/files.js:31:5: JS101 \[warning\] \`fs.writeFileSync\` blocks the event loop"' _ "$out"
check "PY201 through an alias" \
	sh -c 'printf "%s\n" "$1" | grep -q "^python-service/app/services/notify.py:33:13: PY201 \[warning\] \`time.sleep\`"' _ "$out"
for want in \
	"src/routes/auth.js:34:20: JS102" \
	"src/routes/reports.js:27:5: JS103" \
	"src/routes/auth.js:42:7: JS104 \[error\]" \
	"src/routes/users.js:4:24: JS105" \
	"src/routes/users.js:27:22: JS106 \[hint\]" \
	; do
	check "expected finding $want" \
		sh -c 'printf "%s\n" "$1" | grep -q "^node-service/$2"' _ "$out" "$want"
done
check "code frame and help" \
	sh -c 'printf "%s\n" "$1" | grep -q "= help: use fs.promises.writeFile"' _ "$out"
check "summary line" \
	sh -c 'printf "%s\n" "$1" | grep -Eq "^Found [0-9]+ problems? \("' _ "$out"
check "no colour when NO_COLOR is set" \
	sh -c 'printf "%s" "$1" | grep -qv "$(printf "\033")"' _ "$out"
for quiet in src/config.js src/workers/thumbnail-worker.js bin/seed-users.js \
	test/auth.test.js src/server.js; do
	check "silent on start-up/exempt code: $quiet" \
		sh -c 'printf "%s\n" "$1" | grep -q "^node-service/$2:" && exit 1 || exit 0' _ "$out" "$quiet"
done

json=$("$bin" audit --format json "$src/examples")
check "json audit exits 1" [ $? -eq 1 ]
check "json document shape" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["tool"]["name"] == "stackfit", d["tool"]
assert d["root"].endswith("/examples")
assert d["files"] >= 30, d["files"]
assert "components" in d["profile"]
rules = {x["rule"] for x in d["diagnostics"]}
assert {"JS101", "PY201"} <= rules, rules
for x in d["diagnostics"]:
    for k in ("rule", "name", "severity", "path", "line", "column", "endLine",
              "endColumn", "message", "help", "related"):
        assert k in x, (k, x)
    assert not x["path"].startswith("/") and "\\" not in x["path"]
    assert x["line"] >= 1 and x["column"] >= 1
' "$json"

"$bin" audit --fail-on error --no-progress "$src/examples" >/dev/null
check "--fail-on error exits 1 on the JS104 error" [ $? -eq 1 ]
"$bin" audit --fail-on error --no-progress "$src/examples/python-service" >/dev/null
check "--fail-on error exits 0 on warnings" [ $? -eq 0 ]
tmp=$(mktemp)
"$bin" audit --format json --output "$tmp" "$src/examples"
check "--output writes the report" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp"
rm -f "$tmp"
exit $fail
