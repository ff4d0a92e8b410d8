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

mk() { # dir: a git repository with one JS101 finding in app.js
	mkdir -p "$1"
	printf "const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('x')));\n" >"$1/app.js"
	git -C "$1" init -q .
	git -C "$1" add app.js
	git -C "$1" -c user.email=t@example.com -c user.name=t \
		-c commit.gpgsign=false commit -qm init
}
finding="app.js:2:37: JS101"

# --- FIFOs ------------------------------------------------------------------
# What git reads: git is given 5 s, then the folder is walked.
d=$tmp/fifo-gitignore && mk "$d" && mkfifo "$d/.gitignore"
run 1 "a FIFO named .gitignore: the audit ends" limit "$bin" audit --no-progress "$d"
out_has "$finding"
err_has "git ls-files did not finish within 5 s (STACKFIT_GIT_TIMEOUT); listing the files by walking"
d=$tmp/fifo-excludes && mk "$d" && mkfifo "$tmp/excludes-fifo"
git -C "$d" config core.excludesFile "$tmp/excludes-fifo"
run 1 "a FIFO as core.excludesFile: the audit ends" limit "$bin" audit --no-progress "$d"
out_has "$finding"
d=$tmp/fifo-include && mk "$d" && mkfifo "$tmp/include-fifo"
git -C "$d" config include.path "$tmp/include-fifo"
run 1 "a FIFO as include.path: the audit ends" limit "$bin" audit --no-progress "$d"
out_has "$finding"
run 1 "  and check, run in it" sh -c 'cd "$1" && timeout -k 5 60 "$2" check app.js' _ "$d" "$bin"
out_has "$finding"
run 2 "  and check --staged: an error" sh -c 'cd "$1" && timeout -k 5 60 "$2" check --staged' _ "$d" "$bin"
err_has "git rev-parse did not finish within 5 s"
err_has "the current directory is not in a git work tree"

exit $fail
