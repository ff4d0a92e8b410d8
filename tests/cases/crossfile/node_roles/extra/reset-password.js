// `npm run reset-password`: an administrator's script in a folder of them.
const fs = require('fs');
const crypto = require('crypto');

async function main() {
  const user = process.argv[2];
  const hash = crypto.pbkdf2Sync(process.argv[3], 'salt', 100000, 64, 'sha512'); // ok: a script
  fs.writeFileSync(`data/users/${user}`, hash); // ok: a script
}

main();
