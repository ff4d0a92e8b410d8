#!/bin/sh
# Fails when clang-format would change any of our C files (vendored
# grammars/ excepted).
set -eu
cd "$(dirname "$0")/.."
bad=""
for f in $(git ls-files -co --exclude-standard -- '*.c' '*.h' | grep -v '^grammars/'); do
	clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad="$bad $f"
done
if [ -n "$bad" ]; then
	echo "clang-format would change:$bad" >&2
	echo "run: clang-format -i$bad" >&2
	exit 1
fi
echo "clang-format: clean"
