// Release notes read from Markdown files by the docs site's pages, which
// Next.js renders once, at `next build` (static pages).
import * as fs from 'fs';
import * as path from 'path';

const dir = path.join(process.cwd(), 'notes');

export async function allNotes(): Promise<string[]> {
  return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')); // known-false: JS101,JS101 (a static page's data, read at build time)
}
