// fs-extra and graceful-fs re-export fs and add synchronous helpers of
// their own; their promise forms are fine.
const fse = require('fs-extra');
const gfs = require('graceful-fs');
const { outputJsonSync, pathExists } = require('fs-extra');
const express = require('express');

fse.ensureDirSync('/var/lib/app/cache'); // ok: top level
const defaults = fse.readJsonSync(`${__dirname}/defaults.json`); // ok: top level

const app = express();

app.get('/settings', (req, res) => {
  res.json({ ...defaults, ...fse.readJsonSync('/var/lib/app/settings.json') }); // expect: JS101
});

app.put('/settings', (req, res) => {
  outputJsonSync('/var/lib/app/settings.json', req.body); // expect: JS101
  res.sendStatus(204);
});

app.post('/backup', (req, res) => {
  fse.copySync('/var/lib/app', '/var/backups/app'); // expect: JS101
  res.sendStatus(202);
});

app.delete('/cache', (req, res) => {
  fse.removeSync('/var/lib/app/cache'); // expect: JS101
  fse.emptyDirSync('/tmp/app'); // expect: JS101
  res.sendStatus(204);
});

app.get('/legacy', (req, res) => {
  res.send(gfs.readFileSync('/srv/legacy.txt')); // expect: JS101
});

app.get('/ok', async (req, res) => {
  if (await pathExists('/var/lib/app/settings.json')) { // ok: promise form
    res.json(await fse.readJson('/var/lib/app/settings.json')); // ok: promise form
  } else {
    await fse.outputJson('/var/lib/app/settings.json', defaults); // ok: promise form
    res.json(defaults);
  }
});

module.exports = app;
