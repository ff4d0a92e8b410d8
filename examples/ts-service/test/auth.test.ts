import test from 'node:test';
import assert from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Store } from '../src/lib/store.js';
import { hashPassword, verifyPassword } from '../src/lib/passwords.js';

test('verifyPassword accepts the right password only', async () => {
  const stored = await hashPassword('correct horse battery staple');
  assert.ok(await verifyPassword('correct horse battery staple', stored));
  assert.ok(!(await verifyPassword('Tr0ub4dor&3', stored)));
});

test('createUser writes the users file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accounts-'));
  try {
    const store = new Store(dir);
    const user = await store.createUser({ email: 'ada@example.com', password: await hashPassword('x'.repeat(12)), followers: [] });
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'users.json'), 'utf8')) as { id: string }[];
    assert.deepStrictEqual(saved.map((u) => u.id), [user.id]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
