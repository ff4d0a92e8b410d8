// Built once by the server at start-up: its constructor's load is
// start-up code, whatever file makes it.
const fs = require('fs');

module.exports = class Catalog {
  constructor() {
    this.entries = [];
    this.load();
  }

  async load() {
    this.entries = JSON.parse(fs.readFileSync('catalog.json', 'utf8')); // ok: start-up (the constructor's)
  }
};
