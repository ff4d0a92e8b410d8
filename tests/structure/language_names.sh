#!/bin/sh
# A language is one definition (analyzers/language.h): no code outside
# analyzers/language.c and the family folders (analyzers/<family>/, each with
# the family's language.c) names a language or family by its enum value
# (SF_LANG_JAVASCRIPT, SF_FAMILY_PYTHON...; the _COUNT bounds are fine). A
# rule names the families it applies to, in its descriptor's `.families`
# line and nowhere else. The enums themselves are declared in
# analyzers/facts.h. Usage: language_names.sh SOURCE_DIR
set -eu
src=${1:?usage: language_names.sh SOURCE_DIR}
cd "$src"

# The family folders: those that define a family.
families=$(grep -l '^const struct sf_family [a-z_]* = {' analyzers/*/language.c |
	sed 's#/language\.c$##')
[ -n "$families" ] || { echo "no family definition found under analyzers/*/language.c" >&2; exit 1; }

bad=$(find analyzers daemon protocol -name '*.[ch]' | sort | while read -r f; do
	case $f in
	analyzers/language.c | analyzers/facts.h) continue ;;
	esac
	skip=
	for d in $families; do
		case $f in "$d"/*) skip=1 ;; esac
	done
	[ -z "$skip" ] || continue
	rule=0
	case $f in analyzers/rules/*.c) rule=1 ;; esac
	awk -v f="$f" -v rule=$rule '
		rule && /^[ \t]*\.families[ \t]*=/ { next }
		{
			s = $0
			while (match(s, /SF_(LANG|FAMILY)_[A-Z0-9_]+/)) {
				t = substr(s, RSTART, RLENGTH)
				s = substr(s, RSTART + RLENGTH)
				if (t !~ /_COUNT$/)
					print f ":" NR ": " t
			}
		}' "$f"
done)
if [ -n "$bad" ]; then
	echo "language enum values outside analyzers/language.c and the family folders ($(echo $families)):" >&2
	echo "$bad" >&2
	echo "ask the definition (analyzers/language.h) instead" >&2
	exit 1
fi
echo "language names: only in analyzers/language.c, $(echo $families | tr ' ' ','), and rules' .families"
