#!/bin/sh
# The Python quality run (tests/QUALITY.md): unpack Debian's Python code,
# audit it, run ruff's ASYNC2xx rules on the same files and compare them
# with PY201. Needs network for the first corpus.sh and npm ci; writes
# everything under tests/quality/ (git-ignored). Not part of `make check`.
# Usage: tests/quality/run.sh [STACKFIT_BINARY]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/release/stackfit}
out=$here/results
mkdir -p "$out"
"$here/corpus.sh"
(cd "$here" && npm ci --no-audit --no-fund >/dev/null)
"$bin" audit --format json --no-progress "$here/corpus" >"$out/stackfit.json" || true
node "$here/ruff.mjs" "$here/corpus" >"$out/ruff.jsonl"
python3 - "$out/stackfit.json" <<'PY'
import collections, json, sys
d = json.load(open(sys.argv[1]))
print(f"stackfit: {d['files']} files, {len(d['diagnostics'])} findings")
for (rule, n) in sorted(collections.Counter(x["rule"] for x in d["diagnostics"]).items()):
    print(f"  {rule}: {n}")
PY
python3 "$here/compare.py" "$here/corpus" "$out/stackfit.json" "$out/ruff.jsonl" | tee "$out/compare.txt"
