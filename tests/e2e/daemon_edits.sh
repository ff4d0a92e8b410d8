#!/bin/sh
# End-to-end: the daemon's warm project after edits says what a cold run
# says. A Node service and a FastAPI service are edited step by step —
# a helper gains and loses a blocking call, an import is added and
# removed, a comment is added (the summary stays), every line moves, a
# file is added, renamed and deleted, a manifest changes — and after
# each step `audit --format json` and `check` of the files the step
# touched through the daemon say byte for byte what they say with
# --no-daemon. Some steps change what module imports name without
# touching the importing file (a file added, renamed, deleted): the
# daemon must not keep what it resolved before.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
repo=$tmp/repo
cleanup() {
	"$bin" daemon stop "$repo" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_RUNTIME_DIR="$tmp/rt" STACKFIT_CACHE_DIR="$tmp/cache"
mkdir -m 700 "$XDG_RUNTIME_DIR"
sockdir=$XDG_RUNTIME_DIR/stackfit
out=$tmp/out
err=$tmp/err

mkdir -p "$repo/svc/routes" "$repo/svc/lib" "$repo/api/app"
cd "$repo" || exit 1
cat >svc/package.json <<'EOF'
{
  "name": "svc",
  "main": "server.js",
  "dependencies": {"express": "^4.19.2"},
  "scripts": {"serve-version": "node launch.js"}
}
EOF
cat >svc/server.js <<'EOF'
const express = require('express');
const app = express();
require('./routes/users')(app);
require('./routes/files')(app);
app.listen(3000);
module.exports = { app };
EOF
cat >svc/routes/users.js <<'EOF'
const store = require('../lib/store');

module.exports = function users(app) {
  app.get('/users/:id', (req, res) => {
    res.json(store.load(req.params.id));
  });
};
EOF
cat >svc/routes/files.js <<'EOF'
const fmt = require('../lib/format');

module.exports = function files(app) {
  app.get('/files/:name', (req, res) => {
    res.send(fmt.title(req.params.name));
  });
};
EOF
cat >svc/lib/store.js <<'EOF'
const cache = new Map();

function load(id) {
  return cache.get(id);
}

module.exports = { load };
EOF
cat >svc/lib/format.js <<'EOF'
function title(s) {
  return s.toUpperCase();
}

module.exports = { title };
EOF
# A program of the manifest: a script, unless what it imports starts the
# service (then it is the service's launcher and its route is served).
# ./boot does not exist yet.
cat >svc/launch.js <<'EOF'
const fs = require('fs');
const boot = require('./boot');

boot.app.get('/version', (req, res) => {
  res.send(fs.readFileSync('VERSION', 'utf8'));
});
EOF
cat >api/pyproject.toml <<'EOF'
[project]
name = "api"
dependencies = ["fastapi"]
EOF
: >api/app/__init__.py
cat >api/app/main.py <<'EOF'
from fastapi import FastAPI

from app import helpers

app = FastAPI()


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    return helpers.describe(item_id)
EOF
cat >api/app/helpers.py <<'EOF'
def describe(item_id):
    return {"id": item_id}
EOF
git init -q .
git add -A
git -c user.email=t@example.com -c user.name=t -c commit.gpgsign=false \
	commit -qm init

run 0 "daemon start" "$bin" daemon start --idle-timeout 600
pid=$("$bin" daemon status --format json . | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p')
check "  it runs" [ -n "$pid" ]

# step DESC FILE...: after an edit, at once: the audit and the check of
# the files named, as in process.
step() {
	what=$1
	shift
	same_as_in_process "$what: audit" audit --format json .
	cp "$tmp/n.out" "$tmp/audit.json"
	for f in "$@"; do
		same_as_in_process "$what: check $f" check "$f"
	done
}
# has_finding PATH RULE: the last step's audit reported RULE at PATH.
has_finding() {
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if any(d["path"] == sys.argv[2] and d["rule"] == sys.argv[3]
                  for d in r["diagnostics"]) else 1)' "$tmp/audit.json" "$1" "$2"
}
lacks_finding() { ! has_finding "$@"; }

step "at start" svc/routes/users.js svc/launch.js
check "  no finding in launch.js (a script: ./boot is missing)" lacks_finding svc/launch.js JS101

# A helper gains a blocking call: its caller's handler is blamed.
cat >svc/lib/store.js <<'EOF'
const fs = require('fs');
const cache = new Map();

function load(id) {
  return cache.get(id) || JSON.parse(fs.readFileSync(`data/${id}.json`, 'utf8'));
}

module.exports = { load };
EOF
step "a helper gains a blocking call" svc/routes/users.js svc/lib/store.js
check "  JS107 in users.js" has_finding svc/routes/users.js JS107

# A comment: the summary stays the same, the text does not.
printf '// a comment\n' >>svc/lib/store.js
step "a comment appended" svc/routes/users.js svc/lib/store.js
check "  JS107 in users.js still" has_finding svc/routes/users.js JS107

# Every line of the caller moves.
{ printf '// moved\n\n'; cat svc/routes/users.js; } >"$tmp/users.js"
cp "$tmp/users.js" svc/routes/users.js
step "every line of the caller moved" svc/routes/users.js

# The helper loses it.
git checkout -q svc/lib/store.js
step "the helper loses it" svc/routes/users.js svc/lib/store.js
check "  no JS107 in users.js" lacks_finding svc/routes/users.js JS107

# An import added: files.js calls the blocking helper too, then not.
cat >svc/lib/disk.js <<'EOF'
const fs = require('fs');

function size(name) {
  return fs.statSync(name).size;
}

module.exports = { size };
EOF
step "a file added (not imported yet)" svc/lib/disk.js
cat >svc/routes/files.js <<'EOF'
const fmt = require('../lib/format');
const disk = require('../lib/disk');

module.exports = function files(app) {
  app.get('/files/:name', (req, res) => {
    res.send(fmt.title(req.params.name) + disk.size(req.params.name));
  });
};
EOF
step "an import added" svc/routes/files.js
check "  JS107 in files.js" has_finding svc/routes/files.js JS107
git checkout -q svc/routes/files.js
step "the import removed" svc/routes/files.js
check "  no JS107 in files.js" lacks_finding svc/routes/files.js JS107

# A file added that an import of an unchanged file names: launch.js now
# leads to the server entry, so it is the service's launcher.
printf "const server = require('./server');\nmodule.exports = server;\n" >svc/boot.js
step "the file an unchanged import names added" svc/launch.js
check "  JS101 in launch.js" has_finding svc/launch.js JS101
# Renamed: the import names nothing again.
mv svc/boot.js svc/start.js
step "that file renamed" svc/launch.js svc/start.js
check "  no JS101 in launch.js" lacks_finding svc/launch.js JS101
# The import follows it.
sed -i "s#'./boot'#'./start'#" svc/launch.js
step "the import follows the rename" svc/launch.js
check "  JS101 in launch.js again" has_finding svc/launch.js JS101
# Deleted.
rm svc/start.js
step "the file deleted" svc/launch.js
check "  no JS101 in launch.js after the deletion" lacks_finding svc/launch.js JS101
printf "const server = require('./server');\nmodule.exports = server;\n" >svc/start.js
step "the file back" svc/launch.js
check "  JS101 in launch.js, the file back" has_finding svc/launch.js JS101

# A manifest changes: launch.js is no program of it any more (then the
# service's own code); and back.
sed -i 's/"serve-version": "node launch.js"/"lint": "eslint ."/' svc/package.json
step "a manifest changed" svc/launch.js
sed -i 's/"lint": "eslint ."/"serve-version": "node launch.js"/' svc/package.json
step "the manifest changed back" svc/launch.js

# Python: an async handler's helper gains a blocking call, then the
# handler's module stops importing it.
cat >api/app/helpers.py <<'EOF'
import time


def describe(item_id):
    time.sleep(0.1)
    return {"id": item_id}
EOF
step "a Python helper gains a blocking call" api/app/main.py api/app/helpers.py
check "  PY202 in main.py" has_finding api/app/main.py PY202
cat >api/app/main.py <<'EOF'
from fastapi import FastAPI

app = FastAPI()


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    return {"id": item_id}
EOF
step "the Python import removed" api/app/main.py
check "  no PY202 in main.py" lacks_finding api/app/main.py PY202
git checkout -q api/app/main.py
step "the Python import back" api/app/main.py
check "  PY202 in main.py again" has_finding api/app/main.py PY202
mv api/app/helpers.py api/app/helpers2.py
step "the Python module renamed" api/app/main.py
check "  no PY202 after the rename" lacks_finding api/app/main.py PY202
mv api/app/helpers2.py api/app/helpers.py
step "the Python module back" api/app/main.py
check "  PY202 with the module back" has_finding api/app/main.py PY202

check "the daemon logged no error" sh -c '! grep -q "error" "$1"/*.log' _ "$sockdir"
run 0 "daemon stop" "$bin" daemon stop
exit $fail
