// The service's shared object: other files hang their modules on it.
const fs = require('fs-extra');
const path = require('path');

const core = {
  fs: fs,
  path,
  root: '/srv/app',
};

module.exports = core;
