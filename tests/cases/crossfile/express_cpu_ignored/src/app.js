// A team that knows the CPU work here is small and bounded silences each
// finding where it is reported: the project-level one at its anchor too.
const express = require('express'); // stackfit: ignore[ST301]
const { fib } = require('./fib');

const app = express();

app.get('/fib/:n', async (req, res) => {
  // stackfit: ignore[JS107]
  res.json({ v: fib(Math.min(20, Number(req.params.n))) });
});

app.get('/fib2/:n', async (req, res) => {
  res.json({ v: fib(Number(req.params.n)) }); // expect: JS107
});

app.listen(3000);
