#!/bin/sh
# A fresh Debian 12 gets a working stackfit from the packages alone:
#  - `apt-get install ./stackfit_*.deb` pulls the libraries it declares
#    (libjson-c5, libuv1) and `stackfit audit` runs on the examples;
#  - the npm package, installed from its tarballs, runs with Debian's own
#    Node.js (`nodejs`, 18) through node_modules/.bin/stackfit, and the
#    platform binary runs by itself.
# The root is made by scripts/debian-root.sh (debootstrap, about 3 minutes
# the first time; then unpacked from BUILD_DIR/debian-bookworm.tar). Needs
# root: skipped (exit 77) otherwise.
# Usage: fresh-debian.sh SOURCE_DIR BUILD_DIR (with BUILD_DIR/deb/*.deb from
# cpack and BUILD_DIR/npm-dist from tests/packaging/npm.sh)
set -u
src=$1
build=$2
. "$src/tests/e2e/lib.sh"
if [ "$(id -u)" -ne 0 ]; then
	echo "fresh-debian.sh: skipped: debootstrap and chroot need root"
	exit 77
fi
deb=$(ls "$build"/deb/stackfit_*.deb 2>/dev/null | head -n 1)
main=$(ls "$build"/npm-dist/stackfit-[0-9]*.tgz 2>/dev/null | head -n 1)
plat=$(ls "$build"/npm-dist/stackfit-linux-x64-gnu-*.tgz 2>/dev/null | head -n 1)
[ -n "$deb" ] && [ -n "$main" ] && [ -n "$plat" ] ||
	{ echo "fresh-debian.sh: no .deb in $build/deb or tarballs in $build/npm-dist"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/stackfit-debian.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=$work/out
err=$work/err
root=$work/root

run 0 "a fresh Debian 12 root (scripts/debian-root.sh)" \
	"$src/scripts/debian-root.sh" "$root" "$build/debian-bookworm.tar"
[ "$fail" -eq 0 ] || exit 1
in_root() { # COMMAND: runs sh -c COMMAND in the root, as root, with a clean environment
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive chroot "$root" sh -c "$1"
}
run 0 "  no stackfit, json-c or libuv in it" \
	in_root 'test ! -e /usr/bin/stackfit && ! dpkg -s libjson-c5 && ! dpkg -s libuv1'
cp "$deb" "$root/root/"
cp -r "$src/examples" "$root/root/examples"

run 0 "apt-get install ./$(basename "$deb")" \
	in_root "apt-get update -qq && apt-get install -y -qq ./root/$(basename "$deb")"
run 0 "  it pulled libjson-c5, libuv1 and libsodium23" \
	in_root 'dpkg -s libjson-c5 libuv1 libsodium23'
run 0 "  stackfit is on PATH: /usr/bin/stackfit" in_root 'command -v stackfit'
out_has '^/usr/bin/stackfit$'
run 1 "  stackfit audit examples: exit 1 on the findings" \
	in_root 'cd /root && stackfit audit --no-progress examples'
out_has 'JS101 \[warning\]'
out_has 'PY201 \[warning\]'
out_has '^Stack fit'
run 0 "  /usr/share/stackfit/rules/JS101.md" in_root 'test -s /usr/share/stackfit/rules/JS101.md'
run 0 "  the manual page" in_root 'test -s /usr/share/man/man1/stackfit.1'
run 0 "apt-get remove stackfit" in_root 'apt-get remove -y -qq stackfit'
run 0 "  gone" in_root 'test ! -e /usr/bin/stackfit'

# npm: installed on this machine from the tarballs into the root (npm's
# work is the same anywhere), run there with Debian's Node.js.
proj=$root/root/project
mkdir -p "$proj/src"
cp -r "$src/examples/node-service/." "$proj/src/"
cat >"$proj/package.json" <<JSON
{ "name": "project", "version": "1.0.0", "private": true,
  "overrides": { "@stackfit/linux-x64-gnu": "file:$plat" } }
JSON
run 0 "npm install --save-dev stackfit (offline, from the tarballs)" \
	sh -c 'cd "$1" && npm install --offline --no-audit --no-fund --loglevel=error --save-dev "$2"' _ "$proj" "$main"
run 1 "  the platform binary alone: stackfit audit, exit 1" \
	in_root 'cd /root/project && node_modules/@stackfit/linux-x64-gnu/bin/stackfit audit --no-progress'
out_has 'JS101 \[warning\]'
run 0 "apt-get install nodejs (Debian's)" \
	in_root 'apt-get install -y -qq --no-install-recommends nodejs >/dev/null 2>&1; node --version'
run 1 "  node_modules/.bin/stackfit audit: exit 1" \
	in_root 'cd /root/project && node_modules/.bin/stackfit audit --no-progress'
out_has 'JS101 \[warning\]'
exit $fail
