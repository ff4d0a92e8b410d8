// Awaits in loops whose iterations depend on each other: running them
// together would change what the program does, so no await-in-loop hint.
// Independent lookups next to them still get it.
const express = require('express');
const db = require('./db');

const app = express();

async function mergeInto(target, file) {
  Object.assign(target, await db.files.readJson(file));
}

app.post('/merge', async (req, res) => {
  const merged = {};
  for (const file of req.body.files) {
    await mergeInto(merged, file); // ok: later files override earlier ones
  }
  for (const pid of req.body.pids) {
    // eslint-disable-next-line no-await-in-loop
    await db.topics.movePost(pid, req.body.tid); // ok: marked sequential by its author
  }
  res.json(merged);
});

app.post('/uptime', async (req, res) => {
  for (const monitor of req.body.monitors) {
    const calculator = new db.UptimeCalculator(monitor.id);
    for (const beat of monitor.beats) {
      await calculator.update(beat.status, beat.time); // ok: state carried from beat to beat
    }
  }
  res.end();
});

app.post('/patches', async (req, res) => {
  for (let i = req.body.from; i <= req.body.to; i++) {
    await db.settings.set('schemaVersion', i); // ok: the same key, last write wins
  }
  res.end();
});

async function applyPatch(name, applied) {
  for (const parent of db.parentsOf(name)) {
    await applyPatch(parent, applied); // ok: parents first, through one record of what is applied
  }
  applied[name] = true;
}

app.post('/apply', async (req, res) => {
  await applyPatch(req.body.name, {});
  const trx = await db.transaction();
  for (const row of req.body.rows) {
    await db.orders.insert(row, trx); // ok: one transaction runs one statement at a time
  }
  await trx.commit();
  for (const id of req.body.ids) {
    await db.users.get(id); // expect: JS106
  }
  res.end();
});

module.exports = app;

app.post('/populate', async (req, res) => {
  for (const group of req.body.groups) {
    const docs = [];
    for (const d of group.docs) docs.push(d);
    for (const path of group.paths) {
      await group.model.populate(docs, path); // expect: JS106
    }
    const options = { ...req.body.options };
    for (const op of group.ops) {
      await applyOp(op, options); // expect: JS106
    }
  }
  res.end();
});

async function applyOp(op, options) {
  return db.ops.apply(op, options);
}

// A comment that turns every rule off on the next line says the same as
// naming no-await-in-loop.
app.post('/hooks', async (req, res) => {
  for (const hook of req.body.hooks) {
    // eslint-disable-next-line
    await hook.run(req.body);
  }
  for (const hook of req.body.hooks) {
    // eslint-disable-next-line no-console -- only the console rule
    await notifyHook(hook); // expect: JS106
  }
  res.end();
});

async function notifyHook(hook) {
  return db.hooks.notify(hook.id);
}

class Scanner {
  async scanAll(libraries) {
    for (const library of libraries) {
      this.current = library; // the scan below reports progress against it
      await this.scanLibrary(library); // ok: each iteration sets the scanner's state
    }
  }

  async scanLibrary(library) {
    return db.items.list(library.id, this.current);
  }
}

module.exports.Scanner = Scanner;
