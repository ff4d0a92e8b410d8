// What VS Code sends, replayed: a pull client (textDocument/diagnostic with
// the previous resultId, as vscode-languageclient keeps it per document),
// which asks for code actions whenever the cursor moves and for hovers
// while the mouse rests, between its pulls; which pulls every open
// document again after a change (interFileDependencies) and when the server
// asks (workspace/diagnostic/refresh); and which opens several workspace
// folders and adds or removes them (workspace/didChangeWorkspaceFolders).
//
// Issue 13, bug 1: a code action or hover between two pulls made the next
// pull answer "unchanged" although the findings had changed (a warning
// stayed after "Suppress on this line"; rows kept old line numbers; a
// cross-file finding was missing after opening a file). Bug 4: only the
// first workspace folder was analysed, and folder changes were ignored.
'use strict';
const fs = require('fs');
const path = require('path');
const P = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { check, finish, workspace, uri, spawn, waiter, settle, RENDER } = require('./lib');

const APP = [
  "const fs = require('fs');",
  "app.get('/', (req, res) => {",
  "  const a = fs.readFileSync('a.txt');",
  "  const s = '😀é'; const b = fs.readFileSync('b.txt');",
  '  res.send(a + b + s);',
  '});',
  '',
].join('\n');
const HANDLER = [
  "const express = require('express');",
  "const { render } = require('./lib/render');",
  'const app = express();',
  "app.get('/invoice', (req, res) => {",
  '  res.send(render(req.query.id));',
  '});',
  'app.listen(3000);',
  '',
].join('\n');
const PY = ['import asyncio, time', '', 'async def handler():', '    time.sleep(1)', ''].join('\n');

// A client that behaves as vscode-languageclient 9 does with a pull server.
function vscode(roots) {
  const proc = spawn();
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  const c = { proc, conn, docs: new Map(), state: new Map(), w: waiter(), refreshes: 0, logs: [] };
  conn.onRequest(P.DiagnosticRefreshRequest.type, async () => {
    c.refreshes++;
    // VS Code pulls every open document again.
    await Promise.all([...c.docs.keys()].map((u) => c.pull(u)));
    c.w.poke();
    return null;
  });
  conn.onRequest(P.RegistrationRequest.type, () => null);
  conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
  conn.onNotification(P.LogMessageNotification.type, (m) => c.logs.push(m));
  conn.listen();
  // What the Problems panel shows for u: the last full report's items.
  c.shown = (u) => (c.state.get(u) || { items: [] }).items;
  c.pull = async (u) => {
    const prev = c.state.get(u);
    const r = await conn.sendRequest(P.DocumentDiagnosticRequest.type,
      { textDocument: { uri: u }, identifier: 'stackfit', previousResultId: prev ? prev.resultId : undefined });
    if (r.kind === 'full') c.state.set(u, { resultId: r.resultId, items: r.items });
    else c.state.set(u, { resultId: r.resultId, items: prev ? prev.items : [] });
    return r;
  };
  c.init = () => conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid,
    rootUri: uri(roots[0]),
    workspaceFolders: roots.map((r) => ({ uri: uri(r), name: path.basename(r) })),
    capabilities: {
      general: { positionEncodings: ['utf-16'] },
      window: { workDoneProgress: true },
      workspace: {
        workspaceFolders: true,
        diagnostics: { refreshSupport: true },
        didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
        workspaceEdit: { documentChanges: true },
      },
      textDocument: {
        diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  });
  c.open = async (file, languageId) => {
    const u = uri(file);
    const text = fs.readFileSync(file, 'utf8');
    c.docs.set(u, TextDocument.create(u, languageId, 1, text));
    conn.sendNotification(P.DidOpenTextDocumentNotification.type,
      { textDocument: { uri: u, languageId, version: 1, text } });
    // The light bulb for the cursor at the start, then the pull.
    await c.lightBulb(u, { line: 0, character: 0 });
    await c.pull(u);
    return u;
  };
  // The automatic code action request of a cursor move.
  c.lightBulb = (u, pos) => conn.sendRequest(P.CodeActionRequest.type, {
    textDocument: { uri: u }, range: { start: pos, end: pos },
    context: { diagnostics: c.shown(u).filter((d) => d.range.start.line <= pos.line && d.range.end.line >= pos.line),
      triggerKind: 2 },
  });
  c.hover = (u, pos) => conn.sendRequest(P.HoverRequest.type, { textDocument: { uri: u }, position: pos });
  // Applies edits to u as the editor does, then (as VS Code) asks for the
  // light bulb and a hover at the cursor before its debounced pulls of
  // this document and the other open ones.
  c.edit = async (u, edits, cursor) => {
    const d = c.docs.get(u);
    const changes = edits.map((e) => ({ range: e.range, text: e.newText }));
    const next = TextDocument.update(d, changes, d.version + 1);
    c.docs.set(u, next);
    conn.sendNotification(P.DidChangeTextDocumentNotification.type,
      { textDocument: { uri: u, version: next.version }, contentChanges: changes });
    await c.lightBulb(u, cursor);
    await c.hover(u, cursor);
    await c.lightBulb(u, cursor);
    await c.pull(u);
    await Promise.all([...c.docs.keys()].filter((o) => o !== u).map((o) => c.pull(o)));
  };
  return c;
}

const codes = (items) => items.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`).sort();

(async () => {
  const one = workspace({ 'src/app.js': APP, 'svc/main.py': PY });
  const two = workspace({
    'package.json': '{"name": "svc", "dependencies": {"express": "4"}}\n',
    'server.js': HANDLER, 'lib/render.js': RENDER,
  });
  const three = workspace({ 'late.py': PY });
  const c = vscode([one, two]);
  await c.init();
  c.conn.sendNotification(P.InitializedNotification.type, {});

  // --- Suppress on this line, then the light bulb and a hover, then pulls.
  const app = await c.open(path.join(one, 'src/app.js'), 'javascript');
  check('app.js: JS101 at 3:13 and 4:30 (UTF-16 columns)', JSON.stringify(codes(c.shown(app))) ===
    JSON.stringify(['JS101@3:13', 'JS101@4:30']), codes(c.shown(app)));
  const at4 = { line: 3, character: 40 };
  await c.hover(app, at4);
  const actions = await c.lightBulb(app, at4);
  const suppress = actions.find((a) => a.title === 'Suppress JS101 on this line');
  check('the light bulb offers "Suppress JS101 on this line"', suppress, actions.map((a) => a.title));
  await c.edit(app, suppress.edit.documentChanges[0].edits, { line: 4, character: 40 });
  check('after the suppression, with a code action and a hover before the pull: one JS101, at 3:13 (bug 1)',
    JSON.stringify(codes(c.shown(app))) === JSON.stringify(['JS101@3:13']), codes(c.shown(app)));

  // --- A line typed above: the rows move with their lines.
  await c.edit(app, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    newText: '// a comment\n' }], { line: 1, character: 0 });
  check('a line added above: JS101 now at 4:13 (bug 1: the rows kept their old lines)',
    JSON.stringify(codes(c.shown(app))) === JSON.stringify(['JS101@4:13']), codes(c.shown(app)));
  await c.edit(app, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: '' }],
    { line: 0, character: 0 });
  check('and removed again: 3:13', JSON.stringify(codes(c.shown(app))) === JSON.stringify(['JS101@3:13']),
    codes(c.shown(app)));

  // --- Python's quick fix, applied through the light bulb.
  const main = await c.open(path.join(one, 'svc/main.py'), 'python');
  check('main.py: PY201 at 4:5', JSON.stringify(codes(c.shown(main))) === JSON.stringify(['PY201@4:5']),
    codes(c.shown(main)));
  const fixes = await c.lightBulb(main, { line: 3, character: 6 });
  const fix = fixes.find((a) => /asyncio\.sleep/.test(a.title));
  await c.edit(main, fix.edit.documentChanges[0].edits, { line: 3, character: 6 });
  check('after the quick fix, with a code action and a hover before the pull: no PY201 (bug 1)',
    c.shown(main).length === 0, codes(c.shown(main)));

  // --- The second workspace folder (bug 4): opening a handler shows the
  // finding its helper in another file causes, once the server has
  // solved the folder (it asks the client to pull again).
  await settle(c.conn);
  const server = await c.open(path.join(two, 'server.js'), 'javascript');
  await c.hover(server, { line: 4, character: 14 });
  await c.lightBulb(server, { line: 4, character: 14 });
  await settle(c.conn);
  await c.w.until(() => c.shown(server).some((d) => d.code === 'JS107'), 5000, 'JS107 in the second folder')
    .catch(() => {});
  check('second workspace folder: JS107 on server.js through lib/render.js (bugs 1, 4)',
    c.shown(server).some((d) => d.code === 'JS107' && d.range.start.line === 4), codes(c.shown(server)));
  const hover = await c.hover(server, { line: 4, character: 14 });
  check('  its hover', hover && /JS107/.test(hover.contents.value), hover);

  // --- A folder added, one removed (workspace/didChangeWorkspaceFolders).
  c.conn.sendNotification(P.DidChangeWorkspaceFoldersNotification.type, { event: {
    added: [{ uri: uri(three), name: 'three' }], removed: [{ uri: uri(two), name: path.basename(two) }] } });
  const late = await c.open(path.join(three, 'late.py'), 'python');
  fs.writeFileSync(path.join(three, '.stackfit.json'), '{"rules": {"PY201": "error"}}\n');
  c.conn.sendNotification(P.DidChangeWatchedFilesNotification.type,
    { changes: [{ uri: uri(path.join(three, '.stackfit.json')), type: 1 }] });
  await settle(c.conn);
  await c.w.until(() => c.shown(late).some((d) => d.severity === 1), 5000, 'the added folder\'s configuration')
    .catch(() => {});
  check('an added folder is a folder: its configuration applies to its files (bug 4)',
    c.shown(late).length === 1 && c.shown(late)[0].severity === 1, c.shown(late));
  // server.js is now outside every folder: no project, no JS107.
  await c.pull(server);
  check('a removed folder: its files are analysed alone (no JS107 through its other files)',
    !c.shown(server).some((d) => d.code === 'JS107'), codes(c.shown(server)));

  await c.conn.sendRequest(P.ShutdownRequest.type);
  c.conn.sendNotification(P.ExitNotification.type);
  const ex = await c.proc.exited;
  check('exit 0', ex.code === 0, ex);
  check('nothing on stderr (bug 6)', c.proc.stderrText === '', c.proc.stderrText);
  c.conn.dispose();
  finish();
})().catch((e) => { console.error(e); console.log('FAIL unexpected error'); process.exit(1); });
