// The service: Express routes and socket.io events.
import express from 'express';
import * as fs from 'fs';
import * as https from 'https';
import { Server } from 'socket.io';
import blobs from './lib/blobs';
import { prefs } from './lib/prefs';
import helpers from './lib/crypto';
import { FileJournal, Journal } from './lib/journal';

const journals: Journal[] = [new FileJournal()];

export async function start(tls: { key: string; cert: string } | null): Promise<void> {
  const app = express();

  app.get('/blobs/:digest', (req, res) => {
    res.json({ stored: blobs.has(req.params.digest) }); // expect: JS107
  });

  app.post('/prefs', express.json(), (req, res) => {
    const p = prefs();
    p.values = { ...p.values, ...req.body };
    p.persist(); // expect: JS107 (the accessor's declared return type)
    res.json(p.values);
  });

  app.get('/logs', (_req, res) => {
    const lines = fs.readFileSync('/var/log/relay/app.log', 'utf8').split('\n'); // expect: JS101
    res.json(lines.filter((l) => l.length > 0).map((l) => JSON.parse(l)));
  });

  app.post('/upload/:name', (req, res) => {
    let target: string;
    do {
      target = `/var/lib/relay/uploads/${Math.random().toString(16).slice(2)}`;
    } while (fs.existsSync(target)); // expect: JS101
    req.pipe(fs.createWriteStream(target)).on('finish', () => res.end(target));
  });

  // Started once, before the server listens: start-up, not a handler.
  const server = tls
    ? https.createServer(
        { key: fs.readFileSync(tls.key), cert: fs.readFileSync(tls.cert) }, // ok: start-up code in an async function
        app,
      )
    : app.listen(8080);
  const io = new Server(server);

  io.on('connection', (socket) => {
    socket.on('password', (secret: string) => {
      socket.emit('password', helpers.secrets.digest(secret)); // known-miss: JS107 (a function in an exported object literal)
    });
    socket.on('say', (line: string) => {
      for (const j of journals) j.record(line); // known-miss: JS107 (called through an interface)
    });
  });
}
