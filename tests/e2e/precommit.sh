#!/bin/sh
# End-to-end: the repository's .pre-commit-hooks.yaml with Debian's
# pre-commit, and the plain git hook of docs/git-hooks.md, both running the
# stackfit that `cmake --install` put in a prefix: each blocks exactly the
# commits that would bring a finding in — also when the working tree
# differs from what is staged.
# Usage: precommit.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
. "$src/tests/e2e/lib.sh"
if ! command -v pre-commit >/dev/null 2>&1; then
	echo "pre-commit is not installed (scripts/deps.sh test installs it)"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out err=$tmp/err
export PRE_COMMIT_HOME="$tmp/pre-commit" STACKFIT_CACHE_DIR="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
# Commits without the user's git configuration.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com

run 0 "cmake --install --prefix" cmake --install "$build" --prefix "$tmp/prefix"
PATH=$tmp/prefix/bin:$PATH
export PATH

# The hooks repository: this one's .pre-commit-hooks.yaml, committed.
hooks=$tmp/hooks
mkdir -p "$hooks"
git -C "$hooks" init -q .
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -qm hooks
rev=$(git -C "$hooks" rev-parse HEAD)

clean="const fs = require('fs');\napp.get('/', async (req, res) => res.send(await fs.promises.readFile('x')));\n"
blocking="const fs = require('fs');\napp.get('/', (req, res) => res.send(fs.readFileSync('x')));\n"

# repo DIR: a repository with a clean app.js committed.
repo() {
	mkdir -p "$1"
	git -C "$1" init -q .
	printf "$clean" >"$1/app.js"
	git -C "$1" add app.js
	git -C "$1" commit -qm init --no-verify
}
# commit DIR: `git commit` with the hooks, its output in $out.
commit() { (cd "$1" && git commit -qm change) >"$out" 2>&1; }

# The scenarios, for the hook installed in DIR.
scenarios() { # dir, what
	d=$1
	printf "$blocking" >"$d/app.js"
	git -C "$d" add app.js
	commit "$d"
	check "$2: a staged finding blocks the commit" [ $? -ne 0 ]
	check "  and names it" grep -q 'app.js:2:37: JS101' "$out"
	# Staged blocking, fixed only in the working tree: still blocked.
	printf "$clean" >"$d/app.js"
	commit "$d"
	check "$2: an unstaged fix does not let a staged finding through" [ $? -ne 0 ]
	check "  the working tree's fix is still there" grep -q 'fs.promises' "$d/app.js"
	# Staged clean, blocking only in the working tree: passes.
	git -C "$d" add app.js
	printf "$blocking" >"$d/app.js"
	printf "x = 1\n" >"$d/ok.py"
	git -C "$d" add ok.py
	commit "$d"
	check "$2: an unstaged blocking edit does not block a clean commit" [ $? -eq 0 ]
	check "  the unstaged edit is still there" grep -q 'readFileSync' "$d/app.js"
	check "  the commit holds the staged (clean) text" \
		sh -c 'git -C "$1" show HEAD:app.js | grep -q fs.promises' _ "$d"
	printf "$clean" >"$d/app.js"
	git -C "$d" add app.js
	# A Python script without an extension, staged: read by its #!.
	printf '#!/usr/bin/env python3\nimport time\n\nasync def main():\n    time.sleep(1)\n' >"$d/tool"
	chmod +x "$d/tool"
	git -C "$d" add tool
	commit "$d"
	check "$2: a #! python script's finding blocks" [ $? -ne 0 ]
	check "  and names it" grep -q 'tool:5:5: PY201' "$out"
	printf '#!/usr/bin/env python3\nimport asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n' >"$d/tool"
	git -C "$d" add tool
	printf 'def f(x: int) -> int: ...\n' >"$d/stub.pyi"
	printf '#!/bin/sh\necho hi\n' >"$d/run.sh"
	git -C "$d" add stub.pyi run.sh
	commit "$d"
	check "$2: stubs and shell scripts do not block" [ $? -eq 0 ]
	# TypeScript's .mts and .cts, which Debian's pre-commit tags as
	# nothing but text: checked.
	for ext in mts cts; do
		printf "import * as fs from 'fs';\nexport function handler(req: any, res: any) { app.get('/', (q: any, r: any) => r.send(fs.readFileSync('x'))); }\n" >"$d/mod.$ext"
		git -C "$d" add "mod.$ext"
		commit "$d"
		check "$2: a finding in a .$ext file blocks" [ $? -ne 0 ]
		check "  and names it" grep -q "mod.$ext:2:.*JS101" "$out"
		git -C "$d" rm -q --cached "mod.$ext"
		rm "$d/mod.$ext"
	done
	# Text files without an extension that are not scripts: skipped.
	printf 'all:\n\ttrue\n' >"$d/Makefile"
	printf 'MIT\n' >"$d/LICENSE"
	git -C "$d" add Makefile LICENSE
	commit "$d"
	check "$2: a Makefile and a LICENSE do not block" [ $? -eq 0 ]
	# Conflict markers: blocked.
	printf "const fs = require('fs');\n<<<<<<< HEAD\nconst a = 1;\n=======\nconst a = 2;\n>>>>>>> other\n" >"$d/merge.js"
	git -C "$d" add merge.js
	commit "$d"
	check "$2: conflict markers block" [ $? -ne 0 ]
	check "  as a syntax-error" grep -q 'merge.js:2:1: syntax-error' "$out"
	git -C "$d" rm -q --cached merge.js
	rm "$d/merge.js"
}

# pre-commit, with the repository's hook.
p=$tmp/with-pre-commit
repo "$p"
cat >"$p/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: stackfit
YAML
git -C "$p" add .pre-commit-config.yaml
git -C "$p" commit -qm config --no-verify
run 0 "pre-commit install" sh -c 'cd "$1" && pre-commit install' _ "$p"
scenarios "$p" "pre-commit"

# The plain git hook, as docs/git-hooks.md writes it.
g=$tmp/with-git-hook
repo "$g"
python3 - "$src/docs/git-hooks.md" >"$g/.git/hooks/pre-commit" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
hook = [b for b in blocks if b.startswith("#!/bin/sh")]
assert len(hook) == 1, blocks
print(hook[0], end="")
PY
chmod +x "$g/.git/hooks/pre-commit"
check "the documented hook runs check --staged" grep -q 'stackfit check --staged' "$g/.git/hooks/pre-commit"
scenarios "$g" "plain hook"

exit $fail
