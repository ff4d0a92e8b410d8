// Listens on a side port, then hands itself to the callback it was given.
const net = require('net');

class Probe {
  constructor(onReady) {
    this.server = net.createServer((socket) => socket.end('ok'));
    this.server.listen(9090, () => onReady(this));
  }
}

module.exports = Probe;
