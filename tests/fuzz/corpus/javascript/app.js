#!/usr/bin/env node
// stackfit: ignore-file
const fs = require('node:fs');
const { readFileSync: r } = require('fs');
import * as cp from 'child_process';
const crypto = require('crypto');
const express = require('express');
const { helper } = require('./helper');
const app = express();
app.get('/a', async (req, res) => {
  const x = fs.readFileSync(req.query.p); // stackfit: ignore[JS101, js102]
  // stackfit: ignore
  const y = r('/etc/hosts');
  for (let i = 0; i < 1e7; i++) { for (const k of req.body) { x[i] += k * 2; } }
  while (Date.now() < t) {}
  const re = /(\w+\s?)*$/; new RegExp("(a|a)*b");
  for (const u of req.body.urls) { await fetch(u); }
  crypto.pbkdf2Sync('p', 's', 1e5, 64, 'sha512'); cp.execSync('ls');
  res.json(helper(x, y));
});
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
module.exports = { fib, handler: async () => fib(30) };
export default function () { Atomics.wait(a, 0, 0); }
// stackfit: ignore-file
