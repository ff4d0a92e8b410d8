'use strict';
// Which stackfit binary the extension runs, in this order:
//  1. the setting `stackfit.path` (absolute, `~/…`, or relative to the
//     workspace folder);
//  2. the npm package of the workspace: node_modules/@stackfit/<platform>/bin/stackfit
//     in the workspace folder or a folder above it (not in an untrusted
//     workspace: that would run a binary the repository ships);
//  3. `stackfit` on PATH, as the extension host sees it (VS Code started from
//     a desktop menu takes PATH from a login shell: ~/.profile, not ~/.bashrc).
// Plain Node.js, no `vscode`: tests/editors/vscode/find.test.js runs it.
const fs = require('fs');
const os = require('os');
const path = require('path');

// The npm platform packages (packaging/npm), by process.platform-arch-libc.
const NPM_PACKAGES = { 'linux-x64-glibc': '@stackfit/linux-x64-gnu' };

function npmPackage() {
  let libc = '';
  if (process.platform === 'linux') {
    const header = process.report && process.report.getReport().header;
    libc = header && header.glibcVersionRuntime ? '-glibc' : '-musl';
  }
  return NPM_PACKAGES[`${process.platform}-${process.arch}${libc}`];
}

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch (e) {
    return false;
  }
}

// -> { path, source: 'setting' | 'npm' | 'PATH' } or { error } saying where it looked.
function findBinary({ setting, folders = [], trusted = true, envPath = process.env.PATH || '' }) {
  const looked = [];
  if (setting) {
    let p = setting.startsWith('~/') ? path.join(os.homedir(), setting.slice(2)) : setting;
    if (!path.isAbsolute(p)) p = path.resolve(folders[0] || process.cwd(), p);
    if (isExecutable(p)) return { path: p, source: 'setting' };
    return { error: `stackfit.path is ${setting}, and ${p} is not an executable file` };
  }
  const pkg = npmPackage();
  if (pkg && trusted) {
    for (const folder of folders) {
      for (let dir = folder; ; dir = path.dirname(dir)) {
        const p = path.join(dir, 'node_modules', pkg, 'bin', 'stackfit');
        if (isExecutable(p)) return { path: p, source: 'npm' };
        if (path.dirname(dir) === dir) break;
      }
    }
    looked.push(`node_modules/${pkg} of the workspace`);
  } else if (pkg) {
    looked.push('(not node_modules: the workspace is not trusted)');
  }
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, 'stackfit');
    if (isExecutable(p)) return { path: p, source: 'PATH' };
  }
  looked.push(`PATH (${envPath})`);
  return { error: `no stackfit binary: looked in ${looked.join(', ')}` };
}

module.exports = { findBinary, npmPackage, NPM_PACKAGES };
