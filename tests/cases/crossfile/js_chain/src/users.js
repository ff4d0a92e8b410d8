const { UserStore } = require('./model/user-store');

const users = new UserStore();

class Audit {
  write(line) {
    require('fs').appendFileSync('audit.log', line);
  }
}
const audit = new Audit();

module.exports = async function showUser(req, res) {
  audit.write(req.params.id); // expect: JS107
  res.json(users.load(req.params.id)); // expect: JS107
};
