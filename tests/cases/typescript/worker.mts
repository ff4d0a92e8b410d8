// `.mts`: an ES module in TypeScript.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

createServer((req, res) => {
  res.end(readFileSync('index.html')); // expect: JS101
}).listen(8080);
