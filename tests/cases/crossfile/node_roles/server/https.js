// Loaded by the launcher through a dynamic import the index does not
// follow: the function that creates and starts the server runs once, as
// the service starts.
const fs = require('fs');
const https = require('https');

async function startHttps(app) {
  const key = fs.readFileSync('tls/key.pem'); // ok: start-up (it starts the server)
  const cert = fs.readFileSync('tls/cert.pem'); // ok: start-up (it starts the server)
  https.createServer({ key, cert }, app).listen(443);
}

module.exports = { startHttps };
