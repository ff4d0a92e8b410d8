#!/bin/bash
# rounds.sh — the cold audit against the bare parse-and-walk in interleaved
# rounds, for a host whose speed drifts from minute to minute (bench/README.md).
#
# Usage: bench/rounds.sh ROUNDS CORPUS STACKFIT...
#
# Each round runs `tsparse --walk --jobs 2 CORPUS`, then each STACKFIT binary's
# `audit --no-daemon --no-cache -j2 --format json CORPUS`, then the walk again,
# each timed with /usr/bin/time. An audit's ratio is taken against the mean of
# its own round's two walks, so that a drift of the host's speed between rounds
# cancels out; the medians of those ratios are printed, with their range, and
# the same for CPU time (user + system). A run that crashes or exits with
# anything but 0 (1 for an audit: findings) is left out of the medians and
# named on stderr, and the script then exits 1.
#
# CORPUS is a folder, or the name of one under CORPORA_DIR (default
# bench/corpora). TSPARSE (default build/release/bench/tsparse) is the walk.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
if [ $# -lt 3 ]; then
	echo "usage: bench/rounds.sh ROUNDS CORPUS STACKFIT..." >&2
	exit 2
fi
rounds=$1
corpus=$2
shift 2
case $rounds in
'' | *[!0-9]* | 0)
	echo "rounds.sh: ROUNDS must be a whole number above 0, not '$rounds'" >&2
	exit 2
	;;
esac
for tool in /usr/bin/time python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "rounds.sh: needs $tool (Debian packages time and python3)" >&2
		exit 2
	fi
done
[ -d "$corpus" ] || corpus=${CORPORA_DIR:-$root/bench/corpora}/$corpus
tsparse=${TSPARSE:-$root/build/release/bench/tsparse}
for f in "$tsparse" "$@"; do
	if [ ! -x "$f" ]; then
		echo "rounds.sh: $f: not an executable" >&2
		exit 2
	fi
done
if [ ! -d "$corpus" ]; then
	echo "rounds.sh: $corpus: no such folder" >&2
	exit 2
fi
times=$(mktemp)
trap 'rm -f "$times"' EXIT
timed() { # round, label, command...
	/usr/bin/time -f "%e %U %S %x $1 $2" -a -o "$times" "${@:3}" >/dev/null 2>&1 || true
}
echo "$(date -u '+%F %T UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $rounds rounds, $corpus"
for ((r = 0; r < rounds; r++)); do
	timed "$r" walk "$tsparse" --walk --jobs 2 "$corpus"
	for i in $(seq 1 $#); do
		timed "$r" "$i" "${!i}" audit --no-daemon --no-cache -j2 --format json "$corpus"
	done
	timed "$r" walk "$tsparse" --walk --jobs 2 "$corpus"
done
echo "after: load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$times" "$@" <<'PY'
import collections, statistics as st, sys
rounds = collections.defaultdict(lambda: collections.defaultdict(list))
bad = []
signal = None  # time's line before a record: the command was killed
for line in open(sys.argv[1]):
    p = line.split()
    if line.startswith("Command terminated by signal"):
        signal = p[-1]
    if len(p) == 6 and p[0][0].isdigit():
        # An audit exits 0 or 1 (findings); anything else is no timing.
        what = 'the walk' if p[5] == 'walk' else sys.argv[1 + int(p[5])]
        if signal is not None or int(p[3]) > (1 if p[5] != 'walk' else 0):
            how = f"was killed by signal {signal}" if signal else f"exited {p[3]}"
            bad.append(f"round {p[4]}: {what} {how}")
            signal = None
            continue
        rounds[p[4]][p[5]].append((float(p[0]), float(p[1]) + float(p[2])))
walls = [x[0] for r in rounds.values() for x in r['walk']]
if not walls:
    sys.exit("rounds.sh: no walk finished: " + "; ".join(bad))
print(f"{'walk':40s} wall {st.median(walls):.3f} s")
for i, name in enumerate(sys.argv[2:], 1):
    wall, ratio, cpu = [], [], []
    for r in rounds.values():
        if not r[str(i)] or not r['walk']:
            continue
        w = st.mean(x[0] for x in r['walk'])
        c = st.mean(x[1] for x in r['walk'])
        if w == 0 or c == 0:
            sys.exit("rounds.sh: the walk took less than time's 10 ms resolution: "
                     "give a larger corpus")
        a = r[str(i)][0]
        wall.append(a[0]); ratio.append(a[0] / w); cpu.append(a[1] / c)
    if not ratio:
        print(f"{name:40s} no run finished")
        continue
    print(f"{name:40s} wall {st.median(wall):.3f} s, audit / walk {st.median(ratio):.3f}x "
          f"[{min(ratio):.3f}-{max(ratio):.3f}], CPU {st.median(cpu):.3f}x")
for b in bad:
    print(f"rounds.sh: {b}: left out", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
