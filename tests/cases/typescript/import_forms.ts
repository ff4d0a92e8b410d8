// TypeScript's own import and export forms: `import x = require()` binds a
// module like `const x = require()`; `import type` and type-only
// specifiers bind nothing that runs.
import fs = require('fs');
import zlib = require('node:zlib');
import type { Stats } from 'fs';
import { type Dirent, readdirSync } from 'fs';
import express = require('express');

const app = express();

app.get('/stat/:name', (req, res) => {
  const st: Stats = fs.statSync(req.params.name); // expect: JS101
  const entries: Dirent[] = readdirSync('.', { withFileTypes: true }); // expect: JS101
  res.send(zlib.gzipSync(JSON.stringify({ size: st.size, n: entries.length }))); // expect: JS101
});

// A local function that shadows nothing: `Stats` above is a type only.
function Stats2(): void {}
Stats2();

export = app;
