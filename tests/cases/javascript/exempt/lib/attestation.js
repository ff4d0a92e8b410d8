// Not a test: "test" inside a word of the file name does not make one.
const fs = require('fs');

module.exports = async function attest(req, res) {
  res.send(fs.readFileSync('/srv/attestation.jwt')); // expect: JS101
};
