#!/bin/sh
# End-to-end: `stackfit audit` on the bundled examples, as the README's
# first command runs it, in text and JSON: the per-file findings, the
# findings across files (JS107, PY202), the project-level ST301 and the
# stack-fit profile that examples/README.md lists.
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
# has_e TEXT REGEX: the text has a line matching the extended regex.
has_e() { printf '%s\n' "$1" | grep -Eq -- "$2"; }

out=$(NO_COLOR=1 "$bin" audit --no-progress "$ex")
rc=$?
check "text audit exits 1 on findings (rc=$rc)" [ "$rc" -eq 1 ]
check "JS101 in a route handler" \
	has_e "$out" '^node-service/src/routes/files.js:31:5: JS101 \[warning\] `fs.writeFileSync` blocks the event loop'
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
check "JS107 at the handler's call of a helper in another file" \
	has_e "$out" '^node-service/src/routes/files.js:51:27: JS107 \[warning\] `renderTemplate` blocks the event loop'
check "JS107 names the blocking call and where it is" \
	has_e "$out" 'calls `fs.readFileSync`, a synchronous file-system call \(node-service/src/lib/templates.js:12\)'
check "JS107 lists the chain as related information" \
	has_e "$out" '= note: node-service/src/lib/templates.js:12:18: `renderTemplate` calls `fs.readFileSync`'
check "PY202 at the async handler's call of a sync helper" \
	has_e "$out" '^python-service/app/routes/orders.py:31:12: PY202 \[warning\] `inventory.reserve_stock` blocks the event loop in async function `create_order`'
check "PY202 related: requests.get and time.sleep in the helper" \
	sh -c 'printf "%s\n" "$1" | grep -q "= note: python-service/app/services/inventory.py:19:16: .*requests.get" &&
	       printf "%s\n" "$1" | grep -q "= note: python-service/app/services/inventory.py:22:9: .*time.sleep"' _ "$out"
check "PY210 for a CPU-bound function imported from another module" \
	has_e "$out" '^python-service/app/jobs/nightly.py:26:34: PY210 \[warning\] `simulate_portfolio` \(python-service/app/services/risk.py:5\), sent to a thread'
check "PY211 for an I/O-bound function imported from another module" \
	has_e "$out" '^python-service/app/jobs/nightly.py:18:30: PY211 \[info\] `download_feed` \(python-service/app/services/feeds.py:9\), sent to a process'
check "ST301 for the Express service, at its framework import" \
	has_e "$out" '^node-service/src/server.js:3:7: ST301 \[warning\] the express service `accounts-service` does CPU-heavy work on its request path'
check "TypeScript: JS107 through tsconfig paths and a .js specifier naming a .ts file" \
	has_e "$out" '^ts-service/src/routes/files.ts:53:27: JS107 \[warning\] `renderTemplate` blocks the event loop.*\(ts-service/src/lib/templates.ts:12\)'
check "TypeScript: ST301 for the TypeScript port as for its original" \
	has_e "$out" '^ts-service/src/server.ts:3:8: ST301 \[warning\] the express service `accounts-service-ts` does CPU-heavy work on its request path'
check "TypeScript: the port is judged as its original" \
	has_e "$out" '^  ts-service \(javascript: .*express.*\): poor, [0-9]+/100$'
check "no ST302 for FastAPI (ASGI)" sh -c '! printf "%s\n" "$1" | grep -q ST302' _ "$out"
check "no ST303 for the asyncio service" sh -c '! printf "%s\n" "$1" | grep -q ST303' _ "$out"
check "the profile ends the text report" has_e "$out" '^Stack fit$'
check "profile: node-service is poor" has_e "$out" '^  node-service \(javascript: .*express.*\): poor, [0-9]+/100$'
check "no colour when NO_COLOR is set" \
	sh -c 'printf "%s" "$1" | grep -qv "$(printf "\033")"' _ "$out"
for quiet in src/config.js src/workers/thumbnail-worker.js bin/seed-users.js \
	test/auth.test.js src/lib/templates.js src/server.js:52 \
	src/lib/thumbnails.js src/routes/reports.js:43 src/lib/chunked.js; do
	check "silent on start-up/exempt code: $quiet" \
		sh -c 'printf "%s\n" "$1" | grep -q "^node-service/$2:" && exit 1 || exit 0' _ "$out" "$quiet"
done
for quiet in app/services/inventory.py app/services/risk.py app/config.py \
	app/main.py app/services/feeds.py app/routes/orders.py:23 \
	app/routes/orders.py:41 app/routes/media.py:26 app/routes/media.py:57; do
	check "silent where the problem is reported elsewhere: $quiet" \
		sh -c 'printf "%s\n" "$1" | grep -q "^python-service/$2:" && exit 1 || exit 0' _ "$out" "$quiet"
done

json=$("$bin" audit --format json "$ex")
check "json audit exits 1" [ $? -eq 1 ]
check "json document shape and profile" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["tool"]["name"] == "stackfit", d["tool"]
assert d["root"].endswith("/examples")
assert d["files"] >= 30, d["files"]
rules = {x["rule"] for x in d["diagnostics"]}
assert {"JS101", "PY201", "JS107", "PY202", "PY210", "PY211", "ST301"} <= rules, rules
for x in d["diagnostics"]:
    for k in ("rule", "name", "severity", "path", "line", "column", "endLine",
              "endColumn", "message", "help", "related"):
        assert k in x, (k, x)
    assert not x["path"].startswith("/") and "\\" not in x["path"]
    assert x["line"] >= 1 and x["column"] >= 1
js107 = [x for x in d["diagnostics"] if x["rule"] == "JS107"]
assert js107[0]["related"][0]["path"] == "node-service/src/lib/templates.js", js107
assert js107[0]["related"][0]["line"] == 12, js107
comps = {c["path"]: c for c in d["profile"]["components"]}
assert set(comps) == {"node-service", "ts-service", "python-service"}, set(comps)
node, py, ts = comps["node-service"], comps["python-service"], comps["ts-service"]
assert node["language"] == "javascript" and "express" in node["frameworks"]
# The TypeScript port is judged as its JavaScript original.
assert ts["language"] == "javascript" and ts["frameworks"] == node["frameworks"]
assert ts["fit"] == {**node["fit"], "reasons": ts["fit"]["reasons"]}, ts["fit"]
assert len(ts["fit"]["reasons"]) == len(node["fit"]["reasons"])
assert py["language"] == "python" and "fastapi" in py["frameworks"]
assert node["fit"]["verdict"] == "poor", node["fit"]
for c in comps.values():
    f = c["fit"]
    assert f["verdict"] in ("good", "fair", "poor") and 0 <= f["score"] <= 100
    for k in ("shape", "asyncHandlers", "requestHandlers", "cpuHotSpots",
              "threadTargets", "processTargets", "realtimeEndpoints"):
        assert k in c["workload"], k
    for r in f["reasons"]:
        assert r["text"]
        for i in r["diagnostics"]:
            assert 0 <= i < len(d["diagnostics"])
# Reasons point at the diagnostics that support them: ST301 supports the
# CPU reason of node-service.
st301 = [i for i, x in enumerate(d["diagnostics"]) if x["rule"] == "ST301"]
assert any(st301[0] in r["diagnostics"] for r in node["fit"]["reasons"])
assert py["concurrency"].startswith("asyncio"), py["concurrency"]
assert py["workload"]["cpuBoundThreadTargets"] == 1, py["workload"]
assert py["workload"]["ioBoundProcessTargets"] == 1, py["workload"]
' "$json"

"$bin" audit --fail-on error --no-progress "$ex" >/dev/null
check "--fail-on error exits 1 on the JS104 error" [ $? -eq 1 ]
"$bin" audit --fail-on error --no-progress "$ex/python-service" >/dev/null
check "--fail-on error exits 0 on warnings" [ $? -eq 0 ]
tmp=$(mktemp)
"$bin" audit --format json --output "$tmp" "$ex"
check "--output writes the report" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp"
rm -f "$tmp"
# examples/README.md is the contract of the examples: every row of its
# "expected findings" tables is reported at that line with that rule, no
# other finding is (but the project-level ST301 the README announces), and
# no row of its "must stay silent" tables gets a finding.
check "the examples report exactly what examples/README.md says" python3 -c '
import json, re, sys
readme = open(sys.argv[1]).read()
d = json.loads(sys.argv[2])
got = {(x["path"], x["line"], x["rule"]) for x in d["diagnostics"]}
want, silent, section = set(), set(), None
for line in readme.splitlines():
    if line.startswith("## "):
        section = "expected" if "expected findings" in line else "silent"
    m = re.match(r"\| `([^`:]+):(\d+)` \| ([A-Z]{2}\d{3}) \|", line)
    if m and section == "expected":
        want.add((m.group(1), int(m.group(2)), m.group(3)))
    m = re.match(r"\| `([^`:]+):(\d+)` \| [^A-Z|]", line)
    if m and section == "silent":
        path = m.group(1)
        if not path.startswith(("node-service/", "ts-service/", "python-service/")):
            path = ("node-service/" if path.endswith(".js") else "python-service/") + path
        silent.add((path, int(m.group(2))))
want.add(("node-service/src/server.js", 3, "ST301"))
assert len(want) >= 30 and len(silent) >= 35, (len(want), len(silent))
missing, extra = want - got, got - want
assert not missing, ("missing", sorted(missing))
assert not extra, ("not in the README", sorted(extra))
loud = {(p, l) for (p, l, r) in got} & silent
assert not loud, ("should be silent", sorted(loud))
' "$src/examples/README.md" "$json"
rm -rf "$exdir"
exit $fail
