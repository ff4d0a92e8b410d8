import { execSync } from 'child_process';

export function backup(): string {
  return execSync('pg_dump app').toString(); // ok: reported at the call
}
