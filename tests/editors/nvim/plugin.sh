#!/bin/sh
# The Neovim plugin (editors/nvim) on Debian's Neovim 0.7, headless, started
# in a subfolder of a repository: usage plugin.sh path/to/stackfit
set -eu
here=$(cd "$(dirname "$0")" && pwd)
command -v nvim >/dev/null || { echo "plugin.sh: needs Neovim (apt-get install neovim)" >&2; exit 1; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR
work=$(mktemp -d "${TMPDIR:-/tmp}/stackfit-nvim.XXXXXX")
trap 'rm -rf "$work"' EXIT
work=$(cd "$work" && pwd -P)

# A repository: a handler in src/ calls a helper in lib/ that blocks (a
# cross-file finding: only a server rooted at the repository sees it), and
# a Python service in svc/, a folder with its own pyproject.toml.
repo=$work/repo
mkdir -p "$repo/src" "$repo/lib" "$repo/svc"
git init -q "$repo"
cat >"$repo/lib/helper.js" <<'JS'
const fs = require('fs');
function load() { return fs.readFileSync('x'); }
module.exports = { load };
JS
cat >"$repo/src/app.js" <<'JS'
const { load } = require('../lib/helper');
app.get('/', (req, res) => {
  res.send(load());
});
JS
echo '[project]' >"$repo/svc/pyproject.toml"
cat >"$repo/svc/main.py" <<'PY'
import time

async def handler():
    time.sleep(1)
PY
# A project without git whose stackfit is its npm package.
proj=$work/proj
mkdir -p "$proj/src" "$proj/node_modules/@stackfit/linux-x64-gnu/bin"
echo '{"name": "proj"}' >"$proj/package.json"
ln -s "$bin" "$proj/node_modules/@stackfit/linux-x64-gnu/bin/stackfit"
printf "const fs = require('fs');\nexports.h = async () => fs.readFileSync('x');\n" >"$proj/src/a.js"
# stackfit on PATH, as a user installs it.
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/stackfit"

export STACKFIT_WORK="$work" STACKFIT_PLUGIN="$here/../../../editors/nvim"
export PATH="$work/bin:$PATH" HOME="$work/home"
export XDG_CACHE_HOME="$work/home/cache" XDG_DATA_HOME="$work/home/data" \
	XDG_STATE_HOME="$work/home/state" XDG_CONFIG_HOME="$work/home/config" \
	STACKFIT_CACHE_DIR="$work/home/stackfit-cache"
# Started in a subfolder: the root must come from the file, not from here.
cd "$repo/svc"
timeout 60 nvim --headless --clean -c "luafile $here/plugin.lua" </dev/null
