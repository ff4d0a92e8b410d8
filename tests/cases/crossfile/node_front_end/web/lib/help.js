// Rendered on the server: reads the help page with Node's fs.
import fs from 'fs';

export async function helpText() {
  return fs.readFileSync('content/help.md', 'utf8'); // expect: JS101
}
