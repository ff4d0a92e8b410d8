// Sequential awaits in loops: independent lookups should run together;
// retries, pagination, pacing, ordered writes and `for await` are
// sequential on purpose.
const express = require('express');
const { setTimeout: sleep } = require('node:timers/promises');
const db = require('./db');

const app = express();

app.get('/team/:id', async (req, res) => {
  const team = await db.teams.get(req.params.id);
  const members = [];
  for (const id of team.memberIds) {
    members.push(await db.users.get(id)); // expect: JS106
  }
  res.json(members);
});

app.get('/reports', async (req, res) => {
  const sizes = {};
  for (let i = 0; i < req.query.names.length; i++) {
    const stat = await db.reports.stat(req.query.names[i]); // expect: JS106
    sizes[req.query.names[i]] = stat.size;
  }
  for (const [name, url] of Object.entries(req.query.sources)) {
    sizes[name] = await fetch(url).then((r) => r.headers.get('content-length')); // expect: JS106
  }
  res.json(sizes);
});

app.get('/together', async (req, res) => {
  const users = await Promise.all(req.query.ids.map((id) => db.users.get(id))); // ok: together
  for (const batch of req.query.batches) {
    await Promise.all(batch.map((id) => db.users.touch(id))); // ok: deliberate batches
  }
  res.json(users);
});

app.get('/first-mirror', async (req, res) => {
  for (const mirror of app.locals.mirrors) {
    const r = await fetch(`${mirror}/${req.query.file}`); // ok: stops at the first that answers
    if (r.ok) return res.send(await r.text());
  }
  res.sendStatus(404);
});

app.get('/pages', async (req, res) => {
  const items = [];
  let cursor = null;
  do {
    const page = await db.items.list({ cursor }); // ok: the next page needs this one's cursor
    items.push(...page.items);
    cursor = page.next;
  } while (cursor);
  let token;
  for (const shard of app.locals.shards) {
    token = await db.items.scan(shard, token); // ok: the next iteration reads the token
  }
  res.json(items);
});

app.post('/notify', async (req, res) => {
  for (const user of req.body.users) {
    await app.locals.mailer.send(user.email); // ok: paced, see the sleep below
    await sleep(100);
  }
  res.end();
});

app.post('/import', async (req, res) => {
  const conn = await db.connect();
  for (const row of req.body.rows) {
    await conn.query('insert into t values ($1)', [row.value]); // ok: one connection, in order
  }
  for (const chunk of req.body.chunks) {
    await app.locals.stream.write(chunk); // ok: ordered writes
  }
  for await (const line of app.locals.readLines()) {
    await db.lines.add(line); // ok: for await
  }
  for (const job of req.body.jobs) {
    await app.locals.ping(); // ok: does not use the loop variable
  }
  res.end();
});

// Start-up (a CLI-like seed at top level is not event-loop code).
async function seed() {
  for (const name of ['a', 'b']) {
    await db.users.create({ name }); // ok: called only from start-up code
  }
}
seed();

module.exports = app;
