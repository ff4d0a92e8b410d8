// Async functions run only from the module top level are start-up code:
// `main()` reads its configuration before the server listens. An async
// function that is exported, passed on or never called here is event-loop
// code.
const fs = require('fs');
const http = require('http');

async function loadConfig() {
  return JSON.parse(fs.readFileSync('/etc/app/config.json', 'utf8')); // ok: called only from main
}

async function main() {
  const config = await loadConfig();
  fs.mkdirSync(config.dataDir, { recursive: true }); // ok: main runs at start-up
  http.createServer(async (req, res) => {
    res.end(fs.readFileSync(`${config.dataDir}/index.html`)); // expect: JS101
  }).listen(config.port);
}

main().catch((err) => {
  fs.writeSync(2, `${err.stack}\n`); // ok: a reaction to start-up code
  process.exitCode = 1;
});

(async () => {
  fs.writeFileSync('/run/app.started', new Date().toISOString()); // ok: async IIFE at the top level
})();

async function reload() {
  return JSON.parse(fs.readFileSync('/etc/app/config.json', 'utf8')); // expect: JS101
}
process.on('SIGHUP', reload);

async function exported() {
  return fs.readdirSync('/srv'); // expect: JS101
}

async function neverCalledHere() {
  return fs.statSync('/srv'); // expect: JS101
}

module.exports = { exported, neverCalledHere };
