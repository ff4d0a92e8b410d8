const fs = require('fs');

function exists(p) {
  try {
    fs.statSync(p);
    return true;
  } catch (e) {
    return false;
  }
}

function log(line) {
  fs.appendFileSync('/var/log/app.log', line + '\n');
}

module.exports = { exists, log };
