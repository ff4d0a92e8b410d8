// Type annotations as light types: a parameter typed `typeof import('fs')`
// is the fs module, one typed with a class of the project is an instance
// of it (so its methods resolve), and so are the fields and constructor
// parameter properties `this.x` stands for.
import express from 'express';

class Store {
  load(key: string): string {
    const fs = require('fs');
    return fs.readFileSync(`/data/${key}`, 'utf8');
  }

  async loadLater(key: string): Promise<string> {
    return key;
  }
}

class Cache {
  private entries = new Map<string, string>();

  constructor(private readonly store: Store, private backup?: Store | null) {}

  get(key: string): string {
    const hit = this.entries.get(key);
    return hit !== undefined ? hit : this.store!.load(key);
  }
}

async function readConfig(f: typeof import('fs'), name: string): Promise<string> {
  return f.readFileSync(name, 'utf8'); // expect: JS101
}

async function viaPromises(p: typeof import('fs/promises')): Promise<void> {
  await p.readFile('x'); // ok: fs/promises
}

async function show(store: Store, key: string | undefined): Promise<string> {
  return store.load(key ?? 'default'); // expect: JS107
}

async function later(store: Store): Promise<string> {
  return store.loadLater('k'); // ok: an async method runs no blocking body here
}

const app = express();
const cache = new Cache(new Store());

app.get('/k/:key', (req, res) => {
  res.send(cache.get(req.params.key)); // expect: JS107
});

export { readConfig, viaPromises, show, later };
