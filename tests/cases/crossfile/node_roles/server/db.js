// Called only while the service starts: start-up code, however async.
const fs = require('fs');

async function connect() {
  if (!fs.existsSync('data/app.db')) { // ok: start-up (called from startApp)
    fs.writeFileSync('data/app.db', ''); // ok: start-up (called from startApp)
  }
  return true;
}

module.exports = { connect };
