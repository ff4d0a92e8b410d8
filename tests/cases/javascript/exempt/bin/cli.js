#!/usr/bin/env node
// A command-line program: blocking is the simplest correct thing here.
const fs = require('fs');
const { execSync } = require('child_process');

async function main(argv) {
  const file = argv[2];
  const text = fs.readFileSync(file, 'utf8'); // ok: CLI
  execSync(`git add ${file}`); // ok: CLI
  setTimeout(() => fs.unlinkSync(`${file}.bak`), 10); // ok: CLI
  return text.length;
}

main(process.argv).then((n) => {
  fs.writeSync(1, `${n}\n`); // ok: CLI
});
