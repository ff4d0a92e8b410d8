// Password hashing and key generation: the *Sync forms hold the event loop
// for the whole computation; the callback and promise forms run on libuv's
// thread pool.
const crypto = require('node:crypto');
const { promisify } = require('node:util');
const { scryptSync, pbkdf2Sync: derive } = require('crypto');
const bcrypt = require('bcrypt');
const bcryptjs = require('bcryptjs');
const express = require('express');

const scrypt = promisify(crypto.scrypt);
const generateKeyPair = promisify(crypto.generateKeyPair);

// Start-up: a signing key made once, before the server listens.
const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519'); // ok: top level
const pepper = crypto.scryptSync(process.env.PEPPER || 'dev', 'salt', 32); // ok: top level

const app = express();
app.use(express.json());

app.post('/login', (req, res) => {
  const user = app.locals.users.get(req.body.name);
  const hash = crypto.scryptSync(req.body.password, user.salt, 64); // expect: JS102
  res.sendStatus(crypto.timingSafeEqual(hash, user.hash) ? 204 : 401);
});

app.post('/login/legacy', (req, res) => {
  const user = app.locals.users.get(req.body.name);
  const hash = derive(req.body.password, user.salt, 310000, 32, 'sha256'); // expect: JS102
  res.sendStatus(hash.equals(user.hash) ? 204 : 401);
});

app.post('/signup', async (req, res) => {
  const salt = crypto.randomBytes(16); // ok: cheap
  const hash = await scrypt(req.body.password, salt, 64); // ok: thread pool
  const id = crypto.randomUUID(); // ok: cheap
  const token = crypto.createHmac('sha256', pepper).update(id).digest('hex'); // ok: hashing a few bytes
  const nonce = crypto.randomFillSync(Buffer.alloc(16)); // ok: 16 random bytes
  res.json({ id, token, nonce: nonce.toString('hex'), hash: hash.toString('hex') });
});

app.post('/keys', async (req, res) => {
  const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 4096 }); // expect: JS102
  const other = await generateKeyPair('rsa', { modulusLength: 4096 }); // ok: promisified
  res.json({ a: pair.publicKey.export({ type: 'spki', format: 'pem' }), b: other.publicKey.export({ type: 'spki', format: 'pem' }) });
});

app.post('/derive', (req, res) => {
  const okm = crypto.hkdfSync('sha512', req.body.ikm, 'salt', 'info', 64); // expect: JS102
  const key = scryptSync(req.body.secret, 'salt', 32); // expect: JS102
  res.json({ okm: Buffer.from(okm).toString('hex'), key: key.toString('hex') });
});

app.post('/prime', (req, res) => {
  res.json({ prime: crypto.generatePrimeSync(2048, { bigint: true }).toString() }); // expect: JS102
});

app.post('/bcrypt', async (req, res) => {
  const hash = bcrypt.hashSync(req.body.password, 12); // expect: JS102
  const same = bcryptjs.compareSync(req.body.password, hash); // expect: JS102
  const ok = await bcrypt.compare(req.body.password, hash); // ok: promise form
  res.json({ same, ok });
});

module.exports = { app, privateKey, publicKey };
