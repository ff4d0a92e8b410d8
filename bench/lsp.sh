#!/usr/bin/env bash
# The language server's latency benchmark (bench/README.md): edit → publishDiagnostics
# on a 10,000-line JavaScript file, a 10,000-line Python file and a
# 10,000-line legacy file with 2,499 findings, median and p99 over
# one-character edits (bench/lsp_latency.js). Twice: with --no-scan, and as
# editors start it, with the workspace scan on, the files written into a
# 2,000-file repository from bench/genrepo.py. Builds the release preset
# first (unless SKIP_BUILD=1) and prints Markdown for bench/RESULTS.md, with
# the load average before and after each run.
#
# Environment: SKIP_BUILD=1, BUILD_DIR (build/release), STACKFIT, EDITS (500),
# WARMUP (20), SCAN_FILES (2000).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO_DIR/build/release}
STACKFIT=${STACKFIT:-$BUILD_DIR/stackfit}
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
	(cd "$REPO_DIR" && cmake --preset release >/dev/null && cmake --build --preset release -j2 >/dev/null)
fi
command -v node >/dev/null || { echo "lsp.sh: needs node" >&2; exit 1; }
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$REPO_DIR" rev-parse --short HEAD)"
echo "- $(nproc) CPUs, $(lscpu | grep 'Model name' | sed 's/  */ /g;s/Model name: //'), node $(node --version)"
echo
load() { cut -d' ' -f1-3 /proc/loadavg; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The benchmark exits 1 when a target is missed; the table is the result.
echo "### --no-scan"
echo
echo "load before: $(load)"
echo
node "$BENCH_DIR/lsp_latency.js" "$STACKFIT" "${EDITS:-500}" "${WARMUP:-20}" 2>/dev/null || true
echo
echo "load after: $(load)"
echo
python3 "$BENCH_DIR/genrepo.py" "$tmp/ws" "${SCAN_FILES:-2000}" >/dev/null
echo "### the workspace scan on, in a ${SCAN_FILES:-2000}-file repository (bench/genrepo.py)"
echo
echo "load before: $(load)"
echo
node "$BENCH_DIR/lsp_latency.js" "$STACKFIT" "${EDITS:-500}" "${WARMUP:-20}" "$tmp/ws" 2>/dev/null || true
echo
echo "load after: $(load)"
