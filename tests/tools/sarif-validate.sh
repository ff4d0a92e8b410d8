#!/bin/sh
# Validates SARIF files with Microsoft's SARIF multitool and the rules of
# GitHub's code scanning ingestion (`validate --rule-kind "Sarif;Gh"`), as
# GitHub's documentation advises before an upload. Prints every error and
# warning and fails on any. Installs the tool from package-lock.json first.
# Usage: tests/tools/sarif-validate.sh FILE.sarif...
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/../../scripts/npm-ci.sh" "$here"
tool=$(cd "$here" && node -p 'require("@microsoft/sarif-multitool")')
log=$(mktemp)
trap 'rm -f "$log" "$log.out"' EXIT
# The tool is .NET: no ICU needed for this, and no telemetry.
status=0
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
	"$tool" validate "$@" --rule-kind "Sarif;Gh" --level "Error;Warning" \
	--output "$log" --log ForceOverwrite >"$log.out" 2>&1 || status=$?
# Its exit status says whether it ran; what it found is in its own SARIF log.
python3 - "$log" "$status" "$log.out" <<'PY'
import json, sys
log, status, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    doc = json.load(open(log, encoding="utf-8"))
except (OSError, ValueError) as e:
    print(open(out).read())
    sys.exit(f"sarif-validate: the multitool wrote no log ({e}; exit {status})")
bad = 0
for run in doc["runs"]:
    if any(not i.get("executionSuccessful", True) for i in run.get("invocations", [])):
        print(open(out).read())
        sys.exit("sarif-validate: the multitool failed")
    for r in run.get("results", []):
        level = r.get("level", "warning")
        if level in ("error", "warning"):
            bad += 1
            msg = r["message"]
            print("%s %s: %s" % (level, r["ruleId"],
                  msg.get("text") or " ".join(map(str, msg.get("arguments", [])))))
if bad:
    sys.exit(f"sarif-validate: {bad} errors and warnings")
PY
