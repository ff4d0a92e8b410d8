// Settings are read once, at start-up. Environment variables win over the files.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './types.js';

const root = path.join(import.meta.dirname, '..');
const defaults = JSON.parse(fs.readFileSync(path.join(root, 'config', 'default.json'), 'utf8'));

// Developers can drop a config/local.json next to the defaults; it is not committed.
const localPath = path.join(root, 'config', 'local.json');
const local = fs.existsSync(localPath) ? JSON.parse(fs.readFileSync(localPath, 'utf8')) : {};
const file = { ...defaults, ...local };

const config: Readonly<Config> = Object.freeze({
  port: Number(process.env.PORT) || file.port,
  dataDir: path.resolve(root, process.env.DATA_DIR || file.dataDir),
  uploadDir: path.resolve(root, file.uploadDir),
  logFile: path.resolve(root, file.logFile),
  webhookUrl: process.env.WEBHOOK_URL || file.webhookUrl,
  adminToken: process.env.ADMIN_TOKEN || null,
  failedLoginDelayMs: file.failedLoginDelayMs,
});

export default config;
