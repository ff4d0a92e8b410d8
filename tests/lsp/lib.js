// Shared by the protocol tests: a private workspace, the server process
// with a vscode-languageserver-protocol connection, and ok/FAIL checks
// ending in "N passed, N failed".
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const BIN = process.argv[2];
if (!BIN) {
  console.error('usage: node TEST.js path/to/stackfit');
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(name, ok, extra) {
  if (ok) {
    passed++;
    console.log('ok   ' + name);
  } else {
    failed++;
    console.log('FAIL ' + name + (extra === undefined ? '' : ': ' + JSON.stringify(extra)));
  }
}
function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// Workspaces made by workspace(), removed when the test process exits.
const workspaces = [];
process.on('exit', () => {
  for (const dir of workspaces) fs.rmSync(dir, { recursive: true, force: true });
});

// A fresh workspace with the given files ({relpath: text}).
function workspace(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stackfit-lsp-'));
  workspaces.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return fs.realpathSync(dir);
}

// lib/render.js of many tests: a helper that blocks the event loop
// (fs.readFileSync), for a handler in another file to call.
const RENDER = [
  "const fs = require('fs');",
  'function render(id) {',
  "  return fs.readFileSync('invoice.html', 'utf8').replace('{id}', id);",
  '}',
  'module.exports = { render };',
  '',
].join('\n');

function uri(p) {
  return 'file://' + p.split('/').map(encodeURIComponent).join('/');
}

// The servers spawn() started: when a test fails, what each printed on
// stderr and how it ended are shown (a sanitizer's report, a crash), or
// a server that died mid-test would leave only "Connection is closed".
const servers = [];
process.on('exit', (code) => {
  if (code === 0) return;
  for (const [i, proc] of servers.entries()) {
    const how = proc.exitCode !== null ? `exit code ${proc.exitCode}`
      : proc.signalCode !== null ? `signal ${proc.signalCode}` : 'still running';
    const tail = proc.stderrText.length > 8000 ? '...' + proc.stderrText.slice(-8000) : proc.stderrText;
    console.log(`server ${i + 1} (pid ${proc.pid}): ${how}; its stderr:` + (tail ? '\n' + tail : ' (empty)'));
  }
});

function spawn(args = []) {
  const proc = cp.spawn(BIN, ['lsp', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  proc.stderrText = '';
  proc.stderr.on('data', (d) => { proc.stderrText += d; });
  proc.exited = new Promise((res) => proc.on('exit', (code, signal) => res({ code, signal })));
  servers.push(proc);
  return proc;
}

function delay(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// Resolves when pred() is true (checked on every call of poke()).
function waiter() {
  const waiting = [];
  return {
    poke() { for (const w of waiting.splice(0)) w(); },
    until(pred, ms = 5000, what = 'condition') {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timeout waiting for ' + what)), ms);
        const test = () => {
          const v = pred();
          if (v) { clearTimeout(timer); resolve(v); } else waiting.push(test);
        };
        test();
      });
    },
  };
}

// Resolves once the server has solved every change it was given and
// published what it found (stackfit/settle), so that what a test reads
// is final.
function settle(conn) {
  return conn.sendRequest('stackfit/settle', null);
}

// Is BIN built with a sanitizer (whose memory says nothing of the
// server's)?
function sanitized() {
  try {
    return /libasan|libubsan/.test(cp.execFileSync('ldd', [BIN], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

// A JavaScript file of `lines` lines: Express-style handlers and helpers,
// a synchronous read now and then (the memory tests' document).
function expressJs(lines) {
  const out = ["const fs = require('fs');", "const express = require('express');",
    'const app = express();', ''];
  for (let i = 0; out.length < lines - 1; i++) {
    out.push(`function helper${i}(items, factor) {`,
      '  let total = 0;',
      '  for (let k = 0; k < items.length; k++) {',
      `    total += items[k] * factor + ${i};`,
      '  }',
      `  return { id: ${i}, total, name: 'helper${i}' };`,
      '}',
      `app.get('/r${i}', (req, res) => {`,
      `  const data = ${i % 5 === 0 ? "fs.readFileSync('d' + req.params.id)" : 'req.body'};`,
      `  res.json(helper${i}([1, 2, 3], data.length));`,
      '});',
      '');
  }
  return out.slice(0, lines - 1).join('\n') + '\napp.listen(3000);\n';
}

// The memory tests' session: a workspace holding expressJs(lines) as app.js
// beside a package.json, a server answering pulled diagnostics, app.js
// open. Resolves to { text, proc, conn, u, pull }.
async function openExpressSession(lines) {
  const P = require('vscode-languageserver-protocol/node');
  const text = expressJs(lines);
  const root = workspace({ 'package.json': '{"name": "svc", "dependencies": {"express": "4"}}\n',
    'app.js': text });
  const proc = spawn();
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  conn.onRequest(P.RegistrationRequest.type, () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.listen();
  await conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid, rootUri: uri(root),
    capabilities: {
      workspace: { diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: { dynamicRegistration: false } },
    },
  });
  conn.sendNotification(P.InitializedNotification.type, {});
  const u = uri(path.join(root, 'app.js'));
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: u, languageId: 'javascript', version: 1, text } });
  const pull = () => conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: u } });
  return { text, proc, conn, u, pull };
}

module.exports = { BIN, check, finish, workspace, uri, spawn, delay, waiter, settle, RENDER, sanitized, expressJs, openExpressSession };
