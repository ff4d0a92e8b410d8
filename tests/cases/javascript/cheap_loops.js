// Loops and recursion in handlers that look heavy and are not: nothing
// says the data is large (settings, an enum, a few outlets, state), nested
// data walked once, recursion over a structure's children or one retry.
const express = require('express');

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };
const app = express();
const state = { outlets: [] };

app.get('/levels', (req, res) => {
  const out = [];
  for (const a of Object.keys(LEVELS)) { // ok: a literal object's keys
    for (const b of Object.keys(LEVELS)) {
      if (LEVELS[a] < LEVELS[b]) out.push([a, b]);
    }
  }
  res.json(out);
});

app.post('/outlets', (req, res) => {
  for (const outlet of state.outlets) { // ok: the state of the process, a few outlets
    for (const other of state.outlets) {
      if (outlet.group === other.group) outlet.on = other.on;
    }
  }
  res.json(state.outlets);
});

function mergeSchemas(base, extra) {
  const merged = {};
  for (const key of Object.keys(base)) { // ok: a parameter nothing here says is large
    for (const k of Object.keys(extra)) {
      if (key === k) merged[key] = extra[k];
    }
  }
  return merged;
}

app.post('/orders', (req, res) => {
  let total = 0;
  for (const order of req.body.orders) { // ok: nested data, each line once
    for (const line of order.lines) total += line.qty * line.price;
  }
  res.json({ total, schema: mergeSchemas({ a: 1 }, { a: 2 }) });
});

function countNodes(node) {
  if (!node) return 0;
  return 1 + countNodes(node.left) + countNodes(node.right); // ok: a walk over the tree
}

async function fetchWithRetry(url, retries) {
  try {
    return await fetch(url);
  } catch (err) {
    if (retries === 0) throw err;
    return fetchWithRetry(url, retries - 1); // ok: one retry per call
  }
}

function pick(n) {
  if (n % 2) return pick(n - 1); // ok: one branch or the other
  return n > 2 ? pick(n / 2) : n;
}

app.get('/tree', async (req, res) => {
  await fetchWithRetry(req.query.url, 3);
  res.json({ nodes: countNodes(req.body.tree), pick: pick(10) });
});

module.exports = app;
