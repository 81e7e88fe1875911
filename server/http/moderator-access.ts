/** Who a request's session cookie belongs to, for the HTTP routes only moderators (or only admins) may use. */
import type { Request, RequestHandler } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { Sessions } from '../auth/sessions.js';
import type { Moderator } from '../protocol/socket.js';

/** The signed-in moderator; 401 without a valid session. */
export async function moderatorOf(sessions: Sessions, req: Request): Promise<Moderator> {
  const moderator = await sessions.fromCookieHeader(req.headers.cookie);
  if (!moderator) throw new UnauthorizedError();
  return moderator;
}

/** Lets admins through (the moderator in `res.locals.moderator`); 401 signed out, 403 with `refusal` otherwise. */
export function adminsOnly(sessions: Sessions, refusal: string): RequestHandler {
  // Express 5 passes a rejected promise on to the error handler.
  return async (req, res, next) => {
    const moderator = await moderatorOf(sessions, req);
    if (moderator.role !== 'admin') throw new ForbiddenError(refusal);
    res.locals.moderator = moderator;
    next();
  };
}
