#!/bin/sh
# Installs the scripted client's npm packages (package-lock.json, exactly)
# into tests/lsp/node_modules when they are missing or the lock changed.
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../../scripts/npm-ci.sh" "$here"
