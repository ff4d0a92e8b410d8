// Boots the service: read the TLS files, then serve.
const fs = require('fs');
const express = require('express');

/* global APP */
module.exports = {
  async init() {
    APP.tls = { cert: fs.readFileSync('tls/cert.pem') }; // ok: start-up, through APP.kernel.init()
    await this.boot();
  },
  async boot() {
    const app = express();
    app.get('/pages/:id', (req, res) => {
      res.send(fs.readFileSync(`pages/${Number(req.params.id)}.md`, 'utf8')); // expect: JS101
    });
    app.listen(3000);
  },
};
