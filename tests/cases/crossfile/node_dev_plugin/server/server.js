// The service: in development runs it also mounts a dev server plugin.
const express = require('express');

async function start(options) {
  const app = express();
  if (options.dev) {
    await (await import('./plugins/dev-server')).default(app);
  }
  await (await import('./plugins/uploads')).default(app);
  app.listen(9000);
}

start({ dev: process.argv.includes('--dev') });
