// A service: what it registers runs on the event loop while it serves;
// what runs once before it listens does not, and neither do its scripts,
// its command-line tool, its browser code or what only development runs
// register.
const fs = require('fs');
const express = require('express');
const { Server } = require('socket.io');
const { loadInvoice } = require('./invoices');
const db = require('./db');
const { Settings } = require('./settings');

const isDev = process.env.NODE_ENV === 'development';
const app = express();

app.get('/invoice/:id', async (req, res) => {
  res.json(await loadInvoice(req.params.id));
});

app.get('/settings', async (req, res) => {
  res.json(Settings.getInstance().data); // ok: a singleton, built once
});

app.get('/health', (req, res) => {
  res.send(fs.readFileSync('/proc/loadavg', 'utf8')); // expect: JS101
});

if (isDev) {
  // Registered only for the end-to-end tests.
  app.get('/_e2e/snapshot', (req, res) => {
    fs.copyFileSync('data/app.db', 'data/snapshot.db'); // ok: development runs only
    res.end();
  });
}

async function startApp() {
  await db.connect();
  fs.mkdirSync('data/uploads', { recursive: true }); // ok: start-up, before listen
  const server = app.listen(3000);
  const io = new Server(server);
  io.on('connection', (socket) => {
    socket.on('subscribe', (board) => {
      const layout = fs.readFileSync(`boards/${board}.json`, 'utf8'); // expect: JS101
      socket.emit('layout', layout);
    });
  });
}

startApp();
