// A monorepo in an editor: each open document is governed by the nearest
// configuration above it, as `stackfit audit` and `check` govern the file
// (issue 14: the language server read the root's only). A package's own
// configuration turns a rule off or changes its severity, its overrides
// apply, what the editor shows is what `audit --format json` reports for
// those files, while typing too, and an edit of a package's configuration
// on disk is taken without a restart (changed, overrides only, removed).
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const P = require('vscode-languageserver-protocol/node');
const { BIN, check, finish, workspace, uri, spawn, waiter, settle } = require('./lib');

const BLOCKING = [
  "const fs = require('fs');",
  "app.get('/', (req, res) => res.send(fs.readFileSync('x')));",
  '',
].join('\n');
const SERVER = [
  "const fs = require('fs');",
  "const { load } = require('../../../lib/helper');",
  "app.get('/', (req, res) => res.send(fs.readFileSync('x') + load()));",
  '',
].join('\n');
const HELPER = [
  "const fs = require('fs');",
  "exports.load = function () { return fs.readFileSync('y'); };",
  '',
].join('\n');
const API = (rules) => JSON.stringify({ name: 'api', stackfit: { rules } }) + '\n';
const WEB = (overrides) => JSON.stringify({ rules: { JS101: 'error' }, overrides }) + '\n';
const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 };

(async () => {
  const root = workspace({
    'package.json': '{"name": "root", "private": true}\n',
    'packages/api/package.json': API({ JS101: 'off', JS107: 'error' }),
    'packages/api/src/server.js': SERVER,
    'packages/web/.stackfit.json': WEB([{ files: ['src/legacy.js'], rules: { JS101: 'hint' } }]),
    'packages/web/src/app.js': BLOCKING,
    'packages/web/src/legacy.js': BLOCKING,
    'lib/helper.js': HELPER,
    'tools/app.js': BLOCKING,
  });
  const files = ['packages/api/src/server.js', 'packages/web/src/app.js', 'packages/web/src/legacy.js',
    'tools/app.js'];
  const proc = spawn();
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  const diags = new Map();
  const versions = new Map();
  const w = waiter();
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    diags.set(p.uri, p.diagnostics);
    versions.set(p.uri, p.version);
    w.poke();
  });
  const messages = [];
  conn.onNotification(P.ShowMessageNotification.type, (m) => { messages.push(m); w.poke(); });
  conn.onNotification(P.LogMessageNotification.type, (m) => { if (process.env.LOGS) console.log('LOG', m.message); });
  conn.listen();
  // A client without file watching: the server watches the folders.
  await conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid, rootUri: uri(root), workspaceFolders: [{ uri: uri(root), name: 'mono' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: { relatedInformation: true },
        synchronization: { didSave: true, dynamicRegistration: false } },
    },
  });
  conn.sendNotification(P.InitializedNotification.type, {});
  const u = (rel) => uri(path.join(root, rel));
  for (const rel of files)
    conn.sendNotification(P.DidOpenTextDocumentNotification.type,
      { textDocument: { uri: u(rel), languageId: 'javascript', version: 0, text: fs.readFileSync(path.join(root, rel), 'utf8') } });
  // "RULE@line/severity", sorted, of what the editor shows for rel.
  const shown = (rel) => (diags.get(u(rel)) || []).map((d) => `${d.code}@${d.range.start.line + 1}/${d.severity}`).sort();
  const all = () => Object.fromEntries(files.map((rel) => [rel, shown(rel)]));
  // The same, of what `stackfit audit --format json` reports for the files.
  const audited = () => {
    const r = cp.spawnSync(BIN, ['audit', '--no-daemon', '--no-cache', '--format', 'json', root], { encoding: 'utf8' });
    const out = Object.fromEntries(files.map((rel) => [rel, []]));
    for (const d of JSON.parse(r.stdout).diagnostics)
      if (d.path in out) out[d.path].push(`${d.rule}@${d.line}/${SEVERITY[d.severity]}`);
    for (const rel of files) out[rel].sort();
    return out;
  };
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  await settle(conn);

  const want = {
    'packages/api/src/server.js': ['JS107@3/1'],
    'packages/web/src/app.js': ['JS101@2/1'],
    'packages/web/src/legacy.js': ['JS101@2/4'],
    'tools/app.js': ['JS101@2/2'],
  };
  check('each document under its package\'s configuration: api JS101 off and JS107 an error, web JS101 an error, ' +
    'a hint in legacy.js (an override), tools the defaults', same(all(), want), all());
  check('  what audit reports for the same files', same(all(), audited()), [all(), audited()]);

  // Typing: the document's own analysis (before the workspace is solved
  // again) uses the package's settings too.
  const server = u('packages/api/src/server.js');
  const typed = SERVER + "app.get('/b', (req, res) => res.send(fs.readFileSync('b')));\n";
  conn.sendNotification(P.DidChangeTextDocumentNotification.type,
    { textDocument: { uri: server, version: 1 }, contentChanges: [{ text: typed }] });
  await w.until(() => versions.get(server) === 1, 5000, 'the edit\'s diagnostics').catch(() => {});
  check('typing in server.js: no JS101 in the first answer (the package turns it off)',
    !shown('packages/api/src/server.js').some((c) => c.startsWith('JS101')), shown('packages/api/src/server.js'));
  conn.sendNotification(P.DidChangeTextDocumentNotification.type,
    { textDocument: { uri: server, version: 2 }, contentChanges: [{ text: SERVER }] });
  await settle(conn);

  // The package's configuration edited on disk: JS101 back, as a warning.
  fs.writeFileSync(path.join(root, 'packages/api/package.json'), API({ JS101: 'warning', JS107: 'error' }));
  await w.until(() => shown('packages/api/src/server.js').includes('JS101@3/2'), 5000, 'JS101 in api').catch(() => {});
  await settle(conn);
  check('packages/api/package.json changed: JS101 shows in server.js, without a restart',
    same(shown('packages/api/src/server.js'), ['JS101@3/2', 'JS107@3/1']), shown('packages/api/src/server.js'));
  check('  what audit reports', same(all(), audited()), [all(), audited()]);

  // Overrides only (the package's rules are the same): one turns JS101
  // off in app.js, none for legacy.js any more.
  fs.writeFileSync(path.join(root, 'packages/web/.stackfit.json'),
    WEB([{ files: ['src/app.js'], rules: { JS101: 'off' } }]));
  await w.until(() => shown('packages/web/src/app.js').length === 0, 5000, 'JS101 off in app.js').catch(() => {});
  await settle(conn);
  check('packages/web/.stackfit.json\'s overrides changed: app.js clean, legacy.js an error',
    same(shown('packages/web/src/app.js'), []) && same(shown('packages/web/src/legacy.js'), ['JS101@2/1']),
    all());
  check('  what audit reports', same(all(), audited()), [all(), audited()]);

  // The package's configuration removed: the root's (the defaults).
  fs.writeFileSync(path.join(root, 'packages/api/package.json'), '{"name": "api"}\n');
  await w.until(() => shown('packages/api/src/server.js').includes('JS107@3/2'), 5000, 'the defaults in api')
    .catch(() => {});
  await settle(conn);
  check('packages/api/package.json without a configuration: the defaults in server.js',
    same(shown('packages/api/src/server.js'), ['JS101@3/2', 'JS107@3/2']), shown('packages/api/src/server.js'));
  check('  what audit reports', same(all(), audited()), [all(), audited()]);

  // A bad package configuration: shown to the user, naming the file and
  // key; its files go to the configuration above (the defaults here).
  fs.writeFileSync(path.join(root, 'packages/web/.stackfit.json'), '{"rules": {"JS101": "loud"}}\n');
  await w.until(() => messages.length > 0, 5000, 'the error shown').catch(() => {});
  await settle(conn);
  check('a bad packages/web/.stackfit.json: an error shown, naming the file and key',
    messages.length === 1 && messages[0].type === 1 &&
    messages[0].message.includes('packages/web/.stackfit.json: rules.JS101'), messages);
  check('  app.js and legacy.js under the root\'s configuration meanwhile',
    same(shown('packages/web/src/app.js'), ['JS101@2/2']) && same(shown('packages/web/src/legacy.js'), ['JS101@2/2']),
    all());

  await conn.sendRequest(P.ShutdownRequest.type);
  conn.sendNotification(P.ExitNotification.type);
  const ex = await proc.exited;
  check('exit 0, nothing on stderr', ex.code === 0 && proc.stderrText === '', [ex, proc.stderrText]);
  conn.dispose();
  finish();
})().catch((e) => { console.error(e); console.log('FAIL unexpected error'); process.exit(1); });
