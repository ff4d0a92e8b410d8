// The parts of the VS Code extension that need no VS Code: which binary it
// runs (editors/vscode/lib/find.js) and how fix-all merges the server's
// quick fixes (editors/vscode/lib/fixall.js). Run with `node --test`.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { findBinary, npmPackage } = require('../../../editors/vscode/lib/find');
const { fixAllEdits } = require('../../../editors/vscode/lib/fixall');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackfit-find-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
function exe(p) {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, '#!/bin/sh\n', { mode: 0o755 });
  return p;
}
const ws = path.join(tmp, 'repo', 'packages', 'web');
fs.mkdirSync(ws, { recursive: true });
const onPath = exe(path.join(tmp, 'bin', 'stackfit'));
const npmBin = exe(path.join(tmp, 'repo', 'node_modules', npmPackage(), 'bin', 'stackfit'));
const setting = exe(path.join(tmp, 'custom', 'stackfit'));

test('stackfit.path wins, absolute or relative to the folder', () => {
  assert.deepStrictEqual(findBinary({ setting, folders: [ws], envPath: path.dirname(onPath) }),
    { path: setting, source: 'setting' });
  const rel = path.relative(ws, setting);
  assert.strictEqual(findBinary({ setting: rel, folders: [ws] }).path, setting);
});

test('a stackfit.path that is not an executable is an error, not a fallback', () => {
  const r = findBinary({ setting: path.join(tmp, 'nope'), folders: [ws], envPath: path.dirname(onPath) });
  assert.match(r.error, /stackfit\.path is .*nope.*not an executable/);
});

test('then the npm package, in the folder or one above it (a monorepo)', () => {
  assert.deepStrictEqual(findBinary({ folders: [ws], envPath: path.dirname(onPath) }),
    { path: npmBin, source: 'npm' });
});

test('not the npm package of an untrusted workspace: PATH', () => {
  assert.deepStrictEqual(findBinary({ folders: [ws], trusted: false, envPath: path.dirname(onPath) }),
    { path: onPath, source: 'PATH' });
});

test('then PATH; nothing found names where it looked', () => {
  const other = path.join(tmp, 'other');
  fs.mkdirSync(other, { recursive: true });
  assert.deepStrictEqual(findBinary({ folders: [other], envPath: `/nonexistent:${path.dirname(onPath)}` }),
    { path: onPath, source: 'PATH' });
  const r = findBinary({ folders: [other], envPath: '/nonexistent' });
  assert.match(r.error, /no stackfit binary: looked in node_modules\/@stackfit\/linux-x64-gnu of the workspace, PATH \(\/nonexistent\)/);
});

const uri = 'file:///w/a.py';
const edit = (l0, c0, l1, c1, newText) => ({ range: { start: { line: l0, character: c0 }, end: { line: l1, character: c1 } }, newText });
const action = (edits, isPreferred = true, title = 'fix') => ({
  title, kind: 'quickfix', isPreferred, edit: { documentChanges: [{ textDocument: { uri, version: 3 }, edits }] },
});

test('fix-all takes the preferred fixes, never a suppression', () => {
  const fixes = fixAllEdits([
    action([edit(3, 4, 3, 14, 'await asyncio.sleep')]),
    action([edit(3, 0, 3, 0, '    # stackfit: ignore[PY201]\n')], false, 'Suppress PY201 on this line'),
    action([edit(7, 4, 7, 14, 'await asyncio.sleep')]),
  ], uri);
  assert.deepStrictEqual(fixes, [edit(3, 4, 3, 14, 'await asyncio.sleep'), edit(7, 4, 7, 14, 'await asyncio.sleep')]);
});

test('fix-all takes an edit two fixes share once, and leaves out a fix that overlaps another', () => {
  const imp = edit(0, 0, 0, 0, 'import asyncio\n');
  const fixes = fixAllEdits([
    action([imp, edit(3, 4, 3, 14, 'await asyncio.sleep')]),
    action([imp, edit(5, 4, 5, 14, 'await asyncio.sleep')]),
    action([edit(5, 8, 5, 20, 'something else')]),
  ], uri);
  assert.deepStrictEqual(fixes, [imp, edit(3, 4, 3, 14, 'await asyncio.sleep'), edit(5, 4, 5, 14, 'await asyncio.sleep')]);
});

test('fix-all reads `changes` too, and only this document', () => {
  const a = { title: 't', kind: 'quickfix', isPreferred: true,
    edit: { changes: { [uri]: [edit(1, 0, 1, 3, 'x')], 'file:///w/b.py': [edit(0, 0, 0, 1, 'y')] } } };
  assert.deepStrictEqual(fixAllEdits([a], uri), [edit(1, 0, 1, 3, 'x')]);
});
