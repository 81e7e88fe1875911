/**
 * The guard in front of every HTTP route a moderator's session cookie authorises (sign-in and sign-out, set-up,
 * the admin API, export, purge), with origin.ts: a request from another origin's page is refused (403), and one
 * that changes something must send JSON (415). A page of another origin can send a "simple" request (a form post,
 * text/plain, no body at all) without the browser asking this server first; a JSON one it cannot, so this second
 * rule holds even for a browser that sent no Origin.
 */
import type { Request, RequestHandler } from 'express';
import { ForbiddenError, UnsupportedMediaTypeError } from '../errors.js';
import type { Logger } from '../log.js';
import { message, requestLanguage } from './messages.js';
import type { OriginPolicy } from './origin.js';

const CHANGES_STATE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Refused origins already logged: one line each, however often a page retries. */
const LOGGED_ORIGINS_MAX = 100;

export function sessionRouteGuard(policy: OriginPolicy, log: Logger): RequestHandler {
  const logged = new Set<string>();
  return (req, _res, next) => {
    const language = requestLanguage(req);
    if (policy.verdict(req) === 'foreign') {
      const origin = req.get('origin') ?? `a ${req.get('sec-fetch-site') ?? 'foreign'} page`;
      if (!logged.has(origin) && logged.size < LOGGED_ORIGINS_MAX) {
        logged.add(origin);
        // Info, not an error: an attack or a proxy that does not pass on the Host (then set publicUrl).
        log.info(
          { origin, allowed: policy.allowedOrigins(req), path: req.path },
          'request from another origin refused',
        );
      }
      throw new ForbiddenError(message('foreignOrigin', language, { origin }));
    }
    if (CHANGES_STATE.has(req.method) && !sendsJson(req)) {
      throw new UnsupportedMediaTypeError(message('jsonOnly', language));
    }
    next();
  };
}

function sendsJson(req: Request): boolean {
  const type = req.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}
