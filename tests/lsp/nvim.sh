#!/bin/sh
# End-to-end with Neovim 0.7: usage nvim.sh path/to/stackfit
set -eu
here=$(cd "$(dirname "$0")" && pwd)
command -v nvim >/dev/null || { echo "nvim.sh: needs Neovim (apt-get install neovim)" >&2; exit 1; }
STACKFIT_BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export STACKFIT_BIN
. "$here/fixtures.sh"
# Neovim writes logs and state under XDG dirs: keep them in the workspace.
export XDG_CACHE_HOME="$E2E_WORK/home/cache" XDG_DATA_HOME="$E2E_WORK/home/data" \
	XDG_STATE_HOME="$E2E_WORK/home/state" XDG_CONFIG_HOME="$E2E_WORK/home/config"
timeout 60 nvim --headless --clean -c "luafile $here/nvim.lua" </dev/null
