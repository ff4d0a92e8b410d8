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
  // A graceful shutdown closes the server from a signal, not a route; it
  // runs once, as the service stops.
  const exitGracefully = () => {
    fs.rmSync('data/prefetch', { recursive: true, force: true }); // ok: runs once, as the service stops
    server.close();
  };
  process.on('SIGTERM', exitGracefully);
  process.on('SIGINT', () => {
    fs.writeFileSync('data/stopped', String(Date.now())); // ok: runs once, as the service stops
    server.close();
  });
})();
