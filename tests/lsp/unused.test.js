// Unused suppressions in the editor (`"reportUnusedIgnores": true`): each
// `stackfit: ignore` that silences nothing is a diagnostic `unused-ignore`
// with a quick fix whose edit, applied to the text, leaves the expected
// code; only the unused ids of a list are named; an unknown id is reported
// the same way; tags: [Unnecessary] only for clients that support tags;
// nothing without the setting. A suppression that only a cross-file
// finding (JS107) uses is used, and becomes unused, then used again, as the
// helper in another open file is edited — pushed and pulled; one that only
// a project rule (ST301) uses is used too.
'use strict';
const fs = require('fs');
const path = require('path');
const P = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { check, finish, workspace, uri, spawn, waiter, settle, RENDER } = require('./lib');

const JS = [
  "const fs = require('fs');",
  "app.get('/', (req, res) => {",
  "  const a = fs.readFileSync('a.txt'); // stackfit: ignore[JS101,JS102]",
  '  const b = 1;  // stackfit: ignore',
  '  // stackfit: ignore[JS999]',
  '  res.send(a + b);',
  '});',
  '',
].join('\n');
const PY = [
  'import time',
  '',
  'async def handler():',
  '    time.sleep(1)  # stackfit: ignore[PY201, PY204]',
  '    x = 1  # stackfit: ignore',
  '    # stackfit: ignore',
  '    return x',
  '',
].join('\n');
// The text with line i replaced by s (null: removed).
function withLine(text, i, s) {
  const lines = text.split('\n');
  if (s === null) lines.splice(i, 1); else lines[i] = s;
  return lines.join('\n');
}

const HANDLER = [
  "const express = require('express');",
  "const { render } = require('./lib/render');",
  'const app = express();',
  "app.get('/invoice', (req, res) => {",
  '  res.send(render(req.query.id)); // stackfit: ignore[JS107]',
  '});',
  'app.listen(3000);',
  '',
].join('\n');

// A connected client; caps are its textDocument capabilities.
async function start(root, caps, options) {
  const proc = spawn();
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  const diags = new Map();
  const w = waiter();
  const progress = [];
  let refreshes = 0;
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => { diags.set(p.uri, p.diagnostics); w.poke(); });
  conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => { refreshes++; w.poke(); return null; });
  conn.onNotification('$/progress', (p) => { progress.push(p.value.kind); w.poke(); });
  conn.listen();
  await conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid, rootUri: uri(root), initializationOptions: options,
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { diagnostics: { refreshSupport: true } },
      textDocument: Object.assign({ hover: { contentFormat: ['markdown'] } }, caps),
    },
  });
  conn.sendNotification(P.InitializedNotification.type, {});
  await w.until(() => progress.includes('end'), 10000, 'the workspace scan');
  return { proc, conn, diags, w, refreshes: () => refreshes };
}

// Shuts the server down; it exits 0 (under ASan: without a leak).
async function stop(c, what) {
  await c.conn.sendRequest(P.ShutdownRequest.type);
  c.conn.sendNotification(P.ExitNotification.type);
  const ex = await c.proc.exited;
  check(`${what}: exit 0 after shutdown and exit`, ex.code === 0, [ex, c.proc.stderrText.slice(-2000)]);
}

function open(c, u, lang, text) {
  c.conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: u, languageId: lang, version: 1, text } });
}

const unused = (list) => (list || []).filter((d) => d.code === 'unused-ignore');

// The text after the quick fix offered for diagnostic d is applied.
async function fixed(c, u, text, d) {
  const actions = await c.conn.sendRequest(P.CodeActionRequest.type, {
    textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] },
  });
  const fix = actions.find((a) => a.diagnostics && a.diagnostics[0].code === 'unused-ignore' &&
    a.diagnostics[0].range.start.line === d.range.start.line && a.edit);
  if (!fix) return { actions };
  const doc = TextDocument.create(u, 'x', 1, text);
  return { title: fix.title, actions, text: TextDocument.applyEdits(doc, fix.edit.changes[u]) };
}

(async () => {
  const files = { 'src/app.js': JS, 'svc/main.py': PY, 'pyproject.toml': '[project]\nname = "svc"\n' };

  // --- push, the configuration enables it, the client supports tags ---
  {
    const root = workspace(Object.assign({ '.stackfit.json': '{"reportUnusedIgnores": true}' }, files));
    const c = await start(root, {
      publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
    });
    const js = uri(root + '/src/app.js');
    const py = uri(root + '/svc/main.py');
    open(c, js, 'javascript', JS);
    open(c, py, 'python', PY);
    await settle(c.conn);
    const u = unused(c.diags.get(js));
    check('JS: three unused suppressions reported', u.length === 3, c.diags.get(js));
    check('JS101 itself stays suppressed', !c.diags.get(js).some((d) => d.code === 'JS101'), c.diags.get(js));
    const partial = u.find((d) => d.range.start.line === 2);
    check('ignore[JS101,JS102]: only JS102 is named', partial && partial.message.includes('JS102') &&
      !partial.message.includes('JS101'), partial);
    check('source stackfit, severity Information, tags [Unnecessary]', u.every((d) => d.source === 'stackfit' &&
      d.severity === 3 && JSON.stringify(d.tags) === '[1]'), u);
    check('the range is the directive', partial && partial.range.start.character === 41 &&
      partial.range.end.character === 70, partial && partial.range);
    const unknown = u.find((d) => d.range.start.line === 4);
    check('an unknown rule id is reported the same way', unknown && unknown.message.includes('unknown rule id JS999'),
      unknown);

    let r = await fixed(c, js, JS, partial);
    check('JS partial list: the fix removes only JS102',
      r.text === withLine(JS, 2, "  const a = fs.readFileSync('a.txt'); // stackfit: ignore[JS101]"), r);
    check('its title', r.title === 'Remove unused JS102 from the suppression', r.title);
    check('no "suppress unused-ignore" action', !r.actions.some((a) => /Suppress/.test(a.title)),
      r.actions.map((a) => a.title));
    r = await fixed(c, js, JS, u.find((d) => d.range.start.line === 3));
    check('JS trailing comment: the fix removes it and the blanks before it',
      r.text === withLine(JS, 3, '  const b = 1;'), r);
    check('its title', r.title === 'Remove unused suppression', r.title);
    r = await fixed(c, js, JS, unknown);
    check('JS comment alone on its line: the fix removes the line', r.text === withLine(JS, 4, null), r);

    const pu = unused(c.diags.get(py));
    check('Python: three unused suppressions reported', pu.length === 3, c.diags.get(py));
    const ppartial = pu.find((d) => d.range.start.line === 3);
    check('Python ignore[PY201, PY204]: only PY204 is named', ppartial && ppartial.message.includes('PY204') &&
      !ppartial.message.includes('PY201'), ppartial);
    r = await fixed(c, py, PY, ppartial);
    check('Python partial list: the fix removes only PY204',
      r.text === withLine(PY, 3, '    time.sleep(1)  # stackfit: ignore[PY201]'), r);
    r = await fixed(c, py, PY, pu.find((d) => d.range.start.line === 4));
    check('Python trailing comment: the fix removes it', r.text === withLine(PY, 4, '    x = 1'), r);
    r = await fixed(c, py, PY, pu.find((d) => d.range.start.line === 5));
    check('Python comment alone on its line: the fix removes the line', r.text === withLine(PY, 5, null), r);

    const hover = await c.conn.sendRequest(P.HoverRequest.type,
      { textDocument: { uri: js }, position: { line: 3, character: 22 } });
    check('hover shows `stackfit explain unused-ignore`', hover && hover.contents.value.includes('unused-ignore') &&
      hover.contents.value.includes('suppression comments that suppress nothing'), hover);

    // Using the suppression makes its diagnostic go.
    c.conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: js, version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 12 }, end: { line: 3, character: 13 } },
        text: "fs.readFileSync('b')" }],
    });
    await c.w.until(() => unused(c.diags.get(js)).length === 2, 5000, 'two left').catch(() => {});
    check('an edit that makes the bare ignore used: its diagnostic goes',
      unused(c.diags.get(js)).length === 2 && !unused(c.diags.get(js)).some((d) => d.range.start.line === 3),
      c.diags.get(js));
    await stop(c, 'push, configured');
  }

  // --- push, no setting: nothing; no tags without tagSupport ---
  {
    const root = workspace(files);
    const c = await start(root, { publishDiagnostics: { tagSupport: { valueSet: [1] } } });
    const js = uri(root + '/src/app.js');
    open(c, js, 'javascript', JS);
    await settle(c.conn);
    check('without reportUnusedIgnores: no unused-ignore', unused(c.diags.get(js)).length === 0, c.diags.get(js));
    await stop(c, 'push, no setting');
  }
  {
    const root = workspace(files);
    const c = await start(root, { publishDiagnostics: {} }, { reportUnusedIgnores: true });
    const js = uri(root + '/src/app.js');
    open(c, js, 'javascript', JS);
    await settle(c.conn);
    const u = unused(c.diags.get(js));
    check('initializationOptions.reportUnusedIgnores turns it on', u.length === 3, c.diags.get(js));
    check('no tags for a client without tagSupport', u.every((d) => d.tags === undefined), u);
    await stop(c, 'initializationOptions');
  }

  // --- cross-file, push then pull ---
  for (const mode of ['push', 'pull']) {
    const root = workspace({
      '.stackfit.json': '{"reportUnusedIgnores": true}',
      'package.json': '{"name": "svc", "dependencies": {"express": "4"}}\n',
      'server.js': HANDLER, 'lib/render.js': RENDER,
    });
    const caps = mode === 'pull'
      ? { diagnostic: { dynamicRegistration: false } }
      : { publishDiagnostics: { tagSupport: { valueSet: [1] } } };
    const c = await start(root, caps);
    const server = uri(root + '/server.js');
    const render = uri(root + '/lib/render.js');
    const current = async () => {
      if (mode === 'push') return c.diags.get(server);
      const r = await c.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: server } });
      return r.items;
    };
    open(c, server, 'javascript', HANDLER);
    open(c, render, 'javascript', RENDER);
    await settle(c.conn);
    let d = await current();
    check(`${mode}: ignore[JS107] used by a cross-file finding is not unused`,
      d && unused(d).length === 0 && !d.some((x) => x.code === 'JS107'), d);
    // As VS Code does, a pull client asks for the edited file's
    // diagnostics at once; the handler's are asked for after the server's
    // refresh request.
    const edit = (version, from, to, text) => {
      c.conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
        textDocument: { uri: render, version },
        contentChanges: [{ range: { start: { line: 2, character: from }, end: { line: 2, character: to } }, text }],
      });
      if (mode === 'pull') c.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: render } });
    };
    // The helper stops blocking: the handler's comment is unused now.
    const seen = c.refreshes();
    edit(2, 12, 24, 'cache.get'); // fs.readFileSync( -> fs.cache.get(
    if (mode === 'push') {
      await c.w.until(() => unused(c.diags.get(server)).length === 1, 5000, 'unused in server.js').catch(() => {});
    } else {
      await c.w.until(() => c.refreshes() > seen, 5000, 'a refresh request').catch(() => {});
    }
    d = await current();
    check(`${mode}: editing the helper makes the handler's suppression unused`,
      unused(d).length === 1 && unused(d)[0].message.includes('JS107'), d);
    const seen2 = c.refreshes();
    edit(3, 12, 21, 'readFileSync');
    if (mode === 'push') {
      await c.w.until(() => unused(c.diags.get(server)).length === 0, 5000, 'used again').catch(() => {});
    } else {
      await c.w.until(() => c.refreshes() > seen2, 5000, 'a refresh request').catch(() => {});
    }
    d = await current();
    check(`${mode}: and blocking again makes it used again`, unused(d).length === 0 &&
      !d.some((x) => x.code === 'JS107'), d);
    await stop(c, `cross-file ${mode}`);
  }
  // --- a project rule's finding uses a comment: ignore[ST301] ---
  {
    const dir = path.join(__dirname, '..', 'cases', 'crossfile', 'express_cpu_ignored');
    const files2 = { '.stackfit.json': '{"reportUnusedIgnores": true}' };
    for (const rel of ['package.json', 'src/app.js', 'src/fib.js']) files2[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
    const root = workspace(files2);
    const c = await start(root, { publishDiagnostics: {} });
    const app = uri(root + '/src/app.js');
    open(c, app, 'javascript', files2['src/app.js']);
    await settle(c.conn);
    const d = c.diags.get(app);
    check('ignore[ST301] at the project finding\'s anchor and ignore[JS107] are used',
      unused(d).length === 0 && d.some((x) => x.code === 'JS107'), d);
    // The same comment where no project finding is: unused.
    const moved = files2['src/app.js'].replace(' // stackfit: ignore[ST301]', '')
      .replace("const app = express();", "const app = express(); // stackfit: ignore[ST301]");
    c.conn.sendNotification(P.DidChangeTextDocumentNotification.type,
      { textDocument: { uri: app, version: 2 }, contentChanges: [{ text: moved }] });
    await c.w.until(() => unused(c.diags.get(app)).length === 1 && unused(c.diags.get(app))[0].range.start.line === 5,
      5000, 'unused').catch(() => {});
    check('moved off the anchor: ignore[ST301] unused', unused(c.diags.get(app)).length === 1 &&
      unused(c.diags.get(app))[0].range.start.line === 5, c.diags.get(app));
    await stop(c, 'ignore[ST301]');
  }
  finish();
})().catch((e) => { console.log('FAIL ' + e.stack); process.exit(1); });
