const { parentPort } = require('worker_threads');

function bestBundle(items) {
  let best = null;
  for (const a of items) {
    for (const b of items) {
      const score = a.price * b.affinity - b.price;
      if (best === null || score > best.score) best = { a: a.id, b: b.id, score };
    }
  }
  return best;
}

parentPort.on('message', ({ id, items }) => {
  parentPort.postMessage({ id, best: bestBundle(items) });
});
