#!/usr/bin/env bash
# Re-vendor the tree-sitter core and grammars from their official npm packages.
#
#   grammars/update.sh tree-sitter@0.25.1 tree-sitter-javascript@0.25.0 \
#       tree-sitter-python@0.25.0 tree-sitter-typescript@0.23.2
#
# Each argument is an npm package spec. Only the C sources and the licence are
# kept; VERSIONS records what was vendored with the sha256 of each tarball.
# A package holds one grammar (src/parser.c) or several, one per folder
# (tree-sitter-typescript: typescript/src and tsx/src, which include the
# scanner in common/); each is kept in the same place. A grammar whose ABI
# version the core cannot load is refused and nothing is changed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || { echo "usage: $0 PACKAGE@VERSION..." >&2; exit 2; }
command -v npm >/dev/null || { echo "update.sh: npm is required" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -A dir_of sha_of ver_of
core=""
for spec in "$@"; do
	name=${spec%@*}
	version=${spec##*@}
	[ "$name" != "$spec" ] || { echo "update.sh: '$spec' has no @VERSION" >&2; exit 2; }
	tgz=$(cd "$work" && npm pack --silent "$spec" | tail -n 1)
	mkdir -p "$work/$name"
	tar -xzf "$work/$tgz" -C "$work/$name"
	dir_of[$name]="$work/$name/package"
	sha_of[$name]=$(sha256sum "$work/$tgz" | cut -d' ' -f1)
	ver_of[$name]=$version
	[ "$name" = tree-sitter ] && core=$name
done

# The ABI range the core can load: from the new core if one is given, else
# from the core already vendored.
core_api="$here/tree-sitter/lib/include/tree_sitter/api.h"
if [ -n "$core" ]; then
	core_api="${dir_of[$core]}/vendor/tree-sitter/lib/include/tree_sitter/api.h"
fi
max_abi=$(sed -n 's/^#define TREE_SITTER_LANGUAGE_VERSION \([0-9]*\)/\1/p' "$core_api")
min_abi=$(sed -n 's/^#define TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION \([0-9]*\)/\1/p' "$core_api")
[ -n "$max_abi" ] && [ -n "$min_abi" ] || { echo "update.sh: cannot read the core's ABI range" >&2; exit 1; }

# The grammars of a package: "src" when it has one, else each "<folder>/src".
grammar_srcs() {
	if [ -f "$1/src/parser.c" ]; then
		echo src
		return
	fi
	local p
	for p in "$1"/*/src/parser.c; do
		if [ -f "$p" ]; then
			p=${p#"$1"/}
			echo "${p%/parser.c}"
		fi
	done
}

for name in "${!dir_of[@]}"; do
	[ "$name" = tree-sitter ] && continue
	srcs=$(grammar_srcs "${dir_of[$name]}")
	[ -n "$srcs" ] || { echo "update.sh: $name@${ver_of[$name]} has no src/parser.c; refused" >&2; exit 1; }
	for s in $srcs; do
		abi=$(sed -n 's/^#define LANGUAGE_VERSION \([0-9]*\)/\1/p' "${dir_of[$name]}/$s/parser.c")
		if [ -z "$abi" ] || [ "$abi" -lt "$min_abi" ] || [ "$abi" -gt "$max_abi" ]; then
			echo "update.sh: $name@${ver_of[$name]} ($s) has ABI ${abi:-?}; the core loads $min_abi..$max_abi; refused" >&2
			exit 1
		fi
	done
done

for name in "${!dir_of[@]}"; do
	src=${dir_of[$name]}
	dst="$here/$name"
	rm -rf "$dst"
	mkdir -p "$dst"
	if [ "$name" = tree-sitter ]; then
		mkdir -p "$dst/lib"
		cp -r "$src/vendor/tree-sitter/lib/include" "$src/vendor/tree-sitter/lib/src" "$dst/lib/"
		rm -rf "$dst/lib/src/wasm"
		cp "$src/LICENSE" "$dst/LICENSE"
	else
		for s in $(grammar_srcs "$src"); do
			mkdir -p "$dst/$s"
			cp "$src/$s/parser.c" "$dst/$s/"
			[ -f "$src/$s/scanner.c" ] && cp "$src/$s/scanner.c" "$dst/$s/"
			cp -r "$src/$s/tree_sitter" "$dst/$s/"
		done
		# Scanners shared by the package's grammars (#include "../../common/…").
		if [ -d "$src/common" ]; then
			mkdir -p "$dst/common"
			cp "$src"/common/*.h "$dst/common/"
		fi
		cp "$src/LICENSE" "$dst/LICENSE"
	fi
done

# Rewrite VERSIONS: keep the lines of packages not updated now.
versions="$here/VERSIONS"
tmp="$work/VERSIONS"
echo "# package	version	sha256 of the npm tarball" >"$tmp"
if [ -f "$versions" ]; then
	grep -v '^#' "$versions" | while IFS=$'\t' read -r n v s; do
		[ -n "${dir_of[$n]:-}" ] || printf '%s\t%s\t%s\n' "$n" "$v" "$s"
	done >>"$tmp"
fi
for name in "${!dir_of[@]}"; do
	printf '%s\t%s\t%s\n' "$name" "${ver_of[$name]}" "${sha_of[$name]}" >>"$tmp"
done
{ head -n 1 "$tmp"; tail -n +2 "$tmp" | sort; } >"$versions"
echo "vendored:"; tail -n +2 "$versions"
