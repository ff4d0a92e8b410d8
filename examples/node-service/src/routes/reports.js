const express = require('express');

const { eachInChunks } = require('../lib/chunked');

function csvField(value) {
  const text = String(value ?? '');
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

module.exports = function reportRoutes(store) {
  const router = express.Router();

  router.get('/revenue', async (req, res) => {
    const orders = await store.list('orders');
    const byMonth = {};
    for (const order of orders) {
      const month = order.createdAt.slice(0, 7);
      byMonth[month] = (byMonth[month] || 0) + order.total;
    }
    res.json(byMonth);
  });

  // Products that share most of their tags, for the "you may also like" box.
  router.get('/similar-products', async (req, res) => {
    const products = await store.list('products');
    const pairs = [];
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

  router.get('/orders.csv', async (req, res) => {
    const orders = await store.list('orders');
    const rows = ['id,customer,total,created_at'];
    const toRow = (o) => rows.push([o.id, csvField(o.customer), o.total.toFixed(2), o.createdAt].join(','));
    eachInChunks(orders, toRow, () => {
      res.type('text/csv').send(rows.join('\n'));
    });
  });

  return router;
};
