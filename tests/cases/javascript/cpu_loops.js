// CPU-heavy loops in request handlers: large literal or constant bounds,
// quadratic work over one input, endless loops. Waiting loops, walks over
// nested data and start-up loops are fine.
const express = require('express');

const ROUNDS = 5e6;
const SMALL = 1000;
const app = express();

// Start-up: a lookup table computed once.
const table = new Float64Array(1 << 20);
for (let i = 0; i < table.length; i++) table[i] = Math.sin(i); // ok: top level

app.get('/spin', (req, res) => {
  let x = 0;
  for (let i = 0; i < 1e7; i++) { // expect: JS103
    x += i % 7;
  }
  res.json({ x });
});

app.get('/const-bound', (req, res) => {
  let acc = 0;
  for (let i = 0; i < ROUNDS; i++) acc ^= i; // expect: JS103
  res.json({ acc });
});

app.get('/nested-literals', (req, res) => {
  let n = 0;
  for (let i = 0; i < SMALL; i++) { // expect: JS103
    for (let j = 0; j < SMALL; j++) { // ok: reported once, at the outer loop
      n += i * j;
    }
  }
  res.json({ n });
});

app.get('/stepped', (req, res) => {
  let n = 0;
  for (let i = 0; i < 1e6; i += 1000) n++; // ok: a thousand iterations
  for (let i = 1; i < 1e9; i *= 2) n++; // ok: thirty iterations
  res.json({ n });
});

app.post('/similar', (req, res) => {
  const pairs = [];
  for (const a of req.body.items) { // expect: JS103
    for (const b of req.body.items) {
      if (a.id < b.id && a.name === b.name) pairs.push([a.id, b.id]);
    }
  }
  res.json(pairs);
});

app.post('/dedupe', async (req, res) => {
  const unique = [];
  for (const item of req.body.items) { // expect: JS103
    let seen = false;
    for (const kept of unique) {
      if (kept.email === item.email) seen = true;
    }
    if (!seen) unique.push(item);
  }
  res.json(unique);
});

app.post('/matrix', (req, res) => {
  const { a } = req.body;
  const n = a.length;
  let trace = 0;
  for (let i = 0; i < n; i++) { // expect: JS103
    for (let j = 0; j < n; j++) {
      trace += a[i][j] * a[j][i];
    }
  }
  res.json({ trace });
});

app.post('/orders', (req, res) => {
  // Nested data: every line of every order, once each.
  let total = 0;
  for (const order of req.body.orders) { // ok: walks nested data
    for (const line of order.lines) {
      total += line.price * line.qty;
    }
  }
  // Two independent lists: the sizes are unrelated (here, a few formats).
  const out = [];
  for (const order of req.body.orders) { // ok: items × a few options
    for (const fmt of app.locals.formats) {
      if (fmt.accepts(order)) out.push(fmt.name + order.id);
    }
  }
  res.json({ total, out });
});

app.post('/join', (req, res) => {
  const rows = [];
  for (const user of req.body.users) { // expect: JS103
    for (const order of req.body.orders) {
      if (order.userId === user.id) rows.push({ user, order });
    }
  }
  res.json(rows);
});

app.get('/poll', async (req, res) => {
  for (let i = 0; i < 1e7; i++) { // ok: awaits in every iteration
    if (await app.locals.queue.ready()) break;
  }
  while (true) { // ok: waits for the next job
    const job = await app.locals.queue.next();
    if (!job) break;
  }
  res.end();
});

app.get('/scan', (req, res) => {
  const text = String(req.query.q);
  let i = 0;
  while (true) { // ok: ends with a break
    const at = text.indexOf(',', i);
    if (at < 0) break;
    i = at + 1;
  }
  res.json({ i });
});

setInterval(() => {
  for (;;) { // expect: JS103
    app.locals.ticks = (app.locals.ticks || 0) + 1;
  }
}, 1000);

module.exports = app;
