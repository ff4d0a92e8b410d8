#!/bin/sh
# End-to-end: the on-disk analysis cache. A warm audit says
# exactly what a cold one says; an edit changes exactly the edited file's
# findings and rewrites one shard of the cache; a change of configuration
# is not answered from the cache; a damaged or unwritable cache is
# survived; a vanished file leaves the cache.
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

exit $fail
