// Loaded in every run: its route is the service's.
const fs = require('fs');

module.exports.default = async (app) => {
  app.post('/uploads/:name', (req, res) => {
    fs.writeFileSync(`uploads/${Number(req.params.name)}`, req.body); // expect: JS101
    res.sendStatus(201);
  });
};
