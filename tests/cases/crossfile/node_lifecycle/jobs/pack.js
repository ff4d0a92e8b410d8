// Run as a child process of its own (`fork('./jobs/pack.js')`): what it
// blocks is only itself.
const fs = require('fs');

process.on('message', async (id) => {
  const files = fs.readdirSync(`builds/${Number(id)}`); // ok: a forked child process
  fs.writeFileSync(`artifacts/${Number(id)}.json`, JSON.stringify(files)); // ok: a forked child process
  process.send('done');
});
