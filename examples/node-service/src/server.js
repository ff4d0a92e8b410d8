const fs = require('fs');
const path = require('path');
const express = require('express');

const config = require('./config');
const createStore = require('./lib/store');
const authRoutes = require('./routes/auth');
const userRoutes = require('./routes/users');
const reportRoutes = require('./routes/reports');
const fileRoutes = require('./routes/files');
const adminRoutes = require('./routes/admin');

const store = createStore(config.dataDir);
const stats = { startedAt: new Date().toISOString(), requests: 0, errors: 0 };

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '2mb' }));
app.use(countRequests);

app.get('/healthz', (req, res) => {
  res.json({ ok: true, uptime: process.uptime(), requests: stats.requests });
});

app.use('/auth', authRoutes(store, config));
app.use('/users', userRoutes(store));
app.use('/reports', reportRoutes(store));
app.use('/files', fileRoutes(store, config));
app.use('/admin', requireAdmin, adminRoutes(config));

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  stats.errors++;
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

function countRequests(req, res, next) {
  stats.requests++;
  next();
}

function requireAdmin(req, res, next) {
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

if (require.main === module) {
  app.listen(config.port, () => console.log(`accounts-service listening on :${config.port}`));
}

module.exports = app;
