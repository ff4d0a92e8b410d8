// Cross-file findings in the editor: a handler calls a helper in another
// file that calls readFileSync two hops away. The server's scan puts every
// file in the project index, so opening the handler shows JS107 with the
// chain as related information; editing the helper in the editor (without
// saving) republishes the handler's findings without it; a Python module
// registered nowhere else gets PY202 through an imported helper; a helper
// changed on disk, not in the editor, is seen by the server's watching;
// handlers another file registers keep their findings while their module
// is typed in, before any solve.
'use strict';
const fs = require('fs');
const P = require('vscode-languageserver-protocol/node');
const { check, finish, workspace, uri, spawn, waiter, settle } = require('./lib');

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
const RENDER = [
  "const { load } = require('./templates');",
  'function render(id) {',
  "  return load('invoice').replace('{id}', id);",
  '}',
  'module.exports = { render };',
  '',
].join('\n');
const TEMPLATES = [
  "const fs = require('fs');",
  'function load(name) {',
  "  return fs.readFileSync(`templates/${name}.html`, 'utf8');",
  '}',
  'module.exports = { load };',
  '',
].join('\n');
const HELPER_PY = ['import time', '', 'def pause():', '    time.sleep(1)', ''].join('\n');
const MAIN_PY = ['from app.helper import pause', '', 'async def handler():', '    pause()', ''].join('\n');
const HANDLERS = [
  "const fs = require('fs');",
  'function show(req, res) {',
  "  res.send(fs.readFileSync('a'));",
  '}',
  'function list(req, res) {',
  "  res.send(fs.readFileSync('b'));",
  '}',
  'function spare(req, res) {',
  "  res.send(fs.readFileSync('c'));",
  '}',
  'module.exports = { show, list, spare };',
  '',
].join('\n');
const ROUTES = [
  "const express = require('express');",
  "const h = require('./lib/handlers');",
  'const app = express();',
  "app.get('/a', h.show);",
  "app.get('/b', h.list);",
  'app.listen(3001);',
  '',
].join('\n');

(async () => {
  const root = workspace({
    'package.json': '{"name": "svc", "dependencies": {"express": "4"}}\n',
    'server.js': HANDLER, 'lib/render.js': RENDER, 'lib/templates.js': TEMPLATES,
    'pyproject.toml': '[project]\nname = "py"\n',
    'app/__init__.py': '', 'app/helper.py': HELPER_PY, 'app/main.py': MAIN_PY,
    'lib/handlers.js': HANDLERS, 'routes.js': ROUTES,
  });
  const proc = spawn();
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  const diags = new Map();
  const published = new Map(); // uri -> how many times
  const versions = new Map(); // uri -> the version last published
  const w = waiter();
  const progress = [];
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    diags.set(p.uri, p.diagnostics);
    versions.set(p.uri, p.version);
    published.set(p.uri, (published.get(p.uri) || 0) + 1);
    w.poke();
  });
  conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
  let ended = null;
  conn.onNotification('$/progress', (p) => {
    progress.push(p.value.kind);
    if (p.value.kind === 'end') ended = p.value;
    w.poke();
  });
  conn.listen();
  await conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid, rootUri: uri(root),
    capabilities: {
      window: { workDoneProgress: true },
      textDocument: { publishDiagnostics: { relatedInformation: true } },
    },
  });
  conn.sendNotification(P.InitializedNotification.type, {});
  await w.until(() => progress.includes('end'), 10000, 'the workspace scan');
  // The count of the whole workspace, not of the last pass (the second
  // pass of the few files that need the index said "2 files").
  check('the scan ends saying how many files the workspace has', ended && ended.message === '8 files', ended);

  const server = uri(root + '/server.js');
  const js107 = () => (diags.get(server) || []).find((d) => d.code === 'JS107');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: server, languageId: 'javascript', version: 1, text: HANDLER } });
  await w.until(js107, 5000, 'JS107 on server.js').catch(() => {});
  const d = js107();
  check('JS107 at the call of the helper in another file', d && d.range.start.line === 4 &&
    d.range.start.character === 11, d);
  check('its message names the blocking call', d && d.message.includes('fs.readFileSync'), d && d.message);
  const rel = d && d.relatedInformation ? d.relatedInformation : [];
  check('related information walks the chain through both files',
    rel.some((r) => r.location.uri.endsWith('/lib/render.js')) &&
    rel.some((r) => r.location.uri.endsWith('/lib/templates.js') && r.location.range.start.line === 2), rel);

  // The helper is fixed in the editor, not saved: the handler's findings
  // change with it.
  const templates = uri(root + '/lib/templates.js');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: templates, languageId: 'javascript', version: 1, text: TEMPLATES } });
  await w.until(() => diags.has(templates), 5000, 'templates.js published');
  conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: templates, version: 2 },
    contentChanges: [{ range: { start: { line: 2, character: 12 }, end: { line: 2, character: 24 } }, text: 'cache.get' }],
  });
  await w.until(() => !js107(), 5000, 'JS107 gone from server.js').catch(() => {});
  check('fixing the helper in another open file republishes the handler without JS107', !js107(),
    diags.get(server));
  // And breaking it again brings it back.
  conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: templates, version: 3 },
    contentChanges: [{ range: { start: { line: 2, character: 12 }, end: { line: 2, character: 21 } }, text: 'readFileSync' }],
  });
  await w.until(js107, 5000, 'JS107 back').catch(() => {});
  check('breaking it again brings JS107 back', !!js107(), diags.get(server));

  const main = uri(root + '/app/main.py');
  const py202 = () => (diags.get(main) || []).find((x) => x.code === 'PY202');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: main, languageId: 'python', version: 1, text: MAIN_PY } });
  await w.until(py202, 5000, 'PY202 on main.py').catch(() => {});
  const p = py202();
  check('PY202 through an imported helper', p && p.range.start.line === 3 && p.message.includes('time.sleep'), p);

  // A file not open in the editor changes on disk: the server watches the
  // workspace's folders itself (this client registers no file watchers),
  // so the handler is judged again.
  fs.writeFileSync(root + '/lib/render.js',
    "function render(id) { return 'invoice ' + id; }\nmodule.exports = { render };\n");
  await w.until(() => !js107(), 5000, 'JS107 gone after render.js changed on disk').catch(() => {});
  check('a helper changed on disk (not open): the handler is judged again', !js107(), diags.get(server));
  fs.writeFileSync(root + '/lib/render.js', RENDER);
  await w.until(js107, 5000, 'JS107 back after render.js restored on disk').catch(() => {});
  check('and restored on disk: JS107 back', !!js107(), diags.get(server));

  // Only what changed goes out again: an edit of the helper that changes
  // no finding republishes the edited file (its version) and no other;
  // one that takes the handler's only finding away publishes its empty
  // list; one that brings it back publishes it again.
  await settle(conn);
  const count = (u) => published.get(u) || 0;
  const onlyJs107 = (diags.get(server) || []).length === 1 && !!js107();
  check('the handler shows JS107 alone', onlyJs107, diags.get(server));
  let before = [count(server), count(templates), count(main)];
  conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: templates, version: 4 },
    contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '// x\n' }],
  });
  await settle(conn);
  check('an edit that changes no finding: the edited file is published once more',
    count(templates) === before[1] + 1, [before, count(templates)]);
  check('  and the files whose findings did not change are not published again',
    count(server) === before[0] && count(main) === before[2], [before, count(server), count(main)]);
  before = [count(server), count(templates), count(main)];
  conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: templates, version: 5 },
    contentChanges: [{ range: { start: { line: 2, character: 12 }, end: { line: 2, character: 24 } }, text: 'cache.get' }],
  });
  await settle(conn);
  check('a fix that empties the handler\'s findings publishes its empty list once',
    count(server) === before[0] + 1 && (diags.get(server) || [1]).length === 0,
    [before, count(server), diags.get(server)]);
  check('  and not the unrelated file', count(main) === before[2], [before, count(main)]);
  before = [count(server), count(templates), count(main)];
  conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: templates, version: 6 },
    contentChanges: [{ range: { start: { line: 2, character: 12 }, end: { line: 2, character: 21 } }, text: 'readFileSync' }],
  });
  await settle(conn);
  check('breaking it again publishes the handler with JS107 once',
    count(server) === before[0] + 1 && !!js107(), [before, count(server), diags.get(server)]);

  // An unfinished edit: the editor shows the syntax error itself, and the
  // solve after it does not add one (it came and went with each solve).
  conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: templates, version: 7 },
    contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'load(\n' }],
  });
  await settle(conn);
  check('an unfinished edit: no syntax-error after the solve',
    (diags.get(templates) || []).every((x) => x.code !== 'syntax-error'), diags.get(templates));

  // Functions another file registers as route handlers: their module,
  // typed in, shows their findings with the keystroke's diagnostics, from
  // what the last solve said of them (by name), before the next solve.
  const handlers = uri(root + '/lib/handlers.js');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: handlers, languageId: 'javascript', version: 1, text: HANDLERS } });
  await settle(conn);
  const lines = () => (diags.get(handlers) || []).map((x) => `${x.code}@${x.range.start.line + 1}`).sort().join(' ');
  const settled = lines();
  check('the registered handlers\' reads are flagged, the other function\'s not',
    /@3\b/.test(settled) && /@6\b/.test(settled) && !/@9\b/.test(settled), settled);
  conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: handlers, version: 2 },
    contentChanges: [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: '// x\n' }],
  });
  await w.until(() => versions.get(handlers) === 2, 5000, 'handlers.js version 2');
  check('a keystroke in their module: the same findings at once', lines() === settled, [lines(), settled]);

  await conn.sendRequest(P.ShutdownRequest.type);
  conn.sendNotification(P.ExitNotification.type);
  const ex = await proc.exited;
  check('exit 0 after shutdown and exit', ex.code === 0, ex);
  finish();
})().catch((e) => { console.log('FAIL ' + e.stack); process.exit(1); });
