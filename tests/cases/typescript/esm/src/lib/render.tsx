export function render(name: string): string {
  return require('fs').readFileSync(`views/${name}.html`, 'utf8'); // ok: reported at the call
}
