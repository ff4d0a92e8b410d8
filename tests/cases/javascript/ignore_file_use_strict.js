'use strict';
// stackfit: ignore-file -- legacy module, scheduled for removal
const fs = require('fs');

module.exports = async function legacy(req, res) {
  res.end(fs.readFileSync('/srv/legacy.html')); // ok: the whole file is ignored
};
