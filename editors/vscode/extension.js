'use strict';
// The stackfit extension: runs `stackfit lsp` through vscode-languageclient
// for JavaScript, TypeScript and Python files, with a status item, the commands
// "stackfit: Restart Server" and "stackfit: Show Output", and the code action
// kind `source.fixAll.stackfit` for `editor.codeActionsOnSave`.
const vscode = require('vscode');
const { LanguageClient, RevealOutputChannelOn, State, CodeActionRequest } =
  require('vscode-languageclient/node');
const { findBinary } = require('./lib/find');
const { fixAllEdits } = require('./lib/fixall');

const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python'];
const SELECTOR = LANGUAGES.map((language) => ({ scheme: 'file', language }));
const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('stackfit');

let client;
let output;
let status;
let starting = Promise.resolve();

function log(msg) {
  output.appendLine(`[stackfit] ${msg}`);
}

function showStatus(state, detail) {
  const icon = { running: '$(check)', starting: '$(sync~spin)', stopped: '$(circle-slash)', error: '$(error)' }[state];
  status.text = `${icon} stackfit`;
  status.tooltip = `stackfit: ${state}${detail ? ` — ${detail}` : ''}\nClick for the output.`;
  status.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  status.state = state;
  updateStatusVisibility();
}

function updateStatusVisibility() {
  const editor = vscode.window.activeTextEditor;
  if (status.state === 'error' || (editor && LANGUAGES.includes(editor.document.languageId))) status.show();
  else status.hide();
}

function settings() {
  const cfg = vscode.workspace.getConfiguration('stackfit');
  const init = {};
  const docs = cfg.get('ruleDocsUrl');
  if (docs) init.ruleDocsUrl = docs;
  const unused = cfg.get('reportUnusedIgnores');
  if (typeof unused === 'boolean') init.reportUnusedIgnores = unused;
  return { path: cfg.get('path'), init };
}

async function start() {
  const cfg = settings();
  const folders = (vscode.workspace.workspaceFolders || []).map((f) => f.uri.fsPath);
  const found = findBinary({ setting: cfg.path, folders, trusted: vscode.workspace.isTrusted });
  if (found.error) {
    log(found.error);
    showStatus('error', found.error);
    vscode.window.showErrorMessage(`stackfit: ${found.error}. Install it (npm install --save-dev stackfit, ` +
      'the .deb, or a build on PATH) or set stackfit.path.', 'Open Settings', 'Show Output').then((pick) => {
      if (pick === 'Open Settings') vscode.commands.executeCommand('workbench.action.openSettings', 'stackfit.path');
      if (pick === 'Show Output') output.show(true);
    });
    return;
  }
  log(`starting ${found.path} lsp (found through ${found.source})`);
  showStatus('starting', found.path);
  const c = new LanguageClient('stackfit', 'stackfit',
    { command: found.path, args: ['lsp'], options: { cwd: folders[0] } },
    {
      documentSelector: SELECTOR,
      outputChannel: output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: cfg.init,
    });
  c.onDidChangeState((e) => {
    if (client !== c) return;
    if (e.newState === State.Running) {
      const info = c.initializeResult && c.initializeResult.serverInfo;
      showStatus('running', `${found.path}${info && info.version ? ` (${info.version})` : ''}`);
    } else if (e.newState === State.Stopped) {
      showStatus('stopped', found.path);
    }
  });
  client = c;
  try {
    await c.start();
    const info = c.initializeResult && c.initializeResult.serverInfo;
    log(`running: ${info ? `${info.name} ${info.version}` : 'stackfit'}`);
  } catch (e) {
    log(`could not start ${found.path}: ${e && e.message}`);
    showStatus('error', `${found.path}: ${e && e.message}`);
  }
}

async function stop() {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(2000);
    } catch (e) {
      log(`stopping: ${e && e.message}`);
    }
  }
}

function restart() {
  starting = starting.then(async () => {
    log('restarting');
    await stop();
    await start();
  });
  return starting;
}

// source.fixAll.stackfit for a server without an action of that kind: the
// preferred quick fixes of the file's findings, merged. A server that
// advertises the kind is asked by the language client itself; answering here
// too would make VS Code apply both actions, the second on shifted text.
function serverFixesAll(c) {
  const provider = c.initializeResult && c.initializeResult.capabilities.codeActionProvider;
  const kinds = (provider && provider.codeActionKinds) || [];
  return kinds.some((k) => FIX_ALL.contains(vscode.CodeActionKind.Empty.append(k)));
}

async function provideFixAll(doc, range, context, token) {
  if (context.only && !context.only.contains(FIX_ALL)) return [];
  const c = client;
  if (!c || !c.isRunning() || serverFixesAll(c)) return [];
  const uri = c.code2ProtocolConverter.asUri(doc.uri);
  const diagnostics = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'stackfit');
  if (diagnostics.length === 0) return [];
  const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } };
  const protoDiags = await c.code2ProtocolConverter.asDiagnostics(diagnostics);
  const ask = (only) => c.sendRequest(CodeActionRequest.type,
    { textDocument: { uri }, range: whole, context: { diagnostics: protoDiags, only } }, token);
  const edits = fixAllEdits(await ask(['quickfix']), uri);
  if (edits.length === 0) return [];
  const action = new vscode.CodeAction('Fix all stackfit findings', FIX_ALL);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.set(doc.uri, await c.protocol2CodeConverter.asTextEdits(edits, token));
  return [action];
}

exports.activate = async function activate(context) {
  output = vscode.window.createOutputChannel('stackfit');
  status = vscode.window.createStatusBarItem('stackfit.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'stackfit';
  status.command = 'stackfit.showOutput';
  context.subscriptions.push(output, status,
    vscode.commands.registerCommand('stackfit.restartServer', restart),
    vscode.commands.registerCommand('stackfit.showOutput', () => output.show(true)),
    vscode.window.onDidChangeActiveTextEditor(updateStatusVisibility),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('stackfit')) restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(restart),
    vscode.languages.registerCodeActionsProvider(SELECTOR, { provideCodeActions: provideFixAll },
      { providedCodeActionKinds: [FIX_ALL] }));
  showStatus('starting');
  starting = start();
  await starting;
};

exports.deactivate = function deactivate() {
  return stop();
};
