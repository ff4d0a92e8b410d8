#!/bin/sh
# Installs the Debian packages stackfit needs to build and test, when they
# are missing (make is for the CMake generator). As root it installs them;
# otherwise it prints the one
# apt-get line to run and fails. Usage: scripts/deps.sh [build|test]
set -eu

build="gcc libc6-dev make cmake pkg-config libjson-c-dev libcmocka-dev libuv1-dev libsodium-dev"
# The tests also run git (workspace discovery), python3 (JSON checks in the
# end-to-end tests; python3-jsonschema validates SARIF, python3-yaml reads the
# Kubernetes recipes of docs/sharding.md) and clang-format
# (the formatting check), valgrind (helgrind watches the threaded index
# solve for data races); the language server is tested in real editors:
# Neovim and Emacs with eglot, and through a scripted client on Node.js;
# chromium renders the HTML report; pre-commit runs the repository's
# .pre-commit-hooks.yaml; GNU time runs bench/rounds.sh in its test.
test="$build git python3 python3-jsonschema python3-yaml clang-format valgrind neovim emacs-nox elpa-eglot chromium pre-commit time"
# The packages and editor packages: dpkg-dev (dpkg-shlibdeps declares the
# .deb's dependencies), debootstrap (a fresh Debian 12 root to install them
# in), Emacs' lsp-mode and Vim's ALE (the editor tests), and what
# code-server, the VS Code the extension is tested in, needs to install
# from npm (g++ for its native modules, libkrb5-dev for its kerberos
# module, ripgrep for its search).
test="$test dpkg-dev debootstrap elpa-lsp-mode vim-ale g++ libkrb5-dev ripgrep"

case "${1:-build}" in
build) want=$build ;;
test) want=$test ;;
*) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac

missing=""
for pkg in $want; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $pkg" ;;
	esac
done
# The scripted LSP client runs on Node.js with packages from npm, and so do
# the validators of tests/tools (Microsoft's SARIF multitool, GitHub's
# workflow parser): any Node.js 20 or later will do (the machine's own, or
# Debian's). scripts/npm-ci.sh installs each folder's package-lock.json on
# the first test run that needs it.
if [ "${1:-build}" = test ] && ! command -v node >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "stackfit: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
	echo "stackfit: missing Debian packages; run:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
