// The language server's background work keeps no memory of its own once
// it ends (issue 15, item 16, tests/HARDENING.md): pauses in typing run
// exact analyses and folder solves of a 5,000-line file off the loop.
// glibc gives each thread that allocates an arena of its own and a cache of
// the small blocks it freed, and a pool thread would keep both, so part of
// every past parse's peak would stay resident. Each such job runs on a
// thread of its own that ends with it (daemon/apart.c), and what it freed
// goes back to the system. After 24 pauses, the anonymous memory resident
// (the main heap, and the other anonymous mappings: the jobs' arenas and
// thread stacks) stays within a third more than after the open: what the
// document holds, wherever it was allocated, and no job's leftovers.
// Skipped under AddressSanitizer, whose allocator is not glibc's.
'use strict';
const fs = require('fs');
const P = require('vscode-languageserver-protocol/node');
const { check, finish, delay, sanitized, openExpressSession } = require('./lib');

const LINES = 5000;
const PAUSES = 24;



// KiB resident in the main heap and in the other anonymous mappings.
function anonKiB(pid) {
  const kib = { heap: 0, other: 0 };
  let kind = null;
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const m = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) kind = m[1] === '[heap]' ? 'heap' : m[1] === '' ? 'other' : null;
    else if (kind && line.startsWith('Rss:')) kib[kind] += Number(line.split(/\s+/)[1]);
  }
  kib.total = kib.heap + kib.other;
  return kib;
}

(async () => {
  if (sanitized()) {
    console.log('skipped: a sanitizer build (its allocator is not glibc\'s)');
    finish();
  }
  const { proc, conn, u, pull } = await openExpressSession(LINES);
  await conn.sendRequest('stackfit/settle', null);
  const fresh = await pull();
  const before = anonKiB(proc.pid);
  // An unclosed call typed at a line start (a syntax error: the exact
  // analysis parses the whole text), a pause, then taken back (the folder
  // solves the text), a pause; each time at another line.
  let version = 1;
  const change = (range, t) => {
    conn.sendNotification(P.DidChangeTextDocumentNotification.type,
      { textDocument: { uri: u, version: ++version }, contentChanges: [{ range, text: t }] });
    return pull();
  };
  for (let i = 0; i < PAUSES; i++) {
    const line = 10 + ((i * 797) % (LINES - 20));
    await change({ start: { line, character: 0 }, end: { line, character: 0 } }, 'foo(');
    await delay(400);
    await change({ start: { line, character: 0 }, end: { line, character: 4 } }, '');
    await delay(400);
  }
  await conn.sendRequest('stackfit/settle', null);
  const end = await pull();
  const after = anonKiB(proc.pid);
  const shown = (k) => `${k.total} KiB (main heap ${k.heap}, other ${k.other})`;
  console.log(`anonymous memory: ${shown(before)} after the open, ${shown(after)} after ${PAUSES} pauses`);
  check('no job keeps memory resident (anonymous memory within 1.33x the open\'s)',
    after.total <= 1.33 * before.total, { before, after });
  check('the findings at the end are the fresh open\'s', end.items.length === fresh.items.length,
    { fresh: fresh.items.length, end: end.items.length });
  await conn.sendRequest(P.ShutdownRequest.type);
  conn.sendNotification(P.ExitNotification.type);
  await proc.exited;
  finish();
})().catch((e) => {
  console.log('FAIL ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
