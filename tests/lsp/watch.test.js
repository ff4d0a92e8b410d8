// A client without file watching (Neovim 0.7, Vim with ALE): the server
// watches the workspace itself, and what changes on disk changes what the
// editor shows, with no restart.
//
// Issue 13, bug 3: a deleted file was not noticed (a cross-file finding
// caused by the deleted helper stayed). Bug 5: a configuration change
// needed a restart.
'use strict';
const fs = require('fs');
const path = require('path');
const P = require('vscode-languageserver-protocol/node');
const { check, finish, workspace, uri, spawn, waiter, settle, delay, RENDER } = require('./lib');

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

(async () => {
  const root = workspace({
    'package.json': '{"name": "svc", "dependencies": {"express": "4"}}\n',
    'server.js': HANDLER, 'lib/render.js': RENDER,
  });
  const proc = spawn();
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  const diags = new Map();
  const w = waiter();
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => { diags.set(p.uri, p.diagnostics); w.poke(); });
  conn.listen();
  // What Neovim 0.7 says it can do: no workspace.didChangeWatchedFiles.
  await conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid, rootUri: uri(root), workspaceFolders: [{ uri: uri(root), name: 'svc' }],
    capabilities: {
      workspace: { applyEdit: true, workspaceEdit: { resourceOperations: ['rename', 'create', 'delete'] },
        configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
        synchronization: { didSave: true, dynamicRegistration: false, willSave: false } },
    },
  });
  conn.sendNotification(P.InitializedNotification.type, {});
  const server = uri(path.join(root, 'server.js'));
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: server, languageId: 'javascript', version: 0, text: HANDLER } });
  const codes = () => (diags.get(server) || []).map((d) => `${d.code}@${d.range.start.line + 1}/${d.severity}`).sort();
  await settle(conn);
  check('server.js: JS101 and JS107 (through lib/render.js)',
    JSON.stringify(codes()) === JSON.stringify(['JS101@6/2', 'JS107@7/2']), codes());

  // --- Bug 5: the configuration edited on disk, no restart.
  fs.writeFileSync(path.join(root, '.stackfit.json'), '{"rules": {"JS101": "error"}}\n');
  await w.until(() => codes().includes('JS101@6/1'), 5000, 'JS101 as an error').catch(() => {});
  check('.stackfit.json written: JS101 is an error at once, without a restart (bug 5)',
    JSON.stringify(codes()) === JSON.stringify(['JS101@6/1', 'JS107@7/2']), codes());
  fs.writeFileSync(path.join(root, '.stackfit.json'), '{"rules": {"JS101": "off"}}\n');
  await w.until(() => !codes().some((c) => c.startsWith('JS101')), 5000, 'JS101 off').catch(() => {});
  check('.stackfit.json changed again: JS101 off', JSON.stringify(codes()) === JSON.stringify(['JS107@7/2']), codes());
  fs.unlinkSync(path.join(root, '.stackfit.json'));
  await w.until(() => codes().includes('JS101@6/2'), 5000, 'the defaults').catch(() => {});
  check('.stackfit.json deleted: the defaults again',
    JSON.stringify(codes()) === JSON.stringify(['JS101@6/2', 'JS107@7/2']), codes());

  // --- Bug 3: the helper deleted on disk.
  await settle(conn);
  await delay(100);
  fs.unlinkSync(path.join(root, 'lib/render.js'));
  await w.until(() => !codes().some((c) => c.startsWith('JS107')), 5000, 'JS107 gone').catch(() => {});
  check('lib/render.js deleted: its JS107 on server.js is gone (bug 3)',
    JSON.stringify(codes()) === JSON.stringify(['JS101@6/2']), codes());
  fs.mkdirSync(path.join(root, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(root, 'lib/render.js'), RENDER);
  await w.until(() => codes().some((c) => c.startsWith('JS107')), 5000, 'JS107 back').catch(() => {});
  check('and written again: JS107 is back', JSON.stringify(codes()) === JSON.stringify(['JS101@6/2', 'JS107@7/2']),
    codes());
  // The folder deleted with the file in it.
  await settle(conn);
  await delay(100);
  fs.rmSync(path.join(root, 'lib'), { recursive: true });
  await w.until(() => !codes().some((c) => c.startsWith('JS107')), 5000, 'JS107 gone').catch(() => {});
  check('lib/ deleted: JS107 gone (bug 3)', JSON.stringify(codes()) === JSON.stringify(['JS101@6/2']), codes());

  await conn.sendRequest(P.ShutdownRequest.type);
  conn.sendNotification(P.ExitNotification.type);
  const ex = await proc.exited;
  check('exit 0, nothing on stderr', ex.code === 0 && proc.stderrText === '', [ex, proc.stderrText]);
  conn.dispose();
  finish();
})().catch((e) => { console.error(e); console.log('FAIL unexpected error'); process.exit(1); });
