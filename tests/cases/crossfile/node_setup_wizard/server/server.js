// The service proper, started once the database is configured.
const fs = require('fs');
const express = require('express');
const SetupDatabase = require('./setup-database');

(async () => {
  if (!fs.existsSync('data/db-config.json')) {
    await new SetupDatabase().start(3001);
  }
  const app = express();
  app.get('/status/:id', (req, res) => {
    res.send(fs.readFileSync(`data/status-${Number(req.params.id)}.json`)); // expect: JS101
  });
  const server = app.listen(3001);
  // A graceful shutdown closes the server from a signal, not a route.
  process.on('SIGTERM', () => server.close());
})();
