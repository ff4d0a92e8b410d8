// Reached from a route in another file, two calls down.
const fs = require('fs');

function readInvoiceFile(id) {
  return fs.readFileSync(`invoices/${id}.json`, 'utf8');
}

async function loadInvoice(id) {
  return JSON.parse(readInvoiceFile(id)); // expect: JS107
}

module.exports = { loadInvoice };
