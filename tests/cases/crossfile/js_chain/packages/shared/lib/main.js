const crypto = require('crypto');

// A package of this repository, required by its name.
function hashToken(token) {
  return crypto.pbkdf2Sync(token, 'salt', 100000, 32, 'sha256');
}

module.exports = { hashToken };
