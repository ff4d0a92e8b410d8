// Not a test folder: "contest" only contains the letters "test".
const fs = require('fs');
const router = require('express').Router();

router.post('/entries', (req, res) => {
  fs.appendFileSync('/srv/entries.ndjson', JSON.stringify(req.body) + '\n'); // expect: JS101
  res.sendStatus(201);
});

module.exports = router;
