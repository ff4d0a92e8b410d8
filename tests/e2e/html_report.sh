#!/bin/sh
# End-to-end: `stackfit audit --format html` writes one self-contained page
# (nothing fetched; one inline script, allowed by its hash) that headless
# Chromium renders: its DOM holds the profile, the charts, the findings and
# the rules' documentation; the filter by rule, severity and path works
# (from the address, as a shared link gives it); a hint is not drawn as an
# error; nothing is wider than a 390 px phone; a report of 1,000 findings
# stays usable. Screenshots at 1280 and 390 px are taken (kept with
# STACKFIT_KEEP_SCREENSHOT=DIR). Chromium runs with a fresh profile and
# every network feature off.
set -u
bin=$1
src=$2
. "$(dirname "$0")/lib.sh"
# The examples copied out of this repository's work tree: inside it,
# `audit examples` is the audit of a folder of this repository (its paths
# from the repository's top).
exdir=$(mktemp -d)
cp -R "$src/examples" "$exdir/examples"
ex=$exdir/examples

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "FAIL no chromium (scripts/deps.sh test installs it)"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$exdir"' EXIT
page=$tmp/report.html

"$bin" audit --format html --output "$page" --no-progress "$ex"
check "html audit exits 1 on findings" [ $? -eq 1 ]
check "one page, one script allowed by its hash, nothing fetched" python3 -c '
import base64, hashlib, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
assert html.startswith("<!doctype html>"), html[:40]
scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
assert len(scripts) == 1 and html.lower().count("<script") == 1
csp = re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\"", html).group(1)
assert "default-src '"'"'none'"'"'" in csp, csp
digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
assert "'"'"'sha256-%s'"'"'" % digest in csp, (csp, digest)
assert "fetch(" not in scripts[0] and "XMLHttpRequest" not in scripts[0]
assert not re.search(r"""(src|href)\s*=\s*["'"'"']?(https?:|//)""", html, re.I)
assert not re.search(r"url\(\s*[\"'"'"']?(https?:|//)", html, re.I)
assert "@import" not in html
assert html.count("<svg") >= 4, html.count("<svg")  # gauges and charts
' "$page"

# chrome [--page FILE] [--query ?…] OPTIONS...: renders the page.
chrome() {
	p=$page q=
	[ "$1" = --page ] && p=$2 && shift 2
	[ "$1" = --query ] && q=$2 && shift 2
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$tmp/profile" --hide-scrollbars "$@" \
		"file://$p$q" 2>"$tmp/chrome.err"
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

check "rule docs are linked, hints not drawn as errors" python3 -c '
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
ids = set(re.findall(r"id=\"(rule-[^\"]+)\"", dom))
refs = set(re.findall(r"href=\"#(rule-[^\"]+)\"", dom))
assert refs and refs <= ids, refs - ids
doc = dom[dom.index("id=\"rule-JS101\""):]
doc = doc[:doc.index("</article>")]
assert "What it does" in doc and "Use instead" in doc and "<pre>" in doc, doc[:300]
hints = re.findall(r"<details[^>]*data-sev=\"hint\".*?</details>", dom, re.S)
assert hints and all("caret hint" in h and "caret error" not in h for h in hints)
assert "sev hint" in hints[0]
# Without a filter every finding shows, the form is shown by the script.
assert "<form id=\"filter\">" in dom, "the script did not run"
assert not re.search(r"<details[^>]*hidden", dom)
' "$tmp/dom.html"

# The filter, from the address.
shown() { # QUERY: prints the "showing" text and the paths shown
	chrome --query "$1" --dump-dom | python3 -c '
import re, sys
dom = sys.stdin.read()
print(re.search(r"<output id=\"shown\">([^<]*)", dom).group(1))
for d in re.findall(r"<details ([^>]*)>", dom):
    if " hidden" not in d:
        print(re.search(r"data-rule=\"([^\"]+)\".*data-sev=\"(\w+)\".*data-path=\"([^\"]+)\"", d).groups())
'
}
total=$(grep -c '<details class="card finding"' "$page")
check "filter by rule" sh -c '
out=$(printf "%s\n" "$1" | sed 1d); n=$(printf "%s\n" "$out" | wc -l)
[ "$(printf "%s\n" "$1" | head -1)" = "$n of $2" ] && ! printf "%s\n" "$out" | grep -qv "(.JS101."' _ "$(shown '?rule=JS101')" "$total"
check "filter by path" sh -c '
out=$(printf "%s\n" "$1" | sed 1d)
[ -n "$out" ] && ! printf "%s\n" "$out" | grep -qv "python-service/app/routes/orders.py"' _ "$(shown '?path=routes/ORDERS.py')"
check "filter by severity: hints hidden" sh -c '
out=$(printf "%s\n" "$1" | sed 1d)
[ -n "$out" ] && ! printf "%s\n" "$out" | grep -q "hint"' _ "$(shown '?hide=hint&hide=info')"
check "filters combine" sh -c '[ "$(printf "%s\n" "$1" | head -1)" = "0 of $2" ]' _ \
	"$(shown '?rule=JS101&path=python-service')" "$total"

# png FILE W H: a PNG of that size, not blank.
png() {
	python3 -c '
import struct, sys
png = open(sys.argv[1], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", png[16:24])
assert (w, h) == (int(sys.argv[2]), int(sys.argv[3])), (w, h)
assert len(png) > 50000, len(png)  # a blank page compresses to a few KB
' "$@"
}
chrome --window-size=1280,2000 --screenshot="$tmp/shot.png" >/dev/null
check "a 1280 px wide screenshot was taken" png "$tmp/shot.png" 1280 2000
chrome --window-size=390,2400 --screenshot="$tmp/phone.png" >/dev/null
check "a 390 px wide screenshot was taken" png "$tmp/phone.png" 390 2400

# Nothing wider than the phone: a copy of the page (without its security
# policy, for a measuring script), in a frame 390 px wide (headless windows
# are at least 500 px), says how wide it is and what sticks out.
measure() { # PAGE OUT: writes PAGE with the measurement to OUT
	printf '<!doctype html><body><iframe src="measure.html" width="390" height="900" style="border:0"></iframe></body>\n' \
		>"$(dirname "$2")/wrap.html"
	python3 - "$1" "$2" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
html = re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", html)
probe = """<script>addEventListener("load", function () {
  var w = document.documentElement.scrollWidth, worst = "";
  document.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.right > innerWidth + 1 && !e.closest("pre")) worst = worst || e.tagName + "." + e.className;
  });
  parent.document.body.setAttribute("data-width", w + " " + innerWidth + " " + worst);
});</script>"""
open(sys.argv[2], "w", encoding="utf-8").write(html.replace("</body>", probe + "</body>"))
PY
}
measure "$page" "$tmp/measure.html"
width=$(chrome --page "$tmp/wrap.html" --allow-file-access-from-files --dump-dom |
	sed -n 's/.*data-width="\([^"]*\)".*/\1/p')
check "at 390 px nothing is wider than the screen ($width)" \
	sh -c 'set -- $1; [ "$1" -le "$2" ] && [ -z "${3:-}" ]' _ "$width"

# 1,000 findings: the page is written quickly, folds the findings to one
# line each, and the filter still works.
big=$tmp/big
mkdir -p "$big"
i=0
while [ $i -lt 100 ]; do
	{
		echo "const fs = require('fs');"
		echo "require('express')().get('/r$i', (req, res) => {"
		k=0
		while [ $k -lt 10 ]; do
			echo "  fs.readFileSync('f$k');"
			k=$((k + 1))
		done
		echo "});"
	} >"$big/m$i.js"
	i=$((i + 1))
done
bigpage=$tmp/big.html
"$bin" audit --no-cache --no-daemon --format html --output "$bigpage" "$big"
check "1,000 findings: html audit exits 1" [ $? -eq 1 ]
check "  a page of 1,000 folded findings" python3 -c '
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
d = re.findall(r"<details class=\"card finding\"[^>]*>", html)
assert len(d) == 1000, len(d)
assert not any(" open" in x for x in d)
assert len(html) < 3000000, len(html)
# The profile links a few of them, not all 1,000.
assert html.count("href=\"#d") <= 20, html.count("href=\"#d")
assert "and 992 more" in html
' "$bigpage"
check "  the filter counts them" sh -c '[ "$(printf "%s\n" "$1" | head -1)" = "10 of 1000" ]' _ \
	"$(page=$bigpage shown '?path=m7.js')"
page=$bigpage chrome --window-size=1280,2000 --screenshot="$tmp/big.png" >/dev/null
check "  a 1280 px screenshot of it" png "$tmp/big.png" 1280 2000
measure "$bigpage" "$tmp/measure.html"
width=$(chrome --page "$tmp/wrap.html" --allow-file-access-from-files --dump-dom |
	sed -n 's/.*data-width="\([^"]*\)".*/\1/p')
check "  at 390 px nothing is wider than the screen ($width)" \
	sh -c 'set -- $1; [ "$1" -le "$2" ] && [ -z "${3:-}" ]' _ "$width"
if [ -n "${STACKFIT_KEEP_SCREENSHOT:-}" ]; then
	mkdir -p "$STACKFIT_KEEP_SCREENSHOT"
	cp "$tmp/shot.png" "$tmp/phone.png" "$tmp/big.png" "$STACKFIT_KEEP_SCREENSHOT"
fi
[ $fail -eq 0 ] || cat "$tmp/chrome.err"
exit $fail
