#!/usr/bin/env bash
# The daemon's benchmarks (issue 12): whole processes timed with hyperfine
# (medians), peers in the same run, the machine's load written with every
# table. Prints Markdown for bench/RESULTS.md.
#
#  1. check of one file through the daemon on a 2,000-file repository
#     (bench/genrepo.py, a git repository): nothing changed, and right after
#     the file was edited (a line appended in place before each run); peer:
#     the same check in process (--no-daemon, the on-disk cache warm).
#  2. audit --format json through the daemon after one file changed, on the
#     npm and python-stdlib corpora; peers: oxlint's cold run of the same
#     JavaScript files, ruff's WebAssembly build over the Python files
#     (bench/peers/), and the audit in process with the cache warm.
#  3. the resident memory of the daemon once it has analysed 10,000, 25,000
#     and 50,000 files (RSS_FILES; copies of the npm corpus, hard links), and
#     of the language server once its workspace scan of the same folders
#     ended.
#
# Environment: SKIP_BUILD=1, SKIP_FETCH=1, BUILD_DIR (build/release),
# STACKFIT, CORPORA_DIR (bench/corpora), RUNS (20), AUDIT_RUNS (10),
# WARMUP (3),
# PARTS ("check audit rss"), RSS_FILES ("10000 25000 50000"), TMPDIR (on the corpora's file system, for
# hard links).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO_DIR/build/release}
STACKFIT=${STACKFIT:-$BUILD_DIR/stackfit}
CORPORA_DIR=${CORPORA_DIR:-$BENCH_DIR/corpora}
RUNS=${RUNS:-20}
AUDIT_RUNS=${AUDIT_RUNS:-10}
WARMUP=${WARMUP:-3}
PARTS=${PARTS:-check audit rss}
RSS_FILES=${RSS_FILES:-10000 25000 50000}
command -v hyperfine >/dev/null || { echo "daemon.sh: needs hyperfine" >&2; exit 2; }
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
	(cd "$REPO_DIR" && cmake --preset release >/dev/null &&
		cmake --build --preset release -j2 >/dev/null)
fi
if [[ ${SKIP_FETCH:-0} != 1 && $PARTS == *[ar][us]* ]]; then
	CORPORA_DIR=$CORPORA_DIR "$BENCH_DIR/corpora.sh" >/dev/null
fi
"$REPO_DIR/scripts/npm-ci.sh" "$BENCH_DIR/peers" >/dev/null
OXLINT=$BENCH_DIR/peers/node_modules/.bin/oxlint
RUFF="node $BENCH_DIR/peers/ruff.mjs"

tmp=$(mktemp -d)
export XDG_RUNTIME_DIR=$tmp/run STACKFIT_CACHE_DIR=$tmp/cache
mkdir -m 700 "$XDG_RUNTIME_DIR"
daemons=()
cleanup() {
	for d in "${daemons[@]}"; do "$STACKFIT" daemon stop "$d" >/dev/null 2>&1 || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$REPO_DIR" rev-parse --short HEAD), release build"
echo "- machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(hyperfine --version); oxlint $("$OXLINT" --version | sed 's/^Version: *//' | tr -d '\n'); $(node -p 'require(process.argv[1]).version' "$BENCH_DIR/peers/node_modules/@astral-sh/ruff-wasm-nodejs/package.json" | sed 's/^/ruff (wasm) /'); node $(node --version)"
echo

# medians HYPERFINE-JSON [DAEMON-CPU-MS]: one table row per command: its
# median, min and max wall time, and the mean CPU time (user + system) of
# the timed process; for a command through the daemon, the daemon's own
# CPU time per request (DAEMON-CPU-MS, from /proc around the whole run:
# an upper bound, as it includes the refreshes that the peers' edits
# caused through the daemon's watches).
medians() {
	python3 - "$1" "${2:-}" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    cpu = "%.1f ms" % ((r["user"] + r["system"]) * 1000)
    if "daemon" in r["command"] and sys.argv[2]:
        cpu += " + daemon %s ms" % sys.argv[2]
    print("| %s | %.1f ms | %.1f ms | %.1f ms | %s |" % (
        r["command"], r["median"] * 1000, r["min"] * 1000, r["max"] * 1000, cpu))
PY
}
# cpu_ms PID: the CPU time (user + system) of a process so far, in ms.
cpu_ms() {
	awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"
}
# daemon_pid ROOT
daemon_pid() {
	"$STACKFIT" daemon status --format json "$1" | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p'
}
# per_request BEFORE AFTER REQUESTS: the difference per request, in ms.
per_request() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.1f", (b - a) / n }'; }
# A fresh copy of one file, so that editing it in place never writes
# through a hard link into the corpus.
own() { cp "$1" "$1.own" && mv "$1.own" "$1"; }

if [[ $PARTS == *check* ]]; then
	repo=$tmp/gen2k
	python3 "$BENCH_DIR/genrepo.py" "$repo" 2000 >/dev/null
	(cd "$repo" && git init -q . && git add -A &&
		git -c user.name=b -c user.email=b@example.com commit -qm init)
	file=$(cd "$repo" && git ls-files '*.js' | sed -n 100p)
	(cd "$repo" && "$STACKFIT" daemon start --idle-timeout 3600 >/dev/null)
	daemons+=("$repo")
	(cd "$repo" && "$STACKFIT" check --no-daemon "$file" >/dev/null 2>&1 || true) # the cache, warm
	edit="sh -c 'echo \"// \$(date +%s%N)\" >>$repo/$file'"
	echo "### check of one file, 2,000-file repository ($(cd "$repo" && git ls-files | grep -c -E '\.(js|py)$') sources)"
	echo
	echo "load before: $(load)"
	dpid=$(daemon_pid "$repo")
	c0=$(cpu_ms "$dpid")
	(cd "$repo" && hyperfine -N -i --warmup "$WARMUP" --runs "$RUNS" --export-json "$tmp/check.json" \
		-n "daemon, nothing changed" "$STACKFIT check $file" \
		-n "in process, nothing changed" "$STACKFIT check --no-daemon $file" >/dev/null 2>&1)
	c1=$(cpu_ms "$dpid")
	(cd "$repo" && hyperfine -i --warmup "$WARMUP" --runs "$RUNS" --export-json "$tmp/edit.json" \
		--prepare "$edit" -n "daemon, the file just edited" "$STACKFIT check $file" \
		--prepare "$edit" -n "in process, the file just edited" "$STACKFIT check --no-daemon $file" >/dev/null 2>&1)
	c2=$(cpu_ms "$dpid")
	echo "load after: $(load)"
	echo
	echo "| what | median | min | max | CPU (mean) |"
	echo "| --- | --- | --- | --- | --- |"
	medians "$tmp/check.json" "$(per_request "$c0" "$c1" $((WARMUP + RUNS)))"
	medians "$tmp/edit.json" "$(per_request "$c1" "$c2" $((WARMUP + RUNS)))"
	echo
	echo "(the edited runs are timed with a shell, which hyperfine subtracts; the prepare step is not timed)"
	echo
	# The daemon's own CPU time per check, without the peer: the
	# figures above include the refreshes the in-process runs' edits
	# cause through the daemon's watches. Each edited check is followed
	# by a pause longer than the daemon's rescan delay, so that the work
	# an edit causes after the answer is counted too.
	n=$((RUNS + WARMUP))
	c0=$(cpu_ms "$dpid")
	for _ in $(seq "$n"); do (cd "$repo" && "$STACKFIT" check "$file" >/dev/null 2>&1 || true); done
	c1=$(cpu_ms "$dpid")
	for _ in $(seq "$n"); do
		echo "// $(date +%s%N)" >>"$repo/$file"
		(cd "$repo" && "$STACKFIT" check "$file" >/dev/null 2>&1 || true)
		sleep 0.3
	done
	c2=$(cpu_ms "$dpid")
	echo "The daemon's CPU time per check alone ($n checks each; load: $(load)): nothing changed" \
		"$(per_request "$c0" "$c1" "$n") ms; a line appended before each check, a 0.3 s pause after it" \
		"$(per_request "$c1" "$c2" "$n") ms."
	echo
	"$STACKFIT" daemon stop "$repo" >/dev/null
fi

if [[ $PARTS == *audit* ]]; then
	for corpus in npm python-stdlib; do
		tree=$tmp/$corpus
		cp -al "$CORPORA_DIR/$corpus" "$tree"
		if [[ $corpus == npm ]]; then
			file=$(cd "$tree" && find . -name '*.js' -path '*express*' | sort | head -1)
			peer=("$OXLINT --ignore-pattern **/*.ts $tree")
			peer_name="oxlint, cold"
		else
			file=$(cd "$tree" && find . -name '*.py' -path '*asyncio*' | sort | head -1)
			peer=("$RUFF $tree")
			peer_name="ruff (wasm), cold"
		fi
		own "$tree/$file"
		(cd "$tree" && "$STACKFIT" daemon start --idle-timeout 3600 . >/dev/null)
		daemons+=("$tree")
		"$STACKFIT" audit --no-daemon --format json "$tree" >/dev/null 2>&1 || true
		edit="sh -c 'echo \"# \$(date +%s%N)\" >>$tree/$file'"
		[[ $corpus == npm ]] && edit="sh -c 'echo \"// \$(date +%s%N)\" >>$tree/$file'"
		echo "### audit --format json after one file changed: $corpus ($(find "$tree" -name '*.js' -o -name '*.mjs' -o -name '*.py' | wc -l) sources)"
		echo
		echo "load before: $(load)"
		dpid=$(daemon_pid "$tree")
		c0=$(cpu_ms "$dpid")
		hyperfine -i --warmup 1 --runs "$AUDIT_RUNS" --export-json "$tmp/audit-$corpus.json" \
			--prepare "$edit" -n "stackfit daemon, 1 file changed" "$STACKFIT audit --format json $tree" \
			--prepare "$edit" -n "stackfit in process, cache warm, 1 file changed" "$STACKFIT audit --no-daemon --format json $tree" \
			--prepare "true" -n "$peer_name" "${peer[0]}" >/dev/null 2>&1
		c1=$(cpu_ms "$dpid")
		echo "load after: $(load)"
		echo
		echo "| what | median | min | max | CPU (mean) |"
		echo "| --- | --- | --- | --- | --- |"
		medians "$tmp/audit-$corpus.json" "$(per_request "$c0" "$c1" $((1 + AUDIT_RUNS)))"
		echo
		"$STACKFIT" daemon stop "$tree" >/dev/null
	done
fi

if [[ $PARTS == *rss* ]]; then
	echo "### memory: the daemon and the language server at $(sed 's/ /, /g' <<<"$RSS_FILES") files"
	echo
	echo "Copies of the npm corpus (hard links), cut to exactly that many JavaScript files (its few"
	echo "TypeScript files removed from the copies). The daemon: \`daemon start\` returns once its first"
	echo "analysis is done; then VmRSS and VmHWM (peak) from /proc. The language server: started as an"
	echo "editor starts it, in the folder, measured when its workspace scan has ended (bench/lsp_scan.js)."
	echo
	echo "| files | daemon RSS | daemon peak | daemon per file | server RSS | server peak | server per file | server's scan |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
	for want in $RSS_FILES; do
		tree=$tmp/rss$want
		mkdir "$tree"
		k=0
		while [[ $(find "$tree" \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' \) | wc -l) -lt $want ]]; do
			cp -al "$CORPORA_DIR/npm" "$tree/copy$k"
			k=$((k + 1))
		done
		find "$tree" \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.tsx' \) -delete
		# Exactly want sources: the last ones in path order go.
		find "$tree" \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' \) | sort |
			tail -n +$((want + 1)) | xargs -r rm -f
		(cd "$tree" && "$STACKFIT" daemon start --idle-timeout 3600 . >/dev/null)
		daemons+=("$tree")
		status=$("$STACKFIT" daemon status --format json "$tree")
		pid=$(daemon_pid "$tree")
		files=$(sed -n 's/.*"filesIndexed": *\([0-9]*\).*/\1/p' <<<"$status")
		rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
		hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
		"$STACKFIT" daemon stop "$tree" >/dev/null
		IFS='|' read -r said lrss lhwm lms < <(node "$BENCH_DIR/lsp_scan.js" "$STACKFIT" "$tree")
		echo "| $files | $((rss / 1024)) MiB | $((hwm / 1024)) MiB | $((rss / files)) KiB | $((lrss / 1024)) MiB | $((lhwm / 1024)) MiB | $((lrss / files)) KiB | $said, $((lms / 1000)) s |"
		rm -rf "$tree"
	done
	echo
	echo "load: $(load)"
fi
