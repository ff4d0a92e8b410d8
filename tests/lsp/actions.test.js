// What the editor packages expect of the server (editors/): the fix-all
// action VS Code runs on save (`source.fixAll.stackfit` in
// editor.codeActionsOnSave), a quick fix that suppresses every finding of
// the file, and documentation links that open offline when stackfit is
// installed (<folder of the binary>/../share/stackfit/rules/ID.md, the
// layout of the .deb, the npm package and `cmake --install`).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const cp = require('child_process');
const P = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { BIN, check, finish, workspace, uri } = require('./lib');

const PY = [
  '#!/usr/bin/env python3',
  '# -*- coding: utf-8 -*-',
  'import asyncio, time',
  '',
  'async def handler():',
  '    time.sleep(1)',
  '    x = 1; time.sleep(2)',
  '',
].join('\n');
const JS = [
  "'use strict';",
  "const fs = require('fs');",
  "app.get('/', (req, res) => res.send(fs.readFileSync('x')));",
  '',
].join('\n');

function start(bin, initOptions) {
  const proc = cp.spawn(bin, ['lsp', '--no-scan'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  conn.listen();
  const init = conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid, rootUri: null, initializationOptions: initOptions,
    capabilities: { textDocument: { diagnostic: {}, publishDiagnostics: { codeDescriptionSupport: true } } },
  }).then((r) => { conn.sendNotification(P.InitializedNotification.type, {}); return r; });
  return { proc, conn, init };
}
async function stop(c) {
  await c.conn.sendRequest(P.ShutdownRequest.type);
  c.conn.sendNotification(P.ExitNotification.type);
  await new Promise((r) => c.proc.on('exit', r));
  c.conn.dispose();
}

(async () => {
  const root = workspace({ 'a.py': PY, 'b.js': JS });
  const c = start(BIN);
  const init = await c.init;
  check('codeActionKinds: quickfix and source.fixAll.stackfit',
    JSON.stringify(init.capabilities.codeActionProvider.codeActionKinds) ===
    JSON.stringify(['quickfix', 'source.fixAll.stackfit']), init.capabilities.codeActionProvider);

  const docs = new Map();
  const open = (rel, languageId) => {
    const u = uri(path.join(root, rel));
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    docs.set(u, TextDocument.create(u, languageId, 1, text));
    c.conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId, version: 1, text } });
    return u;
  };
  const apply = (u, edits) => {
    const d = docs.get(u);
    const next = TextDocument.update(d, edits.map((e) => ({ range: e.range, text: e.newText })), d.version + 1);
    docs.set(u, next);
    c.conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri: u, version: next.version },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })).reverse() });
    return next;
  };
  const pull = async (u) => (await c.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: u } })).items;
  const actions = (u, only, range) => c.conn.sendRequest(P.CodeActionRequest.type, {
    textDocument: { uri: u },
    range: range || { start: { line: 0, character: 0 }, end: { line: docs.get(u).lineCount, character: 0 } },
    context: { diagnostics: [], only, triggerKind: 1 },
  });

  // --- fix all, as VS Code asks on save
  const a = open('a.py', 'python');
  check('a.py: two PY201', (await pull(a)).filter((d) => d.code === 'PY201').length === 2, await pull(a));
  const saved = await actions(a, ['source.fixAll.stackfit']);
  check('only source.fixAll.stackfit: one action of that kind', saved.length === 1 &&
    saved[0].kind === 'source.fixAll.stackfit' && saved[0].title === 'Fix all stackfit findings', saved);
  check('  a filter of source.fixAll admits it', (await actions(a, ['source.fixAll'])).length === 1);
  check('  the light bulb (no filter) and quickfix do not offer it',
    !(await actions(a, undefined)).some((x) => x.kind !== 'quickfix') &&
    !(await actions(a, ['quickfix'])).some((x) => x.kind !== 'quickfix'));
  const fixed = apply(a, saved[0].edit.changes[a]);
  check('  applied: both calls are awaited asyncio.sleep', /^ {4}await asyncio\.sleep\(1\)$/m.test(fixed.getText()) &&
    /x = 1; await asyncio\.sleep\(2\)$/m.test(fixed.getText()), fixed.getText());
  check('  and no PY201 is left', !(await pull(a)).some((d) => d.code === 'PY201'), await pull(a));
  check('  nothing left to fix: no action', (await actions(a, ['source.fixAll.stackfit'])).length === 0);

  // --- suppress every finding of the file
  const b = open('b.js', 'javascript');
  const flagged = (await pull(b)).find((d) => d.code === 'JS101');
  const offered = await actions(b, undefined, flagged.range);
  const whole = offered.find((x) => x.title === 'Suppress every stackfit finding in this file');
  check('quick fix: suppress every finding in the file', whole && whole.kind === 'quickfix', offered.map((x) => x.title));
  const edit = whole.edit.changes[b][0];
  check('  the comment goes on the first line', edit.range.start.line === 0 && edit.range.start.character === 0 &&
    edit.newText === '// stackfit: ignore-file\n', edit);
  apply(b, [edit]);
  check('  applied: no findings', (await pull(b)).length === 0, await pull(b));
  check('  not offered again', (await actions(b, undefined, flagged.range)).length === 0);
  fs.writeFileSync(path.join(root, 'c.py'), PY);
  const cpy = open('c.py', 'python');
  const pyFlag = (await pull(cpy))[0];
  const pyWhole = (await actions(cpy, undefined, pyFlag.range)).find((x) => /in this file/.test(x.title));
  check('Python: the comment goes below the #! and coding lines, with #', pyWhole &&
    pyWhole.edit.changes[cpy][0].range.start.line === 2 && pyWhole.edit.changes[cpy][0].newText === '# stackfit: ignore-file\n',
  pyWhole);
  await stop(c);

  // --- documentation links of an installed stackfit
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'stackfit-prefix-'));
  try {
    fs.mkdirSync(path.join(prefix, 'bin'));
    fs.mkdirSync(path.join(prefix, 'share/stackfit/rules'), { recursive: true });
    fs.copyFileSync(BIN, path.join(prefix, 'bin/stackfit'));
    fs.chmodSync(path.join(prefix, 'bin/stackfit'), 0o755);
    fs.writeFileSync(path.join(prefix, 'share/stackfit/rules/JS101.md'), '# JS101\n');
    const real = fs.realpathSync(prefix);
    const inst = start(path.join(prefix, 'bin/stackfit'));
    await inst.init;
    const u = uri(path.join(root, 'd.js'));
    inst.conn.sendNotification(P.DidOpenTextDocumentNotification.type,
      { textDocument: { uri: u, languageId: 'javascript', version: 1, text: JS } });
    const items = (await inst.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: u } })).items;
    const href = items[0] && items[0].codeDescription && items[0].codeDescription.href;
    check('installed: codeDescription.href is the shipped document, a file: URL', href === uri(`${real}/share/stackfit/rules/JS101.md`), href);
    await stop(inst);
    const over = start(path.join(prefix, 'bin/stackfit'), { ruleDocsUrl: 'https://example.invalid/{id}' });
    await over.init;
    over.conn.sendNotification(P.DidOpenTextDocumentNotification.type,
      { textDocument: { uri: u, languageId: 'javascript', version: 1, text: JS } });
    const oi = (await over.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: u } })).items;
    check('  ruleDocsUrl overrides it', oi[0].codeDescription.href === 'https://example.invalid/JS101', oi[0].codeDescription);
    await stop(over);
  } finally {
    fs.rmSync(prefix, { recursive: true, force: true });
  }
  finish();
})().catch((e) => { console.error(e); console.log('FAIL unexpected error'); process.exit(1); });
