// Catastrophic backtracking: a repeated part that can match the same text
// in more than one way, with something after it that can fail. Patterns
// compiled at start-up are matched later, on requests, so they count
// wherever they are written.
const express = require('express');

const NAME = /^(\w+\s?)*$/; // expect: JS105
const EMAIL = /^([a-zA-Z0-9._%-]+)+@example\.com$/; // expect: JS105
const LIST = /^(\s*,\s*)*$/; // expect: JS105
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/; // ok: each repetition starts with -
const HOST = /^([a-z0-9-]+\.)+[a-z]{2,}$/i; // ok: each label ends with a dot
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/; // ok: unambiguous
const QUOTED = /"(?:[^"\\]|\\.)*"/; // ok: escapes and other characters are disjoint
const TRAILING = /(a+)+/; // ok: nothing after it can fail, it matches at once
const KEYS = new RegExp('^(\\w+|\\d+)*:$'); // expect: JS105
const WORDS = RegExp('^(?:[a-z]+)+$', 'i'); // expect: JS105
const dynamic = new RegExp(process.env.PATTERN || 'x'); // ok: not a literal

const app = express();

app.post('/profile', (req, res) => {
  const bad = /(\d+)*\./.test(req.body.version); // expect: JS105
  const good = /^v?\d+(\.\d+)*$/.test(req.body.version); // ok: dot-separated
  const tags = /^(#[a-z]+)*$/; // ok: each repetition starts with #
  res.json({
    name: NAME.test(req.body.name),
    email: EMAIL.test(req.body.email),
    list: LIST.test(req.body.list),
    slug: SLUG.test(req.body.slug),
    host: HOST.test(req.body.host),
    ip: IPV4.test(req.body.ip),
    quoted: QUOTED.test(req.body.q),
    keys: KEYS.test(req.body.k) || WORDS.test(req.body.w) || TRAILING.test(''),
    dynamic: dynamic.test(req.body.d),
    bad,
    good,
    tags: tags.test(req.body.tags),
  });
});

// stackfit: ignore[JS105] -- input is bounded to 64 characters above
const LEGACY = /^(a|aa)+$/;

module.exports = { app, LEGACY };
