import crypto from 'node:crypto';
import { promisify } from 'node:util';

import type { PasswordHash } from '../types.js';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: string, keylen: number) => Promise<Buffer>;
const randomBytes = promisify(crypto.randomBytes);
const KEY_LENGTH = 64;

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = (await randomBytes(16)).toString('hex');
  const hash = await scrypt(password, salt, KEY_LENGTH);
  return { scheme: 'scrypt', salt, hash: hash.toString('hex') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const hash = await scrypt(password, stored.salt, KEY_LENGTH);
  return crypto.timingSafeEqual(hash, Buffer.from(stored.hash, 'hex'));
}
