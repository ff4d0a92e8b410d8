const fs = require('fs');

function show(req, res) {
  res.send(fs.readFileSync('show.txt', 'utf8')); // expect: JS101
}

module.exports = { show };
