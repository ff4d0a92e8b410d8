#!/usr/bin/env node
// The package's command-line tool (package.json `bin`).
const fs = require('fs');

async function run(args) {
  const board = fs.readFileSync(args[0], 'utf8'); // ok: a command-line program
  console.log(board.length);
}

run(process.argv.slice(2));
