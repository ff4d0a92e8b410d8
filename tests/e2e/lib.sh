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
