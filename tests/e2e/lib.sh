# Shared by the end-to-end scripts: sourced, not run.
# check DESCRIPTION COMMAND...: runs the command, prints ok/FAIL, and
# remembers a failure in $fail (the script exits with it).
fail=0
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
