#!/bin/sh
# The README's two commands, on a fresh Debian 12 machine:
#
#   ./build.sh          install what is missing (as root; otherwise print the
#                       apt-get line), build the release binary, and audit the
#                       bundled examples/
#   ./build.sh check    the same set-up, then every test: the release build,
#                       the debug build with ctest, the ASan+UBSan build with
#                       ctest (warnings are errors in all three), the
#                       formatting check, and the slow tests (the packages,
#                       VS Code) on the release build, unless
#                       STACKFIT_SLOW_TESTS=0
#
# Only sh is assumed: everything else comes from scripts/deps.sh.
set -eu
cd "$(dirname "$0")"
jobs=$(nproc 2>/dev/null || echo 2)

preset() { # NAME: configure and build one CMake preset
	cmake --preset "$1" >/dev/null
	cmake --build --preset "$1" -j "$jobs"
}

case "${1:-audit}" in
audit)
	scripts/deps.sh build
	preset release
	echo
	echo '$ build/release/stackfit audit examples'
	# Exit status 1 means findings: that is the point of the examples.
	build/release/stackfit audit examples || [ $? -eq 1 ]
	;;
check)
	scripts/deps.sh test
	# Optimised builds warn about things debug builds cannot see.
	preset release
	preset debug
	ctest --preset debug -j "$jobs"
	preset asan
	ctest --preset asan -j "$jobs"
	scripts/check-format.sh
	# The slow tests, once, on the release build: the npm and Debian
	# packages (a fresh Debian 12 root when run as root) and VS Code
	# (10 to 15 minutes on a fresh machine; STACKFIT_SLOW_TESTS=0 skips them).
	if [ "${STACKFIT_SLOW_TESTS:-1}" != 0 ]; then
		ctest --preset slow
	fi
	;;
*)
	echo "usage: $0 [check]" >&2
	exit 2
	;;
esac
