// Edit-to-diagnostics latency of `stackfit lsp`. Opens generated files and
// applies one-character edits (typing a character, deleting it, at
// spread-out lines), timing each edit from the moment its didChange is
// written to the moment the publishDiagnostics of that version is read.
// Plain Node, no packages.
//
// The files: a 10,000-line Express-style JavaScript file, a 10,000-line
// asyncio Python file, and legacy.js, 10,000 lines with 2,499 findings (a
// handler with a synchronous read every four lines). Targets (issue 12):
// median <= 5 ms and p99 <= 15 ms for the first two, median <= 20 ms for
// legacy.js.
//
// usage: node lsp_latency.js path/to/stackfit [EDITS] [WARMUP] [WORKSPACE]
// (LSP_FILES="legacy.js" in the environment times only the files named;
// PAUSE_EVERY=N PAUSE_MS=M make the typist pause M ms after every N edits,
// so that what the server does once typing stops — the exact analysis, the
// workspace's solve — is counted in its CPU per edit, and an edit typed
// while that runs is timed like the others)
//
// Without WORKSPACE the server runs with --no-scan in a folder holding only
// the files. With WORKSPACE (a folder, e.g. from bench/genrepo.py) the
// files are written into it and the server runs as editors start it, with
// the workspace scan on: the edits start once the scan has ended (its
// $/progress "end") and the file's solve is done (stackfit/settle), so
// every edit also brings the project index up to date. The files written
// are removed at the end. LSP_FILES=handlers.js times a fourth file, route
// handlers another file registers (not a target; with WORKSPACE).
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const BIN = process.argv[2];
const EDITS = Number(process.argv[3] || 500);
const WARMUP = Number(process.argv[4] || 20);
const WORKSPACE = process.argv[5] || '';
const LINES = 10000;
const PAUSE_EVERY = Number(process.env.PAUSE_EVERY || 0);
const PAUSE_MS = Number(process.env.PAUSE_MS || 200);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ~10,000 lines of Express-style JavaScript: handlers, helpers, loops,
// a synchronous call now and then (so there are findings to publish).
function genJs() {
  const out = ["'use strict';", "const fs = require('fs');", "const path = require('path');",
    "const express = require('express');", 'const app = express();', ''];
  for (let i = 0; out.length < LINES - 1; i++) {
    out.push(`function helper${i}(items, factor) {`,
      '  let total = 0;',
      '  for (let k = 0; k < items.length; k++) {',
      `    total += items[k] * factor + ${i};`,
      '  }',
      `  return { id: ${i}, total, name: 'helper${i}' };`,
      '}',
      `app.get('/r${i}', async (req, res) => {`,
      `  const data = ${i % 5 === 0 ? "fs.readFileSync(path.join('data', req.params.id))" : 'await load(req.params.id)'};`,
      `  res.json(helper${i}([1, 2, 3], data.length));`,
      '});',
      '');
  }
  return out.slice(0, LINES - 1).join('\n') + '\napp.listen(3000);\n';
}

function genPy() {
  const out = ['import asyncio', 'import time', 'import json', ''];
  for (let i = 0; out.length < LINES - 1; i++) {
    out.push(`def helper_${i}(items, factor):`,
      '    total = 0',
      '    for k in items:',
      `        total += k * factor + ${i}`,
      `    return {"id": ${i}, "total": total}`,
      '',
      `async def handler_${i}(request):`,
      `    ${i % 5 === 0 ? 'time.sleep(0.1)' : 'await asyncio.sleep(0.1)'}`,
      `    return json.dumps(helper_${i}([1, 2, 3], 2))`,
      '');
  }
  return out.slice(0, LINES).join('\n') + '\n';
}

// 10,000 lines, 2,499 findings: a legacy file the language server must
// still answer fast on (the cost of a diagnostic must be small).
function genLegacy() {
  const out = ["'use strict';", "const fs = require('fs');", "const express = require('express');",
    'const app = express();'];
  for (let i = 0; out.length < LINES - 1; i++) {
    out.push(`app.get('/f${i}', (req, res) => {`,
      `  res.send(fs.readFileSync('data/${i}/' + req.params.id));`,
      '});',
      '');
  }
  return out.slice(0, LINES - 1).join('\n') + '\napp.listen(3000);\n';
}

// 10,000 lines of route handlers that another file (handler_routes.js,
// written beside it) registers, a read in every tenth: typed in with the
// workspace scan on, the keystroke applies what the last solve said other
// files do with each function (not a target of the issue; LSP_FILES only).
function genHandlers() {
  const out = ["'use strict';", "const fs = require('fs');"];
  const names = [];
  for (let i = 0; out.length < LINES - 2; i++) {
    names.push(`h${i}`);
    out.push(`function h${i}(req, res) {`,
      `  const v = ${i % 10 === 0 ? `fs.readFileSync('d' + ${i})` : `load(${i})`};`,
      `  res.json({ v, i: ${i} });`, '}');
  }
  routes = ["'use strict';", "const express = require('express');", "const h = require('./handlers');",
    'const app = express();', ...names.map((n) => `app.get('/${n}', h.${n});`), 'app.listen(3000);', ''].join('\n');
  return out.join('\n') + `\nmodule.exports = { ${names.join(', ')} };\n`;
}
let routes = null;

function frame(obj) {
  const body = Buffer.from(JSON.stringify(obj));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

// The CPU time (user + system, ms) the process has used so far, all its
// threads, and its main thread alone (the one that answers edits), from
// /proc: on a shared machine the wall times say more about the load than
// about the server.
function cpuMs(pid) {
  const hz = 100; // USER_HZ: the unit of /proc's times on Linux
  const read = (f) => {
    const t = fs.readFileSync(f, 'utf8');
    const v = t.slice(t.lastIndexOf(')') + 2).split(' ');
    return ((Number(v[11]) + Number(v[12])) * 1000) / hz; // utime, stime
  };
  return { all: read(`/proc/${pid}/stat`), main: read(`/proc/${pid}/task/${pid}/stat`) };
}

function percentile(sorted, p) {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

async function main() {
  const dir = WORKSPACE ? fs.realpathSync(WORKSPACE) : fs.mkdtempSync(path.join(os.tmpdir(), 'stackfit-lsp-bench-'));
  // LSP_FILES: the files to time, of these three (all by default).
  const made = { 'app.js': genJs, 'service.py': genPy, 'legacy.js': genLegacy, 'handlers.js': genHandlers };
  const files = {};
  for (const n of (process.env.LSP_FILES || 'app.js service.py legacy.js').split(/\s+/).filter(Boolean)) {
    if (!made[n]) throw new Error(`LSP_FILES: no file ${n}`);
    files[n] = made[n]();
  }
  const targets = { 'app.js': [5, 15], 'service.py': [5, 15], 'legacy.js': [20, Infinity], 'handlers.js': [5, 15] };
  if (routes !== null) files['handler_routes.js'] = routes;
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
  delete files['handler_routes.js'];
  const proc = cp.spawn(BIN, WORKSPACE ? ['lsp'] : ['lsp', '--no-scan'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let scanEnded = null;
  const scanDone = new Promise((resolve) => { scanEnded = resolve; });
  let buf = Buffer.alloc(0);
  let waiting = null;
  proc.stdout.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const n = Number(/Content-Length: (\d+)/i.exec(buf.slice(0, end).toString())[1]);
      if (buf.length < end + 4 + n) return;
      const msg = JSON.parse(buf.slice(end + 4, end + 4 + n).toString());
      buf = buf.slice(end + 4 + n);
      // Requests from the server (progress tokens, registrations) get an
      // empty answer, as a client that accepts them gives.
      if (msg.method && msg.id !== undefined) proc.stdin.write(frame({ jsonrpc: '2.0', id: msg.id, result: null }));
      if (msg.method === '$/progress' && msg.params.value && msg.params.value.kind === 'end') scanEnded(msg.params.value.message);
      if (waiting && waiting.test(msg)) { const w = waiting; waiting = null; w.resolve(msg); }
    }
  });
  const expect = (test) => new Promise((resolve) => { waiting = { test, resolve }; });
  const send = (o) => proc.stdin.write(frame(o));

  let p = expect((m) => m.id === 1);
  send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: 'file://' + dir, capabilities: { window: { workDoneProgress: true } } } });
  await p;
  send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  let scan = 'off (--no-scan)';
  if (WORKSPACE) {
    const t0 = process.hrtime.bigint();
    const m = await scanDone;
    scan = `${m} (${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms)`;
  }

  const results = [];
  for (const [name, text] of Object.entries(files)) {
    const uri = 'file://' + path.join(dir, name);
    const lines = text.split('\n');
    p = expect((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
    const t0 = process.hrtime.bigint();
    send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: name.endsWith('.py') ? 'python' : 'javascript', version: 0, text } } });
    const open = await p;
    const openMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (WORKSPACE) {
      // As a user reads a file just opened: the workspace's solve takes
      // it (stackfit/settle answers once it has), and the edits start.
      p = expect((m) => m.id === 3);
      send({ jsonrpc: '2.0', id: 3, method: 'stackfit/settle', params: null });
      await p;
    }
    const times = [];
    let version = 0;
    let cpu0 = null;
    for (let i = 0; i < WARMUP + EDITS; i++) {
      if (i === WARMUP) cpu0 = cpuMs(proc.pid);
      // Even edits type 'x' at the end of a line, odd edits delete it.
      const line = 3 + ((Math.floor(i / 2) * 7919) % (lines.length - 4));
      const col = lines[line].length;
      const change = i % 2 === 0
        ? { range: { start: { line, character: col }, end: { line, character: col } }, text: 'x' }
        : { range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '' };
      version++;
      const v = version;
      p = expect((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === v);
      const s = process.hrtime.bigint();
      send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: v }, contentChanges: [change] } });
      await p;
      if (i >= WARMUP) times.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (PAUSE_EVERY > 0 && (i + 1) % PAUSE_EVERY === 0) await sleep(PAUSE_MS);
    }
    const cpu1 = cpuMs(proc.pid);
    times.sort((a, b) => a - b);
    results.push({ cpuAll: (cpu1.all - cpu0.all) / EDITS, cpuMain: (cpu1.main - cpu0.main) / EDITS, name, bytes: Buffer.byteLength(text), lines: lines.length - 1, findings: open.params.diagnostics.length,
      openMs, median: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1], n: times.length });
  }
  p = expect((m) => m.id === 2);
  send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
  await p;
  send({ jsonrpc: '2.0', method: 'exit' });
  if (WORKSPACE) for (const n of [...Object.keys(files), 'handler_routes.js']) fs.rmSync(path.join(dir, n), { force: true });
  else fs.rmSync(dir, { recursive: true, force: true });

  let ok = true;
  console.log(`workspace scan: ${scan}`);
  if (PAUSE_EVERY > 0) console.log(`a pause of ${PAUSE_MS} ms after every ${PAUSE_EVERY} edits`);
  console.log('');
  console.log('| file | lines | bytes | findings | didOpen → diagnostics | edits | median | p99 | max | server CPU per edit (main thread) | target (median / p99) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const [tm, tp] = targets[r.name];
    const pass = r.median <= tm && r.p99 <= tp;
    ok = ok && pass;
    const target = `≤ ${tm}` + (tp === Infinity ? ' ms' : ` / ≤ ${tp} ms`);
    console.log(`| ${r.name} | ${r.lines} | ${r.bytes} | ${r.findings} | ${r.openMs.toFixed(1)} ms | ${r.n} | ` +
      `${r.median.toFixed(2)} ms | ${r.p99.toFixed(2)} ms | ${r.max.toFixed(2)} ms | ` +
      `${r.cpuAll.toFixed(2)} ms (${r.cpuMain.toFixed(2)} ms) | ${target}: ${pass ? 'met' : '**not met**'} |`);
  }
  process.exit(ok ? 0 : 1);
}
main().catch((e) => { console.error(e); process.exit(2); });
