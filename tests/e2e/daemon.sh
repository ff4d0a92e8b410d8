#!/bin/sh
# End-to-end: `stackfit daemon` on a private socket folder.
# check and audit through the daemon say byte for byte what they say in
# process; an edit, a deletion or a configuration change made just before
# a request is in its answer; the socket folder and the socket are the
# user's only; stop, SIGTERM and the idle timeout end it and remove the
# socket; a killed daemon's socket is replaced; garbage on the socket is
# answered with errors and the daemon goes on (after huge or negative
# lengths, oversized headers, deep JSON, NUL bytes, partial frames, and a
# client that never reads, which is closed); a daemon of another build is
# not used; two starts at once end with one daemon.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
pids=""
cleanup() {
	# Every daemon this script started, whatever happened (and every
	# start below has an idle timeout, should one be missed).
	"$bin" daemon stop "$repo" >/dev/null 2>&1
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_RUNTIME_DIR="$tmp/rt"
mkdir -m 700 "$XDG_RUNTIME_DIR"
sockdir=$XDG_RUNTIME_DIR/stackfit
repo=$tmp/repo
cp -R "$src/examples" "$repo"
cd "$repo" || exit 1
real=$(pwd -P)
git init -q .
git config user.email test@example.com
git config user.name test
git config commit.gpgsign false
git add -A && git commit -qm init

out=$tmp/out
err=$tmp/err
# The pid of the running daemon (from its status), or nothing. Read
# without starting python: on a loaded machine that takes longer than the
# idle timeout the foreground daemon below is polled within.
dpid() {
	"$bin" daemon status --format json "$repo" 2>/dev/null |
		sed -n 's/.*"pid":\([0-9][0-9]*\).*/\1/p'
}
started() { # remembers the running daemon for the clean-up
	p=$(dpid)
	[ -n "$p" ] && pids="$pids $p"
	echo "$p"
}
# gone PID: the process has exited (a zombie has: the reaper may be slow).
gone() {
	! kill -0 "$1" 2>/dev/null ||
		[ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" = Z ]
}
wait_gone() { # pid [ticks]: waits up to ticks x 0.05 s (10 s) for it to exit
	i=0
	while ! gone "$1" && [ $i -lt "${2:-200}" ]; do
		sleep 0.05
		i=$((i + 1))
	done
	gone "$1"
}

# --- no daemon yet ----------------------------------------------------
run 1 "status: none running" "$bin" daemon status "$repo"
out_has "no stackfit daemon is running for $real"
run 1 "status --format json: none running" "$bin" daemon status --format json
check "  json: running false" python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
assert s == {"root": sys.argv[2], "running": False}, s' "$out" "$real"
run 1 "stop: none running" "$bin" daemon stop
out_has "no stackfit daemon is running"
run 2 "an unknown action" "$bin" daemon restart
err_has "unknown action 'restart'"
run 2 "a ROOT that is not a folder" "$bin" daemon start "$repo/README.md"
err_has "not a directory"

# --- start ------------------------------------------------------------
run 0 "start (ROOT: the git top level of the current folder)" "$bin" daemon start --idle-timeout 600
out_has "^started a stackfit daemon for $real (pid [0-9]*, socket $sockdir/[0-9a-f]*.sock)"
pid=$(started)
check "  it answers status" [ -n "$pid" ]
run 0 "start again: already running" "$bin" daemon start "$repo"
out_has "^a stackfit daemon already runs for $real (pid $pid,"
check "socket folder: mode 700, this user's" \
	[ "$(stat -c '%a %u' "$sockdir")" = "700 $(id -u)" ]
sock=$(ls "$sockdir"/*.sock)
check "socket: a socket, mode 600, this user's" \
	[ "$(stat -c '%F %a %u' "$sock")" = "socket 600 $(id -u)" ]
run 0 "status" "$bin" daemon status
out_has "^stackfit daemon for $real$"
out_has "^  pid: *$pid$"
out_has "^  socket: *$sock$"
# Every source of the examples, whatever languages they hold.
nsrc=$(find "$repo" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' \
	-o -name '*.jsx' -o -name '*.ts' -o -name '*.tsx' -o -name '*.mts' \
	-o -name '*.cts' -o -name '*.py' \) ! -name '*.d.ts' | wc -l)
out_has "^  files indexed: *$nsrc ([0-9]* folders watched)$"
out_has "^  last refresh: *20"
out_has "^  idle timeout: *10m 00s$"
run 0 "status --format json" "$bin" daemon status --format json "$repo"
check "  json: root, pid, socket, files, running" python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
assert s["running"] is True and s["root"] == sys.argv[2], s
assert s["pid"] == int(sys.argv[3]) and s["socket"] == sys.argv[4], s
assert s["filesIndexed"] >= 30 and s["uptimeSeconds"] >= 0, s
assert s["idleTimeout"] == 600 and s["lastRefresh"] > 0, s' "$out" "$real" "$pid" "$sock"

# --- the same answers as in process -----------------------------------
files=node-service/src/routes/files.js
for fmt in text json sarif github; do
	same_as_in_process "check --format $fmt" check --format "$fmt" "$files"
done
same_as_in_process "check of two files, one without findings" check node-service/src/config.js "$files"
same_as_in_process "check --fail-on none" check --fail-on none "$files"
same_as_in_process "check --color always" check --color always "$files"
same_as_in_process "check --no-cache" check --no-cache "$files"
(cd node-service/src && same_as_in_process "check from a sub-folder" check routes/files.js)
# The daemon looks up only the files checked: a finding in a file not
# checked whose chain runs through one, and the notes of skipped files
# in the workspace's order whatever the order given.
same_as_in_process "check of a helper: its callers' findings come along" \
	check node-service/src/lib/templates.js python-service/app/services/inventory.py
out_has "node-service/src/routes/files.js"
out_has "python-service/app/routes/orders.py"
printf 'x\0y\n' >node-service/src/lib/zz-binary.js
printf 'x\0y\n' >node-service/src/aa-binary.js
same_as_in_process "check of skipped files, given out of order" \
	check node-service/src/lib/zz-binary.js "$files" node-service/src/aa-binary.js
check "  two notes, in path order" sh -c '[ "$(grep -c "skipped: binary file" "$1")" -eq 2 ] &&
	grep "skipped: binary file" "$1" | head -1 | grep -q aa-binary' _ "$tmp/d.err"
rm node-service/src/lib/zz-binary.js node-service/src/aa-binary.js
for fmt in text json sarif github html; do
	same_as_in_process "audit --format $fmt" audit --format "$fmt" .
done
same_as_in_process "audit --fail-on error" audit --fail-on error --format json "$real"
same_as_in_process "audit of a sub-folder (the repository's daemon, a subset)" \
	audit --format json node-service
# --report-unused-ignores reaches the daemon: the same report, and not the
# answer of a run without it.
printf "// stackfit: ignore[JS101]\nmodule.exports.quiet = 1;\n" >quiet.js
same_as_in_process "audit without --report-unused-ignores" audit --format json .
out_lacks "unused-ignore"
same_as_in_process "audit --report-unused-ignores" audit --report-unused-ignores --format json .
out_has '"rule": "unused-ignore"'
same_as_in_process "check --report-unused-ignores" check --report-unused-ignores quiet.js
out_has "^quiet.js:1:4: unused-ignore"
rm quiet.js
check "the daemon answered no error" sh -c '! grep -q "error" "$1"/*.log' _ "$sockdir"

# --- freshness: what changed just before a request is in its answer ----
f=node-service/src/config.js
run 0 "a file without findings" "$bin" check "$f"
printf "const fsz = require('fs');\nmodule.exports.read = (app) => app.get('/z', (req, res) => res.send(fsz.readFileSync('z')));\n" >>"$f"
same_as_in_process "edited, then checked at once" check "$f"
out_has "^$f:[0-9]*:[0-9]*: JS101"
git checkout -q "$f"
same_as_in_process "edited back" check "$f"
out_lacks "JS101"
same_as_in_process "audit before a deletion" audit --format json .
victim=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(sorted({d["path"] for d in r["diagnostics"] if d["path"].endswith(".js")})[0])' "$out")
rm "$victim"
same_as_in_process "a file deleted, then audited" audit --format json .
out_lacks "\"path\": \"$victim\""
git checkout -q "$victim"
# The configuration is read again for every request.
printf '{"rules": {"JS101": "off"}}\n' >.stackfit.json
same_as_in_process "configuration changed: JS101 off" check "$files"
out_lacks "JS101"
printf '{"rules": {"JS101": "loud"}}\n' >.stackfit.json
"$bin" check "$files" >"$tmp/d.out" 2>"$tmp/d.err"
drc=$?
"$bin" check --no-daemon "$files" >"$tmp/n.out" 2>"$tmp/n.err"
nrc=$?
check "a configuration that cannot be read: exit 2 and its error, as in process" \
	sh -c '[ "$1" = 2 ] && [ "$2" = 2 ] && cmp -s "$3" "$4" && cmp -s "$5" "$6" && grep -q JS101 "$5"' \
	_ "$drc" "$nrc" "$tmp/d.out" "$tmp/n.out" "$tmp/d.err" "$tmp/n.err"
rm .stackfit.json
same_as_in_process "configuration removed" check "$files"
out_has "JS101"
# --staged: the staged text goes to the daemon.
printf "const fs = require('fs');\napp.get('/s', (req, res) => res.send(fs.readFileSync('s')));\n" >staged.js
git add staged.js
printf "// fixed in the working tree only\n" >staged.js
same_as_in_process "check --staged" check --staged
out_has "^staged.js:2:38: JS101"
# The project of git's index is kept and updated; --no-cache starts it
# again, as without a daemon.
news() { cat "$sockdir"/*.log | grep -c "staged: a new project"; }
s=$(news)
same_as_in_process "check --staged again" check --staged
check "  the project of the index, updated" [ "$(news)" -eq "$s" ]
same_as_in_process "check --staged --no-cache" check --staged --no-cache
check "  analysed again, in a new project" [ "$(news)" -gt "$s" ]
git reset -q -- staged.js
rm staged.js

# --- the snapshot: nothing changed, nothing analysed again ---------------
# Files changed in the last 2 s are never trusted to their timestamps:
# wait until none is that young.
sleep 4
unchanged() { cat "$sockdir"/*.log | grep -c "nothing changed"; }
same_as_in_process "check, to make a snapshot" check "$files"
out_has "fs.writeFileSync. blocks"
n=$(unchanged)
same_as_in_process "check again: the same answer" check "$files"
check "  from the snapshot" [ "$(unchanged)" -eq $((n + 1)) ]
same_as_in_process "audit: from the snapshot too" audit --format json .
check "  (it was)" [ "$(unchanged)" -eq $((n + 2)) ]
n=$(unchanged)
same_as_in_process "audit --no-cache: analysed again, the same answer" audit --no-cache --format json .
check "  (it was analysed)" [ "$(unchanged)" -eq "$n" ]
# What the daemon analysed again, for a request or on its own once its
# watches saw a change.
changes() { cat "$sockdir"/*.log | grep -c -E "file\(s\) changed|analysed again"; }
# An edit that keeps the size, at once: its timestamp tells.
c=$(changes)
sed -i 's/writeFileSync/writeFileSynk/' "$files"
same_as_in_process "an edit of the same size, checked at once" check "$files"
check "  analysed again" [ "$(changes)" -gt "$c" ]
out_lacks "fs.writeFileSync. blocks"
git checkout -q "$files"
# A manifest is an input too, though no file of the workspace.
sleep 4
same_as_in_process "audit, to make a snapshot" audit --format json .
c=$(changes)
echo "# a comment" >>python-service/pyproject.toml
same_as_in_process "a manifest changed: audited again" audit --format json .
check "  analysed again" [ "$(changes)" -gt "$c" ]
git checkout -q python-service/pyproject.toml

# --- watching: a change is analysed again once things are quiet ---------
rescans() { cat "$sockdir"/*.log | grep -c "files changed: refresh"; }
sleep 4
r=$(rescans)
n=$(unchanged)
f=node-service/src/config.js
printf "const fsz = require('fs');\nmodule.exports.read = (app) => app.get('/z', (req, res) => res.send(fsz.readFileSync('z')));\n" >>"$f"
i=0
while [ "$(rescans)" -eq "$r" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
check "an edit is seen by watching, and analysed once quiet" [ "$(rescans)" -gt "$r" ]
same_as_in_process "check after that: the same answer" check "$f"
out_has "^$f:[0-9]*:[0-9]*: JS101"
check "  from the project the watch refreshed" [ "$(unchanged)" -eq $((n + 1)) ]
git checkout -q "$f"

# --- the watches lost events: everything is looked at -----------------------
# The daemon stopped, more changes than the kernel queues for it (two files
# touched in turn, so that no two events in a row are the same), then an
# edit: its event is lost with the others. The answer must still have it.
if [ -r /proc/sys/fs/inotify/max_queued_events ]; then
	sleep 3
	same_as_in_process "check, to make a snapshot" check "$f"
	out_lacks "JS101"
	dp=$(dpid)
	kill -STOP "$dp"
	printf 'a\n' >notes-a.txt
	printf 'b\n' >notes-b.txt
	python3 -c '
import os, sys
n = int(open("/proc/sys/fs/inotify/max_queued_events").read()) + 100
for i in range(n):
    os.utime("notes-a.txt" if i % 2 else "notes-b.txt")'
	printf "const fsz = require('fs');\nmodule.exports.read = (app) => app.get('/z', (req, res) => res.send(fsz.readFileSync('z')));\n" >>"$f"
	kill -CONT "$dp"
	same_as_in_process "an edit whose event the kernel dropped (queue overflow), checked" check "$f"
	out_has "^$f:[0-9]*:[0-9]*: JS101"
	check "  the daemon said it lost events" grep -q "the watches lost events" "$sockdir"/*.log
	git checkout -q "$f"
	rm notes-a.txt notes-b.txt
fi

# --- freshness: every kind of change, just before the request ------------
# Whatever the watches saw or not: a change made just before a request is
# in its answer, and the answer is the one in process.
bad="const fsz = require('fs');\napp.get('/z', (req, res) => res.send(fsz.readFileSync('z')));\n"
printf "$bad" >node-service/src/fresh.js
same_as_in_process "a file created in a folder with sources, checked at once" check node-service/src/fresh.js
out_has "^node-service/src/fresh.js:2:[0-9]*: JS101"
same_as_in_process "  and audited" audit --format json .
out_has '"path": "node-service/src/fresh.js"'
rm node-service/src/fresh.js
same_as_in_process "deleted, then audited at once" audit --format json .
out_lacks "fresh.js"
mkdir -p node-service/src/newdir/deeper
printf "$bad" >node-service/src/newdir/deeper/x.js
same_as_in_process "a file created in new folders, checked at once" check node-service/src/newdir/deeper/x.js
out_has "^node-service/src/newdir/deeper/x.js:2:[0-9]*: JS101"
rm -r node-service/src/newdir
mkdir -p docs-only
printf "notes\n" >docs-only/README.md
sleep 3
printf "$bad" >docs-only/y.js
same_as_in_process "a file created in a folder without sources, checked at once" check docs-only/y.js
out_has "^docs-only/y.js:2:[0-9]*: JS101"
# .gitignore edited in place (the folder does not change): the file goes.
printf "# nothing yet\n" >.gitignore
sleep 3
printf "docs-only/\n" >>.gitignore
same_as_in_process "ignored by an edit of .gitignore: not analysed" check docs-only/y.js
check "  (said so)" grep -q "docs-only/y.js: not analysed" "$tmp/d.err"
rm .gitignore
same_as_in_process "  and not ignored once it is gone" check docs-only/y.js
out_has "^docs-only/y.js:2:[0-9]*: JS101"
rm -r docs-only
# Edits of the same size in quick succession, within a timestamp's grain.
f=node-service/src/config.js
printf "$bad" >>"$f"
same_as_in_process "edited" check "$f"
out_has "fsz.readFileSync"
sed -i 's/readFileSync/readFileSynk/' "$f"
same_as_in_process "edited again at once, the same size" check "$f"
out_lacks "JS101"
sed -i 's/readFileSynk/readFileSync/' "$f"
same_as_in_process "and back at once" check "$f"
out_has "JS101"
git checkout -q "$f"
# A staged check: git's index, not the working tree, and the working
# tree's answers undisturbed by it.
printf "$bad" >staged2.js
git add staged2.js
printf "// fixed in the working tree only\n" >staged2.js
same_as_in_process "check --staged: the index's text" check --staged
out_has "^staged2.js:2:[0-9]*: JS101"
same_as_in_process "check of the working tree after it" check staged2.js
out_lacks "JS101"
printf "// fixed\n" >staged2.js
git add staged2.js
same_as_in_process "check --staged after staging the fix" check --staged
out_lacks "JS101"
git reset -q -- staged2.js
rm staged2.js

# --- robustness --------------------------------------------------------
check "garbage, bad frames and bad requests get JSON-RPC errors" python3 - "$sock" "$("$bin" --version)" <<'PY'
import glob, json, os, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(20)
buf = b""
def frame(body):
    b = body.encode()
    return b"Content-Length: %d\r\n\r\n" % len(b) + b
def answer():
    global buf
    while True:
        head, sep, rest = buf.partition(b"\r\n\r\n")
        if sep:
            n = int(head.split(b":")[1])
            if len(rest) >= n:
                buf = rest[n:]
                return json.loads(rest[:n])
        data = s.recv(65536)
        assert data, "the daemon hung up"
        buf += data
s.sendall(b"garbage\r\n\r\n")
assert answer()["error"]["code"] == -32700
s.sendall(frame("{not json"))
assert answer()["error"]["code"] == -32700
s.sendall(frame('{"id": 1, "method": "stackfit/status"}'))
assert answer()["error"]["code"] == -32600
s.sendall(frame('{"jsonrpc": "2.0", "id": 2, "method": "stackfit/nope"}'))
a = answer()
assert a["id"] == 2 and a["error"]["code"] == -32601, a
s.sendall(frame('{"jsonrpc": "2.0", "id": 3, "method": "stackfit/check", "params": {"version": "0"}}'))
a = answer()
assert a["id"] == 3 and a["error"]["code"] == -32001, a
s.sendall(frame('{"jsonrpc": "2.0", "id": 4, "method": "stackfit/audit", "params": {}}'))
a = answer()
assert a["id"] == 4 and a["error"]["code"] == -32602, a
s.sendall(frame('{"jsonrpc": "2.0", "id": 5, "method": "stackfit/status"}'))
a = answer()
assert a["id"] == 5 and a["result"]["root"], a
# Paths are checked before the build: a good one gets to the mismatch,
# one with a NUL byte (not cut to "a.js") or ".." does not.
version = sys.argv[2].split()[-1]
def audit(i, path):
    p = {"version": version, "exe": "0", "root": a["result"]["root"],
         "args": [path], "checked": [path], "format": 0, "failOn": 2,
         "color": False, "cache": True, "jobs": 0}
    s.sendall(frame(json.dumps({"jsonrpc": "2.0", "id": i,
                                "method": "stackfit/check", "params": p})))
    b = answer()
    assert b["id"] == i, b
    return b["error"]["code"]
assert audit(7, "a.js") == -32001
assert audit(8, "a.js\u0000.py") == -32602
assert audit(9, "a/../../x.js") == -32602
# Clients that send something nasty and leave: the daemon answers the
# next one (checked by hand first, with python as the client).
STATUS = frame('{"jsonrpc": "2.0", "id": 10, "method": "stackfit/status"}')
for nasty in [b"Content-Length: 99999999999999999999\r\n\r\n{",
              b"Content-Length: 67108865\r\n\r\n" + b"{" * 100000,
              b"X-" + b"a" * 9000 + b"\r\n\r\n",
              frame("[" * 10000 + "]" * 10000),
              frame("\0" * 100),
              b"Content-Length: -5\r\n\r\nhello",
              b"Content-Length: 100\r\n\r\n{\"jsonrpc\""]:
    t = socket.socket(socket.AF_UNIX)
    t.connect(sys.argv[1])
    try:
        t.sendall(nasty)
    except OSError:
        pass
    t.close()
    u = socket.socket(socket.AF_UNIX)
    u.connect(sys.argv[1])
    u.settimeout(20)
    u.sendall(STATUS)
    b = u.recv(65536)
    assert b"\"id\":10" in b and b"result" in b, (nasty[:40], b)
    u.close()
# A client that shuts its side down after the request (socat, nc -N)
# gets the whole answer, however long (an error that quotes its 1 MB
# root).
t = socket.socket(socket.AF_UNIX)
t.connect(sys.argv[1])
t.settimeout(20)
p = {"version": version, "exe": "0", "root": "/x" * 500000,
     "files": [], "flags": [], "format": 0, "failOn": 2, "color": False,
     "cache": True, "jobs": 0}
t.sendall(frame(json.dumps({"jsonrpc": "2.0", "id": 11,
                            "method": "stackfit/audit", "params": p})))
t.shutdown(socket.SHUT_WR)
got = b""
while True:
    data = t.recv(1 << 20)
    if not data:
        break
    got += data
t.close()
head, _, body = got.partition(b"\r\n\r\n")
assert len(body) == int(head.split(b":")[1]) > 1000000, (head, len(body))
assert json.loads(body)["error"]["code"] == -32002
# ...but the log does not quote that root whole.
assert all(len(l) < 2000 for f in glob.glob(os.path.dirname(sys.argv[1]) + "/*.log")
           for l in open(f, "rb")), "a log line quotes a client at length"
# A client that asks and asks and never reads: closed once 64 MiB of
# answers wait for it, and the others are still answered.
t = socket.socket(socket.AF_UNIX)
t.connect(sys.argv[1])
t.settimeout(60)
try:
    t.sendall(STATUS * 250000)
    assert False, "a client that does not read was never closed"
except OSError:
    pass
t.close()
# A client that asks and leaves before the answer.
t = socket.socket(socket.AF_UNIX)
t.connect(sys.argv[1])
t.sendall(frame('{"jsonrpc": "2.0", "id": 1, "method": "stackfit/status"}') + b"Content-Length: 99\r\n\r\n{")
t.close()
s.sendall(frame('{"jsonrpc": "2.0", "id": 6, "method": "stackfit/status"}'))
assert answer()["id"] == 6
PY
# A client killed while the daemon works for it.
timeout -s KILL 0.05 "$bin" audit --format html . >/dev/null 2>&1
timeout -s KILL 0.1 "$bin" audit --format html --no-cache . >/dev/null 2>&1
# A daemon that does not answer (stopped here; stuck, or busy with
# another client) is not waited for.
"$bin" check --no-daemon "$files" >"$tmp/n.out" 2>/dev/null
kill -STOP "$pid"
run 1 "check while the daemon does not answer: in process" "$bin" check "$files"
kill -CONT "$pid"
err_has "did not answer.*analysing in process"
check "  same report" cmp -s "$out" "$tmp/n.out"
kill -STOP "$pid"
run 1 "audit while the daemon does not answer: in process" "$bin" audit --format json .
kill -CONT "$pid"
check "  the daemon asked once" [ "$(grep -c 'did not answer' "$err")" -eq 1 ]
# stackfit/profile, with the params of a real audit: a relay on another
# socket folder passes the audit's requests on and keeps its params.
mkdir -m 700 "$tmp/relay" "$tmp/relay/stackfit"
python3 - "$sock" "$tmp/relay/stackfit/$(basename "$sock")" >"$tmp/relay.out" 2>&1 <<'PY' &
import base64, json, socket, sys
real, relay = sys.argv[1], sys.argv[2]
def frame(o):
    b = json.dumps(o).encode()
    return b"Content-Length: %d\r\n\r\n" % len(b) + b
class Conn:
    def __init__(self, s):
        self.s, self.buf = s, b""
    def next(self):
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if sep:
                n = int(head.split(b":")[1])
                if len(rest) >= n:
                    self.buf = rest[n:]
                    return json.loads(rest[:n])
            data = self.s.recv(65536)
            if not data:
                return None
            self.buf += data
lst = socket.socket(socket.AF_UNIX)
lst.bind(relay)
lst.listen(1)
lst.settimeout(60)
client = Conn(lst.accept()[0])
daemon = socket.socket(socket.AF_UNIX)
daemon.connect(real)
daemon = Conn(daemon)
params = report = None
while True:
    m = client.next()
    if m is None:
        break
    if m.get("method") == "stackfit/audit":
        params = m["params"]
    daemon.s.sendall(frame(m))
    a = daemon.next()
    if m.get("method") == "stackfit/audit":
        report = json.loads(base64.b64decode(a["result"]["stdout"]))
    client.s.sendall(frame(a))
daemon.s.sendall(frame({"jsonrpc": "2.0", "id": 99, "method": "stackfit/profile", "params": params}))
a = daemon.next()
assert a["id"] == 99 and a["result"] == report["profile"], a
assert report["profile"]["components"], report["profile"]
print("profile ok")
PY
relay=$!
i=0
while [ ! -S "$tmp/relay/stackfit/$(basename "$sock")" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
XDG_RUNTIME_DIR=$tmp/relay "$bin" audit --format json . >"$tmp/relayed.json" 2>"$err"
"$bin" audit --no-daemon --format json . >"$tmp/n.out" 2>/dev/null
wait "$relay"
check "audit through a relay: the same report" cmp -s "$tmp/relayed.json" "$tmp/n.out"
check "stackfit/profile: the profile of the JSON report" grep -q "profile ok" "$tmp/relay.out"
run 0 "the daemon still answers" "$bin" daemon status
out_has "^  pid: *$pid$"
same_as_in_process "and still checks" check "$files"

# --- stop --------------------------------------------------------------
run 0 "stop" "$bin" daemon stop "$repo"
out_has "^stopped the stackfit daemon for $real (pid $pid)"
check "  the daemon is gone" wait_gone "$pid"
check "  its socket is gone" [ ! -e "$sock" ]
run 1 "status after stop" "$bin" daemon status
run 1 "check after stop: in process" "$bin" check "$files"
err_empty

# --- a stale socket ----------------------------------------------------
run 0 "start" "$bin" daemon start --idle-timeout 120
pid=$(started)
kill -9 "$pid"
check "killed outright: the socket stays" wait_gone "$pid"
check "  (it does)" [ -S "$sock" ]
run 1 "check with a stale socket: in process, quietly" "$bin" check "$files"
err_empty
run 1 "status with a stale socket: none running" "$bin" daemon status
run 0 "start replaces the stale socket" "$bin" daemon start --idle-timeout 120
out_has "^started a stackfit daemon"
pid=$(started)
check "  a new daemon answers" [ -n "$pid" ]
check "  its log says it replaced the socket" grep -q "replaced the stale socket" "$sockdir"/*.log

# --- SIGTERM -----------------------------------------------------------
kill -TERM "$pid"
check "SIGTERM: the daemon exits" wait_gone "$pid"
check "  and removes its socket" [ ! -e "$sock" ]

# --- another build -----------------------------------------------------
# A copy of the binary with one more byte is another build: its daemon is
# not asked (it says so), and check analyses in process.
cp "$bin" "$tmp/other-stackfit"
printf x >>"$tmp/other-stackfit"
run 0 "start a daemon of another build" "$tmp/other-stackfit" daemon start --idle-timeout 120
pid=$(started)
"$bin" check --no-daemon "$files" >"$tmp/n.out" 2>/dev/null
run 1 "check: not answered by another build" "$bin" check "$files"
err_has "the daemon for $real: its build differs.*analysing in process"
check "  same report" cmp -s "$out" "$tmp/n.out"
run 0 "stop it" "$bin" daemon stop
check "  gone" wait_gone "$pid"

# --- two starts at once --------------------------------------------------
"$bin" daemon start --idle-timeout 120 >"$tmp/s1" 2>&1 &
a=$!
"$bin" daemon start --idle-timeout 120 >"$tmp/s2" 2>&1 &
b=$!
wait "$a"
ra=$?
wait "$b"
rb=$?
pid=$(started)
[ "$ra$rb" = 00 ] || cat "$tmp/s1" "$tmp/s2"
check "two starts at once: both exit 0" [ "$ra$rb" = 00 ]
check "  both name the one daemon" \
	[ "$(grep -c "(pid $pid," "$tmp/s1" "$tmp/s2" | grep -c ':1$')" -eq 2 ]
run 0 "stop" "$bin" daemon stop
check "  gone" wait_gone "$pid"

# --- idle timeout, in the foreground -------------------------------------
# 5 s, not 1: on a loaded machine (or under ASan) one status client can
# take longer than a second to start, and the daemon would be gone before
# the first poll reached it.
"$bin" daemon start --foreground --idle-timeout 5 "$repo" 2>"$tmp/fg.log" &
fg=$!
pids="$pids $fg"
i=0
while [ -z "$(dpid)" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
check "--foreground: it answers" [ -n "$(dpid)" ]
check "--idle-timeout 5: it exits by itself" wait_gone "$fg" 600
wait "$fg"
check "  with status 0" [ $? -eq 0 ]
check "  having said why" grep -q "no request for 5 s" "$tmp/fg.log"
check "  its socket is gone" [ ! -e "$sock" ]

# --- a socket folder open to others is not trusted ------------------------
run 0 "start" "$bin" daemon start --idle-timeout 60
pid=$(started)
before=$(daemon_answered)
chmod 755 "$sockdir"
run 1 "check: a socket folder others may enter is not used" "$bin" check "$files"
check "  (the daemon was not asked)" [ "$(daemon_answered)" = "$before" ]
chmod 700 "$sockdir"
run 0 "stop" "$bin" daemon stop
check "  gone" wait_gone "$pid"

check "no sanitizer reports in the daemon's log" \
	sh -c '! grep -q "Sanitizer" "$1"/*.log "$2"' _ "$sockdir" "$tmp/fg.log"
exit $fail
