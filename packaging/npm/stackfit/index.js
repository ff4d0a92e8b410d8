'use strict';
// Where the prebuilt stackfit binary of this machine is: the platform
// package npm chose through optionalDependencies (as oxlint and Biome do).
// require('stackfit').binaryPath() gives its absolute path, or throws an
// Error saying why there is none.
const path = require('path');

// process.platform, process.arch and the C library -> the package that
// carries the binary for them.
const PACKAGES = {
  'linux-x64-glibc': '@stackfit/linux-x64-gnu',
};

function libc() {
  if (process.platform !== 'linux') return '';
  // Node's report names the glibc it runs on; musl has none.
  const header = process.report && process.report.getReport().header;
  return header && header.glibcVersionRuntime ? 'glibc' : 'musl';
}

function target() {
  const c = libc();
  return `${process.platform}-${process.arch}${c ? '-' + c : ''}`;
}

function binaryPath() {
  if (process.env.STACKFIT_BINARY) return process.env.STACKFIT_BINARY;
  const t = target();
  const pkg = PACKAGES[t];
  if (!pkg) {
    throw new Error(`stackfit: no prebuilt binary for ${t} (there is one for ` +
      `${Object.keys(PACKAGES).join(', ')}); build it from source, or set ` +
      'STACKFIT_BINARY to a stackfit binary');
  }
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'stackfit');
  } catch (e) {
    throw new Error(`stackfit: the package ${pkg}, which carries the binary for ${t}, ` +
      'is not installed. npm installs it as an optional dependency of stackfit: ' +
      'install again without --omit=optional (--no-optional), and keep it in the lock file');
  }
}

module.exports = { binaryPath, target, PACKAGES };
