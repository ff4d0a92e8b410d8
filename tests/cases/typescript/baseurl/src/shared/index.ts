export function hostname(): string {
  return require('fs').readFileSync('/etc/hostname', 'utf8'); // ok: reported at the call
}
