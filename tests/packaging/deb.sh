#!/bin/sh
# The Debian package: cpack makes BUILD_DIR/deb/stackfit_VERSION_ARCH.deb,
# with the shared libraries the binary links declared as dependencies and
# the files of `cmake --install` under /usr. packages_fresh_debian installs it.
# Usage: deb.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
. "$src/tests/e2e/lib.sh"
out=$(mktemp "${TMPDIR:-/tmp}/stackfit-deb.XXXXXX")
err=$out.err
trap 'rm -f "$out" "$err"' EXIT
rm -rf "$build/deb"
run 0 "cpack -G DEB" cpack -G DEB --config "$build/CPackConfig.cmake" -B "$build/deb"
deb=$(ls "$build"/deb/stackfit_*.deb 2>/dev/null | head -n 1)
check "  $(basename "${deb:-no .deb}")" [ -n "$deb" ]
[ -n "$deb" ] || exit 1
run 0 "dpkg-deb --field: Depends" dpkg-deb --field "$deb" Depends
out_has 'libc6 (>= 2\.[0-9]*)'
out_has 'libjson-c5 (>= 0\.[0-9]*)'
out_has 'libuv1 (>= 1\.[0-9.]*)'
out_has 'libsodium23 (>= [0-9.]*)'
run 0 "dpkg-deb --contents" dpkg-deb --contents "$deb"
out_has ' \./usr/bin/stackfit$'
out_has ' \./usr/share/stackfit/rules/JS101\.md$'
out_has ' \./usr/share/stackfit/rules/unused-ignore\.md$'
out_has ' \./usr/share/man/man1/stackfit\.1$'
out_lacks ' \./usr/local/'
exit $fail
