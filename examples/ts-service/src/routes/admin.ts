import fs from 'node:fs';
import { execSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Router, type Request, type Response, type NextFunction } from 'express';

import type { Config } from '../types.js';

const execFileAsync = promisify(execFile);

export default function adminRoutes(config: Config): Router {
  const router = Router();

  router.get('/version', (req: Request, res: Response) => {
    const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    res.json({ commit, node: process.version });
  });

  router.get('/disk', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { stdout } = await execFileAsync('df', ['-k', config.dataDir]);
      res.type('text/plain').send(stdout);
    } catch (err) {
      next(err);
    }
  });

  // Last 200 lines of the application log.
  router.get('/logs', (req: Request, res: Response) => {
    const lines = fs.readFileSync(config.logFile, 'utf8').trimEnd().split('\n');
    res.type('text/plain').send(lines.slice(-200).join('\n'));
  });

  return router;
}
