/**
 * The `/wall` socket.io namespace, typed, shared by the wall and the web view. Reconnection is ours, from the
 * delay table in `retry.ts`, rather than socket.io's: it covers the server closing the connection itself (a
 * restart, a failed snapshot), which socket.io never retries, and it retries at once when the device comes back
 * online or a phone wakes up. The server answers every (re)connect with a fresh `wall:snapshot`.
 */
import { io, type Socket } from 'socket.io-client';
import type { WallClientToServer, WallHandshake, WallServerToClient } from '../../server/protocol/socket.js';
import { reconnectDelay } from './retry.js';

export type WallSocket = Socket<WallServerToClient, WallClientToServer>;

export interface WallListeners extends WallServerToClient {
  /** Called on every connect and disconnect. */
  connection: (connected: boolean) => void;
  /** The server refused the connection for good (no retry); `message` is its reason. */
  refused: (message: string) => void;
}

/** The listeners the wall's screens may leave out. */
type OptionalEvents = 'wall:announcement' | 'wall:spotlight' | 'wall:ended';

export type WallSocketListeners = Omit<WallListeners, OptionalEvents> & Partial<Pick<WallListeners, OptionalEvents>>;

/** Connects to the event's wall and keeps reconnecting until the returned function is called. */
export function openWallSocket(slug: string, listeners: WallSocketListeners): () => void {
  const auth: WallHandshake = { event: slug };
  const socket: WallSocket = io('/wall', { auth: { ...auth }, reconnection: false, forceNew: true, timeout: 10_000 });
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  /** Set when the event does not exist: retrying would only be refused again. */
  let gone = false;

  const retry = (delay: number) => {
    if (closed || gone || socket.connected || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      attempt += 1;
      if (!closed && !socket.connected) socket.connect();
    }, delay);
  };
  const retryNow = () => {
    if (closed || gone || socket.connected) return;
    clearTimeout(timer);
    timer = undefined;
    attempt = 0;
    socket.connect();
  };
  const wake = () => {
    if (typeof document === 'undefined' || document.visibilityState === 'visible') retryNow();
  };

  socket.on('connect', () => {
    attempt = 0;
    listeners.connection(true);
  });
  socket.on('disconnect', (reason) => {
    listeners.connection(false);
    if (reason !== 'io client disconnect') retry(reconnectDelay(attempt));
  });
  socket.on('connect_error', (error) => {
    listeners.connection(false);
    // `active` is false when a server middleware rejected the handshake: retrying would be refused again.
    if (!socket.active) listeners.refused(error.message);
    else retry(reconnectDelay(attempt));
  });
  socket.on('wall:error', (error) => {
    if (error.code === 'not_found') gone = true;
    listeners['wall:error'](error);
  });
  socket.on('wall:snapshot', listeners['wall:snapshot']);
  socket.on('item:shown', listeners['item:shown']);
  socket.on('item:hidden', listeners['item:hidden']);
  socket.on('item:updated', listeners['item:updated']);
  socket.on('wall:settings', listeners['wall:settings']);
  if (listeners['wall:announcement']) socket.on('wall:announcement', listeners['wall:announcement']);
  if (listeners['wall:spotlight']) socket.on('wall:spotlight', listeners['wall:spotlight']);
  if (listeners['wall:ended']) socket.on('wall:ended', listeners['wall:ended']);
  globalThis.addEventListener?.('online', retryNow);
  globalThis.document?.addEventListener('visibilitychange', wake);

  return () => {
    closed = true;
    clearTimeout(timer);
    globalThis.removeEventListener?.('online', retryNow);
    globalThis.document?.removeEventListener('visibilitychange', wake);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
