const path = require('path');
const express = require('express');
const { Worker } = require('worker_threads');

// The same O(n²) scoring, on a worker thread: the event loop stays free.
const worker = new Worker(path.join(__dirname, 'workers', 'bundles.js'));
const pending = new Map();
let nextId = 1;
worker.on('message', ({ id, best }) => {
  pending.get(id)(best);
  pending.delete(id);
});

const app = express();
app.use(express.json());

app.post('/bundles', async (req, res) => {
  const id = nextId++;
  const best = await new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, items: req.body.items });
  });
  res.json(best);
});

app.listen(3000);
