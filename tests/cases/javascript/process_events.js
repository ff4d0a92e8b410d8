// process 'exit' listeners must be synchronous (the loop is gone); other
// process events are ordinary event-loop callbacks.
const fs = require('fs');
const { execSync } = require('child_process');

const STATE = '/var/lib/app/state.json';
const state = { started: Date.now(), requests: 0 };

process.on('exit', (code) => {
  fs.writeFileSync(STATE, JSON.stringify({ ...state, code })); // ok: exit listeners must be synchronous
  execSync('logger app stopped'); // ok: exit listener
});

function removePid() {
  fs.rmSync('/run/app.pid', { force: true }); // ok: registered as an exit listener
}
process.on('exit', removePid);

process.once('exit', () => {
  fs.appendFileSync('/var/log/app.log', 'bye\n'); // ok: once('exit') is an exit listener too
});

process.on('SIGHUP', () => {
  Object.assign(state, JSON.parse(fs.readFileSync(STATE, 'utf8'))); // expect: JS101
});

process.on('beforeExit', () => {
  fs.writeFileSync(STATE, JSON.stringify(state)); // expect: JS101
});

process.on('message', (msg) => {
  if (msg === 'dump') fs.writeFileSync('/tmp/state.json', JSON.stringify(state)); // expect: JS101
});

// Registered both as an exit listener and as a signal handler: the signal
// handler runs on the live event loop.
function saveState() {
  fs.writeFileSync(STATE, JSON.stringify(state)); // expect: JS101
}
process.on('exit', saveState);
process.on('SIGUSR2', saveState);

module.exports = state;
