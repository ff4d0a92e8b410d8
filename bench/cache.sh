#!/usr/bin/env bash
# Measures the analysis cache (the target: "a warm re-audit after one file
# changed costs about one file") on each corpus of corpora.sh: one hyperfine
# run per corpus comparing, as peers, an audit without the cache, a cold audit
# (the cache written), a warm audit, a warm audit after one file changed, and
# a warm `check` of one file. See README.md ("The analysis cache").
#
# The corpora are not changed: each is read through a copy made of hard links
# (cp -al) in a temporary folder (outside any git work tree, so that `check`
# takes it for the workspace; it must be on the corpora's file system), whose
# one changed file is replaced by a new file (written aside, renamed over the
# link), never written through the link.
#
# Environment (all optional): SKIP_BUILD=1, SKIP_FETCH=1 (use the corpora in
# CORPORA_DIR as they are), BUILD_DIR, STACKFIT, RUNS (5), WARMUP (1),
# CORPORA_DIR, RESULTS_DIR, TMPDIR.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO_DIR/build/release}
STACKFIT=${STACKFIT:-$BUILD_DIR/stackfit}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
export CORPORA_DIR=${CORPORA_DIR:-$BENCH_DIR/corpora}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}
CORPORA=(python-stdlib npm)
JOBS=2

# The file each run changes, per corpus: an ordinary module of middling size.
declare -A CHANGED=(
	[python-stdlib]=asyncio/tasks.py
	[npm]=express@5.3.0/lib/application.js
)
declare -A COMMENT=([python-stdlib]='#' [npm]='//')

die() { echo "cache.sh: $*" >&2; exit 1; }

command -v hyperfine >/dev/null || die "needs hyperfine (Debian package hyperfine)"
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
	(cd "$REPO_DIR" && cmake --preset release && cmake --build --preset release)
fi
[[ -x $STACKFIT ]] || die "no stackfit at $STACKFIT"
[[ ${SKIP_FETCH:-0} == 1 ]] || "$BENCH_DIR/corpora.sh"
mkdir -p "$RESULTS_DIR"
REPORT=$RESULTS_DIR/cache.md
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stackfit-cache-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

commit=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$REPO_DIR" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
	commit+=" (with uncommitted changes)"
fi
{
	echo "# stackfit analysis cache benchmark"
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- commit: $commit"
	echo "- cpus (nproc): $(nproc); load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- $(hyperfine --version); --warmup $WARMUP --runs $RUNS, --jobs $JOBS," \
		"JSON output to /dev/null; medians below, hyperfine's tables show means"
	echo
} >"$REPORT"

q() { printf '%q' "$1"; }
median() { # hyperfine CSV, command name (names hold commas: a CSV reader)
	python3 -c '
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    if row["command"] == sys.argv[2]:
        print(row["median"])
' "$1" "$2"
}

rows=()
for c in "${CORPORA[@]}"; do
	src=$CORPORA_DIR/$c
	[[ -d $src ]] || die "no corpus $src"
	tree=$WORK/$c
	cache=$WORK/cache-$c
	cp -al "$src" "$tree" || die "cannot link $src into $WORK (another file system? set TMPDIR)"
	changed=$tree/${CHANGED[$c]}
	[[ -f $changed ]] || die "no ${CHANGED[$c]} in $c"
	echo "== $c (changing ${CHANGED[$c]} in the warm runs)"

	# The edit: a new file with one more line, renamed over the old one.
	edit=$WORK/edit-$c.sh
	cat >"$edit" <<-EOF
		#!/bin/sh
		cp $(q "$changed") $(q "$changed.new")
		printf '\n%s %s\n' $(q "${COMMENT[$c]}") "\$(date +%s%N)" >>$(q "$changed.new")
		mv $(q "$changed.new") $(q "$changed")
	EOF
	chmod +x "$edit"

	audit="env STACKFIT_CACHE_DIR=$(q "$cache") $(q "$STACKFIT") audit --format json --jobs $JOBS $(q "$tree")"
	check="cd $(q "$tree") && env STACKFIT_CACHE_DIR=$(q "$cache") $(q "$STACKFIT") check --jobs $JOBS --fail-on none $(q "${CHANGED[$c]}")"

	# Untimed: the cached report is the uncached one, and nothing crashes.
	set +e
	"$STACKFIT" audit --format json --jobs $JOBS --no-cache "$tree" >"$WORK/a.json" 2>/dev/null
	rc=$?
	STACKFIT_CACHE_DIR=$cache "$STACKFIT" audit --format json --jobs $JOBS "$tree" >"$WORK/b.json" 2>/dev/null
	STACKFIT_CACHE_DIR=$cache "$STACKFIT" audit --format json --jobs $JOBS "$tree" >"$WORK/c.json" 2>/dev/null
	set -e
	[[ $rc -eq 0 || $rc -eq 1 ]] || die "stackfit audit failed on $c (exit $rc)"
	cmp -s "$WORK/a.json" "$WORK/b.json" && cmp -s "$WORK/a.json" "$WORK/c.json" ||
		die "$c: the cold or warm report differs from the uncached one"
	echo "cold and warm reports identical to --no-cache ($(wc -c <"$WORK/a.json") bytes);" \
		"cache: $(du -sh --apparent-size "$cache" | cut -f1)"

	hyperfine --warmup "$WARMUP" --runs "$RUNS" -i --output null \
		--export-markdown "$RESULTS_DIR/cache-$c.md" \
		--export-csv "$RESULTS_DIR/cache-$c.csv" \
		--prepare "true" -n "no cache" "$(q "$STACKFIT") audit --format json --jobs $JOBS --no-cache $(q "$tree")" \
		--prepare "rm -rf $(q "$cache")" -n "cold cache" "$audit" \
		--prepare "true" -n "warm" "$audit" \
		--prepare "$(q "$edit")" -n "warm, 1 file changed" "$audit" \
		--prepare "$(q "$edit")" -n "check 1 file, warm" "$check"

	csv=$RESULTS_DIR/cache-$c.csv
	m() { median "$csv" "$1"; }
	files=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["files"])' "$WORK/a.json")
	rows+=("$(awk -v c="$c" -v f="$files" -v n="$(m "no cache")" -v k="$(m "cold cache")" \
		-v w="$(m "warm")" -v e="$(m "warm, 1 file changed")" -v x="$(m "check 1 file, warm")" \
		'BEGIN { printf "| %s | %d | %.3f s | %.3f s (%+.0f %%) | %.3f s | %.3f s (%.1f× faster) | %.3f s |",
			c, f, n, k, (k / n - 1) * 100, w, e, n / e, x }')")
	rm -rf "$tree" "$cache"
	echo
done

{
	echo "| corpus | files | no cache | cold cache (vs no cache) | warm | warm, 1 file changed (vs no cache) | check 1 file, warm |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	for row in "${rows[@]}"; do echo "$row"; done
	echo
	for c in "${CORPORA[@]}"; do
		echo "## $c"
		echo
		cat "$RESULTS_DIR/cache-$c.md"
		echo
	done
} >>"$REPORT"
echo "==================== report ($REPORT)"
cat "$REPORT"
