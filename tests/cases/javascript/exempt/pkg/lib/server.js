// Same package, but not its bin entry: an ordinary module.
const fs = require('fs');

module.exports = async (req, res) => {
  res.end(fs.readFileSync('/srv/pkg.txt')); // expect: JS101
};
