const fs = require('fs');
const { execSync, execFile } = require('child_process');
const { promisify } = require('util');
const express = require('express');

const execFileAsync = promisify(execFile);

module.exports = function adminRoutes(config) {
  const router = express.Router();

  router.get('/version', (req, res) => {
    const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    res.json({ commit, node: process.version });
  });

  router.get('/disk', async (req, res, next) => {
    try {
      const { stdout } = await execFileAsync('df', ['-k', config.dataDir]);
      res.type('text/plain').send(stdout);
    } catch (err) {
      next(err);
    }
  });

  // Last 200 lines of the application log.
  router.get('/logs', (req, res) => {
    const lines = fs.readFileSync(config.logFile, 'utf8').trimEnd().split('\n');
    res.type('text/plain').send(lines.slice(-200).join('\n'));
  });

  return router;
};
