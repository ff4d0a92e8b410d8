// A lazily built singleton: the constructor's read runs once, the first
// time anything asks, not on every request that asks.
const fs = require('fs');

class Settings {
  constructor() {
    this.data = JSON.parse(fs.readFileSync('data/settings.json', 'utf8'));
  }

  static getInstance() {
    if (!Settings.instance) {
      Settings.instance = new Settings();
    }
    return Settings.instance;
  }
}

module.exports = { Settings };
