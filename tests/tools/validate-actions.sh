#!/bin/sh
# Validates GitHub Actions workflow and action files with GitHub's parser.
# Installs it from package-lock.json first.
# Usage: tests/tools/validate-actions.sh workflow:FILE action:FILE ...
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/../../scripts/npm-ci.sh" "$here"
# Absolute paths: node runs from this folder to find its packages.
args=""
for a in "$@"; do
	f=${a#*:}
	case $f in /*) ;; *) f=$(pwd)/$f ;; esac
	args="$args ${a%%:*}:$f"
done
cd "$here"
# shellcheck disable=SC2086
exec node --import ./json-import.mjs ./validate-actions.mjs $args
