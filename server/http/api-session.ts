/** Moderator sign-in and sign-out. Login attempts are rate-limited per address; successful ones do not count. */
import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { SessionResponse } from '../protocol/api.js';
import { BadRequestError, RateLimitedError, UnauthorizedError } from '../errors.js';
import { verifyPassword } from '../auth/passwords.js';
import type { Sessions } from '../auth/sessions.js';
import type { ModeratorStore } from '../store/moderators.js';

/** Ten wrong passwords per quarter hour from one address, then wait. */
const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const LOGIN_ATTEMPTS = 10;

export function sessionRouter(moderators: ModeratorStore, sessions: Sessions): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: LOGIN_ATTEMPTS,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new RateLimitedError('Too many sign-in attempts; wait 15 minutes.', LOGIN_WINDOW_MS / 1000)),
  });

  router.post('/session', loginLimiter, express.json({ limit: '4kb' }), async (req, res) => {
    const { name, password } = (req.body ?? {}) as { name?: unknown; password?: unknown };
    if (typeof name !== 'string' || typeof password !== 'string' || name === '' || password === '') {
      throw new BadRequestError('Give a name and a password.');
    }
    const moderator = moderators.findByName(name.trim());
    // Hash even for an unknown name, so timing does not tell which names exist.
    const valid = await verifyPassword(password, moderator?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!moderator || !valid) throw new UnauthorizedError('Wrong name or password.');
    const { passwordHash: _hash, ...publicModerator } = moderator;
    res.setHeader('Set-Cookie', sessions.open(publicModerator, req.secure));
    const body: SessionResponse = { moderator: publicModerator };
    res.json(body);
  });

  router.get('/session', (req, res) => {
    const moderator = sessions.fromCookieHeader(req.headers.cookie);
    if (!moderator) throw new UnauthorizedError();
    const body: SessionResponse = { moderator };
    res.json(body);
  });

  router.delete('/session', (req, res) => {
    res.setHeader('Set-Cookie', sessions.close(req.headers.cookie, req.secure));
    res.status(204).end();
  });

  return router;
}

/** Same cost parameters as real hashes, so the scrypt work is the same; its key part matches no password. */
const UNKNOWN_USER_HASH =
  'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$4Tf1Y3p2x6mF0k3Rk0y2o6Z3u7c8o2l1d5t9q4w6e1r3t5y7u9i0o2p4a6s8d0f2g4h6j8k0l2z4x6c8v0b2n4';
