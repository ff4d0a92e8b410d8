// Suppression comments: on the flagged line, alone on the line above, with
// the right id, with a list of ids, and the ones that must NOT suppress.
const fs = require('fs');
const express = require('express');

const app = express();

app.get('/s1', (req, res) => {
  // ok: the next line is suppressed by a bare ignore on the same line
  res.send(fs.readFileSync('/srv/s1')); // stackfit: ignore
});

app.get('/s2', (req, res) => {
  // ok: the next-but-one line is covered by the ignore[JS101] alone above it
  // stackfit: ignore[JS101]
  res.send(fs.readFileSync('/srv/s2'));
});

app.get('/s3', (req, res) => {
  // stackfit: ignore[JS101, JS102]
  res.send(fs.readFileSync('/srv/s3')); // ok: JS101 is in the list above
});

app.get('/s4', (req, res) => {
  /* stackfit: ignore */
  res.send(fs.readFileSync('/srv/s4')); // ok: block comment alone above
});

app.get('/s5', (req, res) => {
  // stackfit: ignore[JS102]
  res.send(fs.readFileSync('/srv/s5')); // expect: JS101
});

app.get('/s6', (req, res) => {
  // stackfit: ignore

  res.send(fs.readFileSync('/srv/s6')); // expect: JS101
});

app.get('/s7', (req, res) => {
  const a = fs.readFileSync('/srv/s7a'); // stackfit: ignore
  const b = fs.readFileSync('/srv/s7b'); // expect: JS101
  res.send(Buffer.concat([a, b]));
});

app.get('/s8', (req, res) => {
  // stackfit: ignored because someone said so
  res.send(fs.readFileSync('/srv/s8')); // expect: JS101
});

app.get('/s9', (req, res) => {
  // stackfit: ignore[PY201]
  res.send(fs.readFileSync('/srv/s9')); // expect: JS101
});

app.get('/s10', (req, res) => {
  res.send(fs.readFileSync('/srv/s10')); // stackfit: ignore[js101]
});

module.exports = app;
