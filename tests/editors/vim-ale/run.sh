#!/bin/sh
# The ALE snippet of editors/vim-ale.md, verbatim, as ~/.vimrc of Debian's
# Vim with vim-ale, started in a subfolder of a repository: findings in
# the location list, across files too. Usage: run.sh path/to/stackfit
set -eu
here=$(cd "$(dirname "$0")" && pwd)
vim=$(command -v vim.basic || command -v vim || true)
[ -n "$vim" ] || { echo "run.sh: needs vim and vim-ale" >&2; exit 1; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR
work=$(mktemp -d "${TMPDIR:-/tmp}/stackfit-ale.XXXXXX")
trap 'rm -rf "$work"' EXIT
work=$(cd "$work" && pwd -P)
repo=$work/repo
mkdir -p "$repo/src" "$repo/lib" "$repo/svc" "$work/bin" "$work/home"
git init -q "$repo"
printf "const fs = require('fs');\nfunction load() { return fs.readFileSync('x'); }\nmodule.exports = { load };\n" >"$repo/lib/helper.js"
printf "const { load } = require('../lib/helper');\napp.get('/', (req, res) => {\n  res.send(load());\n});\n" >"$repo/src/app.js"
printf "import time\n\nasync def handler():\n    time.sleep(1)\n" >"$repo/svc/main.py"
ln -s "$bin" "$work/bin/stackfit"
# The first ```vim block of the documentation is the vimrc.
awk '/^```vim$/ { on = 1; next } on && /^```$/ { exit } on' \
	"$here/../../../editors/vim-ale.md" >"$work/home/.vimrc"
[ -s "$work/home/.vimrc" ] || { echo "run.sh: no vim block in editors/vim-ale.md"; exit 1; }
export PATH="$work/bin:$PATH" HOME="$work/home" STACKFIT_CACHE_DIR="$work/home/stackfit-cache" \
	STACKFIT_WORK="$work"
cd "$repo/svc"
timeout 60 "$vim" -N -u "$work/home/.vimrc" -i NONE -n -es -S "$here/test.vim" </dev/null || true
cat "$work/result.txt" 2>/dev/null || { echo "FAIL no result from Vim"; exit 1; }
tail -n 1 "$work/result.txt" | grep -q ' 0 failed$'
