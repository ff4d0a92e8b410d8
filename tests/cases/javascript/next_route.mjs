// Next.js-style route modules: exported async handlers.
import fs from 'node:fs';
import { join } from 'node:path';

const DATA = join(process.cwd(), 'data');
const seed = fs.readdirSync(DATA); // ok: top level

export async function GET(request) {
  const id = new URL(request.url).searchParams.get('id');
  return new Response(fs.readFileSync(join(DATA, `${id}.json`))); // expect: JS101
}

export default async function handler(req, res) {
  fs.writeFileSync(join(DATA, 'last.json'), JSON.stringify(req.body)); // expect: JS101
  res.status(200).json({ seed });
}

export function listIds() {
  return seed.map((f) => f.replace(/\.json$/, '')); // ok: no I/O
}
