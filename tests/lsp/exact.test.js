// The exact analysis after typing stops runs off the server's loop. In a
// file with syntax errors far from the edit, a keystroke's findings come
// from the chunks it touched and may differ from the whole file's; the
// whole text is then parsed again a moment after typing stops. That parse
// takes long in a large file, and a keystroke typed while it runs must be
// answered at once (not after it), and its result, made for a text that
// is gone, must not be shown: the findings of the text now follow by
// themselves.
//
// 1. Push, --no-scan: an edit that leaves the chunks' findings unlike the
//    whole file's, a pause until the exact analysis has begun, another
//    edit: its diagnostics are the next published (the old code published
//    the stale exact ones of the first edit first, the loop busy with
//    them), nothing of the first edit's version comes after it, and the
//    diagnostics end up those of a fresh open of the text, with no settle.
// 2. The workspace scan on, a finding another file causes (JS107) in such
//    a document: after an edit, with no settle, the diagnostics end up
//    those a fresh server opening the same text shows.
'use strict';
const P = require('vscode-languageserver-protocol/node');
const { check, finish, workspace, uri, spawn, delay, waiter, settle, RENDER } = require('./lib');

// A large file whose syntax errors make a chunked analysis differ from a
// whole one (tests/lsp/keystrokes.test.js's far.js, with more functions).
function farText(n) {
  const lines = ["const fs = require('fs');", "const express = require('express');", 'const app = express();',
    "const { render } = require('./lib/render');", 'const N = 1000;', 'const M = N * 4;', ''];
  for (let i = 0; i < n; i++) {
    lines.push(`function helper${i}(items) {`, '  let total = 0;', '  for (let k = 0; k < M; k++) {',
      `    total += items[k % 3] * ${i};`, '  }', '  return total;', '}',
      `app.get('/r${i}', async (req, res) => {`,
      `  const data = ${i % 3 ? 'await load(req.params.id)' : "fs.readFileSync('d')"};`,
      `  res.json(helper${i}([1, 2, 3]) + data);`, '});', '');
  }
  lines.push("app.get('/invoice', (req, res) => res.send(render(req.query.id)));", '');
  lines[lines.indexOf('  res.json(helper25([1, 2, 3]) + data);')] = '  res.json(helper25([1, 2, 3//]) + data);';
  const h27 = lines.indexOf('function helper27(items) {');
  lines.splice(h27 - 2, 3, 'ction helper27(items) {');
  return lines;
}

function client(args, rootUri) {
  const proc = spawn(args);
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  const c = { proc, conn, diags: new Map(), log: [], w: waiter() };
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    c.diags.set(p.uri, p);
    c.log.push(p);
    c.w.poke();
  });
  conn.listen();
  c.ready = conn.sendRequest(P.InitializeRequest.type, { processId: process.pid, rootUri, capabilities: {} })
    .then(() => conn.sendNotification(P.InitializedNotification.type, {}));
  return c;
}
async function stop(c) {
  await c.conn.sendRequest(P.ShutdownRequest.type);
  c.conn.sendNotification(P.ExitNotification.type);
  const ex = await c.proc.exited;
  check('exit 0', ex.code === 0, ex);
  c.conn.dispose();
}
const show = (p) => p.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)
  .sort().join('\n');
const open = (c, u, text, version = 1) => c.conn.sendNotification(P.DidOpenTextDocumentNotification.type,
  { textDocument: { uri: u, languageId: 'javascript', version, text } });
const edit = (c, u, version, line, endLine, text) => c.conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
  textDocument: { uri: u, version },
  contentChanges: [{ range: { start: { line, character: 0 }, end: { line: endLine, character: 0 } }, text }],
});

// The diagnostics a fresh server shows for text opened at u.
async function fresh(args, rootUri, u, text) {
  const c = client(args, rootUri);
  await c.ready;
  open(c, u, text);
  await c.w.until(() => c.diags.has(u), 60000, 'a fresh open');
  await settle(c.conn);
  const p = c.diags.get(u);
  await stop(c);
  return show(p);
}

(async () => {
  // 1. A keystroke during the exact analysis.
  const lines = farText(1500);
  const v1 = lines.join('\n');
  // v2: a function's first line deleted, far below the errors; v3: a
  // line added at the top.
  const h28 = lines.indexOf('function helper28(items) {');
  lines.splice(h28, 1);
  const v2 = lines.join('\n');
  lines.unshift('');
  const v3 = lines.join('\n');
  const exact2 = await fresh(['--no-scan'], null, 'file:///fresh/far.js', v2);
  const exact3 = await fresh(['--no-scan'], null, 'file:///fresh/far.js', v3);
  const u = 'file:///exact/far.js';
  const c = client(['--no-scan'], null);
  await c.ready;
  const t0 = Date.now();
  open(c, u, v1);
  await c.w.until(() => c.diags.has(u), 60000, 'open far.js');
  // An open parses the whole text, as the exact analysis does.
  const whole = Date.now() - t0;
  edit(c, u, 2, h28, h28 + 1, '');
  await c.w.until(() => c.diags.get(u).version === 2, 60000, 'version 2');
  check('precondition: the keystroke\'s findings differ from the whole file\'s', show(c.diags.get(u)) !== exact2);
  // The exact analysis starts 150 ms after the last change: the next edit
  // comes a third of the way through it.
  await delay(150 + whole / 3);
  const sent = c.log.length;
  edit(c, u, 3, 0, 0, '\n');
  await c.w.until(() => c.log.slice(sent).some((p) => p.version === 3), 60000, 'version 3');
  const after = c.log.slice(sent);
  check('a keystroke typed during the exact analysis is answered before it ends', after[0].version === 3,
    after.map((p) => p.version));
  // The stale analysis ends, then the text's own runs: twice an open's
  // time (minutes under a sanitizer on a loaded machine).
  const done = await c.w.until(() => show(c.diags.get(u)) === exact3, 60000 + 4 * whole,
    'the exact findings of version 3')
    .then(() => true, () => false);
  check('then, with no settle, the findings are a fresh open\'s of the text now', done);
  check('the exact result made for the earlier text is never shown after the keystroke',
    c.log.slice(sent).every((p) => p.version === 3), c.log.slice(sent).map((p) => p.version));
  await stop(c);

  // 2. The workspace scan on: a finding another file causes.
  const ws = farText(300);
  const root = workspace({
    'package.json': '{"name": "svc", "dependencies": {"express": "4"}}\n',
    'server.js': ws.join('\n'), 'lib/render.js': RENDER,
  });
  const su = uri(root + '/server.js');
  const s = client([], uri(root));
  await s.ready;
  open(s, su, ws.join('\n'));
  await settle(s.conn);
  check('scan on: the finding another file causes is shown', show(s.diags.get(su)).includes('JS107'),
    show(s.diags.get(su)));
  const s28 = ws.indexOf('function helper28(items) {');
  ws.splice(s28, 1);
  edit(s, su, 2, s28, s28 + 1, '');
  const want = await fresh([], uri(root), su, ws.join('\n'));
  const same = await s.w.until(() => s.diags.get(su).version === 2 && show(s.diags.get(su)) === want, 60000,
    'the exact findings with the workspace\'s').then(() => true, () => false);
  check('scan on: after an edit, with no settle, the findings are a fresh server\'s', same,
    { got: show(s.diags.get(su)).split('\n').length, want: want.split('\n').length });
  await stop(s);
  finish();
})().catch((e) => { console.error(e); console.log('FAIL unexpected error'); process.exit(1); });
