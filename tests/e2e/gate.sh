#!/bin/sh
# End-to-end: what a commit hook hands to `stackfit check`. A file of no
# language stackfit reads is skipped with a note (exit 0); a script
# without an extension is read by the language its #! line names; a file
# that does not parse (conflict markers) is a syntax-error finding; a root
# package.json that does not parse stops the run (exit 2); a daemon
# answers checks of scripts as the run in process does; a daemon whose
# root folder was deleted is stopped from the command line; its log is
# rotated.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
export STACKFIT_CACHE_DIR="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
trap '"$bin" daemon stop "$tmp/gone" >/dev/null 2>&1; "$bin" daemon stop "$tmp/logged" >/dev/null 2>&1; "$bin" daemon stop "$tmp/scripts" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
out=$tmp/out err=$tmp/err

r=$tmp/repo
mkrepo "$r"
printf '#!/usr/bin/env python3\nimport time\n\nasync def main():\n    time.sleep(1)\n' >"$r/tool"
printf '#!/usr/bin/python3.11 -u\nimport time\n\nasync def main():\n    time.sleep(1)\n' >"$r/tool2"
printf 'def f(x: int) -> int: ...\n' >"$r/stub.pyi"
printf '#!/bin/sh\necho hi\n' >"$r/run.sh"
printf '# notes\n' >"$r/README.md"

run 0 "check of files of no language stackfit reads: skipped, exit 0" \
	sh -c 'cd "$1" && "$2" check --no-daemon stub.pyi run.sh README.md' _ "$r" "$bin"
err_has 'stub.pyi: skipped: not a source stackfit reads'
err_has 'run.sh: skipped'
out_has 'No problems found in 0 files'
run 1 "a Python script without an extension (#!/usr/bin/env python3)" \
	sh -c 'cd "$1" && "$2" check --no-daemon tool run.sh' _ "$r" "$bin"
out_has '^tool:5:5: PY201'
check "  never called \"not Python\"" sh -c '! grep -qi "tool: not a" "$1"' _ "$err"
run 1 "#!/usr/bin/python3.11 -u" \
	sh -c 'cd "$1" && "$2" check --no-daemon tool2' _ "$r" "$bin"
out_has '^tool2:5:5: PY201'
printf '#!/usr/bin/env node\nconst fs = require("fs");\nsetTimeout(() => fs.readFileSync("x"));\n' >"$r/cli"
run 0 "a node script: read as JavaScript, a command-line program (exempt)" \
	sh -c 'cd "$1" && "$2" check --no-daemon cli' _ "$r" "$bin"
out_has 'No problems found in 1 file'
run 2 "a file that does not exist is still a usage error" \
	sh -c 'cd "$1" && "$2" check --no-daemon nope.js' _ "$r" "$bin"

# Conflict markers staged: a finding with its place, exit 1.
c=$tmp/conflict
mkrepo "$c"
printf "const fs = require('fs');\napp.get('/', (req, res) => {\n<<<<<<< HEAD\n  res.send('a');\n=======\n  res.send('b');\n>>>>>>> feature\n});\n" >"$c/app.js"
printf "def f():\n<<<<<<< HEAD\n    return 1\n=======\n    return 2\n>>>>>>> feature\n" >"$c/m.py"
git -C "$c" add app.js m.py
run 1 "check --staged of files with conflict markers: exit 1" \
	sh -c 'cd "$1" && "$2" check --no-daemon --staged' _ "$c" "$bin"
out_has '^app.js:3:2: syntax-error \[error\] the file does not parse here'
out_has '^m.py:2:1: syntax-error \[error\]'
run 1 "the same through the cache (a second run)" \
	sh -c 'cd "$1" && "$2" check --no-daemon --staged' _ "$c" "$bin"
out_has '^m.py:2:1: syntax-error \[error\]'
run 1 "audit --format sarif: a rule descriptor for it" \
	"$bin" audit --no-daemon --format sarif "$c"
check "  SARIF names the rule" grep -q '"id": *"syntax-error"' "$out"
run 0 "stackfit explain syntax-error" "$bin" explain syntax-error
out_has '^# syntax-error'
printf '// stackfit: ignore-file\n<<<<<<< HEAD\n' >"$c/ignored.js"
git -C "$c" add ignored.js
run 1 "an ignore-file comment silences it" \
	sh -c 'cd "$1" && "$2" check --no-daemon ignored.js app.js' _ "$c" "$bin"
out_lacks '^ignored.js'

# An invalid root package.json: exit 2 naming it; a nested one stays a
# note.
p=$tmp/pkg
mkrepo "$p"
printf '{"name": "x",\n  "dependencies": {,}\n}\n' >"$p/package.json"
run 2 "audit with an invalid root package.json: exit 2" \
	"$bin" audit --no-daemon --no-progress "$p"
err_has 'package.json: line 2, column'
run 2 "check too" sh -c 'cd "$1" && "$2" check --no-daemon app.js' _ "$p" "$bin"
printf '{"name": "x"}\n' >"$p/package.json"
mkdir -p "$p/sub" && printf '{,}\n' >"$p/sub/package.json" && cp "$p/app.js" "$p/sub/"
run 1 "a broken package.json below the root: a note, the run goes on" \
	"$bin" audit --no-daemon --no-progress "$p"
err_has 'sub/package.json'

# #! scripts through a daemon of the repository: the same answers as in
# process, and the daemon gives them (it adds a script to its workspace
# once a check names it, and follows its edits).
s=$tmp/scripts
mkrepo "$s"
cp "$r/tool" "$r/cli" "$r/run.sh" "$s/"
chmod +x "$s/tool" "$s/cli"
"$bin" daemon start "$s" >/dev/null 2>&1
requests() { "$bin" daemon status --format json "$s" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])'; }
same_as_in_process() { # description, check arguments...
	desc=$1
	shift
	before=$(requests)
	(cd "$s" && "$bin" check "$@" >"$tmp/with" 2>"$tmp/with.err"; echo $? >>"$tmp/with")
	after=$(requests)
	(cd "$s" && "$bin" check --no-daemon "$@" >"$tmp/without" 2>"$tmp/without.err"; echo $? >>"$tmp/without")
	check "daemon: $desc: as in process" \
		sh -c 'cmp -s "$1" "$2" && cmp -s "$1.err" "$2.err"' _ "$tmp/with" "$tmp/without"
	# (A status request counts itself: one more is the check.)
	check "  answered by the daemon" [ "$after" -ge $((before + 2)) ]
}
same_as_in_process "check tool (a python script)" tool
check "  with its finding" grep -q '^tool:5:5: PY201' "$tmp/with"
same_as_in_process "check cli run.sh app.js (a node script, a shell script)" cli run.sh app.js
printf '#!/usr/bin/env python3\nimport asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n' >"$s/tool"
same_as_in_process "check tool after it was fixed" tool
check "  clean" grep -q 'No problems found' "$tmp/with"
printf '#!/usr/bin/env python3\nimport time\n\nasync def main():\n    time.sleep(1)\n' >"$s/tool"
git -C "$s" add tool cli
same_as_in_process "check --staged with staged scripts" --staged
check "  the staged script's finding" grep -q '^tool:5:5: PY201' "$tmp/with"
"$bin" daemon stop "$s" >/dev/null 2>&1

# A daemon whose root folder was deleted: `daemon stop ROOT` stops it.
g=$tmp/gone
mkrepo "$g"
"$bin" daemon start "$g" >/dev/null 2>&1
pid=$("$bin" daemon status --format json "$g" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pid"])')
rm -rf "$g"
run 0 "daemon stop of a deleted root" "$bin" daemon stop "$g"
out_has 'stopped the stackfit daemon'
# (Gone, or a zombie left for a parent that does not reap it.)
check "  the process is gone" sh -c '! kill -0 "$1" 2>/dev/null ||
	grep -q "^[0-9]* ([^)]*) Z" "/proc/$1/stat"' _ "$pid"
run 1 "daemon status of a deleted root: none" "$bin" daemon status "$g"

# The log is rotated past STACKFIT_DAEMON_LOG_MAX bytes.
l=$tmp/logged
mkrepo "$l"
STACKFIT_DAEMON_LOG_MAX=2048 "$bin" daemon start "$l" >/dev/null 2>&1
log=$(ls "$XDG_RUNTIME_DIR"/stackfit/*.log | while read -r f; do grep -l "$l" "$f"; done | head -n 1)
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
	(cd "$l" && "$bin" check app.js >/dev/null 2>&1)
done
check "daemon log: rotated (.log.1 made)" test -f "$log.1"
check "  both stay bounded" sh -c '[ $(wc -c <"$1") -lt 4096 ] && [ $(wc -c <"$1.1") -lt 4096 ]' _ "$log"
"$bin" daemon stop "$l" >/dev/null 2>&1

exit $fail
