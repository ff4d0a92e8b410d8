#!/bin/sh
# End-to-end: the SARIF report validates against the official SARIF 2.1.0
# schema and passes Microsoft's SARIF multitool with GitHub's ingestion
# rules, also on a repository of odd file names (spaces, '%', '#', '?',
# non-ASCII, Latin-1), whose URIs lead back to the files; the github format
# prints one workflow command per finding, relative to the repository.
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
# Debian's python3 with python3-jsonschema (scripts/deps.sh installs both).
py=/usr/bin/python3
[ -x "$py" ] || py=python3

tmp=$(mktemp -d)
"$bin" audit --format sarif --output "$tmp/out.sarif" "$ex"
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

check "sarif passes the multitool with GitHub's rules" \
	"$src/tests/tools/sarif-validate.sh" "$tmp/out.sarif"

# Odd file names: every URI is percent-encoded and resolves to its file.
odd=$tmp/odd
mkdir -p "$odd/sp ace"
handler="const fs = require('fs');
app.get('/', (req, res) => { res.send(fs.readFileSync('x')); });"
for name in 'sp ace/a b.js' 'a#b.js' 'a' '50%.js' 'p%25.js' 'q?x=1.js' \
	'café.js' '日本.js' "$(printf 'caf\351.js')"; do
	printf '%s\n' "$handler" >"$odd/$name"
done
(cd "$odd" && git init -q . && git add -A &&
	git -c user.name=t -c user.email=t@example.com commit -qm odd)
"$bin" audit --no-cache --format sarif --output "$tmp/odd.sarif" "$odd"
check "odd names: sarif audit exits 1" [ $? -eq 1 ]
check "odd names: the multitool with GitHub's rules passes" \
	"$src/tests/tools/sarif-validate.sh" "$tmp/odd.sarif"
check "odd names: schema, descriptions, and URIs that find the files" "$py" -c '
import json, os, sys, jsonschema, urllib.parse as up
schema = json.load(open(sys.argv[1]))
doc = json.loads(open(sys.argv[2], "rb").read().decode("utf-8"))
jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
run = doc["runs"][0]
driver = run["tool"]["driver"]
assert up.urlsplit(driver["informationUri"]).scheme, driver
for rule in driver["rules"]:
    assert rule["fullDescription"]["text"], rule["id"]
    assert rule["help"]["markdown"].startswith("# "), rule["id"]
    text = rule["help"]["text"]
    assert "```" not in text and not text.startswith("#"), text
    assert "\n#" not in text, text
base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
root = os.fsencode(sys.argv[3])
assert up.unquote_to_bytes(up.urlsplit(base).path) == root + b"/", base
found = set()
for r in run["results"]:
    uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    full = up.urljoin(base, uri)
    parts = up.urlsplit(full)
    assert parts.scheme == "file" and not parts.query and not parts.fragment, full
    path = up.unquote_to_bytes(parts.path)
    assert os.path.isfile(path), (uri, path)
    found.add(path[len(root) + 1:])
want = {b"sp ace/a b.js", b"a#b.js", b"50%.js", b"p%25.js", b"q?x=1.js",
        "café.js".encode(), "日本.js".encode(), b"caf\xe9.js"}
assert found == want, found ^ want
' "$src/tests/e2e/sarif-2.1.0.schema.json" "$tmp/odd.sarif" "$odd"

out=$(GITHUB_WORKSPACE="$exdir" "$bin" audit --format github "$ex")
check "github format exits 1" [ $? -eq 1 ]
check "github annotation relative to the repository" \
	sh -c 'printf "%s\n" "$1" | grep -q "^::warning file=examples/node-service/src/routes/files.js,line=31,col=5,endLine=31,endColumn=21,title=JS101 sync-io-in-event-loop::\`fs.writeFileSync\` blocks the event loop"' _ "$out"
check "one command per finding, newlines escaped" \
	sh -c '[ "$(printf "%s\n" "$1" | grep -Ec "^::(error|warning|notice) ")" -eq "$(printf "%s\n" "$1" | wc -l)" ]' _ "$out"
rm -rf "$tmp"
rm -rf "$exdir"
exit $fail
