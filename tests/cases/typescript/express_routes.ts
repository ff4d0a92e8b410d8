// An Express service in TypeScript: the same rules as JavaScript, through
// type annotations, generics, `as` and non-null assertions.
import express, { Request, Response, NextFunction } from 'express';
import * as fs from 'fs';
import { execSync } from 'child_process';
import * as crypto from 'node:crypto';

interface Report {
  id: string;
  rows: number[];
}

declare const store: { list<T>(what: string): Promise<T[]> };

const indexHtml: string = fs.readFileSync('public/index.html', 'utf8'); // ok: start-up

const app = express();

app.get('/', (req: Request, res: Response): void => {
  res.type('html').send(indexHtml); // ok: read once at start-up
});

app.get('/report/:id', (req: Request<{ id: string }>, res: Response) => {
  const file = `reports/${req.params.id}.json`;
  if (!fs.existsSync(file)) { // expect: JS101
    res.sendStatus(404);
    return;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Report; // expect: JS101
  res.json(report satisfies Report);
});

app.get('/version', async (req: Request, res: Response) => {
  res.json({ head: execSync('git rev-parse HEAD').toString() }); // expect: JS101
});

app.post('/login', (req: Request, res: Response) => {
  const hash = crypto.pbkdf2Sync(req.body.password as string, 'salt', 310000, 32, 'sha256'); // expect: JS102
  res.json({ ok: hash.length > 0 });
});

app.get('/spin', (req: Request, res: Response) => {
  let x = 0;
  for (let i: number = 0; i < 1e7; i++) { // expect: JS103
    x += i % 7;
  }
  res.json({ x });
});

function sleepSync(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {} // expect: JS104
}

const NAME = /^(\w+\s?)*$/; // expect: JS105

app.get('/names', async (req: Request, res: Response) => {
  const names = (req.query.names as string[]) ?? [];
  const found: string[] = [];
  for (const name of names) {
    found.push(await lookup(name)); // expect: JS106
  }
  sleepSync(10); // ok: JS104 flags the loop in sleepSync itself
  res.json(found.filter((n) => NAME.test(n)));
});

async function lookup(name: string): Promise<string> {
  return fs.promises.readFile(`users/${name}`, 'utf8'); // ok: fs.promises
}

function requireAuth(req: Request, res: Response, next: NextFunction): void {
  const token = fs.readFileSync('/run/secrets/token', 'utf8'); // expect: JS101
  if (req.get('authorization') !== `Bearer ${token}`) {
    res.sendStatus(401);
    return;
  }
  next();
}

app.use(requireAuth);

app.get('/quiet', (req: Request, res: Response) => {
  res.send(fs.readFileSync('quiet.txt')); // stackfit: ignore[JS101]
});

// TypeScript parses `await f<T>(x)` as a call of `await f`: still f's call.
app.get('/similar', async (req: Request, res: Response) => {
  const items = await store.list<Report>('reports');
  const pairs: string[] = [];
  for (const a of items) { // expect: JS103
    for (const b of items) {
      if (a.id < b.id && a.rows.length === b.rows.length) pairs.push(a.id + b.id);
    }
  }
  const rest = (await store.list('reports')) as Report[];
  for (const a of rest) { // expect: JS103
    for (const b of rest) {
      if (a.id < b.id) pairs.push(b.id);
    }
  }
  res.json(pairs);
});

app.listen(3000);
