# Shared by the end-to-end scripts: sourced, not run.
# check DESCRIPTION COMMAND...: runs the command, prints ok/FAIL, and
# remembers a failure in $fail (the script exits with it).
fail=0
# The tests make git repositories of their own: a GIT_DIR or GIT_INDEX_FILE
# inherited from a git hook or `git rebase -x` would point their git
# commands at the repository the tests run from.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR
check() {
	desc=$1
	shift
	if "$@"; then
		echo "ok   $desc"
	else
		echo "FAIL $desc"
		fail=1
	fi
}
# has TEXT PATTERN: the text has a line matching the grep pattern.
has() { printf '%s\n' "$1" | grep -q -- "$2"; }
# run CODE DESCRIPTION COMMAND...: runs the command with its stdout and
# stderr in the files $out and $err (set by the script) and checks its exit
# status; out_has/out_lacks/err_has PATTERN then check those files.
run() { # expected exit code, description, command... (output in $out, $err)
	want=$1
	desc=$2
	shift 2
	"$@" >"$out" 2>"$err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		echo "ok   $desc"
	else
		echo "FAIL $desc: exit $rc, wanted $want"
		cat "$out" "$err"
		fail=1
	fi
}
out_has() { check "  stdout: $1" grep -q -- "$1" "$out"; }
out_lacks() { check "  stdout lacks: $1" sh -c '! grep -q -- "$1" "$2"' _ "$1" "$out"; }
err_has() { check "  stderr: $1" grep -q -- "$1" "$err"; }
err_empty() { check "  stderr is empty" [ ! -s "$err" ]; }
# mkrepo DIR: a git repository made there, holding app.js with one JS101
# finding (app.js:2:37), committed.
mkrepo() {
	mkdir -p "$1"
	printf "const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('x')));\n" >"$1/app.js"
	git -C "$1" init -q .
	git -C "$1" add app.js
	git -C "$1" -c user.email=t@example.com -c user.name=t \
		-c commit.gpgsign=false commit -qm init
}

# The daemon's scripts (daemon.sh, daemon_edits.sh) set $sockdir, the
# daemon's socket folder, where its log names each analysis.
daemon_answered() { # the number of analyses the daemon logged
	cat "$sockdir"/*.log 2>/dev/null | grep -c -E '(check|audit) of [0-9]+ file'
}
# same_as_in_process DESC COMMAND-ARGS...: the command through the daemon
# and with --no-daemon: the same stdout, stderr and exit status, and the
# daemon answered it. The daemon's stdout is left in $out.
same_as_in_process() {
	desc=$1
	shift
	before=$(daemon_answered)
	"$bin" "$@" >"$tmp/d.out" 2>"$tmp/d.err"
	drc=$?
	after=$(daemon_answered)
	"$bin" "$@" --no-daemon >"$tmp/n.out" 2>"$tmp/n.err"
	nrc=$?
	if [ "$after" -eq $((before + 1)) ] && [ "$drc" -eq "$nrc" ] &&
		cmp -s "$tmp/d.out" "$tmp/n.out" &&
		cmp -s "$tmp/d.err" "$tmp/n.err"; then
		echo "ok   $desc (exit $drc)"
	else
		echo "FAIL $desc: daemon answered $((after - before)) time(s), exit $drc vs $nrc"
		diff "$tmp/d.out" "$tmp/n.out" | head -20
		diff "$tmp/d.err" "$tmp/n.err" | head -20
		fail=1
	fi
	cp "$tmp/d.out" "$out"
}
