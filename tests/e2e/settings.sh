#!/bin/sh
# End-to-end: `check --show-settings FILE` prints the settings in effect
# for a file and where each comes from (the nearest configuration, its
# rules, its overrides, the defaults); `--config FILE` makes one
# configuration govern every file.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STACKFIT_CACHE_DIR="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
out=$tmp/out err=$tmp/err
r=$tmp/repo
mkrepo "$r" # app.js:2:37 JS101
mkdir -p "$r/legacy" "$r/pkg" "$r/ci"
cp "$r/app.js" "$r/legacy/old.js"
cp "$r/app.js" "$r/pkg/p.js"
printf '{"rules": {"JS102": "error"}, "thresholds": {"heavyLoopWork": 5e6}, "overrides": [{"files": ["legacy"], "rules": {"JS101": "off"}}]}\n' >"$r/.stackfit.json"
printf '{"name": "pkg", "stackfit": {"cli": ["p.js"]}}\n' >"$r/pkg/package.json"
git -C "$r" add -A

run 0 "--show-settings of three files" \
	sh -c 'cd "$1" && "$2" check --show-settings legacy/old.js app.js pkg/p.js' _ "$r" "$bin"
out_has "^  configuration: $r/.stackfit.json$"
out_has "JS101  sync-io-in-event-loop  *off  *($r/.stackfit.json: overrides\[1\])"
out_has "JS101  sync-io-in-event-loop  *warning  *(default)"
out_has "JS102  sync-crypto-in-event-loop  *error  *($r/.stackfit.json: rules)"
out_has "thresholds.heavyLoopWork: 5000000 ($r/.stackfit.json)"
out_has "^  configuration: $r/pkg/package.json (key \"stackfit\")$"
out_has "treated as: a command-line program (\"cli\" of the configuration)"
run 2 "--show-settings needs FILES" sh -c 'cd "$1" && "$2" check --show-settings' _ "$r" "$bin"

printf '{"rules": {"JS101": "off"}}\n' >"$r/ci/quiet.json"
run 0 "audit --config: that configuration for every file" \
	"$bin" audit --no-progress --config "$r/ci/quiet.json" "$r"
out_has "No problems found"
run 0 "check --config too (the package's own is not read)" \
	sh -c 'cd "$1" && "$2" check --config ci/quiet.json pkg/p.js app.js' _ "$r" "$bin"
run 0 "--show-settings names it" \
	sh -c 'cd "$1" && "$2" check --config ci/quiet.json --show-settings pkg/p.js' _ "$r" "$bin"
out_has "^  configuration: $r/ci/quiet.json$"
run 2 "--config of a file that does not exist" \
	"$bin" audit --no-progress --config "$r/ci/none.json" "$r"
err_has "ci/none.json: No such file or directory"
printf '{"name": "x"}\n' >"$r/ci/package.json"
run 2 "--config of a package.json without the key" \
	"$bin" audit --no-progress --config "$r/ci/package.json" "$r"
err_has "holds no stackfit configuration"
printf '{"rulez": {}}\n' >"$r/ci/bad.json"
run 2 "--config of a bad configuration names it" \
	"$bin" audit --no-progress --config "$r/ci/bad.json" "$r"
err_has "ci/bad.json: rulez: unknown key"

exit $fail
