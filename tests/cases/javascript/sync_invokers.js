// A callback passed to a function of this file that calls it right away
// runs where that function is called; one the function keeps for later
// (a timer, a listener, another call) runs on the event loop.
const fs = require('fs');
const path = require('path');

// webpack's lib/config/defaults.js style: set a default from a factory.
const F = (obj, prop, factory) => {
  if (obj[prop] === undefined) obj[prop] = factory();
};
function withLock(lock, fn) {
  lock.held = true;
  try {
    return fn.call(null, lock);
  } finally {
    lock.held = false;
  }
}
function tryRead(file, onMissing) {
  if (typeof onMissing !== 'function') throw new TypeError('onMissing');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : onMissing(); // ok: tryRead is called only at start-up
}
function later(fn) {
  setTimeout(fn, 10);
}
function nowAndLater(fn) {
  fn();
  process.nextTick(() => fn());
}

const options = {};
F(options, 'cacheDir', () => (fs.existsSync('.cache') ? '.cache' : fs.mkdtempSync('/tmp/c-'))); // ok: F calls it at once, at start-up
F(options, 'version', () => JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'))).version); // ok: at once, at start-up
withLock({}, () => fs.writeFileSync('/run/app.lock', String(process.pid))); // ok: at once, at start-up
const motd = tryRead('/etc/motd', () => fs.readFileSync('/etc/issue', 'utf8')); // ok: at once, at start-up

later(() => fs.unlinkSync('/run/app.lock')); // expect: JS101
nowAndLater(() => fs.appendFileSync('/var/log/app.log', 'tick\n')); // expect: JS101

const http = require('http');
http.createServer((req, res) => {
  F(req, 'body', () => fs.readFileSync('/srv/default-body.json')); // expect: JS101
  withLock(req.app, () => fs.writeFileSync('/srv/state', req.url)); // expect: JS101
  res.end(motd);
}).listen(8083);

module.exports = options;
