// A local binding that shadows a module name is not the module: a
// parameter named `fs` (an injected or in-memory file system), a local
// const, a destructured parameter. Outside its scope the module is back.
const fs = require('fs');
const zlib = require('zlib');
const { Volume } = require('memfs');
const express = require('express');

function makeHandler(fs, file) {
  return (req, res) => {
    res.send(fs.readFileSync(file)); // ok: `fs` is the parameter, not the module
  };
}

const app = express();
app.get('/mem', makeHandler(Volume.fromJSON({ '/a.txt': 'hi' }), '/a.txt'));

app.get('/local', (req, res) => {
  const fs = req.app.locals.vfs;
  res.send(fs.readFileSync('/b.txt')); // ok: a local `fs`
});

app.get('/block', (req, res) => {
  {
    const fs = req.app.locals.vfs;
    fs.existsSync('/c.txt'); // ok: the block's own `fs`
  }
  res.send(fs.readFileSync('/srv/c.txt')); // expect: JS101
});

app.get('/param', ({ query }, res) => {
  const zlib = { gzipSync: (s) => s }; // a local stub
  res.send(zlib.gzipSync(query.v)); // ok: the local object
});

const render = ({ readFileSync }, name) => readFileSync(name); // ok: destructured parameter
app.get('/render', (req, res) => res.send(render(req.app.locals.vfs, '/d.txt')));

app.get('/real', (req, res) => {
  res.send(zlib.gzipSync(fs.readFileSync('/srv/e.txt'))); // expect: JS101,JS101
});

module.exports = app;
