module.exports = function (grunt) {
  const fs = require('fs');
  grunt.registerTask('stamp', function () {
    fs.writeFileSync('build-stamp.txt', new Date().toISOString()); // ok: Gruntfile
  });
};
