const b = require('./b');

// Two hops from the handler: a.loadConfig -> b.readJson -> readFileSync.
exports.loadConfig = function loadConfig(name) {
  return b.readJson(`config/${name}.json`);
};
