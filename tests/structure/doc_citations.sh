#!/bin/sh
# The repository explains itself: no file cites a numbered section of the
# design or style document the project keeps outside it (the word DESIGN or
# STYLE, a space or a line break, the section sign), which a reader cannot
# open. Write what the reader needs instead: the fact itself, or a link to
# docs/architecture.md, the README, DEVELOPERS.md or a rule's documentation.
# The vendored grammars are not ours. Usage: doc_citations.sh SOURCE_DIR
set -eu
src=${1:?usage: doc_citations.sh SOURCE_DIR}
cd "$src"
pattern='(DESIGN|STYLE)[[:space:]]+§'

# The files: git's list in a work tree (tracked, and untracked but not
# ignored), else every file but those of .git, build/ and node_modules/.
# A repository around the test's must not be the one asked.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
	[ "$(git rev-parse --show-toplevel)" = "$(pwd -P)" ]; then
	files() { git ls-files -co --exclude-standard -z; }
else
	files() {
		find . \( -name .git -o -name node_modules -o -path ./build \) -prune \
			-o -type f -print0 | sed -z 's#^\./##'
	}
fi

# grep -z reads a file as one record, so a citation broken over two lines
# is found too.
bad=$(files | grep -zv '^grammars/' | xargs -0 -r grep -IlzE "$pattern" || true)
if [ -n "$bad" ]; then
	echo "citations of a section of a document outside the repository:" >&2
	echo "$bad" | while IFS= read -r f; do
		grep -HnE "$pattern" "$f" >&2 ||
			echo "$f: one broken over two lines" >&2
	done
	echo "write the fact, or link docs/architecture.md, the README or a rule's doc" >&2
	exit 1
fi
echo "no citations of sections outside the repository in $(files | grep -zvc '^grammars/') files"
