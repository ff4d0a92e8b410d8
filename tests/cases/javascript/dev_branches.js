// A route whose development-only branches write debugging files: what runs
// only `if (isDev)` or when NODE_ENV is "development" is not the service's
// code in production.
const express = require('express');
const fs = require('fs');

const app = express();
const isDev = process.env.NODE_ENV !== 'production';

app.get('/report', (req, res) => {
  if (isDev) {
    fs.writeFileSync('/tmp/last-report.json', JSON.stringify(req.query)); // ok: development runs only
  }
  if (process.env.NODE_ENV === 'development') {
    fs.appendFileSync('/tmp/requests.log', req.url); // ok: development runs only
  }
  if (req.query.archive) {
    fs.appendFileSync('/srv/archive.log', req.url); // expect: JS101
  }
  res.send(fs.readFileSync('/srv/report.html', 'utf8')); // expect: JS101
});

app.listen(3000);
