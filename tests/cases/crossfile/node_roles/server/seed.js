// Run by `npm run seed`: a program of the repository, not the service.
const fs = require('fs');

async function seed() {
  for (const file of fs.readdirSync('fixtures')) { // ok: a script
    fs.copyFileSync(`fixtures/${file}`, `data/${file}`); // ok: a script
  }
}

seed();
