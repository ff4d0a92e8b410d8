// Every pair of items, scored: O(n²) work.
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

module.exports = { bestBundle };
