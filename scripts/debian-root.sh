#!/bin/sh
# Makes a fresh, minimal Debian 12 (bookworm) root file system in DIR with
# debootstrap (--variant=minbase: apt, dpkg and little else), from the
# host's own Debian mirror (the first its apt sources name) or $MIRROR.
# With CACHE, the pristine root is kept there as a tar file, and later calls
# unpack it instead of running debootstrap again (seconds, not minutes).
# Needs root and debootstrap (scripts/deps.sh packages).
#
#   scripts/debian-root.sh DIR [CACHE]
set -eu
root=$1
cache=${2:-}
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "$0: needs debootstrap" >&2; exit 2; }

# The first mirror of the host's apt sources, deb822 or one-line style.
host_mirror() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && awk '$1 == "URIs:" { print $2; exit }' "$f"
	done | head -n 1
	[ -f /etc/apt/sources.list ] &&
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }' \
			/etc/apt/sources.list
}

mkdir -p "$root"
if [ -n "$cache" ] && [ -s "$cache" ]; then
	tar -C "$root" -xf "$cache"
else
	mirror=${MIRROR:-$(host_mirror | head -n 1)}
	[ -n "$mirror" ] || { echo "$0: no apt mirror found; set MIRROR" >&2; exit 2; }
	debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 || {
		tail -n 20 "$root.debootstrap.log" >&2
		exit 1
	}
	rm -f "$root.debootstrap.log"
	if [ -n "$cache" ]; then
		tar -C "$root" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
	fi
fi
# Name resolution for apt inside the root.
cp /etc/resolv.conf "$root/etc/resolv.conf"
