// tsconfig.json `paths`, set in the configuration it extends: the
// monorepo's libraries by their alias.
import express from 'express';
import { backup } from '@acme/common/db';
import { diskFree } from '@acme/api/health';

const app = express();

app.post('/backup', (req, res) => {
  res.send(backup()); // expect: JS107
});

app.get('/health', (req, res) => {
  res.json({ free: diskFree() }); // expect: JS107
});

app.listen(3000);
