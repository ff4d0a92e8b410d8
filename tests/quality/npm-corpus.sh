#!/usr/bin/env bash
# The JavaScript half of tests/QUALITY.md: fetches the published sources of
# a pinned list of npm packages (nobody here wrote them) with `npm pack`, and
# runs `stackfit audit` over each, one package at a time.
#
#   tests/quality/npm-corpus.sh fetch            fetch into tests/quality/corpus-npm/
#   tests/quality/npm-corpus.sh run [STACKFIT]   audit each package; writes
#                                                corpus-npm/findings.tsv and prints
#                                                a count per package and rule
#
# The corpus is git-ignored and never committed. Each tarball is checked
# against its pinned sha256, so a review stays tied to the exact sources.
# STACKFIT defaults to build/release/stackfit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CORPUS=${CORPUS_DIR:-$HERE/corpus-npm}

# name@version  sha256 of the tarball `npm pack` writes. The first twelve are
# bench/corpora.sh's pins; the rest are services and server-side tools, the
# kind of code whose event loop serves requests.
PACKAGES=(
	"express@5.3.0              62450d99e36dc393295f1ddd93cb9291e658c169f3b700b0110c1ae8fa799930"
	"koa@3.3.0                  2b1cae002c5c8a066b9c77ac9bf197e2369ba8501fb76b75c9f21d474ef02cf4"
	"fastify@5.12.8             459048aabd9311309f4f95b36e8ca065e3a4613ded292bcf50442926931e4748"
	"ws@8.23.0                  b8bd105a274ae9ca114f8c6ce4d9dbb0c764fe5118ba633c557e1703e297c587"
	"undici@8.13.1              33cceb321835a0754c60a9ac681df71dddc2ee8aafd890f763414b51574182b5"
	"nodemailer@10.6.1          7b1a6615b333c7f09c5a3e9147085f6c762eb2ace4abde0341a9e0dd4bf02af8"
	"mongoose@9.12.1            de332a61c69faea1f9775291a984a9391a985e0b452d51c55b6458796de7d04b"
	"async@3.2.6                6bb45cfba08cd2eea39eb3ce6eaa94113070fe137ec0bd4a9f122be9a0250e6f"
	"webpack@5.112.2            fb618a5eba0f16fa43ed720cc4634df4e88c65d594c0e0ad2c5c0c9be4057dfe"
	"eslint@10.15.0             8cb5e45fb5b1174e4216d546b69d37c0ac5cb5d9ba8342946a04af1f59605edb"
	"lodash@4.18.1              696942c2a488c9d7428e9ca5f12ccf03b52de01dcdbfe4d4751d392f0491ae16"
	"core-js@3.51.0             2a7abc3121a44b75acdf02b9bdd7408e22633f70f422fc0bd5b9e00abb17bb31"
	"socket.io@4.8.4            eac2f8dd36bd1ddc827407c6890cc9fa305e5f94038b9abdba98a4351934c6c2"
	"json-server@0.17.4         254297dda7a85d5faa48985e1a81ffa05cea5e8bf6aaf3036d58ac1db2798cd1"
	"http-server@14.1.1         9e1ceb265d09a4d86dcf509cb4ba6dcd2e03254b1d13030198766fe3897fd7a5"
	"@node-red/runtime@5.0.7    6feb6c579e8189b8490b9212178393a7bb1cd839bb17629b07edfb4a7cb8cd09"
	"@node-red/editor-api@5.0.7 c27713ff90c8f3428ce85aa220c9a8948f1659f5f35b3fdb41bc5ce21738b386"
	"multer@2.5.0               b6a535ae5fa87f6cffc90fb213b43c2ea34fdc21dc7ccad3f25caaf009d7fcaa"
	"serve-handler@6.1.8        d5dade0d4d215abf80c10aecf2f1050a03d93aa35510a95ed957f6ca97498a8d"
	"pm2@7.0.4                  5efd8e2c586d7fc1e878d4d0742e2c0aae76c68814308c4b9c08cab25ef24894"
	"nodemon@3.1.14             6f8851bd80d32526612f6dd6703b65603cef497944a7c081580ae49ce3a2f252"
	# A whole server application (Etherpad), published as a package.
	"ep_etherpad-lite@1.8.14    b380d8e25a5ef844522e6d62adbd433bcabcc9d12b88ca3c10d312e86c39aea9"
	# The release before highlight.js fixed a batch of ReDoS in its
	# grammars (10.4.0): a recall check for JS105 on known bugs.
	"highlight.js@10.3.2        43eb3cd745cf70aeafd960082b21c039926d5e86d9e3f0cdb9633dfee0b8b242"
)

die() { echo "npm-corpus.sh: $*" >&2; exit 1; }

# express@5.3.0 -> express@5.3.0; @node-red/runtime@5.0.7 -> @node-red+runtime@5.0.7
folder() { printf '%s' "${1//\//+}"; }

fetch_one() {
	local spec=$1 sha=$2 dest
	dest=$CORPUS/$(folder "$spec")
	[[ -f $dest/.stamp && $(cat "$dest/.stamp") == "$spec $sha" ]] && return
	echo "fetching $spec"
	local work
	work=$(mktemp -d)
	(cd "$work" && npm pack --ignore-scripts --silent "$spec" >/dev/null) ||
		{ rm -rf "$work"; die "npm pack $spec failed"; }
	local tgz got
	tgz=$(find "$work" -maxdepth 1 -name '*.tgz' | head -n 1)
	[[ -n $tgz ]] || die "npm pack $spec wrote no tarball"
	got=$(sha256sum "$tgz" | cut -d' ' -f1)
	[[ $got == "$sha" ]] || die "$spec: tarball sha256 is $got, pinned $sha"
	mkdir -p "$work/x"
	tar -xzf "$tgz" -C "$work/x" --no-same-owner --no-same-permissions
	local top
	top=$(find "$work/x" -mindepth 1 -maxdepth 1 -type d | head -n 1)
	[[ -n $top ]] || die "$spec: empty tarball"
	chmod -R u+rwX,go+rX "$top"
	find "$top" -type l -delete
	echo "$spec $sha" >"$top/.stamp"
	rm -rf "$dest"
	mkdir -p "$CORPUS"
	mv "$top" "$dest"
	rm -rf "$work"
}

fetch() {
	command -v npm >/dev/null || die "needs npm"
	local entry spec sha
	for entry in "${PACKAGES[@]}"; do
		read -r spec sha <<<"$entry"
		fetch_one "$spec" "$sha"
	done
	echo "${#PACKAGES[@]} packages in $CORPUS"
}

run() {
	local bin=${1:-$ROOT/build/release/stackfit}
	[[ -x $bin ]] || die "no stackfit binary at $bin (make release)"
	command -v python3 >/dev/null || die "needs python3"
	local out=$CORPUS/findings.tsv entry spec sha dir
	: >"$out"
	for entry in "${PACKAGES[@]}"; do
		read -r spec sha <<<"$entry"
		dir=$CORPUS/$(folder "$spec")
		[[ -d $dir ]] || die "$spec is not fetched (run: $0 fetch)"
		"$bin" audit --format json --fail-on none --no-progress "$dir" |
			python3 -c '
import json, sys
spec = sys.argv[1]
for d in json.load(sys.stdin)["diagnostics"]:
    print("\t".join([spec, d["rule"], "%s:%d:%d" % (d["path"], d["line"], d["column"]),
                     d["message"]]))
' "$spec" >>"$out"
	done
	echo "findings per package and rule ($out):"
	cut -f1,2 "$out" | sort | uniq -c | sort -k2,2 -k3,3
	echo "total: $(wc -l <"$out")"
}

case "${1:-}" in
fetch) fetch ;;
run) shift; run "$@" ;;
*) echo "usage: $0 fetch | run [STACKFIT]" >&2; exit 2 ;;
esac
