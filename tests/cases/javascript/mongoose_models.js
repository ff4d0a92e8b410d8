// Callbacks of database drivers run on the event loop when the query
// completes, even when the query is issued at start-up. Their method names
// (find, map, forEach) must not be mistaken for Array methods.
const fs = require('fs');
const mongoose = require('mongoose');

const User = mongoose.model('User', new mongoose.Schema({ name: String, active: Boolean }));

User.find({ active: true }, (err, users) => {
  fs.writeFileSync('/var/cache/active-users.json', JSON.stringify(users)); // expect: JS101
});

mongoose.connection.once('open', () => {
  const cursor = User.find().cursor();
  cursor.on('data', (doc) => fs.appendFileSync('/var/cache/users.ndjson', JSON.stringify(doc) + '\n')); // expect: JS101
});

const names = ['alice', 'bob'].map((n) => n.toUpperCase()); // ok: Array.prototype.map, no I/O
const seeds = ['users.json'].map((f) => fs.readFileSync(`${__dirname}/seed/${f}`)); // ok: Array map at top level

module.exports = { User, names, seeds };
