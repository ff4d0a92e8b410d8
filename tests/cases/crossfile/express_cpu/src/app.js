const express = require('express'); // expect: ST301
const { bestBundle } = require('./lib/bundles');

const app = express();
app.use(express.text({ type: 'application/json' }));

app.post('/bundles', async (req, res) => {
  res.json(bestBundle(req.body)); // expect: JS107
});

app.listen(3000);
