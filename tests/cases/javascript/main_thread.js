// The main thread that starts workers is not itself a worker: its handlers
// are event-loop code.
const { Worker } = require('node:worker_threads');
const fs = require('node:fs');
const http = require('node:http');

http.createServer((req, res) => {
  const input = fs.readFileSync('/srv/input.csv'); // expect: JS101
  const worker = new Worker(require.resolve('./exempt/worker.js'), { workerData: { input } });
  worker.once('message', (result) => {
    fs.writeFileSync('/srv/result.json', JSON.stringify(result)); // expect: JS101
    res.end(JSON.stringify(result));
  });
}).listen(8082);
