#!/bin/sh
# The VS Code extension in code-server, driven through Chromium: installs
# code-server (code-server/install.sh) and playwright-core (package-lock.json)
# when missing, packs the extension (editors/vscode/build.sh), then run.js.
# stackfit comes from the npm tarballs in BUILD_DIR/npm-dist (the fixture
# packages_npm makes), installed into the test's workspace; STACKFIT is the
# binary the stackfit.path part of the test runs.
# Usage: run.sh STACKFIT SOURCE_DIR BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
stackfit=$1
src=$2
build=$3
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
	echo "run.sh: skipped: code-server 4.100 and @vscode/vsce need Node.js 20 (this is $(node --version 2>/dev/null || echo none))"
	exit 77
fi
[ -x /usr/bin/chromium ] || { echo "run.sh: needs Debian's chromium (scripts/deps.sh test)"; exit 1; }
"$here/code-server/install.sh"
(
	cd "$here"
	stamp=node_modules/.stackfit-lock
	exec 9>.install.lock
	flock 9
	if ! { [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; }; then
		npm ci --no-audit --no-fund --loglevel=error >&2
		cp package-lock.json "$stamp"
	fi
)
vsix=$("$src/editors/vscode/build.sh" "$build/stackfit.vsix")
exec node "$here/run.js" "$stackfit" "$vsix" "$build/npm-dist"
