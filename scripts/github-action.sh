#!/bin/sh
# The work of the composite GitHub Action (action.yml at the repository
# root): builds stackfit from the action's own checkout, audits the
# workspace to SARIF, and says where the SARIF is and how the audit ended
# in $GITHUB_OUTPUT. It never fails the step itself: action.yml uploads the
# SARIF first, then fails the job by the exit status.
#
# Environment: GITHUB_ACTION_PATH (this repository), GITHUB_WORKSPACE,
# RUNNER_TEMP, GITHUB_OUTPUT as GitHub sets them; STACKFIT_PATH,
# STACKFIT_FAIL_ON, STACKFIT_SARIF, STACKFIT_ANNOTATIONS (the action's
# inputs); STACKFIT_HOMEPAGE (the action repository's address, for the
# SARIF); STACKFIT_BIN, a stackfit already built (tests use it).
set -eu
src=${GITHUB_ACTION_PATH:?}
bin=${STACKFIT_BIN:-}
if [ -z "$bin" ]; then
	build=${RUNNER_TEMP:?}/stackfit-build
	cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release \
		-DSTACKFIT_TESTS=OFF -DSTACKFIT_BENCH=OFF \
		"-DSTACKFIT_HOMEPAGE=${STACKFIT_HOMEPAGE:-}" >/dev/null
	cmake --build "$build" -j "$(nproc)" >/dev/null
	bin=$build/stackfit
fi
cd "${GITHUB_WORKSPACE:?}"
sarif=${STACKFIT_SARIF:-stackfit.sarif}
path=${STACKFIT_PATH:-.}
fail_on=${STACKFIT_FAIL_ON:-warning}
status=0
"$bin" audit --format sarif --output "$sarif" --fail-on "$fail_on" \
	--no-progress -- "$path" || status=$?
# Annotations on the pull request's diff, besides code scanning's alerts.
if [ "${STACKFIT_ANNOTATIONS:-false}" = true ] && [ "$status" -ne 2 ]; then
	"$bin" audit --format github --fail-on none --no-progress -- "$path" || true
fi
{
	echo "sarif-file=$sarif"
	echo "exit-code=$status"
} >>"${GITHUB_OUTPUT:?}"
