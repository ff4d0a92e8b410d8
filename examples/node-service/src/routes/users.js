const express = require('express');

// Words separated by single spaces, e.g. "Ada Lovelace".
const DISPLAY_NAME = /^(\w+\s?)*$/;
// Lower-case words joined by dashes, e.g. "ada-lovelace".
const HANDLE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function publicProfile(user) {
  return { id: user.id, handle: user.handle, displayName: user.displayName };
}

module.exports = function userRoutes(store) {
  const router = express.Router();

  // GET /users?ids=a,b,c
  router.get('/', async (req, res) => {
    const ids = String(req.query.ids || '').split(',').filter(Boolean).slice(0, 100);
    const users = await Promise.all(ids.map((id) => store.getUser(id)));
    res.json(users.filter(Boolean).map(publicProfile));
  });

  router.get('/:id/followers', async (req, res) => {
    const user = await store.getUser(req.params.id);
    if (!user) return res.status(404).json({ error: 'no such user' });
    const followers = [];
    for (const followerId of user.followers) {
      followers.push(await store.getUser(followerId));
    }
    res.json(followers.filter(Boolean).map(publicProfile));
  });

  router.patch('/:id', async (req, res, next) => {
    const { displayName, handle } = req.body;
    if (displayName !== undefined && (displayName.length > 64 || !DISPLAY_NAME.test(displayName))) {
      return res.status(400).json({ error: 'invalid display name' });
    }
    if (handle !== undefined && !HANDLE.test(handle)) {
      return res.status(400).json({ error: 'invalid handle' });
    }
    try {
      const user = await store.updateUser(req.params.id, { displayName, handle });
      if (!user) return res.status(404).json({ error: 'no such user' });
      res.json(publicProfile(user));
    } catch (err) {
      next(err);
    }
  });

  return router;
};
