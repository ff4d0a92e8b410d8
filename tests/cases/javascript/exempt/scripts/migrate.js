#!/usr/bin/node
const fs = require('fs');

(async () => {
  for (const f of fs.readdirSync('migrations').sort()) { // ok: CLI (shebang)
    fs.appendFileSync('migrations.log', `${f}\n`); // ok: CLI (shebang)
  }
})();
