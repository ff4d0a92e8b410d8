import { readFileSync } from 'node:fs';

describe('user', () => {
  it('parses', async () => {
    const raw = readFileSync(new URL('./user.json', import.meta.url)); // ok: *.spec.mjs
    expect(JSON.parse(raw).id).toBe(1);
  });
});
