// The language server's memory once its workspace scan has ended
// (bench/daemon.sh): starts `stackfit lsp` in DIR as an editor does (the
// scan on, progress accepted), waits for the scan's $/progress "end", reads
// the server's VmRSS and VmHWM from /proc, shuts it down and prints one
// line: "FILES_MESSAGE|RSS_KIB|HWM_KIB|SCAN_MS". Plain Node, no packages.
//
// usage: node lsp_scan.js path/to/stackfit DIR
'use strict';
const cp = require('child_process');
const fs = require('fs');

const [BIN, DIR] = process.argv.slice(2);
if (!BIN || !DIR) {
  console.error('usage: node lsp_scan.js path/to/stackfit DIR');
  process.exit(2);
}
const proc = cp.spawn(BIN, ['lsp'], { cwd: DIR, stdio: ['pipe', 'pipe', 'inherit'] });
const frame = (o) => {
  const body = Buffer.from(JSON.stringify(o));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
};
const status = (key) => Number(new RegExp(`${key}:\\s*(\\d+)`).exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'))[1]);
let buf = Buffer.alloc(0);
let t0 = 0n;
proc.stdout.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const n = Number(/Content-Length: (\d+)/i.exec(buf.slice(0, end).toString())[1]);
    if (buf.length < end + 4 + n) return;
    const msg = JSON.parse(buf.slice(end + 4, end + 4 + n).toString());
    buf = buf.slice(end + 4 + n);
    if (msg.method && msg.id !== undefined) proc.stdin.write(frame({ jsonrpc: '2.0', id: msg.id, result: null }));
    if (msg.id === 1 && !msg.method) {
      proc.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
      t0 = process.hrtime.bigint();
    }
    if (msg.method === '$/progress' && msg.params.value && msg.params.value.kind === 'end') {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      console.log(`${msg.params.value.message}|${status('VmRSS')}|${status('VmHWM')}|${ms.toFixed(0)}`);
      proc.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
    }
    if (msg.id === 2 && !msg.method) proc.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
  }
});
proc.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize',
  params: { processId: process.pid, rootUri: 'file://' + fs.realpathSync(DIR), capabilities: { window: { workDoneProgress: true } } } }));
proc.on('exit', (code) => process.exit(code === 0 ? 0 : 1));
