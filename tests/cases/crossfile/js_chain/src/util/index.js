const { statSync } = require('node:fs');

function sizeOf(p) {
  return statSync(p).size;
}

module.exports = { sizeOf };
