/** The moderator session over HTTP: `/api/session`, with its HttpOnly cookie handled by the browser. */
import type { SessionResponse } from '../../server/protocol/api.js';

/** `status` 0 means no answer (network down, server stopped). */
export type SessionResult =
  { ok: true; session: SessionResponse } | { ok: false; status: number; retryAfter: string | null };

export function getSession(): Promise<SessionResult> {
  return call('GET');
}

export function createSession(name: string, password: string): Promise<SessionResult> {
  return call('POST', { name, password });
}

export async function deleteSession(): Promise<void> {
  // Signing out locally goes ahead even if the server cannot be told.
  // JSON, as the server wants from every change of a session (server/http/session-guard.ts).
  await fetch('/api/session', { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(
    () => undefined,
  );
}

async function call(method: 'GET' | 'POST', body?: { name: string; password: string }): Promise<SessionResult> {
  let response: Response;
  try {
    response = await fetch('/api/session', {
      method,
      headers: body
        ? { 'Content-Type': 'application/json', Accept: 'application/json' }
        : { Accept: 'application/json' },
      body: body ? JSON.stringify(body) : null,
    });
  } catch {
    return { ok: false, status: 0, retryAfter: null };
  }
  if (!response.ok) return { ok: false, status: response.status, retryAfter: response.headers.get('Retry-After') };
  return { ok: true, session: (await response.json()) as SessionResponse };
}
