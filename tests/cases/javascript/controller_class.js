// Class-based controllers: methods registered by reference as route or
// event handlers run on the event loop; the constructor and static set-up
// called from the module top level run at start-up.
const fs = require('fs');
const path = require('path');
const { EventEmitter } = require('events');
const express = require('express');

class UserController {
  constructor(dataDir) {
    this.dataDir = dataDir;
    fs.mkdirSync(dataDir, { recursive: true }); // ok: constructed once at start-up
    this.router = express.Router();
    this.router.get('/', this.list);
    this.router.get('/:id', this.show.bind(this));
    this.router.post('/', this.create);
  }

  list(req, res) {
    res.json(fs.readdirSync(req.app.locals.dataDir)); // expect: JS101
  }

  show(req, res) {
    const file = path.join(this.dataDir, `${req.params.id}.json`);
    res.type('json').send(fs.readFileSync(file)); // expect: JS101
  }

  async create(req, res) {
    await fs.promises.writeFile(path.join(req.app.locals.dataDir, `${req.body.id}.json`), JSON.stringify(req.body)); // ok: fs.promises
    res.sendStatus(201);
  }

  async purge() {
    const names = fs.readdirSync(this.dataDir); // expect: JS101
    await Promise.all(names.map((name) => fs.promises.unlink(path.join(this.dataDir, name)))); // ok: fs.promises
  }

  static loadSchema(file) {
    return JSON.parse(fs.readFileSync(file, 'utf8')); // ok: only called from the top level
  }
}

class JobQueue extends EventEmitter {
  constructor(spool) {
    super();
    this.spool = spool;
    this.on('job', this.persist);
    this.on('done', this.cleanup.bind(this));
  }

  persist(job) {
    fs.writeFileSync(path.join(job.spool, `${job.id}.json`), JSON.stringify(job)); // expect: JS101
  }

  cleanup(job) {
    fs.unlinkSync(path.join(this.spool, `${job.id}.json`)); // expect: JS101
  }

  describe() {
    return `queue at ${this.spool}`; // ok: no I/O
  }
}

// Handlers referenced as members of an instance or of an object literal.
class HealthController {
  check(req, res) {
    res.json({ disk: fs.statfsSync('/').bavail }); // expect: JS101
  }
}

const handlers = {
  ping(req, res) {
    res.send(fs.readFileSync('/srv/pong.txt')); // expect: JS101
  },
};

const schema = UserController.loadSchema(path.join(__dirname, 'user.schema.json'));
const users = new UserController(path.join(__dirname, 'data', 'users'));
const queue = new JobQueue('/var/spool/app');

const health = new HealthController();
const app = express();
app.get('/health', health.check);
app.get('/ping', handlers.ping);
app.use('/users', users.router);

module.exports = { app, users, queue, schema };
