// Name resolution in CommonJS: aliases, destructuring (with rename), the
// node: prefix, inline require, and member aliases.
const nodeFs = require('node:fs');
const { readFileSync: slurp, writeFileSync, realpathSync } = require('fs');
const cp = require('child_process');
const { execSync: run } = require('node:child_process');
const { brotliCompressSync, inflateSync: inflate } = require('zlib');
const read = nodeFs.readFileSync;
const { statSync } = nodeFs;
const express = require('express');

const app = express();

app.get('/a', (req, res) => {
  res.send(slurp('/srv/a.txt')); // expect: JS101
});

app.get('/b', (req, res) => {
  writeFileSync('/srv/b.txt', req.query.v); // expect: JS101
  res.end();
});

app.get('/c', (req, res) => {
  res.send(nodeFs.lstatSync('/srv/c').isSymbolicLink()); // expect: JS101
});

app.get('/d', (req, res) => {
  res.send(cp.execFileSync('uname', ['-a'])); // expect: JS101
});

app.get('/e', (req, res) => {
  res.send(run('uptime')); // expect: JS101
});

app.get('/f', (req, res) => {
  res.send(require('fs').readFileSync('/srv/f.txt')); // expect: JS101
});

app.get('/g', (req, res) => {
  res.send(require('node:zlib').deflateSync(Buffer.from(req.query.v))); // expect: JS101
});

app.get('/h', (req, res) => {
  res.send(brotliCompressSync(Buffer.from(req.query.v))); // expect: JS101
});

app.get('/i', (req, res) => {
  res.send(inflate(Buffer.from(req.query.v, 'base64'))); // expect: JS101
});

app.get('/j', (req, res) => {
  res.send(read('/srv/j.txt')); // expect: JS101
});

app.get('/k', (req, res) => {
  res.json(statSync('/srv/k').size); // expect: JS101
});

app.get('/l', (req, res) => {
  res.send(realpathSync.native('/srv/l')); // expect: JS101
});

app.get('/m', (req, res) => {
  res.send(nodeFs.realpathSync.native('/srv/m')); // expect: JS101
});

app.get('/n', (req, res) => {
  const fd = nodeFs.openSync('/srv/n.bin', 'r'); // expect: JS101
  const buf = Buffer.alloc(16);
  nodeFs.readSync(fd, buf, 0, 16, 0); // expect: JS101
  nodeFs.closeSync(fd); // expect: JS101
  res.send(buf);
});

function localRequire(req, res) {
  const fsLocal = require('fs');
  res.send(fsLocal.readFileSync('/srv/local.txt')); // expect: JS101
}
app.get('/local-require', localRequire);

// Not blocking: callback and stream forms, spawn, and unrelated *Sync names.
app.get('/o', (req, res) => {
  cp.execFile('uname', ['-a'], (err, out) => res.send(out)); // ok: callback form
  const child = cp.spawn('ls'); // ok: asynchronous spawn
  child.stdout.pipe(process.stdout);
  nodeFs.createReadStream('/srv/o').pipe(res); // ok: stream
  const cache = { readFileSync: (k) => k.toUpperCase() };
  cache.readFileSync('k'); // ok: a local object, not fs
  const store = require('./store');
  store.readFileSync('users'); // ok: a local module, not fs
  req.app.locals.db.querySync('select 1'); // ok: unknown object
});

module.exports = app;
