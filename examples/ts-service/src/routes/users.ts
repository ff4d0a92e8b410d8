import { Router, type Request, type Response, type NextFunction } from 'express';

import type { Store } from '@lib/store.js';
import type { User } from '../types.js';

// Words separated by single spaces, e.g. "Ada Lovelace".
const DISPLAY_NAME = /^(\w+\s?)*$/;
// Lower-case words joined by dashes, e.g. "ada-lovelace".
const HANDLE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function publicProfile(user: User) {
  return { id: user.id, handle: user.handle, displayName: user.displayName };
}

export default function userRoutes(store: Store): Router {
  const router = Router();

  // GET /users?ids=a,b,c
  router.get('/', async (req: Request, res: Response) => {
    const ids = String(req.query.ids || '').split(',').filter(Boolean).slice(0, 100);
    const users = await Promise.all(ids.map((id) => store.getUser(id)));
    res.json(users.filter((u): u is User => u !== null).map(publicProfile));
  });

  router.get('/:id/followers', async (req: Request, res: Response) => {
    const user = await store.getUser(req.params.id);
    if (!user) return res.status(404).json({ error: 'no such user' });
    const followers: (User | null)[] = [];
    for (const followerId of user.followers) {
      followers.push(await store.getUser(followerId));
    }
    res.json(followers.filter((u): u is User => u !== null).map(publicProfile));
  });

  router.patch('/:id', async (req: Request, res: Response, next: NextFunction) => {
    const { displayName, handle } = req.body as Partial<User>;
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
}
