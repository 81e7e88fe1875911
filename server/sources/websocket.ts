/**
 * One websocket connection of a streaming source (Mastodon streaming, Jetstream), run until it ends. The caller
 * owns reconnecting and backfilling; this only tells it how the connection ended. A silent connection (no
 * message and no pong for `silenceMs`) counts as dropped: a half-open TCP connection would otherwise wait forever.
 */
import WebSocket from 'ws';

export interface WebSocketOptions {
  url: string;
  /** Subprotocols; Mastodon takes the access token here, which keeps it out of URLs and logs. */
  protocols?: string | string[];
  headers?: Record<string, string>;
  signal: AbortSignal;
  silenceMs?: number;
  /** How often to ping the server (a pong counts as a sign of life). */
  pingMs?: number;
  /** Called once the connection is open (before any message), with a way to send text frames (subscriptions). */
  onOpen?(send: (text: string) => void): void;
  /** Each text frame. A throw is the caller's bug: it is passed to `onMessageError` and the stream goes on. */
  onMessage(text: string): void;
  onMessageError?(error: unknown): void;
}

export type WebSocketEnd =
  | { reason: 'aborted'; opened: boolean }
  | { reason: 'closed'; opened: boolean; code: number; message: string }
  | { reason: 'silent'; opened: boolean }
  /** Refused at the handshake with an HTTP status (401 bad token, 429...); `retryAfter` in seconds when sent. */
  | { reason: 'refused'; opened: false; status: number; retryAfter?: number }
  | { reason: 'error'; opened: boolean; error: Error };

const DEFAULT_SILENCE_MS = 60_000;
const DEFAULT_PING_MS = 20_000;
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export function runWebSocket(options: WebSocketOptions): Promise<WebSocketEnd> {
  if (options.signal.aborted) return Promise.resolve({ reason: 'aborted', opened: false });
  return new Promise((resolve) => {
    let opened = false;
    let ended = false;
    const socket = new WebSocket(options.url, options.protocols, {
      headers: options.headers,
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: 15_000,
    });
    const silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
    let silence: NodeJS.Timeout | undefined;
    let ping: NodeJS.Timeout | undefined;

    function end(result: WebSocketEnd): void {
      if (ended) return;
      ended = true;
      clearTimeout(silence);
      clearInterval(ping);
      options.signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => undefined); // a late error after we stopped listening must not crash
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.terminate();
      resolve(result);
    }
    function alive(): void {
      clearTimeout(silence);
      silence = setTimeout(() => end({ reason: 'silent', opened }), silenceMs);
    }
    function onAbort(): void {
      end({ reason: 'aborted', opened });
    }

    options.signal.addEventListener('abort', onAbort, { once: true });
    alive();
    socket.on('open', () => {
      opened = true;
      alive();
      ping = setInterval(() => socket.ping(), options.pingMs ?? DEFAULT_PING_MS);
      options.onOpen?.((text) => socket.send(text));
    });
    socket.on('message', (data, isBinary) => {
      alive();
      if (isBinary) return;
      try {
        options.onMessage(data.toString());
      } catch (error) {
        options.onMessageError?.(error);
      }
    });
    socket.on('pong', alive);
    socket.on('ping', alive);
    socket.on('unexpected-response', (_request, response) => {
      const retryAfter = Number(response.headers['retry-after']);
      response.resume();
      end({
        reason: 'refused',
        opened: false,
        status: response.statusCode ?? 0,
        ...(Number.isFinite(retryAfter) ? { retryAfter } : {}),
      });
    });
    socket.on('close', (code, reason) => end({ reason: 'closed', opened, code, message: reason.toString() }));
    socket.on('error', (error) => end({ reason: 'error', opened, error }));
  });
}

/** One line for logs and moderators about how a connection ended. */
export function describeEnd(end: WebSocketEnd): string {
  switch (end.reason) {
    case 'aborted':
      return 'stopped';
    case 'closed':
      return `connection closed (${end.code}${end.message ? ` ${end.message}` : ''})`;
    case 'silent':
      return 'no data for too long: connection presumed dead';
    case 'refused':
      return `refused with HTTP ${end.status}`;
    case 'error':
      return end.error.message;
  }
}
