// Every pair of items of a posted JSON list, scored: O(n²) work.
function bestBundle(json) {
  const items = JSON.parse(json);
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
