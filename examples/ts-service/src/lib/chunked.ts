// Walks a large array a chunk at a time, letting other requests run between chunks.
export function eachInChunks<T>(items: T[], fn: (item: T, i: number) => unknown, done: () => void, chunkSize = 500): void {
  let i = 0;
  function step(): void {
    const end = Math.min(i + chunkSize, items.length);
    for (; i < end; i++) fn(items[i], i);
    if (i < items.length) setImmediate(step);
    else done();
  }
  step();
}
