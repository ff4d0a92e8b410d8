// Collaborative pads: the notes travel over socket.io.
const http = require('http');
const express = require('express');

const app = express();
const server = http.createServer(app);
const io = require('socket.io')(server);

const pads = new Map();

io.on('connection', (socket) => {
  socket.on('edit', (pad, text) => {
    pads.set(String(pad), String(text));
    socket.broadcast.emit('edit', pad, text);
  });
});

app.get('/pads/:id', (req, res) => {
  res.send(pads.get(String(req.params.id)) || '');
});

server.listen(3000);
