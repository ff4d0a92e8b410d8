#!/bin/sh
# End-to-end: `stackfit audit --format html` writes one self-contained page
# (no script, nothing fetched) that headless Chromium renders: its DOM holds
# the profile, the charts and the findings, and a screenshot 1280 px wide is
# taken. Chromium runs with a fresh profile and every network feature off.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "FAIL no chromium (scripts/deps.sh test installs it)"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
page=$tmp/report.html

"$bin" audit --format html --output "$page" --no-progress "$src/examples"
check "html audit exits 1 on findings" [ $? -eq 1 ]
check "one page, no script, nothing fetched" python3 -c '
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
assert html.startswith("<!doctype html>"), html[:40]
assert "<script" not in html.lower()
assert not re.search(r"""(src|href)\s*=\s*["'"'"']?(https?:|//)""", html, re.I)
assert not re.search(r"url\(\s*[\"'"'"']?(https?:|//)", html, re.I)
assert "@import" not in html
assert html.count("<svg") >= 4, html.count("<svg")  # gauges and charts
' "$page"

chrome() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$tmp/profile" --hide-scrollbars "$@" \
		"file://$page" 2>"$tmp/chrome.err"
}
chrome --dump-dom >"$tmp/dom.html"
check "chromium rendered the page (DOM dumped)" [ -s "$tmp/dom.html" ]
check "the rendered DOM holds the profile, charts and findings" python3 -c '
import html, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
text = html.unescape(re.sub(r"<[^>]+>", " ", dom))
text = re.sub(r"\s+", " ", text)
for want in ("Stack fit", "node-service", "python-service", "POOR",
             "Findings per rule", "Findings per folder", "JS107",
             "node-service/src/routes/files.js:51:27", "renderTemplate",
             "PY202", "ST301", "help: use fs.promises.writeFile",
             "findings per rule", "workload of node-service"):
    assert want.lower() in text.lower(), want
# Every link into the findings lands on a finding.
ids = set(re.findall(r"id=\"(d\d+)\"", dom))
for ref in re.findall(r"href=\"#(d\d+)\"", dom):
    assert ref in ids, ref
' "$tmp/dom.html"

chrome --window-size=1280,2000 --screenshot="$tmp/shot.png" >/dev/null
check "a 1280 px wide screenshot was taken" python3 -c '
import struct, sys
png = open(sys.argv[1], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", png[16:24])
assert (w, h) == (1280, 2000), (w, h)
assert len(png) > 50000, len(png)  # a blank page compresses to a few KB
' "$tmp/shot.png"
if [ -n "${STACKFIT_KEEP_SCREENSHOT:-}" ]; then
	cp "$tmp/shot.png" "$STACKFIT_KEEP_SCREENSHOT"
fi
[ $fail -eq 0 ] || cat "$tmp/chrome.err"
exit $fail
