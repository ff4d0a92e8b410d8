// Snippets without a package.json are not a component: the
// per-file and cross-file rules speak, the project-level ones do not.
const express = require('express');
const { score } = require('./score');

const app = express();
app.get('/score', async (req, res) => {
  res.json(score(req.query.items)); // expect: JS107
});
