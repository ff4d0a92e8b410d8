#!/bin/sh
# End-to-end: the daemon against what could stop it or keep its clients
# waiting; tests/HARDENING.md lists the threats and the test of each.
# Every command has a time limit, so that a hang fails the test.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	find "$tmp" -type p 2>/dev/null | while read -r p; do
		timeout 1 sh -c ': >"$1"' _ "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_RUNTIME_DIR="$tmp/rt"
mkdir -m 700 "$XDG_RUNTIME_DIR"
sockdir=$XDG_RUNTIME_DIR/stackfit
out=$tmp/out
err=$tmp/err
limit() { timeout -k 5 "$@"; }
# A git command may take 5 s (not 60) where a FIFO waits for it.
export STACKFIT_GIT_TIMEOUT=5
gone() {
	! kill -0 "$1" 2>/dev/null ||
		[ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" = Z ]
}
wait_gone() { # pid seconds: waits for it to exit
	i=0
	while ! gone "$1" && [ $i -lt $(($2 * 20)) ]; do
		sleep 0.05
		i=$((i + 1))
	done
	gone "$1"
}
# The pid of the daemon of a root, from the first line of its log.
log_pid() {
	i=0
	while [ $i -lt 200 ]; do
		p=$(sed -n 's/^[^ ]* \[\([0-9]*\)\] stackfit .* daemon for.*/\1/p' "$sockdir"/*.log 2>/dev/null | tail -1)
		[ -n "$p" ] && echo "$p" && return
		sleep 0.05
		i=$((i + 1))
	done
}

# --- a FIFO: start ends -------------------------------------------------------
d=$tmp/fifo && mkrepo "$d" && mkfifo "$d/.gitignore"
run 0 "daemon start where .gitignore is a FIFO: it starts" \
	limit 60 "$bin" daemon start --idle-timeout 120 "$d"
pid=$(log_pid)
pids="$pids $pid"
run 1 "  and answers check" sh -c 'cd "$1" && timeout -k 5 60 "$2" check app.js' _ "$d" "$bin"
out_has "app.js:2:37: JS101"
check "  (it did)" grep -q "check of 1 file" "$sockdir"/*.log
run 0 "  and stops" limit 60 "$bin" daemon stop "$d"
rm -f "$sockdir"/*.log

# --- a daemon stuck in its work -------------------------------------------
# Its scan waits on a git command that waits on a FIFO (for 10 minutes).
stuck() {
	env STACKFIT_GIT_TIMEOUT=600 timeout -k 5 60 "$bin" daemon start --idle-timeout 120 "$d" \
		>"$tmp/start.out" 2>&1 &
	starter=$!
	pid=$(log_pid)
	pids="$pids $pid $starter"
}
stuck
check "a stuck daemon: it runs" [ -n "$pid" ]
start=$(date +%s)
kill -TERM "$pid"
check "  SIGTERM stops it" wait_gone "$pid" 20
check "  within its 5 s of grace" [ $(($(date +%s) - start)) -le 8 ]
check "  its socket is gone" sh -c '! ls "$1"/*.sock >/dev/null 2>&1' _ "$sockdir"
check "  it logged why" grep -q "stopping now: still busy 5 s after SIGTERM" "$sockdir"/*.log
check "  none of its git commands is left waiting" sh -c '
for p in /proc/[0-9]*; do
	[ "$(readlink "$p/cwd" 2>/dev/null)" = "$1" ] &&
		tr "\0" " " <"$p/cmdline" 2>/dev/null | grep -q "^git .*ls-files" &&
		exit 1
done
exit 0' _ "$d"
wait "$starter"
rm -f "$sockdir"/*.log
stuck
check "another stuck daemon: it runs" [ -n "$pid" ]
run 0 "  daemon stop stops it (SIGTERM, as it does not answer)" limit 60 "$bin" daemon stop "$d"
out_has "stopped the stackfit daemon for $d (pid $pid), which did not answer, with SIGTERM"
check "  gone" gone "$pid"
wait "$starter"
rm -f "$sockdir"/*.log

# --- answers a client cannot wait for -------------------------------------
# No FIFO here: git gets its usual time (a loaded machine needs more than
# 5 s to stage 56 MB).
unset STACKFIT_GIT_TIMEOUT
d=$tmp/big && mkrepo "$d"
run 0 "start a daemon" limit 60 "$bin" daemon start --idle-timeout 120 "$d"
pid=$(log_pid)
pids="$pids $pid"
# Staged texts of 56 MB: 75 MiB in base64, more than a daemon reads in a
# request, were they sent.
python3 - "$d" <<'PY'
import sys
line = b"// " + b"x" * 76 + b"\n"
for i in range(11):
    open("%s/big%02d.js" % (sys.argv[1], i), "wb").write(line * 64000)
PY
git -C "$d" add .
(cd "$d" && "$bin" check --staged --no-daemon >"$tmp/nd.out" 2>"$tmp/nd.err")
nrc=$?
# The client sends the index's object names, not the texts: the daemon
# reads the 56 MB from git itself, or, busy with the working tree's new
# files when asked, is not waited for.
run $nrc "check --staged of 56 MB with a daemon: answered" \
	sh -c 'cd "$1" && timeout -k 5 60 "$2" check --staged' _ "$d" "$bin"
check "  not refused as too large" sh -c '! grep -q "larger than" "$1"' _ "$err"
check "  the same report as --no-daemon" cmp -s "$out" "$tmp/nd.out"
git -C "$d" reset -q
rm -f "$d"/big*.js
sock=$("$bin" daemon status --format json "$d" | python3 -c 'import json, sys; print(json.load(sys.stdin)["socket"])')
run 0 "stop it" limit 60 "$bin" daemon stop "$d"
# A daemon that answers every analysis with an error without an id (as a
# daemon does to a request it cannot read).
python3 - "$sock" >"$tmp/fake.log" 2>&1 <<'PY' &
import json, os, socket, sys, threading
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o600)
s.listen(8)
def serve(c):
    buf = b""
    while True:
        head, sep, rest = buf.partition(b"\r\n\r\n")
        n = int(head.split(b":")[1]) if sep else -1
        if n < 0 or len(rest) < n:
            chunk = c.recv(1 << 20)
            if not chunk:
                return
            buf += chunk
            continue
        msg = json.loads(rest[:n])
        buf = rest[n:]
        if msg.get("method") == "stackfit/status":
            out = {"jsonrpc": "2.0", "id": msg["id"], "result": {"pid": os.getpid()}}
        else:
            out = {"jsonrpc": "2.0", "id": None,
                   "error": {"code": -32700, "message": "cannot read the request"}}
        body = json.dumps(out).encode()
        c.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
fake=$!
pids="$pids $fake"
i=0
while [ ! -S "$sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
(cd "$d" && "$bin" check --no-daemon app.js >"$tmp/nd.out" 2>/dev/null)
run 1 "a daemon that answers without an id: check analyses in process" \
	sh -c 'cd "$1" && timeout -k 5 60 "$2" check app.js' _ "$d" "$bin"
err_has "the daemon for $d: cannot read the request; analysing in process"
check "  the same report as --no-daemon" cmp -s "$out" "$tmp/nd.out"
kill "$fake"

exit $fail
