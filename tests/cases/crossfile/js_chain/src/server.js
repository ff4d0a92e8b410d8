const express = require('express'); // expect: ST301
const handlers = require('./handlers');
const { loadConfig } = require('./lib/a');
const util = require('./util');
const { hashToken } = require('@acme/shared');
const { fib, ping } = require('./esm/math.mjs');
const startLater = require('./lib/later');

const app = express();

// Registered here, defined in handlers.js: event-loop code over there.
app.get('/show', handlers.show);

app.get('/config', (req, res) => {
  res.json(loadConfig(req.query.name)); // expect: JS107
});

app.get('/size', (req, res) => {
  res.json({ size: util.sizeOf(req.query.path) }); // expect: JS107
});

app.post('/token', (req, res) => {
  res.json({ hash: hashToken(req.body.token).toString('hex') }); // expect: JS107
});

app.get('/fib/:n', async (req, res) => {
  res.json({ value: fib(Number(req.params.n)) }); // expect: JS107
});

app.get('/ping', async (req, res) => {
  res.json({ pong: ping() }); // a cycle of calls that never blocks
});

app.get('/later', async (req, res) => {
  await startLater(); // an async helper: JS101 is reported in its body
  res.end();
});

// Start-up code may block: not event-loop code.
const cfg = loadConfig('default');

module.exports = { app, cfg };
