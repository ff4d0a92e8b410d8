// Typing in a workspace: the server answers each keystroke from the
// document alone and solves the workspace's project a moment after typing
// stops. While a line is typed above it, a finding another file causes
// (JS107) stays on screen and moves with its line; a document whose
// findings did not change is not published again; once the server has
// settled, what it shows is what `stackfit audit` finds in the same texts.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const P = require('vscode-languageserver-protocol/node');
const { BIN, check, finish, workspace, uri, spawn, waiter, settle, RENDER } = require('./lib');

const HANDLER = [
  "const express = require('express');",
  "const fs = require('fs');",
  "const { render } = require('./lib/render');",
  'const app = express();',
  "app.get('/invoice', (req, res) => {",
  "  const t = fs.readFileSync('t.html');",
  '  res.send(render(req.query.id) + t);',
  '});',
  'app.listen(3000);',
  '',
].join('\n');
const OTHER = [
  "const fs = require('fs');",
  "app.get('/', (req, res) => res.send(fs.readFileSync('x')));",
  '',
].join('\n');

(async () => {
  const root = workspace({
    'package.json': '{"name": "svc", "dependencies": {"express": "4"}}\n',
    'server.js': HANDLER, 'lib/render.js': RENDER, 'other.js': OTHER,
  });
  const proc = spawn();
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  const diags = new Map();
  const log = []; // every publish: [uri, version, diagnostics]
  const w = waiter();
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    diags.set(p.uri, p.diagnostics);
    log.push([p.uri, p.version, p.diagnostics]);
    w.poke();
  });
  conn.listen();
  await conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid, rootUri: uri(root),
    capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } },
  });
  conn.sendNotification(P.InitializedNotification.type, {});

  const server = uri(root + '/server.js');
  const other = uri(root + '/other.js');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: server, languageId: 'javascript', version: 1, text: HANDLER } });
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: other, languageId: 'javascript', version: 1, text: OTHER } });
  await settle(conn);
  const lines = (list, code) => (list || []).filter((d) => d.code === code).map((d) => d.range.start.line);
  check('after the workspace is solved: JS101 and the cross-file JS107 in server.js',
    lines(diags.get(server), 'JS101').join() === '5' && lines(diags.get(server), 'JS107').join() === '6',
    diags.get(server));

  // A comment typed character by character on a new first line, then
  // a blocking call typed in the handler, each keystroke after the
  // diagnostics of the one before (as a person types).
  let version = 1;
  let js107 = 6; // where JS107 should be
  const before = log.length;
  const moved = []; // [version, JS107 lines shown, expected line]
  const type = async (line, col, s) => {
    for (const ch of s) {
      version++;
      const v = version;
      conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
        textDocument: { uri: server, version: v },
        contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col } }, text: ch }],
      });
      if (ch === '\n' && line <= js107) js107++;
      col++;
      await w.until(() => log.some(([u, pv]) => u === server && pv === v), 5000, 'version ' + v);
      moved.push([v, lines(diags.get(server), 'JS107').join(), String(js107)]);
    }
  };
  await type(0, 0, '\n');
  await type(0, 0, '// typed while the workspace waits');
  await type(6, 0, "  fs.statSync('x');\n");
  const typed = log.slice(before).filter(([u]) => u === server);
  check('every keystroke got its diagnostics, at once', new Set(typed.map(([, v]) => v)).size === version - 1,
    typed.map(([, v]) => v));
  check('JS107 (from another file) shown with every keystroke, on its line moved by the edits',
    moved.every(([, got, want]) => got === want), moved.filter(([, got, want]) => got !== want));
  check('the call typed in the handler is flagged when it is complete',
    lines(diags.get(server), 'JS101').join() === '6,7', diags.get(server));
  check('other.js, whose findings did not change, was not published again',
    !log.slice(before).some(([u]) => u === other), log.slice(before).map(([u, v]) => [u, v]));

  await settle(conn);
  const st = await conn.sendRequest('stackfit/documentText', { textDocument: { uri: server } });
  fs.writeFileSync(root + '/server.js', st.text);
  const run = cp.spawnSync(BIN, ['audit', '--no-cache', '--no-daemon', '--format', 'json', root],
    { encoding: 'utf8' });
  const audit = JSON.parse(run.stdout);
  const want = audit.diagnostics.filter((f) => f.path === 'server.js')
    .map((f) => `${f.rule}:${f.line - 1}:${f.column - 1}`).sort();
  const got = diags.get(server).map((d) => `${d.code}:${d.range.start.line}:${d.range.start.character}`).sort();
  check('settled: the editor shows what `stackfit audit` finds in the same text', got.join() === want.join(),
    { got, want });

  await conn.sendRequest(P.ShutdownRequest.type);
  conn.sendNotification(P.ExitNotification.type);
  const ex = await proc.exited;
  check('exit 0 after shutdown and exit', ex.code === 0, ex);
  finish();
})().catch((e) => { console.log('FAIL ' + e.stack); process.exit(1); });
