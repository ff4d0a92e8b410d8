// The language server's memory over a long editing session (issue 15,
// item 16, tests/HARDENING.md): 20,000 edits to a 5,000-line file, typed
// as an editor sends them — characters typed one at a time (passing through
// texts with syntax errors), statements split over two lines, lines added —
// and each undone, so the text ends as it began. The server's resident
// memory, read from /proc after the fresh open and every 1,000 edits, must
// stay within twice that of the fresh open, and the findings at the end
// must be the fresh open's.
//
// Ten minutes on two cores: it runs in `ctest --preset slow` (lsp_memory,
// labels slow and lsp), on the release build; by hand (MEMORY_EDITS=N for
// fewer, MEMORY_VERBOSE=1 for every checkpoint):
//   tests/lsp/run-node.sh memory.test.js build/release/stackfit
// Its last result is in tests/HARDENING.md (item 16). Skipped under
// AddressSanitizer, whose shadow memory and quarantine say nothing about
// the server's.
'use strict';
const fs = require('fs');
const P = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { check, finish, sanitized, openExpressSession } = require('./lib');

const EDITS = Number(process.env.MEMORY_EDITS || 20000);
const LINES = 5000;


function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

// Where the resident memory is (MEMORY_VERBOSE), from /proc/PID/smaps: the
// main thread's malloc heap, other anonymous mappings (the worker threads'
// malloc arenas, where the exact parses and the folder's solves run, and
// stacks) and mapped files (the binary and its libraries).
function rssParts(pid) {
  const parts = { heap: 0, anon: 0, files: 0 };
  let kind = 'anon';
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const m = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) kind = m[1] === '[heap]' ? 'heap' : m[1].startsWith('/') ? 'files' : 'anon';
    else if (line.startsWith('Rss:')) parts[kind] += Number(line.split(/\s+/)[1]);
  }
  return `heap ${parts.heap}, other anonymous ${parts.anon}, files ${parts.files} KiB`;
}

// The edits of one cycle at line `at` of doc's text: each made, then undone.
function* cycle(doc, at, kind) {
  const line = doc.getText({ start: { line: at, character: 0 }, end: { line: at + 1, character: 0 } });
  const pos = (c) => ({ line: at, character: c });
  if (kind === 0) {
    // Type a statement at the start of the line, one character at a time,
    // then delete it one character at a time.
    const typed = "fs.statSync('q'); ";
    for (let i = 0; i < typed.length; i++)
      yield { range: { start: pos(i), end: pos(i) }, text: typed[i] };
    for (let i = typed.length; i > 0; i--)
      yield { range: { start: pos(i - 1), end: pos(i) }, text: '' };
  } else if (kind === 1) {
    // Split the line after its first `(`, `{` or `,` and join it again.
    const c = line.search(/[({,]/);
    if (c < 0) return;
    yield { range: { start: pos(c + 1), end: pos(c + 1) }, text: '\n' };
    yield { range: { start: { line: at, character: c + 1 }, end: { line: at + 1, character: 0 } }, text: '' };
  } else {
    // Add a line above and remove it.
    yield { range: { start: pos(0), end: pos(0) }, text: '  let t = 0;\n' };
    yield { range: { start: pos(0), end: { line: at + 1, character: 0 } }, text: '' };
  }
}

(async () => {
  if (sanitized()) {
    console.log('skipped: a sanitizer build (its memory is not the server\'s)');
    finish();
  }
  const { text, proc, conn, u, pull } = await openExpressSession(LINES);
  let doc = TextDocument.create(u, 'javascript', 1, text);
  const shown = (r) => r.items.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).join();
  await conn.sendRequest('stackfit/settle', null);
  const fresh = await pull();
  const freshRss = rssKiB(proc.pid);
  console.log(`fresh open: ${fresh.items.length} findings, RSS ${freshRss} KiB${process.env.MEMORY_VERBOSE ? ` (${rssParts(proc.pid)})` : ''}`);
  check('the fresh open has the file\'s findings', fresh.items.length > 50, fresh.items.length);

  let edits = 0;
  let worst = freshRss;
  let worstAt = 0;
  const lines = doc.lineCount - 2;
  for (let n = 0; edits < EDITS; n++) {
    const at = 4 + ((n * 7919) % (lines - 8));
    for (const change of cycle(doc, at, n % 3)) {
      doc = TextDocument.update(doc, [change], doc.version + 1);
      conn.sendNotification(P.DidChangeTextDocumentNotification.type,
        { textDocument: { uri: u, version: doc.version }, contentChanges: [change] });
      await pull(); // answered once the change is analysed
      if (process.env.MEMORY_VERBOSE && [1, 2, 10, 100, 300].includes(edits + 1)) console.log(`after ${edits + 1} edits: RSS ${rssKiB(proc.pid)} KiB`);
      if (++edits % 1000 === 0) {
        const rss = rssKiB(proc.pid);
        if (rss > worst) { worst = rss; worstAt = edits; }
        if (edits % 5000 === 0 || process.env.MEMORY_VERBOSE)
          console.log(`after ${edits} edits: RSS ${rss} KiB${process.env.MEMORY_VERBOSE ? ` (${rssParts(proc.pid)})` : ''}`);
      }
    }
  }
  check('the text ends as it began', doc.getText() === text);
  await conn.sendRequest('stackfit/settle', null);
  const end = await pull();
  const endRss = rssKiB(proc.pid);
  console.log(`after ${edits} edits: RSS ${endRss} KiB; largest at a check ${worst} KiB (after ${worstAt})`);
  check(`memory within twice the fresh open's over ${edits} edits (${worst} <= 2 x ${freshRss} KiB)`,
    worst <= 2 * freshRss && endRss <= 2 * freshRss, { freshRss, worst, endRss });
  check('the findings at the end are the fresh open\'s', shown(end) === shown(fresh),
    { fresh: fresh.items.length, end: end.items.length });
  await conn.sendRequest(P.ShutdownRequest.type);
  conn.sendNotification(P.ExitNotification.type);
  const ex = await proc.exited;
  check('the server exits cleanly', ex.code === 0, { ...ex, stderr: proc.stderrText.slice(0, 500) });
  finish();
})().catch((e) => {
  console.log('FAIL ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
