#!/bin/sh
# End-to-end: `audit --output FILE` writes a temporary file beside FILE and
# renames it at the end. FILE is untouched until then (a bad configuration
# leaves the previous report as it was), a symbolic link is refused rather
# than written through, and a file stackfit reads (a source, a manifest) is
# never replaced by a report.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/stdout
err=$tmp/stderr
repo=$tmp/repo
mkdir -p "$repo"
cd "$repo" || exit 1
printf "const fs = require('fs');\nrequire('http').createServer((q, s) => s.end(fs.readFileSync('x'))).listen(1);\n" >app.js
printf 'import time\nasync def h():\n    time.sleep(1)\n' >app.py
echo 'precious' >"$tmp/outside.txt"
ln -s ../outside.txt report.json
git init -q . && git add -A &&
	git -c user.name=t -c user.email=t@example.com commit -qm init

umask 022
run 2 "a symbolic link committed in the repository is refused" \
	"$bin" audit --no-cache --format json -o report.json .
err_has "report.json: is a symbolic link"
check "  the file it points to is unchanged" \
	[ "$(cat "$tmp/outside.txt")" = precious ]
check "  the link is still a link" [ -L report.json ]

run 1 "a new report file" "$bin" audit --no-cache --format json -o "$tmp/r.json" .
check "  it holds the report" grep -q '"rule": "JS101"' "$tmp/r.json"
check "  with the mode a plain open gives (0644 under umask 022)" \
	[ "$(stat -c %a "$tmp/r.json")" = 644 ]
check "  and no temporary file is left" \
	[ "$(find "$tmp" -maxdepth 1 -name '.*stackfit-*' | wc -l)" -eq 0 ]
cp "$tmp/r.json" "$tmp/r.before"
chmod 600 "$tmp/r.json"

printf '{"rules": {"JS101": "loud"}}\n' >.stackfit.json
run 2 "a bad configuration" "$bin" audit --no-cache --format json -o "$tmp/r.json" .
err_has ".stackfit.json"
check "  leaves the previous report intact" cmp -s "$tmp/r.json" "$tmp/r.before"
check "  and no temporary file" \
	[ "$(find "$tmp" -maxdepth 1 -name '.*stackfit-*' | wc -l)" -eq 0 ]
rm .stackfit.json

run 1 "the report replaces an existing one" \
	"$bin" audit --no-cache --format sarif -o "$tmp/r.json" .
check "  with the new report" grep -q '"version": "2.1.0"' "$tmp/r.json"
check "  keeping its mode" [ "$(stat -c %a "$tmp/r.json")" = 600 ]

cp app.py "$tmp/app.py.before"
run 2 "-o app.py: a source is not replaced" "$bin" audit --no-cache -o app.py .
err_has "app.py: refusing to replace a file stackfit reads"
check "  app.py is unchanged" cmp -s app.py "$tmp/app.py.before"
run 2 "-o package.json (a manifest that exists) is refused" \
	sh -c 'echo "{}" >package.json && "$1" audit --no-cache -o package.json .' _ "$bin"
check "  package.json is unchanged" [ "$(cat package.json)" = "{}" ]
rm package.json
run 2 "-o tsconfig.base.json (a configuration of module resolution) is refused" \
	sh -c 'echo "{}" >tsconfig.base.json && "$1" audit --no-cache -o tsconfig.base.json .' _ "$bin"
check "  tsconfig.base.json is unchanged" [ "$(cat tsconfig.base.json)" = "{}" ]
rm tsconfig.base.json

run 1 "-o /dev/null is written directly" "$bin" audit --no-cache -o /dev/null .
check "  /dev/null is still a device" [ -c /dev/null ]
run 2 "-o into a folder that does not exist" \
	"$bin" audit --no-cache -o "$tmp/no/such/r.txt" .
err_has "no/such/r.txt: cannot create a file beside it"
run 2 "-o a directory" "$bin" audit --no-cache -o "$tmp" .
err_has "is a directory"
exit $fail
