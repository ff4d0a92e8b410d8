// Garbage on stdin: every malformed message gets the right
// JSON-RPC error and the server reads on. Raw bytes, no client library, so
// that the test can send what no library would.
'use strict';
const { check, finish, spawn } = require('./lib');

function frame(obj) {
  const body = Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

// Reads framed messages from the server's stdout.
function reader(stream) {
  let buf = Buffer.alloc(0);
  const msgs = [];
  const waiting = [];
  stream.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) break;
      const m = /Content-Length: (\d+)/i.exec(buf.slice(0, end).toString());
      const n = Number(m[1]);
      if (buf.length < end + 4 + n) break;
      msgs.push(JSON.parse(buf.slice(end + 4, end + 4 + n).toString()));
      buf = buf.slice(end + 4 + n);
    }
    for (const w of waiting.splice(0)) w();
  });
  return {
    // Resolves with the first message (taken out) that pred accepts.
    next(pred, ms = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timeout; have ' + JSON.stringify(msgs))), ms);
        const test = () => {
          const i = msgs.findIndex(pred);
          if (i >= 0) { clearTimeout(timer); resolve(msgs.splice(i, 1)[0]); } else waiting.push(test);
        };
        test();
      });
    },
    all: msgs,
  };
}

const byId = (id) => (m) => m.id === id && m.method === undefined;
const errWithNullId = (m) => m.id === null && m.error;

(async () => {
  const proc = spawn(['--no-scan']);
  const r = reader(proc.stdout);
  const send = (b) => proc.stdin.write(b);

  send(frame({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: {} }));
  let m = await r.next(byId(1));
  check('request before initialize -> -32002', m.error && m.error.code === -32002, m);
  send(frame({ jsonrpc: '2.0', id: 2, method: 'initialize', params: [] }));
  m = await r.next(byId(2));
  check('initialize with array params -> -32602', m.error && m.error.code === -32602, m);
  send(frame({ jsonrpc: '2.0', id: 3, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
  m = await r.next(byId(3));
  check('then a good initialize succeeds', m.result && m.result.capabilities, m);
  send(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));

  send(Buffer.from('this is not a header\r\n\r\n'));
  m = await r.next(errWithNullId);
  check('bad header -> -32700 naming the byte offset', m.error.code === -32700 && /^byte \d+: /.test(m.error.message), m);
  send(Buffer.from('Content-Length: 12\r\n\r\n{"jsonrpc":,'));
  m = await r.next(errWithNullId);
  check('invalid JSON body -> -32700', m.error.code === -32700 && /not valid JSON/.test(m.error.message), m);
  send(Buffer.from('Content-Length: 99999999999\r\n\r\n'));
  m = await r.next(errWithNullId);
  check('absurd Content-Length -> -32700', m.error.code === -32700, m);
  send(frame({ jsonrpc: '2.0', id: 4, method: 17 }));
  m = await r.next(byId(4));
  check('method not a string -> -32600 with the id', m.error && m.error.code === -32600, m);
  send(frame('[1,2]'));
  m = await r.next(errWithNullId);
  check('batch -> -32600', m.error.code === -32600, m);
  send(frame({ jsonrpc: '2.0', id: 5, method: 'no/such', params: {} }));
  m = await r.next(byId(5));
  check('unknown method -> -32601', m.error && m.error.code === -32601, m);
  send(frame({ jsonrpc: '2.0', id: 6, method: 'textDocument/codeAction', params: { textDocument: { uri: 7 } } }));
  m = await r.next(byId(6));
  check('wrong params -> -32602 naming the field', m.error && m.error.code === -32602 &&
    m.error.message.includes('textDocument.uri'), m);
  // Bad notifications cannot be answered; the server must just go on.
  send(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x.js', text: 5 } } }));
  send(frame({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///nope.js', version: 2 }, contentChanges: [{ text: 'x' }] } }));
  send(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x.js', languageId: 'javascript', version: 1, text: 'let a;\n' } } }));
  send(frame({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///x.js', version: 2 },
    contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] } }));

  // A request and its cancellation in one write: answered as cancelled.
  send(Buffer.concat([
    frame({ jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.js' }, position: { line: 0, character: 0 } } }),
    frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 7 } }),
  ]));
  m = await r.next(byId(7));
  check('$/cancelRequest in the same batch -> -32800', m.error && m.error.code === -32800, m);

  // Random bytes (a fixed seed), then a good request.
  let seed = 12345;
  const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
  const junk = Buffer.alloc(200000);
  for (let i = 0; i < junk.length; i++) junk[i] = rnd() & 0xff;
  send(junk);
  send(Buffer.from('Content-Length: 10\r\n\r\n\0\0\0\0\0\0\0\0\0\0'));
  send(frame({ jsonrpc: '2.0', id: 8, method: 'stackfit/documentText', params: { textDocument: { uri: 'file:///x.js' } } }));
  m = await r.next(byId(8), 10000);
  check('after 200 kB of random bytes the server still answers', m.result && m.result.text === 'let a;\n', m);
  check('the bad range left the text unchanged', m.result && m.result.version === 1, m);

  // A lone surrogate in the text (\ud800 in the JSON: not UTF-8 once
  // decoded) quoted by a finding's message: what is published is valid
  // UTF-8, the surrogate shown as U+FFFD.
  const raw = [];
  proc.stdout.on('data', (d) => raw.push(d));
  const text = "const fs = require('fs');\nconst app = require('express')();\n" +
    "app.get('/SURROGATE', (req, res) => {\n  res.send(fs.readFileSync('x'));\n});\n";
  const open = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: {
    uri: 'file:///s.js', languageId: 'javascript', version: 1, text } } }).replace('SURROGATE', '\\ud800');
  send(frame(open));
  m = await r.next((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === 'file:///s.js');
  const said16 = m.params.diagnostics.map((d) => d.message).join('\n');
  check('a finding quoting a lone surrogate: published with U+FFFD', said16.includes("app.get('/\ufffd')"), said16);
  const bytes = Buffer.concat(raw);
  check('  and every byte published is valid UTF-8', Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes));

  send(frame({ jsonrpc: '2.0', method: 'exit' }));
  const ex = await proc.exited;
  check('exit without shutdown: status 1, no signal', ex.code === 1 && ex.signal === null, ex);
  const said = r.all.filter((x) => x.method === 'window/logMessage').map((x) => x.params);
  check("the client's log explains the bad input, as a warning", said.some((p) => p.type === 2 && /input: byte \d+: /.test(p.message)),
    said.slice(0, 3));
  check('nothing on stderr', proc.stderrText === '', proc.stderrText.slice(0, 300));
  finish();
})().catch((e) => { console.error(e); console.log('FAIL unexpected error'); process.exit(1); });
