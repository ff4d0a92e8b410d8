#!/bin/sh
# End-to-end: what a hostile repository, or another user of the machine,
# can put in the way of a run; tests/HARDENING.md lists the threats and
# the test of each. Every run has a time limit, so that a hang fails the
# test instead of stopping it. The parts that need another user or
# dropped permissions run as root only.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
cleanup() {
	# A git that old code left waiting on a FIFO: give it its end.
	find "$tmp" -type p 2>/dev/null | while read -r p; do
		timeout 1 sh -c ': >"$1"' _ "$p" 2>/dev/null
	done
	chmod -R u+rwx "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
out=$tmp/out
err=$tmp/err
export STACKFIT_CACHE_DIR="$tmp/cache"
# A git command may take 5 s here (not 60): every FIFO below costs that
# once.
export STACKFIT_GIT_TIMEOUT=5
# limit COMMAND...: the command, killed after 60 s (exit 124).
limit() { timeout -k 5 60 "$@"; }
root=$(id -u)
finding="app.js:2:37: JS101"

# --- FIFOs ------------------------------------------------------------------
# Files that are read when present, and left when they cannot be.
for f in requirements.txt setup.py setup.cfg; do
	d=$tmp/fifo-$f && mkrepo "$d" && mkfifo "$d/$f"
	run 1 "a FIFO named $f: the audit ends" limit "$bin" audit --no-progress "$d"
	out_has "$finding"
done
# Configuration files: a clear error.
for f in .stackfit.json package.json pyproject.toml; do
	d=$tmp/fifo-$f && mkrepo "$d" && mkfifo "$d/$f"
	run 2 "a FIFO named $f: the audit ends with an error" \
		limit "$bin" audit --no-progress "$d"
	err_has "$d/$f: not a regular file"
done
# What git reads: git is given 5 s, then the folder is walked.
d=$tmp/fifo-gitignore && mkrepo "$d" && mkfifo "$d/.gitignore"
run 1 "a FIFO named .gitignore: the audit ends" limit "$bin" audit --no-progress "$d"
out_has "$finding"
err_has "git ls-files did not finish within 5 s (STACKFIT_GIT_TIMEOUT); listing the files by walking"
d=$tmp/fifo-excludes && mkrepo "$d" && mkfifo "$tmp/excludes-fifo"
git -C "$d" config core.excludesFile "$tmp/excludes-fifo"
run 1 "a FIFO as core.excludesFile: the audit ends" limit "$bin" audit --no-progress "$d"
out_has "$finding"
d=$tmp/fifo-include && mkrepo "$d" && mkfifo "$tmp/include-fifo"
git -C "$d" config include.path "$tmp/include-fifo"
run 1 "a FIFO as include.path: the audit ends" limit "$bin" audit --no-progress "$d"
out_has "$finding"
# The repository's own configuration, read to find the top level without
# git: never waited on; git is asked, and given 5 s.
d=$tmp/fifo-gitconfig && mkrepo "$d" && rm "$d/.git/config" && mkfifo "$d/.git/config"
run 1 "a FIFO as .git/config: the audit ends" limit "$bin" audit --no-progress "$d"
out_has "$finding"
run 1 "  and check, run in it" sh -c 'cd "$1" && timeout -k 5 60 "$2" check app.js' _ "$d" "$bin"
out_has "$finding"
run 2 "  and check --staged: an error" sh -c 'cd "$1" && timeout -k 5 60 "$2" check --staged' _ "$d" "$bin"
err_has "git rev-parse did not finish within 5 s"
err_has "the current directory is not in a git work tree"
# The cache folder: a FIFO for every shard that is not there, one in
# place of a shard, and one as another root's ROOT file.
d=$tmp/fifo-cache && mkrepo "$d"
(STACKFIT_CACHE_DIR=$tmp/cache-fifo && export STACKFIT_CACHE_DIR &&
	"$bin" audit --no-progress "$d" >/dev/null 2>&1)
for dir in "$tmp"/cache-fifo/*/; do
	first=""
	for i in $(seq 0 63); do
		f=$dir$(printf %02x "$i").sfc
		if [ -e "$f" ] && [ -z "$first" ]; then
			first=$f && rm "$f"
		fi
		[ -e "$f" ] || mkfifo "$f"
	done
done
mkdir "$tmp/cache-fifo/0123456789abcdef" && mkfifo "$tmp/cache-fifo/0123456789abcdef/ROOT"
run 1 "FIFOs in the cache folder: the audit ends" \
	env STACKFIT_CACHE_DIR="$tmp/cache-fifo" timeout -k 5 60 "$bin" audit --no-progress "$d"
out_has "$finding"
d2=$tmp/fifo-cache-2 && mkrepo "$d2"
run 1 "  and the first audit of another root (which sweeps gone roots)" \
	env STACKFIT_CACHE_DIR="$tmp/cache-fifo" timeout -k 5 60 "$bin" audit --no-progress "$d2"
# The language server: initialize is answered, the configuration error
# shown.
d=$tmp/fifo-lsp && mkrepo "$d" && mkfifo "$d/.stackfit.json" "$d/.gitignore"
check "a FIFO in the language server's root: initialize is answered" \
	python3 - "$bin" "$d" <<'PY'
import json, os, select, subprocess, sys, time
p = subprocess.Popen([sys.argv[1], "lsp"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
def send(msg):
    body = json.dumps(msg).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    p.stdin.flush()
buf = b""
def read(deadline):
    global buf
    while True:
        head, sep, rest = buf.partition(b"\r\n\r\n")
        if sep:
            n = int(head.split(b":")[1])
            if len(rest) >= n:
                buf = rest[n:]
                return json.loads(rest[:n])
        left = deadline - time.time()
        if left <= 0 or not select.select([p.stdout], [], [], left)[0]:
            return None
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            return None
        buf += chunk
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": None, "rootUri": "file://" + sys.argv[2], "capabilities": {}}})
deadline = time.time() + 30
shown = answered = False
while not answered:
    m = read(deadline)
    if m is None:
        break
    if m.get("method") == "window/showMessage" and "not a regular file" in m["params"]["message"]:
        shown = True
    if m.get("id") == 1 and "capabilities" in m.get("result", {}):
        answered = True
p.kill()
sys.exit(0 if answered and shown else 1)
PY

# --- nothing of the repository runs ---------------------------------------
# Every command a repository's git configuration can name, and every hook,
# leaves a mark if it runs.
d=$tmp/commands && mkrepo "$d"
mark=$tmp/executed
printf '#!/bin/sh\necho "$0 $*" >>"%s"\n' "$mark" >"$tmp/cmd.sh"
chmod +x "$tmp/cmd.sh"
for k in core.fsmonitor diff.external core.pager core.editor core.sshCommand \
	filter.x.clean filter.x.smudge filter.x.process core.askPass \
	gpg.program credential.helper; do
	git -C "$d" config "$k" "$tmp/cmd.sh"
done
mkdir "$d/hooks"
for h in pre-commit post-checkout post-index-change fsmonitor-watchman \
	reference-transaction post-rewrite; do
	cp "$tmp/cmd.sh" "$d/hooks/$h"
done
git -C "$d" config core.hooksPath hooks
printf '* filter=x diff=x\n' >"$d/.gitattributes"
printf "\n// staged\n" >>"$d/app.js"
git -C "$d" -c core.hooksPath=/dev/null -c core.fsmonitor=false \
	-c filter.x.clean=cat -c filter.x.process= add app.js
rm -f "$mark"
run 1 "a repository whose git configuration names commands: audit" \
	limit "$bin" audit --no-progress "$d"
run 1 "  check" sh -c 'cd "$1" && timeout -k 5 60 "$2" check app.js' _ "$d" "$bin"
run 1 "  check --staged" sh -c 'cd "$1" && timeout -k 5 60 "$2" check --staged' _ "$d" "$bin"
check "  none of them ran" [ ! -e "$mark" ]

# --- another user's configuration -----------------------------------------
if [ "$root" -eq 0 ]; then
	# Above the audited folder, a folder of another user's...
	d=$tmp/others && mkdir -p "$d/mine"
	printf "const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('x')));\n" >"$d/mine/app.js"
	printf '{"stackfit": {"exclude": ["**"]}}\n' >"$d/package.json"
	chown nobody "$d"
	run 1 "another user's package.json above the audited folder is not read" \
		limit "$bin" audit --no-progress "$d/mine"
	out_has "$finding"
	err_has "$d/package.json: not read: it belongs to another user"
	# ... and one everyone may write to (like /tmp).
	d=$tmp/shared && mkdir -p "$d/mine" && chmod 777 "$d"
	cp "$tmp/others/mine/app.js" "$d/mine/app.js"
	printf '{"exclude": ["**"]}\n' >"$d/.stackfit.json"
	run 1 "a .stackfit.json in a folder everyone may write to is not read" \
		limit "$bin" audit --no-progress "$d/mine"
	out_has "$finding"
	err_has "$d/.stackfit.json: not read: everyone may write to it"
	# The audited folder's own owner's configuration is: a checkout of
	# another user's, audited from a sub-folder.
	d=$tmp/theirs && mkdir -p "$d/sub"
	cp "$tmp/others/mine/app.js" "$d/sub/app.js"
	printf '{"exclude": ["**"]}\n' >"$d/.stackfit.json"
	chown -R nobody "$d"
	run 0 "the configuration of the audited folder's owner above it is read" \
		limit "$bin" audit --no-progress "$d/sub"
	out_has "No problems found"
else
	echo "skip another user's configuration (needs root to chown)"
fi

# --- unreadable folders -----------------------------------------------------
# Root reads everything: the runs below drop the capabilities that let it.
if [ "$root" -eq 0 ] && setpriv --bounding-set=-dac_override,-dac_read_search true 2>/dev/null; then
	noperm="setpriv --bounding-set=-dac_override,-dac_read_search --"
	d=$tmp/perm && mkrepo "$d"
	mkdir "$d/noexec" "$d/noread"
	cp "$d/app.js" "$d/noexec/tracked.js"
	git -C "$d" add noexec/tracked.js
	git -C "$d" -c user.email=t@example.com -c user.name=t \
		-c commit.gpgsign=false commit -qm more
	cp "$d/app.js" "$d/noread/untracked.js"
	chmod 666 "$d/noexec"
	chmod 333 "$d/noread"
	run 1 "git: a tracked file in a folder without search permission is noted" \
		limit $noperm "$bin" audit --no-progress "$d"
	err_has "^stackfit: noexec/tracked.js: skipped: Permission denied"
	err_has "^stackfit: noread: skipped: Permission denied"
	rm -rf "$d/.git"
	run 1 "no git: the same" limit $noperm "$bin" audit --no-progress "$d"
	err_has "^stackfit: noexec/tracked.js: skipped: Permission denied"
	err_has "^stackfit: noread: skipped: Permission denied"
	chmod 755 "$d/noexec" "$d/noread"
	# A folder inside a work tree is walked while git lists the
	# repository, and the walk's notes are kept until it is known which
	# listing holds: each unreadable folder is noted once, by the listing
	# used (git's for a tracked folder, the walk's for an ignored one).
	d=$tmp/inside && mkrepo "$d"
	mkdir -p "$d/sub/noread" "$d/ign/noread"
	printf 'ign/\n' >"$d/.gitignore"
	cp "$d/app.js" "$d/sub/tracked.js"
	cp "$d/app.js" "$d/ign/lib.js"
	git -C "$d" add .gitignore sub/tracked.js
	git -C "$d" -c user.email=t@example.com -c user.name=t \
		-c commit.gpgsign=false commit -qm more
	chmod 333 "$d/sub/noread" "$d/ign/noread"
	run 1 "a tracked folder of a repository: an unreadable folder noted once" \
		limit $noperm "$bin" audit --no-daemon --no-progress "$d/sub"
	out_has "^sub/tracked.js:2:37: JS101"
	check "  stderr: sub/noread noted once, by git's listing" \
		[ "$(grep -c 'noread: skipped: Permission denied' "$err")" -eq 1 ]
	err_has "^stackfit: sub/noread: skipped: Permission denied"
	run 1 "an ignored folder of a repository: an unreadable folder noted once" \
		limit $noperm "$bin" audit --no-daemon --no-progress "$d/ign"
	out_has "^lib.js:2:37: JS101"
	check "  stderr: noread noted once, by the walk" \
		[ "$(grep -c '^stackfit: noread: skipped: Permission denied' "$err")" -eq 1 ]
	chmod 755 "$d/sub/noread" "$d/ign/noread"
else
	echo "skip unreadable folders (needs root and setpriv)"
fi

# --- the cache ----------------------------------------------------------------
# Two texts of one length whose old 64-bit key was the same (the second
# made for it): the second is analysed, not answered from the first's
# clean entry.
d=$tmp/collide && mkdir -p "$d"
python3 - "$d/a.js" "$tmp/b.js" <<'PY'
import random, sys
M = (1 << 64) - 1
K = 0x9E3779B97F4A7C15
KI = pow(K, -1, 1 << 64)
def unmix(y):  # the inverse of y ^= y >> 29
    x = y
    for _ in range(3):
        x = y ^ (x >> 29)
    return x
def words(t):
    return [int.from_bytes(t[i:i + 8], "little") for i in range(0, len(t), 8)]
def old_key(t):  # the key before SHA-256: summary_hash_text
    h = 14695981039346656037 ^ len(t)
    for w in words(t):
        h = ((h ^ w) * K) & M
        h ^= h >> 29
    return h
clean = b"const fs = require('fs');\napp.get('/', (req, res) => res.send('ok'));\n"
bad = b"const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('x')));\n/*"
rng = random.Random(1)
while True:
    head = bad + bytes(rng.choice(b"abcdefghij") for _ in range(-len(bad) % 8 + 8))
    tail = b"*/\n"
    n = len(head) + 8 + len(tail)
    n += -n % 8
    tail = tail + b" " * (n - len(head) - 8 - len(tail))
    a = clean + b"/*" + b"x" * (n - len(clean) - 5) + b"*/\n"
    if len(a) != n:
        continue
    target = old_key(a)
    h = 14695981039346656037 ^ n
    for w in words(head):
        h = ((h ^ w) * K) & M
        h ^= h >> 29
    # Back from the target through the tail's words to the free word's.
    g = target
    for w in reversed(words(tail)):
        g = ((unmix(g) * KI) & M) ^ w
    free = ((unmix(g) * KI) & M) ^ h
    fb = free.to_bytes(8, "little")
    if b"\0" in fb or b"*/" in head[-1:] + fb + tail[:1] or b"\n" in fb:
        continue
    b = head + fb + tail
    assert len(b) == len(a) and old_key(b) == old_key(a)
    open(sys.argv[1], "wb").write(a)
    open(sys.argv[2], "wb").write(b)
    break
PY
(export STACKFIT_CACHE_DIR="$tmp/cache-collide" &&
	"$bin" audit --no-progress "$d" >/dev/null 2>&1)
cp "$tmp/b.js" "$d/a.js"
run 1 "a text made to collide with a cached clean one under the old key is analysed" \
	env STACKFIT_CACHE_DIR="$tmp/cache-collide" "$bin" audit --no-progress "$d"
out_has "a.js:2:37: JS101"
# A workspace's cache folder reached through a symbolic link is refused:
# whoever may write the folder above would choose where the cache writes.
d=$tmp/linked && mkrepo "$d"
(export STACKFIT_CACHE_DIR="$tmp/cache-link" && "$bin" audit --no-progress "$d" >/dev/null 2>&1)
folder=$(ls "$tmp/cache-link" | grep -E '^[0-9a-f]{16}$')
mv "$tmp/cache-link/$folder" "$tmp/elsewhere"
rm -f "$tmp/elsewhere"/*.sfc
ln -s "$tmp/elsewhere" "$tmp/cache-link/$folder"
run 1 "a cache folder that is a symbolic link: the audit runs" \
	env STACKFIT_CACHE_DIR="$tmp/cache-link" "$bin" audit --no-progress "$d"
err_has "the cache $tmp/cache-link/$folder is a symbolic link"
check "  and nothing is written where it points" \
	sh -c '! ls "$1" | grep -q "\.sfc$"' _ "$tmp/elsewhere"
# A run killed while writing left NN.sfc.1.tmp files (pid 1, as in a
# container): the next run as pid 1 still writes its cache.
if [ "$root" -eq 0 ] && unshare --pid --fork true 2>/dev/null; then
	d=$tmp/pid1 && mkrepo "$d"
	(export STACKFIT_CACHE_DIR="$tmp/cache-pid1" && "$bin" audit --no-progress --no-cache "$d" >/dev/null 2>&1)
	(export STACKFIT_CACHE_DIR="$tmp/cache-pid1" && "$bin" audit --no-progress "$d" >/dev/null 2>&1)
	for dir in "$tmp"/cache-pid1/*/; do
		rm -f "$dir"*.sfc
		for i in $(seq 0 63); do
			: >"$dir$(printf %02x "$i").sfc.1.tmp"
		done
	done
	run 1 "left-over temporary files of a pid-1 run: a pid-1 run writes its cache" \
		env STACKFIT_CACHE_DIR="$tmp/cache-pid1" unshare --pid --fork "$bin" audit --no-progress "$d"
	check "  no note" sh -c '! grep -q "cannot write the cache" "$1"' _ "$err"
	check "  its shards are there" sh -c 'ls "$1"/*/*.sfc >/dev/null 2>&1' _ "$tmp/cache-pid1"
else
	echo "skip a pid-1 run (needs root and unshare)"
fi

# --- line ends ----------------------------------------------------------------
# A lone CR ends a line (classic Mac files; Python and JavaScript read it
# as one): findings are numbered by such lines, in every format, from the
# disk and from a daemon-less check, the same as the LF file's.
d=$tmp/cr && mkdir -p "$d/lf" "$d/cr" "$d/mixed"
printf 'const fs = require("fs");\nfunction handler(req, res) {\n  res.send(fs.readFileSync(req.query.p));\n}\nrequire("http").createServer(handler).listen(8080);\n' >"$d/lf/app.js"
printf 'import asyncio\nimport time\n\nasync def tick():\n    time.sleep(1)\n' >"$d/lf/job.py"
for f in app.js job.py; do
	tr '\n' '\r' <"$d/lf/$f" >"$d/cr/$f"
done
# Mixed: CRLF, then lone CRs, then LF.
python3 - "$d/lf/app.js" "$d/mixed/app.js" <<'PY'
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
ends = [b"\r\n", b"\r", b"\r", b"\n", b"\n"]
open(sys.argv[2], "wb").write(b"".join(l + e for l, e in zip(lines, ends)))
PY
run 1 "LF: the reference" limit "$bin" audit --no-progress --no-cache --format json "$d/lf"
python3 -c 'import json,sys; print(sorted((x["path"], x["rule"], x["line"], x["column"]) for x in json.load(open(sys.argv[1]))["diagnostics"]))' "$out" >"$tmp/cr-want"
check "  JS101 at line 3 and PY201 at line 5" grep -q "('app.js', 'JS101', 3, .*('job.py', 'PY201', 5," "$tmp/cr-want"
for kind in cr mixed; do
	run 1 "$kind line ends: the same lines and columns as LF" \
		limit "$bin" audit --no-progress --no-cache --format json "$d/$kind"
	python3 -c 'import json,sys; print(sorted((x["path"], x["rule"], x["line"], x["column"]) for x in json.load(open(sys.argv[1]))["diagnostics"]))' "$out" >"$tmp/cr-got"
	if [ "$kind" = mixed ]; then
		check "  app.js as in LF" sh -c 'grep -o "(.app.js[^)]*)" "$1" | head -1 | grep -q "JS101.*3"' _ "$tmp/cr-got"
	else
		check "  identical" cmp -s "$tmp/cr-want" "$tmp/cr-got"
	fi
done
run 1 "CR line ends, text report: the flagged line shown alone" \
	limit "$bin" audit --no-progress --no-cache --color never "$d/cr"
out_has "app.js:3:"
out_has "^ *3 | *res.send(fs.readFileSync(req.query.p));\$"
run 1 "CR line ends, check without a daemon" \
	limit sh -c 'cd "$1" && "$2" check --no-daemon job.py' _ "$d/cr" "$bin"
out_has "job.py:5:5: PY201"

# --- a text tree-sitter's error recovery cannot finish -----------------------
# A kilobyte the tsx fuzzer made kept the parser's error recovery busy for
# minutes and gigabytes; the parse has a budget per KiB, and the file is
# skipped with a note that says why.
d=$tmp/blowup && mkdir -p "$d"
cp "$(dirname "$0")/../fuzz/corpus/tsx/error-recovery-blowup.tsx" "$d/page.tsx"
printf 'const fs = require("fs");\nfs.readFileSync("x");\n' >"$d/ok.js"
run 0 "a text whose error recovery blows up: skipped with a note, in time" \
	limit "$bin" audit --no-progress --no-cache "$d"
err_has "page.tsx: skipped: tree-sitter's error recovery gave up on it"
out_has "in 1 file"

exit $fail
