// A pull client (as VS Code): the server must answer
// textDocument/diagnostic and never push, or VS Code shows every finding
// twice. Also: utf-8 positions when the client offers them, and a
// documentChanges WorkspaceEdit with the document's version.
'use strict';
const fs = require('fs');
const path = require('path');
const P = require('vscode-languageserver-protocol/node');
const { check, finish, workspace, uri, spawn, delay } = require('./lib');

const JS = 'const fs = require("fs");\nasync function f() {\n  const s = "😀é"; fs.readFileSync(s);\n}\n';

(async () => {
  const root = workspace({ 'a.js': JS, '.stackfit.json': '{"rules": {"JS101": "error"}}' });
  const proc = spawn(['--stdio']);
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  let pushed = 0;
  conn.onNotification(P.PublishDiagnosticsNotification.type, () => { pushed++; });
  conn.listen();
  const init = await conn.sendRequest(P.InitializeRequest.type, {
    processId: null,
    rootUri: uri(root),
    capabilities: {
      general: { positionEncodings: ['utf-8', 'utf-16'] },
      workspace: { workspaceEdit: { documentChanges: true }, diagnostics: { refreshSupport: true } },
      textDocument: {
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        publishDiagnostics: { relatedInformation: true },
        hover: { contentFormat: ['plaintext'] },
      },
    },
  });
  check('utf-8 chosen when offered', init.capabilities.positionEncoding === 'utf-8');
  const dp = init.capabilities.diagnosticProvider;
  check('diagnosticProvider for a pulling client', dp && dp.interFileDependencies === true &&
    dp.workspaceDiagnostics === false, dp);
  conn.sendNotification(P.InitializedNotification.type, {});

  const u = uri(path.join(root, 'a.js'));
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: u, languageId: 'javascript', version: 1, text: JS } });
  const r1 = await conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: u } });
  check('pull: full report with 1 item', r1.kind === 'full' && r1.items.length === 1 && r1.items[0].code === 'JS101', r1);
  check('the workspace configuration applies (JS101 as error)', r1.items[0].severity === 1, r1.items[0].severity);
  check('pull: utf-8 byte column after emoji and é', r1.items[0].range.start.character === 22, r1.items[0].range);
  check('pull: no codeDescription.href without a docs URL (there is no site to link to)',
    r1.items[0].codeDescription === undefined, r1.items[0].codeDescription);
  const r2 = await conn.sendRequest(P.DocumentDiagnosticRequest.type,
    { textDocument: { uri: u }, previousResultId: r1.resultId });
  check('pull again, nothing changed: unchanged', r2.kind === 'unchanged' && r2.resultId === r1.resultId, r2);

  conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: u, version: 2 },
    contentChanges: [{ range: { start: { line: 2, character: 22 }, end: { line: 2, character: 22 } }, text: 'fs.mkdirSync(s); ' }],
  });
  const r3 = await conn.sendRequest(P.DocumentDiagnosticRequest.type,
    { textDocument: { uri: u }, previousResultId: r1.resultId });
  check('pull after an edit at a utf-8 column: 2 items', r3.kind === 'full' && r3.items.length === 2 &&
    r3.items[1].range.start.character === 39, r3);

  const actions = await conn.sendRequest(P.CodeActionRequest.type, {
    textDocument: { uri: u }, range: r3.items[0].range, context: { diagnostics: r3.items },
  });
  const suppress = actions.find((a) => a.title.startsWith('Suppress'));
  const dc = suppress && suppress.edit.documentChanges;
  check('code action uses documentChanges with the version', dc && dc[0].textDocument.version === 2 &&
    dc[0].edits[0].newText === '  // stackfit: ignore[JS101]\n', actions);
  const rewrite = actions.find((a) => a.title === 'Use `await fs.promises.mkdir`');
  check('quick fix: fs.mkdirSync in an async function -> await fs.promises.mkdir',
    rewrite && rewrite.isPreferred &&
    rewrite.edit.documentChanges[0].edits[0].newText === 'await fs.promises.mkdir(s)', actions);

  const hover = await conn.sendRequest(P.HoverRequest.type, { textDocument: { uri: u }, position: r3.items[0].range.start });
  check('hover: plain text for a plaintext-only client', hover.contents.kind === 'plaintext' &&
    !hover.contents.value.includes('```') && hover.contents.value.includes('Why is this bad: ') &&
    hover.contents.value.includes('Use instead:\n') && !hover.contents.value.includes('**'), hover);

  // Unopened documents: an empty full report, not an error.
  const r4 = await conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: uri(path.join(root, 'x.js')) } });
  check('pull for a document not open: empty full report', r4.kind === 'full' && r4.items.length === 0);

  conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: u } });
  await delay(200);
  check('nothing was ever pushed to a pulling client', pushed === 0, pushed);

  // Killed without shutdown/exit (eglot, lsp-mode): stdin closes.
  proc.stdin.end();
  const ex = await proc.exited;
  check('stdin closed without exit: the server ends (status 1)', ex.code === 1, ex);
  conn.dispose();
  fs.rmSync(root, { recursive: true, force: true });
  finish();
})().catch((e) => { console.error(e); console.log('FAIL unexpected error'); process.exit(1); });
