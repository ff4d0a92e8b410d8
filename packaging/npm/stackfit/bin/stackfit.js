#!/usr/bin/env node
'use strict';
// `npx stackfit ARGS`: runs the prebuilt binary with ARGS, on this
// process's stdin, stdout and stderr, and exits as it exits.
const { spawnSync } = require('child_process');
const { binaryPath } = require('..');

let bin;
try {
  bin = binaryPath();
} catch (e) {
  process.stderr.write(e.message + '\n');
  process.exit(2);
}
const r = spawnSync(bin, process.argv.slice(2), { stdio: 'inherit' });
if (r.error) {
  process.stderr.write(`stackfit: cannot run ${bin}: ${r.error.message}\n`);
  process.exit(2);
}
if (r.signal) process.kill(process.pid, r.signal);
process.exit(r.status === null ? 2 : r.status);
