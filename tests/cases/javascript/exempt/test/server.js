// Tests may block as they like: nothing else shares their event loop.
const fs = require('fs');
const assert = require('assert');
const { describe, it, before } = require('node:test');

describe('server', () => {
  let fixture;
  before(() => {
    fixture = fs.readFileSync(`${__dirname}/fixtures/user.json`, 'utf8'); // ok: test file
  });

  it('serves the fixture', async () => {
    fs.writeFileSync('/tmp/expected.json', fixture); // ok: test file
    assert.ok(fs.existsSync('/tmp/expected.json')); // ok: test file
  });
});
