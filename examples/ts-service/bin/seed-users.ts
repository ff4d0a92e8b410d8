#!/usr/bin/env ts-node
// Seeds data/users.json from a CSV export of the old portal: email,password
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import readline from 'node:readline';

import config from '../src/config.js';
import type { User } from '../src/types.js';

const csvPath = process.argv[2];
if (!csvPath || !fs.existsSync(csvPath)) {
  console.error('usage: seed-users <users.csv>');
  process.exit(2);
}

const users: Omit<User, 'createdAt'>[] = [];
const rl = readline.createInterface({ input: fs.createReadStream(csvPath) });

rl.on('line', (line: string) => {
  if (!line.trim() || line.startsWith('email,')) return;
  const [email, password] = line.split(',');
  const salt = crypto.randomBytes(16).toString('hex');
  const hash = crypto.scryptSync(password, salt, 64).toString('hex');
  users.push({ id: crypto.randomUUID(), email, password: { scheme: 'scrypt', salt, hash }, followers: [] });
});

rl.on('close', () => {
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(path.join(config.dataDir, 'users.json'), JSON.stringify(users, null, 2));
  console.log(`seeded ${users.length} users into ${config.dataDir}`);
});
