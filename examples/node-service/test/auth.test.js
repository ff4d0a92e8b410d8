const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const createStore = require('../src/lib/store');
const { hashPassword, verifyPassword } = require('../src/lib/passwords');

test('verifyPassword accepts the right password only', async () => {
  const stored = await hashPassword('correct horse battery staple');
  assert.ok(await verifyPassword('correct horse battery staple', stored));
  assert.ok(!(await verifyPassword('Tr0ub4dor&3', stored)));
});

test('createUser writes the users file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accounts-'));
  try {
    const store = createStore(dir);
    const user = await store.createUser({ email: 'ada@example.com', followers: [] });
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'users.json'), 'utf8'));
    assert.deepStrictEqual(saved.map((u) => u.id), [user.id]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
