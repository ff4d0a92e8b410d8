#!/bin/sh
# End-to-end: a monorepo gives one answer per file whatever the entry
# point. The nearest configuration governs each file (as in ruff) for
# `audit .`, `audit packages/api`, `check FILE` from the top and from
# inside the package, and `check --staged`; `audit SUBDIR` in a git work
# tree writes repository-relative paths and keeps the findings whose
# helper is outside SUBDIR.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STACKFIT_CACHE_DIR="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
out=$tmp/out err=$tmp/err
r=$tmp/mono
mkdir -p "$r/packages/api/src" "$r/packages/web/src" "$r/lib"
git -C "$r" init -q .
printf '{"name": "root", "private": true}\n' >"$r/package.json"
# The api package turns JS101 off and makes JS107 an error; web has no
# configuration of its own: the root's (none: the defaults) governs it.
printf '{"name": "api", "stackfit": {"rules": {"JS101": "off", "JS107": "error"}}}\n' \
	>"$r/packages/api/package.json"
printf "const fs = require('fs');\nconst { load } = require('../../../lib/helper');\napp.get('/', (req, res) => res.send(fs.readFileSync('x') + load()));\n" \
	>"$r/packages/api/src/server.js"
printf "const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('w')));\n" \
	>"$r/packages/web/src/app.js"
printf "const fs = require('fs');\nexports.load = function () { return fs.readFileSync('y'); };\n" \
	>"$r/lib/helper.js"
git -C "$r" add -A

# The answer for packages/api/src/server.js, from every entry point: no
# JS101 (off there), the JS107 through lib/helper.js as an error.
api_ok() { # file with a report of server.js
	grep -q 'packages/api/src/server.js:3:60: JS107 \[error\]' "$1" &&
		! grep -q 'server.js:3:37: JS101' "$1"
}
run 1 "audit . (root configuration and the api package's)" \
	sh -c 'cd "$1" && "$2" audit --no-progress --no-daemon .' _ "$r" "$bin"
check "  api: its package.json governs it" api_ok "$out"
out_has 'packages/web/src/app.js:2:37: JS101 \[warning\]'
run 1 "audit packages/api from the top" \
	sh -c 'cd "$1" && "$2" audit --no-progress --no-daemon packages/api' _ "$r" "$bin"
check "  the same answer, repository-relative, helper outside kept" api_ok "$out"
out_lacks 'packages/web'
out_has 'in 1 of 1 file'
run 1 "audit . inside packages/api" \
	sh -c 'cd "$1/packages/api" && "$2" audit --no-progress --no-daemon .' _ "$r" "$bin"
check "  the same answer" api_ok "$out"
run 1 "check packages/api/src/server.js from the top" \
	sh -c 'cd "$1" && "$2" check --no-daemon packages/api/src/server.js' _ "$r" "$bin"
check "  the same answer" api_ok "$out"
run 1 "check src/server.js inside packages/api" \
	sh -c 'cd "$1/packages/api" && "$2" check --no-daemon src/server.js' _ "$r" "$bin"
check "  the same answer" api_ok "$out"
run 1 "check --staged" \
	sh -c 'cd "$1/packages/api" && "$2" check --no-daemon --staged' _ "$r" "$bin"
check "  the same answer" api_ok "$out"
out_has 'packages/web/src/app.js:2:37: JS101 \[warning\]'

# JSON and SARIF of `audit SUBDIR`: paths from the repository's top.
run 1 "audit --format json packages/api" \
	sh -c 'cd "$1" && "$2" audit --no-daemon --format json packages/api' _ "$r" "$bin"
check "  root is the repository, paths from it, the helper's chain kept" python3 -c '
import json, os, sys
d = json.load(open(sys.argv[1]))
assert os.path.realpath(d["root"]) == os.path.realpath(sys.argv[2]), d["root"]
paths = sorted({x["path"] for x in d["diagnostics"]})
assert paths == ["packages/api/src/server.js"], paths
rel = d["diagnostics"][0]["related"][0]["path"]
assert rel == "lib/helper.js", rel
assert [c["path"] for c in d["profile"]["components"]] == ["packages/api"], d["profile"]
' "$out" "$r"
run 1 "audit --format sarif packages/api" \
	sh -c 'cd "$1" && "$2" audit --no-daemon --format sarif packages/api' _ "$r" "$bin"
check "  the SARIF's artifact is repository-relative" grep -q '"uri": *"packages/api/src/server.js"' "$out"

# Through a daemon of the repository: the same answers, byte for byte.
"$bin" daemon start "$r" >"$tmp/start" 2>&1 || cat "$tmp/start"
for cmd in "audit --no-progress packages/api" "audit --format json packages/api" \
	"check packages/api/src/server.js"; do
	(cd "$r" && $bin $cmd >"$tmp/with" 2>&1)
	(cd "$r" && $bin $cmd --no-daemon >"$tmp/without" 2>&1)
	check "daemon: $cmd answers as in process" cmp -s "$tmp/with" "$tmp/without"
done
"$bin" daemon status "$r" >"$tmp/status" 2>&1
check "daemon: it answered (not in process)" grep -q "requests: *[1-9]" "$tmp/status"
"$bin" daemon stop "$r" >/dev/null 2>&1

# A nested configuration's include/exclude and cli are its own, with
# globs relative to its folder.
printf '{"exclude": ["src/gen.js"], "cli": ["tools"]}\n' >"$r/packages/web/.stackfit.json"
mkdir -p "$r/packages/web/tools"
cp "$r/packages/web/src/app.js" "$r/packages/web/src/gen.js"
cp "$r/packages/web/src/app.js" "$r/packages/web/tools/t.js"
git -C "$r" add -A
run 1 "audit . with packages/web/.stackfit.json" \
	sh -c 'cd "$1" && "$2" audit --no-progress --no-daemon .' _ "$r" "$bin"
out_has 'packages/web/src/app.js:2:37: JS101'
out_lacks 'packages/web/src/gen.js'
out_lacks 'packages/web/tools/t.js'
run 0 "check of the excluded file: a note, no findings" \
	sh -c 'cd "$1/packages/web" && "$2" check --no-daemon src/gen.js' _ "$r" "$bin"
err_has 'not analysed'

# A bad nested configuration is an error naming it, whatever the entry
# point.
printf '{"rules": {"JS101": "loud"}}\n' >"$r/packages/web/.stackfit.json"
run 2 "audit . with a bad nested configuration: exit 2" \
	sh -c 'cd "$1" && "$2" audit --no-progress --no-daemon .' _ "$r" "$bin"
err_has 'packages/web/.stackfit.json: rules.JS101: expected'
run 2 "check of another package's file: exit 2 too" \
	sh -c 'cd "$1" && "$2" check --no-daemon packages/api/src/server.js' _ "$r" "$bin"

# Outside git, `audit SUBDIR` is as before: SUBDIR is the root.
plain=$tmp/plain
mkdir -p "$plain/sub"
cp "$r/packages/web/src/app.js" "$plain/sub/app.js"
run 1 "audit SUBDIR outside git: the folder is the root" \
	"$bin" audit --no-progress --no-daemon "$plain/sub"
out_has '^app.js:2:37: JS101'

exit $fail
