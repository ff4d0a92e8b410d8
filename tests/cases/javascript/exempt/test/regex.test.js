// Tests may use any pattern: nothing serves requests here.
const assert = require('node:assert');

it('rejects slow input quickly', () => {
  const slow = /^(a+)+$/; // ok: test file
  for (let i = 0; i < 1e7; i++) {} // ok: test file
  assert.ok(!slow.test('aaaa!'));
});
