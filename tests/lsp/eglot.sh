#!/bin/sh
# End-to-end with Emacs + eglot: usage eglot.sh path/to/stackfit
set -eu
here=$(cd "$(dirname "$0")" && pwd)
command -v emacs >/dev/null || { echo "eglot.sh: needs emacs-nox and elpa-eglot" >&2; exit 1; }
STACKFIT_BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export STACKFIT_BIN
. "$here/fixtures.sh"
# One project for both files: project.el finds its root through git.
git -C "$E2E_WORK" init -q
HOME="$E2E_WORK/home" timeout 90 emacs --batch -Q -l "$here/eglot.el" </dev/null
