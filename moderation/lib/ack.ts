/** Socket requests as promises that always settle, with a `Response` even when no answer comes. */
import type { Ack, ModerationClientToServer, Response } from '../../server/protocol/socket.js';

/** How long a moderator waits for an acknowledgement before being told to retry. */
export const ACK_TIMEOUT_MS = 10_000;

/** The server's response, or the console's own failure when the request could not be answered. */
export type Answer<T> = Response<T> | { ok: false; code: 'timeout' | 'disconnected'; message: string };

/** Names of the `/moderation` requests, with what each sends and what its ack carries. */
export type RequestName = keyof ModerationClientToServer;
export type RequestOf<K extends RequestName> = Parameters<ModerationClientToServer[K]>[0];
export type ReplyOf<K extends RequestName> =
  Parameters<ModerationClientToServer[K]>[1] extends Ack<infer T> ? T : never;

/** What the parts of the console use to talk to the server: a typed request that always settles. */
export type Request = <K extends RequestName>(name: K, payload: RequestOf<K>) => Promise<Answer<ReplyOf<K>>>;

/**
 * Calls `send` with an ack callback and resolves with the server's answer, or with `timeout` after `timeoutMs`.
 * A late answer after the timeout is ignored.
 */
export function requestWithAck<T>(send: (ack: Ack<T>) => void, timeoutMs = ACK_TIMEOUT_MS): Promise<Answer<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, code: 'timeout', message: '' }), timeoutMs);
    send((response) => {
      clearTimeout(timer);
      resolve(response);
    });
  });
}
