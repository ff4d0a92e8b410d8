// tsconfig.json `baseUrl` and `paths` relative to it: `@shared` and
// `@lib/keys` by their aliases, `lib/files` under the base folder.
import express from 'express';
import { hostname } from '@shared';
import { newKey } from '@lib/keys';
import { list } from 'lib/files';

const app = express();

app.get('/host', (req, res) => {
  res.send(hostname()); // expect: JS107
});

app.post('/keys', (req, res) => {
  res.send(newKey()); // expect: JS107
});

app.get('/ls', (req, res) => {
  res.json(list('/srv')); // expect: JS107
});

app.listen(3000);
