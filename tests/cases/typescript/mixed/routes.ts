import { Router } from 'express';
import { readLegacy } from './lib/legacy';

export const router = Router();

router.get('/legacy/:name', (req, res) => {
  res.send(readLegacy(req.params.name)); // expect: JS107
});
