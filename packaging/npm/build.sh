#!/bin/sh
# Builds the npm packages: `stackfit` (a small Node.js launcher) and
# `@stackfit/linux-x64-gnu` (the binary, json-c and libuv linked in, and the
# rule documents), packed as tarballs in OUT_DIR, ready for `npm publish`
# or `npm install ./stackfit-*.tgz`.
#
#   packaging/npm/build.sh [OUT_DIR]     (default build/npm/dist)
#
# The binary is built in build/npm (Release, STACKFIT_STATIC_DEPS=ON, no
# tests) or in $STACKFIT_NPM_BUILD_DIR. It may need only the C library
# (glibc 2.34 or later), or the build fails.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$src/build/npm/dist}
build=${STACKFIT_NPM_BUILD_DIR:-$src/build/npm}
jobs=$(nproc 2>/dev/null || echo 2)
command -v npm >/dev/null || { echo "$0: needs npm" >&2; exit 2; }

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release \
	-DSTACKFIT_STATIC_DEPS=ON -DSTACKFIT_TESTS=OFF -DSTACKFIT_BENCH=OFF >/dev/null
cmake --build "$build" -j "$jobs" >/dev/null

mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d "${TMPDIR:-/tmp}/stackfit-npm.XXXXXX")
trap 'rm -rf "$stage"' EXIT
cmake --install "$build" --prefix "$stage/prefix" --strip >/dev/null

bin=$stage/prefix/bin/stackfit
# The binary may need nothing but glibc: json-c, libuv and libsodium are
# linked in (and stackfit does not use libm).
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
case "$needed" in
"ld-linux-x86-64.so.2 libc.so.6 " | "libc.so.6 ") ;;
*) echo "$0: $bin needs more than glibc: $needed" >&2; exit 1 ;;
esac
glibc=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)
case "$glibc" in
GLIBC_2.[0-9] | GLIBC_2.[0-2][0-9] | GLIBC_2.3[0-4]) ;;
*) echo "$0: $bin needs $glibc; the package says glibc 2.34" >&2; exit 1 ;;
esac
version=$("$bin" --version | sed -n 's/^stackfit //p')
[ -n "$version" ] || { echo "$0: $bin --version says no version" >&2; exit 1; }

# The platform package: bin/stackfit and share/stackfit/rules/, the layout
# of `cmake --install`, so the documents are at BIN/../share/stackfit/rules.
plat=$stage/linux-x64-gnu
mkdir -p "$plat/bin" "$plat/share/stackfit"
cp "$bin" "$plat/bin/stackfit"
cp -r "$stage/prefix/share/stackfit/rules" "$plat/share/stackfit/rules"
cp "$src/packaging/npm/linux-x64-gnu/README.md" "$plat/"
# The launcher package, its optional dependency at the same version.
main=$stage/stackfit
cp -r "$src/packaging/npm/stackfit" "$main"
for f in "$src/packaging/npm/linux-x64-gnu/package.json" "$src/packaging/npm/stackfit/package.json"; do
	dest=$plat/package.json
	[ "$f" = "$src/packaging/npm/stackfit/package.json" ] && dest=$main/package.json
	sed "s/0\.0\.0-set-by-build\.sh/$version/" "$f" >"$dest"
done

for p in "$plat" "$main"; do
	(cd "$p" && npm pack --silent --pack-destination "$out" >/dev/null)
done
echo "$out/stackfit-$version.tgz"
echo "$out/stackfit-linux-x64-gnu-$version.tgz"
