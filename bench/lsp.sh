#!/usr/bin/env bash
# The language server's latency benchmark (bench/README.md): edit →
# publishDiagnostics on a 10,000-line JavaScript file and a 10,000-line Python
# file, median and p99 over one-character edits. Builds the release preset
# first (unless SKIP_BUILD=1) and prints a Markdown table for
# bench/RESULTS.md.
#
# Environment: SKIP_BUILD=1, BUILD_DIR (build/release), STACKFIT, EDITS (500),
# WARMUP (20).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO_DIR/build/release}
STACKFIT=${STACKFIT:-$BUILD_DIR/stackfit}
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
	(cd "$REPO_DIR" && cmake --preset release >/dev/null && cmake --build --preset release >/dev/null)
fi
command -v node >/dev/null || { echo "lsp.sh: needs node" >&2; exit 1; }
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$REPO_DIR" rev-parse --short HEAD)"
echo "- $(nproc) CPUs, $(lscpu | grep 'Model name' | sed 's/  */ /g;s/Model name: //'), node $(node --version)"
echo
# The benchmark exits 1 when a target is missed; the table is the result.
node "$BENCH_DIR/lsp_latency.js" "$STACKFIT" "${EDITS:-500}" "${WARMUP:-20}" 2>/dev/null || true
