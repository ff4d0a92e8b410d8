// Downscales raw 8-bit greyscale scans. Runs on a worker thread (see lib/thumbnails.ts).
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';

import type { ThumbnailJob } from '../lib/thumbnails.js';

function downscale(pixels: Uint8Array, width: number, height: number, factor: number) {
  const outWidth = Math.floor(width / factor);
  const outHeight = Math.floor(height / factor);
  const out = new Uint8Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        for (let dx = 0; dx < factor; dx++) {
          sum += pixels[(y * factor + dy) * width + x * factor + dx];
        }
      }
      out[y * outWidth + x] = Math.round(sum / (factor * factor));
    }
  }
  return { pixels: out, width: outWidth, height: outHeight };
}

parentPort!.on('message', (job: ThumbnailJob & { id: number }) => {
  try {
    const scan = fs.readFileSync(job.source);
    const thumb = downscale(scan, job.width, job.height, job.factor);
    fs.writeFileSync(job.target, thumb.pixels);
    parentPort!.postMessage({ id: job.id, result: { width: thumb.width, height: thumb.height } });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: (err as Error).message });
  }
});
