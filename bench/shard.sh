#!/usr/bin/env bash
# The identity of a sharded audit on the benchmark corpora (docs/sharding.md):
# for N = 1, 2 and 7, `audit --shard I/N` for every I, then `stackfit merge`,
# against one `audit --no-cache`, in every format — stdout, stderr and exit
# status byte for byte. Not timed (tests/e2e/shard.sh does the same on small
# trees in the suite); prints one line per corpus, N and format, and the
# sizes of the shards. Exits 1 when anything differs.
#
# Environment: SKIP_BUILD=1, SKIP_FETCH=1, BUILD_DIR (build/release),
# STACKFIT, CORPORA_DIR (bench/corpora), CORPORA ("npm python-stdlib
# npm-ts"), NS ("1 2 7"), FORMATS.
set -uo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO_DIR/build/release}
STACKFIT=${STACKFIT:-$BUILD_DIR/stackfit}
CORPORA_DIR=${CORPORA_DIR:-$BENCH_DIR/corpora}
NS=${NS:-1 2 7}
CORPORA=${CORPORA:-npm python-stdlib npm-ts}
FORMATS=${FORMATS:-text json sarif github html}
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
	(cd "$REPO_DIR" && cmake --preset release >/dev/null &&
		cmake --build --preset release -j2 >/dev/null) || exit 2
fi
if [[ ${SKIP_FETCH:-0} != 1 ]]; then
	CORPORA_DIR=$CORPORA_DIR "$BENCH_DIR/corpora.sh" >/dev/null || exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STACKFIT_CACHE_DIR=$tmp/cache
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$REPO_DIR" rev-parse --short HEAD), $("$STACKFIT" --version)"
echo
echo "| corpus | N | shards (bytes) | formats identical |"
echo "| --- | --- | --- | --- |"
status=0
for corpus in $CORPORA; do
	tree=$CORPORA_DIR/$corpus
	[[ -d $tree ]] || { echo "no corpus $tree" >&2; exit 2; }
	for f in $FORMATS; do
		"$STACKFIT" audit --no-daemon --no-cache --no-progress --format "$f" "$tree" \
			>"$tmp/audit.$f" 2>"$tmp/audit.$f.err"
		echo $? >"$tmp/audit.$f.rc"
	done
	for n in $NS; do
		rm -rf "$tmp/shards"
		mkdir "$tmp/shards"
		for ((i = 0; i < n; i++)); do
			"$STACKFIT" audit --no-progress --shard "$i/$n" -o "$tmp/shards/$i" "$tree" ||
				{ echo "audit --shard $i/$n failed on $corpus" >&2; exit 2; }
		done
		same=""
		for f in $FORMATS; do
			"$STACKFIT" merge --no-progress --root "$tree" --format "$f" "$tmp"/shards/* \
				>"$tmp/merge.$f" 2>"$tmp/merge.$f.err"
			rc=$?
			if [[ $rc == "$(cat "$tmp/audit.$f.rc")" ]] &&
				cmp -s "$tmp/audit.$f" "$tmp/merge.$f" &&
				cmp -s "$tmp/audit.$f.err" "$tmp/merge.$f.err"; then
				same="$same $f"
			else
				same="$same **$f differs**"
				status=1
			fi
		done
		bytes=$(du -cb "$tmp"/shards/* | tail -1 | cut -f1)
		echo "| $corpus | $n | $bytes | $same (exit $(cat "$tmp/audit.json.rc")) |"
	done
done
exit $status
