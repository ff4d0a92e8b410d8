#!/bin/sh
# End-to-end: the stack-fit profile and the project-level rules on small
# projects of tests/cases/crossfile/: an Express service with CPU work on
# its request path is ST301 and "poor", the same service with the work on
# a worker thread is "good", a Flask app with websockets is ST302.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"
# The projects copied out of this repository's work tree: inside it, each
# would be audited as a folder of this repository.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$src/tests/cases/crossfile" "$tmp/crossfile"
cases=$tmp/crossfile
profile() { # project, python assertions on d (the report) and c (its one component)
	json=$("$bin" audit --format json --no-progress "$cases/$1")
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])
comps = d["profile"]["components"]
assert len(comps) == 1, comps
c = comps[0]
rules = sorted(x["rule"] for x in d["diagnostics"])
exec(sys.argv[2])
' "$json" "$2"
}

check "express_cpu: ST301 and JS107, verdict poor" profile express_cpu '
assert rules == ["JS107", "ST301"], rules
assert c["language"] == "javascript" and c["frameworks"] == ["express"]
assert c["fit"]["verdict"] == "poor", c["fit"]
assert c["workload"]["shape"] == "CPU-heavy request handling", c["workload"]
st = [x for x in d["diagnostics"] if x["rule"] == "ST301"][0]
assert (st["path"], st["line"]) == ("src/app.js", 1), st
assert st["related"] and st["related"][0]["line"] == 8, st["related"]
'
check "node_dev_plugin: socket.io only in the manifest is not real-time" profile node_dev_plugin '
assert rules == ["JS101"], rules
assert c["workload"]["shape"] == "I/O-bound request handling", c["workload"]
assert c["workload"]["realtimeEndpoints"] == 0, c["workload"]
'
check "node_realtime_call: require('socket.io')(server) is real-time" profile node_realtime_call '
assert rules == [], rules
assert c["workload"]["shape"] == "real-time service (websockets, SSE)", c["workload"]
'
check "express_worker: no finding, verdict good" profile express_worker '
assert rules == [], rules
assert c["fit"]["verdict"] == "good" and c["fit"]["score"] >= 75, c["fit"]
assert c["workload"]["workerThreads"] is True
assert "worker threads" in c["concurrency"], c["concurrency"]
'
check "flask_ws: ST302 at the Flask import, verdict poor" profile flask_ws '
assert rules == ["ST302"], rules
assert set(c["frameworks"]) == {"flask", "flask-sock"}, c["frameworks"]
st = d["diagnostics"][0]
assert (st["path"], st["line"]) == ("app.py", 4), st
assert c["workload"]["realtimeEndpoints"] == 2, c["workload"]  # ws + SSE
assert c["fit"]["verdict"] == "poor"
assert any(0 in r["diagnostics"] for r in c["fit"]["reasons"])
'
check "flask_cpu: ST303 for CPU work in a WSGI handler" profile flask_cpu '
assert rules == ["ST303"], rules
assert c["concurrency"].startswith("a thread per request"), c["concurrency"]
'
check "django_asgi: Django served by uvicorn is ASGI, sync views in threads" profile django_asgi '
assert not [r for r in rules if r.startswith("ST")], rules
assert {"django", "uvicorn"} <= set(c["frameworks"]), c["frameworks"]
assert c["concurrency"] == "asyncio event loop (ASGI) + threads for sync views", c["concurrency"]
'
check "django_extras: an ASGI server in a feature extra makes it ASGI; a dev extra is not read" profile django_extras '
assert {"django", "uvicorn"} <= set(c["frameworks"]), c["frameworks"]
assert "celery" not in c["frameworks"], c["frameworks"]
assert c["concurrency"].startswith("asyncio event loop (ASGI) + threads for sync views"), c["concurrency"]
'
check "py_chain (FastAPI): no ST rule, asyncio model" profile py_chain '
assert not [r for r in rules if r.startswith("ST")], rules
assert c["concurrency"].startswith("asyncio"), c["concurrency"]
'
exit $fail
