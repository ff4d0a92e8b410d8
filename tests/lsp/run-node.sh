#!/bin/sh
# Runs one scripted-client test: installs the npm packages when needed,
# then `node TEST.js STACKFIT`. Usage: run-node.sh TEST.js path/to/stackfit
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/npm-install.sh"
exec node "$here/$1" "$2"
