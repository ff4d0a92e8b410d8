// Runs thumbnail jobs on one long-lived worker thread so the event loop stays free.
const path = require('path');
const { Worker } = require('worker_threads');

const WORKER_PATH = path.join(__dirname, '..', 'workers', 'thumbnail-worker.js');
const pending = new Map();
let worker = null;
let nextId = 1;

function getWorker() {
  if (worker) return worker;
  worker = new Worker(WORKER_PATH);
  worker.on('message', ({ id, error, result }) => {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    if (error) job.reject(new Error(error));
    else job.resolve(result);
  });
  worker.on('error', (err) => {
    for (const job of pending.values()) job.reject(err);
    pending.clear();
    worker = null;
  });
  worker.unref();
  return worker;
}

function makeThumbnail(job) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ id, ...job });
  });
}

module.exports = { makeThumbnail };
