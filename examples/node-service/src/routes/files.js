const fs = require('fs');
const path = require('path');
const express = require('express');

const { renderTemplate } = require('../lib/templates');
const { makeThumbnail } = require('../lib/thumbnails');

module.exports = function fileRoutes(store, config) {
  const router = express.Router();
  const projectDir = (project) => path.join(config.uploadDir, path.basename(project));

  router.get('/projects/:project', async (req, res, next) => {
    try {
      const names = await fs.promises.readdir(projectDir(req.params.project));
      res.json(names.filter((name) => !name.startsWith('.')));
    } catch (err) {
      if (err.code === 'ENOENT') return res.status(404).json({ error: 'unknown project' });
      next(err);
    }
  });

  router.get('/projects/:project/:name', (req, res) => {
    res.sendFile(path.basename(req.params.name), { root: projectDir(req.params.project) });
  });

  router.put('/projects/:project/:name', (req, res) => {
    const dir = projectDir(req.params.project);
    if (!fs.existsSync(dir)) {
      return res.status(404).json({ error: 'unknown project' });
    }
    fs.writeFileSync(path.join(dir, path.basename(req.params.name)), req.body.content ?? '');
    res.status(204).end();
  });

  router.post('/projects/:project/:name/thumbnail', async (req, res, next) => {
    const dir = projectDir(req.params.project);
    const name = path.basename(req.params.name);
    const { width, height, factor = 4 } = req.body;
    try {
      const source = path.join(dir, name);
      const target = path.join(dir, `${name}.thumb`);
      res.status(201).json(await makeThumbnail({ source, target, width, height, factor }));
    } catch (err) {
      next(err);
    }
  });

  router.get('/invoices/:id', async (req, res) => {
    const invoice = await store.getInvoice(req.params.id);
    if (!invoice) return res.status(404).json({ error: 'no such invoice' });
    res.type('html').send(renderTemplate('invoice', invoice));
  });

  return router;
};
