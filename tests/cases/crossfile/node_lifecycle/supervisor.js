// The supervisor: it starts the service as a child process, restarts it
// when it dies and keeps a pid file. It serves nothing itself.
const fs = require('fs');
const { fork } = require('child_process');

let child = null;

function start() {
  child = fork('server');
  child.on('exit', () => start());
}

process.on('SIGTERM', () => {
  fs.unlinkSync('board.pid'); // ok: the supervisor, not the service
  child.kill();
});

fs.open('board.json', 'r', (err) => {
  if (err) {
    return;
  }
  fs.writeFileSync('board.pid', String(process.pid)); // ok: the supervisor, not the service
  start();
});
