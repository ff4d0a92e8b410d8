#!/bin/sh
# Installs the npm packages of a test folder (its package-lock.json,
# exactly) into DIR/node_modules when they are missing or the lock changed.
# Tests call it before they use them, so a fresh machine gets them on the
# first run. Usage: scripts/npm-ci.sh DIR
set -eu
cd "$1"
stamp=node_modules/.stackfit-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
	exit 0
fi
command -v npm >/dev/null || { echo "npm-ci.sh: needs npm (scripts/deps.sh test)" >&2; exit 1; }
# A lock file for a concurrent ctest run (-j) installing at the same time.
exec 9>.npm-install.lock
flock 9
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
	exit 0
fi
npm ci --no-audit --no-fund --loglevel=error >&2
cp package-lock.json "$stamp"
