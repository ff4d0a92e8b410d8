const crypto = require('crypto');
const { promisify } = require('util');

const scrypt = promisify(crypto.scrypt);
const randomBytes = promisify(crypto.randomBytes);
const KEY_LENGTH = 64;

async function hashPassword(password) {
  const salt = (await randomBytes(16)).toString('hex');
  const hash = await scrypt(password, salt, KEY_LENGTH);
  return { scheme: 'scrypt', salt, hash: hash.toString('hex') };
}

async function verifyPassword(password, stored) {
  const hash = await scrypt(password, stored.salt, KEY_LENGTH);
  return crypto.timingSafeEqual(hash, Buffer.from(stored.hash, 'hex'));
}

module.exports = { hashPassword, verifyPassword };
