// A test left with a merge conflict: conflict markers are reported
// in every file, browser code and tests included.
const assert = require('assert');
<<<<<<< HEAD // expect: syntax-error
assert.equal(1, 1);
=======
assert.equal(2, 2);
>>>>>>> feature
