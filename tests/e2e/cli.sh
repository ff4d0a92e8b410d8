#!/bin/sh
# End-to-end: the command line's contract — usage errors exit 2 with a
# message on stderr, --version, rules and explain.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"
# Per-run files: several test runs may share the machine.
tmpd=$(mktemp -d)
trap 'rm -rf "$tmpd"' EXIT
out=$tmpd/out
err=$tmpd/err

run 2 "no command" "$bin"
err_has "usage: stackfit COMMAND"
run 2 "unknown command" "$bin" frobnicate
err_has "unknown command 'frobnicate'"
run 2 "unknown global flag" "$bin" --frob
err_has "unknown option '--frob'"
run 2 "unknown audit flag" "$bin" audit --frob .
err_has "unknown option '--frob'"
err_has "usage: stackfit audit"
# Every command says the same of an option it does not know, or one
# given without its value.
for cmd in check baseline fix merge "daemon start" lsp; do
	# shellcheck disable=SC2086 # "daemon start" is two words
	run 2 "unknown $cmd flag" "$bin" $cmd --frob
	err_has "unknown option '--frob'"
	err_has "usage: stackfit ${cmd%% *}"
done
for args in "audit --format" "check --config" "daemon start --idle-timeout" "merge --output"; do
	# shellcheck disable=SC2086 # the words of the command line
	run 2 "$args without its value" "$bin" $args
	err_has "option '${args##* }' needs a value"
done
run 2 "bad format" "$bin" audit --format xml .
err_has "unknown format 'xml'"
run 2 "bad jobs" "$bin" audit --jobs 0 .
run 2 "missing path" "$bin" audit /nonexistent/dir
err_has "/nonexistent/dir: No such file or directory"
run 0 "--version" "$bin" --version
out_has "^stackfit [0-9]"
run 0 "--help" "$bin" --help
out_has "audit"
run 0 "rules" "$bin" rules
out_has "^JS101 *sync-io-in-event-loop *warning"
out_has "^PY201 *blocking-call-in-async"
run 0 "explain" "$bin" explain js101
out_has "^## Why is this bad"
run 0 "explain by name" "$bin" explain blocking-call-in-async
out_has "^# PY201"
run 2 "explain unknown" "$bin" explain XX999
err_has "unknown rule 'XX999'"

# Bad input files are skipped with a note, never a crash.
dir=$(mktemp -d)
printf 'const a = 1;\0\0binary' >"$dir/bin.js"
printf 'async def f():\n    import time\n    time.sleep(1)\n' >"$dir/ok.py"
printf '\377\376 garbage ((( => ' >"$dir/garbage.js"
run 1 "audit with a binary file" "$bin" audit --no-progress "$dir"
err_has "bin.js: skipped: binary file"
out_has "ok.py:3:5: PY201"
rm -rf "$dir"

# A git-ignored folder of a repository is audited by walking it (git
# lists nothing there), and git is asked to list files once: the
# repository's listing already said the folder holds nothing git lists.
dir=$(mktemp -d)
mkrepo "$dir/repo"
mkdir "$dir/repo/vendor" "$dir/bin"
printf 'vendor/\n' >"$dir/repo/.gitignore"
cp "$dir/repo/app.js" "$dir/repo/vendor/lib.js"
real_git=$(command -v git)
printf '#!/bin/sh\necho "$*" >>"%s/git.log"\nexec "%s" "$@"\n' "$dir" "$real_git" >"$dir/bin/git"
chmod +x "$dir/bin/git"
run 1 "audit of a git-ignored folder" \
	env PATH="$dir/bin:$PATH" "$bin" audit --no-daemon --no-progress "$dir/repo/vendor"
out_has "^lib.js:2:37: JS101"
out_lacks "app.js"
check "  git listed files once" [ "$(grep -c ls-files "$dir/git.log")" -eq 1 ]
# Without --no-daemon, audit first looks whether the folder is its own
# root (for a daemon), then for its workspace: the top level is found by
# its .git, without asking git, and git lists files once.
: >"$dir/git.log"
run 1 "audit of a folder of a repository, a daemon looked for first" \
	env PATH="$dir/bin:$PATH" "$bin" audit --no-progress "$dir/repo/vendor"
out_has "^lib.js:2:37: JS101"
check "  git not asked for the top level" [ "$(grep -c rev-parse "$dir/git.log")" -eq 0 ]
check "  git listed files once" [ "$(grep -c ls-files "$dir/git.log")" -eq 1 ]
# Where the environment moves git's search, git is asked (once).
: >"$dir/git.log"
run 1 "audit of a folder of a repository, GIT_CEILING_DIRECTORIES set" \
	env PATH="$dir/bin:$PATH" GIT_CEILING_DIRECTORIES=/nonexistent \
	"$bin" audit --no-progress "$dir/repo/vendor"
out_has "^lib.js:2:37: JS101"
check "  git asked for the top level once" [ "$(grep -c rev-parse "$dir/git.log")" -eq 1 ]
rm -rf "$dir"
exit $fail
