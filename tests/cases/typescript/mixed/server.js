const express = require('express');
const { pack } = require('./lib/report');
const { router } = require('./routes');

const app = express();
app.use(router);
app.get('/report', (req, res) => {
  res.send(pack('report')); // expect: JS107
});
app.listen(3000);
