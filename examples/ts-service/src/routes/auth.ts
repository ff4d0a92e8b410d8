import crypto from 'node:crypto';
import { Router, type Request, type Response, type NextFunction } from 'express';

import { hashPassword, verifyPassword } from '@lib/passwords.js';
import { deliverWebhook } from '@lib/webhooks.js';
import type { Store } from '@lib/store.js';
import type { Config } from '../types.js';

export default function authRoutes(store: Store, config: Config): Router {
  const router = Router();

  router.post('/register', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { email, password } = req.body as { email?: unknown; password?: unknown };
      if (typeof email !== 'string' || typeof password !== 'string' || password.length < 10) {
        return res.status(400).json({ error: 'email and a password of 10+ characters are required' });
      }
      if (await store.findUserByEmail(email)) {
        return res.status(409).json({ error: 'email already registered' });
      }
      const user = await store.createUser({ email, password: await hashPassword(password), followers: [] });
      deliverWebhook(config.webhookUrl, { event: 'user.created', id: user.id })
        .catch((err: Error) => console.warn('user.created webhook failed:', err.message));
      res.status(201).json({ id: user.id });
    } catch (err) {
      next(err);
    }
  });

  router.post('/login', async (req: Request, res: Response) => {
    const { email, password } = req.body as { email: string; password: string };
    const user = await store.findUserByEmail(email);
    let ok = false;
    if (user && user.password.scheme === 'pbkdf2') {
      // Accounts created before the scrypt migration still carry PBKDF2 hashes.
      const hash = crypto.pbkdf2Sync(password, user.password.salt, 310000, 32, 'sha256');
      ok = crypto.timingSafeEqual(hash, Buffer.from(user.password.hash, 'hex'));
    } else if (user) {
      ok = await verifyPassword(password, user.password);
    }
    if (!ok) {
      // Make failed attempts slow so that guessing passwords is not worth it.
      const until = Date.now() + config.failedLoginDelayMs;
      while (Date.now() < until) {}
      return res.status(401).json({ error: 'invalid email or password' });
    }
    const session = await store.createSession(user!.id);
    res.json({ token: session.token, expiresAt: session.expiresAt });
  });

  return router;
}
