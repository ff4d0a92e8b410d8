// Listed in package.json "bin" (no shebang here): a command-line program.
const fs = require('fs');

process.stdin.on('end', () => {
  fs.writeFileSync('out.txt', 'done'); // ok: CLI listed in package.json bin
});
