#!/usr/bin/env bash
# Fetches the three benchmark corpora into bench/corpora/ (git-ignored):
#   python-stdlib/  usr/lib/python3.11 of Debian's libpython3.11-minimal,
#                   libpython3.11-stdlib and libpython3.11-testsuite packages
#                   (together, CPython's Lib/ with its tests)
#   npm/NAME@VER/   the published sources of a pinned list of npm packages
#   npm-ts/NAME@VER/ the same for npm packages that publish their TypeScript
#                   sources (.ts and .tsx; their compiled dist/ is pruned)
# Idempotent: a corpus already in place (its .stamp matches) is not fetched again.
# To refetch, delete its folder. CORPORA_DIR overrides the destination.
#
# Both tools of a benchmark must visit the same files, so after extraction each
# corpus is pruned of what stackfit would skip anyway or could treat
# differently: symbolic links, and the folders stackfit's workspace skips by
# default (node_modules, dist, build, virtualenvs, plus .git).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CORPORA_DIR=${CORPORA_DIR:-$BENCH_DIR/corpora}

# One Debian source package's binaries; all must have the same version.
PY_PACKAGES=(libpython3.11-minimal libpython3.11-stdlib libpython3.11-testsuite)
PY_SUBDIR=usr/lib/python3.11

# name@version  sha256 of the tarball `npm pack` writes
NPM_PACKAGES=(
	"express@5.3.0      62450d99e36dc393295f1ddd93cb9291e658c169f3b700b0110c1ae8fa799930"
	"koa@3.3.0          2b1cae002c5c8a066b9c77ac9bf197e2369ba8501fb76b75c9f21d474ef02cf4"
	"fastify@5.12.8     459048aabd9311309f4f95b36e8ca065e3a4613ded292bcf50442926931e4748"
	"ws@8.23.0          b8bd105a274ae9ca114f8c6ce4d9dbb0c764fe5118ba633c557e1703e297c587"
	"undici@8.13.1      33cceb321835a0754c60a9ac681df71dddc2ee8aafd890f763414b51574182b5"
	"nodemailer@10.6.1  7b1a6615b333c7f09c5a3e9147085f6c762eb2ace4abde0341a9e0dd4bf02af8"
	"mongoose@9.12.1    de332a61c69faea1f9775291a984a9391a985e0b452d51c55b6458796de7d04b"
	"async@3.2.6        6bb45cfba08cd2eea39eb3ce6eaa94113070fe137ec0bd4a9f122be9a0250e6f"
	"webpack@5.112.2    fb618a5eba0f16fa43ed720cc4634df4e88c65d594c0e0ad2c5c0c9be4057dfe"
	"eslint@10.15.0     8cb5e45fb5b1174e4216d546b69d37c0ac5cb5d9ba8342946a04af1f59605edb"
	"lodash@4.18.1      696942c2a488c9d7428e9ca5f12ccf03b52de01dcdbfe4d4751d392f0491ae16"
	"core-js@3.51.0     2a7abc3121a44b75acdf02b9bdd7408e22633f70f422fc0bd5b9e00abb17bb31"
)

# Packages that ship their TypeScript sources (src/*.ts, some .tsx).
NPM_TS_PACKAGES=(
	"rxjs@7.8.2                    2312f8ffd9726ffd7bd53ea12c5f13663d09a3dc3326f448c70b88f5ef6fac82"
	"effect@3.10.0                 624f9620d493535bdaff102720f4425be541f94f90be0e356e93af85bdb68799"
	"@trpc/server@11.0.0           3824b524520230703802d7bcaa5ac4e8c9746a06949b326fe298f33bf7172ba2"
	"@tanstack/query-core@5.59.0   2586579316ffc0957be3c4c33e2f9dfa7732b55c15013b7139244d2ab60d27fc"
	"@tanstack/react-query@5.59.0  9e3b1eb9ff4ca0daba9f269d2e3e2dd7f96d505d39de14342797fe8b18012729"
	"@reduxjs/toolkit@2.2.7        f2517c466b50424b661a27e48039f15db7783e5822f46b5c7d39f20104ac67a9"
	"mobx@6.13.5                   b85a7f765065c081724a7c49e91f59950151607b2f1c5a77c8ec4231f7129a1b"
)

# Keep in step with tsparse.c's skipped_dirs and stackfit's defaults.
SKIPPED_DIRS=(.git node_modules dist build .venv venv)

die() { echo "corpora.sh: $*" >&2; exit 1; }

need() {
	command -v "$1" >/dev/null 2>&1 || die "needs $1 ($2)"
}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Removes symlinks and default-skipped folders below $1.
prune() {
	local args=() d
	for d in "${SKIPPED_DIRS[@]}"; do
		args+=(-name "$d" -o)
	done
	unset 'args[${#args[@]}-1]'
	find "$1" -mindepth 1 -type d \( "${args[@]}" \) -prune -exec rm -rf {} +
	find "$1" -type l -delete
	find "$1" -type d -empty -delete
}

fetch_python() {
	local dest=$CORPORA_DIR/python-stdlib
	if [[ -f $dest/.stamp ]]; then
		echo "python-stdlib: present ($(head -n 1 "$dest/.stamp"))"
		return
	fi
	need apt-get "Debian's apt"
	need dpkg-deb "Debian's dpkg"
	echo "python-stdlib: fetching ${PY_PACKAGES[*]}"
	local work=$TMP/py
	mkdir -p "$work"
	# apt fetches as _apt when it can write there; else it warns.
	if [[ $(id -u) -eq 0 ]] && id _apt >/dev/null 2>&1; then
		chmod a+x "$TMP"
		chown _apt "$work"
	fi
	if ! (cd "$work" && apt-get download "${PY_PACKAGES[@]}"); then
		if [[ $(id -u) -eq 0 ]]; then
			echo "python-stdlib: apt-get download failed; running apt-get update and retrying"
			apt-get update -qq
			(cd "$work" && apt-get download "${PY_PACKAGES[@]}")
		else
			die "apt-get download ${PY_PACKAGES[*]} failed (try: sudo apt-get update)"
		fi
	fi
	local pkg deb version first_version="" stamp=""
	for pkg in "${PY_PACKAGES[@]}"; do
		deb=$(find "$work" -maxdepth 1 -name "${pkg}_*.deb" | head -n 1)
		[[ -n $deb ]] || die "no $pkg .deb was downloaded"
		version=$(dpkg-deb -f "$deb" Version)
		first_version=${first_version:-$version}
		[[ $version == "$first_version" ]] ||
			die "$pkg is $version but ${PY_PACKAGES[0]} is $first_version"
		dpkg-deb -x "$deb" "$work/root"
		stamp+="$pkg $version sha256:$(sha256sum "$deb" | cut -d' ' -f1)"$'\n'
	done
	[[ -d $work/root/$PY_SUBDIR ]] || die "the packages have no $PY_SUBDIR"
	prune "$work/root/$PY_SUBDIR"
	printf '%s' "$stamp" >"$work/root/$PY_SUBDIR/.stamp"
	rm -rf "$dest"
	mkdir -p "$CORPORA_DIR"
	mv "$work/root/$PY_SUBDIR" "$dest"
	echo "python-stdlib: python3.11 $first_version"
}

fetch_npm_package() {
	local corpus=$1 spec=$2 sha=$3
	local dest=$CORPORA_DIR/$corpus/${spec//\//+}
	if [[ -f $dest/.stamp && $(cat "$dest/.stamp") == "$spec $sha" ]]; then
		return
	fi
	echo "$corpus: fetching $spec"
	local work=$TMP/$corpus-${spec//\//+}
	rm -rf "$work"
	mkdir -p "$work"
	(cd "$work" && npm pack --ignore-scripts --silent "$spec" >/dev/null)
	local tgz
	tgz=$(find "$work" -maxdepth 1 -name '*.tgz' | head -n 1)
	[[ -n $tgz ]] || die "npm pack $spec wrote no tarball"
	local got
	got=$(sha256sum "$tgz" | cut -d' ' -f1)
	[[ $got == "$sha" ]] || die "$spec: tarball sha256 is $got, pinned $sha"
	mkdir -p "$work/x"
	tar -xzf "$tgz" -C "$work/x" --no-same-owner --no-same-permissions
	# npm tarballs hold one top folder, nearly always package/.
	local top
	top=$(find "$work/x" -mindepth 1 -maxdepth 1 -type d | head -n 1)
	[[ -n $top ]] || die "$spec: empty tarball"
	chmod -R u+rwX,go+rX "$top"
	prune "$top"
	echo "$spec $sha" >"$top/.stamp"
	rm -rf "$dest"
	mkdir -p "$CORPORA_DIR/$corpus"
	mv "$top" "$dest"
}

# fetch_npm CORPUS PACKAGE...: each "name@version sha256" into CORPUS/.
fetch_npm() {
	need npm "Node.js' npm"
	need sha256sum "coreutils"
	local corpus=$1
	shift
	local entry spec sha keep=()
	for entry in "$@"; do
		read -r spec sha <<<"$entry"
		fetch_npm_package "$corpus" "$spec" "$sha"
		keep+=("${spec//\//+}")
	done
	# Drop packages no longer in the list, so the corpus is exactly the list.
	local d name k found
	for d in "$CORPORA_DIR"/"$corpus"/*/; do
		[[ -d $d ]] || continue
		name=$(basename "$d")
		found=0
		for k in "${keep[@]}"; do
			[[ $k == "$name" ]] && found=1
		done
		if [[ $found -eq 0 ]]; then
			echo "$corpus: removing $name (not in the list)"
			rm -rf "$d"
		fi
	done
	echo "$corpus: $# packages present"
}

# Prints "FILES files, BYTES bytes (BIG over 5 MiB)" for the sources below $1.
summarise() {
	find "$1" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' \
		-o -name '*.jsx' -o -name '*.ts' -o -name '*.tsx' -o -name '*.mts' \
		-o -name '*.cts' -o -name '*.py' \) ! -name '*.d.ts' ! -name '*.d.mts' \
		! -name '*.d.cts' -printf '%s\n' |
		awk '{ n++; b += $1; if ($1 > 5242880) big++ }
		     END { printf "%d files, %d bytes (%.1f MiB), %d over 5 MiB\n",
		           n, b, b / 1048576, big }'
}

mkdir -p "$CORPORA_DIR"
fetch_python
fetch_npm npm "${NPM_PACKAGES[@]}"
fetch_npm npm-ts "${NPM_TS_PACKAGES[@]}"

echo
echo "corpora in $CORPORA_DIR:"
for c in python-stdlib npm npm-ts; do
	printf '  %-14s %s\n' "$c" "$(summarise "$CORPORA_DIR/$c")"
done
