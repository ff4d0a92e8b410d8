import express from 'express';
import { config, loadConfig } from './config';
import { DatabaseSync } from 'node:sqlite';
import { Session } from './store';

const app = express();
const session = new Session();

app.post('/config', (req, res) => {
  const settings = config();
  settings.values = req.body;
  settings.persist(); // expect: JS107
  res.end();
});

app.post('/config/reload', async (req, res) => {
  const settings = await loadConfig();
  settings.persist(); // expect: JS107
  res.end();
});

app.get('/notes', (req, res) => {
  res.json(session.store.find(String(req.query.q))); // expect: JS107
});

app.post('/notes/later', (req, res) => {
  session.later(String(req.body));
  res.end();
});

const audit = new DatabaseSync('/var/lib/notes/audit.db'); // ok: start-up

app.delete('/notes/:id', async (req, res) => {
  audit.exec(`INSERT INTO log VALUES ('delete ${Number(req.params.id)}')`); // expect: JS101
  res.end();
});

app.listen(8080);
