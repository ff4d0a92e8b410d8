# Shared by the end-to-end scripts: check DESCRIPTION COMMAND... runs the
# command, prints "ok"/"FAIL" with the description, and sets fail=1 on
# failure; the script exits with $fail.
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
