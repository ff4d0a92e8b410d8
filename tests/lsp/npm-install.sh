#!/bin/sh
# Installs the scripted client's npm packages (package-lock.json, exactly)
# into tests/lsp/node_modules when they are missing or the lock changed.
set -eu
cd "$(dirname "$0")"
stamp=node_modules/.stackfit-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
	exit 0
fi
command -v npm >/dev/null || { echo "npm-install.sh: needs npm" >&2; exit 1; }
# A lock file for a concurrent ctest run (-j) installing at the same time.
exec 9>.npm-install.lock
flock 9
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
	exit 0
fi
npm ci --no-audit --no-fund --loglevel=error >&2
cp package-lock.json "$stamp"
