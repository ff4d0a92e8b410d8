'use strict';
// A service that reads a file on first use and keeps it in a variable named
// as a cache: the read happens once per process (or once per key), so the
// handlers that ask for it are not blamed for it. A read with no cache is.
const express = require('express');
const fs = require('fs');

let cachedHtml = null;
const templateCache = {};

function baseHtml() {
  if (cachedHtml) {
    return cachedHtml;
  }
  cachedHtml = fs.readFileSync('public/index.html', 'utf8');
  return cachedHtml;
}

function template(name) {
  if (!(name in templateCache)) {
    templateCache[name] = fs.readFileSync(`templates/${name}.html`, 'utf8');
  }
  return templateCache[name];
}

function changelog() {
  return fs.readFileSync('CHANGELOG.md', 'utf8');
}

class Pages {
  page(name) {
    if (!this._pageCache) {
      this._pageCache = new Map();
    }
    if (!this._pageCache.has(name)) {
      this._pageCache.set(name, fs.readFileSync(`pages/${name}.md`, 'utf8'));
    }
    return this._pageCache.get(name);
  }
}

const pages = new Pages();
const app = express();

app.get('/', (req, res) => {
  res.send(baseHtml()); // ok: read once, then served from cachedHtml
});

app.get('/t/:name', (req, res) => {
  res.send(template(String(req.params.name))); // ok: read once per template
});

app.get('/changes', (req, res) => {
  res.send(changelog()); // expect: JS107
});

app.get('/pages/:name', (req, res) => {
  res.send(pages.page(String(req.params.name))); // ok: read once per page
});

app.listen(8080);
