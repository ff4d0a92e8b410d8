#!/bin/sh
# End-to-end: the command line's contract — usage errors exit 2 with a
# message on stderr, --version, rules and explain.
set -u
bin=$1
fail=0
# Per-run files: several test runs may share the machine.
tmpd=$(mktemp -d)
trap 'rm -rf "$tmpd"' EXIT
out=$tmpd/out
err=$tmpd/err
expect_rc() { # description, expected rc, command...
	desc=$1
	want=$2
	shift 2
	"$@" >"$out" 2>"$err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		echo "ok   $desc"
	else
		echo "FAIL $desc: exit $rc, wanted $want"
		cat "$err"
		fail=1
	fi
}
stderr_has() {
	if grep -q "$1" "$err"; then echo "ok   stderr: $1"; else
		echo "FAIL stderr lacks: $1"; cat "$err"; fail=1; fi
}
stdout_has() {
	if grep -q "$1" "$out"; then echo "ok   stdout: $1"; else
		echo "FAIL stdout lacks: $1"; fail=1; fi
}

expect_rc "no command" 2 "$bin"
stderr_has "usage: stackfit COMMAND"
expect_rc "unknown command" 2 "$bin" frobnicate
stderr_has "unknown command 'frobnicate'"
expect_rc "unknown global flag" 2 "$bin" --frob
stderr_has "unknown option '--frob'"
expect_rc "unknown audit flag" 2 "$bin" audit --frob .
stderr_has "unknown option '--frob'"
stderr_has "usage: stackfit audit"
expect_rc "bad format" 2 "$bin" audit --format xml .
stderr_has "unknown format 'xml'"
expect_rc "bad jobs" 2 "$bin" audit --jobs 0 .
expect_rc "missing path" 2 "$bin" audit /nonexistent/dir
stderr_has "/nonexistent/dir: No such file or directory"
expect_rc "--version" 0 "$bin" --version
stdout_has "^stackfit [0-9]"
expect_rc "--help" 0 "$bin" --help
stdout_has "audit"
expect_rc "rules" 0 "$bin" rules
stdout_has "^JS101 *sync-io-in-event-loop *warning"
stdout_has "^PY201 *blocking-call-in-async"
expect_rc "explain" 0 "$bin" explain js101
stdout_has "^## Why is this bad"
expect_rc "explain by name" 0 "$bin" explain blocking-call-in-async
stdout_has "^# PY201"
expect_rc "explain unknown" 2 "$bin" explain XX999
stderr_has "unknown rule 'XX999'"

# Bad input files are skipped with a note, never a crash.
dir=$(mktemp -d)
printf 'const a = 1;\0\0binary' >"$dir/bin.js"
printf 'async def f():\n    import time\n    time.sleep(1)\n' >"$dir/ok.py"
printf '\377\376 garbage ((( => ' >"$dir/garbage.js"
expect_rc "audit with a binary file" 1 "$bin" audit --no-progress "$dir"
stderr_has "bin.js: skipped: binary file"
stdout_has "ok.py:3:5: PY201"
rm -rf "$dir"
exit $fail
