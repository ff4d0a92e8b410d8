#!/bin/sh
# Packages the extension as a .vsix with @vscode/vsce, from package-lock.json
# exactly (npm ci when node_modules is missing or the lock changed).
#
#   editors/vscode/build.sh [OUT.vsix]      (default editors/vscode/stackfit.vsix)
#
# Install it with `code --install-extension stackfit.vsix` (or, in VS Code,
# Extensions: Install from VSIX...). Needs Node.js 20 or later and npm.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/stackfit.vsix}
case "$out" in /*) ;; *) out=$(pwd)/$out ;; esac
cd "$here"
command -v npm >/dev/null || { echo "$0: needs npm" >&2; exit 2; }
stamp=node_modules/.stackfit-lock
exec 9>.build.lock
flock 9
if ! { [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; }; then
	npm ci --no-audit --no-fund --loglevel=error >&2
	cp package-lock.json "$stamp"
fi
npx --no-install vsce package --skip-license --allow-missing-repository --out "$out" >&2
echo "$out"
