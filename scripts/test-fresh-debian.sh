#!/bin/sh
# Checks the README's quick start on a fresh Debian 12: debootstraps a
# minimal bookworm into a folder, clones this repository into it, and runs
# ./build.sh and ./build.sh check there as root. Needs root, debootstrap and
# the Debian mirror; takes a few minutes. Not part of CI (CI is itself the
# fresh machine); run it by hand after changing build.sh or scripts/deps.sh.
#
#   scripts/test-fresh-debian.sh [DIR]      (default /tmp/stackfit-fresh)
#
# The Debian root is made by scripts/debian-root.sh (from this machine's
# own mirror, or $MIRROR).
set -eu
root=${1:-/tmp/stackfit-fresh}
repo=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root" >&2; exit 2; }

[ -x "$root/bin/sh" ] || "$(dirname "$0")/debian-root.sh" "$root"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
trap 'umount "$root/dev" "$root/proc" 2>/dev/null || true' EXIT
rm -rf "$root/root/stackfit"
git clone -q "$repo" "$root/root/stackfit"
# A machine that reaches the registries through a TLS-inspecting proxy
# trusts its CA through NODE_EXTRA_CA_CERTS: the chroot needs it too.
extra=""
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
	cp "$NODE_EXTRA_CA_CERTS" "$root/root/extra-ca.crt"
	extra="NODE_EXTRA_CA_CERTS=/root/extra-ca.crt"
fi
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root $extra \
	chroot "$root" sh -c 'cd /root/stackfit && ./build.sh && ./build.sh check'
