/**
 * First run in the browser: `GET /api/setup` tells the console whether to show the set-up page (and the
 * install's console language); `POST /api/setup` turns the one-time token printed at start-up into the admin
 * account and signs it in. Wrong tokens are limited per address and in total (auth/attempt-limits.ts).
 */
import express, { Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { SessionResponse, SetupStatus } from '../protocol/api.js';
import { ForbiddenError, RateLimitedError } from '../errors.js';
import type { RateWindows } from '../cluster/rate-windows.js';
import { createAttemptLimits, type AttemptLimitsPolicy } from '../auth/attempt-limits.js';
import type { FirstRun } from '../auth/first-run.js';
import type { Sessions } from '../auth/sessions.js';
import type { Logger } from '../log.js';

/**
 * Per quarter hour: ten wrong tokens from one address, a hundred in all (ten from each address at most, since an
 * address is stopped at ten). A 60-bit token stays out of reach; the organiser behind a room's shared address
 * whom a prankster locked out has a way round: restarting the server prints a new token and clears the counts.
 * Only wrong tokens count: a mistyped password confirmation must not lock the organiser out.
 */
export const SETUP_LIMITS: AttemptLimitsPolicy = {
  windowMs: 15 * 60 * 1000,
  perAddressAndAccount: 10,
  total: 100,
  addressShare: 10,
};

/** The set-up token is one "account": the install's. */
const INSTALL = '';

export function setupRouter(firstRun: FirstRun, sessions: Sessions, log: Logger, windows?: RateWindows): Router {
  const router = Router();
  const limits = createAttemptLimits(SETUP_LIMITS, { windows, name: 'set-up' });

  router.get('/setup', async (_req, res) => {
    const body: SetupStatus = await firstRun.status();
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.post('/setup', express.json({ limit: '4kb' }), async (req, res) => {
    const address = ipKeyGenerator(req.ip ?? 'unknown');
    const allowed = await limits.check(address, INSTALL);
    if (!allowed.ok) {
      const minutes = Math.ceil(allowed.retryAfterSeconds / 60);
      const where = allowed.limit === 'total' ? '' : ' from this address';
      throw new RateLimitedError(
        `Too many wrong set-up tokens${where}; wait ${minutes} min.`,
        allowed.retryAfterSeconds,
      );
    }
    let admin;
    try {
      admin = await firstRun.complete(req.body);
    } catch (error) {
      // A wrong token is the one refusal that is a guess.
      if (error instanceof ForbiddenError) await limits.failed(address, INSTALL);
      throw error;
    }
    await limits.succeeded(address, INSTALL);
    log.info({ name: admin.name }, 'first run: admin account created in the browser');
    res.setHeader('Set-Cookie', await sessions.open(admin, req.secure));
    const body: SessionResponse = { moderator: admin };
    res.json(body);
  });

  return router;
}
