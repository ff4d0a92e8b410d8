const fs = require('fs');

exports.setPath = function (dir) {
  return fs.existsSync(dir);
};
