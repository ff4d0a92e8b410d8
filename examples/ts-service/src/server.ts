import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

import config from './config.js';
import { Store } from '@lib/store.js';
import authRoutes from './routes/auth.js';
import userRoutes from './routes/users.js';
import reportRoutes from './routes/reports.js';
import fileRoutes from './routes/files.js';
import adminRoutes from './routes/admin.js';

const store = new Store(config.dataDir);
const stats = { startedAt: new Date().toISOString(), requests: 0, errors: 0 };

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '2mb' }));
app.use(countRequests);

app.get('/healthz', (req: Request, res: Response) => {
  res.json({ ok: true, uptime: process.uptime(), requests: stats.requests });
});

app.use('/auth', authRoutes(store, config));
app.use('/users', userRoutes(store));
app.use('/reports', reportRoutes(store));
app.use('/files', fileRoutes(store, config));
app.use('/admin', requireAdmin, adminRoutes(config));

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  stats.errors++;
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

function countRequests(req: Request, res: Response, next: NextFunction): void {
  stats.requests++;
  next();
}

function requireAdmin(req: Request, res: Response, next: NextFunction) {
  if (!config.adminToken || req.get('x-admin-token') !== config.adminToken) {
    return res.status(403).json({ error: 'forbidden' });
  }
  next();
}

// Keep the counters across restarts. 'exit' listeners cannot wait for async work.
process.on('exit', () => {
  fs.writeFileSync(path.join(config.dataDir, 'stats.json'), JSON.stringify(stats));
});
process.on('SIGTERM', () => process.exit(0));

app.listen(config.port, () => console.log(`accounts-service listening on :${config.port}`));

export default app;
