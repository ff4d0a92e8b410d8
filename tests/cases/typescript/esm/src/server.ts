// ESM in TypeScript: specifiers name the compiled `.js` files, which are
// the `.ts` (or `.tsx`) sources here.
import express from 'express';
import loadAll, { load } from './lib/store.js';
import { render } from './lib/render.js';

const app = express();

app.get('/k/:key', (req, res) => {
  res.send(load(req.params.key)); // expect: JS107
});

app.get('/all', (req, res) => {
  res.json(loadAll()); // expect: JS107
});

app.get('/view/:name', (req, res) => {
  res.send(render(req.params.name)); // expect: JS107
});

app.listen(3000);
