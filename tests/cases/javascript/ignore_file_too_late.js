// Route table for the admin area.
const fs = require('fs');
const express = require('express');

// stackfit: ignore-file  -- too late: not in the file's first comment block

const app = express();
app.get('/admin', (req, res) => {
  res.send(fs.readFileSync('/srv/admin.html')); // expect: JS101
});

module.exports = app;
