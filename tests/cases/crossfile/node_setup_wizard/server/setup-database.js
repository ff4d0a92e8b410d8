// Serves the database set-up page until the user has chosen, then closes.
const fs = require('fs');
const express = require('express');

class SetupDatabase {
  start(port) {
    return new Promise((resolve) => {
      const app = express();
      let tempServer;
      app.get('/setup-database-info', (req, res) => {
        res.json({ drivers: fs.readdirSync('drivers') }); // ok: the set-up wizard, served once
      });
      app.post('/setup-database', (req, res) => {
        fs.writeFileSync('data/db-config.json', JSON.stringify(req.body)); // ok: the set-up wizard, served once
        res.json({ ok: true });
        tempServer.close(() => resolve());
      });
      tempServer = app.listen(port);
    });
  }
}

module.exports = SetupDatabase;
