/**
 * Moderator sign-in and sign-out. Wrong passwords are limited per address and account, per account and in total
 * (auth/attempt-limits.ts, SIGN_IN_LIMITS below); successful sign-ins do not count and clear the counts.
 */
import express, { Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { SessionResponse } from '../protocol/api.js';
import { BadRequestError, RateLimitedError, UnauthorizedError } from '../errors.js';
import { verifyPassword } from '../auth/passwords.js';
import type { Sessions } from '../auth/sessions.js';
import type { RateWindows } from '../cluster/rate-windows.js';
import { createAttemptLimits, type AttemptCheck, type AttemptLimitsPolicy } from '../auth/attempt-limits.js';
import type { ModeratorStore } from '../store/moderators.js';

/**
 * Per quarter hour: ten wrong passwords from one address at one account (the room behind the venue's one address
 * can still use every other account), fifty at one account from anywhere, three hundred in all, of which one
 * address makes at most thirty. Moderator passwords have at least ten characters (generated ones sixteen), so
 * fifty guesses a quarter hour get nowhere.
 */
export const SIGN_IN_LIMITS: AttemptLimitsPolicy = {
  windowMs: 15 * 60 * 1000,
  perAddressAndAccount: 10,
  perAccount: 50,
  total: 300,
  addressShare: 30,
};

const WAIT: Record<Exclude<AttemptCheck, { ok: true }>['limit'], string> = {
  'address-and-account': 'Too many wrong passwords for this account from this address',
  account: 'Too many wrong passwords for this account',
  total: 'Too many wrong passwords on this server',
};

/** One spelling per account, whatever case or composition was typed. */
const accountKey = (name: string) => name.normalize('NFC').toLowerCase();

export function sessionRouter(moderators: ModeratorStore, sessions: Sessions, windows?: RateWindows): Router {
  const router = Router();
  const limits = createAttemptLimits(SIGN_IN_LIMITS, { windows, name: 'sign-in' });

  router.post('/session', express.json({ limit: '4kb' }), async (req, res) => {
    const { name, password } = (req.body ?? {}) as { name?: unknown; password?: unknown };
    if (typeof name !== 'string' || typeof password !== 'string' || name === '' || password === '') {
      throw new BadRequestError('Give a name and a password.');
    }
    const address = ipKeyGenerator(req.ip ?? 'unknown');
    // Unknown names count like known ones, so the limits do not tell which names exist either.
    const account = accountKey(name.trim());
    const allowed = await limits.check(address, account);
    if (!allowed.ok) {
      const minutes = Math.ceil(allowed.retryAfterSeconds / 60);
      throw new RateLimitedError(`${WAIT[allowed.limit]}; wait ${minutes} min.`, allowed.retryAfterSeconds);
    }
    const moderator = await moderators.findByName(name.trim());
    // Hash even for an unknown name, so timing does not tell which names exist.
    const valid = await verifyPassword(password, moderator?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!moderator || !valid) {
      await limits.failed(address, account);
      throw new UnauthorizedError('Wrong name or password.');
    }
    await limits.succeeded(address, account);
    const { passwordHash: _hash, ...publicModerator } = moderator;
    res.setHeader('Set-Cookie', await sessions.open(publicModerator, req.secure));
    const body: SessionResponse = { moderator: publicModerator };
    res.json(body);
  });

  router.get('/session', async (req, res) => {
    const moderator = await sessions.fromCookieHeader(req.headers.cookie);
    if (!moderator) throw new UnauthorizedError();
    const body: SessionResponse = { moderator };
    res.json(body);
  });

  router.delete('/session', async (req, res) => {
    res.setHeader('Set-Cookie', await sessions.close(req.headers.cookie, req.secure));
    res.status(204).end();
  });

  return router;
}

/** Same cost parameters as real hashes, so the scrypt work is the same; its key part matches no password. */
const UNKNOWN_USER_HASH =
  'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$4Tf1Y3p2x6mF0k3Rk0y2o6Z3u7c8o2l1d5t9q4w6e1r3t5y7u9i0o2p4a6s8d0f2g4h6j8k0l2z4x6c8v0b2n4';
