// Loaded only when the server runs with --dev: serves the client's sources.
const fs = require('fs');

module.exports.default = async (app) => {
  app.get('/', (req, res) => {
    res.send(fs.readFileSync('client/index.html', 'utf8')); // ok: development runs only
  });
};
