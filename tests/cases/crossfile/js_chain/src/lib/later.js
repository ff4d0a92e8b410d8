const fs = require('fs');

module.exports = async function startLater() {
  fs.writeFileSync('later.txt', 'x'); // expect: JS101
};
