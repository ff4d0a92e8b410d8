import { statSync } from 'fs';

export function diskFree(): number {
  return statSync('/srv').size; // ok: reported at the call
}
