// A worker thread: blocking here is the fix, not the fault.
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');

parentPort.on('message', (msg) => {
  const data = fs.readFileSync(msg.file); // ok: worker thread
  parentPort.postMessage(zlib.gzipSync(data)); // ok: worker thread
});

setInterval(() => fs.writeFileSync('/tmp/worker.alive', String(Date.now())), 1000); // ok: worker thread
parentPort.postMessage(fs.statSync(workerData.input).size); // ok: worker thread
