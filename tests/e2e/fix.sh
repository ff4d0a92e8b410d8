#!/bin/sh
# End-to-end: `stackfit fix` applies the fixes the findings carry (as the
# JSON report shows them), each whole, an edit two fixes share once;
# --dry-run changes nothing; PATH limits it; an override that turns the
# rule off leaves its findings alone; a second run has nothing to do.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STACKFIT_CACHE_DIR="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
out=$tmp/out err=$tmp/err
r=$tmp/repo
mkdir -p "$r/app" "$r/legacy"
git -C "$r" init -q .
printf "import time\n\nasync def h():\n    time.sleep(1)\n    x = 1; time.sleep(2)\n" >"$r/app/svc.py"
printf "import time\n\nasync def g():\n    time.sleep(3)\n" >"$r/app/other.py"
cp "$r/app/other.py" "$r/legacy/old.py"
printf '{"overrides": [{"files": ["legacy"], "rules": {"PY201": "off"}}]}\n' >"$r/.stackfit.json"
git -C "$r" add -A
cp -R "$r" "$tmp/before"

run 0 "fix --dry-run" sh -c 'cd "$1" && "$2" fix --dry-run' _ "$r" "$bin"
err_has "app/svc.py:4:5: would fix PY201"
err_has "would apply 3 fixes in 2 files"
check "  nothing changed" diff -r -x .git "$tmp/before" "$r"
run 0 "fix app/svc.py only" sh -c 'cd "$1" && "$2" fix app/svc.py' _ "$r" "$bin"
err_has "applied 2 fixes in 1 file"
check "  the file, fixed: one import, two awaits" python3 -c '
import sys
t = open(sys.argv[1]).read()
assert t == "import asyncio\nimport time\n\nasync def h():\n    await asyncio.sleep(1)\n    x = 1; await asyncio.sleep(2)\n", repr(t)
' "$r/app/svc.py"
check "  other files untouched" cmp -s "$tmp/before/app/other.py" "$r/app/other.py"
run 0 "fix ." sh -c 'cd "$1" && "$2" fix' _ "$r" "$bin"
err_has "applied 1 fix in 1 file"
check "  the overridden file untouched" cmp -s "$tmp/before/legacy/old.py" "$r/legacy/old.py"
run 0 "audit: the PY201s are gone" "$bin" audit --no-progress --no-daemon "$r"
out_has "No problems found"
run 0 "a second fix has nothing to do" sh -c 'cd "$1" && "$2" fix' _ "$r" "$bin"
err_has "applied 0 fixes in 0 files"

exit $fail
