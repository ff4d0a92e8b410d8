const fs = require('fs');
const path = require('path');

exports.load = async (name) => JSON.parse(fs.readFileSync(path.join(__dirname, name), 'utf8')); // ok: under tests/
