/**
 * First run in the browser: `GET /api/setup` tells the console whether to show the set-up page (and the
 * install's console language); `POST /api/setup` turns the one-time token printed at start-up into the admin
 * account and signs it in. Wrong tokens are rate-limited per address like sign-in attempts.
 */
import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { SessionResponse, SetupStatus } from '../protocol/api.js';
import { RateLimitedError } from '../errors.js';
import type { FirstRun } from '../auth/first-run.js';
import type { Sessions } from '../auth/sessions.js';
import type { Logger } from '../log.js';

/** Ten wrong tokens per quarter hour from one address, then wait: 60-bit tokens stay out of reach. */
const SETUP_WINDOW_MS = 15 * 60 * 1000;
const SETUP_ATTEMPTS = 10;

export function setupRouter(firstRun: FirstRun, sessions: Sessions, log: Logger): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: SETUP_WINDOW_MS,
    limit: SETUP_ATTEMPTS,
    // Only wrong tokens count: a mistyped password confirmation must not lock the organiser out.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 403,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new RateLimitedError('Too many wrong set-up tokens; wait 15 minutes.', SETUP_WINDOW_MS / 1000)),
  });

  router.get('/setup', (_req, res) => {
    const body: SetupStatus = firstRun.status();
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.post('/setup', limiter, express.json({ limit: '4kb' }), async (req, res) => {
    const admin = await firstRun.complete(req.body);
    log.info({ name: admin.name }, 'first run: admin account created in the browser');
    res.setHeader('Set-Cookie', sessions.open(admin, req.secure));
    const body: SessionResponse = { moderator: admin };
    res.json(body);
  });

  return router;
}
