// The promise API of fs is the fix, never the fault, however it is reached.
const fs = require('fs');
const fsp = require('fs/promises');
const { readFile, writeFile, stat } = require('node:fs/promises');
const fsPromises = require('fs').promises;
const { promises: pfs } = require('node:fs');
const { promisify } = require('util');
const zlib = require('zlib');
const cp = require('child_process');
const express = require('express');

const gzip = promisify(zlib.gzip);
const execFile = promisify(cp.execFile);
const app = express();

app.get('/p1', async (req, res) => {
  res.send(await fs.promises.readFile('/srv/p1')); // ok: fs.promises
});

app.get('/p2', async (req, res) => {
  res.send(await fsp.readFile('/srv/p2')); // ok: fs/promises
});

app.get('/p3', async (req, res) => {
  const [text, info] = await Promise.all([readFile('/srv/p3', 'utf8'), stat('/srv/p3')]); // ok: node:fs/promises
  await writeFile('/tmp/p3.copy', text); // ok: node:fs/promises
  res.json({ size: info.size });
});

app.get('/p4', async (req, res) => {
  res.send(await fsPromises.readdir('/srv')); // ok: require('fs').promises
});

app.get('/p5', async (req, res) => {
  await pfs.mkdir('/tmp/p5', { recursive: true }); // ok: destructured promises
  const handle = await pfs.open('/srv/p5', 'r'); // ok: FileHandle
  try {
    res.send(await handle.readFile()); // ok: FileHandle.readFile
  } finally {
    await handle.close(); // ok: FileHandle.close
  }
});

app.get('/p6', async (req, res) => {
  res.send(await gzip(Buffer.from('x'))); // ok: promisified zlib.gzip
});

app.get('/p7', async (req, res) => {
  const { stdout } = await execFile('git', ['log', '-1']); // ok: promisified execFile
  res.send(stdout);
});

app.get('/p8', (req, res) => {
  fs.stat('/srv/p8', (err, st) => res.json(err ? null : st.size)); // ok: callback API
  fs.access('/srv/p8', fs.constants.R_OK, () => {}); // ok: callback API
});

module.exports = app;
