const fs = require('fs');

// The module's functions set on a name of its exports, calling each other.
const Skins = module.exports;

Skins.set = async (data) => {
  Skins.setPath(data.dir); // expect: JS107
};

Skins.setPath = function (dir) {
  return fs.existsSync(dir);
};
