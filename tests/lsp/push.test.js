// A push client (as Neovim, Emacs, Vim): diagnostics arrive through
// publishDiagnostics. Drives `stackfit lsp` through the whole life of an
// editing session with vscode-languageserver-protocol and checks what a
// user would see: findings, their positions after multi-byte text,
// incremental and full-text edits, code actions, hover, close, exit.
'use strict';
const fs = require('fs');
const path = require('path');
const P = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { check, finish, workspace, uri, spawn, waiter } = require('./lib');

const JS = [
  "const fs = require('fs');",
  "app.get('/', (req, res) => {",
  "  const a = fs.readFileSync('a.txt');",
  '  const s = "😀é"; const b = fs.readFileSync(\'b.txt\');',
  '  res.send(a + b + s);',
  '});',
  '',
].join('\n');
const PY = [
  'import time',
  '',
  'async def handler():',
  '    time.sleep(1)',
  '',
].join('\n');

(async () => {
  const root = workspace({ 'src/app.js': JS, 'svc/main.py': PY, 'lib/util.js': 'module.exports = 1;\n',
    'pyproject.toml': '[tool.stackfit]\nrules = { PY201 = "nope" }\n' });
  const proc = spawn();
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  const diags = new Map();
  const versions = new Map();
  const w = waiter();
  const progress = [];
  const registrations = [];
  const logs = [];
  conn.onNotification(P.LogMessageNotification.type, (m) => { logs.push(m); });
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    diags.set(p.uri, p.diagnostics);
    versions.set(p.uri, p.version);
    w.poke();
  });
  const shown = [];
  conn.onNotification('window/showMessage', (p) => { shown.push(p); });
  conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
  conn.onRequest(P.RegistrationRequest.type, (p) => { registrations.push(p); w.poke(); return null; });
  conn.onNotification('$/progress', (p) => { progress.push(p.value.kind); w.poke(); });
  conn.listen();

  const init = await conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid,
    rootUri: uri(root),
    workspaceFolders: [{ uri: uri(root), name: 'ws' }],
    initializationOptions: { ruleDocsUrl: 'https://docs.example.org/stackfit/{id}-{name}.html' },
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  });
  const caps = init.capabilities;
  check('initialize: utf-16 when the client offers nothing', caps.positionEncoding === 'utf-16', caps);
  check('initialize: incremental sync, open/close, save', caps.textDocumentSync.change === 2 &&
    caps.textDocumentSync.openClose === true, caps.textDocumentSync);
  check('initialize: no pull for a client that does not pull', caps.diagnosticProvider === undefined);
  check('initialize: quick fixes and hover', caps.codeActionProvider.codeActionKinds[0] === 'quickfix' &&
    caps.hoverProvider === true);
  check('initialize: serverInfo', init.serverInfo.name === 'stackfit');
  check('a bad configuration is shown to the user, naming the file', shown.length === 1 && shown[0].type === 1 &&
    shown[0].message.includes('pyproject.toml'), shown);
  conn.sendNotification(P.InitializedNotification.type, {});

  await w.until(() => progress.includes('end'), 10000, 'scan progress end').catch(() => {});
  check('workspace scan reports begin ... end progress', progress[0] === 'begin' && progress[progress.length - 1] === 'end', progress);
  await w.until(() => registrations.length > 0, 3000, 'registration').catch(() => {});
  const reg = registrations[0] && registrations[0].registrations[0];
  check('didChangeWatchedFiles registered dynamically', reg && reg.method === 'workspace/didChangeWatchedFiles' &&
    reg.registerOptions.watchers[0].globPattern.includes('py'), registrations);

  // didOpen with eglot's languageId "js": the extension decides.
  const file = path.join(root, 'src/app.js');
  const u = uri(file);
  let doc = TextDocument.create(u, 'javascript', 0, JS);
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: u, languageId: 'js', version: 0, text: JS } });
  let d = await w.until(() => diags.get(u), 5000, 'diagnostics');
  check('didOpen (languageId "js") -> 2 JS101 diagnostics', d.length === 2 && d.every((x) => x.code === 'JS101'), d);
  check('diagnostic has source, severity, href, message', d[0].source === 'stackfit' && d[0].severity === 2 &&
    d[0].codeDescription.href === 'https://docs.example.org/stackfit/JS101-sync-io-in-event-loop.html' && d[0].message.includes('fs.readFileSync'), d[0]);
  check('utf-16 column after an emoji and é', d[1].range.start.line === 3 && d[1].range.start.character === 29 &&
    d[1].range.end.character === 44, d[1].range);
  check('publishDiagnostics carries the version', versions.get(u) === 0);

  const text = async () => (await conn.sendRequest('stackfit/documentText', { textDocument: { uri: u } }));
  let version = 0;
  async function change(changes, expectCount) {
    version++;
    doc = TextDocument.update(doc, changes, version);
    diags.delete(u);
    conn.sendNotification(P.DidChangeTextDocumentNotification.type,
      { textDocument: { uri: u, version }, contentChanges: changes });
    return w.until(() => diags.get(u) && (expectCount === undefined || diags.get(u).length === expectCount) && diags.get(u),
      5000, 'diagnostics after change');
  }

  // Incremental: a new flagged line at the top of the handler.
  d = await change([{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
    text: "  fs.writeFileSync('c', '');\n" }], 3);
  check('incremental insert -> 3 diagnostics on lines 2, 3, 4', d.map((x) => x.range.start.line).join() === '2,3,4', d);
  // Incremental, after the multi-byte characters of line 4: "Sync" removed.
  d = await change([{ range: { start: { line: 4, character: 40 }, end: { line: 4, character: 44 } }, text: '' }], 2);
  check('edit after emoji (utf-16 40..44) removes that finding', d.length === 2, d);
  let st = await text();
  check('the edit made readFileSync readFile', st.text.includes("const b = fs.readFile('b.txt')"), st.text);
  check('server text == client text after incremental edits', st.text === doc.getText(), { server: st.text, client: doc.getText() });
  check('server version follows the client', st.version === version);

  // Several ranged changes in one notification, applied in order.
  d = await change([
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// a\n' },
    { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, text: 'é😀' },
  ]);
  st = await text();
  check('two changes in one didChange applied in order', st.text === doc.getText(), st.text.slice(0, 20));

  // A stale version is dropped.
  conn.sendNotification(P.DidChangeTextDocumentNotification.type,
    { textDocument: { uri: u, version: 1 }, contentChanges: [{ text: 'garbage' }] });
  st = await text();
  check('stale didChange version dropped', st.text === doc.getText() && st.version === version);

  // Full-text sync (ALE, YouCompleteMe).
  d = await change([{ text: JS }], 2);
  st = await text();
  check('full-text change -> 2 diagnostics, text equal', d.length === 2 && st.text === JS);

  // Code actions on the cursor position of a flagged line.
  const at = { line: 2, character: 5 };
  const actions = await conn.sendRequest(P.CodeActionRequest.type, {
    textDocument: { uri: u }, range: { start: at, end: at },
    context: { diagnostics: [d[0]], only: ['quickfix'] },
  });
  const sup = actions.find((a) => a.title === 'Suppress JS101 on this line');
  check('code action "Suppress JS101 on this line" offered', sup && sup.kind === 'quickfix' &&
    sup.diagnostics[0].code === 'JS101', actions);
  const edits = sup.edit.changes[u];
  check('suppression edit inserts a comment line above', edits.length === 1 &&
    edits[0].newText === '  // stackfit: ignore[JS101]\n', edits);
  d = await change(edits.map((e) => ({ range: e.range, text: e.newText })), 1);
  check('after applying it -> 1 diagnostic', d.length === 1, d);
  const only = await conn.sendRequest(P.CodeActionRequest.type, {
    textDocument: { uri: u }, range: d[0].range, context: { diagnostics: [], only: ['refactor'] },
  });
  check('no quick fixes when only refactorings are asked', Array.isArray(only) && only.length === 0);

  // Hover on the remaining finding.
  const hover = await conn.sendRequest(P.HoverRequest.type,
    { textDocument: { uri: u }, position: { line: d[0].range.start.line, character: d[0].range.start.character + 3 } });
  check('hover: markdown, short: the message, why, what instead', hover && hover.contents.kind === 'markdown' &&
    hover.contents.value.startsWith('**JS101** `sync-io-in-event-loop`: ') &&
    hover.contents.value.includes('**Why is this bad:** Node.js runs all JavaScript') &&
    hover.contents.value.includes('**Use instead:**\n```js\n') &&
    !hover.contents.value.includes('## Example') &&
    hover.contents.value.split('\n').length <= 20, hover);
  check('  the full documentation one link away (ruleDocsUrl)', hover &&
    hover.contents.value.includes(
      '[Full documentation of JS101](https://docs.example.org/stackfit/JS101-sync-io-in-event-loop.html)'), hover);
  const none = await conn.sendRequest(P.HoverRequest.type, { textDocument: { uri: u }, position: { line: 0, character: 0 } });
  check('hover elsewhere: null', none === null);

  // Python by extension.
  const pu = uri(path.join(root, 'svc/main.py'));
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: pu, languageId: 'python', version: 1, text: PY } });
  const pd = await w.until(() => diags.get(pu), 5000, 'python diagnostics');
  check('python: PY201 on time.sleep', pd.length === 1 && pd[0].code === 'PY201' && pd[0].range.start.line === 3, pd);

  // Closing publishes an empty list.
  diags.delete(pu);
  conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: pu } });
  const closed = await w.until(() => diags.get(pu), 5000, 'empty list on close');
  check('didClose publishes an empty list', closed.length === 0);

  // Files changed outside the editor, and unknown notifications.
  fs.writeFileSync(path.join(root, 'lib/util.js'), 'module.exports = 2;\n');
  conn.sendNotification(P.DidChangeWatchedFilesNotification.type,
    { changes: [{ uri: uri(path.join(root, 'lib/util.js')), type: 2 }, { uri: uri(path.join(root, 'gone.py')), type: 3 }] });
  conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  conn.sendNotification('$/somethingNew', {});
  st = await text();
  check('server still answers after watched-file and unknown notifications', st.version === version);

  let err;
  try { await conn.sendRequest('stackfit/noSuchMethod', {}); } catch (e) { err = e; }
  check('unknown request -> -32601', err && err.code === -32601, err && err.message);
  try { err = undefined; await conn.sendRequest(P.HoverRequest.type, { textDocument: { uri: u } }); } catch (e) { err = e; }
  check('hover without position -> -32602', err && err.code === -32602 && /position/.test(err.message), err && err.message);

  await conn.sendRequest(P.ShutdownRequest.type);
  try { err = undefined; await conn.sendRequest(P.HoverRequest.type, { textDocument: { uri: u }, position: at }); } catch (e) { err = e; }
  check('request after shutdown -> -32600', err && err.code === -32600);
  conn.sendNotification(P.ExitNotification.type);
  const ex = await proc.exited;
  check('exit after shutdown: status 0', ex.code === 0, ex);
  check('the client\'s log names the workspace scan (window/logMessage, type Info)',
    logs.some((m) => m.type === 3 && /workspace analysed: 3 files/.test(m.message)), logs);
  // Editors show a server's stderr as errors (VS Code's "[error]",
  // Neovim's ERROR in lsp.log): a whole session writes nothing there.
  check('nothing on stderr through a whole session (issue 13, bug 6)', proc.stderrText === '', proc.stderrText);
  conn.dispose();
  fs.rmSync(root, { recursive: true, force: true });
  finish();
})().catch((e) => { console.error(e); console.log('FAIL unexpected error'); process.exit(1); });
