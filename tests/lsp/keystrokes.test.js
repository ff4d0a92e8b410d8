// Typing, keystroke by keystroke, compared with a fresh analysis after
// every keystroke: one server is sent each character as an editor sends it
// (an incremental didChange per key, the diagnostics of one key awaited
// before the next); a second server is given the whole text of each step
// as a document opened afresh. What the first shows must be exactly what
// the second finds, at every step.
//
// Issue 13, bug 2: typing a line with two nested unclosed calls
// (`const t = fs.readFileSync(f(g(`, then the rest) left the file with no
// diagnostics at all, and further edits did not bring them back.
'use strict';
const P = require('vscode-languageserver-protocol/node');
const { check, finish, spawn, waiter } = require('./lib');

function client() {
  const proc = spawn(['--no-scan']);
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout),
    new P.StreamMessageWriter(proc.stdin));
  const c = { proc, conn, diags: new Map(), w: waiter() };
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    c.diags.set(p.uri, p);
    c.w.poke();
  });
  conn.listen();
  return c;
}
async function init(c) {
  await c.conn.sendRequest(P.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
  c.conn.sendNotification(P.InitializedNotification.type, {});
}
const show = (p) => p.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`)
  .sort().join(' ');

const JS = [
  "const fs = require('fs');",
  'function g(x) { return x; }',
  "app.get('/', (req, res) => {",
  "  const a = fs.readFileSync('a.txt');",
  '  ',
  '  res.send(a);',
  '});',
  'function f(x) { return x; }',
  "app.get('/b', (req, res) => {",
  "  const b = fs.readFileSync('b.txt');",
  '  res.send(b);',
  '});',
  '',
].join('\n');
const PY = [
  'import time',
  '',
  'async def handler():',
  '    time.sleep(1)',
  '    ',
  '    return 1',
  '',
  'async def other():',
  '    time.sleep(2)',
  '',
].join('\n');

(async () => {
  const typing = client();
  const fresh = client();
  await init(typing);
  await init(fresh);
  let step = 0;
  const mismatches = [];
  // Types s at (line, col) of the document u (text: its text, kept in
  // step), one character per didChange, comparing after each.
  const session = async (name, lang, text, line, col, s) => {
    const u = `file:///typing/${name}`;
    let version = 1;
    typing.conn.sendNotification(P.DidOpenTextDocumentNotification.type,
      { textDocument: { uri: u, languageId: lang, version, text } });
    await typing.w.until(() => typing.diags.has(u), 5000, 'open ' + name);
    const lines = text.split('\n');
    for (const ch of s) {
      version++;
      typing.conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
        textDocument: { uri: u, version },
        contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col } }, text: ch }],
      });
      if (ch === '\n') {
        lines.splice(line + 1, 0, lines[line].slice(col));
        lines[line] = lines[line].slice(0, col);
        line++;
        col = 0;
      } else {
        lines[line] = lines[line].slice(0, col) + ch + lines[line].slice(col);
        col++;
      }
      const v = version;
      await typing.w.until(() => typing.diags.get(u).version === v, 5000, `${name} version ${v}`);
      const f = `file:///fresh/${step++}/${name}`;
      fresh.conn.sendNotification(P.DidOpenTextDocumentNotification.type,
        { textDocument: { uri: f, languageId: lang, version: 1, text: lines.join('\n') } });
      await fresh.w.until(() => fresh.diags.has(f), 5000, 'fresh ' + f);
      fresh.conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: f } });
      const got = show(typing.diags.get(u));
      const want = show(fresh.diags.get(f));
      if (got !== want) mismatches.push({ name, typed: lines[line], got, want });
    }
    const st = await typing.conn.sendRequest('stackfit/documentText', { textDocument: { uri: u } });
    check(`${name}: the server's text is the editor's`, st.text === lines.join('\n'), st.text);
    return show(typing.diags.get(u));
  };

  const js = await session('app.js', 'javascript', JS, 4, 2, "const t = fs.readFileSync(f(g('x')));");
  check('app.js: after the whole line, all three reads are flagged', js === 'JS101@10:13 JS101@4:13 JS101@5:13', js);
  const js2 = await session('more.js', 'javascript', JS, 4, 2, "fs.statSync(`${f(g([{'a': \"b\"}]))}`);\n  f(/* x */ g(");
  check('more.js: brackets, quotes, a template and a comment typed unclosed', js2.includes('JS101@5:3'), js2);
  const py = await session('app.py', 'python', PY, 4, 4, "time.sleep(f(g('x'))) \n    x = \"\"\"doc");
  check('app.py: the typed call is flagged', py.includes('PY201@5:5'), py);
  check(`every keystroke (${step}): the findings equal a fresh analysis of the same text (bug 2)`,
    mismatches.length === 0, mismatches.slice(0, 5));

  for (const c of [typing, fresh]) {
    await c.conn.sendRequest(P.ShutdownRequest.type);
    c.conn.sendNotification(P.ExitNotification.type);
    const ex = await c.proc.exited;
    check('exit 0', ex.code === 0, ex);
    c.conn.dispose();
  }
  finish();
})().catch((e) => { console.error(e); console.log('FAIL unexpected error'); process.exit(1); });
