#!/bin/sh
# The npm packages as a user gets them: packaging/npm/build.sh packs
# `stackfit` and `@stackfit/linux-x64-gnu`; a fresh project installs the
# first (`npm install --save-dev`), npm picks the second through
# optionalDependencies (here from its tarball, through `overrides`, and
# --offline: nothing is fetched), and `npx stackfit` runs the binary.
# The tarballs stay in BUILD_DIR/npm-dist for packages_fresh_debian.
# Usage: npm.sh SOURCE_DIR BUILD_DIR
set -u
src=$1
build=$2
. "$src/tests/e2e/lib.sh"
command -v npm >/dev/null || { echo "npm.sh: needs npm"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/stackfit-npm.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=$work/out
err=$work/err
dist=$build/npm-dist
rm -rf "$dist"

STACKFIT_NPM_BUILD_DIR=$build/npm-build
export STACKFIT_NPM_BUILD_DIR
run 0 "packaging/npm/build.sh" "$src/packaging/npm/build.sh" "$dist"
main=$(sed -n 1p "$out")
plat=$(sed -n 2p "$out")
check "  two tarballs: $(basename "$main") $(basename "$plat")" [ -s "$main" ] && [ -s "$plat" ]
tar -xzf "$plat" -C "$work" package/bin/stackfit
needed=$(readelf -d "$work/package/bin/stackfit" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
check "  the binary needs only glibc ($needed)" \
	[ "$needed" = "ld-linux-x86-64.so.2 libc.so.6 " ]

proj=$work/project
mkdir -p "$proj"
cp -r "$src/examples/node-service" "$proj/src"
cat >"$proj/package.json" <<JSON
{ "name": "project", "version": "1.0.0", "private": true,
  "overrides": { "@stackfit/linux-x64-gnu": "file:$plat" } }
JSON
cd "$proj"
npmi() { npm --offline --no-audit --no-fund --loglevel=error "$@"; }
run 0 "npm install --save-dev stackfit-*.tgz (offline)" npmi install --save-dev "$main"
check "  node_modules/@stackfit/linux-x64-gnu/bin/stackfit" \
	[ -x node_modules/@stackfit/linux-x64-gnu/bin/stackfit ]
check "  its rule documents: share/stackfit/rules/JS101.md" \
	[ -s node_modules/@stackfit/linux-x64-gnu/share/stackfit/rules/JS101.md ]
check "  package-lock.json: the platform package is optional" \
	grep -q '"optional": true' package-lock.json

run 0 "npx stackfit --version" npx --offline stackfit --version
out_has '^stackfit [0-9]'
run 1 "npx stackfit audit: exit 1 on the findings" npx --offline stackfit audit --no-progress --no-daemon
out_has 'JS101 \[warning\]'
run 2 "npx stackfit audit --bad: the binary's exit 2 and message" npx --offline stackfit audit --bad
err_has 'bad'
run 0 "npx stackfit explain JS101" npx --offline stackfit explain JS101
out_has '^# JS101'
run 0 "require('stackfit').binaryPath() is the platform binary" \
	node -e "process.stdout.write(require('stackfit').binaryPath())"
out_has 'node_modules/@stackfit/linux-x64-gnu/bin/stackfit$'

# The language server through the launcher: stdin and stdout go through.
lsp() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
{
	lsp '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
	lsp '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
	lsp '{"jsonrpc":"2.0","method":"exit"}'
} >"$work/lsp-in"
run 0 "npx stackfit lsp: initialize, shutdown, exit" sh -c 'npx --offline stackfit lsp --no-scan <"$1"' _ "$work/lsp-in"
out_has '"serverInfo":{"name":"stackfit"'

# Without the optional dependency: a clear message, not a stack trace.
rm -rf node_modules
run 0 "npm ci --omit=optional" npmi ci --omit=optional
run 2 "npx stackfit without the platform package: exit 2" npx --offline stackfit --version
err_has '@stackfit/linux-x64-gnu.*is not installed'
exit $fail
