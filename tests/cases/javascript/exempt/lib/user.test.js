const fs = require('fs');
const { execSync } = require('child_process');

it('migrates', async () => {
  execSync('npm run migrate'); // ok: *.test.js
  expect(fs.readdirSync('migrations').length).toBeGreaterThan(0); // ok: *.test.js
});
