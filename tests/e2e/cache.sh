#!/bin/sh
# End-to-end: the on-disk analysis cache. A warm audit says
# exactly what a cold one says; an edit changes exactly the edited file's
# findings and rewrites one shard of the cache; a change of configuration
# is not answered from the cache; a damaged or unwritable cache is
# survived; a vanished file leaves the cache. In a monorepo, the files
# under a package's own configuration are cached too; a cache restored
# into a checkout at another path (a CI job) is used.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cache=$tmp/cache
export STACKFIT_CACHE_DIR="$cache"
repo=$tmp/repo
cp -R "$src/examples" "$repo"
# A loop of 5,000 steps: heavy only under a lowered threshold.
printf "router.get('/sum', (req, res) => { let s = 0; for (let i = 0; i < 5000; i++) s += i; res.json(s); });\n" \
	>>"$repo/node-service/src/routes/reports.js"
loop="^node-service/src/routes/reports.js	.*\"line\": $(wc -l <"$repo/node-service/src/routes/reports.js"), .*JS103"

audit() { # output file, extra flags...: a JSON audit of the repository
	out=$1
	shift
	"$bin" audit --no-progress --format json "$@" "$repo" >"$out" 2>"$tmp/err"
	echo $? >"$out.rc"
}
same() { cmp -s "$1" "$2" && cmp -s "$1.rc" "$2.rc"; }
# The shard files, each with its checksum, one a line.
shards() { (cd "$cache" && find . -name '*.sfc' -type f -exec cksum {} + | sort -k3); }

audit "$tmp/nocache.json" --no-cache
check "--no-cache writes no cache" [ ! -e "$cache" ]
audit "$tmp/cold.json"
check "cold audit: same report as --no-cache" same "$tmp/nocache.json" "$tmp/cold.json"
check "cold audit: findings (exit 1)" [ "$(cat "$tmp/cold.json.rc")" = 1 ]
check "the cache is one folder of shard files" \
	[ "$(find "$cache" -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq 1 ]
check "the folder names its root" grep -qx "$(cd "$repo" && pwd -P)" "$cache"/*/ROOT
check "the folder is private" [ "$(stat -c %a "$cache"/*/)" = 700 ]
shards >"$tmp/shards.cold"

audit "$tmp/warm.json"
check "warm audit: byte-identical JSON" same "$tmp/cold.json" "$tmp/warm.json"
shards >"$tmp/shards.warm"
check "warm audit with nothing changed rewrites nothing" \
	cmp -s "$tmp/shards.cold" "$tmp/shards.warm"
"$bin" audit --no-progress "$repo" >"$tmp/text.1" 2>&1
"$bin" audit --no-progress "$repo" >"$tmp/text.2" 2>&1
check "warm audit: same text report" cmp -s "$tmp/text.1" "$tmp/text.2"

# Findings per path, to compare two reports file by file.
by_path() { # report.json -> lines "path<TAB>diagnostic as JSON"
	python3 -c '
import json, sys
for d in json.load(open(sys.argv[1]))["diagnostics"]:
    print(d["path"] + "\t" + json.dumps(d, sort_keys=True))
' "$1" | sort
}

# One edit: a blocking read in a route handler of one file.
edited=node-service/src/routes/files.js
printf "router.get('/x', (req, res) => res.send(fs.readFileSync('/etc/hostname')));\n" \
	>>"$repo/$edited"
audit "$tmp/edit.json"
audit "$tmp/edit.nocache.json" --no-cache
check "after an edit: same report as --no-cache" same "$tmp/edit.json" "$tmp/edit.nocache.json"
by_path "$tmp/warm.json" >"$tmp/before.tsv"
by_path "$tmp/edit.json" >"$tmp/after.tsv"
check "after an edit: the edited file has a new finding" \
	[ "$(grep -c "^$edited	" "$tmp/after.tsv")" -gt "$(grep -c "^$edited	" "$tmp/before.tsv")" ]
check "after an edit: no other file's findings changed" \
	sh -c 'diff "$1" "$2" | grep "^[<>]" | grep -v "^[<>] $3	" | grep -q . && exit 1; exit 0' \
	_ "$tmp/before.tsv" "$tmp/after.tsv" "$edited"
shards >"$tmp/shards.edit"
check "after an edit: exactly one shard is rewritten" \
	[ "$(diff "$tmp/shards.warm" "$tmp/shards.edit" | grep -c '^>')" -eq 1 ]

# The configuration is part of every key.
printf '{"rules": {"JS101": "error"}}\n' >"$repo/.stackfit.json"
audit "$tmp/sev.json"
audit "$tmp/sev.nocache.json" --no-cache
check "severity changed: same report as --no-cache" same "$tmp/sev.json" "$tmp/sev.nocache.json"
check "severity changed: JS101 is an error" python3 -c '
import json, sys
d = [x for x in json.load(open(sys.argv[1]))["diagnostics"] if x["rule"] == "JS101"]
sys.exit(not d or any(x["severity"] != "error" for x in d))
' "$tmp/sev.json"
printf '{"thresholds": {"heavyLoopWork": 1000}}\n' >"$repo/.stackfit.json"
audit "$tmp/thr.json"
audit "$tmp/thr.nocache.json" --no-cache
by_path "$tmp/thr.json" >"$tmp/thr.tsv"
check "threshold changed: same report as --no-cache" same "$tmp/thr.json" "$tmp/thr.nocache.json"
check "threshold changed: the 5,000-step loop is heavy" grep -q "$loop" "$tmp/thr.tsv"
check "default threshold: it is not" sh -c '! grep -q "$1" "$2"' _ "$loop" "$tmp/after.tsv"
cat >"$repo/.stackfit.json" <<'JSON'
{"blocking": {"javascript": [{"name": "path.join", "kind": "sync-fs", "replacement": "nothing"}]}}
JSON
audit "$tmp/api.json"
audit "$tmp/api.nocache.json" --no-cache
check "catalogue entry added: same report as --no-cache" same "$tmp/api.json" "$tmp/api.nocache.json"
check "catalogue entry added: its findings" grep -q '`path.join` blocks' "$tmp/api.json"
rm "$repo/.stackfit.json"
audit "$tmp/back.json"
check "configuration removed: the report of before" same "$tmp/back.json" "$tmp/edit.json"

# A damaged cache is a miss, never a crash or a wrong answer.
for f in $(find "$cache" -name '*.sfc'); do
	head -c 100 "$f" >"$f.part" && mv "$f.part" "$f"
done
audit "$tmp/trunc.json"
check "truncated cache: same report" same "$tmp/trunc.json" "$tmp/edit.json"
for f in $(find "$cache" -name '*.sfc'); do
	python3 -c '
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
for i in range(40, len(b), 97):
    b[i] ^= 0x10
open(p, "wb").write(b)
' "$f"
done
audit "$tmp/flip.json"
check "bit-flipped cache: same report" same "$tmp/flip.json" "$tmp/edit.json"
for f in $(find "$cache" -name '*.sfc'); do printf 'not a cache' >"$f"; done
audit "$tmp/junk.json"
check "foreign files in the cache: same report" same "$tmp/junk.json" "$tmp/edit.json"
audit "$tmp/healed.json"
check "the cache is written again after damage" same "$tmp/healed.json" "$tmp/edit.json"

# A vanished file leaves the cache.
gone=python-service/app/services/risk.py
check "the cache holds $gone" sh -c 'grep -rlq "$1" "$2"' _ "$gone" "$cache"
rm "$repo/$gone"
audit "$tmp/gone.json"
check "a vanished file's entry is dropped" sh -c '! grep -rlq "$1" "$2"' _ "$gone" "$cache"

# A cache that cannot be made: a note, and the same report.
printf 'x' >"$tmp/file"
audit "$tmp/gone.nocache.json" --no-cache
(STACKFIT_CACHE_DIR=$tmp/file/sub && audit "$tmp/nodir.json")
check "unusable cache: same report" same "$tmp/nodir.json" "$tmp/gone.nocache.json"
check "unusable cache: one line on stderr" [ "$(wc -l <"$tmp/err")" -eq 1 ]
check "unusable cache: the note names it" grep -q "$tmp/file" "$tmp/err"
(STACKFIT_CACHE_DIR=relative && audit "$tmp/rel.json")
check "relative STACKFIT_CACHE_DIR: a note" grep -q "STACKFIT_CACHE_DIR must be an absolute path" "$tmp/err"

# Without STACKFIT_CACHE_DIR: $XDG_CACHE_HOME/stackfit, else ~/.cache/stackfit.
(unset STACKFIT_CACHE_DIR && export XDG_CACHE_HOME=$tmp/xdg && audit "$tmp/xdg.json")
check "XDG_CACHE_HOME/stackfit is used" [ -d "$tmp/xdg/stackfit" ]
(unset STACKFIT_CACHE_DIR XDG_CACHE_HOME && export HOME=$tmp/home && audit "$tmp/home.json")
check "~/.cache/stackfit is used" [ -d "$tmp/home/.cache/stackfit" ]
check "the repository is not written to" sh -c '! find "$1" -name "*.sfc" | grep -q .' _ "$repo"

# entries CACHE: how many entries the cache's shard files hold.
entries() {
	python3 -c '
import glob, struct, sys
print(sum(struct.unpack_from("<I", open(p, "rb").read(16), 12)[0]
          for p in glob.glob(sys.argv[1] + "/*/*.sfc")))
' "$1"
}
# stamp CACHE / unstamped CACHE: every shard file made old; whether none
# was written since (a run whose every file was a hit writes nothing).
stamp() { find "$1" -name '*.sfc' -exec touch -d '2000-01-01 00:00' {} +; }
unstamped() { [ -z "$(find "$1" -name '*.sfc' -newermt '2000-01-02')" ]; }

# A monorepo: the files under a package's own configuration are cached
# too, keyed by that configuration's settings.
mono=$tmp/mono
mkdir -p "$mono/packages/api/src" "$mono/packages/web/src"
printf '{"name": "api", "stackfit": {"rules": {"JS101": "off"}}}\n' >"$mono/packages/api/package.json"
for f in packages/api/src/a.js packages/api/src/b.js packages/web/src/c.js app.js; do
	printf "const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('x')));\n" >"$mono/$f"
done
mc=$tmp/mono-cache
maudit() { # output file, extra flags...
	o=$1
	shift
	STACKFIT_CACHE_DIR=$mc "$bin" audit --no-progress --no-daemon --format json "$@" "$mono" >"$o" 2>"$tmp/err"
	echo $? >"$o.rc"
}
maudit "$tmp/m.cold.json"
check "monorepo: every file has an entry, the package's too (4)" [ "$(entries "$mc")" -eq 4 ]
stamp "$mc"
maudit "$tmp/m.warm.json"
check "monorepo: a warm audit is the cold one" same "$tmp/m.cold.json" "$tmp/m.warm.json"
check "monorepo: a warm audit writes nothing (every file a hit)" unstamped "$mc"
printf '{"name": "api", "stackfit": {"rules": {"JS101": "error"}}}\n' >"$mono/packages/api/package.json"
maudit "$tmp/m.sev.json"
maudit "$tmp/m.sev.nocache.json" --no-cache
check "monorepo: the package's configuration changed: the report of --no-cache" \
	same "$tmp/m.sev.json" "$tmp/m.sev.nocache.json"
check "  its files' JS101 are errors now" python3 -c '
import json, sys
d = [x for x in json.load(open(sys.argv[1]))["diagnostics"] if x["rule"] == "JS101"]
sev = sorted((x["path"], x["severity"]) for x in d)
want = [("app.js", "warning"), ("packages/api/src/a.js", "error"),
        ("packages/api/src/b.js", "error"), ("packages/web/src/c.js", "warning")]
sys.exit(sev != want)
' "$tmp/m.sev.json"
check "  the stale entries left, the new ones kept (4)" [ "$(entries "$mc")" -eq 4 ]

# A CI job: the cache folder restored, the same commit checked out at
# another path. Every file is a hit there.
ci=$tmp/ci
mkdir -p "$ci/a"
cp -R "$src/examples/node-service" "$ci/a/checkout"
git -C "$ci/a/checkout" init -q . && git -C "$ci/a/checkout" add -A &&
	git -C "$ci/a/checkout" -c user.email=t@example.com -c user.name=t \
		-c commit.gpgsign=false commit -qm init
(STACKFIT_CACHE_DIR=$ci/cache && export STACKFIT_CACHE_DIR &&
	"$bin" audit --no-progress --no-daemon --format json "$ci/a/checkout" >"$tmp/ci.a.json" 2>/dev/null)
# The job's machine is gone; the next job restores its cache folder and
# clones the repository elsewhere.
mv "$ci/cache" "$ci/restored"
mkdir -p "$ci/b"
git clone -q "$ci/a/checkout" "$ci/b/checkout"
rm -rf "$ci/a"
stamp "$ci/restored"
(STACKFIT_CACHE_DIR=$ci/restored && export STACKFIT_CACHE_DIR &&
	"$bin" audit --no-progress --no-daemon --format json "$ci/b/checkout" >"$tmp/ci.b.json" 2>/dev/null
	"$bin" audit --no-progress --no-daemon --no-cache --format json "$ci/b/checkout" >"$tmp/ci.b.nocache.json" 2>/dev/null)
check "CI checkout at another path: the report of --no-cache, with findings" \
	sh -c 'cmp -s "$1" "$2" && grep -q JS101 "$1"' _ "$tmp/ci.b.json" "$tmp/ci.b.nocache.json"
check "CI checkout at another path: every file a hit (nothing written)" unstamped "$ci/restored"
check "  the restored folder is now the new root's" \
	grep -qx "$(cd "$ci/b/checkout" && pwd -P)" "$ci"/restored/*/ROOT
check "  and the only one" [ "$(find "$ci/restored" -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq 1 ]

exit $fail
