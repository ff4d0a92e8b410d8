// Plain node:http server: the request listener and every socket/stream
// event handler run on the event loop.
const http = require('node:http');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { spawnSync } = require('node:child_process');

const favicon = fs.readFileSync(`${__dirname}/favicon.ico`); // ok: start-up

const server = http.createServer((req, res) => {
  if (req.url === '/favicon.ico') {
    res.end(favicon); // ok: no I/O
    return;
  }
  if (req.url === '/stats') {
    const st = fs.statSync('/var/log/app.log'); // expect: JS101
    res.end(JSON.stringify({ size: st.size }));
    return;
  }
  const body = zlib.gzipSync(Buffer.from('hello world')); // expect: JS101
  res.writeHead(200, { 'content-encoding': 'gzip' });
  res.end(body);
});

function handleUpgrade(req, socket) {
  const r = spawnSync('id', ['-u']); // expect: JS101
  socket.end(r.stdout);
}
server.on('upgrade', handleUpgrade);

server.on('connection', (socket) => {
  socket.on('data', (chunk) => {
    fs.appendFileSync('/tmp/wire.log', chunk); // expect: JS101
  });
  socket.on('error', () => socket.destroy()); // ok: no I/O
});

const gz = zlib.createGzip(); // ok: stream API
server.on('request', (req, res) => {
  zlib.gzip(Buffer.from(req.url), (err, out) => { // ok: callback form
    if (!err) res.setHeader('x-url-gz', out.length);
  });
});

server.listen(8080);
module.exports = { server, gz };
