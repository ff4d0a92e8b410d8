const fs = require('fs');

class UserStore {
  load(id) {
    return JSON.parse(fs.readFileSync(`users/${id}.json`, 'utf8'));
  }
}

module.exports = { UserStore };
