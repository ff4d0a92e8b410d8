// The language server's worker threads keep no memory of their own between
// analyses (issue 15, item 16, tests/HARDENING.md): pauses in typing run
// exact analyses and folder solves of a 5,000-line file on libuv's worker
// threads, and glibc would give each thread that allocates an arena of its
// own, which keeps part of every past parse's peak resident. The server
// uses one arena: what is resident outside the main heap (other anonymous
// mappings: thread stacks and, without that, the workers' arenas) stays
// small. Skipped under AddressSanitizer, whose allocator is not glibc's.
'use strict';
const fs = require('fs');
const P = require('vscode-languageserver-protocol/node');
const { check, finish, delay, sanitized, openExpressSession } = require('./lib');

const LINES = 5000;
const PAUSES = 24;



// KiB resident in anonymous mappings other than the main heap.
function otherAnonKiB(pid) {
  let kib = 0;
  let anon = false;
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const m = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) anon = m[1] === '';
    else if (anon && line.startsWith('Rss:')) kib += Number(line.split(/\s+/)[1]);
  }
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
  const before = otherAnonKiB(proc.pid);
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
  const after = otherAnonKiB(proc.pid);
  console.log(`other anonymous memory: ${before} KiB after the open, ${after} KiB after ${PAUSES} pauses`);
  check('no worker arena keeps memory resident (other anonymous under 2 MiB)', after < 2048,
    { before, after });
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
