#!/bin/sh
# End-to-end: the SARIF report validates against the official SARIF 2.1.0
# schema and carries what GitHub code scanning reads; the github format
# prints one workflow command per finding, relative to the repository.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"
# Debian's python3 with python3-jsonschema (scripts/deps.sh installs both).
py=/usr/bin/python3
[ -x "$py" ] || py=python3

tmp=$(mktemp -d)
"$bin" audit --format sarif --output "$tmp/out.sarif" "$src/examples"
check "sarif audit exits 1 on findings" [ $? -eq 1 ]
check "sarif validates against the 2.1.0 schema" "$py" -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
run = doc["runs"][0]
assert doc["version"] == "2.1.0"
assert run["tool"]["driver"]["name"] == "stackfit"
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert "JS101" in ids and "PY201" in ids, ids
assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/examples/")
res = run["results"]
assert len(res) >= 9, len(res)
for r in res:
    assert ids[r["ruleIndex"]] == r["ruleId"]
    assert r["level"] in ("error", "warning", "note")
    loc = r["locations"][0]["physicalLocation"]
    assert not loc["artifactLocation"]["uri"].startswith("/")
    assert loc["region"]["startLine"] >= 1
    assert r["partialFingerprints"]["stackfit/v1"]
' "$src/tests/e2e/sarif-2.1.0.schema.json" "$tmp/out.sarif"

out=$(GITHUB_WORKSPACE="$src" "$bin" audit --format github "$src/examples")
check "github format exits 1" [ $? -eq 1 ]
check "github annotation relative to the repository" \
	sh -c 'printf "%s\n" "$1" | grep -q "^::warning file=examples/node-service/src/routes/files.js,line=31,col=5,endLine=31,endColumn=21,title=JS101 sync-io-in-event-loop::\`fs.writeFileSync\` blocks the event loop"' _ "$out"
check "one command per finding, newlines escaped" \
	sh -c '[ "$(printf "%s\n" "$1" | grep -Ec "^::(error|warning|notice) ")" -eq "$(printf "%s\n" "$1" | wc -l)" ]' _ "$out"
rm -rf "$tmp"
exit $fail
