// Waiting by spinning or sleeping the thread: in handlers, and in helpers
// that other code calls later. Start-up code, timers and loops that bound
// real work with the clock are fine.
const express = require('express');
const { performance } = require('node:perf_hooks');
const { setTimeout: sleep } = require('node:timers/promises');
const sleepPkg = require('sleep');

function sleepSync(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {} // expect: JS104
}

function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); // expect: JS104
}

const app = express();

app.post('/login', (req, res) => {
  if (!app.locals.check(req.body)) {
    const until = Date.now() + 500;
    while (Date.now() < until) {} // expect: JS104
    return res.sendStatus(401);
  }
  res.sendStatus(204);
});

app.get('/hrtime', (req, res) => {
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() - start < 1000000n) {} // expect: JS104
  res.end();
});

app.get('/perf', (req, res) => {
  const t0 = performance.now();
  let spins = 0;
  do { spins++; } while (performance.now() - t0 < 5); // expect: JS104
  res.json({ spins });
});

app.get('/old-style', (req, res) => {
  const start = new Date().getTime();
  while (new Date().getTime() - start < 50); // expect: JS104
  res.end();
});

app.get('/sleep', (req, res) => {
  sleepPkg.msleep(100); // expect: JS104
  Atomics.wait(app.locals.flag, 0, 0, 100); // expect: JS104
  res.end();
});

app.get('/ok', async (req, res) => {
  await sleep(100); // ok: a timer
  const deadline = performance.now() + 8;
  const done = [];
  while (performance.now() < deadline && app.locals.queue.length > 0) { // ok: time-boxed work
    done.push(app.locals.process(app.locals.queue.shift()));
  }
  res.json({ done: done.length });
});

// Start-up: waiting for a lock file before anything else runs.
const bootUntil = Date.now() + 100;
while (Date.now() < bootUntil) {} // ok: top level

function waitForDisk() {
  const stop = Date.now() + 50;
  while (Date.now() < stop) {} // ok: called only from start-up code
}
waitForDisk();

module.exports = { app, sleepSync, pause };
