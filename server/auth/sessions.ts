/**
 * Session cookies for moderators: a random token in an HttpOnly, SameSite=Strict cookie; only its SHA-256 is
 * stored. The same check serves HTTP requests and the socket.io handshake. Nothing is kept in memory: a session
 * opened or closed anywhere counts at once, on every request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import type { Moderator } from '../protocol/socket.js';
import type { ModeratorStore } from '../store/moderators.js';

export const SESSION_COOKIE = 'murmure_session';
/** A long event day, with margin; a moderator signs in again the next morning. */
export const SESSION_TTL_MS = 16 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createSessions(moderators: ModeratorStore) {
  return {
    /** Opens a session and returns the Set-Cookie header value. */
    async open(moderator: Moderator, secure: boolean, now = Date.now()): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await moderators.createSession(hashToken(token), moderator.id, now + SESSION_TTL_MS, now);
      await moderators.deleteExpiredSessions(now);
      return serializeCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
    },

    /** The moderator behind a Cookie header, or null when absent, unknown or expired. */
    async fromCookieHeader(header: string | undefined, now = Date.now()): Promise<Moderator | null> {
      const token = header ? parseCookie(header)[SESSION_COOKIE] : undefined;
      return token ? moderators.findSession(hashToken(token), now) : null;
    },

    /** Ends the session and returns the Set-Cookie header value that clears the cookie. */
    async close(header: string | undefined, secure: boolean): Promise<string> {
      const token = header ? parseCookie(header)[SESSION_COOKIE] : undefined;
      if (token) await moderators.deleteSession(hashToken(token));
      return serializeCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0 });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
