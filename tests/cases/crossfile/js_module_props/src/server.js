const express = require('express');
const core = require('./core');
const files = require('./util/files');
const meta = require('./meta');

// The entry point hangs the file helpers on the shared object.
core.files = files;

const app = express();

app.get('/asset/:name', (req, res) => {
  // A property set on the module by this very file.
  if (core.files.exists(core.path.join(core.root, req.params.name))) { // expect: JS107
    res.sendFile(req.params.name, { root: core.root });
  }
});

app.get('/avatar', (req, res) => {
  // A property of the object the module exports: fs-extra's sync read.
  res.send(core.fs.readFileSync('/srv/app/avatar.png')); // expect: JS101
});

app.post('/theme', (req, res) => {
  // A property the module sets on its own exports through an alias.
  res.json({ ok: meta.themes.setPath(req.body.dir) }); // expect: JS107
});

app.listen(3000);

app.post('/skin', async (req, res) => {
  // An async function of the module: its own call is reported, in skins.js.
  await meta.skins.set(req.body);
  res.end();
});
