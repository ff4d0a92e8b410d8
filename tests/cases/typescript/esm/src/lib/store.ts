// Compiled to store.js, which is the name its importers use.
import { readFileSync } from 'node:fs';

export function load(key: string): string {
  return readFileSync(`/data/${key}`, 'utf8'); // ok: reported at the handler's call
}

export default function loadAll(): string[] {
  return [load('a'), load('b')];
}
