'use strict';
// An Express service: route handlers, middleware and error handlers run on
// the event loop; the module body runs once at start-up.
const express = require('express');
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const ROOT = path.join(__dirname, 'public');
const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8')); // ok: module top level is start-up
const indexHtml = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8'); // ok: read once at start-up
const revision = execSync('git rev-parse HEAD').toString().trim(); // ok: start-up

const app = express();
app.use(express.json());

app.get('/', (req, res) => {
  res.type('html').send(indexHtml); // ok: no I/O, cached at start-up
});

app.get('/report/:id', (req, res) => {
  const file = path.join(__dirname, 'reports', `${req.params.id}.json`);
  if (!fs.existsSync(file)) { // expect: JS101
    return res.sendStatus(404);
  }
  const data = fs.readFileSync(file); // expect: JS101
  res.type('json').send(data);
});

app.get('/report-ok/:id', async (req, res, next) => {
  try {
    const data = await fs.promises.readFile(path.join(__dirname, 'reports', `${req.params.id}.json`)); // ok: fs.promises
    res.type('json').send(data);
  } catch (err) {
    next(err);
  }
});

app.get('/legacy/:id', function (req, res) {
  fs.readFile(path.join(ROOT, req.params.id), (err, buf) => { // ok: callback API
    if (err) return res.sendStatus(404);
    res.send(buf);
  });
});

app.post('/upload', (req, res) => {
  fs.writeFileSync(path.join(__dirname, 'uploads', req.body.name), req.body.content); // expect: JS101
  res.sendStatus(201);
});

app.get('/version', (req, res) => {
  res.json({ revision, head: execSync('git rev-parse HEAD').toString() }); // expect: JS101
});

function requireAuth(req, res, next) {
  const token = fs.readFileSync('/run/secrets/token', 'utf8'); // expect: JS101
  if (req.get('authorization') !== `Bearer ${token}`) return res.sendStatus(401);
  next();
}

function getUser(req, res) {
  const users = JSON.parse(fs.readFileSync(config.usersFile, 'utf8')); // expect: JS101
  res.json(users[req.params.id] || null);
}

const router = express.Router();
router.get('/users/:id', requireAuth, getUser);

const listUsers = (req, res) => {
  res.json(fs.readdirSync(config.usersDir)); // expect: JS101
};
router.route('/users').get(listUsers);

app.use('/api', router);

// Error-handling middleware is a callback too.
app.use((err, req, res, next) => {
  fs.appendFileSync('error.log', `${new Date().toISOString()} ${err.stack}\n`); // expect: JS101
  res.status(500).send('internal error');
});

app.get('/static/:name', (req, res) => {
  res.sendFile(path.join(ROOT, req.params.name)); // ok: streams asynchronously
  // fs.readFileSync(path.join(ROOT, req.params.name)) -- ok: only a comment
});

app.get('/hint', (req, res) => {
  res.send('do not call fs.readFileSync() in a handler'); // ok: text in a string
});

app.listen(config.port || 3000);
