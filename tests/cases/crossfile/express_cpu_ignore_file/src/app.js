// stackfit: ignore-file
// A legacy service its team will not touch: nothing in this file is
// reported, the project-level finding anchored here (ST301) included.
const express = require('express');
const { fib } = require('./fib');

const app = express();

app.get('/fib/:n', async (req, res) => {
  res.json({ v: fib(Number(req.params.n)) });
});

app.listen(3000);
