#!/bin/sh
# `cmake --install` into a prefix: the binary, each rule's documentation as
# PREFIX/share/stackfit/rules/ID.md (the text `stackfit explain ID` prints),
# the manual page; then the installed binary audits the examples.
# Usage: install.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
. "$src/tests/e2e/lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/stackfit-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
out=$work/out
err=$work/err

run 0 "cmake --install --prefix" cmake --install "$build" --prefix "$prefix"
bin=$prefix/bin/stackfit
check "PREFIX/bin/stackfit runs" "$bin" --version

# Every rule `stackfit rules` lists, unused-ignore and syntax-error have
# their document, and nothing else is there.
docs=$prefix/share/stackfit/rules
ids="$("$bin" rules | awk '{ print $1 }') unused-ignore syntax-error"
for id in $ids; do
	"$bin" explain "$id" >"$work/explain" 2>&1
	check "share/stackfit/rules/$id.md is \`stackfit explain $id\`" \
		cmp -s "$docs/$id.md" "$work/explain"
done
check "no other files in share/stackfit/rules" \
	[ "$(ls "$docs" | wc -l)" -eq "$(echo $ids | wc -w)" ]

man=$prefix/share/man/man1/stackfit.1
check "share/man/man1/stackfit.1" grep -q '^\.TH STACKFIT 1' "$man"
for cmd in audit check daemon lsp rules explain; do
	check "  the page has \`stackfit $cmd\` and its options" \
		grep -q "^usage: stackfit $cmd" "$man"
done
check "  the page has audit's --report-unused-ignores" \
	grep -q -- '--report-unused-ignores' "$man"
if command -v groff >/dev/null; then
	groff -man -Tutf8 -ww -z "$man" >"$work/groff" 2>&1
	check "  groff renders it without a warning" [ ! -s "$work/groff" ]
fi

# From another folder, as a user would; exit 1: the examples have findings.
cp -r "$src/examples" "$work/examples"
(cd "$work" && STACKFIT_CACHE_DIR=$work/cache "$bin" audit --no-progress \
	--no-daemon examples >"$out" 2>"$err")
rc=$?
check "the installed binary audits examples/: exit 1" [ "$rc" -eq 1 ]
out_has 'JS101 \[warning\]'
out_has 'PY201 \[warning\]'
out_has '^Stack fit'
exit $fail
