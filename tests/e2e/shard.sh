#!/bin/sh
# End-to-end: an audit split into shards (`audit --shard I/N`) and merged
# (`stackfit merge`) says byte for byte what one audit says — report,
# notes and exit status — in every format, for N = 1, 2 and 7, on the
# examples and on the analyzer cases (copies: nothing is written in this
# repository). Shard files are untrusted: a missing, repeated, damaged,
# truncated or foreign shard, or a tree that changed since, is an error
# naming the file, the byte and the problem.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STACKFIT_CACHE_DIR="$tmp/cache"
out=$tmp/out
err=$tmp/err

# identical NAME TREE N [OPTIONS...]: the shards of TREE merged against one
# audit, in every format.
identical() {
	name=$1 tree=$2 n=$3
	shift 3
	rm -rf "$tmp/shards"
	mkdir "$tmp/shards"
	i=0
	ok=1
	while [ $i -lt "$n" ]; do
		"$bin" audit --shard "$i/$n" -o "$tmp/shards/$i" --no-progress "$tree" 2>"$tmp/shard.err" || {
			echo "FAIL $name: audit --shard $i/$n: exit $?"
			cat "$tmp/shard.err"
			fail=1
			return
		}
		i=$((i + 1))
	done
	for fmt in text json sarif github html; do
		"$bin" audit --no-daemon --no-cache --no-progress --format "$fmt" "$@" "$tree" >"$tmp/a.out" 2>"$tmp/a.err"
		arc=$?
		"$bin" merge --no-progress --root "$tree" --format "$fmt" "$@" "$tmp"/shards/* >"$tmp/m.out" 2>"$tmp/m.err"
		mrc=$?
		if [ "$arc" -ne "$mrc" ] || ! cmp -s "$tmp/a.out" "$tmp/m.out" ||
			! cmp -s "$tmp/a.err" "$tmp/m.err"; then
			echo "FAIL $name, N=$n, $fmt: exit $arc vs $mrc"
			diff "$tmp/a.out" "$tmp/m.out" | head -10
			diff "$tmp/a.err" "$tmp/m.err" | head -10
			ok=0
			fail=1
		fi
	done
	[ $ok = 1 ] && echo "ok   $name, N=$n: merged = one audit in text, json, sarif, github, html (exit $arc)"
}

cp -R "$src/examples" "$tmp/examples"
mkdir "$tmp/cases"
cp -R "$src/tests/cases/javascript" "$src/tests/cases/python" "$src/tests/cases/crossfile" "$tmp/cases/"
# A file the audit skips (binary) has its note in both.
printf 'x = 1\0\n' >"$tmp/cases/python/binary.py"
for n in 1 2 7; do
	identical examples "$tmp/examples" $n
	identical cases "$tmp/cases" $n
done
identical "cases, --report-unused-ignores" "$tmp/cases" 2 --report-unused-ignores
identical "cases, --fail-on error" "$tmp/cases" 7 --fail-on error
"$bin" merge --root "$tmp/cases" --statistics --format json "$tmp"/shards/* >"$tmp/m.out" 2>&1
"$bin" audit --no-daemon --statistics --format json "$tmp/cases" >"$tmp/a.out" 2>&1
check "--statistics: the same counts" cmp -s "$tmp/a.out" "$tmp/m.out"
check "seven shard files" [ "$(ls "$tmp/shards" | wc -l)" -eq 7 ]
run 1 "-o writes the merged report" "$bin" merge --root "$tmp/cases" --format json -o "$tmp/merged.json" "$tmp"/shards/*
check "  a JSON report" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/merged.json"

# --- errors --------------------------------------------------------------
s=$tmp/shards
run 2 "a missing shard" "$bin" merge --root "$tmp/cases" "$s/0" "$s/1" "$s/2" "$s/3" "$s/4" "$s/5"
err_has "shard 6 of 7 is missing"
run 2 "a shard twice" "$bin" merge --root "$tmp/cases" "$s"/* "$s/3"
err_has "shard 3 of 7 again"
mkdir "$tmp/two"
"$bin" audit --shard 0/2 -o "$tmp/two/0" "$tmp/cases" 2>/dev/null
run 2 "shards of different audits" "$bin" merge --root "$tmp/cases" "$s"/* "$tmp/two/0"
err_has "shard 0 of 2, but .* is of 7"
run 2 "no shard" "$bin" merge --root "$tmp/cases"
err_has "no SHARD files given"
run 2 "a shard that is not there" "$bin" merge --root "$tmp/cases" "$tmp/nope"
err_has "nope: No such file or directory"
printf 'hello\n' >"$tmp/bad"
run 2 "not a shard" "$bin" merge --root "$tmp/cases" "$tmp/bad"
err_has "bad: byte 0: not a stackfit shard"
sed '1s/^stackfit-shard 1 /stackfit-shard 9 /' "$s/0" >"$tmp/fmt"
run 2 "another format" "$bin" merge --root "$tmp/cases" "$tmp/fmt"
err_has "fmt: byte 0: shard format 9, this stackfit reads format 1"
sed '1s/^\(stackfit-shard 1\) [^ ]* /\1 0.0.1 /' "$s/0" >"$tmp/ver"
run 2 "another stackfit" "$bin" merge --root "$tmp/cases" "$tmp/ver"
err_has "ver: byte 0: made by stackfit 0.0.1, this is"
# A damaged byte inside a record: its check says so, with the record.
python3 - "$s/0" "$tmp/damaged" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
at = data.index(b"\n", data.index(b"\n") + 1) + 10   # inside record 1
data[at] ^= 0x20
open(sys.argv[2], "wb").write(bytes(data))
PY
run 2 "a damaged record" "$bin" merge --root "$tmp/cases" "$tmp/damaged" "$s/1" "$s/2" "$s/3" "$s/4" "$s/5" "$s/6"
err_has "damaged: byte [0-9]*: record 1 of [0-9]*: damaged (its check does not match)"
head -c 200 "$s/0" >"$tmp/truncated"
run 2 "a truncated shard" "$bin" merge --root "$tmp/cases" "$tmp/truncated" "$s/1" "$s/2" "$s/3" "$s/4" "$s/5" "$s/6"
err_has "truncated: byte [0-9]*: record 1 of [0-9]*: its length .* runs past the end"
cat "$s/0" "$s/0" >"$tmp/twice"
run 2 "two shards in one file" "$bin" merge --root "$tmp/cases" "$tmp/twice" "$s/1" "$s/2" "$s/3" "$s/4" "$s/5" "$s/6"
err_has "twice: byte [0-9]*: more bytes after the last record"
python3 - "$s/0" "$tmp/huge" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
head, _, rest = data.partition(b"\n")
_, _, rest = rest.partition(b"\n")
open(sys.argv[2], "wb").write(head + b"\n99999999999 0000000000000000\n" + rest)
PY
run 2 "a record longer than the limit" "$bin" merge --root "$tmp/cases" "$tmp/huge" "$s/1" "$s/2" "$s/3" "$s/4" "$s/5" "$s/6"
err_has "huge: byte [0-9]*: record 1 of [0-9]*: its length (99999999999 bytes) runs past"
# The tree changed since the shards were made.
f=$(cd "$tmp/cases" && ls javascript/*.js | head -1)
echo "// changed" >>"$tmp/cases/$f"
run 2 "a file changed since" "$bin" merge --root "$tmp/cases" "$s"/*
err_has "$f: its text is not the one shard [0-9]* of 7 analysed (1 such file); the shards were made from another tree"
echo "x = 1" >"$tmp/cases/python/new_file.py"
run 2 "a file added since" "$bin" merge --root "$tmp/cases" "$s"/*
err_has "python/new_file.py: in no shard"
rm "$tmp/cases/python/new_file.py"
printf '{"rules": {"JS101": "off"}}\n' >"$tmp/cases/.stackfit.json"
run 2 "other settings" "$bin" merge --root "$tmp/cases" "$s"/*
err_has "made with other settings or another build"
rm "$tmp/cases/.stackfit.json"
# Usage.
run 2 "--shard without --output" "$bin" audit --shard 0/2 "$tmp/cases"
err_has "give it with --output FILE"
run 2 "--shard with a format" "$bin" audit --shard 0/2 --format json -o "$tmp/x" "$tmp/cases"
err_has "the format is .stackfit merge.'s"
for spec in 2/2 -1/2 a/b 1/0 1 0/10001 "0/2x"; do
	run 2 "--shard $spec" "$bin" audit --shard "$spec" -o "$tmp/x" "$tmp/cases"
	err_has "--shard expects I/N"
done
run 0 "merge --help" "$bin" merge --help
out_has "usage: stackfit merge"

# The recipes of docs/sharding.md: the workflow passes GitHub's parser, the
# Kubernetes objects are YAML of Indexed and plain Jobs.
python3 - "$src/docs/sharding.md" "$tmp" <<'PY'
import re, sys
doc = open(sys.argv[1]).read()
blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
flows = [b for b in blocks if "jobs:" in b]
kube = [b for b in blocks if "kind: Job" in b]
assert len(flows) == 1 and len(kube) == 2, (len(flows), len(kube))
open("%s/workflow.yml" % sys.argv[2], "w").write(flows[0])
for i, b in enumerate(kube):
    open("%s/job%d.yml" % (sys.argv[2], i), "w").write(b)
PY
check "the sharding workflow passes GitHub's parser" \
	"$src/tests/tools/validate-actions.sh" "workflow:$tmp/workflow.yml"
check "the Kubernetes Jobs: an Indexed Job of N shards, then the merge" python3 - "$tmp" <<'PY'
import sys, yaml
d = sys.argv[1]
shards = yaml.safe_load(open(d + "/job0.yml"))
merge = yaml.safe_load(open(d + "/job1.yml"))
assert shards["kind"] == merge["kind"] == "Job"
spec = shards["spec"]
assert spec["completionMode"] == "Indexed", spec
n = spec["completions"]
args = " ".join(spec["template"]["spec"]["containers"][0]["args"])
assert '--shard "$JOB_COMPLETION_INDEX/%d"' % n in args, args
assert "stackfit merge" in " ".join(merge["spec"]["template"]["spec"]["containers"][0]["args"])
PY
exit $fail
