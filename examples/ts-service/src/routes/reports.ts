import { Router, type Request, type Response } from 'express';

import { eachInChunks } from '@lib/chunked.js';
import type { Store } from '@lib/store.js';
import type { Order, Product } from '../types.js';

function csvField(value: unknown): string {
  const text = String(value ?? '');
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export default function reportRoutes(store: Store): Router {
  const router = Router();

  router.get('/revenue', async (req: Request, res: Response) => {
    const orders = await store.list<Order>('orders');
    const byMonth: Record<string, number> = {};
    for (const order of orders) {
      const month = order.createdAt.slice(0, 7);
      byMonth[month] = (byMonth[month] || 0) + order.total;
    }
    res.json(byMonth);
  });

  // Products that share most of their tags, for the "you may also like" box.
  router.get('/similar-products', async (req: Request, res: Response) => {
    const products = await store.list<Product>('products');
    const pairs: { a: string; b: string; score: number }[] = [];
    for (const a of products) {
      for (const b of products) {
        if (a.id >= b.id) continue;
        const shared = a.tags.filter((tag) => b.tags.includes(tag)).length;
        const score = shared / (a.tags.length + b.tags.length - shared || 1);
        if (score >= 0.5) pairs.push({ a: a.id, b: b.id, score });
      }
    }
    pairs.sort((x, y) => y.score - x.score);
    res.json(pairs.slice(0, 50));
  });

  router.get('/orders.csv', async (req: Request, res: Response) => {
    const orders = await store.list<Order>('orders');
    const rows = ['id,customer,total,created_at'];
    const toRow = (o: Order) => rows.push([o.id, csvField(o.customer), o.total.toFixed(2), o.createdAt].join(','));
    eachInChunks(orders, toRow, () => {
      res.type('text/csv').send(rows.join('\n'));
    });
  });

  return router;
}
