const fs = require('fs');

test('routes file exists', async () => {
  expect(fs.existsSync('routes.json')).toBe(true); // ok: under __tests__/
});
