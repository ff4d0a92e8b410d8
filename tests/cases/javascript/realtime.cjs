// Real-time servers (ws, socket.io) and a serverless handler, CommonJS.
const fs = require('node:fs');
const path = require('node:path');
const { WebSocketServer } = require('ws');
const { Server } = require('socket.io');

const HISTORY = path.join(__dirname, 'history.ndjson');
fs.mkdirSync(path.dirname(HISTORY), { recursive: true }); // ok: top level

const wss = new WebSocketServer({ port: 8090 });
wss.on('connection', (ws, req) => {
  ws.send(fs.readFileSync(HISTORY, 'utf8')); // expect: JS101
  ws.on('message', (data) => {
    fs.appendFileSync(HISTORY, `${data}\n`); // expect: JS101
    for (const client of wss.clients) client.send(String(data)); // ok: no I/O
  });
  ws.on('close', () => {
    fs.appendFile(HISTORY, `bye ${req.socket.remoteAddress}\n`, () => {}); // ok: callback API
  });
});

const io = new Server(8091);
io.on('connection', (socket) => {
  socket.on('chat', (msg, ack) => {
    fs.appendFileSync(HISTORY, JSON.stringify(msg) + '\n'); // expect: JS101
    socket.broadcast.emit('chat', msg);
    ack();
  });
});

exports.handler = async (event) => {
  const tmp = fs.mkdtempSync('/tmp/job-'); // expect: JS101
  await fs.promises.writeFile(path.join(tmp, 'event.json'), JSON.stringify(event)); // ok: fs.promises
  return { statusCode: 200, body: tmp };
};
