// `.cts`: a CommonJS module in TypeScript.
const http = require('http');
const fs = require('fs');

http.createServer((req: unknown, res: { end(b: Buffer): void }) => {
  res.end(fs.readFileSync('index.html')); // expect: JS101
}).listen(8081);
