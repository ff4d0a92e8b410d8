const fs = require('fs');

exports.readLegacy = function readLegacy(name) {
  return fs.readFileSync(`legacy/${name}`); // ok: reported at the call in routes.ts
};
