#!/usr/bin/env bash
# Runs the cold-audit benchmark (bench/README.md) on each corpus: one hyperfine run
# comparing, as peers, bare tree-sitter parsing (tsparse), parsing and
# walking every node (tsparse --walk), and
# `stackfit audit --no-cache` (cold: the on-disk cache is neither read nor
# written; bench/cache.sh measures it), at 1 and at 2 jobs. The walk also runs
# at 2 jobs with glibc's heaps set as stackfit's one-shot commands set theirs
# (whole heaps at once, huge pages: analyzers/util/xalloc.c), through glibc's
# tunables: what the allocator alone gives a bare walk. Prints the results and writes them to
# bench/results/ (git-ignored): one table per corpus and report.md, ready to be
# copied into bench/RESULTS.md.
#
# Environment (all optional):
#   SKIP_BUILD=1           do not run the release build first
#   SKIP_FETCH=1           use the corpora in CORPORA_DIR as they are
#   BUILD_DIR              where the release build is (default build/release)
#   STACKFIT, TSPARSE      the binaries (default BUILD_DIR/stackfit, BUILD_DIR/bench/tsparse)
#   STACKFIT_AUDIT_FLAGS   extra audit flags
#   PREPARE                a command hyperfine runs before every timed run
#   RUNS, WARMUP           hyperfine's --runs (5) and --warmup (1)
#   CORPORA_DIR, RESULTS_DIR
#   CORPORA                the corpora to run, space-separated (default:
#                          python-stdlib npm npm-ts)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO_DIR/build/release}
STACKFIT=${STACKFIT:-$BUILD_DIR/stackfit}
TSPARSE=${TSPARSE:-$BUILD_DIR/bench/tsparse}
STACKFIT_AUDIT_FLAGS=${STACKFIT_AUDIT_FLAGS:-}
PREPARE=${PREPARE:-}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
export CORPORA_DIR=${CORPORA_DIR:-$BENCH_DIR/corpora}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}
read -r -a CORPORA <<<"${CORPORA:-python-stdlib npm npm-ts}"

# The targets (bench/README.md).
MAX_AUDIT_OVER_PARSE=1.20
MIN_SPEEDUP_1_TO_2=1.80
# glibc's settings closest to stackfit's one-shot heaps.
HEAPS_AS_AUDIT="GLIBC_TUNABLES=glibc.malloc.top_pad=67108864:glibc.malloc.hugetlb=1"

die() { echo "run.sh: $*" >&2; exit 1; }

command -v hyperfine >/dev/null || die "needs hyperfine (Debian package hyperfine)"

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
	(cd "$REPO_DIR" && cmake --preset release && cmake --build --preset release)
fi
[[ -x $STACKFIT ]] || die "no stackfit at $STACKFIT"
[[ -x $TSPARSE ]] || die "no tsparse at $TSPARSE (is STACKFIT_BENCH off?)"

[[ ${SKIP_FETCH:-0} == 1 ]] || "$BENCH_DIR/corpora.sh"
mkdir -p "$RESULTS_DIR"
REPORT=$RESULTS_DIR/report.md

commit=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$REPO_DIR" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
	commit+=" (with uncommitted changes)"
fi
{
	echo "# stackfit benchmark"
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- commit: $commit"
	echo "- cpus (nproc): $(nproc)"
	echo "- $(lscpu | grep 'Model name' | sed 's/  */ /g')"
	echo "- kernel: $(uname -r)"
	echo "- $(hyperfine --version)"
	echo "- hyperfine --warmup $WARMUP --runs $RUNS -i, whole processes, output to /dev/null;" \
		"the summary uses medians, hyperfine's tables show means"
	[[ -n $STACKFIT_AUDIT_FLAGS ]] && echo "- extra audit flags: $STACKFIT_AUDIT_FLAGS"
	[[ -n $PREPARE ]] && echo "- before every run: \`$PREPARE\`"
	echo
} >"$REPORT"
cat "$REPORT"

q() { printf '%q' "$1"; }

# Prints the median of the command named $2 in hyperfine's CSV $1.
median() {
	awk -F, -v name="$2" 'NR > 1 && $1 == name { print $4 }' "$1"
}

# Prints "R (OK|FAIL)" for ratio R = $1 / $2 checked with awk's comparison $3 $4.
verdict() {
	awk -v a="$1" -v b="$2" -v op="$3" -v limit="$4" 'BEGIN {
		r = a / b
		ok = (op == "<=") ? (r <= limit) : (r >= limit)
		printf "%.2f× (%s %s: %s)", r, op, limit, ok ? "ok" : "NOT MET"
	}'
}

summary_rows=()
for c in "${CORPORA[@]}"; do
	dir=$CORPORA_DIR/$c
	[[ -d $dir ]] || die "no corpus $dir"
	echo "== $c"

	# One untimed run of each: hyperfine -i would hide a crash, and the file
	# counts show whether both visit the same files.
	files_line=$("$TSPARSE" --jobs 1 "$dir" 2>&1 >/dev/null | head -n 1)
	echo "tsparse: $files_line"
	set +e
	# shellcheck disable=SC2086 # flags are meant to split
	"$STACKFIT" audit --jobs 1 --format json --no-cache $STACKFIT_AUDIT_FLAGS "$dir" \
		>"$RESULTS_DIR/$c.audit.json" 2>"$RESULTS_DIR/$c.audit.stderr"
	rc=$?
	set -e
	echo "stackfit audit: exit $rc, $(wc -c <"$RESULTS_DIR/$c.audit.json") bytes of JSON" \
		"(kept in results/$c.audit.json)"
	if [[ $rc -ne 0 && $rc -ne 1 ]]; then
		tail -n 20 "$RESULTS_DIR/$c.audit.stderr" >&2
		die "stackfit audit failed on $c (exit $rc); timing it would mean nothing"
	fi
	if [[ -s $RESULTS_DIR/$c.audit.stderr ]]; then
		echo "stackfit stderr (last lines):"
		tail -n 5 "$RESULTS_DIR/$c.audit.stderr" | sed 's/^/  /'
	fi

	audit="$(q "$STACKFIT") audit --format json --no-cache $STACKFIT_AUDIT_FLAGS"
	prepare=()
	[[ -n $PREPARE ]] && prepare=(--prepare "$PREPARE")
	load_before=$(cut -d" " -f1-3 /proc/loadavg)
	hyperfine --warmup "$WARMUP" --runs "$RUNS" -i --output null "${prepare[@]}" \
		--export-markdown "$RESULTS_DIR/$c.md" \
		--export-csv "$RESULTS_DIR/$c.csv" \
		--export-json "$RESULTS_DIR/$c.json" \
		-n "tsparse --jobs 1" "$(q "$TSPARSE") --jobs 1 $(q "$dir")" \
		-n "tsparse --walk --jobs 1" "$(q "$TSPARSE") --walk --jobs 1 $(q "$dir")" \
		-n "stackfit audit --jobs 1" "$audit --jobs 1 $(q "$dir")" \
		-n "tsparse --jobs 2" "$(q "$TSPARSE") --jobs 2 $(q "$dir")" \
		-n "tsparse --walk --jobs 2" "$(q "$TSPARSE") --walk --jobs 2 $(q "$dir")" \
		-n "tsparse --walk --jobs 2 (heaps as the audit's)" \
		"env $HEAPS_AS_AUDIT $(q "$TSPARSE") --walk --jobs 2 $(q "$dir")" \
		-n "stackfit audit --jobs 2" "$audit --jobs 2 $(q "$dir")"
	load_after=$(cut -d' ' -f1-3 /proc/loadavg)

	# Any run that crashed or failed (exit other than 0 or 1) spoils the table.
	bad=$(tr -d ' \n' <"$RESULTS_DIR/$c.json" |
		grep -o '"exit_codes":\[[^]]*\]' | grep -o '[0-9-][0-9]*' |
		grep -vx '[01]' | sort -u | tr '\n' ' ' || true)
	[[ -z $bad ]] || echo "WARNING: $c: exit codes other than 0/1 in timed runs: $bad"

	csv=$RESULTS_DIR/$c.csv
	p1=$(median "$csv" "tsparse --jobs 1")
	a1=$(median "$csv" "stackfit audit --jobs 1")
	p2=$(median "$csv" "tsparse --jobs 2")
	a2=$(median "$csv" "stackfit audit --jobs 2")
	w1=$(median "$csv" "tsparse --walk --jobs 1")
	w2=$(median "$csv" "tsparse --walk --jobs 2")
	h2=$(median "$csv" "tsparse --walk --jobs 2 (heaps as the audit's)")
	row="| $c | $files_line"
	row+=" | $(printf '%.3f / %.3f s' "$p1" "$p2")"
	row+=" | $(printf '%.3f / %.3f s' "$w1" "$w2")"
	row+=" | $(printf '%.3f / %.3f s' "$a1" "$a2")"
	row+=" | $(verdict "$a2" "$w2" "<=" $MAX_AUDIT_OVER_PARSE)"
	row+=" | $(printf '%.3f s: ' "$h2")$(awk -v a="$a2" -v b="$h2" 'BEGIN { printf "%.2f×", a / b }')"
	row+=" | $(verdict "$a2" "$p2" "<=" $MAX_AUDIT_OVER_PARSE)"
	row+=" | $(verdict "$a1" "$a2" ">=" $MIN_SPEEDUP_1_TO_2)"
	row+=" | $(awk -v a="$p1" -v b="$p2" 'BEGIN { printf "%.2f×", a / b }')"
	row+=" | $load_before → $load_after |"
	summary_rows+=("$row")
	echo
done

{
	echo "## Against the targets"
	echo
	echo "Medians. \"audit / walk\" is cold audit time over the time of a bare parse and walk" \
		"of every node (tsparse --walk) with 2 jobs; \"same heaps\" is the same walk with glibc's" \
		"heaps set as the audit sets its own ($HEAPS_AS_AUDIT), and the audit over it;" \
		"\"audit / parse\" is the audit over a bare parse" \
		"(at most $MAX_AUDIT_OVER_PARSE×); \"audit 1→2\" is audit time at 1 job over" \
		"at 2 jobs (at least $MIN_SPEEDUP_1_TO_2×); \"parse 1→2\" is the same for bare" \
		"parsing, the most this machine allows. Load: the load average (1, 5, 15 min)" \
		"before and after the corpus's run."
	echo
	echo "| corpus | files (tsparse) | parse 1 / 2 jobs | parse+walk 1 / 2 jobs | audit 1 / 2 jobs | audit / walk, 2 jobs | walk, same heaps: audit / it | audit / parse, 2 jobs | audit 1→2 | parse 1→2 | load |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	for row in "${summary_rows[@]}"; do
		echo "$row"
	done
	echo
	for c in "${CORPORA[@]}"; do
		echo "## $c"
		echo
		cat "$RESULTS_DIR/$c.md"
		echo
	done
} >>"$REPORT"

echo "==================== report ($REPORT)"
cat "$REPORT"
