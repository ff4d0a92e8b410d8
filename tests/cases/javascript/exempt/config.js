// An application module that happens to be called config.js is not a
// build/config file of a tool: it runs inside the server.
const fs = require('fs');

let current = JSON.parse(fs.readFileSync('/etc/app/config.json', 'utf8')); // ok: top level

exports.reload = async () => {
  current = JSON.parse(fs.readFileSync('/etc/app/config.json', 'utf8')); // expect: JS101
  return current;
};
exports.get = () => current;
