/** Socket requests as promises that always settle, with a `Response` even when no answer comes. */
import type { Ack, RequestName, RequestPayload, RequestReply, Response } from '../../server/protocol/socket.js';

/** How long a moderator waits for an acknowledgement before being told to retry. */
export const ACK_TIMEOUT_MS = 10_000;

/** The server's response, or the console's own failure when the request could not be answered. */
export type Answer<T> = Response<T> | { ok: false; code: 'timeout' | 'disconnected'; message: string };

/**
 * What the parts of the console use to talk to the server: a request that always settles, its payload and the
 * data of its answer both read from the protocol's table of requests.
 */
export type Request = <K extends RequestName>(name: K, payload: RequestPayload<K>) => Promise<Answer<RequestReply<K>>>;

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
