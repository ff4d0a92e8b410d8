// The language server under issue 15's attacks (tests/HARDENING.md):
// 12. a lone CR is a line end: positions and edits in a file whose lines end
//     with CR alone land where the editor has them, and the server's text
//     stays the editor's;
// 14. a URI with `..` (file:///ROOT/../x) in didChangeWatchedFiles, didOpen
//     or didClose never makes the server read a file outside the root.
'use strict';
const fs = require('fs');
const path = require('path');
const P = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const cp = require('child_process');
const os = require('os');
const { BIN, check, finish, workspace, uri, spawn, waiter, settle } = require('./lib');

// strace, when there is one, records every path the server touches.
const STRACE = ['/usr/bin/strace', '/bin/strace'].find((p) => fs.existsSync(p));
const TRACE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stackfit-trace-')), 'trace');
function spawnTraced() {
  if (!STRACE) return spawn();
  // LeakSanitizer cannot run under ptrace (it aborts at exit): the ASan
  // build's leak check is left to the other tests.
  const env = { ...process.env, ASAN_OPTIONS: `${process.env.ASAN_OPTIONS || ''}:detect_leaks=0` };
  const proc = cp.spawn(STRACE, ['-f', '-qq', '-e', 'trace=file,openat', '-o', TRACE, BIN, 'lsp'],
    { stdio: ['pipe', 'pipe', 'pipe'], env });
  proc.stderrText = '';
  proc.stderr.on('data', (d) => { proc.stderrText += d; });
  proc.exited = new Promise((res) => proc.on('exit', (code, signal) => res({ code, signal })));
  return proc;
}

const HANDLER = [
  "const express = require('express');",
  "const { load } = require('../helper');",
  'const app = express();',
  "app.get('/', (req, res) => res.send(load()));",
  '',
].join('\n');
const HELPER = [
  "const fs = require('fs');",
  "function load() { return fs.readFileSync('x'); }",
  'module.exports = { load };',
  '',
].join('\n');

(async () => {
  const outer = workspace({ 'helper.js': HELPER,
    'root/package.json': '{"name": "svc", "dependencies": {"express": "4"}}\n', 'root/server.js': HANDLER });
  const root = path.join(outer, 'root');
  const proc = spawnTraced();
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  const diags = new Map();
  const w = waiter();
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => { diags.set(p.uri, p.diagnostics); w.poke(); });
  conn.onRequest(P.RegistrationRequest.type, () => null);
  conn.listen();
  await conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid, rootUri: uri(root),
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  conn.sendNotification(P.InitializedNotification.type, {});

  // --- 12: a file whose lines end with CR alone.
  const lines = ["const fs = require('fs');", "app.get('/', (req, res) => {", "  const a = fs.readFileSync('a');",
    '  res.send(a);', '});', ''];
  const cr = uri(path.join(root, 'cr.js'));
  let doc = TextDocument.create(cr, 'javascript', 1, lines.join('\r'));
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: cr, languageId: 'javascript', version: 1, text: doc.getText() } });
  await w.until(() => diags.has(cr), 5000, 'cr.js');
  const at = () => (diags.get(cr) || []).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).join();
  check('CR-only lines: JS101 on line 2 (0-based), column 12', at() === 'JS101@2:12', at());
  const edit = (range, text) => {
    doc = TextDocument.update(doc, [{ range, text }], doc.version + 1);
    conn.sendNotification(P.DidChangeTextDocumentNotification.type,
      { textDocument: { uri: cr, version: doc.version }, contentChanges: [{ range, text }] });
  };
  edit({ start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, "fs.statSync('b');\r  ");
  edit({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '// top\r');
  const st = await conn.sendRequest('stackfit/documentText', { textDocument: { uri: cr } });
  check("edits by LSP line and character land where the editor's do: the server's text is the editor's",
    st.text === doc.getText(), JSON.stringify(st.text));
  await w.until(() => at() === 'JS101@3:12,JS101@4:2', 5000, 'the findings moved').catch(() => {});
  check('and the findings are on their lines: 3 and 4', at() === 'JS101@3:12,JS101@4:2', at());
  const mixed = uri(path.join(root, 'mixed.py'));
  const mtext = 'import time\r\nasync def f():\r    time.sleep(1)\n\r\nasync def g():\r    time.sleep(2)\r';
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: mixed, languageId: 'python', version: 1, text: mtext } });
  await w.until(() => (diags.get(mixed) || []).length === 2, 5000, 'mixed.py').catch(() => {});
  check('CRLF, LF and CR mixed: PY201 on lines 2 and 5', (diags.get(mixed) || []).map((d) => d.range.start.line).join() === '2,5',
    diags.get(mixed));

  // --- 14: `..` out of the root.
  const server = uri(path.join(root, 'server.js'));
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: server, languageId: 'javascript', version: 1, text: HANDLER } });
  await settle(conn);
  const js107 = () => (diags.get(server) || []).some((d) => d.code === 'JS107');
  check('the helper outside the root is not part of the project: no JS107', !js107(), diags.get(server));
  const sneaky = `${uri(root)}/../helper.js`;
  conn.sendNotification(P.DidChangeWatchedFilesNotification.type, { changes: [{ uri: sneaky, type: 1 }, { uri: sneaky, type: 2 }] });
  await settle(conn);
  check('didChangeWatchedFiles of file:///ROOT/../helper.js: still no JS107 (not read)', !js107(), diags.get(server));
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: sneaky, languageId: 'javascript', version: 1, text: '' } });
  conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: sneaky } });
  await settle(conn);
  check('didOpen and didClose of file:///ROOT/../helper.js: still no JS107', !js107(), diags.get(server));
  const encoded = `${uri(root)}/%2E%2E/helper.js`;
  conn.sendNotification(P.DidChangeWatchedFilesNotification.type, { changes: [{ uri: encoded, type: 1 }] });
  await settle(conn);
  check('the same with %2E%2E', !js107(), diags.get(server));

  await conn.sendRequest(P.ShutdownRequest.type);
  conn.sendNotification(P.ExitNotification.type);
  const ex = await proc.exited;
  check('exit 0', ex.code === 0, ex);
  if (STRACE) {
    const touched = fs.readFileSync(TRACE, 'utf8').split('\n').filter((l) => /helper\.js/.test(l));
    check('strace: the server never opened or looked at a path outside the root (14)', touched.length === 0,
      touched.slice(0, 5));
  } else {
    console.log('skip strace: no strace here (the checks above still hold)');
  }
  fs.rmSync(path.dirname(TRACE), { recursive: true, force: true });
  conn.dispose();
  finish();
})().catch((e) => { console.error(e); console.log('FAIL unexpected error'); process.exit(1); });
