#!/bin/sh
# stackfit.el (editors/emacs) in Emacs 28, batch mode: with lsp-mode beside
# another server, and with eglot. Usage: run.sh lsp-mode|eglot path/to/stackfit
set -eu
here=$(cd "$(dirname "$0")" && pwd)
command -v emacs >/dev/null || { echo "run.sh: needs emacs-nox, elpa-eglot, elpa-lsp-mode" >&2; exit 1; }
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR
work=$(mktemp -d "${TMPDIR:-/tmp}/stackfit-emacs.XXXXXX")
trap 'rm -rf "$work"' EXIT
work=$(cd "$work" && pwd -P)
repo=$work/repo
mkdir -p "$repo/src" "$repo/svc" "$work/bin" "$work/home"
git init -q "$repo"
printf "const fs = require('fs');\napp.get('/', (req, res) => {\n  res.send(fs.readFileSync('a'));\n});\n" >"$repo/src/app.js"
printf "import time\n\nasync def handler():\n    time.sleep(1)\n" >"$repo/svc/main.py"
# stackfit on PATH, as a user installs it.
ln -s "$bin" "$work/bin/stackfit"
export STACKFIT_WORK="$work" STACKFIT_EL="$here/../../../editors/emacs" STACKFIT_TESTS="$here"
export PATH="$work/bin:$PATH" HOME="$work/home" STACKFIT_CACHE_DIR="$work/home/stackfit-cache"
timeout 120 emacs --batch -Q -l "$here/$1.el" </dev/null
