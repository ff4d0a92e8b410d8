#!/bin/sh
# End-to-end: `stackfit check`, the pre-commit gate, in a temporary git
# repository. Only the checked files' findings are reported, including
# those a file that is not checked causes; --staged checks the staged text,
# not the working tree's; exit codes; usage errors name the file.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STACKFIT_CACHE_DIR="$tmp/cache"
repo=$tmp/repo
mkdir -p "$repo/lib" "$repo/svc"
cd "$repo" || exit 1
git init -q .
git config user.email test@example.com
git config user.name test
git config commit.gpgsign false

# A route handler calls a helper of another file that reads synchronously:
# JS107 in server.js, caused by lib/helper.js.
cat >lib/helper.js <<'EOF'
const fs = require('fs');
function load(p) { return fs.readFileSync(p, 'utf8'); }
module.exports = { load };
EOF
cat >server.js <<'EOF'
const express = require('express');
const { load } = require('./lib/helper');
const app = express();
app.get('/', (req, res) => res.send(load('x')));
app.listen(3000);
EOF
cat >other.js <<'EOF'
const fs = require('fs');
app.get('/o', (req, res) => res.send(fs.readFileSync('o')));
EOF
printf '{"name": "svc", "dependencies": {"express": "4"}}\n' >package.json
git add -A && git commit -qm init

out=$tmp/out
err=$tmp/err

run 1 "a checked file with a cross-file finding" "$bin" check server.js
out_has "^server.js:4:37: JS107 \[warning\] \`load\` blocks the event loop"
out_has "= note: lib/helper.js:2:"
out_lacks "other.js"
out_has "in 1 of 1 file"
out_lacks "Stack fit"
# A finding whose chain runs through a checked file belongs to the check:
# the commit that makes a helper block reports its callers.
run 1 "the helper checked: its caller's finding, whose chain runs through it" "$bin" check lib/helper.js
out_has "^server.js:4:37: JS107"
out_has "in 1 of 2 files"
out_lacks "other.js"
run 1 "two files: both reported" "$bin" check server.js other.js
out_has "^other.js:2:38: JS101"
out_has "in 2 of 2 files"
run 0 "--fail-on error: warnings pass" "$bin" check --fail-on error server.js
out_has "JS107"
run 0 "--fail-on none" "$bin" check --fail-on none server.js other.js
run 1 "--no-cache: the same" "$bin" check --no-cache server.js

run 1 "--format json" "$bin" check --format json server.js
check "  json: docs/json-report.md's shape, only the checked file, empty profile" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert set(r) == {"formatVersion", "tool", "root", "files", "diagnostics", "profile"}, r.keys()
assert r["files"] == 1
assert [d["path"] for d in r["diagnostics"]] == ["server.js"]
assert r["diagnostics"][0]["rule"] == "JS107"
assert r["diagnostics"][0]["related"][0]["path"] == "lib/helper.js"
assert r["profile"] == {"components": []}
' "$out"
run 1 "--format github" "$bin" check --format github server.js
out_has "^::warning file=server.js,line=4,col=37"
run 1 "--format sarif" "$bin" check --format sarif other.js
out_has '"uri": "other.js"'

# Paths relative to the current directory, or absolute.
cd "$repo/lib" || exit 1
run 1 "from a sub-folder, ../server.js" "$bin" check ../server.js
out_has "^server.js:4:37: JS107"
run 1 "an absolute path" "$bin" check "$repo/server.js"
out_has "^server.js:4:37: JS107"
cd "$repo" || exit 1

# A project-level finding is reported with its anchor file: a Node.js
# service with CPU-heavy work on its request path (ST301 at the express
# import of svc/app.js).
cat >svc/package.json <<'EOF'
{"name": "cpu", "dependencies": {"express": "4"}}
EOF
cat >svc/app.js <<'EOF'
const express = require('express');
const { best } = require('./bundles');
const app = express();
app.post('/best', (req, res) => res.json(best(req.body)));
app.listen(3001);
EOF
cat >svc/bundles.js <<'EOF'
function best(text) {
  const items = JSON.parse(text);
  let top = null;
  for (const a of items) {
    for (const b of items) {
      if (a.price + b.price > (top ? top.price : 0)) top = { a, b, price: a.price + b.price };
    }
  }
  return top;
}
module.exports = { best };
EOF
git add svc
run 1 "project finding with its anchor file" "$bin" check svc/app.js
out_has "^svc/app.js:1:.*ST301"
run 0 "not with another file" "$bin" check --fail-on none svc/bundles.js
out_lacks "ST301"
git commit -qm svc

# --staged: the staged text, not the working tree's.
cat >staged.js <<'EOF'
const fs = require('fs');
app.get('/s', (req, res) => res.send(fs.readFileSync('s')));
EOF
git add staged.js
cat >staged.js <<'EOF'
const fs = require('fs');
app.get('/s', async (req, res) => res.send(await fs.promises.readFile('s')));
EOF
run 1 "--staged: the staged text blocks" "$bin" check --staged
out_has "^staged.js:2:38: JS101"
out_has "res.send(fs.readFileSync('s'))"
out_lacks "server.js"
run 0 "the working tree's text does not" "$bin" check staged.js
git add staged.js
run 0 "--staged after staging the fix" "$bin" check --staged
out_has "No problems found in 1 file"
cat >staged.js <<'EOF'
const fs = require('fs');
app.get('/s', (req, res) => res.send(fs.readFileSync('again')));
EOF
run 0 "--staged: an unstaged regression is not checked" "$bin" check --staged
git checkout -q staged.js

# A staged caller of a helper that is not staged: the finding is across
# files; staging a harmless helper with it clears it.
cat >route2.js <<'EOF'
const { load } = require('./lib/helper');
app.get('/r', (req, res) => res.send(load('r')));
EOF
git add route2.js
run 1 "--staged: a staged caller of a blocking helper" "$bin" check --staged
out_has "^route2.js:2:38: JS107"
out_lacks "^server.js"
printf "module.exports = { load: async (p) => p };\n" >lib/helper.js
git add lib/helper.js
run 0 "--staged: with the helper made harmless" "$bin" check --staged
out_has "No problems found in 3 files"
git commit -qm fix
git rm -q --cached staged.js
printf 'README\n' >notes.txt
git add notes.txt
run 0 "--staged: nothing of ours staged" "$bin" check --staged
out_has "No problems found in 0 files"
git commit -qm notes

# A staged file deleted from the working tree is still committed.
cp other.js gone.js
git add gone.js
rm gone.js
run 1 "--staged: a staged file gone from the working tree" "$bin" check --staged
out_has "^gone.js:2:38: JS101"
git reset -q -- gone.js

# --staged judges every file as git's index has it, never a mix of the
# index and the working tree (the helper is committed harmless by now).
cat >route3.js <<'EOF'
const { load } = require('./lib/helper');
app.get('/r3', (req, res) => res.send(load('r3')));
EOF
git add route3.js
cat >lib/helper.js <<'EOF'
const fs = require('fs');
function load(p) { return fs.readFileSync(p, 'utf8'); }
module.exports = { load };
EOF
run 0 "--staged: a helper's unstaged regression does not block the commit" "$bin" check --staged
out_lacks "JS107"
out_has "No problems found in 1 file"
git commit -qm route3
# The commit makes the helper block (fixed in the working tree only): its
# callers' findings, whose chains run through it, are the commit's.
git add lib/helper.js
printf "module.exports = { load: async (p) => p };\n" >lib/helper.js
run 1 "--staged: a commit that makes a helper block reports its callers" "$bin" check --staged
out_has "^route3.js:2:[0-9]*: JS107"
out_has "^server.js:4:37: JS107"
out_has "^route2.js:2:38: JS107"
out_has "in 3 of 4 files"
git commit -qm "a blocking helper"
# A staged caller of a helper that blocks in the index: blocked, though
# the working tree's helper is fixed.
cat >route4.js <<'EOF'
const { load } = require('./lib/helper');
app.get('/r4', (req, res) => res.send(load('r4')));
EOF
git add route4.js
run 1 "--staged: a helper fixed only in the working tree does not clear the commit" "$bin" check --staged
out_has "^route4.js:2:[0-9]*: JS107"
out_lacks "^server.js"
git add lib/helper.js
run 0 "--staged: with the fix staged" "$bin" check --staged
out_has "No problems found in 2 files"
git commit -qm "fixed helper"
# A file that is not in the index is not part of the commit.
git show HEAD~1:lib/helper.js >untracked.js
printf "const { load } = require('./untracked');\napp.get('/u', (req, res) => res.send(load('u')));\n" >route5.js
git add route5.js
run 0 "--staged: an untracked helper is not part of the commit" "$bin" check --staged
out_lacks "JS107"
git reset -q -- route5.js
rm route5.js untracked.js

# Files the workspace does not analyse: a note, nothing reported.
mkdir -p node_modules/dep
cp other.js node_modules/dep/index.js
run 0 "a file in node_modules: not analysed" "$bin" check node_modules/dep/index.js
err_has "node_modules/dep/index.js: not analysed"

# Usage errors: exit 2, naming the problem.
run 2 "no FILES and no --staged" "$bin" check
err_has "nothing to check"
run 2 "--staged and FILES" "$bin" check --staged server.js
err_has "not both"
run 2 "a file that does not exist" "$bin" check missing.js
err_has "missing.js: No such file or directory"
run 0 "not a JavaScript, TypeScript, TSX or Python file: skipped with a note" "$bin" check package.json
err_has "package.json: skipped: not a source stackfit reads"
run 2 "a directory" "$bin" check lib
err_has "lib: a directory"
printf "x = 1\n" >"$tmp/outside.py"
run 2 "a file outside the workspace" "$bin" check "$tmp/outside.py"
err_has "outside.py: outside the workspace"
run 2 "an unknown format" "$bin" check --format xml server.js
err_has "unknown format 'xml'"
run 2 "html is audit's" "$bin" check --format html server.js
err_has "html report is audit's"
run 2 "a bad --fail-on" "$bin" check --fail-on loud server.js
run 2 "an unknown option" "$bin" check --frob server.js
err_has "usage: stackfit check"
run 0 "--help" "$bin" check --help
out_has "usage: stackfit check"
mkdir "$tmp/plain"
cp other.js "$tmp/plain/"
cd "$tmp/plain" || exit 1
run 2 "--staged outside git" "$bin" check --staged
err_has "not in a git work tree"
run 1 "outside git: the current directory is the workspace" "$bin" check other.js
out_has "^other.js:2:38: JS101"

exit $fail
