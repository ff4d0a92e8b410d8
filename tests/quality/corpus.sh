#!/bin/sh
# Brings the real Python code the quality run reads: the CPython standard
# library and popular packages, as Debian ships them, unpacked (never
# installed, never run) into tests/quality/corpus/ (git-ignored).
# `apt-get download` needs no root; run `apt-get update` first on a fresh
# machine. Usage: tests/quality/corpus.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$here/corpus
packages="libpython3.11-stdlib python3-aiohttp python3-requests
python3-django python3-tornado python3-starlette python3-fastapi
python3-httpx python3-uvicorn python3-urllib3 python3-websockets
python3-anyio python3-h11"
mkdir -p "$out/debs"
cd "$out/debs"
for p in $packages; do
	ls "$p"_*.deb >/dev/null 2>&1 || apt-get download "$p"
done
for deb in *.deb; do
	name=${deb%%_*}
	[ -d "$out/$name" ] && continue
	tmp=$(mktemp -d)
	dpkg-deb -x "$deb" "$tmp"
	mkdir -p "$out/$name"
	# Only the Python sources, with their paths below the site folder.
	(cd "$tmp" && find . -name '*.py' -type f) | while read -r f; do
		rel=$(printf '%s\n' "$f" | sed -E 's#^\./usr/lib/python3(\.[0-9]+)?/(dist-packages/)?##')
		mkdir -p "$out/$name/$(dirname "$rel")"
		cp "$tmp/$f" "$out/$name/$rel"
	done
	rm -rf "$tmp"
	echo "$name: $(find "$out/$name" -name '*.py' | wc -l) files"
done
