// Synchronous higher-order calls (Array methods, the Promise executor) run
// their callback where they are called: at start-up at the top level, on
// the event loop inside a handler.
const fs = require('fs');
const path = require('path');
const http = require('http');

const LOCALES = path.join(__dirname, 'locales');

// Start-up: all of these run once, before the server listens.
const files = fs.readdirSync(LOCALES).filter((f) => f.endsWith('.json')); // ok: top level
const messages = files.map((f) => JSON.parse(fs.readFileSync(path.join(LOCALES, f), 'utf8'))); // ok: map at top level
files.forEach((f) => {
  fs.accessSync(path.join(LOCALES, f), fs.constants.R_OK); // ok: forEach at top level
});
const hasDefault = files.some((f) => fs.statSync(path.join(LOCALES, f)).size > 0); // ok: some at top level
const total = files.reduce((n, f) => n + fs.statSync(path.join(LOCALES, f)).size, 0); // ok: reduce at top level
const firstBig = files.find((f) => fs.statSync(path.join(LOCALES, f)).size > 1024); // ok: find at top level
const allReadable = files.every((f) => fs.existsSync(path.join(LOCALES, f))); // ok: every at top level
const newest = [...files].sort((a, b) => fs.statSync(path.join(LOCALES, b)).mtimeMs - fs.statSync(path.join(LOCALES, a)).mtimeMs); // ok: sort at top level

// Other Array methods that call back synchronously, still at start-up.
const nested = ['en', 'fr'].flatMap((d) => fs.readdirSync(path.join(LOCALES, d))); // ok: flatMap at top level
const sizes0 = Array.from(files, (f) => fs.statSync(path.join(LOCALES, f)).size); // ok: Array.from at top level
const emptyAt = files.findIndex((f) => fs.statSync(path.join(LOCALES, f)).size === 0); // ok: findIndex at top level

function loadOne(f) {
  return fs.readFileSync(path.join(LOCALES, f), 'utf8'); // ok: a forEach/map callback at top level
}
const raw = files.map(loadOne);

const ready = new Promise((resolve) => {
  resolve(fs.readFileSync(path.join(__dirname, 'banner.txt'), 'utf8')); // ok: executor runs now, at start-up
});

// Routes declared in a top-level loop: the loop runs at start-up, the
// handlers it registers run on the event loop.
const routes = { '/a': 'a.html', '/b': 'b.html' };
const handlers = new Map();
Object.entries(routes).forEach(([url, file]) => {
  const page = fs.readFileSync(path.join(__dirname, file)); // ok: forEach at top level
  handlers.set(url, (req, res) => {
    res.end(page + fs.readFileSync(path.join(__dirname, 'footer.html'))); // expect: JS101
  });
});

http.createServer((req, res) => {
  const body = req.url.split('/').filter(Boolean);
  const sizes = body.map((name) => fs.statSync(path.join(LOCALES, name)).size); // expect: JS101
  const exists = body.filter((name) => fs.existsSync(path.join(LOCALES, name))); // expect: JS101
  body.forEach((name) => {
    fs.accessSync(path.join(LOCALES, name)); // expect: JS101
  });
  const ordered = body.sort((a, b) => fs.statSync(a).size - fs.statSync(b).size); // expect: JS101,JS101
  const text = new Promise((resolve, reject) => {
    try {
      resolve(fs.readFileSync(path.join(LOCALES, 'en.json'))); // expect: JS101
    } catch (e) {
      reject(e);
    }
  });
  text.then((t) => res.end(JSON.stringify({ sizes, exists, ordered, t: String(t) }))); // ok: no I/O
}).listen(8081);

module.exports = { nested, sizes0, emptyAt, messages, hasDefault, total, firstBig, allReadable, newest, raw, ready, handlers };
