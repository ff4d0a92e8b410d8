#!/bin/sh
# End-to-end, as far as a machine without GitHub allows: action.yml and the
# workflows of docs/github-actions.md pass GitHub's own parser; the action's
# script (scripts/github-action.sh), run as the runner runs it on a
# repository with odd file names, writes its outputs and a SARIF that passes
# the multitool with GitHub's ingestion rules, and says how the audit ended.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"
tools=$src/tests/tools

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The workflows of the documentation, one file each.
python3 - "$src/docs/github-actions.md" "$tmp" <<'PY'
import re, sys
doc = open(sys.argv[1]).read()
blocks = [b for b in re.findall(r"```yaml\n(.*?)```", doc, re.S) if "jobs:" in b]
assert len(blocks) >= 2, len(blocks)
for i, b in enumerate(blocks):
    open("%s/workflow%d.yml" % (sys.argv[2], i), "w").write(b)
PY
check "action.yml and the documented workflows pass GitHub's parser" \
	"$tools/validate-actions.sh" "action:$src/action.yml" \
	"workflow:$tmp/workflow0.yml" "workflow:$tmp/workflow1.yml"
printf 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n        shell: bash\n        bogus: 1\n' >"$tmp/bad.yml"
check "  (which rejects a workflow with a key GitHub does not know)" \
	sh -c '! "$1" "workflow:$2" >/dev/null' _ "$tools/validate-actions.sh" "$tmp/bad.yml"
check "the action's run steps name a shell and call scripts that exist" python3 - "$src" <<'PY'
import os, re, sys
src = sys.argv[1]
text = open(os.path.join(src, "action.yml")).read()
assert "using: composite" in text
for path in re.findall(r"\$GITHUB_ACTION_PATH/([\w/.-]+)", text):
    assert os.access(os.path.join(src, path), os.X_OK), path
steps = text.split("\n    - ")[1:]
for s in steps:
    assert ("uses:" in s) != ("run:" in s), s
    if "run:" in s:
        assert "shell: bash" in s, s
# Inputs reach the scripts through the environment, never inlined into
# a script (where a crafted value would be shell code).
for block in re.findall(r"run: (?:\|\n)?(.*?)(?=\n    - |\Z)", text, re.S):
    assert "${{" not in block, block
PY

# The action's script, as the runner runs it.
ws=$tmp/ws
mkdir -p "$ws/src"
printf "const fs = require('fs');\nrequire('express')().get('/', (q, s) => s.send(fs.readFileSync('x')));\n" >"$ws/src/a#b c.js"
cp "$ws/src/a#b c.js" "$ws/src/café.js"
(cd "$ws" && git init -q . && git add -A &&
	git -c user.name=t -c user.email=t@example.com commit -qm init)
: >"$tmp/output"
GITHUB_ACTION_PATH=$src GITHUB_WORKSPACE=$ws RUNNER_TEMP=$tmp \
	GITHUB_OUTPUT=$tmp/output STACKFIT_BIN=$bin STACKFIT_PATH=. \
	STACKFIT_FAIL_ON=warning STACKFIT_SARIF=out/stackfit.sarif \
	STACKFIT_ANNOTATIONS=true \
	sh -c 'mkdir -p "$GITHUB_WORKSPACE/out" && "$GITHUB_ACTION_PATH/scripts/github-action.sh"' \
	>"$tmp/log" 2>&1
check "the action's script succeeds (the job fails in a later step)" [ $? -eq 0 ]
check "  its outputs: the SARIF and exit code 1" \
	sh -c 'grep -qx "sarif-file=out/stackfit.sarif" "$1" && grep -qx "exit-code=1" "$1"' _ "$tmp/output"
check "  annotations in the log" grep -q '^::warning file=src/a#b c.js,line=2' "$tmp/log"
check "  the SARIF passes the multitool with GitHub's rules" \
	"$tools/sarif-validate.sh" "$ws/out/stackfit.sarif"
check "  with both findings" sh -c '[ "$(grep -c "\"ruleId\": \"JS101\"" "$1")" -eq 2 ]' _ "$ws/out/stackfit.sarif"

: >"$tmp/output"
GITHUB_ACTION_PATH=$src GITHUB_WORKSPACE=$ws RUNNER_TEMP=$tmp \
	GITHUB_OUTPUT=$tmp/output STACKFIT_BIN=$bin STACKFIT_FAIL_ON=none \
	"$src/scripts/github-action.sh" >/dev/null 2>&1
check "fail-on none: exit code 0" grep -qx "exit-code=0" "$tmp/output"
: >"$tmp/output"
GITHUB_ACTION_PATH=$src GITHUB_WORKSPACE=$ws RUNNER_TEMP=$tmp \
	GITHUB_OUTPUT=$tmp/output STACKFIT_BIN=$bin STACKFIT_PATH=no-such-dir \
	"$src/scripts/github-action.sh" >/dev/null 2>&1
check "a path that does not exist: exit code 2" grep -qx "exit-code=2" "$tmp/output"
exit $fail
