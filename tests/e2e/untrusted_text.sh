#!/bin/sh
# End-to-end: text from a scanned repository cannot act on a terminal, a CI
# log or a parser. A flagged line holding terminal escapes (OSC 52 to the
# clipboard, clear screen, window title), a skipped file whose name holds
# line breaks and GitHub workflow commands, a path starting with "::", and a
# Latin-1 file name and route string: every format, the stderr notes and
# the language server's messages stay valid UTF-8 with every control
# character made visible, and no line can start a workflow command.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
[ -x "$py" ] || py=python3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo=$tmp/repo
mkdir -p "$repo/src"
cd "$repo" || exit 1
git init -q .
printf '{"name": "svc", "dependencies": {"express": "4"}}\n' >package.json
# Raw escape bytes inside a string on a flagged line.
printf "const fs = require('fs');\nconst express = require('express');\nconst app = express();\napp.get('/x', (req, res) => {\n  res.send(fs.readFileSync('\033]52;c;cHduZWQ=\007\033[2J\033]0;owned\007\233' + req.query.f));\n});\n" >src/esc.js
# A Latin-1 file name and a Latin-1 route string.
latin1=$(printf 'src/caf\351.js')
printf "const fs = require('fs');\nconst app = require('express')();\napp.get('/caf\351', (req, res) => {\n  res.send(fs.readFileSync('a'));\n});\n" >"$latin1"
# A path that starts with "::" and is flagged.
printf "const fs = require('fs');\nconst app = require('express')();\napp.get('/', (req, res) => res.send(fs.readFileSync('b')));\n" >'::warning file=x::boo.js'
# A binary file (skipped with a note) whose name breaks lines.
evil=$(printf 'src/x\n::error file=a.js::pwned\n::stop-commands::tok\n.js')
printf 'a\000b' >"$evil"
git add -A
git -c user.name=t -c user.email=t@example.com commit -qm init

# Checks one output file: valid UTF-8, no control character but tab and
# newline (and SGR colours when allowed), no line a workflow command.
clean() { # FILE [sgr] [github]
	"$py" - "$@" <<'PY'
import re, sys
path, opts = sys.argv[1], sys.argv[2:]
data = open(path, "rb").read()
text = data.decode("utf-8")  # strict: raises on bytes that are not UTF-8
if "sgr" in opts:
    text = re.sub("\x1b\\[[0-9;]*m", "", text)
bad = [hex(ord(c)) for c in text if (ord(c) < 32 and c not in "\t\n")
       or 0x7f <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e]
assert not bad, bad
for line in text.splitlines():
    if "github" in opts:
        assert re.match(r"::(error|warning|notice) file=[^:]*::", line), line
        assert "::stop-commands::" not in line.split("::", 2)[1], line
    else:
        assert not line.lstrip().startswith("::"), line
PY
}

for fmt in text json sarif github html; do
	"$bin" audit --no-cache --no-daemon --color never --format "$fmt" . \
		>"$tmp/out.$fmt" 2>"$tmp/err.$fmt"
	check "audit --format $fmt exits 1" [ $? -eq 1 ]
	if [ "$fmt" = github ]; then
		check "  $fmt: valid UTF-8, no control characters, only commands" clean "$tmp/out.$fmt" github
	else
		check "  $fmt: valid UTF-8, no control characters" clean "$tmp/out.$fmt"
	fi
	check "  $fmt: the stderr note is one clean line" clean "$tmp/err.$fmt"
	check "  $fmt: the note names the file, line breaks shown" \
		grep -q "^stackfit: src/x␊::error file=a.js::pwned␊::stop-commands::tok␊.js: skipped: binary" "$tmp/err.$fmt"
done
check "text: the escapes are shown as symbols" \
	grep -q "readFileSync('␛]52;c;cHduZWQ=␇␛\[2J␛]0;owned␇�'" "$tmp/out.text"
check "text: the caret still lines up under the call" "$py" - "$tmp/out.text" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
i = next(k for k, l in enumerate(lines) if "␛]52" in l)
code, caret = lines[i], lines[i + 1]
assert code.index("fs.readFileSync") == caret.index("^"), (code, caret)
PY
check "text: a path that starts with :: is written ./::" \
	grep -q '^\./::warning file=x::boo.js:3:' "$tmp/out.text"
check "text: the Latin-1 name and route as U+FFFD" \
	grep -q "^src/caf�.js:4:.*app.get('/caf�')" "$tmp/out.text"

"$bin" audit --no-cache --no-daemon --color always . >"$tmp/out.color" 2>/dev/null
check "text --color always: only colour sequences" clean "$tmp/out.color" sgr

check "json: the Latin-1 path as U+FFFD, its bytes in pathUri" "$py" - "$tmp/out.json" <<'PY'
import json, sys, urllib.parse
r = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
d = [d for d in r["diagnostics"] if d["path"].startswith("src/caf")]
assert d and d[0]["path"] == "src/caf\ufffd.js", d
assert urllib.parse.unquote_to_bytes(d[0]["pathUri"]) == b"src/caf\xe9.js", d
assert "/caf\ufffd" in d[0]["message"], d[0]["message"]
# Paths that are UTF-8 have no pathUri.
assert all("pathUri" not in x for x in r["diagnostics"] if x is not d[0])
PY
check "sarif: the Latin-1 file's URI holds its bytes" "$py" - "$tmp/out.sarif" <<'PY'
import json, sys, urllib.parse
r = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
uris = [x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for x in r["runs"][0]["results"]]
assert "src/caf%E9.js" in uris, uris
PY

# check, given the files by name as pre-commit passes them.
"$bin" check --no-cache --no-daemon --format json "$latin1" "$evil" \
	>"$tmp/check.json" 2>"$tmp/check.err"
check "check --format json: exits 1" [ $? -eq 1 ]
check "  valid UTF-8" clean "$tmp/check.json"
check "  its notes one clean line each" clean "$tmp/check.err"
"$bin" check --no-cache --no-daemon "$(printf 'no\n::error::such.js')" \
	>/dev/null 2>"$tmp/usage.err"
check "check of a missing file with line breaks: exit 2" [ $? -eq 2 ]
check "  the error is clean" clean "$tmp/usage.err"
check "  and names the file" grep -q 'no␊::error::such.js' "$tmp/usage.err"

# The language server: a configuration error naming a Latin-1 key is shown
# with window/showMessage; the frame must be UTF-8 for the editor to read.
lsp=$tmp/lsp
mkdir -p "$lsp"
printf '{"caf\351": 1}\n' >"$lsp/.stackfit.json"
printf 'const fs = require("fs");\n' >"$lsp/a.js"
check "lsp: the showMessage about a Latin-1 key is valid UTF-8" "$py" - "$bin" "$lsp" <<'PY'
import json, subprocess, sys, urllib.parse
bin, root = sys.argv[1], sys.argv[2]
p = subprocess.Popen([bin, "lsp"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
def send(m):
    b = json.dumps(m).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
    p.stdin.flush()
def read():
    n = None
    while True:
        line = p.stdout.readline()
        if not line:
            raise SystemExit("server closed")
        if line == b"\r\n":
            break
        if line.lower().startswith(b"content-length:"):
            n = int(line.split(b":")[1])
    return p.stdout.read(n)
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "processId": None, "capabilities": {},
    "rootUri": "file://" + urllib.parse.quote(root)}})
found = None
for _ in range(20):
    raw = read()
    msg = json.loads(raw.decode("utf-8"))  # strict
    if msg.get("method") == "window/showMessage":
        found = msg["params"]["message"]
    if msg.get("id") == 1:
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    if found:
        break
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
send({"jsonrpc": "2.0", "method": "exit"})
p.wait(timeout=30)
assert found and "caf\ufffd" in found, found
PY
exit $fail
