#!/bin/sh
# End-to-end: a command that analyses a batch and exits (here `audit`) asks
# for whole heaps and marks them for transparent huge pages
# (analyzers/util/xalloc.c); the language server and the daemon, which give
# memory back between analyses, keep the allocator's defaults. Seen from
# outside, in each running process's /proc/PID/smaps ("hg" among a
# mapping's VmFlags: marked with madvise(MADV_HUGEPAGE)).
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

if [ ! -d /sys/kernel/mm/transparent_hugepage ]; then
	echo "skip: this kernel has no transparent huge pages"
	exit 0
fi

tmp=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	exec 3>&- 4>&-
	rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_RUNTIME_DIR="$tmp/rt"
mkdir -m 700 "$XDG_RUNTIME_DIR"
mkrepo "$tmp/repo"
cd "$tmp/repo" || exit 1
# Enough findings that the JSON report fills a pipe: the audit then waits,
# alive, for a reader that never reads.
i=0
while [ $i -lt 2000 ]; do
	echo "app.get('/r$i', (req, res) => res.send(fs.readFileSync('x')));"
	i=$((i + 1))
done >>app.js

marked() { grep -q '^VmFlags:.* hg' "/proc/$1/smaps" 2>/dev/null; }
# waits up to 10 s for process $1 to have a marked mapping
becomes_marked() {
	n=0
	while [ $n -lt 100 ]; do
		marked "$1" && return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
alive() { kill -0 "$1" 2>/dev/null; }

mkfifo "$tmp/report" "$tmp/lsp-in"
exec 3<>"$tmp/report"
"$bin" audit --no-daemon --no-cache --format json . >"$tmp/report" 2>/dev/null &
audit=$!
pids="$pids $audit"
check "audit: its heaps are marked for huge pages" becomes_marked "$audit"

exec 4<>"$tmp/lsp-in"
"$bin" lsp <"$tmp/lsp-in" >/dev/null 2>&1 &
lsp=$!
pids="$pids $lsp"
"$bin" daemon start --foreground --idle-timeout 60 "$tmp/repo" \
	>/dev/null 2>&1 &
daemon=$!
pids="$pids $daemon"
# Both have started and allocated (the daemon indexes the repository).
sleep 2
check "lsp: running" alive "$lsp"
check "  no mapping of it marked" sh -c "! grep -q '^VmFlags:.* hg' /proc/$lsp/smaps"
check "daemon: running" alive "$daemon"
check "  no mapping of it marked" sh -c "! grep -q '^VmFlags:.* hg' /proc/$daemon/smaps"
exit $fail
