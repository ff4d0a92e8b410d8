#!/bin/sh
# End-to-end: bench/rounds.sh (the cold audit against the walk in
# interleaved rounds) on a tiny corpus, for what it does with its input and
# with runs that fail, not for its timings: a round count that is no
# number, a corpus that is not there, a binary that crashes or exits 2 are
# each said on stderr, and a failed run is left out of the medians.
# Usage: bench_rounds.sh STACKFIT SOURCE_DIR TSPARSE
set -u
bin=$1
src=$2
export TSPARSE="$3"
. "$(dirname "$0")/lib.sh"
rounds=$src/bench/rounds.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/corpus/app"
printf 'import time\n\nasync def handler():\n    time.sleep(1)\n' >"$tmp/corpus/app/main.py"
printf "const fs = require('fs');\napp.get('/', (q, r) => r.send(fs.readFileSync('a')));\n" >"$tmp/corpus/app/server.js"
# Enough text for the walk to take longer than time's 10 ms resolution.
python3 -c 'import sys
for i in range(6000):
    sys.stdout.write(f"def f{i}(x):\n    return [y * {i} for y in x if y]\n\n")' >"$tmp/corpus/app/many.py"
printf '#!/bin/sh\nkill -SEGV $$\n' >"$tmp/crashes"
printf '#!/bin/sh\nexit 2\n' >"$tmp/fails"
chmod +x "$tmp/crashes" "$tmp/fails"
out=$tmp/out
err=$tmp/err

run 0 "two rounds of the walk and an audit" "$rounds" 2 "$tmp/corpus" "$bin"
out_has "^walk .* wall [0-9.]* s"
out_has "audit / walk [0-9.]*x \[[0-9.]*-[0-9.]*\], CPU [0-9.]*x"
err_empty

run 1 "a binary that crashes and one that exits 2 beside it" \
	"$rounds" 2 "$tmp/corpus" "$bin" "$tmp/crashes" "$tmp/fails"
out_has "^$bin .*audit / walk [0-9.]*x"
out_has "crashes *no run finished"
out_has "fails *no run finished"
err_has "round 0: $tmp/crashes was killed by signal 11: left out"
err_has "round 1: $tmp/fails exited 2: left out"

run 2 "a round count that is no number" "$rounds" two "$tmp/corpus" "$bin"
err_has "ROUNDS must be a whole number above 0, not 'two'"
run 2 "a corpus that is not there" "$rounds" 1 "$tmp/nowhere" "$bin"
err_has "nowhere: no such folder"
run 2 "a binary that is not there" "$rounds" 1 "$tmp/corpus" "$tmp/nobin"
err_has "nobin: not an executable"
exit "$fail"
