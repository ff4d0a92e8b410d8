const core = require('./core');
const express = require('express');

const router = express.Router();

router.get('/log', (req, res) => {
  // Set on the module by server.js: another file.
  core.files.log(req.query.msg); // expect: JS107
  res.end();
});

// Not set by anyone: nothing to find.
router.get('/nothing', (req, res) => {
  core.cache.get(req.query.k);
  res.end();
});

module.exports = router;
