const fs = require('fs');
const express = require('express');

const app = express();
app.get('/logs', (req, res) => {
  res.send(fs.readFileSync('admin.log', 'utf8')); // expect: JS101
});
app.post('/shutdown', (req, res) => {
  fs.writeFileSync('admin.stopped', String(Date.now())); // expect: JS101
  res.end();
  server.close();
});
const server = app.listen(4000);
