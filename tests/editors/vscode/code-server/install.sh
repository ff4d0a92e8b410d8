#!/bin/sh
# Installs code-server 4.100.3 (VS Code 1.100.3; the newest for Node.js 20)
# from npm into tests/editors/vscode/code-server/node_modules, when missing
# or when package-lock.json changed. Its npm install scripts download
# ripgrep from GitHub, which fails offline, so they are skipped and redone
# here: argon2 and VS Code's native modules are rebuilt against Debian's
# Node.js headers, and Debian's rg stands in for the download. Needs
# libkrb5-dev, ripgrep and a C++ compiler (scripts/deps.sh test), about 300 MB
# and a minute or two.
set -eu
cd "$(dirname "$0")"
here=$(pwd)
stamp=node_modules/.stackfit-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
	exit 0
fi
command -v npm >/dev/null || { echo "install.sh: needs npm" >&2; exit 1; }
command -v rg >/dev/null || { echo "install.sh: needs rg (apt-get install ripgrep)" >&2; exit 1; }
exec 9>.install.lock
flock 9
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
	exit 0
fi
# Debian's Node.js headers, so node-gyp downloads none; node-pty's install
# runs `npx node-gyp` and must not ask.
export npm_config_nodedir=/usr npm_config_yes=true npm_config_unsafe_perm=true
q="--no-audit --no-fund --loglevel=error"
npm ci --ignore-scripts $q >&2
npm rebuild argon2 $q >&2
vs=node_modules/code-server/lib/vscode
(cd "$vs" && npm install --omit=dev --ignore-scripts $q >&2)
mkdir -p "$vs/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$vs/node_modules/@vscode/ripgrep/bin/rg"
(cd "$vs" && npm rebuild $q >&2)
# What code-server's own postinstall does besides.
(cd "$vs" && rm -rf node_modules.asar && ln -s node_modules node_modules.asar)
(cd "$vs/bin/remote-cli" && ln -sf code-linux.sh code-server)
(cd "$vs/bin/helpers" && ln -sf browser-linux.sh browser.sh)
(cd "$vs/extensions" && npm install --omit=dev $q >&2)
XDG_CONFIG_HOME=$here/node_modules/.xdg XDG_DATA_HOME=$here/node_modules/.xdg \
	node_modules/.bin/code-server --version >&2
cp package-lock.json "$stamp"
