// An ES-module worker that only reads workerData.
import { workerData } from 'node:worker_threads';
import { readFileSync, writeFileSync } from 'node:fs';

const run = async () => {
  const img = readFileSync(workerData.src); // ok: worker thread
  writeFileSync(workerData.dst, img); // ok: worker thread
};
run();
