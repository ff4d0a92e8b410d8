// The entry: one object holds the service's modules, shared as a global.
let APP = {
  root: process.cwd(),
  kernel: require('./core/kernel'),
};
global.APP = APP;

APP.kernel.init();
