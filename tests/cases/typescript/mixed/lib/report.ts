// TypeScript beside JavaScript: one component, one index.
import * as zlib from 'zlib';

export function pack(text: string): Buffer {
  return zlib.gzipSync(text); // ok: reported at the call in server.js
}
