// Start-up code: the module body, functions called only from it (directly
// or through other start-up functions), a synchronous IIFE, constructors
// run at the top level, and top-level loops.
const fs = require('fs');
const path = require('path');
const os = require('os');

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8')); // ok: called only from start-up code
}

function loadSettings(dir) {
  const base = readJson(path.join(dir, 'default.json'));
  const local = path.join(dir, 'local.json');
  if (fs.existsSync(local)) { // ok: called only from the top level
    Object.assign(base, readJson(local));
  }
  return base;
}

function ensureDirs(settings) {
  for (const d of [settings.dataDir, settings.tmpDir]) {
    fs.mkdirSync(d, { recursive: true }); // ok: called only from the top level
  }
}

class PidFile {
  constructor(file) {
    this.file = file;
    fs.writeFileSync(file, String(process.pid)); // ok: constructed at the top level
  }
}

const settings = loadSettings(path.join(__dirname, 'config'));
ensureDirs(settings);
const pid = new PidFile(path.join(os.tmpdir(), 'app.pid'));

const plugins = (function discover() {
  return fs.readdirSync(path.join(__dirname, 'plugins')); // ok: IIFE runs at start-up
})();

for (const name of plugins) {
  if (fs.statSync(path.join(__dirname, 'plugins', name)).isDirectory()) { // ok: top-level loop
    require(path.join(__dirname, 'plugins', name));
  }
}

if (process.env.NODE_ENV !== 'production') {
  fs.copyFileSync(path.join(__dirname, 'dev.env'), path.join(__dirname, '.env')); // ok: top-level block
}

try {
  fs.accessSync(settings.dataDir, fs.constants.W_OK); // ok: top-level try
} catch {
  process.exitCode = 1;
}

module.exports = { settings, pid, plugins };
