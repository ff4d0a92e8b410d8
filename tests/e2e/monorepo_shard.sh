#!/bin/sh
# End-to-end: an audit split into shards and merged gives a monorepo's
# files the answer a single audit gives them. Each file is analysed with
# the nearest configuration above it (a package's own turning a rule off,
# another's changing a severity, an override), by `audit --shard I/N` and
# by `stackfit merge`; the merge of N = 1, 2 and 3 shards is byte for byte
# the audit, in text, JSON and SARIF, from the top and for a package
# (`audit packages/api`, `merge --root packages/api`), and with --config.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STACKFIT_CACHE_DIR="$tmp/cache"
out=$tmp/out err=$tmp/err
r=$tmp/mono
mkdir -p "$r/packages/api/src" "$r/packages/web/src" "$r/packages/tools" "$r/lib"
git -C "$r" init -q .
printf '{"name": "root", "private": true}\n' >"$r/package.json"
# api: JS101 off, JS107 an error. web: JS101 an error, but off in its
# legacy.js (an override). tools and lib: the root's (the defaults).
printf '{"name": "api", "stackfit": {"rules": {"JS101": "off", "JS107": "error"}}}\n' \
	>"$r/packages/api/package.json"
cat >"$r/packages/web/.stackfit.json" <<'JSON'
{"rules": {"JS101": "error"},
 "overrides": [{"files": ["src/legacy.js"], "rules": {"JS101": "off"}}]}
JSON
blocking="const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('x')));\n"
printf "const fs = require('fs');\nconst { load } = require('../../../lib/helper');\napp.get('/', (req, res) => res.send(fs.readFileSync('x') + load()));\n" \
	>"$r/packages/api/src/server.js"
for f in packages/api/src/a.js packages/api/src/b.js packages/web/src/app.js \
	packages/web/src/legacy.js packages/web/src/c.js packages/tools/t.js; do
	printf "$blocking" >"$r/$f"
done
printf "const fs = require('fs');\nexports.load = function () { return fs.readFileSync('y'); };\n" \
	>"$r/lib/helper.js"
printf 'import time\nasync def handler():\n    time.sleep(1)\n' >"$r/packages/api/src/job.py"
git -C "$r" add -A

# The single audit gives each package its own answer (else the
# comparisons below would prove nothing).
run 1 "audit --format json: each package's configuration governs it" \
	sh -c 'cd "$1" && "$2" audit --no-daemon --no-cache --format json .' _ "$r" "$bin"
check "  api: no JS101, JS107 an error; web: JS101 an error but not in legacy.js; tools: a warning" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["diagnostics"]
got = sorted((x["path"], x["rule"], x["severity"]) for x in d if x["rule"] in ("JS101", "JS107"))
want = sorted([
    ("packages/api/src/server.js", "JS107", "error"),
    ("packages/tools/t.js", "JS101", "warning"),
    ("packages/web/src/app.js", "JS101", "error"),
    ("packages/web/src/c.js", "JS101", "error"),
])
if got != want:
    print(got)
    sys.exit(1)
' "$out"

# shards N PATH [OPTIONS...]: the N shard files of `audit --shard` of PATH
# (run at the top) in $tmp/shards.
shards() {
	n=$1 path=$2
	shift 2
	rm -rf "$tmp/shards"
	mkdir "$tmp/shards"
	i=0
	while [ $i -lt "$n" ]; do
		(cd "$r" && "$bin" audit --shard "$i/$n" -o "$tmp/shards/$i" --no-progress "$@" "$path") 2>"$tmp/shard.err" || {
			echo "FAIL audit --shard $i/$n $*: exit $?"
			cat "$tmp/shard.err"
			fail=1
			return 1
		}
		i=$((i + 1))
	done
}

# same NAME N PATH [OPTIONS...]: the merge of N shards of PATH is the
# audit of PATH, in text, JSON and SARIF (report, stderr, exit status).
same() {
	name=$1 n=$2 path=$3
	shift 3
	shards "$n" "$path" "$@" || return
	ok=1
	for fmt in text json sarif; do
		(cd "$r" && "$bin" audit --no-daemon --no-cache --no-progress --format "$fmt" "$@" "$path") >"$tmp/a.out" 2>"$tmp/a.err"
		arc=$?
		(cd "$r" && "$bin" merge --no-progress --root "$path" --format "$fmt" "$@" "$tmp"/shards/*) >"$tmp/m.out" 2>"$tmp/m.err"
		mrc=$?
		if [ "$arc" -ne "$mrc" ] || ! cmp -s "$tmp/a.out" "$tmp/m.out" ||
			! cmp -s "$tmp/a.err" "$tmp/m.err"; then
			echo "FAIL $name, N=$n, $fmt: exit $arc (audit) vs $mrc (merge)"
			diff "$tmp/a.out" "$tmp/m.out" | head -10
			diff "$tmp/a.err" "$tmp/m.err" | head -10
			ok=0
			fail=1
		fi
	done
	[ $ok = 1 ] && echo "ok   $name, N=$n: merged = one audit in text, json, sarif (exit $arc)"
}

for n in 1 2 3; do
	same "audit ." $n .
done
same "audit packages/api" 2 packages/api
same "audit packages/web" 3 packages/web

# --config FILE governs every file, on both sides.
printf '{"rules": {"JS101": "hint"}}\n' >"$tmp/one.json"
for n in 1 2; do
	same "--config FILE" $n . --config "$tmp/one.json"
done
shards 2 . --config "$tmp/one.json" &&
	run 2 "merge without the --config the shards were made with: refused" \
		sh -c 'cd "$1" && "$2" merge --no-progress "$3"/shards/*' _ "$r" "$bin" "$tmp"
err_has 'made with other settings'

# A package's configuration changed between the shards and the merge: the
# merge refuses them rather than report with mixed settings.
shards 2 . &&
	printf '{"rules": {"JS101": "warning"}}\n' >"$r/packages/web/.stackfit.json" &&
	run 2 "a nested configuration changed after the shards: merge refuses" \
		sh -c 'cd "$1" && "$2" merge --no-progress "$3"/shards/*' _ "$r" "$bin" "$tmp"
err_has 'made with other settings'
same "after the change" 2 .

# A bad nested configuration stops the shard as it stops the audit.
printf '{"rules": {"JS101": "loud"}}\n' >"$r/packages/web/.stackfit.json"
run 2 "audit --shard with a bad nested configuration: exit 2" \
	sh -c 'cd "$1" && "$2" audit --shard 0/2 -o "$3/s0" --no-progress .' _ "$r" "$bin" "$tmp"
err_has 'packages/web/.stackfit.json: rules.JS101: expected'

exit $fail
