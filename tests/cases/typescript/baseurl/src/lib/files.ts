import * as fs from 'fs';

export function list(dir: string): string[] {
  return fs.readdirSync(dir); // ok: reported at the call
}
