// Walks a large array a chunk at a time, letting other requests run between chunks.
function eachInChunks(items, fn, done, chunkSize = 500) {
  let i = 0;
  function step() {
    const end = Math.min(i + chunkSize, items.length);
    for (; i < end; i++) fn(items[i], i);
    if (i < items.length) setImmediate(step);
    else done();
  }
  step();
}

module.exports = { eachInChunks };
