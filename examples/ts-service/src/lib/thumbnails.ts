// Runs thumbnail jobs on one long-lived worker thread so the event loop stays free.
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface ThumbnailJob {
  source: string;
  target: string;
  width: number;
  height: number;
  factor: number;
}

interface Pending {
  resolve: (result: { width: number; height: number }) => void;
  reject: (err: Error) => void;
}

const WORKER_PATH = path.join(import.meta.dirname, '..', 'workers', 'thumbnail-worker.js');
const pending = new Map<number, Pending>();
let worker: Worker | null = null;
let nextId = 1;

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(WORKER_PATH);
  worker.on('message', ({ id, error, result }) => {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    if (error) job.reject(new Error(error));
    else job.resolve(result);
  });
  worker.on('error', (err: Error) => {
    for (const job of pending.values()) job.reject(err);
    pending.clear();
    worker = null;
  });
  worker.unref();
  return worker;
}

export function makeThumbnail(job: ThumbnailJob): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ id, ...job });
  });
}
