const fs = require('fs');
const { series } = require('gulp');

async function clean() {
  fs.rmSync('out', { recursive: true, force: true }); // ok: gulpfile
}

exports.default = series(clean, (cb) => {
  fs.mkdirSync('out'); // ok: gulpfile
  cb();
});
