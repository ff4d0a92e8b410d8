import fs from 'node:fs';
import path from 'node:path';
import { Router, type Request, type Response, type NextFunction } from 'express';

import { renderTemplate } from '@lib/templates.js';
import { makeThumbnail } from '@lib/thumbnails.js';
import type { Store } from '@lib/store.js';
import type { Config } from '../types.js';

export default function fileRoutes(store: Store, config: Config): Router {
  const router = Router();
  const projectDir = (project: string): string => path.join(config.uploadDir, path.basename(project));

  router.get('/projects/:project', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const names = await fs.promises.readdir(projectDir(req.params.project));
      res.json(names.filter((name) => !name.startsWith('.')));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return res.status(404).json({ error: 'unknown project' });
      next(err);
    }
  });

  router.get('/projects/:project/:name', (req: Request, res: Response) => {
    res.sendFile(path.basename(req.params.name), { root: projectDir(req.params.project) });
  });

  router.put('/projects/:project/:name', (req: Request, res: Response) => {
    const dir = projectDir(req.params.project);
    if (!fs.existsSync(dir)) {
      return res.status(404).json({ error: 'unknown project' });
    }
    fs.writeFileSync(path.join(dir, path.basename(req.params.name)), req.body.content ?? '');
    res.status(204).end();
  });

  router.post('/projects/:project/:name/thumbnail', async (req: Request, res: Response, next: NextFunction) => {
    const dir = projectDir(req.params.project);
    const name = path.basename(req.params.name);
    const { width, height, factor = 4 } = req.body as { width: number; height: number; factor?: number };
    try {
      const source = path.join(dir, name);
      const target = path.join(dir, `${name}.thumb`);
      res.status(201).json(await makeThumbnail({ source, target, width, height, factor }));
    } catch (err) {
      next(err);
    }
  });

  router.get('/invoices/:id', async (req: Request, res: Response) => {
    const invoice = await store.getInvoice(req.params.id);
    if (!invoice) return res.status(404).json({ error: 'no such invoice' });
    res.type('html').send(renderTemplate('invoice', invoice));
  });

  return router;
}
